import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { Database } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, policies } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import type { AdvisoryFileSource } from '../advisories/advisory-files.ts';
import type { AdvisoryImportResult } from '../advisories/advisory-import.schema.ts';
import { importAdvisories } from '../advisories/advisory-import.service.ts';
import { rematchMachines } from '../matching/matching.service.ts';
import { hammerUndMeissel, type DemoPlant, type DemoTestItem } from './hammer-und-meissel.ts';
import { plantMachineRows } from './plant-rows.ts';

// `demo load` adds the demo plant "Hammer und Meißel" (hammer-und-meissel.ts): two sites flagged
// `demo`, their calendars, halls, segments, conduits and brokers, 25 machines with interfaces,
// components and partner systems, framework contracts with test templates, machine-type templates
// and spare parts. It refuses a non-empty inventory unless forced, and never touches existing rows:
// taken site keys, machine ids or contract references are a CONFLICT. Rows are written directly in
// one write transaction with one `demo.load` audit event, like `demo generate`. No accounts are
// created; the machines' responsible administrator is the acting user, else the first active
// all-sites admin, else nobody.

export const demoLoadBodySchema = z.strictObject({
  /** Add the demo plant beside existing sites and machines. */
  force: z.boolean().optional(),
});

/** Result of `demo load` (CLI `--json` and POST /demo/load). */
export const demoLoadResultSchema = z.object({
  site_keys: z.array(z.string()),
  machines: z.number().int(),
  /** Advisories imported with the plant (CLI `--advisories PATH`: imported + updated of that import; otherwise 0). */
  advisories_imported: z.number().int(),
});

export type DemoLoadBody = z.input<typeof demoLoadBodySchema>;
export type DemoLoadResult = z.infer<typeof demoLoadResultSchema>;

/** The role of an all-sites grant that permits `demo.load`, or null: the plant adds sites, so a site-scoped admin may not. */
function allSitesLoaderRole(actor: Actor): Role | null {
  const allowed: readonly Role[] = policies['demo.load'];
  return actor.grants.find((grant) => grant.scope.kind === 'all' && allowed.includes(grant.role))?.role ?? null;
}

/** True when the actor may load the demo plant (an admin for all sites). */
export function canLoadDemo(actor: Actor): boolean {
  return allSitesLoaderRole(actor) !== null;
}

function authorizeDemoLoad(actor: Actor): Role {
  authorize(actor, 'demo.load', 'global');
  const role = allSitesLoaderRole(actor);
  if (!role) throw new AppError('FORBIDDEN');
  return role;
}

