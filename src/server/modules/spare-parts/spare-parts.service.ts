import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { SparePartsTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError, type DetailSource } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, permittedRole, scopeFilter, type Action } from '../../policies/policies.ts';
import { mayDoSomewhere } from '../sites/sites.policy.ts';
import { loadSiteFor } from '../sites/sites.service.ts';
import { findMachinesByKeys } from '../machines/machines.repository.ts';
import {
  deleteSparePartVersioned,
  findSparePart,
  insertSparePartRow,
  listSparePartMachines,
  listSpareParts,
  replaceSparePartMachines,
  updateSparePartVersioned,
  type SparePartMachineRecord,
  type SparePartWithSite,
} from './spare-parts.repository.ts';
import {
  createSparePartBodySchema,
  updateSparePartBodySchema,
  type CreateSparePartBody,
  type SparePartList,
  type SparePartView,
  type UpdateSparePartBody,
} from './spare-parts.schema.ts';

// Spare parts and devices belong to a site ({ siteId }): site grants see and keep them, machine
// grants (vendors) do not. The machines a part fits must be machines of the same site.

/** Input of `updateSparePart` (PATCH /spare-parts/:id). */
export interface UpdateSparePartInput {
  /** The spare part's id. */
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  /** Fields to change; absent fields stay, null clears, `machine_ids` replaces the list. */
  changes: UpdateSparePartBody;
}

/** Input of `deleteSparePart` (DELETE /spare-parts/:id). */
export interface DeleteSparePartInput {
  id: string;
  /** The version the caller saw (If-Match); null skips the check. */
  expectedVersion: number | null;
}

const itemActions: Action[] = ['spare_part.read', 'spare_part.update', 'spare_part.delete'];
const quote = (text: string): string => JSON.stringify(text);

function present(actor: Actor, part: SparePartWithSite, machines: readonly SparePartMachineRecord[]): SparePartView {
  const own = machines.filter((machine) => machine.spare_part_id === part.id);
  return {
    id: part.id,
    site_id: part.site_id,
    site_key: part.site_key,
    kind: part.kind,
    name: part.name,
    vendor: part.vendor,
    model_number: part.model_number,
    firmware_version: part.firmware_version,
    quantity: part.quantity,
    storage_location: part.storage_location,
    notes: part.notes,
    machine_ids: own.map((machine) => machine.machine_id),
    machines: own.map((machine) => ({ machine_id: machine.machine_id, name: machine.name, decommissioned: machine.decommissioned_at !== null })),
    version: part.version,
    created_at: part.created_at,
    updated_at: part.updated_at,
    allowed_actions: allowedActions(actor, itemActions, { siteId: part.site_id }),
  };
}

async function presentById(ctx: AppContext, actor: Actor, id: string): Promise<SparePartView> {
  const part = await findSparePart(ctx.db, id);
  if (!part) throw new AppError('NOT_FOUND');
  return present(actor, part, await listSparePartMachines(ctx.db, [part.id]));
}

/**
 * The database ids of the machines named by plant key, each once, all in `siteId`. Unknown keys
 * are MACHINE_UNKNOWN; a machine of another site is MACHINE_OTHER_SITE when the actor may see it
 * there (and MACHINE_UNKNOWN otherwise, so that the answer reveals nothing outside their scope).
 */
