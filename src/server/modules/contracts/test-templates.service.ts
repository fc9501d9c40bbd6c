import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, permittedRole, policies, scopeFilter } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import { findMachineByKey } from '../machines/machines.repository.ts';
import { machinePlacement } from '../machines/machines.policy.ts';
import { mayDoSomewhere } from '../sites/sites.policy.ts';
import { loadSiteFor } from '../sites/sites.service.ts';
import { describeItemChanges, templateItemChanges } from './contract-rules.ts';
import { authorizeOnAny, authorizeOnEvery, machineVisible, permittedOnAny, permittedOnEvery } from './contracts.policy.ts';
import { listContractMachines, listContractRows, type ContractMachineRecord } from './contracts.repository.ts';
import { loadContract } from './contracts.service.ts';
import {
  findTemplateRow,
  insertTemplateRow,
  listAllContractTemplateRows,
  listContractTemplateRows,
  listMachineTypes,
  listTemplateItems,
  listTypeTemplateRows,
  replaceTemplateItems,
  updateTemplateVersioned,
  type TemplateItemRow,
  type TemplateRow,
} from './test-templates.repository.ts';
import {
  createTemplateBodySchema,
  replaceTemplateBodySchema,
  type templateItemsSchema,
  type CreateTemplateBody,
  type ReplaceTemplateBody,
  type TemplateItemView,
  type TemplateList,
  type TemplateView,
} from './test-templates.schema.ts';

// Commissioning test templates (tips 7, 8). A contract's template lives on every machine of the
// contract: readable where one of them is, changed only by someone allowed on all of them. A machine
// type's template lives in its site; machine-scoped readers (vendor technicians) also read the
// templates of their machines' types, since they run the commissioning test. Audited as objectType
// 'test_template'.

/** Input of `listTemplates` (GET /test-templates); at most one filter. */
export interface ListTemplatesInput {
  /** The templates of this contract (id). */
  contractId?: string | undefined;
  /** The machine-type templates of this site (key). */
  siteKey?: string | undefined;
  /** The templates a commissioning test of this machine uses: its contracts' and its type's. */
  machineId?: string | undefined;
}

/** Input of `replaceTemplate` (PUT /test-templates/:id). */
export interface ReplaceTemplateInput {
  /** The template's id. */
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  /** The new name and items. */
  template: ReplaceTemplateBody;
}

/** A template with the machines of its contract (empty for machine-type templates). */
interface LoadedTemplate {
  template: TemplateRow;
  machines: ContractMachineRecord[];
}

const quote = (text: string): string => JSON.stringify(text);

function itemViews(rows: readonly TemplateItemRow[]): TemplateItemView[] {
  return rows.map((row) => ({
    key: row.item_key,
    group: row.item_group,
    description_de: row.description_de,
    description_en: row.description_en,
    expected_de: row.expected_de,
    expected_en: row.expected_en,
  }));
}

/** A template the actor may read, with what they may do to it. */
function present(actor: Actor, loaded: LoadedTemplate, items: readonly TemplateItemRow[]): TemplateView {
  const { template, machines } = loaded;
  const byContract = template.contract_id !== null;
  const mayUpdate = byContract
    ? permittedOnEvery(actor, 'test_template.update', machines) !== null
    : permittedRole(actor, 'test_template.update', { siteId: template.site_id! }) !== null;
  return {
    id: template.id,
    owner: byContract ? 'contract' : 'machine_type',
    contract_id: template.contract_id,
    contract_reference: byContract && permittedOnAny(actor, 'contract.read', machines) ? template.contract_reference : null,
    site_id: template.site_id,
    site_key: template.site_key,
    machine_type: template.machine_type,
    name: template.name,
    items: itemViews(items),
    version: template.version,
    created_at: template.created_at,
    updated_at: template.updated_at,
    allowed_actions: ['test_template.read', ...(mayUpdate ? ['test_template.update'] : [])],
  };
}

/** Presents templates with their items and contract machines (loaded in batches). */
async function presentAll(ctx: AppContext, actor: Actor, templates: readonly TemplateRow[], machinesByContract?: Map<string, ContractMachineRecord[]>): Promise<TemplateView[]> {
  const machines = machinesByContract ?? (await contractMachinesOf(ctx, templates));
  const items = await listTemplateItems(ctx.db, templates.map((template) => template.id));
  return templates.map((template) =>
    present(
      actor,
      { template, machines: template.contract_id === null ? [] : (machines.get(template.contract_id) ?? []) },
      items.filter((item) => item.template_id === template.id),
    ),
  );
}

