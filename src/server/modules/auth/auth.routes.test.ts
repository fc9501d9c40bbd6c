import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../../http/app.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { FIXTURE_PASSWORD, fixtureUser, loginAs } from './accounts.fixture.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { hashSecret } from './secrets.ts';
import { ensureSetupToken, setupUrl } from './setup.service.ts';
import type { MeView } from '../users/users.schema.ts';

interface Problem {
  code: string;
  detail: string;
}

interface SessionBody {
  user: MeView;
  csrf_token: string;
}

const setupBody = (token: string, password = 'a long enough secret') => ({
  token,
  username: 'erste.admin',
  password,
  display_name: 'Erste Administratorin',
  language: 'de',
});

describeEachDialect('first-run setup', (database) => {
  let ctx: AppContext;
  let clock: ManualClock;
  let app: FastifyInstance;

  before(async () => {
    clock = new ManualClock();
    ctx = await createTestContext(database(), { clock, config: { publicUrl: 'https://patchwerk.example' } });
    app = await buildApp(ctx);
  });
  after(async () => {
    await app.close();
  });

  const userCount = async () => Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

  it('reports that setup is required while no user exists', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { required: true });
  });

  it('stores only the hash of the token and builds the setup link from the public URL', async () => {
    const token = await ensureSetupToken(ctx);
    assert.ok(token);
    assert.equal(setupUrl(ctx.config, token), `https://patchwerk.example/setup?token=${token}`);
    const stored = await ctx.db.selectFrom('setup_tokens').select('token_hash').execute();
    assert.ok(stored.some((row) => row.token_hash === hashSecret(token)));
    assert.ok(stored.every((row) => row.token_hash !== token));
  });

  it('invalidates an earlier token when a new one is made', async () => {
    const first = await ensureSetupToken(ctx);
    const second = await ensureSetupToken(ctx);
    assert.ok(first && second && first !== second);
    const response = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody(first) });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<Problem>().code, 'SETUP_TOKEN_INVALID');
    assert.equal(await userCount(), 0);
  });

  it('refuses an expired token and creates nothing', async () => {
    const token = await ensureSetupToken(ctx);
    assert.ok(token);
    clock.advance(24 * 3_600_000 + 1);
    const response = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody(token) });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<Problem>().code, 'SETUP_TOKEN_INVALID');
    assert.equal(await userCount(), 0);
  });

  it('refuses a short password without using up the token', async () => {
    const token = await ensureSetupToken(ctx);
    assert.ok(token);
    const short = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody(token, 'elevenchars') });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json<Problem>().code, 'PASSWORD_TOO_SHORT');
    assert.match(short.json<Problem>().detail, /12/);
    assert.equal(await userCount(), 0);

    const response = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody(token) });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json<SessionBody>();
    assert.equal(body.user.username, 'erste.admin');
    assert.deepEqual(body.user.grants.map((grant) => [grant.role, grant.scope]), [['admin', 'all']]);
    assert.ok(body.user.global_actions.includes('user.create'));
    assert.equal(typeof body.csrf_token, 'string');
    const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.secure, undefined);

    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `${SESSION_COOKIE}=${cookie.value}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json<SessionBody>().user.username, 'erste.admin');

    const reused = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { ...setupBody(token), username: 'zweite' } });
    assert.equal(reused.statusCode, 400);
    assert.equal(reused.json<Problem>().code, 'SETUP_TOKEN_INVALID');
    assert.equal(await userCount(), 1);

    const events = await ctx.db.selectFrom('audit_events').select('action').execute();
    assert.ok(events.some((event) => event.action === 'setup.complete'));
  });

  it('offers no setup once a user exists', async () => {
    assert.equal(await ensureSetupToken(ctx), null);
    const status = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    assert.deepEqual(status.json(), { required: false });
    await ctx.db.insertInto('setup_tokens').values({ id: 'late', token_hash: hashSecret('late-token'), created_at: clock.now().toISOString(), expires_at: '2099-01-01T00:00:00.000Z', used_at: null }).execute();
    const response = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { ...setupBody('late-token'), username: 'dritte' } });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json<Problem>().code, 'SETUP_COMPLETE');
    assert.equal(await userCount(), 1);
  });
});

describeEachDialect('login, sessions and password change', (database) => {
  let ctx: AppContext;
  let clock: ManualClock;
  let app: FastifyInstance;

  before(async () => {
    clock = new ManualClock();
    ctx = await createTestContext(database(), { clock });
    app = await buildApp(ctx);
    for (const username of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      await fixtureUser(ctx, { username, grants: [{ role: 'maintenance', scope: 'all' }] });
    }
  });
  after(async () => {
    await app.close();
  });

  const attempt = (target: FastifyInstance, username: string, password: string, remoteAddress = '127.0.0.1') =>
    target.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

  it('logs in with the right password and returns the user with a CSRF token', async () => {
    const response = await attempt(app, 'ALICE', FIXTURE_PASSWORD);
    assert.equal(response.statusCode, 200);
    const body = response.json<SessionBody>();
    assert.equal(body.user.username, 'alice');
    assert.ok(body.user.global_actions.includes('token.create'));
    assert.ok(!body.user.global_actions.includes('user.create'));
    assert.equal(response.headers.etag, `"${body.user.version}"`);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const wrong = await attempt(app, 'alice', 'not the password', '10.0.0.1');
    const unknown = await attempt(app, 'nobody', 'not the password', '10.0.0.1');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json<Problem>().code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.json<Problem>().detail, unknown.json<Problem>().detail);
    assert.equal(wrong.cookies.length, 0);
  });

  it('locks an account after 5 failures, even against the right password, and audits it', async () => {
    for (let i = 1; i <= 4; i += 1) assert.equal((await attempt(app, 'bob', `wrong ${i}`, '10.0.0.2')).statusCode, 401);
    const fifth = await attempt(app, 'bob', 'wrong 5', '10.0.0.2');
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json<Problem>().code, 'ACCOUNT_LOCKED');
    const right = await attempt(app, 'bob', FIXTURE_PASSWORD, '10.0.0.3');
    assert.equal(right.statusCode, 423);
    assert.match(right.json<Problem>().detail, /2026-11-26T08:15:00\.000Z/);

    const locks = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.lock').execute();
    assert.equal(locks.length, 1);
    assert.match(locks[0]!.summary, /bob.*after 5 failed logins/);

    clock.advance(15 * 60_000);
    assert.equal((await attempt(app, 'bob', FIXTURE_PASSWORD, '10.0.0.3')).statusCode, 200);
  });

  it('checks at most 5 passwords when guesses arrive in parallel', async () => {
    await fixtureUser(ctx, { username: 'frank', grants: [{ role: 'operator', scope: 'all' }] });
    // Every checked wrong password is logged as 'login failed'; a guess refused unchecked is not.
    const checked: unknown[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg?: string; username?: string };
        if (entry.msg === 'login failed' && entry.username === 'frank') checked.push(entry);
      }
      done();
    } }));
    const spied = await buildApp({ ...ctx, logger });
    try {
      const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(spied, 'frank', `guess ${i}`, `10.0.3.${i}`)));
      const statuses = burst.map((response) => response.statusCode);
      assert.ok(statuses.every((status) => status === 401 || status === 423), `statuses: ${statuses.join(' ')}`);
      assert.ok(checked.length >= 1 && checked.length <= 5, `${checked.length} passwords checked`);
    } finally {
      await spied.close();
    }
    const locks = await ctx.db.selectFrom('audit_events').select('summary').where('action', '=', 'user.lock').execute();
    assert.equal(locks.filter((lock) => lock.summary.includes('"frank"')).length, 1);
  });

  it('shares the lockout between two app instances on one database', async () => {
    const otherCtx = await createTestContext(database(), { clock });
    const other = await buildApp(otherCtx);
    try {
      for (let i = 0; i < 3; i += 1) assert.equal((await attempt(app, 'carol', 'wrong', '10.0.1.1')).statusCode, 401);
      assert.equal((await attempt(other, 'carol', 'wrong', '10.0.1.2')).statusCode, 401);
      assert.equal((await attempt(other, 'carol', 'wrong', '10.0.1.2')).statusCode, 423);
      assert.equal((await attempt(app, 'carol', FIXTURE_PASSWORD, '10.0.1.3')).statusCode, 423);
    } finally {
      await other.close();
    }
  });

  it('refuses an address after 30 failures in 15 minutes', async () => {
    for (let i = 0; i < 30; i += 1) {
      const response = await attempt(app, `nobody-${i}`, 'wrong password', '10.0.2.1');
      assert.equal(response.statusCode, 401);
    }
    const limited = await attempt(app, 'dave', FIXTURE_PASSWORD, '10.0.2.1');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json<Problem>().code, 'RATE_LIMITED');
    assert.equal((await attempt(app, 'dave', FIXTURE_PASSWORD, '10.0.2.2')).statusCode, 200);
  });

  it('rejects malformed JSON, unknown fields and missing fields with 400', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "alice",' });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json<Problem>().code, 'MALFORMED_JSON');
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'alice', password: FIXTURE_PASSWORD, admin: true } });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json<Problem>().code, 'VALIDATION_FAILED');
    const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'alice' } });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json<Problem>().code, 'VALIDATION_FAILED');
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const session = await loginAs(app, 'alice');
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.headers.cookie! } });
    const version = me.json<SessionBody>().user.version;
    const without = await app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: { cookie: session.headers.cookie!, 'if-match': `"${version}"` }, payload: { display_name: 'Alice' } });
    assert.equal(without.statusCode, 403);
    assert.equal(without.json<Problem>().code, 'CSRF_FAILED');
    const withToken = await app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: { ...session.headers, 'if-match': `"${version}"` }, payload: { display_name: '<b>Alice</b> \'; DROP TABLE users; --' } });
    assert.equal(withToken.statusCode, 200, withToken.body);
    assert.equal(withToken.json<SessionBody>().user.display_name, '<b>Alice</b> \'; DROP TABLE users; --');
    assert.equal(withToken.json<SessionBody>().user.version, version + 1);
  });

  it('requires If-Match on profile changes and refuses a stale one', async () => {
    const session = await loginAs(app, 'alice');
    const missing = await app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: session.headers, payload: { language: 'en' } });
    assert.equal(missing.statusCode, 428);
    const stale = await app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: { ...session.headers, 'if-match': '"1"' }, payload: { language: 'en' } });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json<Problem>().code, 'STALE_OBJECT');
  });

  it('changes the password with the current one and ends the other sessions', async () => {
    const current = await loginAs(app, 'erin');
    const other = await loginAs(app, 'erin');
    const short = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: current.headers, payload: { current_password: FIXTURE_PASSWORD, new_password: 'short' } });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json<Problem>().code, 'PASSWORD_TOO_SHORT');
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: current.headers, payload: { current_password: 'not it at all', new_password: 'a brand new passphrase' } });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json<Problem>().code, 'PASSWORD_INCORRECT');

    const changed = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: current.headers, payload: { current_password: FIXTURE_PASSWORD, new_password: 'a brand new passphrase' } });
    assert.equal(changed.statusCode, 204);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: other.headers })).statusCode, 401);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: current.headers })).statusCode, 200);
    assert.equal((await attempt(app, 'erin', FIXTURE_PASSWORD)).statusCode, 401);
    await loginAs(app, 'erin', 'a brand new passphrase');
    const stored = await ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'erin').executeTakeFirstOrThrow();
    assert.match(stored.password_hash ?? '', /^\$argon2id\$/);
  });

  it('logs out: deletes the session and clears the cookie', async () => {
    const session = await loginAs(app, 'alice');
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    assert.equal(response.statusCode, 204);
    const cleared = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
    assert.equal(cleared?.value, '');
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers })).statusCode, 401);
    const row = await ctx.db.selectFrom('sessions').select('id').where('id', '=', hashSecret(session.cookie)).executeTakeFirst();
    assert.equal(row, undefined);
  });

  it('answers 401 without a session', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode, 401);
  });

  it('sets Secure cookies when HTTPS is forwarded through a trusted proxy only', async () => {
    const trustingCtx = await createTestContext(database(), { clock, config: { trustProxy: true } });
    const trusting = await buildApp(trustingCtx);
    try {
      const payload = { username: 'alice', password: FIXTURE_PASSWORD };
      const forwarded = { 'x-forwarded-proto': 'https' };
      const viaProxy = await trusting.inject({ method: 'POST', url: '/api/v1/auth/login', headers: forwarded, payload });
      assert.equal(viaProxy.cookies.find((entry) => entry.name === SESSION_COOKIE)?.secure, true);
      const untrusted = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: forwarded, payload });
      assert.equal(untrusted.cookies.find((entry) => entry.name === SESSION_COOKIE)?.secure, undefined);
    } finally {
      await trusting.close();
    }
  });
});
