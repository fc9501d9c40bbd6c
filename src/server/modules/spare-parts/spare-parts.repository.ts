import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, SparePartsTable } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

/** A spare part with the key of its site. */
export type SparePartWithSite = Selectable<SparePartsTable> & { site_key: string };

/** A machine a spare part fits. */
export interface SparePartMachineRecord {
  spare_part_id: string;
  id: string;
  machine_id: string;
  name: string;
  decommissioned_at: string | null;
}

function selectSpareParts(db: Kysely<Database>) {
  return db.selectFrom('spare_parts').innerJoin('sites', 'sites.id', 'spare_parts.site_id').selectAll('spare_parts').select('sites.key as site_key');
}

const fold = (text: string): string => text.normalize('NFKC').toLocaleLowerCase('de');

/**
 * Spare parts inside the filter (optionally of one site), by site key, name and id. Machine-scoped
 * grants do not reveal a site's store.
 */
export async function listSpareParts(db: Kysely<Database>, filter: ScopeFilter, siteId?: string): Promise<SparePartWithSite[]> {
  let query = selectSpareParts(db);
  if (!filter.all) {
    if (filter.siteIds.length === 0) return [];
    query = query.where('spare_parts.site_id', 'in', filter.siteIds);
  }
  if (siteId !== undefined) query = query.where('spare_parts.site_id', '=', siteId);
  const rows = await query.execute();
  // Ordered here: the dialects collate names differently.
  return rows.sort((a, b) => fold(a.site_key).localeCompare(fold(b.site_key), 'de') || fold(a.name).localeCompare(fold(b.name), 'de') || (a.id < b.id ? -1 : 1));
}

/** One spare part by id, or undefined (scope is checked by the caller's policy). */
export async function findSparePart(db: Kysely<Database>, id: string): Promise<SparePartWithSite | undefined> {
  return selectSpareParts(db).where('spare_parts.id', '=', id).executeTakeFirst();
}

/** The machines these spare parts fit, by plant key. */
export async function listSparePartMachines(db: Kysely<Database>, sparePartIds: readonly string[]): Promise<SparePartMachineRecord[]> {
  if (sparePartIds.length === 0) return [];
  return db
    .selectFrom('spare_part_machines')
    .innerJoin('machines', 'machines.id', 'spare_part_machines.machine_id')
    .select(['spare_part_machines.spare_part_id', 'machines.id', 'machines.machine_id', 'machines.name', 'machines.decommissioned_at'])
    .where('spare_part_machines.spare_part_id', 'in', [...sparePartIds])
    .orderBy('machines.machine_id_norm')
    .execute();
}

/** Inserts a spare part row. */
export async function insertSparePartRow(trx: Kysely<Database>, row: Insertable<SparePartsTable>): Promise<void> {
  await trx.insertInto('spare_parts').values(row).execute();
}

/** Replaces the machines a spare part fits. */
export async function replaceSparePartMachines(trx: Kysely<Database>, sparePartId: string, machineIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('spare_part_machines').where('spare_part_id', '=', sparePartId).execute();
  if (machineIds.length > 0) {
    await trx.insertInto('spare_part_machines').values(machineIds.map((machineId) => ({ spare_part_id: sparePartId, machine_id: machineId }))).execute();
  }
}

/** Applies `changes` with an atomic version check (null skips it); false when nothing matched. */
export async function updateSparePartVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<SparePartsTable>,
  now: string,
): Promise<boolean> {
  let query = trx
    .updateTable('spare_parts')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Deletes a spare part and its machine links if it still has `expectedVersion` (null skips the
 * check); false when nothing matched (nothing is deleted then).
 */
export async function deleteSparePartVersioned(trx: Kysely<Database>, id: string, expectedVersion: number | null): Promise<boolean> {
  let check = trx.selectFrom('spare_parts').select('id').where('id', '=', id);
  if (expectedVersion !== null) check = check.where('version', '=', expectedVersion);
  // Writes are serialised, so the row cannot change between this read and the deletes.
  if (!(await check.executeTakeFirst())) return false;
  await trx.deleteFrom('spare_part_machines').where('spare_part_id', '=', id).execute();
  await trx.deleteFrom('spare_parts').where('id', '=', id).execute();
  return true;
}
