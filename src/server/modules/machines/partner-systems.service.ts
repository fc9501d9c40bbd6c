import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database, PartnerSystemsTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError, type DetailSource } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, type Action } from '../../policies/policies.ts';
import { findMachineById, findMachineByKey, isDecommissioned, type MachineWithSite } from './machines.repository.ts';
import { assertMachineActive, machinePlacement } from './machines.policy.ts';
import {
  deletePartnerSystemVersioned,
  findPartnerSystemRow,
  insertPartnerSystemRow,
  listPartnerSystemRows,
  updatePartnerSystemVersioned,
  type PartnerSystemRow,
} from './partner-systems.repository.ts';
import {
  createPartnerSystemBodySchema,
  updatePartnerSystemBodySchema,
  type CreatePartnerSystemBody,
  type PartnerSystemList,
  type PartnerSystemView,
  type UpdatePartnerSystemBody,
} from './partner-systems.schema.ts';

// Partner systems belong to a machine: they are placed where it is (so vendor grants on the
// machine can read them) and are read-only once it is decommissioned. Each is audited as its own
// object ('partner_system') in the machine's site, the summary naming the machine.

/** Input of `addPartnerSystem`. */
export interface AddPartnerSystemInput {
  /** The machine's plant key (case-insensitive). */
  machineId: string;
  /** The fields of POST /machines/:machine_id/partner-systems. */
  partnerSystem: CreatePartnerSystemBody;
}

/** Input of `updatePartnerSystem`. */
export interface UpdatePartnerSystemInput {
  /** The partner system's id. */
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  /** The fields to change; absent fields stay, null clears. */
  changes: UpdatePartnerSystemBody;
}

/** Input of `deletePartnerSystem`. */
export interface DeletePartnerSystemInput {
  /** The partner system's id. */
  id: string;
  /** The version the caller saw (If-Match); null skips the check. */
  expectedVersion: number | null;
}

const itemActions: Action[] = ['partner_system.update', 'partner_system.delete'];
const quote = (text: string): string => JSON.stringify(text);

/** How a partner system is named in audit summaries: `opcua "OPC UA Server" (opc.tcp://10.0.0.5:4840)`. */
function describe(system: Pick<PartnerSystemRow, 'kind' | 'name' | 'host' | 'port' | 'url'>): string {
  const hostPort = system.host === null ? null : system.port === null ? system.host : `${system.host}:${system.port}`;
  const address = [hostPort, system.url].filter((part) => part !== null).join(', ');
  return `${system.kind} ${quote(system.name)} (${address})`;
}

/**
 * The problems of a partner system's address as it will be stored: host or url is required, and
 * a port needs its host.
 */
function addressProblems(system: { host: string | null; port: number | null; url: string | null }): DetailSource[] {
  if (system.host === null && system.url === null) return [{ code: 'HOST_OR_URL_REQUIRED', path: '/host' }];
  if (system.host === null && system.port !== null) return [{ code: 'VALUE_REQUIRED', path: '/host' }];
  return [];
}

function assertAddress(system: { host: string | null; port: number | null; url: string | null }): void {
  const problems = addressProblems(system);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
}

function present(actor: Actor, machine: MachineWithSite, row: PartnerSystemRow): PartnerSystemView {
  return {
    id: row.id,
    machine_id: machine.machine_id,
    name: row.name,
    kind: row.kind,
    host: row.host,
    port: row.port,
    url: row.url,
    server_reachable: row.server_reachable === null ? null : row.server_reachable === 1,
    notes: row.notes,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    allowed_actions: machine.decommissioned_at === null ? allowedActions(actor, itemActions, machinePlacement(machine)) : [],
  };
}

const reachableColumn = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

async function loadMachine(ctx: AppContext, machineId: string): Promise<MachineWithSite> {
  const machine = await findMachineByKey(ctx.db, machineId);
  if (!machine) throw new AppError('NOT_FOUND');
  return machine;
}

/** Loads a partner system with its machine; NOT_FOUND when either is missing. */
async function loadPartnerSystem(ctx: AppContext, id: string): Promise<{ system: PartnerSystemRow; machine: MachineWithSite }> {
  const system = await findPartnerSystemRow(ctx.db, id);
  const machine = system ? await findMachineById(ctx.db, system.machine_id) : undefined;
  if (!system || !machine) throw new AppError('NOT_FOUND');
  return { system, machine };
}

/** Throws INVALID_TRANSITION when the machine was decommissioned before this write transaction. */
async function assertStillActive(trx: Kysely<Database>, machine: MachineWithSite): Promise<void> {
  // Writes are serialised, so this read cannot race a concurrent decommissioning.
  if (await isDecommissioned(trx, machine.id)) throw new AppError('INVALID_TRANSITION', { state: 'decommissioned' });
}

