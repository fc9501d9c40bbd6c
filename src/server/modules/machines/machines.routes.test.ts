import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertArea, insertMachine, insertSegment, insertSite } from '../../../test-support/factories.ts';
import type { MachineDetailView } from './machines.schema.ts';

interface Problem {
  code: string;
  detail: string;
  errors?: { code: string; path?: string; value?: string }[];
}

const fullMachine = {
  machine_id: '  DM-100 ',
  name: 'Drehmaschine 100',
  site_key: 'nord',
  area_key: 'halle-2',
  vendor: 'Hammer & Meißel GmbH',
  model: 'CTX beta 800',
  serial_number: 'SN-4711',
  machine_type: 'Drehmaschine',
  line: 'L1',
  redundancy_group: 'R-Dreh',
  criticality: 'high',
  safety_functions: 'Spindeldrehzahlüberwachung\nNot-Halt',
  safety_impact: 'critical',
  mission_impact: 'mef_failure',
  updatable: true,
  end_of_support: '2029-12-31',
  operating_system: 'Windows 10 IoT LTSC',
  operating_software: 'Sinumerik Operate 4.95',
  remote_access: 'VPN via Fernwartungsbox, nur Hersteller',
  network_state: 'connected',
  responsible_admin: 'ot.admin',
};

