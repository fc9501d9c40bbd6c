import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { ComponentsTable, Database } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/policies.ts';
import { rematchComponents } from '../matching/matching.service.ts';
import { findComponentRow, insertComponentRow, listComponentRows, updateComponentVersioned, type ComponentRow } from './components.repository.ts';
import { findMachineById, findMachineByKey, isDecommissioned, refreshMachineSearchText, type MachineWithSite } from './machines.repository.ts';
import { assertComponentPresent, assertMachineActive, machinePlacement } from './machines.policy.ts';
import {
  createComponentBodySchema,
  updateComponentBodySchema,
  type ComponentView,
  type CreateComponentBody,
  type UpdateComponentBody,
} from './machines.schema.ts';
import { presentComponent } from './machines.views.ts';

// Components are audited as events of their machine: its history then lists them, and machine-
// scoped readers (vendors) see them in the audit log.

/** Input of `listComponents`. */
export interface ListComponentsInput {
  /** The machine's plant key (case-insensitive). */
  machineId: string;
  /** Also list components marked removed. */
  includeRemoved?: boolean;
}

/** Input of `addComponent`. */
export interface AddComponentInput {
  /** The machine's plant key (case-insensitive). */
  machineId: string;
  /** The fields of POST /machines/:machine_id/components. */
  component: CreateComponentBody;
}

/** Input of `updateComponent`. */
export interface UpdateComponentInput {
  /** The component's id. */
  componentId: string;
  /** The version the caller saw (If-Match); null skips the check (importer, CLI). */
  expectedVersion: number | null;
  /** The fields to change; absent fields stay. */
  changes: UpdateComponentBody;
}

/** Input of `removeComponent`. */
export interface RemoveComponentInput {
  /** The component's id. */
  componentId: string;
  /** The version the caller saw (If-Match); null skips the check. */
  expectedVersion: number | null;
}

const quote = (text: string): string => JSON.stringify(text);

/** How a component is named in audit summaries: `plc "S7-1500" 2.9.4 by "Siemens"`. */
function describe(component: Pick<ComponentRow, 'component_type' | 'name' | 'vendor' | 'component_version'>): string {
  const version = component.component_version === null ? '' : ` ${quote(component.component_version)}`;
  const vendor = component.vendor === null ? '' : ` by ${quote(component.vendor)}`;
  return `${component.component_type} ${quote(component.name)}${version}${vendor}`;
}

/** The normalised identity columns for the fields given ('' when empty). */
function identityNorms(fields: { vendor?: string | null | undefined; name?: string | undefined; model_number?: string | null | undefined }): Updateable<ComponentsTable> {
  const norms: Updateable<ComponentsTable> = {};
  if (fields.vendor !== undefined) norms.vendor_norm = normaliseKey(fields.vendor ?? '');
  if (fields.name !== undefined) norms.name_norm = normaliseKey(fields.name);
  if (fields.model_number !== undefined) norms.model_number_norm = normaliseKey(fields.model_number ?? '');
  return norms;
}

async function loadMachine(ctx: AppContext, machineId: string): Promise<MachineWithSite> {
  const machine = await findMachineByKey(ctx.db, machineId);
  if (!machine) throw new AppError('NOT_FOUND');
  return machine;
}

/** Loads a component with its machine; NOT_FOUND when either is missing. */
async function loadComponent(ctx: AppContext, componentId: string): Promise<{ component: ComponentRow; machine: MachineWithSite }> {
  const component = await findComponentRow(ctx.db, componentId);
  const machine = component ? await findMachineById(ctx.db, component.machine_id) : undefined;
  if (!component || !machine) throw new AppError('NOT_FOUND');
  return { component, machine };
}

/** Throws INVALID_TRANSITION when the machine was decommissioned before this write transaction. */
async function assertStillActive(trx: Kysely<Database>, machine: MachineWithSite): Promise<void> {
  // Writes are serialised, so this read cannot race a concurrent decommissioning.
  if (await isDecommissioned(trx, machine.id)) throw new AppError('INVALID_TRANSITION', { state: 'decommissioned' });
}

async function presentById(ctx: AppContext, actor: Actor, componentId: string): Promise<ComponentView> {
  const { component, machine } = await loadComponent(ctx, componentId);
  return presentComponent(actor, machine, component);
}

/** Runs a write that may hit the component identity index; a violation becomes CONFLICT on `name`. */
async function uniqueIdentity<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // withWrite reports the identity index's violation as DUPLICATE; here it names the component.
    if (error instanceof AppError && error.code === 'DUPLICATE') throw new AppError('CONFLICT', { value: name });
    throw error;
  }
}

/** The components of a machine the actor may read (removed ones only when asked). */
export async function listComponents(ctx: AppContext, actor: Actor, input: ListComponentsInput): Promise<ComponentView[]> {
  const machine = await loadMachine(ctx, input.machineId);
  authorize(actor, 'machine.read', machinePlacement(machine));
  const rows = await listComponentRows(ctx.db, machine.id, input.includeRemoved ?? false);
  return rows.map((row) => presentComponent(actor, machine, row));
}

