import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AreasTable, Database } from '../../db/schema.ts';
import { normaliseKey } from '../../db/normalise.ts';

/** An area with the key of its site. */
export type AreaWithSite = Selectable<AreasTable> & { site_key: string };

function selectAreas(db: Kysely<Database>) {
  return db.selectFrom('areas').innerJoin('sites', 'sites.id', 'areas.site_id').selectAll('areas').select('sites.key as site_key');
}

/** The areas of one site, by key. */
export async function listAreas(db: Kysely<Database>, siteId: string): Promise<AreaWithSite[]> {
  return selectAreas(db).where('areas.site_id', '=', siteId).orderBy('areas.key_norm').execute();
}

/** One area by id, or undefined (scope is checked by the caller's policy). */
export async function findArea(db: Kysely<Database>, id: string): Promise<AreaWithSite | undefined> {
  return selectAreas(db).where('areas.id', '=', id).executeTakeFirst();
}

/** One area of a site by key (compared normalised), or undefined. */
export async function findAreaByKey(db: Kysely<Database>, siteId: string, key: string): Promise<AreaWithSite | undefined> {
  return selectAreas(db).where('areas.site_id', '=', siteId).where('areas.key_norm', '=', normaliseKey(key)).executeTakeFirst();
}

/** Inserts an area row. */
export async function insertAreaRow(trx: Kysely<Database>, row: Insertable<AreasTable>): Promise<void> {
  await trx.insertInto('areas').values(row).execute();
}

/** Applies `changes` with an atomic version check (null skips it); the id when updated, else undefined. */
export async function updateAreaVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<AreasTable>,
  now: string,
): Promise<string | undefined> {
  let query = trx
    .updateTable('areas')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  return (await query.returning('id').executeTakeFirst())?.id;
}
