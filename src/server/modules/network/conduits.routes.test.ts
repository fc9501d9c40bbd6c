import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSegment, insertSite } from '../../../test-support/factories.ts';
import type { ConduitList, ConduitView } from './conduits.schema.ts';
import { createConduit } from './conduits.service.ts';

interface Problem {
  code: string;
  errors?: { code: string; path?: string }[];
}

const hostile = `<script>alert(1)</script>"; DROP TABLE conduits; --`;

describeEachDialect('conduits', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let cell: string;
  let dmz: string;
  let office: string;
  let root: TestSession;
  let northEngineer: TestSession;
  let northMaintenance: TestSession;
  let northEngineerSouthOperator: TestSession;
  let bothEngineer: TestSession;
  let southOperator: TestSession;
  let vendor: TestSession;
  let outbound: ConduitView;
  let crossSite: ConduitView;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    cell = await insertSegment(ctx.db, north.id, 'ZELLE-1', { cidr: '10.20.0.0/24', zone_type: 'ot_cell' });
    dmz = await insertSegment(ctx.db, north.id, 'DMZ', { zone_type: 'ot_dmz' });
    office = await insertSegment(ctx.db, south.id, 'LEITSTAND', { zone_type: 'it' });
    const machine = await insertMachine(ctx.db, { machine_id: 'FR-1', site_id: north.id });
    const now = ctx.clock.now();
    const northScope = { kind: 'site' as const, siteIds: [north.id] };
    const southScope = { kind: 'site' as const, siteIds: [south.id] };
    root = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'nord.eng', role: 'engineering', scope: northScope }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'nord.maint', role: 'maintenance', scope: northScope }, now);
    northEngineerSouthOperator = await createUserWithSession(ctx.db, { username: 'nord.eng.sued.op', grants: [{ role: 'engineering', scope: northScope }, { role: 'operator', scope: southScope }] }, now);
    bothEngineer = await createUserWithSession(ctx.db, { username: 'both.eng', role: 'engineering', scope: { kind: 'site', siteIds: [north.id, south.id] } }, now);
    southOperator = await createUserWithSession(ctx.db, { username: 'sued.op', role: 'operator', scope: southScope }, now);
    vendor = await createUserWithSession(ctx.db, { username: 'vendor', role: 'vendor', scope: { kind: 'machine', machineIds: [machine.id] } }, now);
  });
  after(async () => {
    await app.close();
  });

  const get = (session: TestSession | null, url: string) => app.inject({ method: 'GET', url, headers: session?.headers ?? {} });
  const send = (session: TestSession | null, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, version?: number) =>
    app.inject({ method, url, ...(payload ? { payload } : {}), headers: { ...(session?.headers ?? {}), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) } });
  const events = async (action: string) =>
    ctx.db.selectFrom('audit_events').select(['object_type', 'object_id', 'site_id', 'summary', 'role']).where('action', '=', action).orderBy('seq').execute();
  const conduitCount = async () => (await ctx.db.selectFrom('conduits').select('id').execute()).length;
  const auditCount = async () => (await ctx.db.selectFrom('audit_events').select('seq').execute()).length;
  const errorsOf = (response: { json: <T>() => T }) => (response.json<Problem>().errors ?? []).map((error) => [error.code, error.path]);
  const base = { protocol: 'tcp', ports: '443', purpose: 'Fernwartung' };

  it('lets engineering document a flow from its segment to the internet, normalising ports, audited', async () => {
    const response = await send(northEngineer, 'POST', '/api/v1/conduits', {
      from_segment_id: cell, to_segment_id: null, protocol: 'tcp', ports: ' 443 ,8443;  49152 - 65535', service: 'HTTPS', purpose: hostile, firewall_rule: 'FW-NORD-17',
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    outbound = response.json<ConduitView>();
    assert.deepEqual(
      [outbound.site_id, outbound.site_key, outbound.protocol, outbound.ports, outbound.service, outbound.purpose, outbound.firewall_rule, outbound.remote_access, outbound.version],
      [north.id, 'NORD', 'tcp', '443, 8443, 49152-65535', 'HTTPS', hostile, 'FW-NORD-17', false, 1],
    );
    assert.deepEqual(outbound.from, { kind: 'segment', segment_id: cell, segment_key: 'ZELLE-1', segment_name: 'Segment ZELLE-1', site_key: 'NORD', zone_type: 'ot_cell' });
    assert.deepEqual(outbound.to, { kind: 'internet' });
    assert.deepEqual(outbound.allowed_actions, ['conduit.read', 'conduit.update', 'conduit.delete']);
    assert.deepEqual((await get(northEngineer, `/api/v1/conduits/${outbound.id}`)).json<ConduitView>(), outbound);
    const [event] = await events('conduit.create');
    assert.deepEqual([event?.object_type, event?.object_id, event?.site_id, event?.role], ['conduit', outbound.id, north.id, 'engineering']);
    assert.equal(event?.summary, `Created conduit segment "ZELLE-1" of site "NORD" → internet, tcp 443, 8443, 49152-65535 for ${JSON.stringify(hostile)}`);
  });

  it('owns a flow from the internet by the site of its target and marks remote access', async () => {
    const response = await send(root, 'POST', '/api/v1/conduits', { from_segment_id: null, to_segment_id: dmz, protocol: 'udp', ports: '1194', purpose: 'VPN des Maschinenbauers', remote_access: true });
    assert.equal(response.statusCode, 201, response.body);
    const conduit = response.json<ConduitView>();
    assert.deepEqual([conduit.site_id, conduit.from, conduit.to.kind, conduit.remote_access, conduit.service, conduit.firewall_rule], [north.id, { kind: 'internet' }, 'segment', true, null, null]);
    assert.match((await events('conduit.create')).at(-1)!.summary, /internet → segment "DMZ" of site "NORD", udp 1194 .*\(remote access\)$/);
  });

  it('needs the right in both sites for a flow across sites (VPN)', async () => {
    const before = await conduitCount();
    const body = { ...base, from_segment_id: cell, to_segment_id: office, protocol: 'tcp_udp', ports: '4840', service: 'OPC UA', purpose: 'Leitstand liest Zelle' };
    // Reads the other site, may not write there: 403. Cannot read it at all: the segment is unknown.
    const forbidden = await send(northEngineerSouthOperator, 'POST', '/api/v1/conduits', body);
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json<Problem>().code, 'FORBIDDEN');
    assert.deepEqual(errorsOf(await send(northEngineer, 'POST', '/api/v1/conduits', body)), [['SEGMENT_UNKNOWN', '/to_segment_id']]);
    assert.equal(await conduitCount(), before);

    const response = await send(bothEngineer, 'POST', '/api/v1/conduits', body);
    assert.equal(response.statusCode, 201, response.body);
    crossSite = response.json<ConduitView>();
    assert.deepEqual([crossSite.site_key, crossSite.from.kind === 'segment' && crossSite.from.site_key, crossSite.to.kind === 'segment' && crossSite.to.site_key], ['NORD', 'NORD', 'SUED']);

    // One end in scope is enough to read it; changing it takes the right in both sites.
    const seenFromNorth = (await get(northEngineer, `/api/v1/conduits/${crossSite.id}`)).json<ConduitView>();
    assert.deepEqual(seenFromNorth.allowed_actions, ['conduit.read']);
    assert.equal((await get(southOperator, `/api/v1/conduits/${crossSite.id}`)).statusCode, 200);
    assert.equal((await send(northEngineer, 'PATCH', `/api/v1/conduits/${crossSite.id}`, { firewall_rule: 'x' }, crossSite.version)).statusCode, 403);
    assert.equal((await send(northEngineer, 'DELETE', `/api/v1/conduits/${crossSite.id}`, undefined, crossSite.version)).statusCode, 403);
    assert.equal((await send(northEngineerSouthOperator, 'DELETE', `/api/v1/conduits/${crossSite.id}`, undefined, crossSite.version)).statusCode, 403);
    assert.deepEqual((await get(bothEngineer, `/api/v1/conduits/${crossSite.id}`)).json<ConduitView>().allowed_actions, ['conduit.read', 'conduit.update', 'conduit.delete']);
  });

  it('rejects bad ends, ports and fields with field codes and writes nothing', async () => {
    const before = [await conduitCount(), await auditCount()];
    const post = (body: object) => send(root, 'POST', '/api/v1/conduits', body);
    assert.deepEqual(errorsOf(await post({ ...base, from_segment_id: null, to_segment_id: null })), [['CONDUIT_ENDPOINTS', '/to_segment_id']]);
    assert.deepEqual(errorsOf(await post({ ...base, from_segment_id: cell, to_segment_id: cell })), [['CONDUIT_ENDPOINTS', '/to_segment_id']]);
    for (const ports of ['0', '65536', 'https', '443,', '600-500']) {
      assert.deepEqual(errorsOf(await post({ ...base, from_segment_id: cell, to_segment_id: null, ports })), [['PORTS_INVALID', '/ports']], ports);
    }
    assert.deepEqual(errorsOf(await post({ ...base, from_segment_id: cell, to_segment_id: null, protocol: 'icmp', ports: '7' })), [['PORTS_INVALID', '/ports']]);
    assert.deepEqual(errorsOf(await post({ ...base, from_segment_id: randomUUID(), to_segment_id: 'nope' })), [
      ['SEGMENT_UNKNOWN', '/from_segment_id'],
      ['SEGMENT_UNKNOWN', '/to_segment_id'],
    ]);
    // A segment of a site the caller cannot read is unknown too, for every role: never 404.
    assert.deepEqual(errorsOf(await send(southOperator, 'POST', '/api/v1/conduits', { ...base, from_segment_id: cell, to_segment_id: null })), [['SEGMENT_UNKNOWN', '/from_segment_id']]);
    assert.deepEqual(errorsOf(await send(vendor, 'POST', '/api/v1/conduits', { ...base, from_segment_id: cell, to_segment_id: null })), [['SEGMENT_UNKNOWN', '/from_segment_id']]);
    assert.deepEqual(errorsOf(await post({ from_segment_id: cell, to_segment_id: null, protocol: 'http', purpose: 'x' })), [['INVALID_VALUE', '/protocol']]);
    assert.deepEqual(errorsOf(await post({ from_segment_id: cell, protocol: 'tcp', purpose: ' ' })), [['VALUE_REQUIRED', '/to_segment_id'], ['VALUE_BLANK', '/purpose']]);
    assert.deepEqual(errorsOf(await post({ ...base, from_segment_id: cell, to_segment_id: null, site_id: north.id })), [['UNKNOWN_FIELD', '/site_id']]);
    assert.deepEqual(errorsOf(await post({ ...base, from_segment_id: cell, to_segment_id: null, firewall_rule: 'FW\u0000' })), [['CONTROL_CHARACTERS', '/firewall_rule']]);
    assert.deepEqual([await conduitCount(), await auditCount()], before);
  });

  it('refuses anonymous callers (401), roles without the right (403) and other sites (404)', async () => {
    const before = await conduitCount();
    const body = { ...base, from_segment_id: cell, to_segment_id: null };
    assert.equal((await send(null, 'POST', '/api/v1/conduits', body)).statusCode, 401);
    assert.equal((await get(null, '/api/v1/conduits')).statusCode, 401);
    const forbidden = await send(northMaintenance, 'POST', '/api/v1/conduits', body);
    assert.equal(forbidden.statusCode, 403);
    assert.equal((await get(southOperator, `/api/v1/conduits/${outbound.id}`)).statusCode, 404);
    assert.equal((await get(root, `/api/v1/conduits/${randomUUID()}`)).statusCode, 404);
    assert.equal((await send(southOperator, 'PATCH', `/api/v1/conduits/${outbound.id}`, { purpose: 'x' }, outbound.version)).statusCode, 404);
    assert.equal((await send(southOperator, 'DELETE', `/api/v1/conduits/${outbound.id}`, undefined, outbound.version)).statusCode, 404);
    assert.equal((await send(vendor, 'DELETE', `/api/v1/conduits/${outbound.id}`, undefined, outbound.version)).statusCode, 404);
    assert.equal((await send(northMaintenance, 'PATCH', `/api/v1/conduits/${outbound.id}`, { purpose: 'x' }, outbound.version)).statusCode, 403);
    assert.equal((await send(northMaintenance, 'DELETE', `/api/v1/conduits/${outbound.id}`, undefined, outbound.version)).statusCode, 403);
    assert.equal(await conduitCount(), before);
  });

  it('lists the conduits touching the caller’s sites, or one site; unknown and other sites are 404', async () => {
    const describe = (list: ConduitList) => list.items.map((item) => `${item.from.kind === 'segment' ? item.from.segment_key : 'internet'}>${item.to.kind === 'segment' ? item.to.segment_key : 'internet'}`);
    const all = (await get(root, '/api/v1/conduits')).json<ConduitList>();
    assert.deepEqual(describe(all), ['internet>DMZ', 'ZELLE-1>internet', 'ZELLE-1>LEITSTAND']);
    assert.deepEqual(all.allowed_actions, ['conduit.create']);
    assert.deepEqual(describe((await get(northEngineer, '/api/v1/conduits')).json<ConduitList>()), ['internet>DMZ', 'ZELLE-1>internet', 'ZELLE-1>LEITSTAND']);
    const south = (await get(southOperator, '/api/v1/conduits')).json<ConduitList>();
    assert.deepEqual(describe(south), ['ZELLE-1>LEITSTAND']);
    assert.deepEqual([south.allowed_actions, south.items[0]!.allowed_actions], [[], ['conduit.read']]);
    assert.deepEqual(describe((await get(root, '/api/v1/conduits?site=sued')).json<ConduitList>()), ['ZELLE-1>LEITSTAND']);
    assert.deepEqual((await get(northEngineerSouthOperator, '/api/v1/conduits?site=SUED')).json<ConduitList>().allowed_actions, []);
    assert.deepEqual((await get(northEngineerSouthOperator, '/api/v1/conduits?site=NORD')).json<ConduitList>().allowed_actions, ['conduit.create']);
    assert.equal((await get(northEngineer, '/api/v1/conduits?site=SUED')).statusCode, 404);
    assert.equal((await get(root, '/api/v1/conduits?site=NOPE')).statusCode, 404);
    assert.equal((await get(root, '/api/v1/conduits?sort=x')).statusCode, 400);
    // Machine-scoped grants do not reveal a site's network.
    assert.deepEqual((await get(vendor, '/api/v1/conduits')).json<ConduitList>(), { items: [], allowed_actions: [] });
    assert.equal((await get(vendor, '/api/v1/conduits?site=NORD')).statusCode, 404);
  });

  it('changes a conduit with If-Match: fields, ends (re-owning it), the same checks for new ends', async () => {
    const url = `/api/v1/conduits/${outbound.id}`;
    assert.equal((await send(northEngineer, 'PATCH', url, { purpose: 'x' })).statusCode, 428);
    assert.equal((await send(northEngineer, 'PATCH', url, { purpose: 'x' }, outbound.version + 1)).statusCode, 412);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { to_segment_id: office }, outbound.version)), [['SEGMENT_UNKNOWN', '/to_segment_id']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { to_segment_id: cell }, outbound.version)), [['CONDUIT_ENDPOINTS', '/to_segment_id']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { protocol: 'icmp' }, outbound.version)), [['PORTS_INVALID', '/ports']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { ports: '99999', purpose: '' }, outbound.version)), [['PORTS_INVALID', '/ports'], ['VALUE_BLANK', '/purpose']]);
    assert.equal((await send(northEngineerSouthOperator, 'PATCH', url, { to_segment_id: office }, outbound.version)).statusCode, 403);
    assert.equal((await get(root, url)).json<ConduitView>().version, outbound.version);

    const changed = await send(northEngineer, 'PATCH', url, { protocol: 'icmp', ports: null, firewall_rule: '', remote_access: true }, outbound.version);
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.headers.etag, '"2"');
    const view = changed.json<ConduitView>();
    assert.deepEqual([view.protocol, view.ports, view.firewall_rule, view.remote_access, view.purpose, view.version], ['icmp', null, null, true, hostile, 2]);
    assert.match((await events('conduit.update')).at(-1)!.summary, /: protocol, ports, firewall_rule, remote_access$/);

    // From the internet to the cell now: the conduit belongs to the cell's site; then across to SUED.
    const reversed = (await send(northEngineer, 'PATCH', url, { from_segment_id: null, to_segment_id: dmz }, 2)).json<ConduitView>();
    assert.deepEqual([reversed.from, reversed.to.kind === 'segment' && reversed.to.segment_key, reversed.site_id], [{ kind: 'internet' }, 'DMZ', north.id]);
    const across = await send(bothEngineer, 'PATCH', url, { from_segment_id: office }, 3);
    assert.equal(across.statusCode, 200, across.body);
    assert.deepEqual([across.json<ConduitView>().site_id, across.json<ConduitView>().site_key], [south.id, 'SUED']);
    const [event] = (await events('conduit.update')).slice(-1);
    assert.deepEqual([event?.object_id, event?.site_id, event?.role], [outbound.id, south.id, 'engineering']);
    outbound = across.json<ConduitView>();
  });

  it('deletes a conduit with If-Match, audited; the audit log keeps what it was', async () => {
    const url = `/api/v1/conduits/${crossSite.id}`;
    assert.equal((await send(bothEngineer, 'DELETE', url)).statusCode, 428);
    assert.equal((await send(bothEngineer, 'DELETE', url, undefined, crossSite.version + 1)).statusCode, 412);
    assert.equal((await get(root, url)).statusCode, 200);
    const response = await send(bothEngineer, 'DELETE', url, undefined, crossSite.version);
    assert.equal(response.statusCode, 204, response.body);
    assert.equal(response.body, '');
    assert.equal((await get(root, url)).statusCode, 404);
    assert.equal((await send(bothEngineer, 'DELETE', url, undefined, crossSite.version)).statusCode, 404);
    const [event] = await events('conduit.delete');
    assert.deepEqual([event?.object_type, event?.object_id, event?.site_id, event?.role], ['conduit', crossSite.id, north.id, 'engineering']);
    assert.equal(event?.summary, 'Deleted conduit segment "ZELLE-1" of site "NORD" → segment "LEITSTAND" of site "SUED", tcp_udp 4840 for "Leitstand liest Zelle"');
  });

  it('lets the CLI document conduits with full rights', async () => {
    const conduit = await createConduit(ctx, cliActor('ops'), { from_segment_id: office, to_segment_id: cell, protocol: 'any', purpose: 'Alles erlaubt (Übergang)' });
    assert.deepEqual([conduit.site_key, conduit.ports, conduit.remote_access], ['SUED', null, false]);
    const event = await ctx.db.selectFrom('audit_events').select(['actor_id', 'via']).where('object_id', '=', conduit.id).executeTakeFirstOrThrow();
    assert.deepEqual([event.actor_id, event.via], ['cli:ops', 'cli']);
  });
});