/** The acting user, else the first active all-sites admin (oldest account first), else null. */
async function responsibleAdmin(trx: Kysely<Database>, actor: Actor, now: string): Promise<string | null> {
  if (actor.userId) return actor.userId;
  const admin = await trx
    .selectFrom('users')
    .innerJoin('grants', 'grants.user_id', 'users.id')
    .select('users.id')
    .where('users.disabled', '=', 0)
    .where('grants.role', '=', 'admin')
    .where('grants.scope_kind', '=', 'all')
    .where('grants.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('grants.expires_at', 'is', null), eb('grants.expires_at', '>', now)]))
    .orderBy('users.created_at')
    .orderBy('users.username_norm')
    .executeTakeFirst();
  return admin?.id ?? null;
}

/** Throws INVENTORY_NOT_EMPTY (without force) or CONFLICT naming the first key the plant would reuse. */
async function assertLoadable(trx: Kysely<Database>, plant: DemoPlant, force: boolean): Promise<void> {
  if (!force) {
    const site = await trx.selectFrom('sites').select('id').limit(1).executeTakeFirst();
    const machine = await trx.selectFrom('machines').select('id').limit(1).executeTakeFirst();
    if (site || machine) throw new AppError('INVENTORY_NOT_EMPTY');
  }
  const siteKeys = new Map(plant.sites.map((site) => [normaliseKey(site.key), site.key]));
  const machineKeys = new Map(plant.machines.map((machine) => [normaliseKey(machine.machine_id), machine.machine_id]));
  const references = new Map(plant.contracts.map((contract) => [normaliseKey(contract.reference), contract.reference]));
  const takenSites = await trx.selectFrom('sites').select('key_norm as norm').where('key_norm', 'in', [...siteKeys.keys()]).execute();
  const takenMachines = await trx.selectFrom('machines').select('machine_id_norm as norm').where('machine_id_norm', 'in', [...machineKeys.keys()]).execute();
  const takenReferences = await trx.selectFrom('contracts').select('reference_norm as norm').where('reference_norm', 'in', [...references.keys()]).execute();
  // The first taken key in the plant's own order, so the answer does not depend on row order.
  const firstTaken = (keys: Map<string, string>, rows: { norm: string }[]): string | undefined => {
    const taken = new Set(rows.map((row) => row.norm));
    return [...keys].find(([norm]) => taken.has(norm))?.[1];
  };
  const first = firstTaken(siteKeys, takenSites) ?? firstTaken(machineKeys, takenMachines) ?? firstTaken(references, takenReferences);
  if (first !== undefined) throw new AppError('CONFLICT', { value: first });
}

async function insertTemplate(
  trx: Kysely<Database>,
  owner: { contract_id: string | null; site_id: string | null; machine_type: string | null },
  name: string,
  items: readonly DemoTestItem[],
  stamps: { version: number; created_at: string; updated_at: string },
): Promise<void> {
  const id = randomUUID();
  await trx
    .insertInto('test_templates')
    .values({ id, ...owner, machine_type_norm: owner.machine_type === null ? null : normaliseKey(owner.machine_type), name, ...stamps })
    .execute();
  await trx
    .insertInto('test_template_items')
    .values(
      items.map((entry, position) => ({
        template_id: id,
        position,
        item_key: entry.key,
        item_group: entry.group,
        description_de: entry.description_de,
        description_en: entry.description_en,
        expected_de: entry.expected_de,
        expected_en: entry.expected_en,
      })),
    )
    .execute();
}

/** Writes the whole plant; keys are known to be free. Returns the machines' ids. */
async function insertPlant(trx: Kysely<Database>, plant: DemoPlant, adminId: string | null, now: string): Promise<string[]> {
  const stamps = { version: 1, created_at: now, updated_at: now };
  const siteIds = new Map<string, string>();
  const areaIds = new Map<string, string>();
  const segmentIds = new Map<string, string>();
  const machineIds = new Map<string, string>();
  const segmentId = (siteKey: string, key: string | null): string | null => (key === null ? null : segmentIds.get(`${siteKey}/${key}`)!);

  for (const site of plant.sites) {
    const siteId = randomUUID();
    siteIds.set(site.key, siteId);
    await trx
      .insertInto('sites')
      .values({
        id: siteId,
        key: site.key,
        key_norm: normaliseKey(site.key),
        name: site.name,
        time_zone: site.time_zone,
        working_days: JSON.stringify(site.working_days),
        shifts: JSON.stringify(site.shifts),
        demo: 1,
        ...stamps,
      })
      .execute();
    await trx.insertInto('site_non_working_days').values(site.non_working_days.map((entry) => ({ site_id: siteId, day: entry.day, label: entry.label }))).execute();
    for (const area of site.areas) {
      const id = randomUUID();
      areaIds.set(`${site.key}/${area.key}`, id);
      await trx.insertInto('areas').values({ id, site_id: siteId, key: area.key, key_norm: normaliseKey(area.key), name: area.name, ...stamps }).execute();
    }
    for (const segment of site.segments) {
      const id = randomUUID();
      segmentIds.set(`${site.key}/${segment.key}`, id);
      await trx
        .insertInto('segments')
        .values({ id, site_id: siteId, key: segment.key, key_norm: normaliseKey(segment.key), name: segment.name, vlan: segment.vlan, cidr: segment.cidr, zone_type: segment.zone_type, ...stamps })
        .execute();
    }
  }

  for (const conduit of plant.conduits) {
    await trx
      .insertInto('conduits')
      .values({
        id: randomUUID(),
        site_id: siteIds.get(conduit.site_key)!,
        from_segment_id: segmentId(conduit.site_key, conduit.from_segment),
        to_segment_id: segmentId(conduit.site_key, conduit.to_segment),
        protocol: conduit.protocol,
        ports: conduit.ports,
        service: conduit.service,
        purpose: conduit.purpose,
        firewall_rule: conduit.firewall_rule,
        remote_access: conduit.remote_access ? 1 : 0,
        ...stamps,
      })
      .execute();
  }
  for (const broker of plant.brokers) {
    await trx
      .insertInto('brokers')
      .values({ id: randomUUID(), segment_id: segmentId(broker.site_key, broker.segment_key)!, name: broker.name, kind: broker.kind, host: broker.host, port: broker.port, tls: broker.tls ? 1 : 0, notes: broker.notes, ...stamps })
      .execute();
  }

  for (const machine of plant.machines) {
    const rows = plantMachineRows(machine, {
      siteId: siteIds.get(machine.site_key)!,
      areaId: areaIds.get(`${machine.site_key}/${machine.area_key}`)!,
      segmentId: (key) => segmentId(machine.site_key, key)!,
      responsibleAdminId: adminId,
      now,
    });
    const id = rows.machine.id;
    machineIds.set(machine.machine_id, id);
    await trx.insertInto('machines').values(rows.machine).execute();
    await trx.insertInto('machine_search').values(rows.search).execute();
    await trx.insertInto('machine_interfaces').values(rows.interfaces).execute();
    await trx.insertInto('components').values(rows.components).execute();
    for (const partner of machine.partner_systems) {
      await trx
        .insertInto('partner_systems')
        .values({
          id: randomUUID(),
          machine_id: id,
          name: partner.name,
          kind: partner.kind,
          host: partner.host,
          port: partner.port,
          url: partner.url,
          server_reachable: partner.server_reachable === null ? null : partner.server_reachable ? 1 : 0,
          notes: partner.notes,
          ...stamps,
        })
        .execute();
    }
  }

  for (const contract of plant.contracts) {
    const id = randomUUID();
    await trx
      .insertInto('contracts')
      .values({
        id,
        reference: contract.reference,
        reference_norm: normaliseKey(contract.reference),
        supplier: contract.supplier,
        contacts: JSON.stringify(contract.contacts),
        update_obligation: contract.update_obligation,
        responsibility: contract.responsibility,
        responsible_user_id: adminId,
        update_method: contract.update_method,
        sla: contract.sla,
        valid_from: contract.valid_from,
        valid_until: contract.valid_until,
        notes: contract.notes,
        ...stamps,
      })
      .execute();
    await trx.insertInto('contract_machines').values(contract.machine_ids.map((machineId) => ({ contract_id: id, machine_id: machineIds.get(machineId)! }))).execute();
    await insertTemplate(trx, { contract_id: id, site_id: null, machine_type: null }, contract.template.name, contract.template.items, stamps);
  }
  for (const template of plant.type_templates) {
    await insertTemplate(trx, { contract_id: null, site_id: siteIds.get(template.site_key)!, machine_type: template.machine_type }, template.name, template.items, stamps);
  }
  for (const part of plant.spare_parts) {
    const id = randomUUID();
    await trx
      .insertInto('spare_parts')
      .values({
        id,
        site_id: siteIds.get(part.site_key)!,
        kind: part.kind,
        name: part.name,
        vendor: part.vendor,
        model_number: part.model_number,
        firmware_version: part.firmware_version,
        quantity: part.quantity,
        storage_location: part.storage_location,
        notes: part.notes,
        ...stamps,
      })
      .execute();
    await trx.insertInto('spare_part_machines').values(part.machine_ids.map((machineId) => ({ spare_part_id: id, machine_id: machineIds.get(machineId)! }))).execute();
  }
  return [...machineIds.values()];
}

/**
 * Adds the demo plant "Hammer und Meißel" (admin for all sites). Without `force` an inventory with
 * any site or machine is refused (INVENTORY_NOT_EMPTY); with it the plant goes beside the existing
 * data, and a site key, machine id or contract reference already taken is a CONFLICT.
 */
export async function loadDemoPlant(ctx: AppContext, actor: Actor, input: DemoLoadBody = {}): Promise<DemoLoadResult> {
  const parsed = parseInput(demoLoadBodySchema, input);
  const role = authorizeDemoLoad(actor);
  const plant = hammerUndMeissel;
  const now = ctx.clock.now().toISOString();
  const components = plant.machines.reduce((sum, machine) => sum + machine.components.length, 0);
  await withWrite(ctx, async ({ trx, audit }) => {
    await assertLoadable(trx, plant, parsed.force === true);
    const adminId = await responsibleAdmin(trx, actor, now);
    const machineIds = await insertPlant(trx, plant, adminId, now);
    // The plant's components meet the advisories already stored.
    await rematchMachines(trx, machineIds, { now });
    await audit({
      actor,
      role,
      action: 'demo.load',
      objectType: 'installation',
      objectId: null,
      siteId: null,
      summary:
        `Loaded demo plant ${JSON.stringify(plant.company)}${parsed.force ? ' (forced beside existing data)' : ''}: ` +
        `sites ${plant.sites.map((site) => site.key).join(', ')}; ${plant.machines.length} machines, ${components} components, ` +
        `${plant.conduits.length} conduits, ${plant.contracts.length} contracts, ${plant.spare_parts.length} spare parts`,
    });
  });
  return { site_keys: plant.sites.map((site) => site.key), machines: plant.machines.length, advisories_imported: 0 };
}

/** Result of CLI `demo load --advisories PATH`: the plant's result plus the whole advisory import result. */
export type DemoLoadWithAdvisoriesResult = DemoLoadResult & { advisory_import: AdvisoryImportResult };

/**
 * CLI `demo load --advisories PATH`: loads the plant, then imports the CSAF documents with the same
 * use case as `advisories import` (each document in its own write transaction with its audit event).
 * `advisories_imported` counts the import's imported + updated documents; rejected, flagged and
 * skipped files are in `advisory_import`. A plant that cannot be loaded imports nothing.
 */
export async function loadDemoPlantWithAdvisories(
  ctx: AppContext,
  actor: Actor,
  input: DemoLoadBody,
  sources: readonly AdvisoryFileSource[],
): Promise<DemoLoadWithAdvisoriesResult> {
  // Both permissions first, so an actor who may not import advisories gets no plant either.
  authorize(actor, 'advisory.import', 'global');
  const loaded = await loadDemoPlant(ctx, actor, input);
  const advisoryImport = await importAdvisories(ctx, actor, { sources, via: 'file' });
  return { ...loaded, advisories_imported: advisoryImport.imported + advisoryImport.updated, advisory_import: advisoryImport };
}
