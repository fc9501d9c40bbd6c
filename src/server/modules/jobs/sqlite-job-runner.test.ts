import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { ManualClock } from '../../clock.ts';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test-support/databases.ts';
import { nextCronRun } from './cron.ts';
import { SqliteJobRunner } from './sqlite-job-runner.ts';

const logger = pino({ level: 'silent' });

function runnerOn(handle: Pick<DatabaseHandle, 'db' | 'adapter'>, clock: ManualClock, workerId: string): SqliteJobRunner {
  return new SqliteJobRunner({ db: handle.db, adapter: handle.adapter, clock, logger }, { workerId });
}

async function jobsNamed(database: TestDatabase, name: string) {
  return database.db.selectFrom('jobs').selectAll().where('name', '=', name).orderBy('run_at').execute();
}

describe('nextCronRun', () => {
  it('computes the next occurrence in the given IANA zone', () => {
    // 09:00 in Berlin is 08:00 UTC in November (CET) and 07:00 UTC in June (CEST).
    assert.equal(nextCronRun('0 9 * * *', 'Europe/Berlin', new Date('2026-11-26T07:59:00.000Z')).toISOString(), '2026-11-26T08:00:00.000Z');
    assert.equal(nextCronRun('0 9 * * *', 'Europe/Berlin', new Date('2026-11-26T08:00:00.000Z')).toISOString(), '2026-11-27T08:00:00.000Z');
    assert.equal(nextCronRun('0 9 * * *', 'Europe/Berlin', new Date('2026-06-10T06:00:00.000Z')).toISOString(), '2026-06-10T07:00:00.000Z');
  });

  it('rejects patterns without five fields and unknown zones', () => {
    assert.throws(() => nextCronRun('0 0 9 * * *', 'UTC', new Date()));
    assert.throws(() => nextCronRun('0 9 * * *', 'Mars/Olympus', new Date()));
  });
});

