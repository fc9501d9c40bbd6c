import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, SiteRow, SitesTable } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { NonWorkingDay } from './site-calendar.ts';

/** Sites inside the filter, by key. Machine-scoped grants do not reveal whole sites. */
export async function listSites(db: Kysely<Database>, filter: ScopeFilter): Promise<SiteRow[]> {
  let query = db.selectFrom('sites').selectAll().orderBy('key_norm');
  if (!filter.all) {
    if (filter.siteIds.length === 0) return [];
    query = query.where('id', 'in', filter.siteIds);
  }
  return query.execute();
}

/** One site by key, or undefined (scope is checked by the caller's policy). */
export async function findSiteByKey(db: Kysely<Database>, key: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('key_norm', '=', normaliseKey(key)).executeTakeFirst();
}

/** The non-working days of these sites, by site and date. */
export async function listNonWorkingDays(db: Kysely<Database>, siteIds: readonly string[]): Promise<(NonWorkingDay & { site_id: string })[]> {
  if (siteIds.length === 0) return [];
  return db.selectFrom('site_non_working_days').selectAll().where('site_id', 'in', siteIds).orderBy('site_id').orderBy('day').execute();
}

/** Inserts a site row (version 1). */
export async function insertSiteRow(trx: Kysely<Database>, row: Insertable<SitesTable>): Promise<void> {
  await trx.insertInto('sites').values(row).execute();
}

/**
 * Applies `changes`, bumps version and updated_at, atomically checked against `expectedVersion`
 * (null skips the check). Returns the new row, or undefined when nothing matched.
 */
export async function updateSiteVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<SitesTable>,
  now: string,
): Promise<SiteRow | undefined> {
  let query = trx
    .updateTable('sites')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  return query.returningAll().executeTakeFirst();
}

/** Replaces the site's non-working days with `days`. */
export async function replaceNonWorkingDays(trx: Kysely<Database>, siteId: string, days: readonly NonWorkingDay[]): Promise<void> {
  await trx.deleteFrom('site_non_working_days').where('site_id', '=', siteId).execute();
  if (days.length > 0) {
    await trx.insertInto('site_non_working_days').values(days.map((entry) => ({ site_id: siteId, day: entry.day, label: entry.label }))).execute();
  }
}
