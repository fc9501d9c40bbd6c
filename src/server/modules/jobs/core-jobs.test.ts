import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../clock.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/databases.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import { OUTBOX_DELIVER_JOB, registerCoreJobs } from './core-jobs.ts';
import { SqliteJobRunner } from './sqlite-job-runner.ts';

describe('registerCoreJobs', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('sqlite');
  });
  after(async () => {
    await database.destroy();
  });

  it('schedules outbox delivery every minute; without SMTP the e-mail stays pending', async () => {
    const clock = new ManualClock('2026-11-26T08:00:30.000Z');
    const ctx = await createTestContext(database, { clock, config: { smtpUrl: null } });
    assert.ok(ctx.jobs instanceof SqliteJobRunner);
    await registerCoreJobs(ctx);
    const schedule = await database.db.selectFrom('job_schedules').selectAll().where('name', '=', OUTBOX_DELIVER_JOB).executeTakeFirstOrThrow();
    assert.equal(schedule.cron, '* * * * *');
    assert.equal(schedule.next_run_at, '2026-11-26T08:01:00.000Z');

    const id = await database.adapter.writeTransaction(database.db, (trx) =>
      enqueueNotification(trx, clock, { channel: 'email', recipient: 'ops@example.com', subject: 'Hello', body: 'Hello' }),
    );
    clock.set('2026-11-26T08:01:00.000Z');
    assert.equal(await ctx.jobs.tick(), 1);
    const job = await database.db.selectFrom('jobs').selectAll().where('name', '=', OUTBOX_DELIVER_JOB).executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
    const row = await database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 0);
  });
});
