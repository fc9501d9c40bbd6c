import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../clock.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { createTestDatabase, type TestDatabase } from '../../../test-support/databases.ts';
import { enqueueNotification } from '../notifications/outbox.ts';
import { insertSession, insertUser } from '../../../test-support/actors.ts';
import { HOUSEKEEPING_JOB, OUTBOX_DELIVER_JOB, registerCoreJobs } from './core-jobs.ts';
import { SqliteJobRunner } from './sqlite-job-runner.ts';
import type { LocalArtifactStore } from '../artifacts/local-artifact-store.ts';

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

  it('prunes expired sessions, stale login failures, abandoned uploads and week-old jobs every hour, keeping live ones', async () => {
    const clock = new ManualClock('2026-11-26T09:00:00.000Z');
    const ctx = await createTestContext(database, { clock });
    assert.ok(ctx.jobs instanceof SqliteJobRunner);
    await registerCoreJobs(ctx);
    const userId = await insertUser(database.db, { username: 'prune.me', role: 'operator' }, clock.now());
    const live = await insertSession(database.db, userId, clock.now());
    await insertSession(database.db, userId, new Date('2026-11-24T08:00:00.000Z'));
    await database.db.insertInto('login_failures').values([
      { username_norm: 'prune.me', ip: '127.0.0.1', at: '2026-11-26T08:00:00.000Z' },
      { username_norm: 'prune.me', ip: '127.0.0.1', at: '2026-11-26T09:10:00.000Z' },
    ]).execute();
    const store = ctx.artifacts as LocalArtifactStore;
    mkdirSync(store.tmpDir, { recursive: true });
    const abandoned = path.join(store.tmpDir, 'abandoned.part');
    const running = path.join(store.tmpDir, 'running.part');
    writeFileSync(abandoned, 'x');
    writeFileSync(running, 'x');
    utimesSync(abandoned, new Date('2026-11-25T08:00:00.000Z'), new Date('2026-11-25T08:00:00.000Z'));
    utimesSync(running, new Date('2026-11-26T09:16:00.000Z'), new Date('2026-11-26T09:16:00.000Z'));
    await database.db.insertInto('jobs').values({
      id: 'old-job', name: 'outbox.deliver', payload: 'null', run_at: '2026-11-18T08:00:00.000Z', status: 'done', attempts: 1, max_attempts: 1,
      locked_by: null, locked_until: null, last_error: null, created_at: '2026-11-18T08:00:00.000Z', finished_at: '2026-11-18T08:00:01.000Z',
    }).execute();
    clock.set('2026-11-26T09:17:00.000Z');
    await ctx.jobs.tick();
    const job = await database.db.selectFrom('jobs').selectAll().where('name', '=', HOUSEKEEPING_JOB).executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
    const sessions = await database.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', userId).execute();
    assert.deepEqual(sessions.map((session) => session.csrf_token), [live.csrfToken]);
    const failures = await database.db.selectFrom('login_failures').select('at').where('username_norm', '=', 'prune.me').execute();
    assert.deepEqual(failures.map((failure) => failure.at), ['2026-11-26T09:10:00.000Z']);
    assert.equal(existsSync(abandoned), false);
    assert.equal(existsSync(running), true);
    assert.equal(await database.db.selectFrom('jobs').select('id').where('id', '=', 'old-job').executeTakeFirst(), undefined);
  });
});
