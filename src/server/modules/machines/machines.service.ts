import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { MachinesTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { rematchMachines } from '../matching/matching.service.ts';
import { AppError, type DetailSource } from '../../errors/app-error.ts';
import { invalidField, parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/policies.ts';
import { findUserRowByUsername } from '../users/users.repository.ts';
import {
  findAreaInSite,
  findMachineById,
  findMachineByKey,
  findSegmentsInSite,
  findSiteRef,
  hasSegmentsOutside,
  insertMachineRow,
  replaceInterfaceRows,
  refreshMachineSearchText,
  updateMachineVersioned,
  type MachineWithSite,
} from './machines.repository.ts';
import { assertMachineActive, machinePlacement } from './machines.policy.ts';
import {
  createMachineBodySchema,
  replaceInterfacesBodySchema,
  updateMachineBodySchema,
  type CreateMachineBody,
  type InterfaceInput,
  type MachineDetailView,
  type UpdateMachineBody,
} from './machines.schema.ts';
import { presentMachineDetail } from './machines.views.ts';

/** The fields of POST /machines: machine_id, name, site_key and the optional descriptive fields. */
export type CreateMachineInput = CreateMachineBody;

/** Input of `updateMachine`. */
export interface UpdateMachineInput {
  /** The machine's plant key (case-insensitive). */
  machineId: string;
  /** The version the caller saw (If-Match); null skips the check (importer, CLI). */
  expectedVersion: number | null;
  /** The fields to change, as in PATCH /machines/:machine_id; absent fields stay. */
  changes: UpdateMachineBody;
}

/** Input of `decommissionMachine`. */
export interface DecommissionMachineInput {
  /** The machine's plant key (case-insensitive). */
  machineId: string;
  /** The version the caller saw (If-Match); null skips the check. */
  expectedVersion: number | null;
}

/** Input of `replaceInterfaces`. */
export interface ReplaceInterfacesInput {
  /** The machine's plant key (case-insensitive). */
  machineId: string;
  /** The machine's version the caller saw (If-Match); null skips the check. */
  expectedVersion: number | null;
  /** The complete new list, in position order; segments are keys of the machine's site. */
  interfaces: InterfaceInput[];
}

/** Input of `getMachine`. */
export interface GetMachineInput {
  /** The machine's plant key (case-insensitive). */
  machineId: string;
  /** Also list components marked removed. */
  includeRemoved?: boolean;
}

const quote = (text: string): string => JSON.stringify(text);

/** The descriptive columns a body sets, in storage form; absent fields are left out. */
type DescriptiveFields = Pick<
  Updateable<MachinesTable>,
  | 'name' | 'vendor' | 'model' | 'serial_number' | 'machine_type' | 'line' | 'redundancy_group' | 'criticality' | 'safety_functions'
  | 'safety_impact' | 'mission_impact' | 'updatable' | 'end_of_support' | 'operating_system' | 'operating_software' | 'remote_access'
  | 'network_state'
>;

const descriptiveKeys = [
  'name', 'vendor', 'model', 'serial_number', 'machine_type', 'line', 'redundancy_group', 'criticality', 'safety_functions',
  'safety_impact', 'mission_impact', 'end_of_support', 'operating_system', 'operating_software', 'remote_access', 'network_state',
] as const;

function descriptiveFields(body: { [K in (typeof descriptiveKeys)[number]]?: DescriptiveFields[K] } & { updatable?: boolean | null | undefined }): DescriptiveFields {
  const fields: DescriptiveFields = {};
  for (const key of descriptiveKeys) if (body[key] !== undefined) Object.assign(fields, { [key]: body[key] });
  if (body.updatable !== undefined) fields.updatable = body.updatable === null ? null : body.updatable ? 1 : 0;
  return fields;
}

/** Loads a machine by plant key; NOT_FOUND when missing. Scope is the caller's to check. */
async function loadMachine(ctx: AppContext, machineId: string): Promise<MachineWithSite> {
  const machine = await findMachineByKey(ctx.db, machineId);
  if (!machine) throw new AppError('NOT_FOUND');
  return machine;
}

async function presentById(ctx: AppContext, actor: Actor, id: string): Promise<MachineDetailView> {
  const machine = await findMachineById(ctx.db, id);
  if (!machine) throw new AppError('NOT_FOUND');
  return presentMachineDetail(ctx.db, actor, machine);
}

/** The area's id in the site, or null for none; VALIDATION_FAILED at /area_key when unknown there. */
async function resolveArea(ctx: AppContext, siteId: string, areaKey: string | null): Promise<string | null> {
  if (areaKey === null) return null;
  const area = await findAreaInSite(ctx.db, siteId, areaKey);
  if (!area) throw invalidField('REFERENCE_UNKNOWN', '/area_key', { params: { value: areaKey }, value: areaKey });
  return area.id;
}

/** The responsible admin's user id, or null; VALIDATION_FAILED at /responsible_admin when unknown. */
async function resolveAdmin(ctx: AppContext, username: string | null): Promise<string | null> {
  if (username === null) return null;
  const user = await findUserRowByUsername(ctx.db, username);
  if (!user) throw invalidField('REFERENCE_UNKNOWN', '/responsible_admin', { params: { value: username }, value: username });
  return user.id;
}

function staleUnless(updated: boolean): void {
  if (!updated) throw new AppError('STALE_OBJECT');
}

/** Runs a write that may hit the unique machine_id; a violation becomes CONFLICT on `machineId`. */
async function uniqueMachineId<T>(machineId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // withWrite reports the unique index's violation as DUPLICATE; here it names the machine_id.
    if (error instanceof AppError && error.code === 'DUPLICATE') throw new AppError('CONFLICT', { value: machineId });
    throw error;
  }
}

/** One machine with interfaces and components; NOT_FOUND when missing or out of scope. */
export async function getMachine(ctx: AppContext, actor: Actor, input: GetMachineInput): Promise<MachineDetailView> {
  const machine = await loadMachine(ctx, input.machineId);
  authorize(actor, 'machine.read', machinePlacement(machine));
  return presentMachineDetail(ctx.db, actor, machine, input.includeRemoved ?? false);
}

/** Creates a machine in a site the actor may create machines in; machine_id unique case-insensitively. */
export async function createMachine(ctx: AppContext, actor: Actor, input: CreateMachineInput): Promise<MachineDetailView> {
  const parsed = parseInput(createMachineBodySchema, input);
  const site = await findSiteRef(ctx.db, parsed.site_key);
  if (!site) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'machine.create', { siteId: site.id });
  const areaId = await resolveArea(ctx, site.id, parsed.area_key ?? null);
  const adminId = await resolveAdmin(ctx, parsed.responsible_admin ?? null);
  if (await findMachineByKey(ctx.db, parsed.machine_id)) throw new AppError('CONFLICT', { value: parsed.machine_id });
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  await uniqueMachineId(parsed.machine_id, () =>
    withWrite(ctx, async ({ trx, audit }) => {
      await insertMachineRow(trx, {
        ...descriptiveFields(parsed),
        id,
        machine_id: parsed.machine_id,
        machine_id_norm: normaliseKey(parsed.machine_id),
        name: parsed.name,
        site_id: site.id,
        area_id: areaId,
        responsible_admin_id: adminId,
        version: 1,
        created_at: now,
        updated_at: now,
        decommissioned_at: null,
      });
      await refreshMachineSearchText(trx, id);
      await audit({ actor, role, action: 'machine.create', objectType: 'machine', objectId: id, siteId: site.id, summary: `Created machine ${quote(parsed.machine_id)} in site ${quote(site.key)}` });
    }),
  );
  return presentById(ctx, actor, id);
}

