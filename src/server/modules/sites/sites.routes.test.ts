import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import type { Scope } from '../../policies/scope.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertSite } from '../../../test-support/factories.ts';
import type { AreaList, AreaView } from './areas.schema.ts';
import type { SiteList, SiteView } from './sites.schema.ts';
import { updateSite } from './sites.service.ts';

interface Problem {
  code: string;
  errors?: { code: string; path?: string }[];
}

const hostile = `<script>alert("x")</script>'; DROP TABLE sites; --`;

describeEachDialect('sites and areas (write)', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let root: TestSession;
  let northAdmin: TestSession;
  let northEngineer: TestSession;
  let northMaintenance: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    await insertSite(ctx.db, { key: 'SUED' });
    const now = ctx.clock.now();
    const inNorth: Scope = { kind: 'site', siteIds: [north.id] };
    root = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    northAdmin = await createUserWithSession(ctx.db, { username: 'nord.admin', role: 'admin', scope: inNorth }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'nord.eng', role: 'engineering', scope: inNorth }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'nord.maint', role: 'maintenance', scope: inNorth }, now);
  });
  after(async () => {
    await app.close();
  });

  const get = (session: TestSession, url: string) => app.inject({ method: 'GET', url, headers: session.headers });
  const send = (session: TestSession | null, method: 'POST' | 'PATCH', url: string, payload: object, version?: number | string) =>
    app.inject({
      method,
      url,
      payload,
      headers: { ...(session?.headers ?? {}), ...(version === undefined ? {} : { 'if-match': typeof version === 'number' ? `"${version}"` : version }) },
    });
  const events = async (action: string) =>
    ctx.db.selectFrom('audit_events').select(['object_id', 'site_id', 'summary', 'role', 'actor_id']).where('action', '=', action).orderBy('seq').execute();
  const siteCount = async () => (await ctx.db.selectFrom('sites').select('id').execute()).length;
  const errorsOf = (body: Problem) => (body.errors ?? []).map((error) => [error.code, error.path]);

  const hamburg = {
    key: 'HAM',
    name: 'Werk Hamburg',
    time_zone: 'europe/berlin',
    working_days: [5, 1, 2, 3, 4],
    shifts: [
      { name: 'Früh', start: '06:00', end: '14:00' },
      { name: 'Nacht', start: '22:00', end: '06:00' },
    ],
    non_working_days: [
      { day: '2027-12-31', label: 'Silvester' },
      { day: '2027-12-24', label: 'Heiligabend' },
    ],
  };

  it('lets an admin for all sites create a site with its calendar, audited', async () => {
    const response = await send(root, 'POST', '/api/v1/sites', hamburg);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    const site = response.json<SiteView>();
    assert.equal(site.key, 'HAM');
    assert.equal(site.time_zone, 'Europe/Berlin');
    assert.deepEqual(site.working_days, [1, 2, 3, 4, 5]);
    assert.deepEqual(site.shifts, hamburg.shifts);
    assert.deepEqual(site.non_working_days, [
      { day: '2027-12-24', label: 'Heiligabend' },
      { day: '2027-12-31', label: 'Silvester' },
    ]);
    assert.deepEqual(site.allowed_actions, ['site.read', 'site.update']);
    assert.deepEqual((await get(root, '/api/v1/sites/ham')).json<SiteView>(), site);
    const [event] = await events('site.create');
    assert.equal(event?.object_id, site.id);
    assert.equal(event?.site_id, site.id);
    assert.equal(event?.role, 'admin');
    assert.equal(event?.actor_id, root.userId);
  });

  it('defaults the calendar to Monday to Friday without shifts', async () => {
    const response = await send(root, 'POST', '/api/v1/sites', { key: 'KOE', name: 'Köln', time_zone: 'UTC' });
    assert.equal(response.statusCode, 201, response.body);
    const site = response.json<SiteView>();
    assert.deepEqual([site.working_days, site.shifts, site.non_working_days, site.time_zone], [[1, 2, 3, 4, 5], [], [], 'UTC']);
  });

  it('refuses site creation to site admins and other roles, and to anonymous callers', async () => {
    const before = await siteCount();
    const body = { key: 'NEU', name: 'Neu', time_zone: 'Europe/Berlin' };
    const siteAdmin = await send(northAdmin, 'POST', '/api/v1/sites', body);
    assert.equal(siteAdmin.statusCode, 403);
    assert.equal(siteAdmin.json<Problem>().code, 'FORBIDDEN');
    assert.equal((await send(northEngineer, 'POST', '/api/v1/sites', body)).statusCode, 403);
    assert.equal((await send(null, 'POST', '/api/v1/sites', body)).statusCode, 401);
    assert.equal(await siteCount(), before);
    assert.deepEqual((await get(root, '/api/v1/sites')).json<SiteList>().allowed_actions, ['site.create']);
    assert.deepEqual((await get(northAdmin, '/api/v1/sites')).json<SiteList>().allowed_actions, []);
  });

  it('refuses a key that exists in another case with 409', async () => {
    const response = await send(root, 'POST', '/api/v1/sites', { key: 'ham', name: 'Doppelt', time_zone: 'Europe/Berlin' });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json<Problem>().code, 'CONFLICT');
  });

  it('rejects invalid calendars, time zones, keys and unknown fields with field codes', async () => {
    const before = await siteCount();
    const response = await send(root, 'POST', '/api/v1/sites', {
      key: 'A,B',
      name: '   ',
      time_zone: 'Europe/Hamburg',
      working_days: [1, 8, 1],
      shifts: [{ name: 'Früh', start: '6:00', end: '14:00' }, { name: 'Spät', start: '14:00', end: '14:00' }],
      non_working_days: [{ day: '2027-02-30', label: 'x' }, { day: '2027-12-24', label: 'a' }, { day: '2027-12-24', label: 'b' }],
      is_default: true,
    });
    assert.equal(response.statusCode, 400);
    const body = response.json<Problem>();
    assert.equal(body.code, 'VALIDATION_FAILED');
    const errors = errorsOf(body);
    for (const expected of [
      ['SITE_KEY_INVALID', '/key'],
      ['VALUE_BLANK', '/name'],
      ['TIME_ZONE_UNKNOWN', '/time_zone'],
      ['INVALID_VALUE', '/working_days/1'],
      ['VALUE_DUPLICATE', '/working_days/2'],
      ['TIME_OF_DAY_INVALID', '/shifts/0/start'],
      ['SHIFT_EMPTY', '/shifts/1/end'],
      ['INVALID_VALUE', '/non_working_days/0/day'],
      ['VALUE_DUPLICATE', '/non_working_days/2/day'],
      ['UNKNOWN_FIELD', '/is_default'],
    ]) {
      assert.ok(errors.some(([code, path]) => code === expected[0] && path === expected[1]), `${expected.join(' ')} in ${JSON.stringify(errors)}`);
    }
    const offset = await send(root, 'POST', '/api/v1/sites', { key: 'OFF', name: 'Offset', time_zone: '+01:00' });
    assert.deepEqual(errorsOf(offset.json<Problem>()), [['TIME_ZONE_UNKNOWN', '/time_zone']]);
    assert.equal(await siteCount(), before);
  });

  it('stores HTML and SQL in names and labels verbatim', async () => {
    const response = await send(root, 'POST', '/api/v1/sites', {
      key: 'EVIL', name: hostile, time_zone: 'Europe/Berlin', shifts: [{ name: hostile, start: '06:00', end: '14:00' }], non_working_days: [{ day: '2027-01-01', label: hostile }],
    });
    assert.equal(response.statusCode, 201, response.body);
    const site = (await get(root, '/api/v1/sites/EVIL')).json<SiteView>();
    assert.equal(site.name, hostile);
    assert.equal(site.shifts[0]?.name, hostile);
    assert.equal(site.non_working_days[0]?.label, hostile);
  });

  it('lets a site admin change their site’s calendar with If-Match, replacing the lists, audited', async () => {
    const response = await send(northAdmin, 'PATCH', '/api/v1/sites/nord', {
      name: 'Werk Nord', working_days: [6, 1], non_working_days: [{ day: '2027-08-02', label: 'Betriebsferien' }],
    }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const site = response.json<SiteView>();
    assert.deepEqual([site.key, site.name, site.version, site.working_days, site.time_zone], ['NORD', 'Werk Nord', 2, [1, 6], 'Europe/Berlin']);
    assert.deepEqual(site.non_working_days, [{ day: '2027-08-02', label: 'Betriebsferien' }]);
    const again = await send(northAdmin, 'PATCH', '/api/v1/sites/NORD', { non_working_days: [] }, 'W/"2"');
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json<SiteView>().non_working_days, []);
    assert.deepEqual(again.json<SiteView>().working_days, [1, 6]);
    const updates = await events('site.update');
    assert.deepEqual(updates.map((event) => [event.object_id, event.site_id]), [[north.id, north.id], [north.id, north.id]]);
    assert.match(updates[0]!.summary, /name, working_days, non_working_days/);
  });

  it('answers 428 without If-Match, 412 when stale, 404 out of scope, 403 without the right, 400 for the key', async () => {
    const version = (await get(root, '/api/v1/sites/NORD')).json<SiteView>().version;
    const missing = await send(northAdmin, 'PATCH', '/api/v1/sites/NORD', { name: 'x' });
    assert.equal(missing.statusCode, 428);
    assert.equal(missing.json<Problem>().code, 'PRECONDITION_REQUIRED');
    const stale = await send(northAdmin, 'PATCH', '/api/v1/sites/NORD', { name: 'x' }, version - 1);
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json<Problem>().code, 'STALE_OBJECT');
    assert.equal((await send(northAdmin, 'PATCH', '/api/v1/sites/SUED', { name: 'x' }, 1)).statusCode, 404);
    assert.equal((await send(northAdmin, 'PATCH', '/api/v1/sites/NOPE', { name: 'x' }, 1)).statusCode, 404);
    assert.equal((await send(northEngineer, 'PATCH', '/api/v1/sites/NORD', { name: 'x' }, version)).statusCode, 403);
    const rekey = await send(northAdmin, 'PATCH', '/api/v1/sites/NORD', { key: 'NORTH' }, version);
    assert.equal(rekey.statusCode, 400);
    assert.deepEqual(errorsOf(rekey.json<Problem>()), [['UNKNOWN_FIELD', '/key']]);
    assert.equal((await send(null, 'PATCH', '/api/v1/sites/NORD', { name: 'x' }, version)).statusCode, 401);
    const after = (await get(root, '/api/v1/sites/NORD')).json<SiteView>();
    assert.deepEqual([after.name, after.version], ['Werk Nord', version]);
    assert.deepEqual((await get(northEngineer, '/api/v1/sites/NORD')).json<SiteView>().allowed_actions, ['site.read']);
  });

  it('lets the CLI update a site without a version check', async () => {
    const site = await updateSite(ctx, cliActor('ops'), { key: 'SUED', expectedVersion: null, changes: { time_zone: 'Europe/Vienna' } });
    assert.deepEqual([site.time_zone, site.version], ['Europe/Vienna', 2]);
    assert.equal((await events('site.update')).at(-1)?.actor_id, 'cli:ops');
  });

  it('lets engineering add and rename areas in its site, audited', async () => {
    const created = await send(northEngineer, 'POST', '/api/v1/sites/nord/areas', { key: 'Halle 3', name: hostile });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.etag, '"1"');
    const area = created.json<AreaView>();
    assert.deepEqual([area.site_key, area.key, area.name, area.site_id], ['NORD', 'Halle 3', hostile, north.id]);
    assert.deepEqual(area.allowed_actions, ['area.read', 'area.update']);
    const list = (await get(northMaintenance, '/api/v1/sites/NORD/areas')).json<AreaList>();
    assert.deepEqual(list.items.map((item) => [item.key, item.allowed_actions]), [['Halle 3', ['area.read']]]);
    assert.deepEqual(list.allowed_actions, []);
    assert.deepEqual((await get(northEngineer, '/api/v1/sites/NORD/areas')).json<AreaList>().allowed_actions, ['area.create']);

    const renamed = await send(northEngineer, 'PATCH', `/api/v1/areas/${area.id}`, { name: 'Halle drei' }, 1);
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.headers.etag, '"2"');
    assert.deepEqual([renamed.json<AreaView>().name, renamed.json<AreaView>().key], ['Halle drei', 'Halle 3']);
    assert.deepEqual((await events('area.create')).map((event) => [event.object_id, event.site_id, event.role]), [[area.id, north.id, 'engineering']]);
    assert.deepEqual((await events('area.update')).map((event) => [event.object_id, event.site_id]), [[area.id, north.id]]);
  });

  it('guards areas: 401, 400, 403, 404, 409, 412, 428', async () => {
    const [area] = (await get(root, '/api/v1/sites/NORD/areas')).json<AreaList>().items;
    assert.ok(area);
    assert.equal((await send(null, 'POST', '/api/v1/sites/NORD/areas', { key: 'X', name: 'X' })).statusCode, 401);
    const invalid = await send(northEngineer, 'POST', '/api/v1/sites/NORD/areas', { key: ' X', name: 'X', site_key: 'SUED' });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(errorsOf(invalid.json<Problem>()), [['KEY_INVALID', '/key'], ['UNKNOWN_FIELD', '/site_key']]);
    assert.equal((await send(northMaintenance, 'POST', '/api/v1/sites/NORD/areas', { key: 'X', name: 'X' })).statusCode, 403);
    assert.equal((await send(northEngineer, 'POST', '/api/v1/sites/SUED/areas', { key: 'X', name: 'X' })).statusCode, 404);
    assert.equal((await get(northEngineer, '/api/v1/sites/SUED/areas')).statusCode, 404);
    const duplicate = await send(northEngineer, 'POST', '/api/v1/sites/NORD/areas', { key: 'HALLE 3', name: 'X' });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json<Problem>().code, 'CONFLICT');
    assert.equal((await send(root, 'POST', '/api/v1/sites/SUED/areas', { key: 'Halle 3', name: 'Same key, other site' })).statusCode, 201);

    assert.equal((await send(northEngineer, 'PATCH', `/api/v1/areas/${area.id}`, { name: 'y' })).statusCode, 428);
    assert.equal((await send(northEngineer, 'PATCH', `/api/v1/areas/${area.id}`, { name: 'y' }, area.version + 1)).statusCode, 412);
    assert.equal((await send(northMaintenance, 'PATCH', `/api/v1/areas/${area.id}`, { name: 'y' }, area.version)).statusCode, 403);
    assert.equal((await send(northEngineer, 'PATCH', '/api/v1/areas/00000000-0000-0000-0000-000000000000', { name: 'y' }, 1)).statusCode, 404);
    const rekey = await send(northEngineer, 'PATCH', `/api/v1/areas/${area.id}`, { key: 'Z' }, area.version);
    assert.deepEqual(errorsOf(rekey.json<Problem>()), [['UNKNOWN_FIELD', '/key']]);
    const southArea = (await get(root, '/api/v1/sites/SUED/areas')).json<AreaList>().items[0]!;
    assert.equal((await send(northEngineer, 'PATCH', `/api/v1/areas/${southArea.id}`, { name: 'y' }, southArea.version)).statusCode, 404);
    const unchanged = (await get(root, '/api/v1/sites/NORD/areas')).json<AreaList>().items[0]!;
    assert.deepEqual([unchanged.name, unchanged.version], [area.name, area.version]);
  });
});
