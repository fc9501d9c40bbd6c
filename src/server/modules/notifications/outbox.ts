import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Database, OutboxTable } from '../../db/schema.ts';
import { errorText } from '../jobs/job-runner.ts';

/** A notification to queue in the caller's write transaction. */
export interface NotificationInput {
  /** The deliverer that sends it: `email` now; `webhook` and `mqtt` plug in later. */
  channel: string;
  /** E-mail address (or, for later channels, their address form). */
  recipient: string;
  subject: string;
  /** Plain-text body. */
  body: string;
  /** Structured data for deliverers that send more than text. */
  payload?: unknown;
}

/** An outbox row as a deliverer sees it. */
export interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  payload: unknown;
  /** Delivery attempts including this one. */
  attempts: number;
}

/** Sends messages of one channel; throws when the message was not accepted. */
export interface Deliverer {
  readonly channel: string;
  deliver(message: OutboxMessage): Promise<void>;
}

/** Counts of one delivery pass. */
export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Attempts after which a message is given up (`failed`). */
export const OUTBOX_MAX_ATTEMPTS = 10;
/** How long a claimed message is hidden from other delivery passes while it is being sent. */
const CLAIM_LEASE_MS = 5 * 60 * 1000;
const FIRST_RETRY_MS = 60 * 1000;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;

/** Delay before retry number `attempts + 1`: one minute, doubling, at most six hours. */
export function outboxRetryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * Queues a notification in the caller's write transaction, so it exists exactly when the change it
 * announces committed. Returns the outbox id.
 */
export async function enqueueNotification(trx: Kysely<Database>, clock: Clock, input: NotificationInput): Promise<string> {
  const id = randomUUID();
  const now = clock.now().toISOString();
  await trx
    .insertInto('outbox')
    .values({
      id,
      channel: input.channel,
      recipient: input.recipient,
      subject: input.subject,
      body: input.body,
      payload: input.payload === undefined ? null : JSON.stringify(input.payload),
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
  return id;
}

/**
 * Sends due outbox messages of the channels that have a deliverer; messages of other channels stay
 * pending. Each message is claimed (attempts + 1, hidden for a lease) in a short transaction right
 * before it is sent — not the whole batch up front, or a slow pass would outlive the lease of its
 * last messages and another process would send them again — sent outside the transaction, then
 * marked sent or rescheduled with backoff, and `failed` after OUTBOX_MAX_ATTEMPTS. Delivery is at
 * least once: a process that dies between sending and marking resends after the lease.
 */
export async function deliverOutbox(
  ctx: Pick<AppContext, 'db' | 'adapter' | 'clock' | 'logger'>,
  deliverers: Deliverer[],
  options: { batchSize?: number } = {},
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  const byChannel = new Map(deliverers.map((deliverer) => [deliverer.channel, deliverer]));
  if (byChannel.size === 0) return result;
  const batchSize = options.batchSize ?? 50;
  for (let index = 0; index < batchSize; index += 1) {
    const row = await claimNextMessage(ctx, [...byChannel.keys()]);
    if (!row) break;
    const deliverer = byChannel.get(row.channel);
    if (!deliverer) continue;
    let failure: unknown = null;
    try {
      await deliverer.deliver(toMessage(row));
    } catch (error) {
      failure = error;
    }
    const outcome = await recordOutcome(ctx, row, failure);
    result[outcome] += 1;
    if (failure !== null) {
      ctx.logger.warn({ err: failure, outboxId: row.id, channel: row.channel, attempts: row.attempts, outcome }, 'notification delivery failed');
    }
  }
  return result;
}

function toMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown),
    attempts: row.attempts,
  };
}

async function claimNextMessage(
  ctx: Pick<AppContext, 'db' | 'adapter' | 'clock'>,
  channels: string[],
): Promise<Selectable<OutboxTable> | undefined> {
  return ctx.adapter.writeTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    // A candidate taken by another process in the meantime fails the conditional UPDATE; try the next.
    const due = await trx
      .selectFrom('outbox')
      .select(['id', 'next_attempt_at'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now.toISOString())
      .where('channel', 'in', channels)
      .orderBy('next_attempt_at')
      .limit(5)
      .execute();
    for (const candidate of due) {
      const row = await trx
        .updateTable('outbox')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          next_attempt_at: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
        }))
        .where('id', '=', candidate.id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', candidate.next_attempt_at)
        .returningAll()
        .executeTakeFirst();
      if (row) return row;
    }
    return undefined;
  });
}

async function recordOutcome(
  ctx: Pick<AppContext, 'db' | 'adapter' | 'clock'>,
  row: Selectable<OutboxTable>,
  failure: unknown,
): Promise<'sent' | 'retried' | 'failed'> {
  const now = ctx.clock.now();
  const outcome = failure === null ? 'sent' : row.attempts >= OUTBOX_MAX_ATTEMPTS ? 'failed' : 'retried';
  const changes =
    outcome === 'sent'
      ? { status: 'sent' as const, sent_at: now.toISOString(), last_error: null }
      : outcome === 'failed'
        ? { status: 'failed' as const, last_error: errorText(failure) }
        : { next_attempt_at: new Date(now.getTime() + outboxRetryDelayMs(row.attempts)).toISOString(), last_error: errorText(failure) };
  await ctx.adapter.writeTransaction(ctx.db, (trx) =>
    trx
      .updateTable('outbox')
      .set(changes)
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .execute(),
  );
  return outcome;
}
