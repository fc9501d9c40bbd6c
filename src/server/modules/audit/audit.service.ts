import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DialectAdapter } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';
import type { AuditHead } from './audit-anchor.ts';

/** What a use case records about one state change. */
export interface AuditInput {
  actor: Actor;
  /** The role the action was done under (from `authorize`), or null for system events. */
  role: string | null;
  /** Action name, noun.verb as in PROCESS.md (`user.create`, `work_item.triage`). */
  action: string;
  objectType: string;
  objectId: string | null;
  /** The site the object belongs to, or null for installation-wide objects. */
  siteId: string | null;
  /** One line for people, in English; user-entered text quoted as entered. */
  summary: string;
}

/**
 * Appends one event inside the caller's write transaction. The chain lock (advisory lock on
 * PostgreSQL, BEGIN IMMEDIATE on SQLite) makes seq and prev_hash race-free across processes.
 */
export async function appendAuditEvent(
  trx: Kysely<Database>,
  adapter: DialectAdapter,
  clock: Clock,
  input: AuditInput,
): Promise<AuditHead> {
  await adapter.lockAuditChain(trx);
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const event = {
    seq: Number(last?.seq ?? 0) + 1,
    ts: clock.now().toISOString(),
    actor_id: input.actor.userId ?? input.actor.name,
    via: input.actor.via,
    role: input.role,
    action: input.action,
    object_type: input.objectType,
    object_id: input.objectId,
    site_id: input.siteId,
    summary: input.summary,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditHash(event);
  await trx.insertInto('audit_events').values({ ...event, hash }).execute();
  return { seq: event.seq, hash };
}
