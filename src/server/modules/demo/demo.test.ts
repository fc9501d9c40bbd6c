import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { cliActor } from '../../policies/actor.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test-support/databases.ts';
import { ipInCidr } from '../sites/cidr.ts';
import { isCpe23, isPurl } from '../machines/inventory-rules.ts';
import { generateDemoPlant } from './demo.service.ts';
import { generatePlant } from './plant-generator.ts';
import { runCli } from '../../../test-support/cli.ts';

const actor = cliActor('test');

describe('generatePlant', () => {
  const plant = generatePlant({ machines: 200, componentsPerMachine: 20, seed: 7 });

  it('is deterministic in its options', () => {
    assert.deepEqual(generatePlant({ machines: 200, componentsPerMachine: 20, seed: 7 }), plant);
    assert.notDeepEqual(generatePlant({ machines: 200, componentsPerMachine: 20, seed: 8 }).machines, plant.machines);
  });

  it('has at least 5 sites, 30 segments and 40 vendors, and unique machine ids with the seed prefix', () => {
    assert.ok(plant.sites.length >= 5);
    assert.ok(plant.sites.flatMap((site) => site.segments).length >= 30);
    assert.ok(plant.vendors.length >= 40, `${plant.vendors.length} vendors`);
    assert.equal(plant.machines.length, 200);
    assert.equal(new Set(plant.machines.map((machine) => machine.machine_id.toLowerCase())).size, 200);
    assert.ok(plant.machines.every((machine) => machine.machine_id.startsWith('G7-') && machine.site_key.startsWith('G7-')));
    assert.ok(plant.sites.some((site) => site.time_zone !== 'Europe/Berlin'));
  });

  it('gives every machine its components, IPs inside its segments, valid CPEs and PURLs', () => {
    for (const machine of plant.machines) {
      assert.equal(machine.components.length, 20);
      const identities = machine.components.map((c) => [c.component_type, c.vendor, c.name, c.model_number ?? ''].join('|').toLowerCase());
      assert.equal(new Set(identities).size, identities.length, machine.machine_id);
      const site = plant.sites.find((entry) => entry.key === machine.site_key)!;
      for (const entry of machine.interfaces) {
        const segment = site.segments.find((candidate) => candidate.key === entry.segment_key)!;
        assert.ok(ipInCidr(entry.ip, segment.cidr), `${entry.ip} in ${segment.cidr}`);
      }
      for (const component of machine.components) {
        if (component.cpe !== null) assert.ok(isCpe23(component.cpe), component.cpe);
        if (component.purl !== null) assert.ok(isPurl(component.purl), component.purl);
      }
    }
    assert.ok(plant.machines.some((machine) => machine.components.some((component) => component.cpe !== null)));
    assert.ok(plant.machines.some((machine) => machine.components.some((component) => component.purl !== null)));
  });

  it('repeats products with distinct model numbers when asked for more components than the catalogue has', () => {
    const big = generatePlant({ machines: 1, componentsPerMachine: 100, seed: 1 });
    const identities = big.machines[0]!.components.map((c) => [c.component_type, c.vendor, c.name, c.model_number ?? ''].join('|'));
    assert.equal(new Set(identities).size, 100);
  });
});

/** The generated inventory without ids and timestamps, in a fixed order. */
async function canonicalDump(db: Kysely<Database>): Promise<string> {
  const machines = await db
    .selectFrom('machines')
    .innerJoin('sites', 'sites.id', 'machines.site_id')
    .leftJoin('areas', 'areas.id', 'machines.area_id')
    .select(['machines.machine_id', 'machines.name', 'sites.key as site', 'areas.key as area', 'machines.vendor', 'machines.model', 'machines.serial_number', 'machines.criticality', 'machines.updatable', 'machines.network_state', 'machines.end_of_support'])
    .orderBy('machines.machine_id_norm')
    .execute();
  const components = await db
    .selectFrom('components')
    .innerJoin('machines', 'machines.id', 'components.machine_id')
    .select(['machines.machine_id', 'components.component_type', 'components.vendor', 'components.name', 'components.component_version', 'components.model_number', 'components.cpe', 'components.purl'])
    .orderBy('machines.machine_id_norm').orderBy('components.component_type').orderBy('components.vendor_norm').orderBy('components.name_norm').orderBy('components.model_number_norm')
    .execute();
  const interfaces = await db
    .selectFrom('machine_interfaces')
    .innerJoin('machines', 'machines.id', 'machine_interfaces.machine_id')
    .innerJoin('segments', 'segments.id', 'machine_interfaces.segment_id')
    .select(['machines.machine_id', 'machine_interfaces.position', 'machine_interfaces.ip', 'machine_interfaces.mac', 'segments.key', 'segments.cidr'])
    .orderBy('machines.machine_id_norm').orderBy('machine_interfaces.position')
    .execute();
  return JSON.stringify({ machines, components, interfaces });
}

