import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { ContractsTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError, type DetailSource } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, permittedRole, scopeFilter } from '../../policies/policies.ts';
import { listObjectHistory } from '../audit/audit.service.ts';
import type { AuditItem } from '../audit/audit.schema.ts';
import { findMachineByKey, findMachinesByKeys, type MachineRef } from '../machines/machines.repository.ts';
import { machinePlacement } from '../machines/machines.policy.ts';
import { findUserRowByUsername } from '../users/users.repository.ts';
import { contractStatus, dayInZone, isRangeInverted } from './contract-rules.ts';
import { listContractTemplateRows } from './test-templates.repository.ts';
import {
  authorizeOnAny,
  authorizeOnEvery,
  contractAllowedActions,
  machineVisible,
  mayDoOnSomeMachine,
} from './contracts.policy.ts';
import {
  findContractIdByReference,
  findContractRow,
  insertContractRow,
  listContractMachines,
  listContractRows,
  replaceContractMachines,
  updateContractVersioned,
  type ContractMachineRecord,
  type ContractRow,
} from './contracts.repository.ts';
import {
  createContractBodySchema,
  updateContractBodySchema,
  type ContractContact,
  type ContractList,
  type ContractView,
  type CreateContractBody,
  type UpdateContractBody,
} from './contracts.schema.ts';

// Framework contracts (tip 4): who supplies, who updates and how, with which machines. Contracts are
// never deleted: they end by their validity and their history stays. Audited as objectType
// 'contract' in the site of the contract's first machine (by machine_id).

/** Input of `listContracts` (GET /contracts). */
export interface ListContractsInput {
  /** Only contracts linking this machine (public machine_id, case-insensitive). */
  machineId?: string | undefined;
}

/** Input of `updateContract` (PATCH /contracts/:id). */
export interface UpdateContractInput {
  /** The contract's id. */
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  /** Fields to change; absent fields stay, null clears, `machine_ids` replaces the set. */
  changes: UpdateContractBody;
}

/** A contract with the machines it links. */
export interface LoadedContract {
  contract: ContractRow;
  machines: ContractMachineRecord[];
}

const quote = (text: string): string => JSON.stringify(text);

/** The machines of each contract. */
function groupMachines(records: readonly ContractMachineRecord[]): Map<string, ContractMachineRecord[]> {
  const grouped = new Map<string, ContractMachineRecord[]>();
  for (const record of records) grouped.set(record.contract_id, [...(grouped.get(record.contract_id) ?? []), record]);
  return grouped;
}

function parseContacts(text: string): ContractContact[] {
  const value = JSON.parse(text) as Partial<ContractContact>[];
  return value.map((contact) => ({ name: contact.name ?? '', role: contact.role ?? null, phone: contact.phone ?? null, email: contact.email ?? null }));
}

/** The contract as the actor sees it: only machines they may see, the rest counted. */
function present(actor: Actor, now: Date, contract: ContractRow, machines: readonly ContractMachineRecord[]): ContractView {
  const visible = machines.filter((machine) => machineVisible(actor, machine));
  const today = dayInZone(now, machines[0]?.time_zone ?? 'UTC');
  return {
    id: contract.id,
    reference: contract.reference,
    supplier: contract.supplier,
    contacts: parseContacts(contract.contacts),
    update_obligation: contract.update_obligation,
    responsibility: contract.responsibility,
    responsible: contract.responsible_username,
    responsible_name: contract.responsible_display_name,
    update_method: contract.update_method,
    sla: contract.sla,
    valid_from: contract.valid_from,
    valid_until: contract.valid_until,
    status: contractStatus(contract, today),
    notes: contract.notes,
    machines: visible.map((machine) => ({ machine_id: machine.machine_id, name: machine.name, site_key: machine.site_key, decommissioned: machine.decommissioned_at !== null })),
    hidden_machine_count: machines.length - visible.length,
    version: contract.version,
    created_at: contract.created_at,
    updated_at: contract.updated_at,
    allowed_actions: contractAllowedActions(actor, machines),
  };
}

/** A contract with its machines; NOT_FOUND when missing (scope is the caller's to check). */
export async function loadContract(ctx: Pick<AppContext, 'db'>, id: string): Promise<LoadedContract> {
  const contract = await findContractRow(ctx.db, id);
  if (!contract) throw new AppError('NOT_FOUND');
  return { contract, machines: await listContractMachines(ctx.db, [contract.id]) };
}

async function presentById(ctx: AppContext, actor: Actor, id: string): Promise<ContractView> {
  const { contract, machines } = await loadContract(ctx, id);
  return present(actor, ctx.clock.now(), contract, machines);
}

/**
 * The machines named by public keys, each once, in machine_id order. Unknown ones and ones no grant
 * of the actor covers are MACHINE_UNKNOWN at their index (a body reference is never a 404).
 */
