import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestContext } from '../../test-support/context.ts';
import { createTestDatabase, type TestDatabase } from '../../test-support/databases.ts';
import { AppError } from '../errors/app-error.ts';
import { buildApp } from './app.ts';
import type { ProblemBody } from './problem.ts';

const SECRET = 'postgres://patchwerk:hunter2@db';

function problem(response: LightMyRequestResponse): ProblemBody {
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json<ProblemBody>();
  assert.equal(body.status, response.statusCode);
  assert.equal(body.title, body.code);
  assert.equal(typeof body.detail, 'string');
  assertNoInternals(response.body);
  return body;
}

function assertNoInternals(text: string): void {
  assert.doesNotMatch(text, /"stack"/);
  assert.doesNotMatch(text, /\n\s+at /);
  assert.doesNotMatch(text, /\.ts:\d+/);
  assert.ok(!text.includes(SECRET), 'internal error text stays out of the response');
}

describe('problem responses', () => {
  let database: TestDatabase;
  let app: FastifyInstance;

  before(async () => {
    database = await createTestDatabase('sqlite');
    app = await buildApp(await createTestContext(database));
    // Routes that fail on purpose, to see how unexpected and domain errors are rendered.
    app.get('/api/v1/test-failures/internal', { config: { public: true } }, () => {
      throw new Error(`cannot connect to ${SECRET}`);
    });
    app.get('/api/v1/test-failures/gate', { config: { public: true } }, () => {
      throw new AppError('BACKUP_REQUIRED');
    });
  });
  after(async () => {
    await app.close();
    await database.destroy();
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "a", ' });
    assert.equal(response.statusCode, 400);
    assert.equal(problem(response).code, 'MALFORMED_JSON');
  });

  it('names each field problem with a stable code and a message in the caller\'s language', async () => {
    const send = (language: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': language }, payload: { password: 7, extra: true } });
    const german = problem(await send('de'));
    assert.equal(german.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      german.errors?.map((detail) => [detail.code, detail.path]).sort(),
      [['INVALID_VALUE', '/password'], ['UNKNOWN_FIELD', '/extra'], ['VALUE_REQUIRED', '/username']],
    );
    const byCode = (body: ProblemBody, code: string) => body.errors?.find((detail) => detail.code === code)?.message;
    assert.equal(byCode(german, 'VALUE_REQUIRED'), 'Pflichtangabe fehlt.');
    assert.match(byCode(german, 'INVALID_VALUE') ?? '', /^Ungültige Eingabe/);
    const english = problem(await send('en'));
    assert.equal(byCode(english, 'VALUE_REQUIRED'), 'Required.');
    assert.match(byCode(english, 'INVALID_VALUE') ?? '', /^Invalid input/);
  });

  it('answers a body over 1 MiB with 413 PAYLOAD_TOO_LARGE naming the limit', async () => {
    const payload = JSON.stringify({ username: 'a', password: 'x'.repeat(1024 * 1024) });
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, payload });
    assert.equal(response.statusCode, 413);
    const body = problem(response);
    assert.equal(body.code, 'PAYLOAD_TOO_LARGE');
    assert.match(body.detail, /1 MiB/);
  });

  it('answers unknown body fields with 400 VALIDATION_FAILED and a pointer per error', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'b', admin: true } });
    assert.equal(response.statusCode, 400);
    const body = problem(response);
    assert.equal(body.code, 'VALIDATION_FAILED');
    assert.ok(body.errors && body.errors.length > 0);
    for (const error of body.errors) {
      assert.equal(typeof error.message, 'string');
      assert.match(error.path ?? '', /^\//);
    }
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<login/>' });
    assert.equal(response.statusCode, 415);
    assert.equal(problem(response).code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a malformed URL with a 400 problem response', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/users/%zz', headers: { 'accept-language': 'de' } });
    assert.equal(response.statusCode, 400);
    const body = problem(response);
    assert.equal(body.code, 'MALFORMED_REQUEST');
    assert.match(body.detail, /fehlerhaft/);
  });

  it('answers unknown API routes with 404 ROUTE_NOT_FOUND, also outside /api/v1', async () => {
    for (const url of ['/api/v1/no-such-thing', '/api/v2/users', '/api/nothing']) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.equal(problem(response).code, 'ROUTE_NOT_FOUND');
    }
  });

  it('answers a request without session with 401 UNAUTHENTICATED', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    assert.equal(response.statusCode, 401);
    assert.equal(problem(response).code, 'UNAUTHENTICATED');
  });

  it('writes the detail in German for Accept-Language de and in English for en', async () => {
    const german = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' } });
    assert.equal(problem(german).detail, 'Diese Adresse gibt es nicht.');
    assert.equal(german.headers['content-language'], 'de');
    const english = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'accept-language': 'en-GB' } });
    assert.equal(problem(english).detail, 'There is no such address.');
    assert.equal(english.headers['content-language'], 'en');
    const preferred = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'accept-language': 'fr, en;q=0.5, de;q=0.4' } });
    assert.equal(problem(preferred).detail, 'There is no such address.');
  });

  it('defaults to German without Accept-Language', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-failures/gate' });
    assert.equal(response.statusCode, 409);
    const body = problem(response);
    assert.equal(body.code, 'BACKUP_REQUIRED');
    assert.equal(body.detail, 'Vor der Installation ist eine Datensicherung dieser Maschine nötig.');
  });

  it('renders an unexpected error as 500 INTERNAL_ERROR without its message or stack', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-failures/internal', headers: { 'accept-language': 'en' } });
    assert.equal(response.statusCode, 500);
    const body = problem(response);
    assert.equal(body.code, 'INTERNAL_ERROR');
    assert.deepEqual(Object.keys(body).sort(), ['code', 'detail', 'status', 'title', 'type']);
  });
});
