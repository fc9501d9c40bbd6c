import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ComponentsTable, Database } from '../../db/schema.ts';

export type ComponentRow = Selectable<ComponentsTable>;

/** The components of a machine by component key (type, vendor, name, model number); removed ones only when asked. */
export async function listComponentRows(db: Kysely<Database>, machineId: string, includeRemoved: boolean): Promise<ComponentRow[]> {
  let query = db
    .selectFrom('components')
    .selectAll()
    .where('machine_id', '=', machineId)
    .orderBy('component_type')
    .orderBy('vendor_norm')
    .orderBy('name_norm')
    .orderBy('model_number_norm')
    .orderBy('created_at');
  if (!includeRemoved) query = query.where('removed_at', 'is', null);
  return query.execute();
}

/** One component by id, or undefined. */
export async function findComponentRow(db: Kysely<Database>, id: string): Promise<ComponentRow | undefined> {
  return db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a component row. */
export async function insertComponentRow(trx: Kysely<Database>, row: Insertable<ComponentsTable>): Promise<void> {
  await trx.insertInto('components').values(row).execute();
}

/**
 * Applies `changes`, bumps the version and updated_at, atomically checked against
 * `expectedVersion` (null skips the check) and only while not removed. False when nothing matched.
 */
export async function updateComponentVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<ComponentsTable>,
  now: string,
): Promise<boolean> {
  let query = trx
    .updateTable('components')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('removed_at', 'is', null);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
