import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import { FIXTURE_PASSWORD, fixtureUser, loginAs, type FixtureSession } from '../auth/accounts.fixture.ts';
import { loadActiveGrants } from './grants.repository.ts';
import type { UserView } from './users.schema.ts';
import { disableUser, findUserByUsername, listUsers } from './users.service.ts';

interface Problem {
  code: string;
  detail: string;
}

type GrantView = UserView['grants'][number];

const hostile = `<script>alert("x")</script>'; DROP TABLE users; --`;

describeEachDialect('users and grants', (database, dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  const ids: Record<string, string> = {};
  let root: FixtureSession;
  let hamAdmin: FixtureSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    const ham = await insertSite(ctx.db, { key: 'HAM' });
    const koe = await insertSite(ctx.db, { key: 'KOE' });
    await insertMachine(ctx.db, { machine_id: 'DM-1', site_id: ham.id });
    await insertMachine(ctx.db, { machine_id: 'DM-2', site_id: koe.id });
    ids.root = await fixtureUser(ctx, { username: 'root', grants: [{ role: 'admin', scope: 'all' }] });
    ids.hamAdmin = await fixtureUser(ctx, { username: 'ham.admin', grants: [{ role: 'admin', scope: 'site:ham' }] });
    ids.hamMaint = await fixtureUser(ctx, { username: 'ham.maint', grants: [{ role: 'maintenance', scope: 'site:HAM' }] });
    ids.koeMaint = await fixtureUser(ctx, { username: 'koe.maint', grants: [{ role: 'maintenance', scope: 'site:KOE' }] });
    ids.auditor = await fixtureUser(ctx, { username: 'auditor', grants: [{ role: 'auditor', scope: 'all' }] });
    root = await loginAs(app, 'root');
    hamAdmin = await loginAs(app, 'ham.admin');
  });
  after(async () => {
    await app.close();
  });

  const get = (session: FixtureSession, url: string) => app.inject({ method: 'GET', url, headers: session.headers });
  const write = (session: FixtureSession, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, version?: number) =>
    app.inject({ method, url, headers: { ...session.headers, ...(version === undefined ? {} : { 'if-match': `"${version}"` }) }, ...(payload ? { payload } : {}) });
  const versionOf = async (id: string) => (await get(root, `/api/v1/users/${id}`)).json<UserView>().version;
  const auditCount = async () => (await ctx.db.selectFrom('audit_events').select('seq').execute()).length;

  it('lets a site admin create a user in their site, storing hostile text verbatim', async () => {
    const response = await write(hamAdmin, 'POST', '/api/v1/users', {
      username: `ham.${hostile}`,
      password: 'twelve chars!',
      display_name: hostile,
      qualification: hostile,
      company: hostile,
      grants: [{ role: 'maintenance', scope: 'site:HAM' }],
    });
    assert.equal(response.statusCode, 201, response.body);
    const created = response.json<UserView>();
    assert.equal(response.headers.etag, '"1"');
    const fetched = (await get(hamAdmin, `/api/v1/users/${created.id}`)).json<UserView>();
    assert.equal(fetched.username, `ham.${hostile}`);
    assert.equal(fetched.display_name, hostile);
    assert.equal(fetched.qualification, hostile);
    assert.equal(fetched.company, hostile);
    assert.deepEqual(fetched.grants.map((grant: GrantView) => [grant.role, grant.scope]), [['maintenance', 'site:HAM']]);
    assert.ok(fetched.allowed_actions.includes('user.update'));
    ids.hostile = created.id;
  });

  it('refuses a site admin granting all sites with 403 and changes nothing', async () => {
    const before = await auditCount();
    const response = await write(hamAdmin, 'POST', '/api/v1/users', {
      username: 'wide', password: FIXTURE_PASSWORD, display_name: 'Wide', grants: [{ role: 'maintenance', scope: 'all' }],
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json<Problem>().code, 'GRANT_EXCEEDS_SCOPE');
    assert.equal(await findUserByUsername(ctx, 'wide'), null);
    assert.equal(await auditCount(), before);

    const version = await versionOf(ids.hamMaint!);
    const grant = await write(hamAdmin, 'POST', `/api/v1/users/${ids.hamMaint}/grants`, { role: 'operator', scope: 'site:KOE' }, version);
    assert.equal(grant.statusCode, 403);
    assert.equal(grant.json<Problem>().code, 'GRANT_EXCEEDS_SCOPE');
    assert.equal(await versionOf(ids.hamMaint!), version);
  });

  it('refuses a site admin creating an admin', async () => {
    const response = await write(hamAdmin, 'POST', '/api/v1/users', {
      username: 'subadmin', password: FIXTURE_PASSWORD, display_name: 'Sub', grants: [{ role: 'admin', scope: 'site:HAM' }],
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json<Problem>().code, 'ADMIN_GRANT_REQUIRES_ALL_SITES');
    assert.equal(await findUserByUsername(ctx, 'subadmin'), null);
  });

  it('refuses editing one’s own grants', async () => {
    const me = (await get(root, `/api/v1/users/${ids.root}`)).json<UserView>();
    const add = await write(root, 'POST', `/api/v1/users/${ids.root}/grants`, { role: 'auditor', scope: 'all' }, me.version);
    assert.equal(add.statusCode, 403);
    assert.equal(add.json<Problem>().code, 'OWN_GRANTS_IMMUTABLE');
    const revoke = await write(root, 'DELETE', `/api/v1/users/${ids.root}/grants/${me.grants[0]!.id}`, undefined, me.version);
    assert.equal(revoke.statusCode, 403);
    assert.equal(revoke.json<Problem>().code, 'OWN_GRANTS_IMMUTABLE');
  });

  it('refuses a vendor grant without expiry or machine scope, and an unknown key', async () => {
    const base = { username: 'vendor.tech', password: FIXTURE_PASSWORD, display_name: 'Vendor', company: 'Maschinenbau AG' };
    const noExpiry = await write(root, 'POST', '/api/v1/users', { ...base, grants: [{ role: 'vendor', scope: 'machine:DM-1' }] });
    assert.equal(noExpiry.statusCode, 400);
    assert.equal(noExpiry.json<Problem>().code, 'VENDOR_GRANT_INVALID');
    const siteScope = await write(root, 'POST', '/api/v1/users', { ...base, grants: [{ role: 'vendor', scope: 'site:HAM', expires_at: '2027-01-31T00:00:00Z' }] });
    assert.equal(siteScope.json<Problem>().code, 'VENDOR_GRANT_INVALID');
    const unknown = await write(root, 'POST', '/api/v1/users', { ...base, grants: [{ role: 'vendor', scope: 'machine:DM-404', expires_at: '2027-01-31T00:00:00Z' }] });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json<Problem>().code, 'SCOPE_UNKNOWN');
    const ok = await write(hamAdmin, 'POST', '/api/v1/users', { ...base, grants: [{ role: 'vendor', scope: 'machine:dm-1', expires_at: '2027-01-31T00:00:00+01:00' }] });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual(ok.json<UserView>().grants.map((grant: GrantView) => [grant.role, grant.scope, grant.expires_at]), [['vendor', 'machine:DM-1', '2027-01-30T23:00:00.000Z']]);
    ids.vendor = ok.json<UserView>().id;
  });

  it('rejects a short password, unknown fields, no grants and malformed JSON with 400', async () => {
    const short = await write(root, 'POST', '/api/v1/users', { username: 'shorty', password: 'elevenchars', grants: [{ role: 'operator', scope: 'all' }] });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json<Problem>().code, 'PASSWORD_TOO_SHORT');
    const extra = await write(root, 'POST', '/api/v1/users', { username: 'extra', password: FIXTURE_PASSWORD, grants: [{ role: 'operator', scope: 'all' }], is_admin: true });
    assert.equal(extra.statusCode, 400);
    assert.equal(extra.json<Problem>().code, 'VALIDATION_FAILED');
    const noGrants = await write(root, 'POST', '/api/v1/users', { username: 'lonely', password: FIXTURE_PASSWORD, grants: [] });
    assert.equal(noGrants.json<Problem>().code, 'VALIDATION_FAILED');
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...root.headers, 'content-type': 'application/json' }, payload: '{"username":' });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json<Problem>().code, 'MALFORMED_JSON');
    const duplicate = await write(root, 'POST', '/api/v1/users', { username: 'ROOT', password: FIXTURE_PASSWORD, grants: [{ role: 'operator', scope: 'all' }] });
    assert.equal(duplicate.statusCode, 409);
    for (const username of ['shorty', 'extra', 'lonely']) assert.equal(await findUserByUsername(ctx, username), null);
  });

  it('shows users by scope: other sites are 404, visible but not manageable is 403', async () => {
    const list = await get(hamAdmin, '/api/v1/users');
    assert.equal(list.statusCode, 200);
    const names = (list.json<{ items: unknown }>().items as { username: string }[]).map((user) => user.username);
    assert.ok(names.includes('ham.maint') && names.includes('ham.admin') && names.includes('root'));
    assert.ok(!names.includes('koe.maint'));
    assert.equal((await get(hamAdmin, `/api/v1/users/${ids.koeMaint}`)).statusCode, 404);
    const patchOther = await write(hamAdmin, 'PATCH', `/api/v1/users/${ids.koeMaint}`, { display_name: 'x' }, 1);
    assert.equal(patchOther.statusCode, 404);
    const rootView = (await get(hamAdmin, `/api/v1/users/${ids.root}`)).json<UserView>();
    assert.deepEqual(rootView.allowed_actions, []);
    const patchRoot = await write(hamAdmin, 'PATCH', `/api/v1/users/${ids.root}`, { display_name: 'x' }, rootView.version);
    assert.equal(patchRoot.statusCode, 403);
    assert.equal(patchRoot.json<Problem>().code, 'FORBIDDEN');

    const maint = await loginAs(app, 'ham.maint');
    assert.equal((await get(maint, '/api/v1/users')).statusCode, 403);
    assert.equal((await get(maint, `/api/v1/users/${ids.hamMaint}`)).statusCode, 200);
    // In the maintenance user's site, but maintenance may not read users.
    assert.equal((await get(maint, `/api/v1/users/${ids.hamAdmin}`)).statusCode, 403);
    assert.equal((await get(maint, `/api/v1/users/${ids.koeMaint}`)).statusCode, 404);

    const auditor = await loginAs(app, 'auditor');
    const all = (await get(auditor, '/api/v1/users')).json<{ items: unknown }>().items as { allowed_actions: string[] }[];
    assert.equal(all.length, (await listUsers(ctx, cliActor('test'))).length);
    assert.ok(all.every((user) => user.allowed_actions.length === 0));
  });

  it('requires If-Match on user writes and refuses a stale version', async () => {
    const missing = await write(hamAdmin, 'PATCH', `/api/v1/users/${ids.hamMaint}`, { qualification: 'Elektrofachkraft' });
    assert.equal(missing.statusCode, 428);
    assert.equal(missing.json<Problem>().code, 'PRECONDITION_REQUIRED');
    const version = await versionOf(ids.hamMaint!);
    const stale = await write(hamAdmin, 'PATCH', `/api/v1/users/${ids.hamMaint}`, { qualification: 'Elektrofachkraft' }, version - 1 || 99);
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json<Problem>().code, 'STALE_OBJECT');
    const ok = await write(hamAdmin, 'PATCH', `/api/v1/users/${ids.hamMaint}`, { qualification: 'Elektrofachkraft', email: 'maint@example.com' }, version);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json<UserView>().qualification, 'Elektrofachkraft');
    assert.equal(ok.headers.etag, `"${version + 1}"`);
  });

  it('adds and revokes grants, keeping the revoked row as history', async () => {
    let version = await versionOf(ids.hamMaint!);
    const added = await write(hamAdmin, 'POST', `/api/v1/users/${ids.hamMaint}/grants`, { role: 'operator', scope: 'machine:DM-1' }, version);
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json<UserView>().version, version + 1);
    const operatorGrant = (added.json<UserView>().grants).find((grant) => grant.role === 'operator');
    assert.equal(operatorGrant?.scope, 'machine:DM-1');
    version = added.json<UserView>().version;

    const revoked = await write(hamAdmin, 'DELETE', `/api/v1/users/${ids.hamMaint}/grants/${operatorGrant.id}`, undefined, version);
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.ok(!(revoked.json<UserView>().grants).some((grant) => grant.id === operatorGrant.id));
    const row = await ctx.db.selectFrom('grants').selectAll().where('id', '=', operatorGrant.id).executeTakeFirstOrThrow();
    assert.ok(row.revoked_at);
    assert.equal(row.revoked_by, ids.hamAdmin);
    const active = await loadActiveGrants(ctx.db, ids.hamMaint!, ctx.clock.now());
    assert.deepEqual(active.map((grant) => grant.role), ['maintenance']);

    const history = await get(hamAdmin, `/api/v1/users/${ids.hamMaint}/history`);
    assert.equal(history.statusCode, 200);
    const actions = (history.json<{ items: unknown }>().items as { action: string; actor_name: string }[]).map((item) => `${item.action}:${item.actor_name}`);
    assert.deepEqual(actions.slice(0, 2), ['user.create:cli:test', 'grant.create:cli:test']);
    assert.ok(actions.includes('grant.revoke:ham.admin'));
  });

  it('resets a password and disables and enables a user, ending their sessions', async () => {
    const victim = await loginAs(app, 'ham.maint');
    let version = await versionOf(ids.hamMaint!);
    const reset = await write(hamAdmin, 'POST', `/api/v1/users/${ids.hamMaint}/password`, { new_password: 'reset by the admin' }, version);
    assert.equal(reset.statusCode, 204);
    assert.equal((await get(victim, '/api/v1/auth/me')).statusCode, 401);
    const fresh = await loginAs(app, 'ham.maint', 'reset by the admin');

    version = await versionOf(ids.hamMaint!);
    const disabled = await write(hamAdmin, 'POST', `/api/v1/users/${ids.hamMaint}/disable`, undefined, version);
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal(disabled.json<UserView>().disabled, true);
    assert.ok(disabled.json<UserView>().allowed_actions.includes('user.enable'));
    assert.equal((await get(fresh, '/api/v1/auth/me')).statusCode, 401);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ham.maint', password: 'reset by the admin' } });
    assert.equal(refused.statusCode, 401);

    const enabled = await write(hamAdmin, 'POST', `/api/v1/users/${ids.hamMaint}/enable`, undefined, disabled.json<UserView>().version);
    assert.equal(enabled.statusCode, 200);
    assert.equal(enabled.json<UserView>().disabled, false);
    await loginAs(app, 'ham.maint', 'reset by the admin', '10.9.9.9');
  });

  it('never disables the last active all-sites admin', async () => {
    await assert.rejects(disableUser(ctx, cliActor('test'), ids.root!, null), (error: Error & { code?: string }) => error.code === 'LAST_ADMIN');
    const view = (await get(root, `/api/v1/users/${ids.root}`)).json<UserView>();
    assert.equal(view.disabled, false);
  });

  it('gives a user unlocked by a password reset a fresh count of failed logins', async () => {
    const id = await fixtureUser(ctx, { username: 'ham.locked', grants: [{ role: 'operator', scope: 'site:HAM' }] });
    const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ham.locked', password }, remoteAddress: '10.7.7.7' });
    for (let i = 0; i < 5; i += 1) await attempt('wrong password!');
    assert.equal((await attempt(FIXTURE_PASSWORD)).json<Problem>().code, 'ACCOUNT_LOCKED');
    const reset = await write(hamAdmin, 'POST', `/api/v1/users/${id}/password`, { new_password: 'a new password' }, await versionOf(id));
    assert.equal(reset.statusCode, 204, reset.body);
    const typo = await attempt('a new passwort');
    assert.equal(typo.json<Problem>().code, 'INVALID_CREDENTIALS');
    assert.equal((await attempt('a new password')).statusCode, 200);
  });

  it('keeps one all-sites admin when two admins are disabled concurrently', { skip: dialect !== 'postgres' && 'SQLite serialises every write with BEGIN IMMEDIATE' }, async () => {
    const second = await fixtureUser(ctx, { username: 'root.two', grants: [{ role: 'admin', scope: 'all' }] });
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => { entered = resolve; });
    // Another admin's disable of root.two, past its last-admin check and not yet committed.
    const other = ctx.adapter.writeTransaction(ctx.db, async (trx) => {
      await trx.updateTable('users').set({ disabled: 1 }).where('id', '=', second).execute();
      entered();
      await held;
    });
    await inside;
    let settled = false;
    const mine = disableUser(ctx, cliActor('test'), ids.root!, null).then(
      () => 'disabled',
      (error: Error & { code?: string }) => error.code ?? error.message,
    ).finally(() => { settled = true; });
    // Wait until this disable has finished or waits for the other transaction.
    for (;;) {
      if (settled) break;
      const waiting = await sql<{ count: string }>`SELECT count(*) AS count FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(ctx.db);
      if (Number(waiting.rows[0]?.count) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    release();
    await other;
    assert.equal(await mine, 'LAST_ADMIN');
    const active = await ctx.db.selectFrom('users').select('id').where('disabled', '=', 0).where('id', 'in', [ids.root!, second]).execute();
    assert.deepEqual(active.map((row) => row.id), [ids.root]);
  });
});