describeEachDialect('SqliteJobRunner (table queue)', (database) => {
  it('does not run a delayed job before its time and runs it once after', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const runner = runnerOn(database(), clock, 'worker-a');
    const payloads: unknown[] = [];
    runner.register('test.delayed', (payload) => {
      payloads.push(payload);
      return Promise.resolve();
    });
    const id = await runner.enqueue('test.delayed', { machine: 'DM-3' }, { delayMs: 60_000 });

    assert.equal(await runner.tick(), 0);
    clock.advance(59_999);
    assert.equal(await runner.tick(), 0);
    assert.deepEqual(payloads, []);

    clock.advance(1);
    assert.equal(await runner.tick(), 1);
    assert.deepEqual(payloads, [{ machine: 'DM-3' }]);
    clock.advance(60_000);
    assert.equal(await runner.tick(), 0);
    assert.equal(payloads.length, 1);

    const job = await database().db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
    assert.equal(job.attempts, 1);
    assert.equal(job.finished_at, '2026-11-26T08:01:00.000Z');
  });

  it('runs a job at its runAt instant', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const runner = runnerOn(database(), clock, 'worker-a');
    let runs = 0;
    runner.register('test.at', () => {
      runs += 1;
      return Promise.resolve();
    });
    await runner.enqueue('test.at', null, { runAt: new Date('2026-11-26T09:30:00.000Z') });
    clock.set('2026-11-26T09:29:59.999Z');
    await runner.tick();
    assert.equal(runs, 0);
    clock.set('2026-11-26T09:30:00.000Z');
    await runner.tick();
    assert.equal(runs, 1);
  });

  it('enqueues one job per cron occurrence when two runners on the same database tick', async () => {
    const clock = new ManualClock('2026-11-26T08:00:30.000Z');
    const second = openDatabase({ databaseUrl: database().databaseUrl, dataDir: database().dataDir, poolSize: 2 });
    try {
      const runners = [runnerOn(database(), clock, 'worker-a'), runnerOn(second, clock, 'worker-b')];
      const runsBy = new Map<string, number>();
      for (const [index, runner] of runners.entries()) {
        runner.register('test.cron', () => {
          runsBy.set(`runner-${index}`, (runsBy.get(`runner-${index}`) ?? 0) + 1);
          return Promise.resolve();
        });
        await runner.schedule('test.cron', '*/5 * * * *', { timeZone: 'Europe/Berlin' });
      }
      const schedule = await database().db.selectFrom('job_schedules').selectAll().where('name', '=', 'test.cron').executeTakeFirstOrThrow();
      assert.equal(schedule.next_run_at, '2026-11-26T08:05:00.000Z');

      for (let occurrence = 1; occurrence <= 3; occurrence += 1) {
        clock.set(new Date(Date.parse('2026-11-26T08:00:00.000Z') + occurrence * 5 * 60_000 + 200));
        if (database().dialect === 'postgres') {
          await Promise.all(runners.map((runner) => runner.tick()));
        } else {
          // Two better-sqlite3 handles in one process cannot interleave write transactions (the
          // busy wait blocks the event loop), so the SQLite runners tick one after the other.
          for (const runner of runners) await runner.tick();
        }
      }

      const jobs = await jobsNamed(database(), 'test.cron');
      assert.deepEqual(
        jobs.map((job) => job.run_at),
        ['2026-11-26T08:05:00.000Z', '2026-11-26T08:10:00.000Z', '2026-11-26T08:15:00.000Z'],
      );
      assert.ok(jobs.every((job) => job.status === 'done' && job.attempts === 1));
      assert.equal([...runsBy.values()].reduce((sum, runs) => sum + runs, 0), 3);
    } finally {
      await second.close();
    }
  });

  it('keeps next_run_at when the same schedule is declared again and coalesces missed occurrences', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const runner = runnerOn(database(), clock, 'worker-a');
    let runs = 0;
    runner.register('test.hourly', () => {
      runs += 1;
      return Promise.resolve();
    });
    await runner.schedule('test.hourly', '0 * * * *');
    clock.set('2026-11-26T08:59:00.000Z');
    await runner.schedule('test.hourly', '0 * * * *');
    const kept = await database().db.selectFrom('job_schedules').select('next_run_at').where('name', '=', 'test.hourly').executeTakeFirstOrThrow();
    assert.equal(kept.next_run_at, '2026-11-26T09:00:00.000Z');

    clock.set('2026-11-26T12:30:00.000Z');
    await runner.tick();
    await runner.tick();
    assert.equal(runs, 1);
    const moved = await database().db.selectFrom('job_schedules').select('next_run_at').where('name', '=', 'test.hourly').executeTakeFirstOrThrow();
    assert.equal(moved.next_run_at, '2026-11-26T13:00:00.000Z');
  });

  it('retries a retryable job with backoff and fails it when attempts run out', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const runner = new SqliteJobRunner({ ...database(), clock, logger }, { workerId: 'worker-a', retryBackoffMs: 10_000 });
    let runs = 0;
    runner.register(
      'test.flaky',
      () => {
        runs += 1;
        return Promise.reject(new Error(`unreachable host (run ${runs})`));
      },
      { retryable: true, maxAttempts: 2 },
    );
    const id = await runner.enqueue('test.flaky', {});
    await runner.tick();
    let job = await database().db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'pending');
    assert.equal(job.attempts, 1);
    assert.equal(job.run_at, '2026-11-26T08:00:10.000Z');
    assert.equal(job.last_error, 'unreachable host (run 1)');

    await runner.tick();
    assert.equal(runs, 1);
    clock.advance(10_000);
    await runner.tick();
    assert.equal(runs, 2);
    job = await database().db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'failed');
    assert.equal(job.attempts, 2);
    assert.equal(job.last_error, 'unreachable host (run 2)');
  });

  it('fails a job that is not retryable on its first error', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const runner = runnerOn(database(), clock, 'worker-a');
    let runs = 0;
    runner.register('test.fragile', () => {
      runs += 1;
      return Promise.reject(new Error('broken'));
    });
    const id = await runner.enqueue('test.fragile', {});
    await runner.tick();
    clock.advance(24 * 60 * 60 * 1000);
    await runner.tick();
    assert.equal(runs, 1);
    const job = await database().db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'failed');
    assert.equal(job.last_error, 'broken');
  });

  it('never hands a job claimed by a crashed worker to another worker; it fails when the lock expires', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    await database()
      .db.insertInto('jobs')
      .values({
        id: 'job-of-crashed-worker',
        name: 'test.crash',
        payload: 'null',
        run_at: '2026-11-26T07:00:00.000Z',
        status: 'running',
        attempts: 1,
        max_attempts: 1,
        locked_by: 'worker-that-crashed',
        locked_until: '2026-11-26T08:10:00.000Z',
        created_at: '2026-11-26T07:00:00.000Z',
      })
      .execute();
    const runner = runnerOn(database(), clock, 'worker-b');
    let runs = 0;
    runner.register('test.crash', () => {
      runs += 1;
      return Promise.resolve();
    });
    await runner.tick();
    let job = await database().db.selectFrom('jobs').selectAll().where('id', '=', 'job-of-crashed-worker').executeTakeFirstOrThrow();
    assert.equal(job.status, 'running');
    assert.equal(job.locked_by, 'worker-that-crashed');

    clock.set('2026-11-26T08:10:00.001Z');
    await runner.tick();
    await runner.tick();
    job = await database().db.selectFrom('jobs').selectAll().where('id', '=', 'job-of-crashed-worker').executeTakeFirstOrThrow();
    assert.equal(job.status, 'failed');
    assert.match(job.last_error ?? '', /lock expired/);
    assert.equal(runs, 0);
  });

  it('leaves jobs of names it has not registered to other workers', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const runner = runnerOn(database(), clock, 'worker-a');
    runner.register('test.known', () => Promise.resolve());
    const id = await runner.enqueue('test.unknown', {});
    await runner.tick();
    const job = await database().db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'pending');
  });
  it('claims each job when it starts, so a slow batch does not outlive the locks of its last jobs', async () => {
    // Three due jobs of six minutes each with a ten-minute timeout: claimed together at the start,
    // the third would be expired by another worker while it waits and then run anyway.
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const first = runnerOn(database(), clock, 'worker-slow-a');
    const second = runnerOn(database(), clock, 'worker-slow-b');
    const runs: string[] = [];
    for (const runner of [first, second]) {
      runner.register('test.slow', async (payload, job) => {
        runs.push(job.id);
        clock.advance(6 * 60 * 1000);
        if ((payload as { n: number }).n === 2 && runner === first) await second.tick();
      }, { timeoutMs: 10 * 60 * 1000 });
    }
    const ids = [];
    for (const n of [1, 2, 3]) ids.push(await first.enqueue('test.slow', { n }));
    await first.tick();
    assert.deepEqual([...runs].sort(), [...ids].sort());
    const jobs = await jobsNamed(database(), 'test.slow');
    assert.deepEqual(jobs.map((job) => job.status), ['done', 'done', 'done']);
  });
});

describe('SqliteJobRunner start/stop', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('sqlite');
  });
  after(async () => {
    await database.destroy();
  });

  it('polls on its own once started and stops cleanly', { timeout: 10_000 }, async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const runner = new SqliteJobRunner({ db: database.db, adapter: database.adapter, clock, logger }, { pollIntervalMs: 10 });
    let resolveRun: () => void = () => {};
    const ran = new Promise<void>((resolve) => {
      resolveRun = resolve;
    });
    runner.register('test.polled', () => {
      resolveRun();
      return Promise.resolve();
    });
    await runner.enqueue('test.polled', {});
    await runner.start();
    await ran;
    await runner.stop();
    const job = await database.db.selectFrom('jobs').select('status').where('name', '=', 'test.polled').executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
  });
});
