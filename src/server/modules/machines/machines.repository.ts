import type { Kysely } from 'kysely';
import { normaliseKey } from '../../db/normalise.ts';
import type { Database, MachineRow } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

/** A machine with its site's key. */
export type MachineWithSite = MachineRow & { site_key: string };

function machinesWithSite(db: Kysely<Database>) {
  return db.selectFrom('machines').innerJoin('sites', 'sites.id', 'machines.site_id').selectAll('machines').select('sites.key as site_key');
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
