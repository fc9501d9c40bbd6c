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
import { insertSite } from '../../../test-support/factories.ts';
import type { SegmentList, SegmentView } from './segments.schema.ts';
import { createSegment } from './segments.service.ts';

interface Problem {
  code: string;
  errors?: { code: string; path?: string }[];
}

const hostile = `<img src=x onerror=alert(1)>"; DELETE FROM segments; --`;

describeEachDialect('network segments', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let root: TestSession;
  let northEngineer: TestSession;
  let northMaintenance: TestSession;
  let southOperator: TestSession;
  let created: SegmentView;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    const now = ctx.clock.now();
    root = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'nord.eng', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'nord.maint', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);
    southOperator = await createUserWithSession(ctx.db, { username: 'sued.op', role: 'operator', scope: { kind: 'site', siteIds: [south.id] } }, now);
  });
  after(async () => {
    await app.close();
  });

  const get = (session: TestSession | null, url: string) => app.inject({ method: 'GET', url, headers: session?.headers ?? {} });
  const send = (session: TestSession | null, method: 'POST' | 'PATCH', url: string, payload: object, version?: number) =>
    app.inject({ method, url, payload, headers: { ...(session?.headers ?? {}), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) } });
  const events = async (action: string) =>
    ctx.db.selectFrom('audit_events').select(['object_id', 'site_id', 'summary', 'role']).where('action', '=', action).orderBy('seq').execute();
  const segmentCount = async () => (await ctx.db.selectFrom('segments').select('id').execute()).length;
  const errorsOf = (response: { json: <T>() => T }) => (response.json<Problem>().errors ?? []).map((error) => [error.code, error.path]);

  it('lets engineering create a segment in its site, normalising the CIDR, audited', async () => {
    const response = await send(northEngineer, 'POST', '/api/v1/segments', {
      site_key: 'nord', key: 'Zelle 1', name: hostile, vlan: 20, cidr: '10.20.0.17/24', zone_type: 'ot_cell',
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    created = response.json<SegmentView>();
    assert.deepEqual(
      [created.site_id, created.site_key, created.key, created.name, created.vlan, created.cidr, created.zone_type, created.needs_review, created.version],
      [north.id, 'NORD', 'Zelle 1', hostile, 20, '10.20.0.0/24', 'ot_cell', false, 1],
    );
    assert.deepEqual(created.allowed_actions, ['segment.read', 'segment.update']);
    assert.deepEqual((await get(northEngineer, `/api/v1/segments/${created.id}`)).json<SegmentView>(), created);
    assert.deepEqual((await events('segment.create')).map((event) => [event.object_id, event.site_id, event.role]), [[created.id, north.id, 'engineering']]);
  });

  it('accepts IPv6 networks and segments without VLAN or CIDR', async () => {
    const v6 = await send(root, 'POST', '/api/v1/segments', { site_key: 'NORD', key: 'DMZ', name: 'OT-DMZ', cidr: '2001:DB8:0:0::1/64', zone_type: 'ot_dmz' });
    assert.equal(v6.statusCode, 201, v6.body);
    assert.equal(v6.json<SegmentView>().cidr, '2001:db8::/64');
    const bare = await send(root, 'POST', '/api/v1/segments', { site_key: 'SUED', key: 'Büro', name: 'Büro', vlan: null, zone_type: 'it' });
    assert.equal(bare.statusCode, 201, bare.body);
    assert.deepEqual([bare.json<SegmentView>().vlan, bare.json<SegmentView>().cidr], [null, null]);
  });

  it('refuses engineering in another site (404), maintenance (403) and anonymous callers (401)', async () => {
    const before = await segmentCount();
    const body = { key: 'Z9', name: 'Z9', zone_type: 'ot_cell' };
    assert.equal((await send(northEngineer, 'POST', '/api/v1/segments', { ...body, site_key: 'SUED' })).statusCode, 404);
    assert.equal((await send(northEngineer, 'POST', '/api/v1/segments', { ...body, site_key: 'NOPE' })).statusCode, 404);
    const forbidden = await send(northMaintenance, 'POST', '/api/v1/segments', { ...body, site_key: 'NORD' });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json<Problem>().code, 'FORBIDDEN');
    assert.equal((await send(null, 'POST', '/api/v1/segments', { ...body, site_key: 'NORD' })).statusCode, 401);
    assert.equal(await segmentCount(), before);
  });

  it('rejects invalid CIDRs, VLANs out of range, unknown zone types and unknown fields with field codes', async () => {
    const before = await segmentCount();
    const base = { site_key: 'NORD', key: 'Z2', name: 'Zelle 2', zone_type: 'ot_cell' };
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, cidr: '10.20.0.0/33' })), [['CIDR_INVALID', '/cidr']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, cidr: '10.20.0.0' })), [['CIDR_INVALID', '/cidr']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, vlan: 4095 })), [['INVALID_VALUE', '/vlan']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, vlan: 0 })), [['INVALID_VALUE', '/vlan']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, vlan: '20' })), [['INVALID_VALUE', '/vlan']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, zone_type: 'dmz' })), [['INVALID_VALUE', '/zone_type']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, needs_review: true })), [['UNKNOWN_FIELD', '/needs_review']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, key: 'A|B' })), [['KEY_INVALID', '/key']]);
    const missing = await send(root, 'POST', '/api/v1/segments', { site_key: 'NORD', key: 'Z2', name: 'Zelle 2' });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorsOf(missing), [['VALUE_REQUIRED', '/zone_type']]);
    assert.equal(await segmentCount(), before);
  });

  it('refuses a key the site already has, in any case, with 409; other sites may reuse it', async () => {
    const duplicate = await send(root, 'POST', '/api/v1/segments', { site_key: 'NORD', key: 'ZELLE 1', name: 'x', zone_type: 'it' });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json<Problem>().code, 'CONFLICT');
    assert.equal((await send(root, 'POST', '/api/v1/segments', { site_key: 'SUED', key: 'Zelle 1', name: 'x', zone_type: 'it' })).statusCode, 201);
  });

  it('lists segments by scope and site; other sites are 404', async () => {
    const all = (await get(root, '/api/v1/segments')).json<SegmentList>();
    assert.deepEqual(all.items.map((segment) => `${segment.site_key}/${segment.key}`), ['NORD/DMZ', 'NORD/Zelle 1', 'SUED/Büro', 'SUED/Zelle 1']);
    assert.deepEqual(all.allowed_actions, ['segment.create']);
    const mine = (await get(northEngineer, '/api/v1/segments')).json<SegmentList>();
    assert.deepEqual(mine.items.map((segment) => segment.key), ['DMZ', 'Zelle 1']);
    const south = (await get(southOperator, '/api/v1/segments?site=sued')).json<SegmentList>();
    assert.deepEqual(south.items.map((segment) => [segment.key, segment.allowed_actions]), [['Büro', ['segment.read']], ['Zelle 1', ['segment.read']]]);
    assert.deepEqual(south.allowed_actions, []);
    assert.equal((await get(northEngineer, '/api/v1/segments?site=SUED')).statusCode, 404);
    assert.equal((await get(northEngineer, `/api/v1/segments/${all.items[2]!.id}`)).statusCode, 404);
    assert.equal((await get(northEngineer, `/api/v1/segments/${randomUUID()}`)).statusCode, 404);
    assert.equal((await get(northEngineer, '/api/v1/segments?sort=key')).statusCode, 400);
    assert.equal((await get(null, '/api/v1/segments')).statusCode, 401);
  });

  it('clears needs_review when a person describes an imported segment, audited', async () => {
    const now = ctx.clock.now().toISOString();
    const id = randomUUID();
    await ctx.db.insertInto('segments').values({
      id, site_id: north.id, key: 'VLAN 30', key_norm: 'vlan 30', name: 'VLAN 30', vlan: null, cidr: null, zone_type: 'unknown', needs_review: 1, version: 1, created_at: now, updated_at: now,
    }).execute();
    assert.equal((await get(northEngineer, `/api/v1/segments/${id}`)).json<SegmentView>().needs_review, true);
    const response = await send(northEngineer, 'PATCH', `/api/v1/segments/${id}`, { name: 'Lackiererei', vlan: 30, cidr: '10.30.0.0/16', zone_type: 'ot_cell' }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const segment = response.json<SegmentView>();
    assert.deepEqual([segment.name, segment.vlan, segment.cidr, segment.zone_type, segment.needs_review, segment.key], ['Lackiererei', 30, '10.30.0.0/16', 'ot_cell', false, 'VLAN 30']);
    const [event] = await events('segment.update');
    assert.deepEqual([event?.object_id, event?.site_id, event?.role], [id, north.id, 'engineering']);
    assert.match(event!.summary, /name, vlan, cidr, zone_type \(reviewed\)/);
    const cleared = await send(northEngineer, 'PATCH', `/api/v1/segments/${id}`, { vlan: null, cidr: null }, 2);
    assert.deepEqual([cleared.json<SegmentView>().vlan, cleared.json<SegmentView>().cidr, cleared.json<SegmentView>().version], [null, null, 3]);
  });

  it('guards updates: 428 without If-Match, 412 when stale, 403, 404, 400', async () => {
    const current = (await get(root, `/api/v1/segments/${created.id}`)).json<SegmentView>();
    const url = `/api/v1/segments/${created.id}`;
    assert.equal((await send(northEngineer, 'PATCH', url, { name: 'x' })).statusCode, 428);
    assert.equal((await send(northEngineer, 'PATCH', url, { name: 'x' }, current.version + 1)).statusCode, 412);
    assert.equal((await send(northMaintenance, 'PATCH', url, { name: 'x' }, current.version)).statusCode, 403);
    assert.equal((await send(southOperator, 'PATCH', url, { name: 'x' }, current.version)).statusCode, 404);
    assert.equal((await send(null, 'PATCH', url, { name: 'x' }, current.version)).statusCode, 401);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { key: 'y', cidr: '300.1.1.1/8' }, current.version)), [
      ['CIDR_INVALID', '/cidr'],
      ['UNKNOWN_FIELD', '/key'],
    ]);
    const after = (await get(root, url)).json<SegmentView>();
    assert.deepEqual([after.name, after.version], [current.name, current.version]);
  });

  it('refuses a CIDR that overlaps another segment of the same site (either contains the other), on create and change', async () => {
    const before = await segmentCount();
    const base = { site_key: 'NORD', name: 'Überlappung', zone_type: 'ot_cell' };
    const messageOf = (response: { json: <T>() => T }) => (response.json<{ errors?: { message: string }[] }>().errors ?? [])[0]?.message;
    // Zelle 1 of NORD is 10.20.0.0/24; DMZ is 2001:db8::/64.
    const inside = await send(root, 'POST', '/api/v1/segments', { ...base, key: 'Z-IN', cidr: '10.20.0.128/25' });
    assert.equal(inside.statusCode, 400);
    assert.deepEqual(errorsOf(inside), [['CIDR_OVERLAP', '/cidr']]);
    assert.match(messageOf(inside)!, /10\.20\.0\.0\/24.*Zelle 1/);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, key: 'Z-OUT', cidr: '10.0.0.0/8' })), [['CIDR_OVERLAP', '/cidr']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, key: 'Z-SAME', cidr: '10.20.0.9/24' })), [['CIDR_OVERLAP', '/cidr']]);
    assert.deepEqual(errorsOf(await send(root, 'POST', '/api/v1/segments', { ...base, key: 'Z-V6', cidr: '2001:db8::/48' })), [['CIDR_OVERLAP', '/cidr']]);
    const german = await app.inject({ method: 'POST', url: '/api/v1/segments', payload: { ...base, key: 'Z-DE', cidr: '10.20.0.0/23' }, headers: { ...root.headers, 'accept-language': 'de' } });
    assert.match(messageOf(german)!, /überschneidet sich mit 10\.20\.0\.0\/24 von Segment „Zelle 1“/);
    assert.equal(await segmentCount(), before);
    assert.equal((await events('segment.create')).filter((event) => /Z-/.test(event.summary)).length, 0);

    // Neighbours, other families and other sites are fine.
    const neighbour = await send(root, 'POST', '/api/v1/segments', { ...base, key: 'Z-NEXT', cidr: '10.20.1.0/24' });
    assert.equal(neighbour.statusCode, 201, neighbour.body);
    assert.equal((await send(root, 'POST', '/api/v1/segments', { ...base, site_key: 'SUED', key: 'Z-SUED', cidr: '10.20.0.0/24' })).statusCode, 201);

    // Changing a CIDR: overlapping another is refused, nothing changes; keeping or narrowing its own is fine.
    const next = neighbour.json<SegmentView>();
    const url = `/api/v1/segments/${next.id}`;
    const widened = await send(root, 'PATCH', url, { cidr: '10.20.0.0/23', name: 'breit' }, next.version);
    assert.deepEqual(errorsOf(widened), [['CIDR_OVERLAP', '/cidr']]);
    const unchanged = (await get(root, url)).json<SegmentView>();
    assert.deepEqual([unchanged.cidr, unchanged.name, unchanged.version], ['10.20.1.0/24', 'Überlappung', next.version]);
    const narrowed = await send(root, 'PATCH', url, { cidr: '10.20.1.0/25' }, next.version);
    assert.equal(narrowed.statusCode, 200, narrowed.body);
    const renamed = await send(root, 'PATCH', url, { name: 'Nachbar', cidr: '10.20.1.0/25' }, next.version + 1);
    assert.equal(renamed.statusCode, 200, renamed.body);
  });

  it('lets the CLI create segments with full rights', async () => {
    const segment = await createSegment(ctx, cliActor('ops'), { site_key: 'SUED', key: 'Remote', name: 'Fernwartung', cidr: '192.168.50.9/28', zone_type: 'remote_access' });
    assert.deepEqual([segment.site_key, segment.cidr, segment.zone_type], ['SUED', '192.168.50.0/28', 'remote_access']);
    const event = await ctx.db.selectFrom('audit_events').select(['actor_id', 'via']).where('object_id', '=', segment.id).executeTakeFirstOrThrow();
    assert.deepEqual([event.actor_id, event.via], ['cli:ops', 'cli']);
  });
});
