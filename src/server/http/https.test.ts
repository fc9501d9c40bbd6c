import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { generate } from 'selfsigned';
import { describeEachDialect } from '../../test-support/databases.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request over HTTP or HTTPS; the test certificate is self-signed, so it is not verified. */
function send(url: string, options: { method?: string; body?: unknown } = {}): Promise<Reply> {
  const target = new URL(url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: options.method ?? 'GET',
        rejectUnauthorized: false,
        headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function sessionCookie(reply: Reply): string {
  const cookie = (reply.headers['set-cookie'] ?? []).find((line) => line.startsWith('patchwerk_session='));
  assert.ok(cookie, `a session cookie is set (status ${reply.status}: ${reply.body})`);
  return cookie;
}

/** The token of the one-time link printed by the server. */
function tokenFromNotice(notices: string[]): string {
  const link = /https?:\/\/\S+\/setup\?token=\S+/.exec(notices.join('\n'))?.[0];
  assert.ok(link, 'the notice names the setup link');
  const token = new URL(link).searchParams.get('token');
  assert.ok(token);
  return token;
}

const setupBody = (token: string) => ({ token, username: 'admin', password: 'correct horse battery staple', display_name: 'Admin' });

let certDir = '';
before(async () => {
  certDir = mkdtempSync(path.join(tmpdir(), 'patchwerk-tls-'));
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  writeFileSync(path.join(certDir, 'cert.pem'), pems.cert);
  writeFileSync(path.join(certDir, 'key.pem'), pems.private);
});
after(() => rmSync(certDir, { recursive: true, force: true }));

function serverEnv(dataDir: string, databaseUrl: string | null, tls: boolean): NodeJS.ProcessEnv {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    PATCHWERK_DATA_DIR: dataDir,
    PATCHWERK_LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(tls ? { PATCHWERK_TLS_CERT: path.join(certDir, 'cert.pem'), PATCHWERK_TLS_KEY: path.join(certDir, 'key.pem') } : {}),
  };
}

const quiet = { logger: pino({ level: 'silent' }), handleSignals: false };

describeEachDialect('built-in HTTPS', (database) => {
  let server: RunningServer | undefined;
  const notices: string[] = [];

  before(async () => {
    const config = loadConfig(serverEnv(database().dataDir, database().databaseUrl, true), database().dataDir);
    server = await startServer(config, { ...quiet, notice: (text) => notices.push(text) });
  });
  after(async () => {
    await server?.close();
  });

  it('listens on an https URL and answers /healthz with HSTS', async () => {
    assert.match(server!.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const reply = await send(`${server!.url}/healthz`);
    assert.equal(reply.status, 200);
    assert.deepEqual(JSON.parse(reply.body), { status: 'ok' });
    assert.match(String(reply.headers['strict-transport-security']), /max-age=\d+/);
  });

  it('prints the first-run notice in German and English with the CLI alternative', () => {
    const text = notices.join('\n');
    assert.match(text, /Patchwerk ist noch nicht eingerichtet/);
    assert.match(text, /not set up yet/);
    assert.match(text, /patchwerk users add .*--password-stdin/);
    const port = new URL(server!.url).port;
    assert.match(text, new RegExp(`https://localhost:${port}/setup\\?token=`), 'the link names the bound port, not PORT=0');
  });

  it('completes setup with the printed token and sets a Secure, HttpOnly, SameSite=Strict cookie', async () => {
    const reply = await send(`${server!.url}/api/v1/setup`, { method: 'POST', body: setupBody(tokenFromNotice(notices)) });
    assert.equal(reply.status, 201, reply.body);
    const cookie = sessionCookie(reply);
    assert.match(cookie, /;\s*Secure/i);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Strict/i);
  });

  it('refuses the used setup token a second time', async () => {
    const reply = await send(`${server!.url}/api/v1/setup`, { method: 'POST', body: setupBody(tokenFromNotice(notices)) });
    assert.equal(reply.status, 400);
    assert.equal((JSON.parse(reply.body) as { code: string }).code, 'SETUP_TOKEN_INVALID');
  });
});

describe('plain HTTP server', () => {
  let server: RunningServer | undefined;
  let dataDir = '';
  const notices: string[] = [];

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'patchwerk-http-'));
    server = await startServer(loadConfig(serverEnv(dataDir, null, false), dataDir), { ...quiet, notice: (text) => notices.push(text) });
  });
  after(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves http without HSTS', async () => {
    assert.match(server!.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const reply = await send(`${server!.url}/healthz`);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['strict-transport-security'], undefined);
  });

  it('sets the session cookie without Secure but still HttpOnly and SameSite=Strict', async () => {
    const reply = await send(`${server!.url}/api/v1/setup`, { method: 'POST', body: setupBody(tokenFromNotice(notices)) });
    assert.equal(reply.status, 201, reply.body);
    const cookie = sessionCookie(reply);
    assert.doesNotMatch(cookie, /;\s*Secure/i);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Strict/i);
  });

  it('prints no setup notice once a user exists', async () => {
    await server!.close();
    const before = notices.length;
    server = await startServer(loadConfig(serverEnv(dataDir, null, false), dataDir), { ...quiet, notice: (text) => notices.push(text) });
    assert.equal(notices.length, before);
  });
});

describe('startServer with unreadable TLS files', () => {
  it('fails with a ConfigError naming the file before opening the database', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'patchwerk-tls-missing-'));
    try {
      const env = { ...serverEnv(dataDir, null, false), PATCHWERK_TLS_CERT: path.join(certDir, 'missing.pem'), PATCHWERK_TLS_KEY: path.join(certDir, 'key.pem') };
      await assert.rejects(startServer(loadConfig(env, dataDir), quiet), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /missing\.pem/);
        assert.match(error.message, /PATCHWERK_TLS_CERT/);
        return true;
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