describeEachDialect('demo generate', (database, dialect) => {
  let ctx: AppContext;
  let second: TestDatabase | undefined;
  before(async () => {
    ctx = await createTestContext(database());
  });
  after(async () => {
    await second?.destroy();
  });

  it('adds the plant with one audit event; the same seed in a fresh database gives the same data', async () => {
    const result = await generateDemoPlant(ctx, actor, { machines: 200, componentsPerMachine: 20, seed: 3 });
    assert.deepEqual(result, { machines: 200, components: 4000, sites: 7, segments: 49, vendors: result.vendors, prefix: 'G3', seed: 3 });
    assert.ok(result.vendors >= 40);
    const counted = await ctx.db.selectFrom('components').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(counted.n), 4000);
    const events = await ctx.db.selectFrom('audit_events').select(['action', 'object_type']).execute();
    assert.deepEqual(events, [{ action: 'demo.generate', object_type: 'installation' }]);
    const search = await ctx.db.selectFrom('machine_search').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(search.n), 200);

    second = await createTestDatabase(dialect);
    const otherCtx = await createTestContext(second);
    await generateDemoPlant(otherCtx, actor, { machines: 200, componentsPerMachine: 20, seed: 3 });
    assert.equal(await canonicalDump(otherCtx.db), await canonicalDump(ctx.db));
  });

  it('refuses a seed whose keys exist and adds a plant of another seed beside it', async () => {
    await assert.rejects(generateDemoPlant(ctx, actor, { machines: 5, componentsPerMachine: 2, seed: 3 }), (error: unknown) => error instanceof AppError && error.code === 'CONFLICT');
    const other = await generateDemoPlant(ctx, actor, { machines: 5, componentsPerMachine: 2, seed: 30 });
    assert.equal(other.prefix, 'G30');
    const machines = await ctx.db.selectFrom('machines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(machines.n), 205);
    await assert.rejects(generateDemoPlant(ctx, actor, { machines: 0, componentsPerMachine: 2, seed: 4 }), (error: unknown) => error instanceof AppError && error.code === 'VALIDATION_FAILED');
  });
});

describe('patchwerk demo generate --json', () => {
  it('prints {machines, components, sites, segments, vendors} and exits 0; a repeated seed exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-demo-'));
    const run = (args: string[]) => runCli(args, { env: { PATCHWERK_DATA_DIR: dir } });
    try {
      const first = await run(['demo', 'generate', '--machines', '20', '--components-per-machine', '5', '--seed', '9', '--json']);
      assert.equal(first.code, 0, first.stderr);
      const result = JSON.parse(first.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(result).sort(), ['components', 'machines', 'prefix', 'seed', 'segments', 'sites', 'vendors']);
      assert.equal(result.machines, 20);
      assert.equal(result.components, 100);
      assert.equal(result.sites, 7);
      assert.equal(result.segments, 49);
      const again = await run(['demo', 'generate', '--machines', '20', '--seed', '9', '--json']);
      assert.equal(again.code, 1);
      assert.equal((JSON.parse(again.stdout) as { code: string }).code, 'CONFLICT');
      const usage = await run(['demo', 'generate', '--machines', 'many', '--json']);
      assert.equal(usage.code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
