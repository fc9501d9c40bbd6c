import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { MachineRow, SiteRow } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor, type Actor } from '../../policies/actor.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import type { AuditItem } from './audit.schema.ts';

interface Page {
  items: AuditItem[];
  next_before_seq: number | null;
}

describeEachDialect('audit routes', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let press: MachineRow;
  let auditor: TestSession;
  let maintenance: TestSession;
  let northOfficer: TestSession;
  let pressOfficer: TestSession;
  let southMaintenance: TestSession;
  let northMaintenance: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    const { db } = ctx;
    const now = ctx.clock.now();
    north = await insertSite(db, { key: 'NORTH' });
    south = await insertSite(db, { key: 'SOUTH' });
    press = await insertMachine(db, { machine_id: 'PRESS-1', site_id: north.id });
    auditor = await createUserWithSession(db, { username: 'audrey', role: 'auditor' }, now);
    maintenance = await createUserWithSession(db, { username: 'max', role: 'maintenance' }, now);
    northOfficer = await createUserWithSession(db, { username: 'nora', role: 'security_officer', scope: { kind: 'site', siteIds: [north.id] } }, now);
    pressOfficer = await createUserWithSession(db, { username: 'pia', role: 'security_officer', scope: { kind: 'machine', machineIds: [press.id] } }, now);
    southMaintenance = await createUserWithSession(db, { username: 'sam', role: 'maintenance', scope: { kind: 'site', siteIds: [south.id] } }, now);
    northMaintenance = await createUserWithSession(db, { username: 'nick', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);

    const cli = cliActor('root');
    const audrey: Actor = { kind: 'user', userId: auditor.userId, name: 'audrey', via: 'web', grants: [], language: 'en' };
    const events = [
      { actor: cli, action: 'user.create', objectType: 'user', objectId: maintenance.userId, siteId: null, summary: 'Created user max' },
      { actor: cli, action: 'site.create', objectType: 'site', objectId: north.id, siteId: north.id, summary: 'Created site NORTH' },
      { actor: cli, action: 'site.create', objectType: 'site', objectId: south.id, siteId: south.id, summary: 'Created site SOUTH' },
      { actor: audrey, action: 'machine.create', objectType: 'machine', objectId: press.id, siteId: north.id, summary: 'Created machine PRESS-1' },
      { actor: cli, action: 'site.update', objectType: 'site', objectId: north.id, siteId: north.id, summary: 'Renamed site NORTH' },
    ];
    for (const event of events) {
      await withWrite(ctx, (scope) => scope.audit({ ...event, role: 'admin' }));
    }
    app = await buildApp(ctx);
  });

  after(async () => {
    await app?.close();
  });

  const get = async (url: string, session?: TestSession) => app.inject({ method: 'GET', url, headers: session?.headers ?? {} });

  it('refuses every audit route without a session (401)', async () => {
    for (const url of ['/api/v1/audit', '/api/v1/audit/verify', `/api/v1/audit/objects/site/${north.id}`]) {
      const response = await get(url);
      assert.equal(response.statusCode, 401, url);
      assert.equal(response.json<{ code: string }>().code, 'UNAUTHENTICATED');
    }
  });

  it('shows an all-sites auditor the full log, newest first, with names resolved', async () => {
    const response = await get('/api/v1/audit', auditor);
    assert.equal(response.statusCode, 200);
    const page = response.json<Page>();
    assert.deepEqual(page.items.map((item) => item.seq), [5, 4, 3, 2, 1]);
    assert.equal(page.next_before_seq, null);
    const machineEvent = page.items.find((item) => item.seq === 4)!;
    assert.equal(machineEvent.actor_id, auditor.userId);
    assert.equal(machineEvent.actor_name, 'audrey');
    assert.equal(machineEvent.site_key, 'NORTH');
    assert.equal(machineEvent.via, 'web');
    const userEvent = page.items.find((item) => item.seq === 1)!;
    assert.equal(userEvent.actor_name, 'cli:root');
    assert.equal(userEvent.site_key, null);
    assert.match(userEvent.hash, /^[0-9a-f]{64}$/);
  });

  it('pages with limit and next_before_seq', async () => {
    const first = (await get('/api/v1/audit?limit=2', auditor)).json<Page>();
    assert.deepEqual(first.items.map((item) => item.seq), [5, 4]);
    assert.equal(first.next_before_seq, 4);
    const second = (await get(`/api/v1/audit?limit=2&before_seq=${first.next_before_seq}`, auditor)).json<Page>();
    assert.deepEqual(second.items.map((item) => item.seq), [3, 2]);
    const last = (await get(`/api/v1/audit?limit=2&before_seq=${second.next_before_seq}`, auditor)).json<Page>();
    assert.deepEqual(last.items.map((item) => item.seq), [1]);
    assert.equal(last.next_before_seq, null);
  });

  it('filters by object and action', async () => {
    const byObject = (await get(`/api/v1/audit?object_type=site&object_id=${north.id}`, auditor)).json<Page>();
    assert.deepEqual(byObject.items.map((item) => item.seq), [5, 2]);
    const byAction = (await get('/api/v1/audit?action=site.create', auditor)).json<Page>();
    assert.deepEqual(byAction.items.map((item) => item.seq), [3, 2]);
  });

  it('rejects a limit out of range and unknown parameters (400)', async () => {
    for (const query of ['limit=0', 'limit=501', 'before_seq=abc', 'sort=asc']) {
      const response = await get(`/api/v1/audit?${query}`, auditor);
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json<{ code: string }>().code, 'VALIDATION_FAILED');
    }
  });

  it('refuses the log and its verification to maintenance (403)', async () => {
    for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
      const response = await get(url, maintenance);
      assert.equal(response.statusCode, 403, url);
      assert.equal(response.json<{ code: string }>().code, 'FORBIDDEN');
    }
  });

  it('shows a site-scoped security officer only the events of their site', async () => {
    const page = (await get('/api/v1/audit', northOfficer)).json<Page>();
    assert.deepEqual(page.items.map((item) => item.seq), [5, 4, 2]);
    assert.ok(page.items.every((item) => item.site_id === north.id));
  });

  it('shows a machine-scoped security officer only the events about their machine', async () => {
    const page = (await get('/api/v1/audit', pressOfficer)).json<Page>();
    assert.deepEqual(page.items.map((item) => item.seq), [4]);
  });

  it('verifies the chain for an all-sites auditor', async () => {
    const response = await get('/api/v1/audit/verify', auditor);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { ok: true, events: 5, first_bad_seq: null, kind: null });
  });

  it('refuses verification to a site-scoped security officer (403)', async () => {
    assert.equal((await get('/api/v1/audit/verify', northOfficer)).statusCode, 403);
  });

  it('gives the history of a site to whoever may read the site, oldest first', async () => {
    const response = await get(`/api/v1/audit/objects/site/${north.id}`, northMaintenance);
    assert.equal(response.statusCode, 200);
    const { items } = response.json<{ items: AuditItem[] }>();
    assert.deepEqual(items.map((item) => [item.seq, item.action]), [[2, 'site.create'], [5, 'site.update']]);
  });

  it('hides the history of a site outside the scope (404)', async () => {
    const response = await get(`/api/v1/audit/objects/site/${north.id}`, southMaintenance);
    assert.equal(response.statusCode, 404);
    assert.equal(response.json<{ code: string }>().code, 'NOT_FOUND');
  });

  it('gives the history of a machine to a user scoped to that machine', async () => {
    const response = await get(`/api/v1/audit/objects/machine/${press.id}`, pressOfficer);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json<{ items: AuditItem[] }>().items.map((item) => item.seq), [4]);
    assert.equal((await get(`/api/v1/audit/objects/machine/${press.id}`, southMaintenance)).statusCode, 404);
  });

  it('answers 404 for unknown objects and object types', async () => {
    assert.equal((await get('/api/v1/audit/objects/site/00000000-0000-0000-0000-000000000000', auditor)).statusCode, 404);
    assert.equal((await get(`/api/v1/audit/objects/user/${maintenance.userId}`, auditor)).statusCode, 404);
    assert.equal((await get('/api/v1/audit/objects/constructor/x', auditor)).statusCode, 404);
  });

  it('documents the audit routes in the OpenAPI document', async () => {
    const document = (await get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    for (const route of ['/api/v1/audit', '/api/v1/audit/verify', '/api/v1/audit/objects/{object_type}/{object_id}']) {
      assert.ok(route in document.paths, route);
    }
  });
});
