import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { MachineRow, SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import type { SparePartList, SparePartView } from './spare-parts.schema.ts';

interface Problem {
  code: string;
  errors?: { code: string; path?: string; value?: string; message?: string }[];
}

const hostile = '<img src=x onerror=alert(1)> CPU';

const cpu = {
  kind: 'device',
  name: 'SIMATIC S7-1500 CPU 1516-3 PN/DP',
  vendor: 'Siemens',
  model_number: '6ES7516-3AN02-0AB0',
  firmware_version: 'V2.9.4',
  quantity: 2,
  storage_location: 'Ersatzteillager Halle 2, Regal 4',
  notes: 'Vor Einbau auf aktuelle Firmware bringen.\nSD-Karte liegt bei.',
};

describeEachDialect('spare parts and devices', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let press: MachineRow;
  let lathe: MachineRow;
  let admin: TestSession;
  let northEngineer: TestSession;
  let northMaintenance: TestSession;
  let northOperator: TestSession;
  let southMaintenance: TestSession;
  let pressVendor: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    press = await insertMachine(ctx.db, { machine_id: 'PR-7', site_id: north.id, name: 'Presse 7' });
    lathe = await insertMachine(ctx.db, { machine_id: 'DM-3', site_id: north.id, name: 'Drehmaschine 3' });
    await insertMachine(ctx.db, { machine_id: 'SU-1', site_id: south.id });
    const now = ctx.clock.now();
    admin = await createUserWithSession(ctx.db, { username: 'ot.admin', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'eng.nord', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'maint.nord', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);
    northOperator = await createUserWithSession(ctx.db, { username: 'op.nord', role: 'operator', scope: { kind: 'site', siteIds: [north.id] } }, now);
    southMaintenance = await createUserWithSession(ctx.db, { username: 'maint.sued', role: 'maintenance', scope: { kind: 'site', siteIds: [south.id] } }, now);
    pressVendor = await createUserWithSession(
      ctx.db,
      { username: 'vendor', role: 'vendor', scope: { kind: 'machine', machineIds: [press.id] }, expiresAt: new Date(now.getTime() + 86_400_000).toISOString() },
      now,
    );
  });
  after(async () => {
    await app.close();
  });

  const send = (session: TestSession | null, options: InjectOptions, version?: number) =>
    app.inject({ ...options, headers: { ...(session?.headers ?? {}), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) } });
  const create = (session: TestSession | null, payload: object) => send(session, { method: 'POST', url: '/api/v1/spare-parts', payload });
  const patch = (session: TestSession | null, id: string, payload: object, version?: number) => send(session, { method: 'PATCH', url: `/api/v1/spare-parts/${id}`, payload }, version);
  const remove = (session: TestSession | null, id: string, version?: number) => send(session, { method: 'DELETE', url: `/api/v1/spare-parts/${id}` }, version);
  const get = (session: TestSession | null, url: string) => send(session, { method: 'GET', url });
  const counts = async () => ({
    parts: (await ctx.db.selectFrom('spare_parts').select('id').execute()).length,
    links: (await ctx.db.selectFrom('spare_part_machines').select('spare_part_id').execute()).length,
    events: (await ctx.db.selectFrom('audit_events').select('seq').where('object_type', '=', 'spare_part').execute()).length,
  });
  const lastEvent = async () =>
    ctx.db.selectFrom('audit_events').select(['action', 'object_type', 'object_id', 'site_id', 'role', 'summary']).where('object_type', '=', 'spare_part').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fieldCodes = (response: { json: <T>() => T }) => (response.json<Problem>().errors ?? []).map((error) => [error.path, error.code]);

  it('adds a spare device with the machines it fits, audited, and lists it for the site', async () => {
    const response = await create(northMaintenance, { site_key: 'nord', ...cpu, machine_ids: ['pr-7', 'DM-3', 'PR-7'] });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    const { id, created_at: createdAt, updated_at: updatedAt, ...rest } = response.json<SparePartView>();
    assert.equal(createdAt, ctx.clock.now().toISOString());
    assert.equal(updatedAt, createdAt);
    assert.deepEqual(rest, {
      ...cpu,
      site_id: north.id,
      site_key: 'NORD',
      machine_ids: ['DM-3', 'PR-7'],
      machines: [
        { machine_id: 'DM-3', name: 'Drehmaschine 3', decommissioned: false },
        { machine_id: 'PR-7', name: 'Presse 7', decommissioned: false },
      ],
      version: 1,
      allowed_actions: ['spare_part.read', 'spare_part.update', 'spare_part.delete'],
    });
    const links = await ctx.db.selectFrom('spare_part_machines').select('machine_id').where('spare_part_id', '=', id).orderBy('machine_id').execute();
    assert.deepEqual(links.map((link) => link.machine_id), [press.id, lathe.id].sort());
    assert.deepEqual(await lastEvent(), {
      action: 'spare_part.create', object_type: 'spare_part', object_id: id, site_id: north.id, role: 'maintenance',
      summary: 'Added spare device "SIMATIC S7-1500 CPU 1516-3 PN/DP" in site "NORD", quantity 2, fits "PR-7", "DM-3"',
    });
    const single = await get(northOperator, `/api/v1/spare-parts/${id}`);
    assert.equal(single.statusCode, 200);
    assert.equal(single.headers.etag, '"1"');
    assert.deepEqual(single.json<SparePartView>().allowed_actions, ['spare_part.read']);
    const listed = (await get(northOperator, '/api/v1/spare-parts?site=NORD')).json<SparePartList>();
    assert.deepEqual(listed.items.map((item) => item.id), [id]);
    assert.deepEqual(listed.allowed_actions, []);
  });

  it('adds a part without machines and optional fields; text is stored as entered', async () => {
    const response = await create(admin, { site_key: 'SUED', kind: 'part', name: hostile, quantity: 0, vendor: ' ', notes: null });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json<SparePartView>();
    assert.deepEqual(
      [body.kind, body.name, body.vendor, body.model_number, body.firmware_version, body.quantity, body.storage_location, body.notes, body.machine_ids, body.machines],
      ['part', hostile, null, null, null, 0, null, null, [], []],
    );
  });

  it('lists spare parts by scope and site, with the create action where permitted', async () => {
    const all = (await get(admin, '/api/v1/spare-parts')).json<SparePartList>();
    assert.deepEqual(all.items.map((item) => `${item.site_key}/${item.name}`), [`NORD/${cpu.name}`, `SUED/${hostile}`]);
    assert.deepEqual(all.allowed_actions, ['spare_part.create']);
    const northOnly = (await get(northEngineer, '/api/v1/spare-parts')).json<SparePartList>();
    assert.deepEqual(northOnly.items.map((item) => item.site_key), ['NORD']);
    assert.deepEqual(northOnly.allowed_actions, ['spare_part.create']);
    assert.deepEqual((await get(northOperator, '/api/v1/spare-parts')).json<SparePartList>().allowed_actions, []);
    assert.deepEqual((await get(southMaintenance, '/api/v1/spare-parts?site=sued')).json<SparePartList>().items.map((item) => item.name), [hostile]);
    // A machine grant does not reveal the site's store.
    const vendor = await get(pressVendor, '/api/v1/spare-parts');
    assert.equal(vendor.statusCode, 200);
    assert.deepEqual(vendor.json<SparePartList>(), { items: [], allowed_actions: [] });
    assert.equal((await get(pressVendor, '/api/v1/spare-parts?site=NORD')).statusCode, 404);
    assert.equal((await get(pressVendor, `/api/v1/spare-parts/${northOnly.items[0]!.id}`)).statusCode, 404);
    assert.equal((await get(northEngineer, '/api/v1/spare-parts?site=SUED')).statusCode, 404);
    assert.equal((await get(northEngineer, '/api/v1/spare-parts?site=NOPE')).statusCode, 404);
    assert.equal((await get(northEngineer, `/api/v1/spare-parts/${all.items[1]!.id}`)).statusCode, 404);
    assert.equal((await get(northEngineer, `/api/v1/spare-parts/${randomUUID()}`)).statusCode, 404);
    assert.equal((await get(northEngineer, '/api/v1/spare-parts?kind=part')).statusCode, 400);
    assert.equal((await get(null, '/api/v1/spare-parts')).statusCode, 401);
    assert.equal((await get(null, `/api/v1/spare-parts/${all.items[0]!.id}`)).statusCode, 401);
  });

  it('refuses unknown machines, machines of another site and invalid fields with field codes; nothing is written', async () => {
    const before = await counts();
    const base = { site_key: 'NORD', kind: 'part', name: 'Lüfter', quantity: 1 };
    const unknown = await create(northEngineer, { ...base, machine_ids: ['PR-7', 'XX-9', 'SU-1'] });
    assert.equal(unknown.statusCode, 400, unknown.body);
    // The north engineer cannot see SU-1: it is unknown to them.
    assert.deepEqual(fieldCodes(unknown), [['/machine_ids/1', 'MACHINE_UNKNOWN'], ['/machine_ids/2', 'MACHINE_UNKNOWN']]);
    assert.deepEqual(unknown.json<Problem>().errors?.map((error) => error.value), ['XX-9', 'SU-1']);
    assert.equal(unknown.json<Problem>().errors?.[0]?.message, 'Unknown machine "XX-9".');
    const otherSite = await create(admin, { ...base, machine_ids: ['su-1'] });
    assert.deepEqual(fieldCodes(otherSite), [['/machine_ids/0', 'MACHINE_OTHER_SITE']]);
    assert.equal(otherSite.json<Problem>().errors?.[0]?.message, 'The machine "SU-1" is at another site.');
    const refused: [object, [string, string][]][] = [
      [{ ...base, quantity: -1 }, [['/quantity', 'INVALID_VALUE']]],
      [{ ...base, quantity: 1.5 }, [['/quantity', 'INVALID_VALUE']]],
      [{ ...base, quantity: '3' }, [['/quantity', 'INVALID_VALUE']]],
      [{ site_key: 'NORD', kind: 'part', name: 'Lüfter' }, [['/quantity', 'VALUE_REQUIRED']]],
      [{ ...base, kind: 'tool' }, [['/kind', 'INVALID_VALUE']]],
      [{ ...base, name: '  ' }, [['/name', 'VALUE_BLANK']]],
      [{ ...base, firmware_version: 'V1\u0000' }, [['/firmware_version', 'CONTROL_CHARACTERS']]],
      [{ ...base, machine_ids: 'PR-7' }, [['/machine_ids', 'INVALID_VALUE']]],
      [{ ...base, machine: 'PR-7' }, [['/machine', 'UNKNOWN_FIELD']]],
    ];
    for (const [payload, codes] of refused) {
      const response = await create(admin, payload);
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
      assert.deepEqual(fieldCodes(response), codes, JSON.stringify(payload));
    }
    assert.equal((await create(admin, { ...base, site_key: 'NOPE' })).statusCode, 404);
    assert.deepEqual(await counts(), before);
  });

  it('changes a spare part under If-Match, replacing its machines; refused changes write nothing', async () => {
    const created = (await create(northEngineer, { site_key: 'NORD', kind: 'device', name: 'HMI TP1200', firmware_version: 'V17', quantity: 1, machine_ids: ['PR-7'] })).json<SparePartView>();
    assert.equal((await patch(northMaintenance, created.id, { quantity: 0 })).statusCode, 428);
    assert.equal((await patch(northMaintenance, created.id, { quantity: 0 }, 9)).statusCode, 412);
    const before = await counts();
    const refused = await patch(northMaintenance, created.id, { quantity: 0, machine_ids: ['DM-3', 'NOPE'] }, 1);
    assert.deepEqual(fieldCodes(refused), [['/machine_ids/1', 'MACHINE_UNKNOWN']]);
    assert.deepEqual(fieldCodes(await patch(northMaintenance, created.id, { site_key: 'SUED' }, 1)), [['/site_key', 'UNKNOWN_FIELD']]);
    assert.deepEqual(await counts(), before);
    const response = await patch(northMaintenance, created.id, { quantity: 0, firmware_version: 'V18.0.1', machine_ids: ['DM-3'] }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const body = response.json<SparePartView>();
    assert.deepEqual([body.quantity, body.firmware_version, body.machine_ids, body.name, body.version], [0, 'V18.0.1', ['DM-3'], 'HMI TP1200', 2]);
    assert.deepEqual(await lastEvent(), {
      action: 'spare_part.update', object_type: 'spare_part', object_id: created.id, site_id: north.id, role: 'maintenance',
      summary: 'Updated spare device "HMI TP1200" in site "NORD": firmware_version, quantity, machine_ids (quantity from 1 to 0)',
    });
    const kept = await patch(northMaintenance, created.id, { storage_location: 'Regal 1' }, 2);
    assert.deepEqual(kept.json<SparePartView>().machine_ids, ['DM-3']);
    const cleared = await patch(northMaintenance, created.id, { machine_ids: [], storage_location: null }, 3);
    assert.deepEqual([cleared.json<SparePartView>().machine_ids, cleared.json<SparePartView>().storage_location], [[], null]);
    assert.equal((await patch(northMaintenance, created.id, { quantity: 5 }, 3)).statusCode, 412);
    const row = await ctx.db.selectFrom('spare_parts').select(['quantity', 'version']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { quantity: 0, version: 4 });
  });

  it('deletes a spare part with its machine links under If-Match, audited', async () => {
    const created = (await create(admin, { site_key: 'NORD', kind: 'part', name: 'Netzteil 24 V', quantity: 3, machine_ids: ['PR-7', 'DM-3'] })).json<SparePartView>();
    assert.equal((await remove(northMaintenance, created.id)).statusCode, 428);
    assert.equal((await remove(northMaintenance, created.id, 2)).statusCode, 412);
    assert.equal((await ctx.db.selectFrom('spare_part_machines').select('machine_id').where('spare_part_id', '=', created.id).execute()).length, 2);
    const response = await remove(northMaintenance, created.id, 1);
    assert.equal(response.statusCode, 204, response.body);
    assert.equal(await ctx.db.selectFrom('spare_parts').select('id').where('id', '=', created.id).executeTakeFirst(), undefined);
    assert.deepEqual(await ctx.db.selectFrom('spare_part_machines').select('machine_id').where('spare_part_id', '=', created.id).execute(), []);
    assert.deepEqual(await lastEvent(), {
      action: 'spare_part.delete', object_type: 'spare_part', object_id: created.id, site_id: north.id, role: 'maintenance',
      summary: 'Deleted spare part "Netzteil 24 V" in site "NORD" (quantity 3)',
    });
    assert.equal((await get(admin, `/api/v1/spare-parts/${created.id}`)).statusCode, 404);
    assert.equal((await remove(northMaintenance, created.id, 1)).statusCode, 404);
  });

  it('lets admin, engineering and maintenance of the site write; others get 401, 403 or 404 and nothing changes', async () => {
    const created = (await create(admin, { site_key: 'NORD', kind: 'part', name: 'Sicherung 6 A', quantity: 10 })).json<SparePartView>();
    const before = await counts();
    const body = { site_key: 'NORD', kind: 'part', name: 'x', quantity: 1 };
    assert.equal((await create(northOperator, body)).statusCode, 403);
    assert.equal((await create(pressVendor, body)).statusCode, 404);
    assert.equal((await create(southMaintenance, body)).statusCode, 404);
    assert.equal((await create(null, body)).statusCode, 401);
    assert.equal((await patch(northOperator, created.id, { quantity: 9 }, 1)).statusCode, 403);
    assert.equal((await patch(pressVendor, created.id, { quantity: 9 }, 1)).statusCode, 404);
    assert.equal((await patch(southMaintenance, created.id, { quantity: 9 }, 1)).statusCode, 404);
    assert.equal((await patch(admin, randomUUID(), { quantity: 9 }, 1)).statusCode, 404);
    assert.equal((await patch(null, created.id, { quantity: 9 }, 1)).statusCode, 401);
    assert.equal((await remove(northOperator, created.id, 1)).statusCode, 403);
    assert.equal((await remove(pressVendor, created.id, 1)).statusCode, 404);
    assert.equal((await remove(southMaintenance, created.id, 1)).statusCode, 404);
    assert.equal((await remove(null, created.id, 1)).statusCode, 401);
    assert.deepEqual(await counts(), before);
    const row = await ctx.db.selectFrom('spare_parts').select(['quantity', 'version']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { quantity: 10, version: 1 });
  });

  it('shows decommissioned machines a part fits as such', async () => {
    const retired = await insertMachine(ctx.db, { machine_id: 'ALT-1', site_id: north.id, name: 'Altpresse' });
    const created = (await create(admin, { site_key: 'NORD', kind: 'device', name: 'Altsteuerung', quantity: 1, machine_ids: ['ALT-1'] })).json<SparePartView>();
    await ctx.db.updateTable('machines').set({ decommissioned_at: ctx.clock.now().toISOString() }).where('id', '=', retired.id).execute();
    const part = (await get(admin, `/api/v1/spare-parts/${created.id}`)).json<SparePartView>();
    assert.deepEqual(part.machines, [{ machine_id: 'ALT-1', name: 'Altpresse', decommissioned: true }]);
  });
});