/**
 * Changes a machine's fields. Moving it to another site needs `machine.update` in both sites; the
 * area is then cleared unless given, and interfaces must not refer to segments of the old site.
 */
export async function updateMachine(ctx: AppContext, actor: Actor, input: UpdateMachineInput): Promise<MachineDetailView> {
  const changes = parseInput(updateMachineBodySchema, input.changes);
  const machine = await loadMachine(ctx, input.machineId);
  const role = authorize(actor, 'machine.update', machinePlacement(machine));
  assertMachineActive(machine);
  let siteId = machine.site_id;
  let siteKey = machine.site_key;
  if (changes.site_key !== undefined) {
    const site = await findSiteRef(ctx.db, changes.site_key);
    if (!site) throw new AppError('NOT_FOUND');
    if (site.id !== machine.site_id) {
      // Only a site grant on the target covers it: a machine grant does not reach another site.
      authorize(actor, 'machine.update', { siteId: site.id });
      if (await hasSegmentsOutside(ctx.db, machine.id, site.id)) throw invalidField('SITE_CHANGE_SEGMENTS', '/site_key', { value: changes.site_key });
      siteId = site.id;
      siteKey = site.key;
    }
  }
  const set: Updateable<MachinesTable> = descriptiveFields(changes);
  if (changes.area_key !== undefined) set.area_id = await resolveArea(ctx, siteId, changes.area_key);
  else if (siteId !== machine.site_id) set.area_id = null;
  if (siteId !== machine.site_id) set.site_id = siteId;
  if (changes.responsible_admin !== undefined) set.responsible_admin_id = await resolveAdmin(ctx, changes.responsible_admin);
  const newKey = changes.machine_id;
  if (newKey !== undefined && newKey !== machine.machine_id) {
    if (normaliseKey(newKey) !== machine.machine_id_norm && (await findMachineByKey(ctx.db, newKey))) throw new AppError('CONFLICT', { value: newKey });
    set.machine_id = newKey;
    set.machine_id_norm = normaliseKey(newKey);
  }
  const fields = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
  const moved = siteId !== machine.site_id ? ` (moved from site ${quote(machine.site_key)} to ${quote(siteKey)})` : '';
  await uniqueMachineId(newKey ?? machine.machine_id, () =>
    withWrite(ctx, async ({ trx, audit }) => {
      const now = ctx.clock.now().toISOString();
      staleUnless(await updateMachineVersioned(trx, machine.id, input.expectedVersion, set, now));
      await refreshMachineSearchText(trx, machine.id);
      // Findings carry the machine's site; the builder and serial number take part in matching.
      if (set.site_id !== undefined || set.vendor !== undefined || set.serial_number !== undefined) await rematchMachines(trx, [machine.id], { now });
      await audit({
        actor, role, action: 'machine.update', objectType: 'machine', objectId: machine.id, siteId,
        summary: `Updated machine ${quote(machine.machine_id)}: ${fields.join(', ') || 'no fields'}${moved}`,
      });
    }),
  );
  return presentById(ctx, actor, machine.id);
}