describeEachDialect('machines (write)', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let admin: TestSession;
  let northEngineer: TestSession;
  let northMaintenance: TestSession;
  let pressVendor: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    await insertArea(ctx.db, north.id, 'Halle-2');
    await insertArea(ctx.db, south.id, 'Werk-S');
    await insertSegment(ctx.db, north.id, 'OT-Zelle-1', { cidr: '10.10.1.0/24' });
    await insertSegment(ctx.db, south.id, 'OT-Sued');
    const press = await insertMachine(ctx.db, { machine_id: 'PR-7', site_id: north.id });
    await insertMachine(ctx.db, { machine_id: 'FR-1', site_id: south.id });
    const now = ctx.clock.now();
    admin = await createUserWithSession(ctx.db, { username: 'ot.admin', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'eng.nord', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
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
    app.inject({
      ...options,
      headers: { ...(session?.headers ?? {}), ...(version === undefined ? {} : { 'if-match': `"${version}"` }), ...(options.headers ?? {}) },
    });
  const create = (session: TestSession, payload: object) => send(session, { method: 'POST', url: '/api/v1/machines', payload });
  const patch = (session: TestSession, machineId: string, payload: object, version?: number) =>
    send(session, { method: 'PATCH', url: `/api/v1/machines/${encodeURIComponent(machineId)}`, payload }, version);
  const get = async (session: TestSession, machineId: string) =>
    (await send(session, { method: 'GET', url: `/api/v1/machines/${encodeURIComponent(machineId)}` })).json<MachineDetailView>();
  const events = async (objectId: string) =>
    ctx.db.selectFrom('audit_events').select(['action', 'summary', 'site_id', 'actor_id', 'role']).where('object_id', '=', objectId).orderBy('seq').execute();
  const fieldCodes = (body: Problem) => (body.errors ?? []).map((error) => [error.path, error.code]);

  it('creates a machine with every descriptive field, audited, with an ETag', async () => {
    const response = await create(northEngineer, fullMachine);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    const body = response.json<MachineDetailView>();
    const { id, created_at: createdAt, updated_at: updatedAt, site_id: siteId, ...rest } = body;
    assert.equal(siteId, north.id);
    assert.equal(createdAt, ctx.clock.now().toISOString());
    assert.equal(updatedAt, createdAt);
    assert.deepEqual(rest, {
      ...fullMachine,
      machine_id: 'DM-100',
      site_key: 'NORD',
      area_key: 'Halle-2',
      decommissioned_at: null,
      version: 1,
      allowed_actions: ['machine.read', 'machine.update', 'component.create'],
      interfaces: [],
      components: [],
      matching_data_gaps: ['no_components'],
    });
    const row = await ctx.db.selectFrom('machines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.machine_id_norm, 'dm-100');
    assert.equal(row.updatable, 1);
    assert.deepEqual(await events(id), [
      { action: 'machine.create', summary: 'Created machine "DM-100" in site "NORD"', site_id: north.id, actor_id: northEngineer.userId, role: 'engineering' },
    ]);
    const read = await send(northMaintenance, { method: 'GET', url: '/api/v1/machines/dm-100' });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json<MachineDetailView>().allowed_actions, ['machine.read']);
  });

  it('creates a minimal machine with unset fields as null and the network connected', async () => {
    const response = await create(admin, { machine_id: 'MIN-1', name: 'Minimal', site_key: 'SUED', vendor: '', criticality: null });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json<MachineDetailView>();
    assert.equal(body.vendor, null);
    assert.equal(body.criticality, null);
    assert.equal(body.updatable, null);
    assert.equal(body.area_key, null);
    assert.equal(body.responsible_admin, null);
    assert.equal(body.network_state, 'connected');
    assert.deepEqual(body.allowed_actions, ['machine.read', 'machine.update', 'machine.decommission', 'component.create']);
  });

  it('stores HTML and SQL in names verbatim', async () => {
    const name = `<script>alert('x')</script>'; DROP TABLE machines; --`;
    const response = await create(admin, { machine_id: 'XSS-1', name, site_key: 'NORD', vendor: '<b>Vendor</b>' });
    assert.equal(response.statusCode, 201, response.body);
    const stored = await ctx.db.selectFrom('machines').select(['name', 'vendor']).where('machine_id_norm', '=', 'xss-1').executeTakeFirstOrThrow();
    assert.deepEqual(stored, { name, vendor: '<b>Vendor</b>' });
    assert.equal((await get(admin, 'XSS-1')).name, name);
  });

  it('refuses callers without a session', async () => {
    assert.equal((await send(null, { method: 'POST', url: '/api/v1/machines', payload: { machine_id: 'A', name: 'A', site_key: 'NORD' } })).statusCode, 401);
    assert.equal((await send(null, { method: 'PATCH', url: '/api/v1/machines/PR-7', payload: { name: 'x' } }, 1)).statusCode, 401);
    assert.equal((await send(null, { method: 'POST', url: '/api/v1/machines/PR-7/decommission' }, 1)).statusCode, 401);
    assert.equal((await send(null, { method: 'PUT', url: '/api/v1/machines/PR-7/interfaces', payload: { interfaces: [] } }, 1)).statusCode, 401);
  });

  it('refuses invalid input with field codes and writes nothing', async () => {
    const response = await create(admin, {
      machine_id: 'BAD-1', name: '   ', site_key: 'NORD', criticality: 'hoch', safety_impact: 'severe', mission_impact: 'MEF_FAILURE',
      network_state: 'offline', updatable: 'ja', end_of_support: '31.12.2027', colour: 'red',
    });
    assert.equal(response.statusCode, 400);
    const body = response.json<Problem>();
    assert.equal(body.code, 'VALIDATION_FAILED');
    assert.deepEqual(new Set(fieldCodes(body).map(([path]) => path)), new Set([
      '/name', '/criticality', '/safety_impact', '/mission_impact', '/network_state', '/updatable', '/end_of_support', '/colour',
    ]));
    assert.ok(fieldCodes(body).some(([path, code]) => path === '/name' && code === 'VALUE_BLANK'));
    assert.ok(fieldCodes(body).some(([path, code]) => path === '/colour' && code === 'UNKNOWN_FIELD'));
    const missing = await create(admin, { name: 'No id', site_key: 'NORD' });
    assert.deepEqual(fieldCodes(missing.json<Problem>()), [['/machine_id', 'VALUE_REQUIRED']]);
    const controls = await create(admin, { machine_id: 'A\u0007B', name: 'Bell', site_key: 'NORD' });
    assert.deepEqual(fieldCodes(controls.json<Problem>()), [['/machine_id', 'CONTROL_CHARACTERS']]);
    const area = await create(admin, { machine_id: 'BAD-2', name: 'Wrong area', site_key: 'NORD', area_key: 'Werk-S' });
    assert.equal(area.statusCode, 400);
    assert.deepEqual(area.json<Problem>().errors?.map((error) => [error.path, error.code, error.value]), [['/area_key', 'REFERENCE_UNKNOWN', 'Werk-S']]);
    const adminRef = await create(admin, { machine_id: 'BAD-3', name: 'Wrong admin', site_key: 'NORD', responsible_admin: 'nobody' });
    assert.deepEqual(fieldCodes(adminRef.json<Problem>()), [['/responsible_admin', 'REFERENCE_UNKNOWN']]);
    const count = await ctx.db.selectFrom('machines').select('id').where('machine_id_norm', 'like', 'bad-%').execute();
    assert.equal(count.length, 0);
  });

  it('hides other sites as 404 and refuses roles without the permission with 403', async () => {
    const otherSite = await create(northEngineer, { machine_id: 'S-1', name: 'South', site_key: 'SUED' });
    assert.equal(otherSite.statusCode, 404);
    assert.equal(otherSite.json<Problem>().code, 'NOT_FOUND');
    assert.equal((await create(northEngineer, { machine_id: 'S-2', name: 'Nowhere', site_key: 'MOND' })).statusCode, 404);
    const maintenance = await create(northMaintenance, { machine_id: 'M-1', name: 'Maint', site_key: 'NORD' });
    assert.equal(maintenance.statusCode, 403);
    assert.equal(maintenance.json<Problem>().code, 'FORBIDDEN');
    // A machine grant does not cover the site as a whole.
    assert.equal((await create(pressVendor, { machine_id: 'V-1', name: 'Vendor', site_key: 'NORD' })).statusCode, 404);
    assert.equal((await patch(northEngineer, 'FR-1', { name: 'x' }, 1)).statusCode, 404);
    assert.equal((await patch(northMaintenance, 'PR-7', { name: 'x' }, 1)).statusCode, 403);
    assert.equal((await patch(pressVendor, 'PR-7', { name: 'x' }, 1)).statusCode, 403);
    const decommission = await send(northEngineer, { method: 'POST', url: '/api/v1/machines/PR-7/decommission' }, 1);
    assert.equal(decommission.statusCode, 403);
    const taken = await ctx.db.selectFrom('machines').select('id').where('machine_id_norm', 'in', ['s-1', 's-2', 'm-1', 'v-1']).execute();
    assert.equal(taken.length, 0);
  });

  it('refuses a machine_id that differs from an existing one only in case or spaces', async () => {
    const response = await create(admin, { machine_id: ' pr-7', name: 'Second press', site_key: 'SUED' });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json<Problem>().code, 'CONFLICT');
    assert.match(response.json<Problem>().detail, /pr-7/);
    const renamed = await patch(admin, 'FR-1', { machine_id: 'Pr-7' }, 1);
    assert.equal(renamed.statusCode, 409);
    assert.equal((await get(admin, 'FR-1')).version, 1);
  });

  it('updates fields under If-Match: 428 without, 412 when stale, version and audit when current', async () => {
    await create(admin, { machine_id: 'UP-1', name: 'Update me', site_key: 'NORD', vendor: 'Alt', criticality: 'low' });
    const missing = await patch(northEngineer, 'UP-1', { name: 'x' });
    assert.equal(missing.statusCode, 428);
    assert.equal(missing.json<Problem>().code, 'PRECONDITION_REQUIRED');
    const stale = await patch(northEngineer, 'UP-1', { name: 'x' }, 7);
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json<Problem>().code, 'STALE_OBJECT');
    const response = await patch(northEngineer, 'up-1', { name: 'Updated', vendor: null, criticality: 'medium', updatable: false, area_key: 'halle-2', network_state: 'isolated', responsible_admin: 'eng.nord' }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const body = response.json<MachineDetailView>();
    assert.deepEqual(
      [body.name, body.vendor, body.criticality, body.updatable, body.area_key, body.network_state, body.responsible_admin, body.version],
      ['Updated', null, 'medium', false, 'Halle-2', 'isolated', 'eng.nord', 2],
    );
    const again = await patch(northEngineer, 'UP-1', { name: 'Lost update' }, 1);
    assert.equal(again.statusCode, 412);
    assert.equal((await get(admin, 'UP-1')).name, 'Updated');
    const history = await events(body.id);
    assert.deepEqual(history.map((event) => event.action), ['machine.create', 'machine.update']);
    assert.equal(history[1]?.summary, 'Updated machine "UP-1": name, area_key, vendor, criticality, updatable, network_state, responsible_admin');
    const unknownField = await patch(northEngineer, 'UP-1', { decommissioned_at: '2026-01-01T00:00:00Z' }, 2);
    assert.equal(unknownField.statusCode, 400);
  });

  it('moves a machine to another site only with scope on both; the area is cleared', async () => {
    const created = (await create(admin, { machine_id: 'MV-1', name: 'Mover', site_key: 'NORD', area_key: 'Halle-2' })).json<MachineDetailView>();
    const refused = await patch(northEngineer, 'MV-1', { site_key: 'SUED' }, 1);
    assert.equal(refused.statusCode, 404);
    const moved = await patch(admin, 'MV-1', { site_key: 'sued' }, 1);
    assert.equal(moved.statusCode, 200, moved.body);
    const body = moved.json<MachineDetailView>();
    assert.deepEqual([body.site_key, body.site_id, body.area_key], ['SUED', south.id, null]);
    const history = await events(created.id);
    assert.deepEqual(history.at(-1), {
      action: 'machine.update', summary: 'Updated machine "MV-1": site_key (moved from site "NORD" to "SUED")', site_id: south.id, actor_id: admin.userId, role: 'admin',
    });
    assert.equal((await send(northEngineer, { method: 'GET', url: '/api/v1/machines/MV-1' })).statusCode, 404);
  });

  it('refuses to move a machine whose interfaces use segments of its site', async () => {
    await create(admin, { machine_id: 'MV-2', name: 'Wired', site_key: 'NORD' });
    const put = await send(admin, { method: 'PUT', url: '/api/v1/machines/MV-2/interfaces', payload: { interfaces: [{ ip: '10.10.1.5', segment_key: 'OT-Zelle-1' }] } }, 1);
    assert.equal(put.statusCode, 200, put.body);
    const moved = await patch(admin, 'MV-2', { site_key: 'SUED' }, 2);
    assert.equal(moved.statusCode, 400);
    assert.deepEqual(fieldCodes(moved.json<Problem>()), [['/site_key', 'SITE_CHANGE_SEGMENTS']]);
  });

  it('replaces the interfaces, normalising MACs and bumping the machine version', async () => {
    const created = (await create(northEngineer, { machine_id: 'IF-1', name: 'Interfaces', site_key: 'NORD' })).json<MachineDetailView>();
    const url = '/api/v1/machines/IF-1/interfaces';
    const interfaces = [
      { ip: '10.10.1.20', mac: '00-1B-1B-AA-BB-CC', hostname: 'plc-if1', segment_key: 'ot-zelle-1' },
      { ip: 'FD00::1', segment_key: null },
      { hostname: 'hmi-if1' },
    ];
    assert.equal((await send(northEngineer, { method: 'PUT', url, payload: { interfaces } })).statusCode, 428);
    assert.equal((await send(northMaintenance, { method: 'PUT', url, payload: { interfaces } }, 1)).statusCode, 403);
    const response = await send(northEngineer, { method: 'PUT', url, payload: { interfaces } }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    assert.deepEqual(response.json<MachineDetailView>().interfaces, [
      { position: 0, ip: '10.10.1.20', mac: '00:1b:1b:aa:bb:cc', hostname: 'plc-if1', segment_key: 'OT-Zelle-1' },
      { position: 1, ip: 'fd00::1', mac: null, hostname: null, segment_key: null },
      { position: 2, ip: null, mac: null, hostname: 'hmi-if1', segment_key: null },
    ]);
    const replaced = await send(northEngineer, { method: 'PUT', url, payload: { interfaces: [{ ip: '10.10.1.21' }] } }, 2);
    assert.equal(replaced.statusCode, 200);
    assert.deepEqual((await get(northEngineer, 'IF-1')).interfaces, [{ position: 0, ip: '10.10.1.21', mac: null, hostname: null, segment_key: null }]);
    const rows = await ctx.db.selectFrom('machine_interfaces').select('ip').where('machine_id', '=', created.id).execute();
    assert.equal(rows.length, 1);
    assert.equal((await send(northEngineer, { method: 'PUT', url, payload: { interfaces: [] } }, 2)).statusCode, 412);
    const history = await events(created.id);
    assert.deepEqual(history.map((event) => event.summary).slice(1), [
      'Replaced the interfaces of machine "IF-1": 3 (10.10.1.20, fd00::1, hmi-if1)',
      'Replaced the interfaces of machine "IF-1": 1 (10.10.1.21)',
    ]);
  });

  it('refuses invalid addresses, empty interfaces and segments of other sites with field codes', async () => {
    await create(admin, { machine_id: 'IF-2', name: 'Bad interfaces', site_key: 'NORD' });
    const url = '/api/v1/machines/IF-2/interfaces';
    const invalid = await send(admin, { method: 'PUT', url, payload: { interfaces: [{ ip: '10.10.1.300' }, { mac: '00:1b:1b:aa:bb' }, {}, { ip: '10.0.0.1/24' }] } }, 1);
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(fieldCodes(invalid.json<Problem>()), [
      ['/interfaces/0/ip', 'IP_INVALID'],
      ['/interfaces/1/mac', 'MAC_INVALID'],
      ['/interfaces/2', 'VALUE_REQUIRED'],
      ['/interfaces/3/ip', 'IP_INVALID'],
    ]);
    const otherSite = await send(admin, { method: 'PUT', url, payload: { interfaces: [{ ip: '10.0.0.1', segment_key: 'OT-Sued' }, { ip: '10.0.0.2', segment_key: 'nope' }] } }, 1);
    assert.equal(otherSite.statusCode, 400);
    assert.deepEqual(otherSite.json<Problem>().errors?.map((error) => [error.path, error.code, error.value]), [
      ['/interfaces/0/segment_key', 'REFERENCE_UNKNOWN', 'OT-Sued'],
      ['/interfaces/1/segment_key', 'REFERENCE_UNKNOWN', 'nope'],
    ]);
    assert.equal((await get(admin, 'IF-2')).version, 1);
  });

  it('decommissions a machine (admin only), keeps it readable and refuses further edits', async () => {
    const created = (await create(northEngineer, { machine_id: 'OLD-1', name: 'Old', site_key: 'NORD' })).json<MachineDetailView>();
    const url = '/api/v1/machines/OLD-1/decommission';
    assert.equal((await send(admin, { method: 'POST', url })).statusCode, 428);
    assert.equal((await send(admin, { method: 'POST', url }, 3)).statusCode, 412);
    const response = await send(admin, { method: 'POST', url }, 1);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<MachineDetailView>();
    assert.equal(body.decommissioned_at, ctx.clock.now().toISOString());
    assert.equal(body.version, 2);
    assert.deepEqual(body.allowed_actions, ['machine.read']);
    const refused = await patch(admin, 'OLD-1', { name: 'Revived' }, 2);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json<Problem>().code, 'INVALID_TRANSITION');
    assert.match(refused.json<Problem>().detail, /decommissioned/);
    assert.equal((await send(admin, { method: 'POST', url }, 2)).statusCode, 409);
    assert.equal((await send(admin, { method: 'PUT', url: '/api/v1/machines/OLD-1/interfaces', payload: { interfaces: [] } }, 2)).statusCode, 409);
    assert.equal((await send(admin, { method: 'POST', url: '/api/v1/machines/OLD-1/components', payload: { component_type: 'plc', name: 'S7' } })).statusCode, 409);
    const row = await ctx.db.selectFrom('machines').select(['name', 'decommissioned_at']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(row.name, 'Old');
    assert.deepEqual((await events(created.id)).map((event) => event.action), ['machine.create', 'machine.decommission']);
    const listed = (await send(admin, { method: 'GET', url: '/api/v1/machines' })).json<{ items: MachineDetailView[] }>();
    assert.ok(listed.items.some((machine) => machine.machine_id === 'OLD-1' && machine.decommissioned_at !== null));
  });

  it('names the gaps of the matching data on the components in use, and none once decommissioned', async () => {
    const created = (await create(northEngineer, { machine_id: 'GAP-1', name: 'Gaps', site_key: 'NORD' })).json<MachineDetailView>();
    assert.deepEqual(created.matching_data_gaps, ['no_components']);
    const addComponent = (payload: object) => send(northEngineer, { method: 'POST', url: '/api/v1/machines/GAP-1/components', payload });
    const plc = await addComponent({ component_type: 'plc', vendor: 'Siemens', name: 'SIMATIC S7-1500' });
    assert.equal(plc.statusCode, 201, plc.body);
    assert.deepEqual((await get(northMaintenance, 'GAP-1')).matching_data_gaps, ['component_without_version']);
    const tool = await addComponent({ component_type: 'application', name: 'Tool', component_version: '1.0' });
    assert.equal(tool.statusCode, 201, tool.body);
    assert.deepEqual((await get(northMaintenance, 'GAP-1')).matching_data_gaps, ['component_without_vendor', 'component_without_version']);

    // A removed component no longer counts, also when removed ones are shown.
    const removed = await send(northEngineer, { method: 'POST', url: `/api/v1/components/${tool.json<{ id: string }>().id}/remove` }, 1);
    assert.equal(removed.statusCode, 200, removed.body);
    const withRemoved = (await send(northEngineer, { method: 'GET', url: '/api/v1/machines/GAP-1?include_removed=true' })).json<MachineDetailView>();
    assert.equal(withRemoved.components.length, 2);
    assert.deepEqual(withRemoved.matching_data_gaps, ['component_without_version']);

    const machine = await get(admin, 'GAP-1');
    const decommissioned = await send(admin, { method: 'POST', url: '/api/v1/machines/GAP-1/decommission' }, machine.version);
    assert.equal(decommissioned.statusCode, 200, decommissioned.body);
    assert.deepEqual(decommissioned.json<MachineDetailView>().matching_data_gaps, []);
    assert.deepEqual((await get(northMaintenance, 'GAP-1')).matching_data_gaps, []);
  });
});
