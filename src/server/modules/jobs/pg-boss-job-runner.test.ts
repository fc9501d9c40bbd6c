import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '../../../test-support/databases.ts';
import { PgBossJobRunner } from './pg-boss-job-runner.ts';

const logger = pino({ level: 'silent' });
const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scheduled-job.fixture.ts');
const fastBoss = { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, pollingIntervalSeconds: 0.5 };

/** Polls `check` until it returns true or `timeoutMs` passes; returns the last result. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(250);
  }
  return check();
}

/** Starts the fixture process and resolves once it printed "ready". */
async function startProcess(databaseUrl: string, label: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, label], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code} before it was ready`)));
  });
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

describe('PgBossJobRunner [postgres]', { skip: postgresSkipReason ?? false }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('postgres');
  });
  after(async () => {
    await database?.destroy();
  });

  it('keeps its queues in <current_schema>_jobs, schedules in a zone, runs an enqueued job and delays a job by startAfter', { timeout: 60_000 }, async () => {
    const databaseUrl = database.databaseUrl ?? '';
    const runner = new PgBossJobRunner({ db: database.db, logger }, { databaseUrl, boss: fastBoss });
    const payloads: unknown[] = [];
    runner.register('test.immediate', (payload) => {
      payloads.push(payload);
      return Promise.resolve();
    });
    try {
      // As at server start: schedule before start (send-only instance), then start the workers.
      await runner.schedule('test.immediate', '0 0 1 1 *', { timeZone: 'Europe/Berlin' });
      await runner.start();
      await runner.enqueue('test.immediate', { machine: 'DM-3' });
      assert.ok(await waitFor(() => Promise.resolve(payloads.length > 0), 30_000), 'the job ran');
      assert.deepEqual(payloads, [{ machine: 'DM-3' }]);

      const runAt = new Date(Date.now() + 60 * 60 * 1000);
      const delayedId = await runner.enqueue('test.immediate', { later: true }, { runAt });
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
      const jobsSchema = `${rows[0]?.schema}_jobs`;
      const stored = await sql<{ state: string; start_after: Date }>`
        select state, start_after from ${sql.table(`${jobsSchema}.job`)} where id = ${delayedId}`.execute(database.db);
      assert.equal(stored.rows[0]?.state, 'created');
      assert.equal(stored.rows[0]?.start_after.toISOString(), runAt.toISOString());
      const schedules = await sql<{ name: string; cron: string; timezone: string }>`
        select name, cron, timezone from ${sql.table(`${jobsSchema}.schedule`)}`.execute(database.db);
      assert.deepEqual(schedules.rows, [{ name: 'test.immediate', cron: '0 0 1 1 *', timezone: 'Europe/Berlin' }]);
    } finally {
      await runner.stop();
    }
  });

  it('runs a job scheduled by two server processes once per occurrence', { timeout: 150_000 }, async () => {
    const databaseUrl = database.databaseUrl ?? '';
    await sql`create table test_job_runs (job_id text primary key, process text not null, ran_at timestamptz not null default now())`.execute(database.db);
    // `* * * * *` fires once per minute; start early in a minute so the whole check fits in it.
    const secondOfMinute = new Date().getUTCSeconds();
    if (secondOfMinute > 40) await sleep((61 - secondOfMinute) * 1000);

    const children: ChildProcess[] = [];
    try {
      children.push(...(await Promise.all([startProcess(databaseUrl, 'server-a'), startProcess(databaseUrl, 'server-b')])));
      const countRuns = async () => {
        const result = await sql<{ runs: number }>`select count(*)::int as runs from test_job_runs`.execute(database.db);
        return result.rows[0]?.runs ?? 0;
      };
      assert.ok(await waitFor(async () => (await countRuns()) > 0, 75_000), 'the scheduled job ran');
      // Give the other process several cron checks (every second) to run it a second time.
      const untilMinuteEnds = (58 - new Date().getUTCSeconds()) * 1000;
      await sleep(Math.max(0, Math.min(5000, untilMinuteEnds)));
      await Promise.all(children.map(stopProcess));

      const runs = await sql<{ job_id: string; process: string; ran_at: Date }>`select job_id, process, ran_at from test_job_runs`.execute(database.db);
      assert.equal(runs.rows.length, 1, `expected one run, got ${JSON.stringify(runs.rows)}`);
    } finally {
      await Promise.all(children.map(stopProcess));
    }
  });
});
