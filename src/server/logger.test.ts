import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, it, describe } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestContext } from '../test-support/context.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/databases.ts';
import { buildApp } from './http/app.ts';
import { createLogger } from './logger.ts';

/** A logger whose JSON lines are collected in `lines`. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger('info', destination), lines };
}

describe('logs', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const captured = capturingLogger();

  before(async () => {
    database = await createTestDatabase('sqlite');
    const ctx = await createTestContext(database);
    app = await buildApp({ ...ctx, logger: captured.logger });
  });
  after(async () => {
    await app.close();
    await database.destroy();
  });

  it('redacts credentials, cookies and passwords', () => {
    captured.logger.info(
      { req: { headers: { authorization: 'Bearer pwt_secret', cookie: 'patchwerk_session=abc123', 'x-csrf-token': 'csrf456' } }, body: { password: 'hunter2hunter2', token: 'pwt_other' } },
      'something happened',
    );
    const text = JSON.stringify(captured.lines.at(-1));
    for (const secret of ['pwt_secret', 'abc123', 'csrf456', 'hunter2hunter2', 'pwt_other']) assert.ok(!text.includes(secret), `${secret} is redacted`);
    assert.match(text, /\[redacted\]/);
  });

  it('logs each request with its id, taken from X-Request-Id when given', async () => {
    const before = captured.lines.length;
    const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-42' } });
    assert.equal(response.statusCode, 200);
    const requestLines = captured.lines.slice(before).filter((line) => line.reqId === 'trace-42');
    assert.ok(requestLines.length >= 1, 'request lines carry the request id');
    assert.ok(requestLines.some((line) => line.msg === 'request completed'));
  });
});