async function resolveMachines(ctx: AppContext, actor: Actor, keys: readonly string[]): Promise<MachineRef[]> {
  const found = new Map((await findMachinesByKeys(ctx.db, keys)).map((machine) => [machine.machine_id_norm, machine]));
  const problems: DetailSource[] = [];
  const machines = new Map<string, MachineRef>();
  keys.forEach((key, index) => {
    const machine = found.get(normaliseKey(key));
    if (!machine || !machineVisible(actor, machine)) problems.push({ code: 'MACHINE_UNKNOWN', path: `/machine_ids/${index}`, params: { value: key }, value: key });
    else machines.set(machine.id, machine);
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  return [...machines.values()].sort((a, b) => (a.machine_id_norm < b.machine_id_norm ? -1 : a.machine_id_norm > b.machine_id_norm ? 1 : 0));
}

/** The responsible person's user id (null clears); an unknown or disabled user is USER_UNKNOWN. */
async function resolveResponsible(ctx: AppContext, username: string | null | undefined, problems: DetailSource[]): Promise<string | null | undefined> {
  if (username === undefined || username === null) return username;
  const user = await findUserRowByUsername(ctx.db, username);
  if (!user || user.disabled === 1) {
    problems.push({ code: 'USER_UNKNOWN', path: '/responsible', value: username });
    return undefined;
  }
  return user.id;
}

function throwProblems(problems: DetailSource[]): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
}

/** Runs a write that may hit the unique reference; a violation becomes CONFLICT on `reference`. */
async function uniqueReference<T>(reference: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof AppError && error.code === 'DUPLICATE') throw new AppError('CONFLICT', { value: reference });
    throw error;
  }
}

const machineList = (machines: readonly { machine_id: string }[]): string => machines.map((machine) => quote(machine.machine_id)).join(', ');

/**
 * The contracts the actor may read (those linking a machine they may read contracts on), optionally
 * of one machine (NOT_FOUND when it is missing or out of scope), with `contract.create` when they may
 * add one (there, or anywhere).
 */
export async function listContracts(ctx: AppContext, actor: Actor, input: ListContractsInput = {}): Promise<ContractList> {
  let machineDbId: string | undefined;
  let mayCreate = mayDoOnSomeMachine(actor, 'contract.create');
  if (input.machineId !== undefined) {
    const machine = await findMachineByKey(ctx.db, input.machineId);
    if (!machine) throw new AppError('NOT_FOUND');
    authorize(actor, 'contract.read', machinePlacement(machine));
    machineDbId = machine.id;
    mayCreate = permittedRole(actor, 'contract.create', machinePlacement(machine)) !== null;
  }
  const rows = await listContractRows(ctx.db, scopeFilter(actor, 'contract.read'), machineDbId);
  const machines = groupMachines(await listContractMachines(ctx.db, rows.map((row) => row.id)));
  const now = ctx.clock.now();
  return { items: rows.map((row) => present(actor, now, row, machines.get(row.id) ?? [])), allowed_actions: mayCreate ? ['contract.create'] : [] };
}

/** One contract; NOT_FOUND when missing or none of its machines is in scope, FORBIDDEN without contract.read there. */
export async function getContract(ctx: AppContext, actor: Actor, id: string): Promise<ContractView> {
  const { contract, machines } = await loadContract(ctx, id);
  authorizeOnAny(actor, 'contract.read', machines);
  return present(actor, ctx.clock.now(), contract, machines);
}

/** The history of a contract and of its test templates, oldest first; readable by whoever may read the contract. */
export async function contractHistory(ctx: AppContext, actor: Actor, id: string): Promise<AuditItem[]> {
  await getContract(ctx, actor, id);
  const templates = await listContractTemplateRows(ctx.db, [id]);
  const histories = await Promise.all([listObjectHistory(ctx.db, 'contract', id), ...templates.map((template) => listObjectHistory(ctx.db, 'test_template', template.id))]);
  return histories.flat().sort((a, b) => a.seq - b.seq);
}

