import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { ComponentsTable, Database, MachineInterfacesTable, MachineSearchTable, MachinesTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { rematchMachines } from '../matching/matching.service.ts';
import { AppError } from '../../errors/app-error.ts';
import { invalidField } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/policies.ts';
import { generatePlant, type GeneratedPlant, type PlantOptions } from './plant-generator.ts';
import { plantMachineRows } from './plant-rows.ts';

// `demo generate` ADDS a plant: every site key and machine_id starts with `G<seed>-`, so plants of
// different seeds coexist; a second run with the same seed is refused (CONFLICT) instead of
// touching existing data. Rows are inserted directly, in batches, inside one write transaction with
// one summary audit event — the use cases' per-row audit would be 200,000 events for nothing.

/** Result of `generateDemoPlant`, as `demo generate --json` prints it. */
export interface DemoGenerateResult {
  machines: number;
  components: number;
  sites: number;
  segments: number;
  vendors: number;
  /** Prefix of the generated keys. */
  prefix: string;
  seed: number;
}

export const MAX_DEMO_MACHINES = 100_000;
export const MAX_COMPONENTS_PER_MACHINE = 100;
export const MAX_SEED = 2_147_483_647;

// Rows per INSERT: below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_INSERT = 500;

async function insertBatches<T extends keyof Database>(trx: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[], size = ROWS_PER_INSERT): Promise<void> {
  for (let start = 0; start < rows.length; start += size) {
    await trx.insertInto(table).values(rows.slice(start, start + size)).execute();
  }
}

function assertOptions(options: PlantOptions): void {
  if (!Number.isInteger(options.machines) || options.machines < 1 || options.machines > MAX_DEMO_MACHINES) {
    throw invalidField('INVALID_VALUE', '/machines', { value: String(options.machines) });
  }
  if (!Number.isInteger(options.componentsPerMachine) || options.componentsPerMachine < 0 || options.componentsPerMachine > MAX_COMPONENTS_PER_MACHINE) {
    throw invalidField('INVALID_VALUE', '/components_per_machine', { value: String(options.componentsPerMachine) });
  }
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > MAX_SEED) throw invalidField('INVALID_VALUE', '/seed', { value: String(options.seed) });
}

/** True when a site or machine with the plant's prefix exists (keys are stored folded). */
async function prefixTaken(trx: Kysely<Database>, prefix: string): Promise<boolean> {
  const low = `${normaliseKey(prefix)}-`;
  // '.' follows '-' in code point order: the range holds exactly the keys starting with `low`.
  const high = `${normaliseKey(prefix)}.`;
  const site = await trx.selectFrom('sites').select('id').where('key_norm', '>=', low).where('key_norm', '<', high).executeTakeFirst();
  const machine = await trx.selectFrom('machines').select('id').where('machine_id_norm', '>=', low).where('machine_id_norm', '<', high).executeTakeFirst();
  return site !== undefined || machine !== undefined;
}

async function insertPlant(trx: Kysely<Database>, plant: GeneratedPlant, now: string): Promise<string[]> {
  const siteIds = new Map<string, string>();
  const areaIds = new Map<string, string>();
  const segmentIds = new Map<string, string>();
  const stamps = { version: 1, created_at: now, updated_at: now };
  for (const site of plant.sites) {
    const siteId = randomUUID();
    siteIds.set(site.key, siteId);
    await trx.insertInto('sites').values({ id: siteId, key: site.key, key_norm: normaliseKey(site.key), name: site.name, time_zone: site.time_zone, shifts: JSON.stringify(site.shifts), ...stamps }).execute();
    const areas = site.areas.map((area) => {
      const id = randomUUID();
      areaIds.set(`${site.key}/${area.key}`, id);
      return { id, site_id: siteId, key: area.key, key_norm: normaliseKey(area.key), name: area.name, ...stamps };
    });
    await insertBatches(trx, 'areas', areas);
    const segments = site.segments.map((segment) => {
      const id = randomUUID();
      segmentIds.set(`${site.key}/${segment.key}`, id);
      return { id, site_id: siteId, key: segment.key, key_norm: normaliseKey(segment.key), name: segment.name, vlan: segment.vlan, cidr: segment.cidr, zone_type: segment.zone_type, ...stamps };
    });
    await insertBatches(trx, 'segments', segments);
  }

  const machines: Insertable<MachinesTable>[] = [];
  const search: MachineSearchTable[] = [];
  const interfaces: Insertable<MachineInterfacesTable>[] = [];
  const components: Insertable<ComponentsTable>[] = [];
  for (const machine of plant.machines) {
    const rows = plantMachineRows(machine, {
      siteId: siteIds.get(machine.site_key)!,
      areaId: areaIds.get(`${machine.site_key}/${machine.area_key}`)!,
      segmentId: (key) => segmentIds.get(`${machine.site_key}/${key}`)!,
      responsibleAdminId: null,
      now,
    });
    machines.push(rows.machine);
    search.push(rows.search);
    interfaces.push(...rows.interfaces);
    components.push(...rows.components);
  }
  // Machines have ~35 columns: smaller batches keep the parameters under SQLite's bound.
  await insertBatches(trx, 'machines', machines, 250);
  await insertBatches(trx, 'machine_search', search);
  await insertBatches(trx, 'machine_interfaces', interfaces);
  await insertBatches(trx, 'components', components);
  return machines.map((machine) => machine.id);
}

/**
 * Generates a seeded demo plant (`generatePlant`) and adds it to the inventory in one write
 * transaction with one `demo.generate` audit event; CONFLICT when keys with its prefix exist.
 */
export async function generateDemoPlant(ctx: AppContext, actor: Actor, options: PlantOptions): Promise<DemoGenerateResult> {
  assertOptions(options);
  const role = authorize(actor, 'demo.generate', 'global');
  const plant = generatePlant(options);
  const components = plant.machines.reduce((sum, machine) => sum + machine.components.length, 0);
  const segments = plant.sites.reduce((sum, site) => sum + site.segments.length, 0);
  const result: DemoGenerateResult = {
    machines: plant.machines.length,
    components,
    sites: plant.sites.length,
    segments,
    vendors: plant.vendors.length,
    prefix: plant.prefix,
    seed: options.seed,
  };
  await withWrite(ctx, async ({ trx, audit }) => {
    if (await prefixTaken(trx, plant.prefix)) throw new AppError('CONFLICT', { value: plant.prefix });
    const now = ctx.clock.now().toISOString();
    // The generated components meet the advisories already stored.
    await rematchMachines(trx, await insertPlant(trx, plant, now), { now });
    await audit({
      actor, role, action: 'demo.generate', objectType: 'installation', objectId: null, siteId: null,
      summary: `Generated demo plant ${JSON.stringify(plant.prefix)} (seed ${options.seed}): ${result.sites} sites, ${segments} segments, ${result.machines} machines, ${components} components, ${result.vendors} vendors`,
    });
  });
  return result;
}
