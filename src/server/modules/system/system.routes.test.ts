import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { createTestContext } from '../../../test-support/context.ts';
import { createTestDatabase, describeEachDialect } from '../../../test-support/databases.ts';
import { buildApp } from '../../http/app.ts';

describeEachDialect('system routes', (database) => {
  let app: FastifyInstance;

  before(async () => {
    app = await buildApp(await createTestContext(database()));
  });
  after(async () => {
    await app.close();
  });

  it('answers /healthz with 200 ok without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  it('answers /readyz with 200 ok while the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  it('counts requests in the Prometheus metrics', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain/);
    assert.match(response.body, /# TYPE patchwerk_http_requests_total counter/);
    assert.match(response.body, /patchwerk_http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]/);
    assert.match(response.body, /patchwerk_http_requests_total\{[^}]*status="404"\} [1-9]/);
    assert.match(response.body, /patchwerk_http_request_duration_seconds_bucket/);
    assert.match(response.body, /patchwerk_process_cpu_seconds_total/);
  });

  it('publishes an OpenAPI 3.1 document whose API paths are under /api/v1', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json<OpenAPIV3_1.Document>();
    assert.equal(document.openapi, '3.1.0');
    const paths = Object.keys(document.paths ?? {});
    assert.ok(paths.length > 0, 'the document lists the API');
    for (const path of paths) assert.match(path, /^\/api\/v1\//, path);
    assert.ok(paths.includes('/api/v1/auth/login'), 'login is documented');
    assert.ok(!paths.includes('/healthz') && !paths.includes('/metrics'), 'operational endpoints stay out of the API document');
  });

  it('sends security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
  });
});

describe('readiness without a database', () => {
  it('answers /readyz with 503 NOT_READY once the database is gone, /healthz still 200', async () => {
    const database = await createTestDatabase('sqlite');
    const app = await buildApp(await createTestContext(database));
    try {
      await database.close();
      const ready = await app.inject({ method: 'GET', url: '/readyz', headers: { 'accept-language': 'en' } });
      assert.equal(ready.statusCode, 503);
      assert.match(String(ready.headers['content-type']), /^application\/problem\+json/);
      assert.equal(ready.json<{ code: string }>().code, 'NOT_READY');
      assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    } finally {
      await app.close();
      await database.destroy().catch(() => undefined);
    }
  });
});
