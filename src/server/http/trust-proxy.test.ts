import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestContext } from '../../test-support/context.ts';
import { describeEachDialect } from '../../test-support/databases.ts';
import { loadConfig } from '../config.ts';
import { ensureSetupToken } from '../modules/auth/setup.service.ts';
import { buildApp } from './app.ts';

// The proxy in these tests sits at 10.0.0.5 and forwards a client at 203.0.113.7 over https.
const PROXY = '10.0.0.5';
const CLIENT = '203.0.113.7';
const forwarded = { 'x-forwarded-for': CLIENT, 'x-forwarded-proto': 'https' };
const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

function sessionCookie(response: { headers: Record<string, unknown>; body: string; statusCode: number }): string {
  const header = response.headers['set-cookie'];
  const cookies = Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
  const cookie = cookies.find((line) => line.startsWith('patchwerk_session='));
  assert.ok(cookie, `a session cookie is set (status ${response.statusCode}: ${response.body})`);
  return cookie;
}

describeEachDialect('trust proxy', (database) => {
  let untrusting: FastifyInstance;
  let trusting: FastifyInstance;
  let trustingOnlyProxy: FastifyInstance;

  before(async () => {
    const trustProxy = (value: string | undefined) => loadConfig(value === undefined ? {} : { PATCHWERK_TRUST_PROXY: value }).trustProxy;
    untrusting = await buildApp(await createTestContext(database(), { config: { trustProxy: trustProxy(undefined) } }));
    trusting = await buildApp(await createTestContext(database(), { config: { trustProxy: trustProxy('true') } }));
    trustingOnlyProxy = await buildApp(await createTestContext(database(), { config: { trustProxy: trustProxy(PROXY) } }));
  });
  after(async () => {
    await Promise.all([untrusting.close(), trusting.close(), trustingOnlyProxy.close()]);
  });

  async function failedLoginIp(app: FastifyInstance, username: string, remoteAddress: string): Promise<string | undefined> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers: forwarded,
      payload: { username, password: 'wrong password for sure' },
    });
    assert.equal(response.statusCode, 401, response.body);
    const rows = await database().db.selectFrom('login_failures').select('ip').where('username_norm', '=', username).execute();
    assert.equal(rows.length, 1);
    return rows[0]?.ip;
  }

  it('without trust proxy, X-Forwarded-Proto does not make the setup cookie Secure', async () => {
    const token = await ensureSetupToken(await createTestContext(database()));
    assert.ok(token);
    const response = await untrusting.inject({
      method: 'POST',
      url: '/api/v1/setup',
      remoteAddress: PROXY,
      headers: forwarded,
      payload: { token, ...ADMIN, display_name: 'Admin' },
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.doesNotMatch(sessionCookie(response), /;\s*Secure/i);
  });

  it('with trust proxy, X-Forwarded-Proto https makes the login cookie Secure', async () => {
    const response = await trusting.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: PROXY, headers: forwarded, payload: ADMIN });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(sessionCookie(response), /;\s*Secure/i);
  });

  it('with trust proxy but no X-Forwarded-Proto, the cookie stays without Secure', async () => {
    const response = await trusting.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: PROXY, payload: ADMIN });
    assert.equal(response.statusCode, 200, response.body);
    assert.doesNotMatch(sessionCookie(response), /;\s*Secure/i);
  });

  it('without trust proxy, a login failure is recorded for the connecting address, not X-Forwarded-For', async () => {
    assert.equal(await failedLoginIp(untrusting, 'nobody-a', PROXY), PROXY);
  });

  it('with trust proxy, a login failure is recorded for the client named in X-Forwarded-For', async () => {
    assert.equal(await failedLoginIp(trusting, 'nobody-b', PROXY), CLIENT);
  });

  it('with an address list, only the listed proxy may name the client', async () => {
    assert.equal(await failedLoginIp(trustingOnlyProxy, 'nobody-c', PROXY), CLIENT);
    assert.equal(await failedLoginIp(trustingOnlyProxy, 'nobody-d', '10.0.0.9'), '10.0.0.9');
  });
});
