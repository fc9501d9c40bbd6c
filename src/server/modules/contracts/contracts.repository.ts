import type { ExpressionBuilder, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { normaliseKey } from '../../db/normalise.ts';
import type { ContractsTable, Database } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

/** A contract with its responsible person's username and display name. */
export type ContractRow = Selectable<ContractsTable> & { responsible_username: string | null; responsible_display_name: string | null };

/** A machine linked to a contract, with what views and rules need of it and its site. */
export interface ContractMachineRecord {
  contract_id: string;
  id: string;
  machine_id: string;
  name: string;
  site_id: string;
  site_key: string;
  time_zone: string;
  machine_type: string | null;
  decommissioned_at: string | null;
}

function selectContracts(db: Kysely<Database>) {
  return db
    .selectFrom('contracts')
    .leftJoin('users', 'users.id', 'contracts.responsible_user_id')
    .selectAll('contracts')
    .select(['users.username as responsible_username', 'users.display_name as responsible_display_name']);
}

/** A condition: the contract links a machine in one of the filter's sites or one of its machines. */
function linksMachineIn(filter: { siteIds: string[]; machineIds: string[] }) {
  return (eb: ExpressionBuilder<Database, 'contracts'>) =>
    eb.exists(
      eb
        .selectFrom('contract_machines as cm')
        .innerJoin('machines as m', 'm.id', 'cm.machine_id')
        .select('cm.machine_id')
        .whereRef('cm.contract_id', '=', 'contracts.id')
        .where((inner) =>
          inner.or([
            ...(filter.siteIds.length > 0 ? [inner('m.site_id', 'in', filter.siteIds)] : []),
            ...(filter.machineIds.length > 0 ? [inner('m.id', 'in', filter.machineIds)] : []),
          ]),
        ),
    );
}

/**
 * Contracts that link at least one machine inside the filter, optionally only those linking one
 * machine (database id), by reference.
 */
export async function listContractRows(db: Kysely<Database>, filter: ScopeFilter, machineId?: string): Promise<ContractRow[]> {
  if (!filter.all && filter.siteIds.length === 0 && filter.machineIds.length === 0) return [];
  let query = selectContracts(db).orderBy('contracts.reference_norm');
  if (!filter.all) query = query.where(linksMachineIn(filter));
  if (machineId !== undefined) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('contract_machines as own').select('own.machine_id').whereRef('own.contract_id', '=', 'contracts.id').where('own.machine_id', '=', machineId)),
    );
  }
  return query.execute();
}

/** One contract by id, or undefined (scope is checked by the caller). */
export async function findContractRow(db: Kysely<Database>, id: string): Promise<ContractRow | undefined> {
  return selectContracts(db).where('contracts.id', '=', id).executeTakeFirst();
}

/** The id of the contract with this reference (case-insensitive), or undefined. */
export async function findContractIdByReference(db: Kysely<Database>, reference: string): Promise<string | undefined> {
  return (await db.selectFrom('contracts').select('id').where('reference_norm', '=', normaliseKey(reference)).executeTakeFirst())?.id;
}

/** The machines of the contracts, by contract and then machine_id. */
export async function listContractMachines(db: Kysely<Database>, contractIds: readonly string[]): Promise<ContractMachineRecord[]> {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom('contract_machines as cm')
    .innerJoin('machines as m', 'm.id', 'cm.machine_id')
    .innerJoin('sites as s', 's.id', 'm.site_id')
    .select([
      'cm.contract_id', 'm.id', 'm.machine_id', 'm.name', 'm.site_id', 's.key as site_key', 's.time_zone', 'm.machine_type', 'm.decommissioned_at',
    ])
    .where('cm.contract_id', 'in', [...contractIds])
    .orderBy('cm.contract_id')
    .orderBy('m.machine_id_norm')
    .execute();
}

/** Inserts a contract row. */
export async function insertContractRow(trx: Kysely<Database>, row: Insertable<ContractsTable>): Promise<void> {
  await trx.insertInto('contracts').values(row).execute();
}

/** Replaces the machines linked to a contract. */
export async function replaceContractMachines(trx: Kysely<Database>, contractId: string, machineIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('contract_machines').where('contract_id', '=', contractId).execute();
  if (machineIds.length > 0) await trx.insertInto('contract_machines').values(machineIds.map((machineId) => ({ contract_id: contractId, machine_id: machineId }))).execute();
}

/** Applies `changes` with an atomic version check; the id when updated, else undefined. */
export async function updateContractVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<ContractsTable>,
  now: string,
): Promise<string | undefined> {
  let query = trx
    .updateTable('contracts')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  return (await query.returning('id').executeTakeFirst())?.id;
}
