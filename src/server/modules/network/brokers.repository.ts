import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { BrokersTable, Database, ZoneType } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

/** A broker with its segment and site. */
export type BrokerRecord = Selectable<BrokersTable> & {
  site_id: string;
  site_key: string;
  segment_key: string;
  segment_name: string;
  zone_type: ZoneType;
  /** The segment's network, for the IP register. */
  cidr: string | null;
};

function selectBrokers(db: Kysely<Database>) {
  return db
    .selectFrom('brokers')
    .innerJoin('segments', 'segments.id', 'brokers.segment_id')
    .innerJoin('sites', 'sites.id', 'segments.site_id')
    .selectAll('brokers')
    .select(['segments.site_id as site_id', 'sites.key as site_key', 'segments.key as segment_key', 'segments.name as segment_name', 'segments.zone_type as zone_type', 'segments.cidr as cidr']);
}

/**
 * Brokers in segments of sites inside the filter (optionally of one site), by site key, segment key
 * and name. Machine-scoped grants do not reveal a site's network.
 */
export async function listBrokers(db: Kysely<Database>, filter: ScopeFilter, siteId?: string): Promise<BrokerRecord[]> {
  let query = selectBrokers(db).orderBy('sites.key_norm').orderBy('segments.key_norm').orderBy('brokers.name').orderBy('brokers.id');
  if (!filter.all) {
    if (filter.siteIds.length === 0) return [];
    query = query.where('segments.site_id', 'in', filter.siteIds);
  }
  if (siteId !== undefined) query = query.where('segments.site_id', '=', siteId);
  return query.execute();
}

/** One broker by id, or undefined (scope is checked by the use case). */
export async function findBroker(db: Kysely<Database>, id: string): Promise<BrokerRecord | undefined> {
  return selectBrokers(db).where('brokers.id', '=', id).executeTakeFirst();
}

/** Inserts a broker row. */
export async function insertBrokerRow(trx: Kysely<Database>, row: Insertable<BrokersTable>): Promise<void> {
  await trx.insertInto('brokers').values(row).execute();
}

/** Applies `changes` with an atomic version check (null skips it); true when a row was updated. */
export async function updateBrokerVersioned(trx: Kysely<Database>, id: string, expectedVersion: number | null, changes: Updateable<BrokersTable>, now: string): Promise<boolean> {
  let query = trx
    .updateTable('brokers')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes a broker with an atomic version check (null skips it); true when a row was deleted. */
export async function deleteBrokerVersioned(trx: Kysely<Database>, id: string, expectedVersion: number | null): Promise<boolean> {
  let query = trx.deleteFrom('brokers').where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}
