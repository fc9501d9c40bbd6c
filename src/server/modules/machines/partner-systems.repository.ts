import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, PartnerSystemsTable } from '../../db/schema.ts';

export type PartnerSystemRow = Selectable<PartnerSystemsTable>;

/** The partner systems of a machine, by name and then creation (scope is checked by the caller). */
export async function listPartnerSystemRows(db: Kysely<Database>, machineId: string): Promise<PartnerSystemRow[]> {
  const rows = await db.selectFrom('partner_systems').selectAll().where('machine_id', '=', machineId).orderBy('created_at').orderBy('id').execute();
  // Ordered here: the dialects collate names differently.
  const fold = (name: string) => name.normalize('NFKC').toLocaleLowerCase('de');
  return rows.sort((a, b) => fold(a.name).localeCompare(fold(b.name), 'de'));
}

/** One partner system by id, or undefined. */
export async function findPartnerSystemRow(db: Kysely<Database>, id: string): Promise<PartnerSystemRow | undefined> {
  return db.selectFrom('partner_systems').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a partner system row. */
export async function insertPartnerSystemRow(trx: Kysely<Database>, row: Insertable<PartnerSystemsTable>): Promise<void> {
  await trx.insertInto('partner_systems').values(row).execute();
}

/** Applies `changes` with an atomic version check (null skips it); false when nothing matched. */
export async function updatePartnerSystemVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<PartnerSystemsTable>,
  now: string,
): Promise<boolean> {
  let query = trx
    .updateTable('partner_systems')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes a partner system if it still has `expectedVersion` (null skips the check); false when nothing matched. */
export async function deletePartnerSystemVersioned(trx: Kysely<Database>, id: string, expectedVersion: number | null): Promise<boolean> {
  let query = trx.deleteFrom('partner_systems').where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}