/** Marks a machine decommissioned (never deleted); it stays readable and refuses further edits. */
export async function decommissionMachine(ctx: AppContext, actor: Actor, input: DecommissionMachineInput): Promise<MachineDetailView> {
  const machine = await loadMachine(ctx, input.machineId);
  const role = authorize(actor, 'machine.decommission', machinePlacement(machine));
  assertMachineActive(machine);
  const now = ctx.clock.now().toISOString();
  await withWrite(ctx, async ({ trx, audit }) => {
    staleUnless(await updateMachineVersioned(trx, machine.id, input.expectedVersion, { decommissioned_at: now }, now));
    // A decommissioned machine has no findings; false-match marks stay.
    await rematchMachines(trx, [machine.id], { now });
    await audit({ actor, role, action: 'machine.decommission', objectType: 'machine', objectId: machine.id, siteId: machine.site_id, summary: `Decommissioned machine ${quote(machine.machine_id)}` });
  });
  return presentById(ctx, actor, machine.id);
}

/** Replaces a machine's network interfaces by the given list and bumps the machine's version. */
export async function replaceInterfaces(ctx: AppContext, actor: Actor, input: ReplaceInterfacesInput): Promise<MachineDetailView> {
  const { interfaces } = parseInput(replaceInterfacesBodySchema, { interfaces: input.interfaces });
  const machine = await loadMachine(ctx, input.machineId);
  const role = authorize(actor, 'machine.update', machinePlacement(machine));
  assertMachineActive(machine);
  const wanted = interfaces.flatMap((entry) => (entry.segment_key == null ? [] : [entry.segment_key]));
  const segments = new Map((await findSegmentsInSite(ctx.db, machine.site_id, wanted)).map((segment) => [segment.key_norm, segment.id]));
  const unknown: DetailSource[] = [];
  const rows = interfaces.map((entry, position) => {
    let segmentId: string | null = null;
    if (entry.segment_key != null) {
      segmentId = segments.get(normaliseKey(entry.segment_key)) ?? null;
      if (segmentId === null) {
        unknown.push({ code: 'REFERENCE_UNKNOWN', path: `/interfaces/${position}/segment_key`, params: { value: entry.segment_key }, value: entry.segment_key });
      }
    }
    return { id: randomUUID(), machine_id: machine.id, position, ip: entry.ip ?? null, mac: entry.mac ?? null, hostname: entry.hostname ?? null, segment_id: segmentId };
  });
  if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', {}, unknown);
  const described = rows.map((row) => row.ip ?? row.hostname ?? row.mac ?? '-').join(', ');
  await withWrite(ctx, async ({ trx, audit }) => {
    staleUnless(await updateMachineVersioned(trx, machine.id, input.expectedVersion, {}, ctx.clock.now().toISOString()));
    await replaceInterfaceRows(trx, machine.id, rows);
    await audit({
      actor, role, action: 'machine.update', objectType: 'machine', objectId: machine.id, siteId: machine.site_id,
      summary: `Replaced the interfaces of machine ${quote(machine.machine_id)}: ${rows.length} (${described})`,
    });
  });
  return presentById(ctx, actor, machine.id);
}
