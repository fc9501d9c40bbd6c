import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { systemClock } from './clock.ts';
import type { AppContext } from './context.ts';
import { withWrite } from './db/write.ts';
import { enqueueNotification } from './modules/notifications/outbox.ts';
import { OUTBOX_DELIVER_JOB } from './modules/jobs/core-jobs.ts';
import { cliActor } from './policies/actor.ts';
import { createUser } from './modules/users/users.service.ts';
import { createTestContext } from '../test-support/context.ts';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '../test-support/databases.ts';

// Two real `patchwerk serve` processes on one PostgreSQL database, as behind a load balancer: the
// cron-scheduled outbox delivery runs once per occurrence (one e-mail, one job per minute), and a
// lockout earned on one process holds on the other.

const bin = path.resolve(import.meta.dirname, '../../bin/patchwerk.js');
const PASSWORD = 'two processes password';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls `check` until it holds; fails with `describe()` (read at failure time) after `timeoutMs`. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(250);
  }
  assert.fail(`timed out waiting for ${describe()}`);
}

describe('two server processes on PostgreSQL', { skip: postgresSkipReason ?? false }, () => {
  let database: TestDatabase;
  let ctx: AppContext;
  const received: string[] = [];
  let smtp: SMTPServer;
  const servers: { child: ChildProcess; url: string; log: string[] }[] = [];

  before(async () => {
    database = await createTestDatabase('postgres');
    ctx = await createTestContext(database, { clock: systemClock });
    await createUser(ctx, cliActor('test'), { username: 'lena', password: PASSWORD, grants: [{ role: 'maintenance', scope: 'all' }] });

    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let message = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (message += chunk));
        stream.on('end', () => {
          received.push(message);
          callback();
        });
      },
    });
    const smtpPort = await freePort();
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      const log: string[] = [];
      const child = spawn(process.execPath, [bin, 'serve'], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: database.databaseUrl ?? '',
          PATCHWERK_DATA_DIR: database.dataDir,
          HOST: '127.0.0.1',
          PORT: String(port),
          PATCHWERK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          PATCHWERK_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
      servers.push({ child, url: `http://127.0.0.1:${port}`, log });
    }
    for (const server of servers) {
      await waitFor(
        async () => {
          if (server.child.exitCode !== null) assert.fail(`${server.url} exited during start:\n${server.log.join('')}`);
          return (await fetch(`${server.url}/readyz`).catch(() => null))?.status === 200;
        },
        60_000,
        () => `${server.url} to be ready\n${server.log.join('')}`,
      );
    }
  });

  after(async () => {
    for (const { child } of servers) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database.destroy();
  });

  it('shares a lockout earned on one process with the other', async () => {
    const login = (url: string, password: string) =>
      fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lena', password }),
      });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      assert.equal((await login(servers[attempt % 2]!.url, 'wrong password here')).status, 401);
    }
    assert.equal((await login(servers[0]!.url, 'wrong password here')).status, 423);
    const refused = await login(servers[1]!.url, PASSWORD);
    assert.equal(refused.status, 423);
    assert.equal(((await refused.json()) as { code: string }).code, 'ACCOUNT_LOCKED');
  });

  it('runs the scheduled outbox delivery once per occurrence across both processes', async () => {
    await withWrite(ctx, ({ trx }) =>
      enqueueNotification(trx, ctx.clock, { channel: 'email', recipient: 'ot@example.test', subject: 'Einmal / once', body: 'Only once.' }),
    );
    // pg-boss fires cron schedules on minute boundaries: the first delivery comes within ~90 s.
    await waitFor(async () => received.length > 0, 150_000, () => `the e-mail to arrive\n${servers.map((server) => server.log.join('')).join('\n')}`);
    // Let the next occurrence pass on both processes, then count.
    await sleep(5_000);
    assert.equal(received.length, 1, 'the e-mail was delivered exactly once');
    assert.match(received[0]!, /Only once\./);
    const schema = `${new URL(database.databaseUrl!).searchParams.get('options')!.split('=')[1]}_jobs`;
    const runs = await sql<{ minute: string; runs: number }>`
      SELECT date_trunc('minute', created_on)::text AS minute, count(*)::int AS runs
      FROM ${sql.table(`${schema}.job`)} WHERE name = ${OUTBOX_DELIVER_JOB} GROUP BY 1`.execute(database.db);
    assert.ok(runs.rows.length >= 1, 'the schedule produced jobs');
    for (const row of runs.rows) assert.equal(row.runs, 1, `one ${OUTBOX_DELIVER_JOB} job for ${row.minute}`);
  });
});
