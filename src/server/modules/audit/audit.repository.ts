import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';
import type { ChainEvent } from './audit-chain.ts';
import type { AuditItem } from './audit.schema.ts';

/** Events with the actor's username and the site's key resolved (names are never hashed). */
function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .leftJoin('sites as s', 's.id', 'e.site_id')
    .select([
      'e.seq', 'e.ts', 'e.actor_id', 'e.via', 'e.role', 'e.action', 'e.object_type', 'e.object_id', 'e.site_id', 'e.summary', 'e.hash',
      'u.username as actor_username', 's.key as site_key',
    ]);
}

type NamedRow = Omit<AuditItem, 'actor_name'> & { actor_username: string | null };

function present({ actor_username: username, ...row }: NamedRow): AuditItem {
  return { ...row, seq: Number(row.seq), actor_name: username ?? row.actor_id };
}

/** Up to `limit` events after `afterSeq`, in seq order, for the chain check. */
export async function readChainPage(db: Kysely<Database>, afterSeq: number, limit: number): Promise<ChainEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'ts', 'actor_id', 'via', 'role', 'action', 'object_type', 'object_id', 'site_id', 'summary', 'prev_hash', 'hash'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** Filters of the log list. */
export interface AuditListFilter {
  /** Events the caller may read: all, or those in these sites or about these machines. */
  scope: ScopeFilter;
  limit: number;
  beforeSeq?: number | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  action?: string | undefined;
}

/**
 * Events newest first. A site grant shows the events of its sites; a machine grant only the events
 * about its machines (an event names its site, not the machine an object is bound to).
 */
export async function listAuditEvents(db: Kysely<Database>, filter: AuditListFilter): Promise<AuditItem[]> {
  const { scope } = filter;
  if (!scope.all && scope.siteIds.length === 0 && scope.machineIds.length === 0) return [];
  let query = withNames(db).orderBy('e.seq', 'desc').limit(filter.limit);
  if (!scope.all) {
    query = query.where((eb) =>
      eb.or([
        ...(scope.siteIds.length > 0 ? [eb('e.site_id', 'in', scope.siteIds)] : []),
        ...(scope.machineIds.length > 0 ? [eb.and([eb('e.object_type', '=', 'machine'), eb('e.object_id', 'in', scope.machineIds)])] : []),
      ]),
    );
  }
  if (filter.beforeSeq !== undefined) query = query.where('e.seq', '<', filter.beforeSeq);
  if (filter.objectType !== undefined) query = query.where('e.object_type', '=', filter.objectType);
  if (filter.objectId !== undefined) query = query.where('e.object_id', '=', filter.objectId);
  if (filter.action !== undefined) query = query.where('e.action', '=', filter.action);
  return (await query.execute()).map(present);
}

/** Every event about one object, oldest first (the caller has checked the object may be read). */
export async function listObjectHistory(db: Kysely<Database>, objectType: string, objectId: string): Promise<AuditItem[]> {
  const rows = await withNames(db).where('e.object_type', '=', objectType).where('e.object_id', '=', objectId).orderBy('e.seq').execute();
  return rows.map(present);
}

/** A site's id, or undefined when it does not exist. */
export async function findSite(db: Kysely<Database>, siteId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
}

/** A machine's id and site, or undefined. */
export async function findMachine(db: Kysely<Database>, machineId: string): Promise<{ id: string; site_id: string } | undefined> {
  return db.selectFrom('machines').select(['id', 'site_id']).where('id', '=', machineId).executeTakeFirst();
}

/** An area's site, or undefined. */
export async function findArea(db: Kysely<Database>, areaId: string): Promise<{ site_id: string } | undefined> {
  return db.selectFrom('areas').select('site_id').where('id', '=', areaId).executeTakeFirst();
}

/** A segment's site, or undefined. */
export async function findSegment(db: Kysely<Database>, segmentId: string): Promise<{ site_id: string } | undefined> {
  return db.selectFrom('segments').select('site_id').where('id', '=', segmentId).executeTakeFirst();
}