/** The machines of the contracts owning these templates, by contract id. */
async function contractMachinesOf(ctx: AppContext, templates: readonly TemplateRow[]): Promise<Map<string, ContractMachineRecord[]>> {
  const contractIds = [...new Set(templates.flatMap((template) => (template.contract_id === null ? [] : [template.contract_id])))];
  const grouped = new Map<string, ContractMachineRecord[]>();
  for (const record of await listContractMachines(ctx.db, contractIds)) grouped.set(record.contract_id, [...(grouped.get(record.contract_id) ?? []), record]);
  return grouped;
}

async function loadTemplate(ctx: AppContext, id: string): Promise<LoadedTemplate> {
  const template = await findTemplateRow(ctx.db, id);
  if (!template) throw new AppError('NOT_FOUND');
  return { template, machines: template.contract_id === null ? [] : await listContractMachines(ctx.db, [template.contract_id]) };
}

/**
 * The role under which the actor reads a machine-type template through a machine grant: one of
 * their granted machines stands in the template's site and has its type. Null otherwise.
 */
async function typeReadRoleViaMachines(ctx: AppContext, actor: Actor, template: TemplateRow): Promise<Role | null> {
  const readers: readonly Role[] = policies['test_template.read'];
  for (const grant of actor.grants) {
    if (grant.scope.kind !== 'machine' || !readers.includes(grant.role)) continue;
    const machines = await listMachineTypes(ctx.db, grant.scope.machineIds, template.site_id!);
    if (machines.some((machine) => machine.machine_type !== null && normaliseKey(machine.machine_type) === template.machine_type_norm)) return grant.role;
  }
  return null;
}

/** Throws NOT_FOUND or FORBIDDEN unless the actor may read the template. */
async function authorizeRead(ctx: AppContext, actor: Actor, loaded: LoadedTemplate): Promise<void> {
  const { template, machines } = loaded;
  if (template.contract_id !== null) {
    authorizeOnAny(actor, 'test_template.read', machines);
    return;
  }
  const placement = { siteId: template.site_id! };
  if (permittedRole(actor, 'test_template.read', placement)) return;
  if (await typeReadRoleViaMachines(ctx, actor, template)) return;
  authorize(actor, 'test_template.read', placement);
}

/**
 * Templates the actor may read: of one contract, of one site's machine types, or those a machine's
 * commissioning test uses (its contracts' and its type's); without a filter, every readable one.
 * `test_template.create` when the actor may add one for the filter given (or anywhere).
 */
export async function listTemplates(ctx: AppContext, actor: Actor, input: ListTemplatesInput = {}): Promise<TemplateList> {
  if (input.contractId !== undefined) {
    const { contract, machines } = await loadContract(ctx, input.contractId);
    authorizeOnAny(actor, 'test_template.read', machines);
    const templates = await listContractTemplateRows(ctx.db, [contract.id]);
    const mayCreate = permittedOnEvery(actor, 'test_template.create', machines) !== null;
    return { items: await presentAll(ctx, actor, templates, new Map([[contract.id, machines]])), allowed_actions: mayCreate ? ['test_template.create'] : [] };
  }
  if (input.siteKey !== undefined) {
    const { site } = await loadSiteFor(ctx, actor, input.siteKey, 'test_template.read');
    const templates = await listTypeTemplateRows(ctx.db, [site.id]);
    const mayCreate = permittedRole(actor, 'test_template.create', { siteId: site.id }) !== null;
    return { items: await presentAll(ctx, actor, templates), allowed_actions: mayCreate ? ['test_template.create'] : [] };
  }
  if (input.machineId !== undefined) {
    const machine = await findMachineByKey(ctx.db, input.machineId);
    if (!machine) throw new AppError('NOT_FOUND');
    authorize(actor, 'test_template.read', machinePlacement(machine));
    const contracts = await listContractRows(ctx.db, { all: true }, machine.id);
    const byContract = await listContractTemplateRows(ctx.db, contracts.map((contract) => contract.id));
    const byType = machine.machine_type === null ? [] : await listTypeTemplateRows(ctx.db, [machine.site_id], normaliseKey(machine.machine_type));
    const mayCreate = permittedRole(actor, 'test_template.create', { siteId: machine.site_id }) !== null;
    return { items: await presentAll(ctx, actor, [...byContract, ...byType]), allowed_actions: mayCreate ? ['test_template.create'] : [] };
  }
  const filter = scopeFilter(actor, 'test_template.read');
  const typeTemplates = await listTypeTemplateRows(ctx.db, filter.all ? null : filter.siteIds);
  const contractTemplates = await listAllContractTemplateRows(ctx.db);
  const machines = await contractMachinesOf(ctx, contractTemplates);
  const readable = contractTemplates.filter((template) => permittedOnAny(actor, 'test_template.read', machines.get(template.contract_id!) ?? []) !== null);
  return {
    items: await presentAll(ctx, actor, [...readable, ...typeTemplates], machines),
    allowed_actions: mayDoSomewhere(actor, 'test_template.create') ? ['test_template.create'] : [],
  };
}

