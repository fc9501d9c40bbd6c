import type { Kysely } from 'kysely';
import type { ArtifactsTable, Database } from '../../db/schema.ts';

/** An artifacts row with the key of its site (null for installation-wide artifacts). */
export type ArtifactRow = ArtifactsTable & { site_key: string | null };

/** One artifact by id, with its site key, or undefined (scope is checked by the caller's policy). */
export async function findArtifactById(db: Kysely<Database>, id: string): Promise<ArtifactRow | undefined> {
  return db
    .selectFrom('artifacts')
    .leftJoin('sites', 'sites.id', 'artifacts.site_id')
    .selectAll('artifacts')
    .select('sites.key as site_key')
    .where('artifacts.id', '=', id)
    .executeTakeFirst();
}

/** Inserts one artifacts row. */
export async function insertArtifact(db: Kysely<Database>, row: ArtifactsTable): Promise<void> {
  await db.insertInto('artifacts').values(row).execute();
}