/** Records a framework contract for one or more machines; admin or engineering on every one of them. */
export async function createContract(ctx: AppContext, actor: Actor, input: CreateContractBody): Promise<ContractView> {
  const parsed = parseInput(createContractBodySchema, input);
  const machines = await resolveMachines(ctx, actor, parsed.machine_ids);
  const role = authorizeOnEvery(actor, 'contract.create', machines);
  const problems: DetailSource[] = [];
  const responsibleId = await resolveResponsible(ctx, parsed.responsible, problems);
  const validity = { valid_from: parsed.valid_from ?? null, valid_until: parsed.valid_until ?? null };
  if (isRangeInverted(validity)) problems.push({ code: 'DATE_RANGE_INVALID', path: '/valid_until' });
  throwProblems(problems);
  if (await findContractIdByReference(ctx.db, parsed.reference)) throw new AppError('CONFLICT', { value: parsed.reference });
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  await uniqueReference(parsed.reference, () =>
    withWrite(ctx, async ({ trx, audit }) => {
      await insertContractRow(trx, {
        id,
        reference: parsed.reference,
        reference_norm: normaliseKey(parsed.reference),
        supplier: parsed.supplier,
        contacts: JSON.stringify(parsed.contacts ?? []),
        update_obligation: parsed.update_obligation ?? null,
        responsibility: parsed.responsibility,
        responsible_user_id: responsibleId ?? null,
        update_method: parsed.update_method ?? null,
        sla: parsed.sla ?? null,
        ...validity,
        notes: parsed.notes ?? null,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await replaceContractMachines(trx, id, machines.map((machine) => machine.id));
      await audit({
        actor, role, action: 'contract.create', objectType: 'contract', objectId: id, siteId: machines[0]!.site_id,
        summary: `Created contract ${quote(parsed.reference)} with ${quote(parsed.supplier)} (${parsed.responsibility}) for machines ${machineList(machines)}`,
      });
    }),
  );
  return presentById(ctx, actor, id);
}

/**
 * Changes a contract. The actor must be allowed to change it on every machine it links now and on
 * every machine it will link; `machine_ids` replaces the set.
 */
export async function updateContract(ctx: AppContext, actor: Actor, input: UpdateContractInput): Promise<ContractView> {
  const changes = parseInput(updateContractBodySchema, input.changes);
  const { contract, machines } = await loadContract(ctx, input.id);
  authorizeOnAny(actor, 'contract.read', machines);
  const role = authorizeOnEvery(actor, 'contract.update', machines);
  const nextMachines = changes.machine_ids === undefined ? undefined : await resolveMachines(ctx, actor, changes.machine_ids);
  if (nextMachines) authorizeOnEvery(actor, 'contract.update', nextMachines);
  const problems: DetailSource[] = [];
  const responsibleId = await resolveResponsible(ctx, changes.responsible, problems);
  const validity = {
    valid_from: changes.valid_from === undefined ? contract.valid_from : changes.valid_from,
    valid_until: changes.valid_until === undefined ? contract.valid_until : changes.valid_until,
  };
  if (isRangeInverted(validity)) problems.push({ code: 'DATE_RANGE_INVALID', path: changes.valid_until === undefined ? '/valid_from' : '/valid_until' });
  throwProblems(problems);
  if (changes.reference !== undefined) {
    const holder = await findContractIdByReference(ctx.db, changes.reference);
    if (holder !== undefined && holder !== contract.id) throw new AppError('CONFLICT', { value: changes.reference });
  }

  const set: Updateable<ContractsTable> = {};
  if (changes.reference !== undefined) Object.assign(set, { reference: changes.reference, reference_norm: normaliseKey(changes.reference) });
  if (changes.contacts !== undefined) set.contacts = JSON.stringify(changes.contacts);
  if (changes.responsible !== undefined) set.responsible_user_id = responsibleId ?? null;
  for (const key of ['supplier', 'update_obligation', 'responsibility', 'update_method', 'sla', 'valid_from', 'valid_until', 'notes'] as const) {
    if (changes[key] !== undefined) Object.assign(set, { [key]: changes[key] });
  }
  const fields = Object.keys(changes).filter((key) => key !== 'machine_ids' && changes[key as keyof typeof changes] !== undefined);
  let machineChange = '';
  if (nextMachines) {
    const before = new Set(machines.map((machine) => machine.id));
    const after = new Set(nextMachines.map((machine) => machine.id));
    const added = nextMachines.filter((machine) => !before.has(machine.id));
    const removed = machines.filter((machine) => !after.has(machine.id));
    const parts = [...(added.length > 0 ? [`added ${machineList(added)}`] : []), ...(removed.length > 0 ? [`removed ${machineList(removed)}`] : [])];
    machineChange = `machines ${parts.length > 0 ? parts.join(', ') : 'unchanged'}`;
  }
  const described = [...(fields.length > 0 ? [fields.join(', ')] : []), ...(machineChange ? [machineChange] : [])].join('; ') || 'no fields';
  const siteId = (nextMachines ?? machines)[0]?.site_id ?? null;
  await uniqueReference(changes.reference ?? contract.reference, () =>
    withWrite(ctx, async ({ trx, audit }) => {
      if (!(await updateContractVersioned(trx, contract.id, input.expectedVersion, set, ctx.clock.now().toISOString()))) throw new AppError('STALE_OBJECT');
      if (nextMachines) await replaceContractMachines(trx, contract.id, nextMachines.map((machine) => machine.id));
      await audit({
        actor, role, action: 'contract.update', objectType: 'contract', objectId: contract.id, siteId,
        summary: `Updated contract ${quote(contract.reference)}: ${described}`,
      });
    }),
  );
  return presentById(ctx, actor, contract.id);
}