async function presentById(ctx: AppContext, actor: Actor, id: string): Promise<PartnerSystemView> {
  const { system, machine } = await loadPartnerSystem(ctx, id);
  return present(actor, machine, system);
}

/** The partner systems of a machine, and `partner_system.create` while the actor may add one. */
export async function listPartnerSystems(ctx: AppContext, actor: Actor, machineId: string): Promise<PartnerSystemList> {
  const machine = await loadMachine(ctx, machineId);
  authorize(actor, 'partner_system.read', machinePlacement(machine));
  const rows = await listPartnerSystemRows(ctx.db, machine.id);
  const listActions: Action[] = machine.decommissioned_at === null ? allowedActions(actor, ['partner_system.create'], machinePlacement(machine)) : [];
  return { items: rows.map((row) => present(actor, machine, row)), allowed_actions: listActions };
}

/** Adds a partner system to an active machine; admin or engineering in the machine's scope. */
export async function addPartnerSystem(ctx: AppContext, actor: Actor, input: AddPartnerSystemInput): Promise<PartnerSystemView> {
  const parsed = parseInput(createPartnerSystemBodySchema, input.partnerSystem);
  const machine = await loadMachine(ctx, input.machineId);
  const role = authorize(actor, 'partner_system.create', machinePlacement(machine));
  assertMachineActive(machine);
  const now = ctx.clock.now().toISOString();
  const row = {
    id: randomUUID(),
    machine_id: machine.id,
    name: parsed.name,
    kind: parsed.kind,
    host: parsed.host ?? null,
    port: parsed.port ?? null,
    url: parsed.url ?? null,
    server_reachable: reachableColumn(parsed.server_reachable ?? null),
    notes: parsed.notes ?? null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  assertAddress(row);
  await withWrite(ctx, async ({ trx, audit }) => {
    await assertStillActive(trx, machine);
    await insertPartnerSystemRow(trx, row);
    await audit({
      actor, role, action: 'partner_system.create', objectType: 'machine', objectId: machine.id, siteId: machine.site_id,
      summary: `Added partner system ${describe(row)} to machine ${quote(machine.machine_id)}`,
    });
  });
  return presentById(ctx, actor, row.id);
}

/** Changes a partner system of an active machine; the result still needs host or url. */
export async function updatePartnerSystem(ctx: AppContext, actor: Actor, input: UpdatePartnerSystemInput): Promise<PartnerSystemView> {
  const changes = parseInput(updatePartnerSystemBodySchema, input.changes);
  const { system, machine } = await loadPartnerSystem(ctx, input.id);
  const role = authorize(actor, 'partner_system.update', machinePlacement(machine));
  assertMachineActive(machine);
  const set: Updateable<PartnerSystemsTable> = {};
  for (const key of ['name', 'kind', 'host', 'port', 'url', 'notes'] as const) {
    if (changes[key] !== undefined) Object.assign(set, { [key]: changes[key] });
  }
  if (changes.server_reachable !== undefined) set.server_reachable = reachableColumn(changes.server_reachable);
  assertAddress({
    host: changes.host === undefined ? system.host : changes.host,
    port: changes.port === undefined ? system.port : changes.port,
    url: changes.url === undefined ? system.url : changes.url,
  });
  const fields = Object.keys(set).join(', ') || 'no fields';
  await withWrite(ctx, async ({ trx, audit }) => {
    await assertStillActive(trx, machine);
    if (!(await updatePartnerSystemVersioned(trx, system.id, input.expectedVersion, set, ctx.clock.now().toISOString()))) throw new AppError('STALE_OBJECT');
    await audit({
      actor, role, action: 'partner_system.update', objectType: 'machine', objectId: machine.id, siteId: machine.site_id,
      summary: `Updated partner system ${describe(system)} of machine ${quote(machine.machine_id)}: ${fields}`,
    });
  });
  return presentById(ctx, actor, system.id);
}

/** Deletes a partner system of an active machine; the audit log keeps what it was. */
export async function deletePartnerSystem(ctx: AppContext, actor: Actor, input: DeletePartnerSystemInput): Promise<void> {
  const { system, machine } = await loadPartnerSystem(ctx, input.id);
  const role = authorize(actor, 'partner_system.delete', machinePlacement(machine));
  assertMachineActive(machine);
  await withWrite(ctx, async ({ trx, audit }) => {
    await assertStillActive(trx, machine);
    if (!(await deletePartnerSystemVersioned(trx, system.id, input.expectedVersion))) throw new AppError('STALE_OBJECT');
    await audit({
      actor, role, action: 'partner_system.delete', objectType: 'machine', objectId: machine.id, siteId: machine.site_id,
      summary: `Deleted partner system ${describe(system)} of machine ${quote(machine.machine_id)}`,
    });
  });
}
