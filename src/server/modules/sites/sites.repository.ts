import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';
import { normaliseKey } from '../../db/normalise.ts';

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
