import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../../http/app.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import { FIXTURE_PASSWORD, fixtureUser, loginAs, type FixtureSession } from '../auth/accounts.fixture.ts';
import { hashSecret } from '../auth/secrets.ts';
import type { MeView } from '../users/users.schema.ts';
import type { CreatedToken, TokenView } from './tokens.schema.ts';

interface Problem {
  code: string;
}

interface SessionBody {
  user: MeView;
}

const inDays = (ctx: AppContext, days: number) => new Date(ctx.clock.now().getTime() + days * 86_400_000).toISOString();

describeEachDialect('API tokens', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let hamAdmin: FixtureSession;
  let koeMaint: FixtureSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    const ham = await insertSite(ctx.db, { key: 'HAM' });
    const koe = await insertSite(ctx.db, { key: 'KOE' });
    await insertMachine(ctx.db, { machine_id: 'DM-1', site_id: ham.id });
    await fixtureUser(ctx, { username: 'root', grants: [{ role: 'admin', scope: 'all' }] });
    await fixtureUser(ctx, { username: 'ham.admin', grants: [{ role: 'admin', scope: 'site:HAM' }, { role: 'maintenance', scope: 'site:HAM' }] });
    await fixtureUser(ctx, { username: 'koe.maint', grants: [{ role: 'maintenance', scope: `site:${koe.key}` }] });
    hamAdmin = await loginAs(app, 'ham.admin');
    koeMaint = await loginAs(app, 'koe.maint');
  });
  after(async () => {
    await app.close();
  });

  const createToken = (session: FixtureSession, payload: object) => app.inject({ method: 'POST', url: '/api/v1/tokens', headers: session.headers, payload });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const newUser = (username: string, scope: string) => ({ username, password: FIXTURE_PASSWORD, display_name: username, grants: [{ role: 'operator', scope }] });

  it('creates a token shown once and stores only its hash', async () => {
    const response = await createToken(hamAdmin, { name: 'Import script', role: 'admin', scope: 'site:HAM', expires_at: inDays(ctx, 30) });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json<CreatedToken>();
    assert.match(body.token, /^pwt_/);
    assert.equal(body.prefix, (body.token).slice(0, 12));
    assert.equal(body.scope, 'site:HAM');
    assert.deepEqual(body.allowed_actions, ['token.revoke']);
    const row = await ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    assert.equal(row.token_hash, hashSecret(body.token));
    assert.notEqual(row.token_hash, body.token);
    const list = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: hamAdmin.headers });
    assert.deepEqual((list.json<{ items: unknown }>().items as { id: string; token?: string }[]).map((item) => [item.id, item.token]), [[body.id, undefined]]);
  });

  it('authenticates with the token, limited to its role and scope', async () => {
    const admin = (await createToken(hamAdmin, { name: 'admin', role: 'admin', scope: 'site:HAM', expires_at: inDays(ctx, 30) })).json<CreatedToken>().token;
    const inside = await app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin), payload: newUser('via.token', 'site:HAM') });
    assert.equal(inside.statusCode, 201, inside.body);
    const outside = await app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin), payload: newUser('via.token.koe', 'site:KOE') });
    assert.equal(outside.statusCode, 403);
    assert.equal(outside.json<Problem>().code, 'GRANT_EXCEEDS_SCOPE');

    const maintenance = (await createToken(hamAdmin, { name: 'maint', role: 'maintenance', scope: 'machine:DM-1', expires_at: inDays(ctx, 30) })).json<CreatedToken>().token;
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(maintenance) });
    assert.equal(me.statusCode, 200);
    assert.ok(!(me.json<SessionBody>().user.global_actions).includes('user.create'));
    const refused = await app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(maintenance), payload: newUser('not.allowed', 'machine:DM-1') });
    assert.equal(refused.statusCode, 403);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(maintenance) })).statusCode, 403);
  });

  it('refuses a role the user lacks, a scope beyond the grant and a long or missing expiry', async () => {
    const role = await createToken(koeMaint, { name: 't', role: 'admin', scope: 'site:KOE', expires_at: inDays(ctx, 30) });
    assert.equal(role.statusCode, 403);
    assert.equal(role.json<Problem>().code, 'GRANT_EXCEEDS_SCOPE');
    const scope = await createToken(koeMaint, { name: 't', role: 'maintenance', scope: 'all', expires_at: inDays(ctx, 30) });
    assert.equal(scope.statusCode, 403);
    assert.equal(scope.json<Problem>().code, 'GRANT_EXCEEDS_SCOPE');
    const long = await createToken(koeMaint, { name: 't', role: 'maintenance', scope: 'site:KOE', expires_at: inDays(ctx, 400) });
    assert.equal(long.statusCode, 400);
    assert.equal(long.json<Problem>().code, 'VALIDATION_FAILED');
    const missing = await createToken(koeMaint, { name: 't', role: 'maintenance', scope: 'site:KOE' });
    assert.equal(missing.statusCode, 400);
    const count = await ctx.db.selectFrom('api_tokens').select('id').execute();
    assert.equal(count.length, 3);
  });

  it('refuses to mint a token with a token, so revoking a leaked token leaves no descendant', async () => {
    const parent = (await createToken(koeMaint, { name: 'parent', role: 'maintenance', scope: 'site:KOE', expires_at: inDays(ctx, 1) })).json<CreatedToken>();
    const child = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(parent.token),
      payload: { name: 'child', role: 'maintenance', scope: 'site:KOE', expires_at: inDays(ctx, 365) },
    });
    assert.equal(child.statusCode, 403, child.body);
    assert.equal(child.json<Problem>().code, 'FORBIDDEN');
    const names = await ctx.db.selectFrom('api_tokens').select('name').where('name', '=', 'child').execute();
    assert.equal(names.length, 0);
  });

  it('revokes own tokens; a revoked token is refused; others’ tokens are not found', async () => {
    const created = (await createToken(koeMaint, { name: 'mine', role: 'maintenance', scope: 'site:KOE', expires_at: inDays(ctx, 30) })).json<CreatedToken>();
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(created.token) })).statusCode, 200);
    const foreign = await app.inject({ method: 'POST', url: `/api/v1/tokens/${created.id}/revoke`, headers: hamAdmin.headers });
    assert.equal(foreign.statusCode, 404);
    const revoked = await app.inject({ method: 'POST', url: `/api/v1/tokens/${created.id}/revoke`, headers: koeMaint.headers });
    assert.equal(revoked.statusCode, 200);
    assert.ok(revoked.json<TokenView>().revoked_at);
    assert.deepEqual(revoked.json<TokenView>().allowed_actions, []);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(created.token) });
    assert.equal(refused.statusCode, 401);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer('pwt_made_up') })).statusCode, 401);
    const events = await ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', created.id).execute();
    assert.deepEqual(events.map((event) => event.action), ['token.create', 'token.revoke']);
  });
});