/** One component; NOT_FOUND when missing or out of scope. */
export async function getComponent(ctx: AppContext, actor: Actor, componentId: string): Promise<ComponentView> {
  const { component, machine } = await loadComponent(ctx, componentId);
  authorize(actor, 'machine.read', machinePlacement(machine));
  return presentComponent(actor, machine, component);
}

/** Adds a software/firmware component to an active machine; CONFLICT when one with its identity exists. */
export async function addComponent(ctx: AppContext, actor: Actor, input: AddComponentInput): Promise<ComponentView> {
  const parsed = parseInput(createComponentBodySchema, input.component);
  const machine = await loadMachine(ctx, input.machineId);
  const role = authorize(actor, 'component.create', machinePlacement(machine));
  assertMachineActive(machine);
  const now = ctx.clock.now().toISOString();
  const row = {
    id: randomUUID(),
    machine_id: machine.id,
    component_type: parsed.component_type,
    vendor: parsed.vendor ?? null,
    vendor_norm: normaliseKey(parsed.vendor ?? ''),
    name: parsed.name,
    name_norm: normaliseKey(parsed.name),
    component_version: parsed.component_version ?? null,
    model_number: parsed.model_number ?? null,
    model_number_norm: normaliseKey(parsed.model_number ?? ''),
    cpe: parsed.cpe ?? null,
    purl: parsed.purl ?? null,
    removed_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await uniqueIdentity(parsed.name, () =>
    withWrite(ctx, async ({ trx, audit }) => {
      await assertStillActive(trx, machine);
      await insertComponentRow(trx, row);
      await refreshMachineSearchText(trx, machine.id);
      await rematchComponents(trx, [row.id], { now });
      await audit({
        actor, role, action: 'component.create', objectType: 'machine', objectId: machine.id, siteId: machine.site_id,
        summary: `Added component ${describe(row)} (${row.id}) to machine ${quote(machine.machine_id)}`,
      });
    }),
  );
  return presentById(ctx, actor, row.id);
}

/** Changes a component's fields (its identity too, unless another present component has it). */
export async function updateComponent(ctx: AppContext, actor: Actor, input: UpdateComponentInput): Promise<ComponentView> {
  const changes = parseInput(updateComponentBodySchema, input.changes);
  const { component, machine } = await loadComponent(ctx, input.componentId);
  const role = authorize(actor, 'component.update', machinePlacement(machine));
  assertMachineActive(machine);
  assertComponentPresent(component);
  const set: Updateable<ComponentsTable> = { ...identityNorms(changes) };
  for (const key of ['component_type', 'vendor', 'name', 'component_version', 'model_number', 'cpe', 'purl'] as const) {
    if (changes[key] !== undefined) Object.assign(set, { [key]: changes[key] });
  }
  const fields = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
  await uniqueIdentity(changes.name ?? component.name, () =>
    withWrite(ctx, async ({ trx, audit }) => {
      await assertStillActive(trx, machine);
      // Zero rows: another version, or removed in the meantime; either way the caller's copy is stale.
      const now = ctx.clock.now().toISOString();
      if (!(await updateComponentVersioned(trx, component.id, input.expectedVersion, set, now))) throw new AppError('STALE_OBJECT');
      await refreshMachineSearchText(trx, machine.id);
      await rematchComponents(trx, [component.id], { now });
      await audit({
        actor, role, action: 'component.update', objectType: 'machine', objectId: machine.id, siteId: machine.site_id,
        summary: `Updated component ${describe(component)} (${component.id}) of machine ${quote(machine.machine_id)}: ${fields.join(', ') || 'no fields'}`,
      });
    }),
  );
  return presentById(ctx, actor, component.id);
}

/** Marks a component removed; the row and its history stay, its findings go. */
export async function removeComponent(ctx: AppContext, actor: Actor, input: RemoveComponentInput): Promise<ComponentView> {
  const { component, machine } = await loadComponent(ctx, input.componentId);
  const role = authorize(actor, 'component.remove', machinePlacement(machine));
  assertMachineActive(machine);
  assertComponentPresent(component);
  const now = ctx.clock.now().toISOString();
  await withWrite(ctx, async ({ trx, audit }) => {
    await assertStillActive(trx, machine);
    if (!(await updateComponentVersioned(trx, component.id, input.expectedVersion, { removed_at: now }, now))) throw new AppError('STALE_OBJECT');
    await refreshMachineSearchText(trx, machine.id);
    // A removed component has no findings; its false-match marks stay for when it returns.
    await rematchComponents(trx, [component.id], { now });
    await audit({
      actor, role, action: 'component.remove', objectType: 'machine', objectId: machine.id, siteId: machine.site_id,
      summary: `Removed component ${describe(component)} (${component.id}) from machine ${quote(machine.machine_id)}`,
    });
  });
  return presentById(ctx, actor, component.id);
}
