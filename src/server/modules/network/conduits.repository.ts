import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ConduitsTable, Database, ZoneType } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

/** A conduit with its owning site's key and what identifies each segment end (all null for the internet). */
export type ConduitRecord = Selectable<ConduitsTable> & {
  site_key: string;
  from_key: string | null;
  from_name: string | null;
  from_zone_type: ZoneType | null;
  from_site_id: string | null;
  from_site_key: string | null;
  to_key: string | null;
  to_name: string | null;
  to_zone_type: ZoneType | null;
  to_site_id: string | null;
  to_site_key: string | null;
};

function selectConduits(db: Kysely<Database>) {
  return db
    .selectFrom('conduits')
    .innerJoin('sites', 'sites.id', 'conduits.site_id')
    .leftJoin('segments as from_segment', 'from_segment.id', 'conduits.from_segment_id')
    .leftJoin('sites as from_site', 'from_site.id', 'from_segment.site_id')
    .leftJoin('segments as to_segment', 'to_segment.id', 'conduits.to_segment_id')
    .leftJoin('sites as to_site', 'to_site.id', 'to_segment.site_id')
    .selectAll('conduits')
    .select([
      'sites.key as site_key',
      'from_segment.key as from_key',
      'from_segment.name as from_name',
      'from_segment.zone_type as from_zone_type',
      'from_segment.site_id as from_site_id',
      'from_site.key as from_site_key',
      'to_segment.key as to_key',
      'to_segment.name as to_name',
      'to_segment.zone_type as to_zone_type',
      'to_segment.site_id as to_site_id',
      'to_site.key as to_site_key',
    ]);
}

/**
 * Conduits with at least one end in a site inside the filter (optionally: touching one site).
 * Machine-scoped grants do not reveal a site's network. Unordered; the use case sorts.
 */
export async function listConduits(db: Kysely<Database>, filter: ScopeFilter, siteId?: string): Promise<ConduitRecord[]> {
  let query = selectConduits(db);
  if (!filter.all) {
    if (filter.siteIds.length === 0) return [];
    const siteIds = filter.siteIds;
    query = query.where((eb) => eb.or([eb('from_segment.site_id', 'in', siteIds), eb('to_segment.site_id', 'in', siteIds)]));
  }
  if (siteId !== undefined) query = query.where((eb) => eb.or([eb('from_segment.site_id', '=', siteId), eb('to_segment.site_id', '=', siteId)]));
  return query.execute();
}

/** One conduit by id, or undefined (scope is checked by the use case). */
export async function findConduit(db: Kysely<Database>, id: string): Promise<ConduitRecord | undefined> {
  return selectConduits(db).where('conduits.id', '=', id).executeTakeFirst();
}

/** Inserts a conduit row. */
export async function insertConduitRow(trx: Kysely<Database>, row: Insertable<ConduitsTable>): Promise<void> {
  await trx.insertInto('conduits').values(row).execute();
}

/** Applies `changes` with an atomic version check (null skips it); true when a row was updated. */
export async function updateConduitVersioned(trx: Kysely<Database>, id: string, expectedVersion: number | null, changes: Updateable<ConduitsTable>, now: string): Promise<boolean> {
  let query = trx
    .updateTable('conduits')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes a conduit with an atomic version check (null skips it); true when a row was deleted. */
export async function deleteConduitVersioned(trx: Kysely<Database>, id: string, expectedVersion: number | null): Promise<boolean> {
  let query = trx.deleteFrom('conduits').where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}
