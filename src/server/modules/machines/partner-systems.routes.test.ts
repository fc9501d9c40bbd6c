import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { MachineRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import type { PartnerSystemList, PartnerSystemView } from './partner-systems.schema.ts';

interface Problem {
  code: string;
  errors?: { code: string; path?: string; message?: string }[];
}

const hostile = '<img src=x onerror=alert(1)> MES';

const mes = { name: 'MES Leitstand', kind: 'mes', host: 'mes.werk-nord.local', port: 443, server_reachable: true, notes: 'Auftragsdaten\nper REST' };

describeEachDialect('partner systems of machines', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let press: MachineRow;
  let lathe: MachineRow;
  let admin: TestSession;
  let northEngineer: TestSession;
  let southEngineer: TestSession;
  let northMaintenance: TestSession;
  let pressVendor: TestSession;
  let latheVendor: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    const north = await insertSite(ctx.db, { key: 'NORD' });
    const south = await insertSite(ctx.db, { key: 'SUED' });
    press = await insertMachine(ctx.db, { machine_id: 'PR-7', site_id: north.id });
    lathe = await insertMachine(ctx.db, { machine_id: 'DM-3', site_id: north.id });
    await insertMachine(ctx.db, { machine_id: 'SU-1', site_id: south.id });
    const now = ctx.clock.now();
    const tomorrow = new Date(now.getTime() + 86_400_000).toISOString();
    admin = await createUserWithSession(ctx.db, { username: 'ot.admin', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'eng.nord', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    southEngineer = await createUserWithSession(ctx.db, { username: 'eng.sued', role: 'engineering', scope: { kind: 'site', siteIds: [south.id] } }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'maint.nord', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);
    pressVendor = await createUserWithSession(ctx.db, { username: 'vendor.press', role: 'vendor', scope: { kind: 'machine', machineIds: [press.id] }, expiresAt: tomorrow }, now);
    latheVendor = await createUserWithSession(ctx.db, { username: 'vendor.lathe', role: 'vendor', scope: { kind: 'machine', machineIds: [lathe.id] }, expiresAt: tomorrow }, now);
  });
  after(async () => {
    await app.close();
  });

  const send = (session: TestSession | null, options: InjectOptions, version?: number) =>
    app.inject({ ...options, headers: { ...(session?.headers ?? {}), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) } });
  const add = (session: TestSession | null, machineId: string, payload: object) => send(session, { method: 'POST', url: `/api/v1/machines/${machineId}/partner-systems`, payload });
  const patch = (session: TestSession | null, id: string, payload: object, version?: number) => send(session, { method: 'PATCH', url: `/api/v1/partner-systems/${id}`, payload }, version);
  const remove = (session: TestSession | null, id: string, version?: number) => send(session, { method: 'DELETE', url: `/api/v1/partner-systems/${id}` }, version);
  const list = (session: TestSession | null, machineId: string) => send(session, { method: 'GET', url: `/api/v1/machines/${machineId}/partner-systems` });
  const rowCount = async () => (await ctx.db.selectFrom('partner_systems').select('id').execute()).length;
  const events = async () =>
    ctx.db.selectFrom('audit_events').select(['action', 'object_type', 'object_id', 'site_id', 'role', 'summary']).where('action', 'like', 'partner_system.%').orderBy('seq').execute();
  const fieldCodes = (response: { json: <T>() => T }) => (response.json<Problem>().errors ?? []).map((error) => [error.path, error.code]);

  it('adds a partner system with an ETag, audited in the machine’s site, readable by the machine’s vendor', async () => {
    const response = await add(northEngineer, 'pr-7', mes);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    const { id, created_at: createdAt, updated_at: updatedAt, ...rest } = response.json<PartnerSystemView>();
    assert.equal(createdAt, ctx.clock.now().toISOString());
    assert.equal(updatedAt, createdAt);
    assert.deepEqual(rest, {
      ...mes, machine_id: 'PR-7', url: null, version: 1, allowed_actions: ['partner_system.update', 'partner_system.delete'],
    });
    const row = await ctx.db.selectFrom('partner_systems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.machine_id, row.server_reachable], [press.id, 1]);
    assert.deepEqual((await events()).at(-1), {
      action: 'partner_system.create', object_type: 'machine', object_id: press.id, site_id: press.site_id, role: 'engineering',
      summary: 'Added partner system mes "MES Leitstand" (mes.werk-nord.local:443) to machine "PR-7"',
    });
    const forVendor = await list(pressVendor, 'PR-7');
    assert.equal(forVendor.statusCode, 200, forVendor.body);
    const body = forVendor.json<PartnerSystemList>();
    assert.deepEqual(body.allowed_actions, []);
    assert.deepEqual(body.items.map((item) => [item.id, item.name, item.allowed_actions]), [[id, 'MES Leitstand', []]]);
    assert.deepEqual((await list(northEngineer, 'PR-7')).json<PartnerSystemList>().allowed_actions, ['partner_system.create']);
  });

  it('accepts addresses as URL or UNC path, host as IP (written canonically), and stores names verbatim', async () => {
    const cases: [object, Partial<PartnerSystemView>][] = [
      [{ name: 'OPC UA', kind: 'opcua', url: 'opc.tcp://10.0.0.5:4840' }, { url: 'opc.tcp://10.0.0.5:4840', host: null, port: null, server_reachable: null }],
      [{ name: hostile, kind: 'erp', url: ' https://erp.local/api ', server_reachable: false }, { name: hostile, url: 'https://erp.local/api', server_reachable: false }],
      [{ name: 'NC-Ablage', kind: 'file_share', url: 'smb://fs01/nc' }, { url: 'smb://fs01/nc' }],
      [{ name: 'NC-Ablage UNC', kind: 'file_share', url: '\\\\fs01\\NC Programme\\Presse' }, { url: '\\\\fs01\\NC Programme\\Presse' }],
      [{ name: 'Broker', kind: 'broker', host: '2001:DB8::0:1', port: 8883, url: 'mqtts://[2001:db8::1]:8883' }, { host: '2001:db8::1', port: 8883 }],
      [{ name: 'Historian', kind: 'other', host: 'HIST_01.', url: '', notes: ' ' }, { host: 'HIST_01', url: null, port: null, notes: null }],
    ];
    for (const [payload, expected] of cases) {
      const response = await add(admin, 'DM-3', payload);
      assert.equal(response.statusCode, 201, `${JSON.stringify(payload)}: ${response.body}`);
      const body = response.json<PartnerSystemView>();
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(body[key as keyof PartnerSystemView], value, `${JSON.stringify(payload)} ${key}`);
    }
    const names = (await list(admin, 'DM-3')).json<PartnerSystemList>().items.map((item) => item.name);
    assert.deepEqual(names, [hostile, 'Broker', 'Historian', 'NC-Ablage', 'NC-Ablage UNC', 'OPC UA']);
  });

  it('refuses invalid hosts, addresses, ports, kinds and missing addresses with field codes; nothing is written', async () => {
    const before = await rowCount();
    const eventsBefore = (await events()).length;
    const base = { name: 'X', kind: 'mes' };
    const refused: [object, [string, string][]][] = [
      [{ ...base, host: 'mes.local:443' }, [['/host', 'HOST_INVALID']]],
      [{ ...base, host: '10.0.0.256' }, [['/host', 'HOST_INVALID']]],
      [{ ...base, host: '-mes.local' }, [['/host', 'HOST_INVALID']]],
      [{ ...base, host: 'mes local' }, [['/host', 'HOST_INVALID']]],
      [{ ...base, url: 'mes.local/api' }, [['/url', 'URL_INVALID']]],
      [{ ...base, url: 'https://user:secret@mes.local/' }, [['/url', 'URL_INVALID']]],
      [{ ...base, url: 'opc.tcp://10.0.0.256:4840' }, [['/url', 'URL_INVALID']]],
      [{ ...base, url: 'file:///srv/nc' }, [['/url', 'URL_INVALID']]],
      [{ ...base, url: '\\\\fs01' }, [['/url', 'URL_INVALID']]],
      [{ ...base, url: '\\\\fs01\\nc:x' }, [['/url', 'URL_INVALID']]],
      [{ ...base, host: 'mes.local', port: 70000 }, [['/port', 'INVALID_VALUE']]],
      [{ ...base, host: 'mes.local', port: '443' }, [['/port', 'INVALID_VALUE']]],
      [{ ...base }, [['/host', 'HOST_OR_URL_REQUIRED']]],
      [{ ...base, host: ' ', url: null }, [['/host', 'HOST_OR_URL_REQUIRED']]],
      [{ ...base, port: 443, url: 'https://mes.local/' }, [['/host', 'VALUE_REQUIRED']]],
      [{ name: 'X', kind: 'scada', host: 'mes.local' }, [['/kind', 'INVALID_VALUE']]],
      [{ kind: 'mes', host: 'mes.local' }, [['/name', 'VALUE_REQUIRED']]],
      [{ ...base, name: 'A\u0007B', host: 'mes.local' }, [['/name', 'CONTROL_CHARACTERS']]],
      [{ ...base, host: 'mes.local', server_reachable: 'yes' }, [['/server_reachable', 'INVALID_VALUE']]],
      [{ ...base, host: 'mes.local', machine_id: 'PR-7' }, [['/machine_id', 'UNKNOWN_FIELD']]],
    ];
    for (const [payload, codes] of refused) {
      const response = await add(admin, 'PR-7', payload);
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
      assert.equal(response.json<Problem>().code, 'VALIDATION_FAILED');
      assert.deepEqual(fieldCodes(response), codes, JSON.stringify(payload));
    }
    assert.equal(await rowCount(), before);
    assert.equal((await events()).length, eventsBefore);
  });

  it('changes a partner system under If-Match; the result still needs host or address', async () => {
    const created = (await add(northEngineer, 'PR-7', { name: 'ERP', kind: 'erp', host: 'erp.local', port: 8443 })).json<PartnerSystemView>();
    assert.equal((await patch(northEngineer, created.id, { server_reachable: false })).statusCode, 428);
    assert.equal((await patch(northEngineer, created.id, { server_reachable: false }, 7)).statusCode, 412);
    const cleared = await patch(northEngineer, created.id, { host: null, port: null }, 1);
    assert.equal(cleared.statusCode, 400);
    assert.deepEqual(fieldCodes(cleared), [['/host', 'HOST_OR_URL_REQUIRED']]);
    const portOnly = await patch(northEngineer, created.id, { host: null, url: 'https://erp.local/' }, 1);
    assert.deepEqual(fieldCodes(portOnly), [['/host', 'VALUE_REQUIRED']]);
    const response = await patch(northEngineer, created.id, { host: null, port: null, url: 'https://erp.local:8443/api', server_reachable: false, name: 'SAP ERP' }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const body = response.json<PartnerSystemView>();
    assert.deepEqual([body.name, body.kind, body.host, body.port, body.url, body.server_reachable, body.version], ['SAP ERP', 'erp', null, null, 'https://erp.local:8443/api', false, 2]);
    assert.deepEqual((await events()).at(-1), {
      action: 'partner_system.update', object_type: 'machine', object_id: press.id, site_id: press.site_id, role: 'engineering',
      summary: 'Updated partner system erp "ERP" (erp.local:8443) of machine "PR-7": name, host, port, url, server_reachable',
    });
    const unstated = await patch(northEngineer, created.id, { server_reachable: null }, 2);
    assert.equal(unstated.json<PartnerSystemView>().server_reachable, null);
    assert.equal((await patch(northEngineer, created.id, { name: 'lost' }, 2)).statusCode, 412);
    const row = await ctx.db.selectFrom('partner_systems').select(['name', 'version']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'SAP ERP', version: 3 });
  });

  it('deletes a partner system under If-Match, audited', async () => {
    const created = (await add(admin, 'PR-7', { name: 'Alt-MES', kind: 'mes', host: '10.1.2.3', port: 80 })).json<PartnerSystemView>();
    assert.equal((await remove(northEngineer, created.id)).statusCode, 428);
    assert.equal((await remove(northEngineer, created.id, 2)).statusCode, 412);
    const response = await remove(northEngineer, created.id, 1);
    assert.equal(response.statusCode, 204, response.body);
    assert.equal(response.body, '');
    assert.equal(await ctx.db.selectFrom('partner_systems').select('id').where('id', '=', created.id).executeTakeFirst(), undefined);
    assert.deepEqual((await events()).at(-1), {
      action: 'partner_system.delete', object_type: 'machine', object_id: press.id, site_id: press.site_id, role: 'engineering',
      summary: 'Deleted partner system mes "Alt-MES" (10.1.2.3:80) of machine "PR-7"',
    });
    assert.equal((await remove(northEngineer, created.id, 1)).statusCode, 404);
    assert.equal((await patch(northEngineer, created.id, { name: 'x' }, 1)).statusCode, 404);
  });

  it('lets everyone in scope read, admin and engineering write; others get 401, 403 or 404 and nothing changes', async () => {
    const created = (await add(admin, 'PR-7', { name: 'Scope', kind: 'other', host: 'scope.local' })).json<PartnerSystemView>();
    const before = await rowCount();
    const eventsBefore = (await events()).length;
    const payload = { name: 'x', kind: 'other', host: 'x.local' };
    assert.equal((await add(northMaintenance, 'PR-7', payload)).statusCode, 403);
    assert.equal((await add(pressVendor, 'PR-7', payload)).statusCode, 403);
    assert.equal((await add(latheVendor, 'PR-7', payload)).statusCode, 404);
    assert.equal((await add(southEngineer, 'PR-7', payload)).statusCode, 404);
    assert.equal((await add(admin, 'NOPE', payload)).statusCode, 404);
    assert.equal((await add(null, 'PR-7', payload)).statusCode, 401);
    assert.equal((await patch(northMaintenance, created.id, { name: 'y' }, 1)).statusCode, 403);
    assert.equal((await patch(pressVendor, created.id, { name: 'y' }, 1)).statusCode, 403);
    assert.equal((await patch(latheVendor, created.id, { name: 'y' }, 1)).statusCode, 404);
    assert.equal((await patch(southEngineer, created.id, { name: 'y' }, 1)).statusCode, 404);
    assert.equal((await patch(admin, randomUUID(), { name: 'y' }, 1)).statusCode, 404);
    assert.equal((await patch(null, created.id, { name: 'y' }, 1)).statusCode, 401);
    assert.equal((await remove(northMaintenance, created.id, 1)).statusCode, 403);
    assert.equal((await remove(southEngineer, created.id, 1)).statusCode, 404);
    assert.equal((await remove(latheVendor, created.id, 1)).statusCode, 404);
    assert.equal((await remove(null, created.id, 1)).statusCode, 401);
    assert.equal((await list(northMaintenance, 'PR-7')).statusCode, 200);
    assert.deepEqual((await list(northMaintenance, 'PR-7')).json<PartnerSystemList>().allowed_actions, []);
    assert.equal((await list(southEngineer, 'PR-7')).statusCode, 404);
    assert.equal((await list(latheVendor, 'PR-7')).statusCode, 404);
    assert.equal((await list(admin, 'NOPE')).statusCode, 404);
    assert.equal((await list(null, 'PR-7')).statusCode, 401);
    assert.equal(await rowCount(), before);
    assert.equal((await events()).length, eventsBefore);
    const row = await ctx.db.selectFrom('partner_systems').select(['name', 'version']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'Scope', version: 1 });
  });

  it('keeps the partner systems of a decommissioned machine read-only', async () => {
    const retired = await insertMachine(ctx.db, { machine_id: 'ALT-1', site_id: press.site_id });
    const created = (await add(northEngineer, 'ALT-1', { name: 'Alt', kind: 'mes', host: 'alt.local' })).json<PartnerSystemView>();
    await ctx.db.updateTable('machines').set({ decommissioned_at: ctx.clock.now().toISOString() }).where('id', '=', retired.id).execute();
    const eventsBefore = (await events()).length;
    const listed = (await list(northEngineer, 'ALT-1')).json<PartnerSystemList>();
    assert.deepEqual(listed.allowed_actions, []);
    assert.deepEqual(listed.items.map((item) => [item.id, item.allowed_actions]), [[created.id, []]]);
    for (const response of [
      await add(northEngineer, 'ALT-1', { name: 'Neu', kind: 'mes', host: 'neu.local' }),
      await patch(northEngineer, created.id, { name: 'Neu' }, 1),
      await remove(northEngineer, created.id, 1),
    ]) {
      assert.equal(response.statusCode, 409, response.body);
      assert.equal(response.json<Problem>().code, 'INVALID_TRANSITION');
    }
    assert.equal((await add(northMaintenance, 'ALT-1', { name: 'Neu', kind: 'mes', host: 'neu.local' })).statusCode, 403);
    const row = await ctx.db.selectFrom('partner_systems').select(['name', 'version']).where('machine_id', '=', retired.id).execute();
    assert.deepEqual(row, [{ name: 'Alt', version: 1 }]);
    assert.equal((await events()).length, eventsBefore);
  });

  it('answers field problems in the caller’s language', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/machines/PR-7/partner-systems', payload: { name: 'X', kind: 'mes', url: 'mes.local' },
      headers: { ...admin.headers, 'accept-language': 'de' },
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.json<Problem>().errors?.[0]?.message ?? '', /Keine gültige Adresse/);
  });
});
