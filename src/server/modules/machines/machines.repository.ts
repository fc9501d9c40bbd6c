import type { Insertable, Kysely, Updateable } from 'kysely';
import { normaliseKey } from '../../db/normalise.ts';
import type { Database, MachineInterfacesTable, MachineRow, MachinesTable } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

/** A machine with the keys of its site and area and its responsible admin's username. */
export type MachineWithSite = MachineRow & {
  site_key: string;
  area_key: string | null;
  responsible_admin_username: string | null;
};

/** An interface with its segment's key. */
export interface InterfaceRecord {
  position: number;
  ip: string | null;
  mac: string | null;
  hostname: string | null;
  segment_key: string | null;
}

/** An area or segment of a site: what machines and interfaces refer to. */
export interface SiteKeyRecord {
  id: string;
  key: string;
}

function machinesWithSite(db: Kysely<Database>) {
  return db
    .selectFrom('machines')
    .innerJoin('sites', 'sites.id', 'machines.site_id')
    .leftJoin('areas', 'areas.id', 'machines.area_id')
    .leftJoin('users', 'users.id', 'machines.responsible_admin_id')
    .selectAll('machines')
    .select(['sites.key as site_key', 'areas.key as area_key', 'users.username as responsible_admin_username']);
}

/** Machines inside the filter, by machine_id. */
export async function listMachines(db: Kysely<Database>, filter: ScopeFilter): Promise<MachineWithSite[]> {
  let query = machinesWithSite(db).orderBy('machines.machine_id_norm');
  if (!filter.all) {
    const { siteIds, machineIds } = filter;
    if (siteIds.length === 0 && machineIds.length === 0) return [];
    query = query.where((eb) =>
      eb.or([
        ...(siteIds.length > 0 ? [eb('machines.site_id', 'in', siteIds)] : []),
        ...(machineIds.length > 0 ? [eb('machines.id', 'in', machineIds)] : []),
      ]),
    );
  }
  return query.execute();
}

/** One machine by its plant key (case-insensitive), or undefined. */
export async function findMachineByKey(db: Kysely<Database>, machineId: string): Promise<MachineWithSite | undefined> {
  return machinesWithSite(db).where('machines.machine_id_norm', '=', normaliseKey(machineId)).executeTakeFirst();
}

/** One machine by database id, or undefined. */
export async function findMachineById(db: Kysely<Database>, id: string): Promise<MachineWithSite | undefined> {
  return machinesWithSite(db).where('machines.id', '=', id).executeTakeFirst();
}

/** The id and key of a site by key (case-insensitive), or undefined. */
export async function findSiteRef(db: Kysely<Database>, key: string): Promise<SiteKeyRecord | undefined> {
  return db.selectFrom('sites').select(['id', 'key']).where('key_norm', '=', normaliseKey(key)).executeTakeFirst();
}

/** An area of the site by key (case-insensitive), or undefined. */
export async function findAreaInSite(db: Kysely<Database>, siteId: string, key: string): Promise<SiteKeyRecord | undefined> {
  return db.selectFrom('areas').select(['id', 'key']).where('site_id', '=', siteId).where('key_norm', '=', normaliseKey(key)).executeTakeFirst();
}

/** The segments of the site whose normalised keys are among `keys`. */
export async function findSegmentsInSite(db: Kysely<Database>, siteId: string, keys: string[]): Promise<(SiteKeyRecord & { key_norm: string })[]> {
  const norms = [...new Set(keys.map(normaliseKey))];
  if (norms.length === 0) return [];
  return db.selectFrom('segments').select(['id', 'key', 'key_norm']).where('site_id', '=', siteId).where('key_norm', 'in', norms).execute();
}

/** True when the machine is decommissioned, read inside the caller's write transaction. */
export async function isDecommissioned(trx: Kysely<Database>, id: string): Promise<boolean> {
  const row = await trx.selectFrom('machines').select('decommissioned_at').where('id', '=', id).executeTakeFirst();
  return row?.decommissioned_at != null;
}

/** Inserts a machine row. */
export async function insertMachineRow(trx: Kysely<Database>, row: Insertable<MachinesTable>): Promise<void> {
  await trx.insertInto('machines').values(row).execute();
}

/**
 * Applies `changes`, bumps the version and updated_at, atomically checked against
 * `expectedVersion` (null skips the check). False when nothing matched.
 */
export async function updateMachineVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<MachinesTable>,
  now: string,
): Promise<boolean> {
  let query = trx
    .updateTable('machines')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The interfaces of a machine in position order, with segment keys. */
export async function listInterfaces(db: Kysely<Database>, machineId: string): Promise<InterfaceRecord[]> {
  return db
    .selectFrom('machine_interfaces')
    .leftJoin('segments', 'segments.id', 'machine_interfaces.segment_id')
    .select(['machine_interfaces.position', 'machine_interfaces.ip', 'machine_interfaces.mac', 'machine_interfaces.hostname', 'segments.key as segment_key'])
    .where('machine_interfaces.machine_id', '=', machineId)
    .orderBy('machine_interfaces.position')
    .execute();
}

/** True when an interface of the machine refers to a segment outside `siteId`. */
export async function hasSegmentsOutside(db: Kysely<Database>, machineId: string, siteId: string): Promise<boolean> {
  const row = await db
    .selectFrom('machine_interfaces')
    .innerJoin('segments', 'segments.id', 'machine_interfaces.segment_id')
    .select('machine_interfaces.id')
    .where('machine_interfaces.machine_id', '=', machineId)
    .where('segments.site_id', '!=', siteId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Replaces the interfaces of a machine by `rows` (positions from 0). */
export async function replaceInterfaceRows(trx: Kysely<Database>, machineId: string, rows: Insertable<MachineInterfacesTable>[]): Promise<void> {
  await trx.deleteFrom('machine_interfaces').where('machine_id', '=', machineId).execute();
  if (rows.length > 0) await trx.insertInto('machine_interfaces').values(rows).execute();
}
