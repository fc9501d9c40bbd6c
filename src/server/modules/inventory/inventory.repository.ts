import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ComponentsTable, Database, MachineInterfacesTable, MachineRow, SegmentsTable } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

// Bulk reads and writes of the importer and exporter: chunked so 10,000 machines stay a handful of
// statements, and parameter counts stay below SQLite's and PostgreSQL's limits.

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

export type ComponentRecord = Selectable<ComponentsTable>;
export type InterfaceRecord = Selectable<MachineInterfacesTable>;
export type SegmentRecord = Selectable<SegmentsTable>;

/** Machines by normalised machine_id. */
export async function findMachinesByNorm(db: Kysely<Database>, norms: readonly string[]): Promise<MachineRow[]> {
  const rows: MachineRow[] = [];
  for (const part of chunks(norms)) rows.push(...(await db.selectFrom('machines').selectAll().where('machine_id_norm', 'in', part).execute()));
  return rows;
}

/** The components not removed of these machines (database ids). */
export async function listPresentComponents(db: Kysely<Database>, machineIds: readonly string[]): Promise<ComponentRecord[]> {
  const rows: ComponentRecord[] = [];
  for (const part of chunks(machineIds)) {
    rows.push(...(await db.selectFrom('components').selectAll().where('machine_id', 'in', part).where('removed_at', 'is', null).execute()));
  }
  return rows;
}

/** The interfaces of these machines, by machine and position. */
export async function listInterfacesOf(db: Kysely<Database>, machineIds: readonly string[]): Promise<InterfaceRecord[]> {
  const rows: InterfaceRecord[] = [];
  for (const part of chunks(machineIds)) {
    rows.push(...(await db.selectFrom('machine_interfaces').selectAll().where('machine_id', 'in', part).orderBy('machine_id').orderBy('position').execute()));
  }
  return rows;
}

/** Areas and segments of these sites. */
export async function listSiteKeys(db: Kysely<Database>, siteIds: readonly string[]): Promise<{ areas: { id: string; site_id: string; key: string; key_norm: string }[]; segments: SegmentRecord[] }> {
  if (siteIds.length === 0) return { areas: [], segments: [] };
  const areas = await db.selectFrom('areas').select(['id', 'site_id', 'key', 'key_norm']).where('site_id', 'in', [...siteIds]).execute();
  const segments = await db.selectFrom('segments').selectAll().where('site_id', 'in', [...siteIds]).execute();
  return { areas, segments };
}

/** Every site (id, key). */
export async function listAllSites(db: Kysely<Database>): Promise<{ id: string; key: string; key_norm: string }[]> {
  return db.selectFrom('sites').select(['id', 'key', 'key_norm']).execute();
}

/** Every user (id, username). */
export async function listUsernames(db: Kysely<Database>): Promise<{ id: string; username: string; username_norm: string }[]> {
  return db.selectFrom('users').select(['id', 'username', 'username_norm']).execute();
}

/** Inserts components in chunks. */
export async function insertComponents(trx: Kysely<Database>, rows: Insertable<ComponentsTable>[]): Promise<void> {
  for (const part of chunks(rows, 200)) await trx.insertInto('components').values(part).execute();
}

/** Replaces the interfaces of one machine. */
export async function replaceInterfacesOf(trx: Kysely<Database>, machineId: string, rows: Insertable<MachineInterfacesTable>[]): Promise<void> {
  await trx.deleteFrom('machine_interfaces').where('machine_id', '=', machineId).execute();
  for (const part of chunks(rows, 200)) await trx.insertInto('machine_interfaces').values(part).execute();
}

/** Active machines the filter allows (one machine when `machineNorm` is given), for exports. */
export async function listMachinesForExport(db: Kysely<Database>, filter: ScopeFilter, machineNorm?: string): Promise<MachineRow[]> {
  let query = db.selectFrom('machines').selectAll().where('decommissioned_at', 'is', null);
  if (machineNorm !== undefined) query = query.where('machine_id_norm', '=', machineNorm);
  if (!filter.all) {
    const { siteIds, machineIds } = filter;
    if (siteIds.length === 0 && machineIds.length === 0) return [];
    query = query.where((eb) => eb.or([
      ...(siteIds.length > 0 ? [eb('site_id', 'in', siteIds)] : []),
      ...(machineIds.length > 0 ? [eb('id', 'in', machineIds)] : []),
    ]));
  }
  return query.execute();
}

/** Sites, areas, segments and users by id, for exports. */
export async function loadExportReferences(db: Kysely<Database>): Promise<{
  sites: Map<string, string>;
  areas: Map<string, string>;
  segments: Map<string, string>;
  users: Map<string, string>;
}> {
  const sites = await db.selectFrom('sites').select(['id', 'key']).execute();
  const areas = await db.selectFrom('areas').select(['id', 'key']).execute();
  const segments = await db.selectFrom('segments').select(['id', 'key']).execute();
  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  return {
    sites: new Map(sites.map((row) => [row.id, row.key])),
    areas: new Map(areas.map((row) => [row.id, row.key])),
    segments: new Map(segments.map((row) => [row.id, row.key])),
    users: new Map(users.map((row) => [row.id, row.username])),
  };
}
