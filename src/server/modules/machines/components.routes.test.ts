import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { MachineRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import type { ComponentView, MachineDetailView } from './machines.schema.ts';

interface Problem {
  code: string;
  errors?: { code: string; path?: string }[];
}

const s7 = {
  component_type: 'firmware',
  vendor: 'Siemens',
  name: 'SIMATIC S7-1500 CPU 1516-3 PN/DP',
  component_version: '2.9.4',
  model_number: '6ES7516-3AN02-0AB0',
  cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*',
  purl: null,
};

describeEachDialect('machine components', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let press: MachineRow;
  let admin: TestSession;
  let northEngineer: TestSession;
  let southEngineer: TestSession;
  let northMaintenance: TestSession;
  let pressVendor: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    const north = await insertSite(ctx.db, { key: 'NORD' });
    const south = await insertSite(ctx.db, { key: 'SUED' });
    press = await insertMachine(ctx.db, { machine_id: 'PR-7', site_id: north.id });
    await insertMachine(ctx.db, { machine_id: 'DM-3', site_id: north.id });
    const now = ctx.clock.now();
    admin = await createUserWithSession(ctx.db, { username: 'ot.admin', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'eng.nord', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    southEngineer = await createUserWithSession(ctx.db, { username: 'eng.sued', role: 'engineering', scope: { kind: 'site', siteIds: [south.id] } }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'maint.nord', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);
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
  const add = (session: TestSession, machineId: string, payload: object) => send(session, { method: 'POST', url: `/api/v1/machines/${machineId}/components`, payload });
  const patch = (session: TestSession, id: string, payload: object, version?: number) => send(session, { method: 'PATCH', url: `/api/v1/components/${id}`, payload }, version);
  const remove = (session: TestSession, id: string, version?: number) => send(session, { method: 'POST', url: `/api/v1/components/${id}/remove` }, version);
  const list = async (session: TestSession, machineId: string, query = '') =>
    (await send(session, { method: 'GET', url: `/api/v1/machines/${machineId}/components${query}` })).json<{ items: ComponentView[] }>().items;
  const machineEvents = async () =>
    ctx.db.selectFrom('audit_events').select(['action', 'summary', 'site_id']).where('object_type', '=', 'machine').where('object_id', '=', press.id).orderBy('seq').execute();
  const fieldCodes = (body: Problem) => (body.errors ?? []).map((error) => [error.path, error.code]);

  it('adds a component with an ETag and records it in the machine’s history', async () => {
    const response = await add(northEngineer, 'pr-7', s7);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    const body = response.json<ComponentView>();
    const { id, created_at: createdAt, updated_at: updatedAt, ...rest } = body;
    assert.equal(createdAt, updatedAt);
    assert.deepEqual(rest, { ...s7, machine_id: 'PR-7', removed_at: null, version: 1, allowed_actions: ['component.update', 'component.remove'] });
    const row = await ctx.db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.vendor_norm, row.name_norm, row.model_number_norm], ['siemens', 'simatic s7-1500 cpu 1516-3 pn/dp', '6es7516-3an02-0ab0']);
    const events = await machineEvents();
    assert.deepEqual(events.at(-1), {
      action: 'component.create',
      summary: `Added component firmware "SIMATIC S7-1500 CPU 1516-3 PN/DP" "2.9.4" by "Siemens" (${id}) to machine "PR-7"`,
      site_id: press.site_id,
    });
    const detail = (await send(pressVendor, { method: 'GET', url: '/api/v1/machines/PR-7' })).json<MachineDetailView>();
    assert.deepEqual(detail.components.map((component) => [component.id, component.allowed_actions]), [[id, []]]);
    const single = await send(northMaintenance, { method: 'GET', url: `/api/v1/components/${id}` });
    assert.equal(single.statusCode, 200);
    assert.equal(single.headers.etag, '"1"');
  });

  it('defaults unset fields to null and stores HTML in names verbatim', async () => {
    const name = '<img src=x onerror=alert(1)> WinCC';
    const response = await add(admin, 'DM-3', { component_type: 'hmi', name, vendor: ' ' });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json<ComponentView>();
    assert.deepEqual([body.name, body.vendor, body.component_version, body.model_number, body.cpe, body.purl], [name, null, null, null, null, null]);
    const purl = await add(admin, 'DM-3', { component_type: 'application', name: 'log4j-core', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1' });
    assert.equal(purl.statusCode, 201, purl.body);
  });

  it('refuses a second present component with the same identity, whatever its version', async () => {
    const same = await add(northEngineer, 'PR-7', { ...s7, vendor: '  SIEMENS ', name: 'simatic s7-1500 cpu 1516-3 pn/dp', component_version: '3.0.1', cpe: null });
    assert.equal(same.statusCode, 409, same.body);
    assert.equal(same.json<Problem>().code, 'CONFLICT');
    const otherModel = await add(northEngineer, 'PR-7', { ...s7, model_number: '6ES7516-3AN01-0AB0' });
    assert.equal(otherModel.statusCode, 201);
    const otherType = await add(northEngineer, 'PR-7', { ...s7, component_type: 'plc' });
    assert.equal(otherType.statusCode, 201);
    const renamed = await patch(northEngineer, otherModel.json<ComponentView>().id, { model_number: '6es7516-3an02-0ab0' }, 1);
    assert.equal(renamed.statusCode, 409);
    assert.equal(renamed.json<Problem>().code, 'CONFLICT');
  });

  it('refuses invalid CPE, PURL and codes with field codes', async () => {
    const response = await add(admin, 'PR-7', {
      component_type: 'software', name: 'x', cpe: 'cpe:2.3:o:siemens:s7:1.0', purl: 'maven/org.apache/log4j', extra: 1,
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(new Map(fieldCodes(response.json<Problem>()) as [string, string][]), new Map([
      ['/component_type', 'INVALID_VALUE'],
      ['/cpe', 'CPE_INVALID'],
      ['/purl', 'PURL_INVALID'],
      ['/extra', 'UNKNOWN_FIELD'],
    ]));
    const blank = await add(admin, 'PR-7', { component_type: 'os', name: '' });
    assert.equal(blank.statusCode, 400);
    const missing = await add(admin, 'PR-7', { name: 'No type' });
    assert.deepEqual(fieldCodes(missing.json<Problem>()), [['/component_type', 'VALUE_REQUIRED']]);
  });

  it('updates a component under If-Match and records the changed fields', async () => {
    const created = (await add(northEngineer, 'PR-7', { component_type: 'os', vendor: 'Microsoft', name: 'Windows 10 IoT', component_version: '21H2' })).json<ComponentView>();
    assert.equal((await patch(northEngineer, created.id, { component_version: '22H2' })).statusCode, 428);
    assert.equal((await patch(northEngineer, created.id, { component_version: '22H2' }, 5)).statusCode, 412);
    const response = await patch(northEngineer, created.id, { component_version: '22H2', cpe: 'cpe:2.3:o:microsoft:windows_10_iot:22h2:*:*:*:*:*:*:*' }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const body = response.json<ComponentView>();
    assert.deepEqual([body.component_version, body.version, body.name], ['22H2', 2, 'Windows 10 IoT']);
    assert.equal((await patch(northEngineer, created.id, { component_version: 'lost' }, 1)).statusCode, 412);
    const events = await machineEvents();
    assert.equal(events.at(-1)?.summary, `Updated component os "Windows 10 IoT" "21H2" by "Microsoft" (${created.id}) of machine "PR-7": component_version, cpe`);
    const invalid = await patch(northEngineer, created.id, { purl: 'not a purl' }, 2);
    assert.deepEqual(fieldCodes(invalid.json<Problem>()), [['/purl', 'PURL_INVALID']]);
  });

  it('removes a component: hidden by default, kept in the database, no further edits', async () => {
    const created = (await add(northEngineer, 'PR-7', { component_type: 'application', vendor: 'Acme', name: 'Old tool', component_version: '1.0' })).json<ComponentView>();
    assert.equal((await remove(northEngineer, created.id)).statusCode, 428);
    const response = await remove(northEngineer, created.id, 1);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<ComponentView>();
    assert.equal(body.removed_at, ctx.clock.now().toISOString());
    assert.deepEqual(body.allowed_actions, []);
    assert.ok(!(await list(northEngineer, 'PR-7')).some((component) => component.id === created.id));
    assert.ok((await list(northEngineer, 'PR-7', '?include_removed=true')).some((component) => component.id === created.id && component.removed_at !== null));
    const detail = (await send(northEngineer, { method: 'GET', url: '/api/v1/machines/PR-7' })).json<MachineDetailView>();
    assert.ok(!detail.components.some((component) => component.id === created.id));
    const withRemoved = (await send(northEngineer, { method: 'GET', url: '/api/v1/machines/PR-7?include_removed=true' })).json<MachineDetailView>();
    assert.ok(withRemoved.components.some((component) => component.id === created.id));
    const row = await ctx.db.selectFrom('components').select(['name', 'removed_at']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(row.name, 'Old tool');
    const edit = await patch(northEngineer, created.id, { component_version: '2.0' }, 2);
    assert.equal(edit.statusCode, 409);
    assert.equal(edit.json<Problem>().code, 'INVALID_TRANSITION');
    assert.equal((await remove(northEngineer, created.id, 2)).statusCode, 409);
    // The identity is free again once removed.
    assert.equal((await add(northEngineer, 'PR-7', { component_type: 'application', vendor: 'acme', name: 'old tool', component_version: '2.0' })).statusCode, 201);
    assert.deepEqual((await machineEvents()).slice(-2).map((event) => event.action), ['component.remove', 'component.create']);
  });

  it('lets everyone in scope read, engineering and admin write; others get 403 or 404', async () => {
    const created = (await add(admin, 'PR-7', { component_type: 'network', vendor: 'Hirschmann', name: 'RSP35' })).json<ComponentView>();
    assert.equal((await add(northMaintenance, 'PR-7', { component_type: 'other', name: 'x' })).statusCode, 403);
    assert.equal((await add(pressVendor, 'PR-7', { component_type: 'other', name: 'x' })).statusCode, 403);
    assert.equal((await add(southEngineer, 'PR-7', { component_type: 'other', name: 'x' })).statusCode, 404);
    assert.equal((await add(pressVendor, 'DM-3', { component_type: 'other', name: 'x' })).statusCode, 404);
    assert.equal((await add(admin, 'NOPE', { component_type: 'other', name: 'x' })).statusCode, 404);
    assert.equal((await patch(northMaintenance, created.id, { name: 'y' }, 1)).statusCode, 403);
    assert.equal((await patch(southEngineer, created.id, { name: 'y' }, 1)).statusCode, 404);
    assert.equal((await remove(pressVendor, created.id, 1)).statusCode, 403);
    assert.equal((await remove(southEngineer, created.id, 1)).statusCode, 404);
    assert.equal((await send(southEngineer, { method: 'GET', url: `/api/v1/components/${created.id}` })).statusCode, 404);
    assert.equal((await send(southEngineer, { method: 'GET', url: '/api/v1/machines/PR-7/components' })).statusCode, 404);
    assert.equal((await send(null, { method: 'GET', url: '/api/v1/machines/PR-7/components' })).statusCode, 401);
    assert.equal((await send(null, { method: 'POST', url: '/api/v1/machines/PR-7/components', payload: { component_type: 'other', name: 'x' } })).statusCode, 401);
    assert.equal((await send(null, { method: 'PATCH', url: `/api/v1/components/${created.id}`, payload: { name: 'y' } }, 1)).statusCode, 401);
    assert.equal((await send(admin, { method: 'PATCH', url: '/api/v1/components/no-such-id', payload: { name: 'y' } }, 1)).statusCode, 404);
    const vendorView = await list(pressVendor, 'PR-7');
    assert.ok(vendorView.some((component) => component.id === created.id && component.allowed_actions.length === 0));
    const maintenanceView = await list(northMaintenance, 'PR-7');
    assert.ok(maintenanceView.length > 0);
    const row = await ctx.db.selectFrom('components').select(['name', 'version']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'RSP35', version: 1 });
  });
});
