import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DialectAdapter } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, type Action, type ScopeFilter } from '../../policies/policies.ts';
import type { Placement } from '../../policies/scope.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';
import type { AuditHead } from './audit-anchor.ts';
import { findArea, findMachine, findSegment, findSite, listAuditEvents, listObjectHistory } from './audit.repository.ts';
import type { AuditItem, AuditList, AuditListQuery } from './audit.schema.ts';

export { listObjectHistory } from './audit.repository.ts';

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
 * Appends one event inside the caller's write transaction, which is serialised with every other
 * (see DialectAdapter.writeTransaction): seq and prev_hash are race-free across processes.
 */
export async function appendAuditEvent(
  trx: Kysely<Database>,
  adapter: DialectAdapter,
  clock: Clock,
  input: AuditInput,
): Promise<AuditHead> {
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

/** A page of the log the caller may read, newest first. */
export async function listAuditLog(db: Kysely<Database>, scope: ScopeFilter, query: AuditListQuery): Promise<AuditList> {
  const rows = await listAuditEvents(db, {
    scope,
    limit: query.limit + 1,
    beforeSeq: query.before_seq,
    objectType: query.object_type,
    objectId: query.object_id,
    action: query.action,
  });
  const items = rows.slice(0, query.limit);
  return { items, next_before_seq: rows.length > query.limit ? (items.at(-1)?.seq ?? null) : null };
}

/** Object types with a readable history, and how to find where one lives. */
const historyPlacements: Record<string, (db: Kysely<Database>, id: string) => Promise<{ action: Action; placement: Placement } | null>> = {
  site: async (db, id) => {
    const site = await findSite(db, id);
    return site ? { action: 'site.read', placement: { siteId: site.id } } : null;
  },
  machine: async (db, id) => {
    const machine = await findMachine(db, id);
    return machine ? { action: 'machine.read', placement: { siteId: machine.site_id, machineId: machine.id } } : null;
  },
  area: async (db, id) => {
    const area = await findArea(db, id);
    return area ? { action: 'area.read', placement: { siteId: area.site_id } } : null;
  },
  segment: async (db, id) => {
    const segment = await findSegment(db, id);
    return segment ? { action: 'segment.read', placement: { siteId: segment.site_id } } : null;
  },
};

/**
 * The history of one object for `actor`: whoever may read the object may read its history.
 * Unknown object types, missing objects and objects outside the actor's scope are NOT_FOUND.
 */
export async function readObjectHistory(db: Kysely<Database>, actor: Actor, objectType: string, objectId: string): Promise<AuditItem[]> {
  const locate = Object.hasOwn(historyPlacements, objectType) ? historyPlacements[objectType] : undefined;
  const located = locate ? await locate(db, objectId) : null;
  if (!located) throw new AppError('NOT_FOUND');
  authorize(actor, located.action, located.placement);
  return listObjectHistory(db, objectType, objectId);
}
