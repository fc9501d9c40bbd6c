import assert from 'node:assert/strict';
import { it } from 'node:test';
import pino from 'pino';
import { ManualClock } from '../../clock.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { deliverOutbox, enqueueNotification, OUTBOX_MAX_ATTEMPTS, type Deliverer, type OutboxMessage } from './outbox.ts';
import { configuredDeliverers } from './smtp-deliverer.ts';

const logger = pino({ level: 'silent' });

class RecordingDeliverer implements Deliverer {
  readonly channel = 'email';
  readonly delivered: OutboxMessage[] = [];
  failWith: Error | null = null;

  deliver(message: OutboxMessage): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.delivered.push(message);
    return Promise.resolve();
  }
}

describeEachDialect('notification outbox', (database) => {
  const notification = { channel: 'email', recipient: 'qm@example.com', subject: 'Release verified', body: 'DM-3: release 4.2 verified.' };

  it('creates no outbox row when the transaction rolls back', async () => {
    const clock = new ManualClock();
    await assert.rejects(
      database().adapter.writeTransaction(database().db, async (trx) => {
        await enqueueNotification(trx, clock, { ...notification, recipient: 'rolled-back@example.com' });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const rows = await database().db.selectFrom('outbox').selectAll().where('recipient', '=', 'rolled-back@example.com').execute();
    assert.equal(rows.length, 0);
  });

  it('creates a pending outbox row when the transaction commits', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00.000Z');
    const id = await database().adapter.writeTransaction(database().db, (trx) =>
      enqueueNotification(trx, clock, { ...notification, recipient: 'committed@example.com', payload: { case: 'C-1' } }),
    );
    const row = await database().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...row },
      {
        id,
        channel: 'email',
        recipient: 'committed@example.com',
        subject: 'Release verified',
        body: 'DM-3: release 4.2 verified.',
        payload: '{"case":"C-1"}',
        status: 'pending',
        attempts: 0,
        next_attempt_at: '2026-11-26T08:00:00.000Z',
        last_error: null,
        created_at: '2026-11-26T08:00:00.000Z',
        sent_at: null,
      },
    );
  });

  it('delivers due messages once, retries failures with backoff and gives up after the last attempt', async () => {
    await database().db.deleteFrom('outbox').execute();
    const clock = new ManualClock('2026-11-26T09:00:00.000Z');
    const ctx = { db: database().db, adapter: database().adapter, clock, logger };
    const deliverer = new RecordingDeliverer();
    const sentId = await database().adapter.writeTransaction(database().db, (trx) => enqueueNotification(trx, clock, notification));

    assert.deepEqual(await deliverOutbox(ctx, [deliverer]), { sent: 1, retried: 0, failed: 0 });
    assert.deepEqual(await deliverOutbox(ctx, [deliverer]), { sent: 0, retried: 0, failed: 0 });
    assert.equal(deliverer.delivered.length, 1);
    assert.equal(deliverer.delivered[0]?.subject, 'Release verified');
    const sent = await database().db.selectFrom('outbox').selectAll().where('id', '=', sentId).executeTakeFirstOrThrow();
    assert.equal(sent.status, 'sent');
    assert.equal(sent.sent_at, '2026-11-26T09:00:00.000Z');

    deliverer.failWith = new Error('mailbox unavailable');
    const failingId = await database().adapter.writeTransaction(database().db, (trx) => enqueueNotification(trx, clock, notification));
    assert.deepEqual(await deliverOutbox(ctx, [deliverer]), { sent: 0, retried: 1, failed: 0 });
    let row = await database().db.selectFrom('outbox').selectAll().where('id', '=', failingId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, 'mailbox unavailable');
    assert.equal(row.next_attempt_at, '2026-11-26T09:01:00.000Z');
    assert.deepEqual(await deliverOutbox(ctx, [deliverer]), { sent: 0, retried: 0, failed: 0 });

    for (let attempt = 2; attempt <= OUTBOX_MAX_ATTEMPTS; attempt += 1) {
      clock.advance(7 * 60 * 60 * 1000);
      await deliverOutbox(ctx, [deliverer]);
    }
    row = await database().db.selectFrom('outbox').selectAll().where('id', '=', failingId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, OUTBOX_MAX_ATTEMPTS);
    clock.advance(7 * 60 * 60 * 1000);
    assert.deepEqual(await deliverOutbox(ctx, [deliverer]), { sent: 0, retried: 0, failed: 0 });
  });

  it('keeps e-mail pending when no SMTP server is configured and warns once', async () => {
    await database().db.deleteFrom('outbox').execute();
    const clock = new ManualClock('2026-11-26T10:00:00.000Z');
    const warnings: string[] = [];
    const recordingLogger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const deliverers = configuredDeliverers({ smtpUrl: null, smtpFrom: 'Patchwerk <patchwerk@localhost>' }, recordingLogger);
    assert.deepEqual(deliverers, []);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /PATCHWERK_SMTP_URL/);

    const id = await database().adapter.writeTransaction(database().db, (trx) => enqueueNotification(trx, clock, notification));
    const ctx = { db: database().db, adapter: database().adapter, clock, logger: recordingLogger };
    assert.deepEqual(await deliverOutbox(ctx, deliverers), { sent: 0, retried: 0, failed: 0 });
    const row = await database().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 0);
    assert.equal(warnings.length, 1);
  });
  it('sends each message once when a pass is slow and a second pass starts meanwhile', async () => {
    // Every send takes three minutes, so a pass over three messages outlasts the five-minute lease
    // of a claim made at its start; another process's pass must still not take the last message.
    await database().db.deleteFrom('outbox').execute();
    const clock = new ManualClock('2026-11-26T11:00:00.000Z');
    const ctx = { db: database().db, adapter: database().adapter, clock, logger };
    const sends: string[] = [];
    const other = new RecordingDeliverer();
    let otherPass: Promise<unknown> = Promise.resolve();
    const slow: Deliverer = {
      channel: 'email',
      deliver: async (message) => {
        clock.advance(3 * 60 * 1000);
        sends.push(message.recipient);
        if (sends.length === 3) otherPass = deliverOutbox(ctx, [other]);
        await otherPass;
      },
    };
    for (const recipient of ['a@example.com', 'b@example.com', 'c@example.com']) {
      await database().adapter.writeTransaction(database().db, (trx) => enqueueNotification(trx, clock, { ...notification, recipient }));
    }
    await deliverOutbox(ctx, [slow]);
    await otherPass;
    const all = [...sends, ...other.delivered.map((message) => message.recipient)].sort();
    assert.deepEqual(all, ['a@example.com', 'b@example.com', 'c@example.com']);
  });
});