async function resolveMachines(ctx: AppContext, actor: Actor, siteId: string, keys: readonly string[]): Promise<{ ids: string[]; keys: string[] }> {
  const found = new Map((await findMachinesByKeys(ctx.db, keys)).map((machine) => [machine.machine_id_norm, machine]));
  const problems: DetailSource[] = [];
  const ids: string[] = [];
  const names: string[] = [];
  keys.forEach((key, index) => {
    const machine = found.get(normaliseKey(key));
    const path = `/machine_ids/${index}`;
    if (!machine || (machine.site_id !== siteId && permittedRole(actor, 'machine.read', { siteId: machine.site_id, machineId: machine.id }) === null)) {
      problems.push({ code: 'MACHINE_UNKNOWN', path, value: key, params: { value: key } });
    } else if (machine.site_id !== siteId) {
      problems.push({ code: 'MACHINE_OTHER_SITE', path, value: key, params: { value: machine.machine_id } });
    } else if (!ids.includes(machine.id)) {
      ids.push(machine.id);
      names.push(machine.machine_id);
    }
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  return { ids, keys: names };
}

/**
 * The spare parts the actor may read, of one site when `siteKey` is given (NOT_FOUND when that
 * site is missing or out of scope), with `spare_part.create` when they may add one there (or anywhere).
 */
export async function listSparePartViews(ctx: AppContext, actor: Actor, siteKey?: string): Promise<SparePartList> {
  const site = siteKey === undefined ? undefined : (await loadSiteFor(ctx, actor, siteKey, 'spare_part.read')).site;
  const parts = await listSpareParts(ctx.db, scopeFilter(actor, 'spare_part.read'), site?.id);
  const machines = await listSparePartMachines(ctx.db, parts.map((part) => part.id));
  const mayCreate = site ? permittedRole(actor, 'spare_part.create', { siteId: site.id }) !== null : mayDoSomewhere(actor, 'spare_part.create');
  return { items: parts.map((part) => present(actor, part, machines)), allowed_actions: mayCreate ? ['spare_part.create'] : [] };
}

/** One spare part; NOT_FOUND when missing or outside the actor's scope. */
export async function getSparePart(ctx: AppContext, actor: Actor, id: string): Promise<SparePartView> {
  const part = await findSparePart(ctx.db, id);
  if (!part) throw new AppError('NOT_FOUND');
  authorize(actor, 'spare_part.read', { siteId: part.site_id });
  return present(actor, part, await listSparePartMachines(ctx.db, [part.id]));
}

/** Adds a spare part or device to a site's store; admin, engineering or maintenance in scope. */
export async function createSparePart(ctx: AppContext, actor: Actor, input: CreateSparePartBody): Promise<SparePartView> {
  const parsed = parseInput(createSparePartBodySchema, input);
  const { site, role } = await loadSiteFor(ctx, actor, parsed.site_key, 'spare_part.create');
  const machines = await resolveMachines(ctx, actor, site.id, parsed.machine_ids ?? []);
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  await withWrite(ctx, async ({ trx, audit }) => {
    await insertSparePartRow(trx, {
      id,
      site_id: site.id,
      kind: parsed.kind,
      name: parsed.name,
      vendor: parsed.vendor ?? null,
      model_number: parsed.model_number ?? null,
      firmware_version: parsed.firmware_version ?? null,
      quantity: parsed.quantity,
      storage_location: parsed.storage_location ?? null,
      notes: parsed.notes ?? null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await replaceSparePartMachines(trx, id, machines.ids);
    const fits = machines.keys.length === 0 ? '' : `, fits ${machines.keys.map(quote).join(', ')}`;
    await audit({
      actor, role, action: 'spare_part.create', objectType: 'spare_part', objectId: id, siteId: site.id,
      summary: `Added spare ${parsed.kind} ${quote(parsed.name)} in site ${quote(site.key)}, quantity ${parsed.quantity}${fits}`,
    });
  });
  return presentById(ctx, actor, id);
}

/** Changes a spare part; `machine_ids` replaces the machines it fits. */
export async function updateSparePart(ctx: AppContext, actor: Actor, input: UpdateSparePartInput): Promise<SparePartView> {
  const changes = parseInput(updateSparePartBodySchema, input.changes);
  const part = await findSparePart(ctx.db, input.id);
  if (!part) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'spare_part.update', { siteId: part.site_id });
  const machines = changes.machine_ids === undefined ? undefined : await resolveMachines(ctx, actor, part.site_id, changes.machine_ids);
  const set: Updateable<SparePartsTable> = {};
  for (const key of ['kind', 'name', 'vendor', 'model_number', 'firmware_version', 'quantity', 'storage_location', 'notes'] as const) {
    if (changes[key] !== undefined) Object.assign(set, { [key]: changes[key] });
  }
  const fields = [...Object.keys(set), ...(machines ? ['machine_ids'] : [])];
  const quantity = changes.quantity !== undefined && changes.quantity !== part.quantity ? ` (quantity from ${part.quantity} to ${changes.quantity})` : '';
  await withWrite(ctx, async ({ trx, audit }) => {
    if (!(await updateSparePartVersioned(trx, part.id, input.expectedVersion, set, ctx.clock.now().toISOString()))) throw new AppError('STALE_OBJECT');
    if (machines) await replaceSparePartMachines(trx, part.id, machines.ids);
    await audit({
      actor, role, action: 'spare_part.update', objectType: 'spare_part', objectId: part.id, siteId: part.site_id,
      summary: `Updated spare ${part.kind} ${quote(part.name)} in site ${quote(part.site_key)}: ${fields.join(', ') || 'no fields'}${quantity}`,
    });
  });
  return presentById(ctx, actor, part.id);
}

/** Deletes a spare part with its machine links; the audit log keeps what it was. */
export async function deleteSparePart(ctx: AppContext, actor: Actor, input: DeleteSparePartInput): Promise<void> {
  const part = await findSparePart(ctx.db, input.id);
  if (!part) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'spare_part.delete', { siteId: part.site_id });
  await withWrite(ctx, async ({ trx, audit }) => {
    if (!(await deleteSparePartVersioned(trx, part.id, input.expectedVersion))) throw new AppError('STALE_OBJECT');
    await audit({
      actor, role, action: 'spare_part.delete', objectType: 'spare_part', objectId: part.id, siteId: part.site_id,
      summary: `Deleted spare ${part.kind} ${quote(part.name)} in site ${quote(part.site_key)} (quantity ${part.quantity})`,
    });
  });
}
