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
import type { BrokerList, BrokerView } from './brokers.schema.ts';
import { createBroker } from './brokers.service.ts';

interface Problem {
  code: string;
  errors?: { code: string; path?: string }[];
}

describeEachDialect('message brokers', (database) => {
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
  let southOperator: TestSession;
  let vendor: TestSession;
  let created: BrokerView;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    cell = await insertSegment(ctx.db, north.id, 'ZELLE-1', { cidr: '10.20.0.0/24' });
    dmz = await insertSegment(ctx.db, north.id, 'DMZ', { zone_type: 'ot_dmz' });
    office = await insertSegment(ctx.db, south.id, 'BUERO', { zone_type: 'it' });
    const machine = await insertMachine(ctx.db, { machine_id: 'FR-1', site_id: north.id });
    const now = ctx.clock.now();
    root = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'nord.eng', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'nord.maint', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);
    southOperator = await createUserWithSession(ctx.db, { username: 'sued.op', role: 'operator', scope: { kind: 'site', siteIds: [south.id] } }, now);
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
  const brokerCount = async () => (await ctx.db.selectFrom('brokers').select('id').execute()).length;
  const auditCount = async () => (await ctx.db.selectFrom('audit_events').select('seq').execute()).length;
  const errorsOf = (response: { json: <T>() => T }) => (response.json<Problem>().errors ?? []).map((error) => [error.code, error.path]);

  it('lets engineering register a broker in a segment of its site, audited', async () => {
    const response = await send(northEngineer, 'POST', '/api/v1/brokers', {
      segment_id: cell, name: 'Linie 3 MQTT', kind: 'mqtt', host: ' 10.20.0.5 ', port: 8883, tls: true, notes: 'Zertifikat bis 2027\nvom Maschinenbauer',
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    created = response.json<BrokerView>();
    assert.deepEqual(
      [created.site_id, created.site_key, created.segment_id, created.segment_key, created.zone_type, created.name, created.kind, created.host, created.port, created.tls, created.notes, created.version],
      [north.id, 'NORD', cell, 'ZELLE-1', 'ot_cell', 'Linie 3 MQTT', 'mqtt', '10.20.0.5', 8883, true, 'Zertifikat bis 2027\nvom Maschinenbauer', 1],
    );
    assert.deepEqual(created.allowed_actions, ['broker.read', 'broker.update', 'broker.delete']);
    assert.deepEqual((await get(northEngineer, `/api/v1/brokers/${created.id}`)).json<BrokerView>(), created);
    const [event] = await events('broker.create');
    assert.deepEqual([event?.object_type, event?.object_id, event?.site_id, event?.role], ['broker', created.id, north.id, 'engineering']);
    assert.equal(event?.summary, 'Created broker mqtt "Linie 3 MQTT" at 10.20.0.5:8883 (TLS) in segment "ZELLE-1" of site "NORD"');
  });

  it('accepts host names and IPv6 addresses (canonical), without port or TLS', async () => {
    const named = await send(root, 'POST', '/api/v1/brokers', { segment_id: dmz, name: 'Kafka', kind: 'kafka', host: 'kafka-01.werk.local' });
    assert.equal(named.statusCode, 201, named.body);
    assert.deepEqual([named.json<BrokerView>().host, named.json<BrokerView>().port, named.json<BrokerView>().tls, named.json<BrokerView>().notes], ['kafka-01.werk.local', null, false, null]);
    const v6 = await send(root, 'POST', '/api/v1/brokers', { segment_id: office, name: 'AMQP', kind: 'amqp', host: '2001:DB8:0::10', port: 5671, tls: true });
    assert.equal(v6.json<BrokerView>().host, '2001:db8::10');
  });

  it('rejects bad hosts, ports, kinds and segments with field codes and writes nothing', async () => {
    const before = [await brokerCount(), await auditCount()];
    const base = { segment_id: cell, name: 'B', kind: 'mqtt', host: 'broker.local' };
    const post = (body: object, session: TestSession = root) => send(session, 'POST', '/api/v1/brokers', body);
    for (const host of ['', 'broker local', 'mqtt://broker', '10.20.0.300', 'broker:1883']) {
      assert.deepEqual(errorsOf(await post({ ...base, host })), [['HOST_INVALID', '/host']], host);
    }
    assert.deepEqual(errorsOf(await post({ ...base, port: 0 })), [['INVALID_VALUE', '/port']]);
    assert.deepEqual(errorsOf(await post({ ...base, port: 65536 })), [['INVALID_VALUE', '/port']]);
    assert.deepEqual(errorsOf(await post({ ...base, kind: 'zeromq' })), [['INVALID_VALUE', '/kind']]);
    assert.deepEqual(errorsOf(await post({ ...base, segment_id: randomUUID() })), [['SEGMENT_UNKNOWN', '/segment_id']]);
    assert.deepEqual(errorsOf(await post({ ...base, segment_id: office }, northEngineer)), [['SEGMENT_UNKNOWN', '/segment_id']]);
    assert.deepEqual(errorsOf(await post({ ...base }, vendor)), [['SEGMENT_UNKNOWN', '/segment_id']]);
    assert.deepEqual(errorsOf(await post({ name: 'B', kind: 'mqtt', host: 'x', tls: 'yes' })), [['VALUE_REQUIRED', '/segment_id'], ['INVALID_VALUE', '/tls']]);
    assert.deepEqual(errorsOf(await post({ ...base, site_key: 'NORD' })), [['UNKNOWN_FIELD', '/site_key']]);
    assert.deepEqual([await brokerCount(), await auditCount()], before);
  });

  it('refuses anonymous callers (401), roles without the right (403) and other sites (404)', async () => {
    const before = await brokerCount();
    const body = { segment_id: cell, name: 'B', kind: 'mqtt', host: 'broker.local' };
    assert.equal((await send(null, 'POST', '/api/v1/brokers', body)).statusCode, 401);
    assert.equal((await get(null, '/api/v1/brokers')).statusCode, 401);
    assert.equal((await send(northMaintenance, 'POST', '/api/v1/brokers', body)).statusCode, 403);
    assert.equal((await get(southOperator, `/api/v1/brokers/${created.id}`)).statusCode, 404);
    assert.equal((await get(vendor, `/api/v1/brokers/${created.id}`)).statusCode, 404);
    assert.equal((await get(root, `/api/v1/brokers/${randomUUID()}`)).statusCode, 404);
    assert.equal((await send(northMaintenance, 'PATCH', `/api/v1/brokers/${created.id}`, { name: 'x' }, created.version)).statusCode, 403);
    assert.equal((await send(southOperator, 'PATCH', `/api/v1/brokers/${created.id}`, { name: 'x' }, created.version)).statusCode, 404);
    assert.equal((await send(northMaintenance, 'DELETE', `/api/v1/brokers/${created.id}`, undefined, created.version)).statusCode, 403);
    assert.equal((await send(southOperator, 'DELETE', `/api/v1/brokers/${created.id}`, undefined, created.version)).statusCode, 404);
    assert.equal(await brokerCount(), before);
  });

  it('lists brokers by scope and site, by site and segment; other sites are 404', async () => {
    const all = (await get(root, '/api/v1/brokers')).json<BrokerList>();
    assert.deepEqual(all.items.map((broker) => `${broker.site_key}/${broker.segment_key}/${broker.name}`), ['NORD/DMZ/Kafka', 'NORD/ZELLE-1/Linie 3 MQTT', 'SUED/BUERO/AMQP']);
    assert.deepEqual(all.allowed_actions, ['broker.create']);
    assert.deepEqual((await get(northEngineer, '/api/v1/brokers')).json<BrokerList>().items.map((broker) => broker.name), ['Kafka', 'Linie 3 MQTT']);
    const south = (await get(southOperator, '/api/v1/brokers?site=sued')).json<BrokerList>();
    assert.deepEqual([south.items.map((broker) => [broker.name, broker.allowed_actions]), south.allowed_actions], [[['AMQP', ['broker.read']]], []]);
    assert.equal((await get(northEngineer, '/api/v1/brokers?site=SUED')).statusCode, 404);
    assert.deepEqual((await get(vendor, '/api/v1/brokers')).json<BrokerList>(), { items: [], allowed_actions: [] });
  });

  it('changes a broker with If-Match, also moving it to another segment the caller may write', async () => {
    const url = `/api/v1/brokers/${created.id}`;
    assert.equal((await send(northEngineer, 'PATCH', url, { name: 'x' })).statusCode, 428);
    assert.equal((await send(northEngineer, 'PATCH', url, { name: 'x' }, created.version + 1)).statusCode, 412);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { segment_id: office }, created.version)), [['SEGMENT_UNKNOWN', '/segment_id']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { host: 'a b', segment_id: null }, created.version)), [['INVALID_VALUE', '/segment_id'], ['HOST_INVALID', '/host']]);
    assert.equal((await get(root, url)).json<BrokerView>().version, created.version);

    const response = await send(northEngineer, 'PATCH', url, { segment_id: dmz, host: 'MQTT.werk.local', port: null, tls: false, notes: '' }, created.version);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const changed = response.json<BrokerView>();
    assert.deepEqual([changed.segment_key, changed.host, changed.port, changed.tls, changed.notes, changed.name, changed.version], ['DMZ', 'MQTT.werk.local', null, false, null, 'Linie 3 MQTT', 2]);
    const [event] = await events('broker.update');
    assert.deepEqual([event?.object_id, event?.site_id, event?.role], [created.id, north.id, 'engineering']);
    assert.match(event!.summary, /: segment_id, host, port, tls, notes \(moved to segment "DMZ" of site "NORD"\)$/);
    created = changed;
  });

  it('deletes a broker with If-Match, audited', async () => {
    const url = `/api/v1/brokers/${created.id}`;
    assert.equal((await send(northEngineer, 'DELETE', url)).statusCode, 428);
    assert.equal((await send(northEngineer, 'DELETE', url, undefined, created.version - 1)).statusCode, 412);
    const response = await send(northEngineer, 'DELETE', url, undefined, created.version);
    assert.equal(response.statusCode, 204, response.body);
    assert.equal((await get(root, url)).statusCode, 404);
    const [event] = await events('broker.delete');
    assert.deepEqual([event?.object_type, event?.object_id, event?.site_id, event?.summary], ['broker', created.id, north.id, 'Deleted broker mqtt "Linie 3 MQTT" at MQTT.werk.local in segment "DMZ" of site "NORD"']);
  });

  it('lets the CLI register brokers with full rights', async () => {
    const broker = await createBroker(ctx, cliActor('ops'), { segment_id: office, name: 'OPC UA PubSub', kind: 'opcua_pubsub', host: '192.168.7.20', port: 4840 });
    assert.deepEqual([broker.site_key, broker.kind], ['SUED', 'opcua_pubsub']);
    const event = await ctx.db.selectFrom('audit_events').select(['actor_id', 'via']).where('object_id', '=', broker.id).executeTakeFirstOrThrow();
    assert.deepEqual([event.actor_id, event.via], ['cli:ops', 'cli']);
  });
});