/** One template; NOT_FOUND when missing or out of scope, FORBIDDEN without test_template.read there. */
export async function getTemplate(ctx: AppContext, actor: Actor, id: string): Promise<TemplateView> {
  const loaded = await loadTemplate(ctx, id);
  await authorizeRead(ctx, actor, loaded);
  return present(actor, loaded, await listTemplateItems(ctx.db, [id]));
}

/** The item rows to store for parsed items, in their order. */
function itemRows(templateId: string, items: z.output<typeof templateItemsSchema>) {
  return items.map((item, position) => ({
    template_id: templateId,
    position,
    item_key: item.key,
    item_group: item.group,
    description_de: item.description_de,
    description_en: item.description_en,
    expected_de: item.expected_de,
    expected_en: item.expected_en,
  }));
}

/**
 * Adds a test template, either to a contract (admin or engineering on every machine of the contract)
 * or to a machine type in a site (admin or engineering in the site).
 */
export async function createTemplate(ctx: AppContext, actor: Actor, input: CreateTemplateBody): Promise<TemplateView> {
  const parsed = parseInput(createTemplateBodySchema, input);
  let role: Role;
  let siteId: string;
  let owner: string;
  let ownerColumns: { contract_id: string | null; site_id: string | null; machine_type: string | null; machine_type_norm: string | null };
  if (parsed.contract_id != null) {
    const { contract, machines } = await loadContract(ctx, parsed.contract_id);
    if (!machines.some((machine) => machineVisible(actor, machine))) throw new AppError('NOT_FOUND');
    role = authorizeOnEvery(actor, 'test_template.create', machines);
    siteId = machines[0]!.site_id;
    owner = `contract ${quote(contract.reference)}`;
    ownerColumns = { contract_id: contract.id, site_id: null, machine_type: null, machine_type_norm: null };
  } else {
    const loaded = await loadSiteFor(ctx, actor, parsed.site_key!, 'test_template.create');
    const machineType = parsed.machine_type!;
    role = loaded.role;
    siteId = loaded.site.id;
    owner = `machine type ${quote(machineType)} in site ${quote(loaded.site.key)}`;
    ownerColumns = { contract_id: null, site_id: siteId, machine_type: machineType, machine_type_norm: normaliseKey(machineType) };
  }
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  await withWrite(ctx, async ({ trx, audit }) => {
    await insertTemplateRow(trx, { id, ...ownerColumns, name: parsed.name, version: 1, created_at: now, updated_at: now });
    await replaceTemplateItems(trx, id, itemRows(id, parsed.items));
    await audit({
      actor, role, action: 'test_template.create', objectType: 'test_template', objectId: id, siteId,
      summary: `Created test template ${quote(parsed.name)} for ${owner} with items ${parsed.items.map((item) => quote(item.key)).join(', ')}`,
    });
  });
  return getTemplate(ctx, actor, id);
}

/** Replaces a template's name and items (version + 1); the audit event names the item keys added, removed and changed. */
export async function replaceTemplate(ctx: AppContext, actor: Actor, input: ReplaceTemplateInput): Promise<TemplateView> {
  const parsed = parseInput(replaceTemplateBodySchema, input.template);
  const loaded = await loadTemplate(ctx, input.id);
  await authorizeRead(ctx, actor, loaded);
  const { template, machines } = loaded;
  let role: Role | null;
  let siteId: string | null;
  if (template.contract_id !== null) {
    role = authorizeOnEvery(actor, 'test_template.update', machines);
    siteId = machines[0]?.site_id ?? null;
  } else {
    role = permittedRole(actor, 'test_template.update', { siteId: template.site_id! });
    siteId = template.site_id;
  }
  if (!role) throw new AppError('FORBIDDEN');
  const before = itemViews(await listTemplateItems(ctx.db, [template.id]));
  const changes = describeItemChanges(templateItemChanges(before, parsed.items));
  const renamed = parsed.name === template.name ? '' : `renamed to ${quote(parsed.name)}; `;
  await withWrite(ctx, async ({ trx, audit }) => {
    if (!(await updateTemplateVersioned(trx, template.id, input.expectedVersion, parsed.name, ctx.clock.now().toISOString()))) throw new AppError('STALE_OBJECT');
    await replaceTemplateItems(trx, template.id, itemRows(template.id, parsed.items));
    await audit({
      actor, role, action: 'test_template.update', objectType: 'test_template', objectId: template.id, siteId,
      summary: `Updated test template ${quote(template.name)}: ${renamed}${changes}`,
    });
  });
  return getTemplate(ctx, actor, template.id);
}
