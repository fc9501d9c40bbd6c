import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, SegmentsTable } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';
import { normaliseKey } from '../../db/normalise.ts';

/** A segment with the key of its site. */
export type SegmentWithSite = Selectable<SegmentsTable> & { site_key: string };

function selectSegments(db: Kysely<Database>) {
  return db.selectFrom('segments').innerJoin('sites', 'sites.id', 'segments.site_id').selectAll('segments').select('sites.key as site_key');
}

/**
 * Segments inside the filter (optionally of one site), by site key and segment key. Machine-scoped
 * grants do not reveal a site's network.
 */
export async function listSegments(db: Kysely<Database>, filter: ScopeFilter, siteId?: string): Promise<SegmentWithSite[]> {
  let query = selectSegments(db).orderBy('sites.key_norm').orderBy('segments.key_norm');
  if (!filter.all) {
    if (filter.siteIds.length === 0) return [];
    query = query.where('segments.site_id', 'in', filter.siteIds);
  }
  if (siteId !== undefined) query = query.where('segments.site_id', '=', siteId);
  return query.execute();
}

/** One segment by id, or undefined (scope is checked by the caller's policy). */
export async function findSegment(db: Kysely<Database>, id: string): Promise<SegmentWithSite | undefined> {
  return selectSegments(db).where('segments.id', '=', id).executeTakeFirst();
}

/** One segment of a site by key (compared normalised), or undefined. */
export async function findSegmentByKey(db: Kysely<Database>, siteId: string, key: string): Promise<SegmentWithSite | undefined> {
  return selectSegments(db).where('segments.site_id', '=', siteId).where('segments.key_norm', '=', normaliseKey(key)).executeTakeFirst();
}

/** Inserts a segment row. */
export async function insertSegmentRow(trx: Kysely<Database>, row: Insertable<SegmentsTable>): Promise<void> {
  await trx.insertInto('segments').values(row).execute();
}

/** Applies `changes` with an atomic version check (null skips it); the id when updated, else undefined. */
export async function updateSegmentVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<SegmentsTable>,
  now: string,
): Promise<string | undefined> {
  let query = trx
    .updateTable('segments')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  return (await query.returning('id').executeTakeFirst())?.id;
}
