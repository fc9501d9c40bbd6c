import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createUserWithSession, insertUser, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import { createContractBodySchema } from '../contracts/contracts.schema.ts';
import { createTemplateBodySchema } from '../contracts/test-templates.schema.ts';
import { createPartnerSystemBodySchema } from '../machines/partner-systems.schema.ts';
import { createComponentBodySchema, createMachineBodySchema, interfaceInputSchema } from '../machines/machines.schema.ts';
import { createBrokerBodySchema } from '../network/brokers.schema.ts';
import { createConduitBodySchema } from '../network/conduits.schema.ts';
import { cidrsOverlap, ipInCidr } from '../sites/cidr.ts';
import { createSegmentBodySchema } from '../sites/segments.schema.ts';
import { createSiteBodySchema } from '../sites/sites.schema.ts';
import type { SiteList } from '../sites/sites.schema.ts';
import { createSparePartBodySchema } from '../spare-parts/spare-parts.schema.ts';
import type { MeView } from '../users/users.schema.ts';
import { loadDemoPlant, type DemoLoadResult } from './demo-load.service.ts';
import { affected } from './hammer-und-meissel.affected.ts';
import { hammerUndMeissel as plant } from './hammer-und-meissel.ts';
import { runCli } from '../../../test-support/cli.ts';

const cli = cliActor('test');
const siteKeys = plant.sites.map((site) => site.key);

/** Parses `value` with `schema`, failing with the issues (the demo data must pass the API's own input rules). */
function accepts(schema: z.ZodType, value: unknown, what: string): unknown {
  const parsed = schema.safeParse(value);
  assert.ok(parsed.success, `${what}: ${JSON.stringify(parsed.error?.issues)}`);
  return parsed.data;
}

describe('the Hammer und Meißel plant (data)', () => {
  it('is a two-site, two-shift tool maker with about 25 machines', () => {
    assert.equal(plant.sites.length, 2);
    assert.ok(plant.sites.every((site) => site.shifts.length === 2 && site.non_working_days.length > 20));
    assert.ok(plant.machines.length >= 22 && plant.machines.length <= 28, `${plant.machines.length} machines`);
    const types = new Set(plant.machines.map((machine) => machine.machine_type));
    for (const type of ['Drehmaschine', 'Fräsmaschine', 'Erodiermaschine', 'Schleifmaschine', 'Messmaschine', 'Presse', 'HMI-PC', 'Switch', 'Router']) assert.ok(types.has(type), type);
    assert.ok(plant.machines.some((machine) => machine.components.some((component) => component.component_type === 'plc' && component.vendor === 'WAGO')));
    const zones = plant.sites.flatMap((site) => site.segments.map((segment) => segment.zone_type));
    for (const zone of ['ot_cell', 'ot_dmz', 'it', 'remote_access'] as const) assert.ok(zones.includes(zone), zone);
  });

  it('passes the API’s input rules for sites, segments, machines, interfaces and components', () => {
    for (const site of plant.sites) {
      accepts(createSiteBodySchema, { key: site.key, name: site.name, time_zone: site.time_zone, working_days: site.working_days, shifts: site.shifts, non_working_days: site.non_working_days }, site.key);
      for (const segment of site.segments) {
        accepts(createSegmentBodySchema, { site_key: site.key, key: segment.key, name: segment.name, vlan: segment.vlan, cidr: segment.cidr, zone_type: segment.zone_type }, `${site.key}/${segment.key}`);
      }
    }
    for (const machine of plant.machines) {
      const { interfaces, components, partner_systems: partners, area_key: areaKey, site_key: siteKey, ...fields } = machine;
      accepts(createMachineBodySchema, { ...fields, site_key: siteKey, area_key: areaKey }, machine.machine_id);
      for (const entry of interfaces) assert.deepEqual(accepts(interfaceInputSchema, entry, `${machine.machine_id} ${entry.ip}`), entry, `${machine.machine_id}: interface in stored form`);
      for (const component of components) accepts(createComponentBodySchema, component, `${machine.machine_id} ${component.name}`);
      for (const partner of partners) accepts(createPartnerSystemBodySchema, partner, `${machine.machine_id} ${partner.name}`);
    }
  });

  it('keeps segments of a site apart, every IP inside its segment, brokers inside theirs', () => {
    for (const site of plant.sites) {
      site.segments.forEach((segment, index) => {
        for (const other of site.segments.slice(index + 1)) assert.ok(!cidrsOverlap(segment.cidr, other.cidr), `${site.key}: ${segment.cidr} overlaps ${other.cidr}`);
      });
    }
    const ips = new Set<string>();
    for (const machine of plant.machines) {
      const site = plant.sites.find((candidate) => candidate.key === machine.site_key)!;
      assert.ok(site.areas.some((area) => area.key === machine.area_key), `${machine.machine_id}: area ${machine.area_key}`);
      for (const entry of machine.interfaces) {
        const segment = site.segments.find((candidate) => candidate.key === entry.segment_key);
        assert.ok(segment, `${machine.machine_id}: segment ${entry.segment_key} in ${site.key}`);
        assert.ok(ipInCidr(entry.ip, segment.cidr), `${machine.machine_id}: ${entry.ip} in ${segment.cidr}`);
        assert.ok(!ips.has(`${site.key}/${entry.ip}`), `${entry.ip} used twice in ${site.key}`);
        ips.add(`${site.key}/${entry.ip}`);
      }
    }
    for (const broker of plant.brokers) {
      const segment = plant.sites.find((site) => site.key === broker.site_key)!.segments.find((candidate) => candidate.key === broker.segment_key)!;
      assert.ok(ipInCidr(broker.host, segment.cidr), `${broker.name}: ${broker.host} in ${segment.cidr}`);
      accepts(createBrokerBodySchema, { segment_id: 'x', name: broker.name, kind: broker.kind, host: broker.host, port: broker.port, tls: broker.tls, notes: broker.notes }, broker.name);
    }
  });

  it('gives every component a vendor and a version, and every machine a unique id', () => {
    assert.equal(new Set(plant.machines.map((machine) => machine.machine_id.toLowerCase())).size, plant.machines.length);
    for (const machine of plant.machines) {
      assert.ok(machine.components.length > 0, machine.machine_id);
      for (const component of machine.components) {
        assert.ok(component.vendor.trim() !== '' && component.component_version.trim() !== '', `${machine.machine_id} ${component.name}`);
      }
    }
  });

  it('documents conduits between segments of their site, cross-site monitoring over the internet included', () => {
    for (const conduit of plant.conduits) {
      const site = plant.sites.find((candidate) => candidate.key === conduit.site_key)!;
      for (const end of [conduit.from_segment, conduit.to_segment]) assert.ok(end === null || site.segments.some((segment) => segment.key === end), `${conduit.purpose}: ${end}`);
      assert.notEqual(conduit.from_segment, conduit.to_segment);
      const { site_key: _site, from_segment: from, to_segment: to, ...fields } = conduit;
      const parsed = accepts(createConduitBodySchema, { ...fields, from_segment_id: from, to_segment_id: to }, conduit.purpose) as { ports: string | null };
      assert.equal(parsed.ports, conduit.ports, `${conduit.purpose}: ports in stored form`);
    }
    for (const site of plant.sites) {
      assert.ok(plant.conduits.some((conduit) => conduit.site_key === site.key && conduit.remote_access && (conduit.from_segment === null || conduit.to_segment === null)), `${site.key}: a remote flow over the internet`);
    }
  });

  it('puts every machine under a framework contract whose template covers the five groups in German and English', () => {
    const machineIds = new Set(plant.machines.map((machine) => machine.machine_id));
    const covered = new Set(plant.contracts.flatMap((contract) => contract.machine_ids));
    assert.deepEqual([...machineIds].filter((id) => !covered.has(id)), []);
    for (const contract of plant.contracts) {
      for (const id of contract.machine_ids) assert.ok(machineIds.has(id), `${contract.reference}: ${id}`);
      const { template: _template, ...fields } = contract;
      accepts(createContractBodySchema, fields, contract.reference);
      accepts(createTemplateBodySchema, { contract_id: 'x', name: contract.template.name, items: contract.template.items }, contract.template.name);
      assert.deepEqual(new Set(contract.template.items.map((entry) => entry.group)), new Set(['safety_function', 'changed_function', 'unchanged_function', 'security_setting', 'interface']), contract.reference);
      for (const entry of contract.template.items) assert.ok([entry.description_de, entry.description_en, entry.expected_de, entry.expected_en].every((text) => text.trim() !== ''), `${contract.reference} ${entry.key}`);
    }
    for (const template of plant.type_templates) accepts(createTemplateBodySchema, { site_key: template.site_key, machine_type: template.machine_type, name: template.name, items: template.items }, template.name);
    for (const part of plant.spare_parts) {
      accepts(createSparePartBodySchema, part, part.name);
      for (const id of part.machine_ids) assert.equal(plant.machines.find((machine) => machine.machine_id === id)?.site_key, part.site_key, `${part.name}: ${id}`);
    }
  });

  it('has a redundancy group of two identical machines and the lathe of the worked example, which a real advisory affects', () => {
    const groups = new Map<string, typeof plant.machines>();
    for (const machine of plant.machines) if (machine.redundancy_group !== null) groups.set(machine.redundancy_group, [...(groups.get(machine.redundancy_group) ?? []), machine]);
    assert.ok([...groups.values()].some((members) => members.length === 2 && members[0]!.model === members[1]!.model && JSON.stringify(members[0]!.components) === JSON.stringify(members[1]!.components)));
    const lathe = plant.machines.find((machine) => machine.machine_id === plant.worked_example.machine_id)!;
    assert.equal(lathe.machine_type, 'Drehmaschine');
    assert.ok(affected.some((entry) => entry.machine_id === lathe.machine_id));
  });
});

async function count(db: AppContext['db'], table: keyof Database): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows the plant should add per table. */
const expectedRows: Partial<Record<keyof Database, number>> = {
  sites: plant.sites.length,
  site_non_working_days: plant.sites.reduce((sum, site) => sum + site.non_working_days.length, 0),
  areas: plant.sites.reduce((sum, site) => sum + site.areas.length, 0),
  segments: plant.sites.reduce((sum, site) => sum + site.segments.length, 0),
  machines: plant.machines.length,
  machine_interfaces: plant.machines.reduce((sum, machine) => sum + machine.interfaces.length, 0),
  components: plant.machines.reduce((sum, machine) => sum + machine.components.length, 0),
  machine_search: plant.machines.length,
  partner_systems: plant.machines.reduce((sum, machine) => sum + machine.partner_systems.length, 0),
  conduits: plant.conduits.length,
  brokers: plant.brokers.length,
  contracts: plant.contracts.length,
  contract_machines: plant.contracts.reduce((sum, contract) => sum + contract.machine_ids.length, 0),
  test_templates: plant.contracts.length + plant.type_templates.length,
  test_template_items: [...plant.contracts.map((contract) => contract.template), ...plant.type_templates].reduce((sum, template) => sum + template.items.length, 0),
  spare_parts: plant.spare_parts.length,
  spare_part_machines: plant.spare_parts.reduce((sum, part) => sum + part.machine_ids.length, 0),
};

async function counts(db: AppContext['db']): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of Object.keys(expectedRows) as (keyof Database)[]) result[table] = await count(db, table);
  return result;
}

const rejectsWith = (code: string, value?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (value === undefined || error.params.value === value);

describeEachDialect('demo load', (database, dialect) => {
  let ctx: AppContext;
  let fresh: TestDatabase | undefined;

  before(async () => {
    ctx = await createTestContext(database());
  });
  after(async () => {
    await fresh?.destroy();
  });

  it('loads the plant into an empty inventory: demo sites, every table, search text, one audit event, no accounts', async () => {
    const now = ctx.clock.now();
    await insertUser(ctx.db, { username: 'old.admin', role: 'admin', disabled: true }, new Date(now.getTime() - 2000));
    const admin = await insertUser(ctx.db, { username: 'ot.admin', role: 'admin' }, new Date(now.getTime() - 1000));
    await insertUser(ctx.db, { username: 'later.admin', role: 'admin' }, now);
    const users = await count(ctx.db, 'users');

    const result = await loadDemoPlant(ctx, cli);
    assert.deepEqual(result, { site_keys: siteKeys, machines: plant.machines.length, advisories_imported: 0 });
    assert.deepEqual(await counts(ctx.db), expectedRows);
    assert.equal(await count(ctx.db, 'users'), users);
    assert.equal(await count(ctx.db, 'grants'), 3);

    const sites = await ctx.db.selectFrom('sites').select(['key', 'demo', 'shifts']).orderBy('key').execute();
    assert.deepEqual(sites.map((site) => [site.key, site.demo]), [['HUM-LS', 1], ['HUM-RS', 1]]);
    assert.equal((JSON.parse(sites[0]!.shifts) as unknown[]).length, 2);

    const responsible = await ctx.db.selectFrom('machines').select('responsible_admin_id').distinct().execute();
    assert.deepEqual(responsible, [{ responsible_admin_id: admin }]);

    const lathe = await ctx.db
      .selectFrom('machine_search')
      .innerJoin('machines', 'machines.id', 'machine_search.machine_id')
      .select(['machine_search.search_text', 'machines.name_norm', 'machines.vendor_norm'])
      .where('machines.machine_id', '=', 'HUM-RS-DRE-01')
      .executeTakeFirstOrThrow();
    assert.ok(lathe.search_text.includes('sinumerik one') && lathe.search_text.includes('hum-rs-dre-01'), lathe.search_text);
    assert.equal(lathe.vendor_norm, 'dmg mori');

    const interfaces = await ctx.db
      .selectFrom('machine_interfaces')
      .innerJoin('segments', 'segments.id', 'machine_interfaces.segment_id')
      .innerJoin('machines', 'machines.id', 'machine_interfaces.machine_id')
      .select(['machine_interfaces.ip', 'segments.cidr', 'segments.site_id as segment_site', 'machines.site_id as machine_site'])
      .execute();
    assert.equal(interfaces.length, expectedRows.machine_interfaces);
    for (const entry of interfaces) {
      assert.ok(ipInCidr(entry.ip!, entry.cidr!), `${entry.ip} in ${entry.cidr}`);
      assert.equal(entry.segment_site, entry.machine_site);
    }
    const blank = await ctx.db
      .selectFrom('components')
      .select('name')
      .where((eb) => eb.or([eb('vendor', 'is', null), eb('vendor', '=', ''), eb('component_version', 'is', null), eb('component_version', '=', '')]))
      .execute();
    assert.deepEqual(blank, []);

    const versions = await ctx.db
      .selectFrom('components')
      .innerJoin('machines', 'machines.id', 'components.machine_id')
      .select(['machines.machine_id', 'components.name', 'components.component_version'])
      .execute();
    for (const entry of affected) {
      assert.ok(versions.some((row) => row.machine_id === entry.machine_id && row.name === entry.component.name && row.component_version === entry.component.version), `${entry.machine_id} ${entry.component.name}`);
    }

    const events = await ctx.db.selectFrom('audit_events').select(['action', 'object_type', 'via', 'summary']).execute();
    assert.equal(events.length, 1);
    assert.deepEqual([events[0]!.action, events[0]!.object_type, events[0]!.via], ['demo.load', 'installation', 'cli']);
    assert.match(events[0]!.summary, /HUM-RS, HUM-LS; 25 machines/);
  });

  it('refuses a second load without force (INVENTORY_NOT_EMPTY) and with force (CONFLICT on the site key), writing nothing', async () => {
    const before = await counts(ctx.db);
    const events = await count(ctx.db, 'audit_events');
    await assert.rejects(loadDemoPlant(ctx, cli), rejectsWith('INVENTORY_NOT_EMPTY'));
    await assert.rejects(loadDemoPlant(ctx, cli, { force: true }), rejectsWith('CONFLICT', 'HUM-RS'));
    assert.deepEqual(await counts(ctx.db), before);
    assert.equal(await count(ctx.db, 'audit_events'), events);
  });

  it('refuses a non-empty inventory without force, adds the plant beside it with force, and refuses a taken machine id', async () => {
    fresh = await createTestDatabase(dialect);
    const other = await createTestContext(fresh);
    const site = await insertSite(other.db, { key: 'WERK-X' });
    await insertMachine(other.db, { machine_id: 'X-1', site_id: site.id });
    await assert.rejects(loadDemoPlant(other, cli), rejectsWith('INVENTORY_NOT_EMPTY'));
    assert.equal(await count(other.db, 'sites'), 1);

    const taken = await insertMachine(other.db, { machine_id: 'hum-ls-fw-01', site_id: site.id });
    await assert.rejects(loadDemoPlant(other, cli, { force: true }), rejectsWith('CONFLICT', 'HUM-LS-FW-01'));
    assert.equal(await count(other.db, 'sites'), 1);
    await other.db.deleteFrom('machines').where('id', '=', taken.id).execute();

    const result = await loadDemoPlant(other, cli, { force: true });
    assert.deepEqual(result.site_keys, siteKeys);
    const sites = await other.db.selectFrom('sites').select(['key', 'demo']).orderBy('key').execute();
    assert.deepEqual(sites.map((row) => [row.key, row.demo]), [['HUM-LS', 1], ['HUM-RS', 1], ['WERK-X', 0]]);
    assert.equal(await count(other.db, 'machines'), plant.machines.length + 1);
    // No admin exists: nobody is made responsible.
    const responsible = await other.db.selectFrom('machines').select('responsible_admin_id').where('machine_id', '=', 'HUM-RS-DRE-01').executeTakeFirstOrThrow();
    assert.equal(responsible.responsible_admin_id, null);
    const summary = await other.db.selectFrom('audit_events').select('summary').where('action', '=', 'demo.load').executeTakeFirstOrThrow();
    assert.match(summary.summary, /forced beside existing data/);
  });
});

describeEachDialect('POST /api/v1/demo/load', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let root: TestSession;
  let siteAdmin: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    const now = ctx.clock.now();
    root = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    siteAdmin = await createUserWithSession(ctx.db, { username: 'site.admin', role: 'admin', scope: { kind: 'machine', machineIds: [] } }, now);
  });
  after(async () => {
    await app.close();
  });

  const load = (session: TestSession | null, payload: object, language = 'de') =>
    app.inject({ method: 'POST', url: '/api/v1/demo/load', payload, headers: { ...(session?.headers ?? {}), 'accept-language': language } });

  it('offers demo.load only to admins for all sites', async () => {
    const me = async (session: TestSession) => (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers })).json<{ user: MeView }>().user;
    assert.ok((await me(root)).global_actions.includes('demo.load'));
    assert.ok(!(await me(siteAdmin)).global_actions.includes('demo.load'));
  });

  it('refuses anonymous callers, admins of part of the plant and unknown fields, writing nothing', async () => {
    assert.equal((await load(null, {})).statusCode, 401);
    const forbidden = await load(siteAdmin, {});
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json<{ code: string }>().code, 'FORBIDDEN');
    const invalid = await load(root, { force: 'yes' });
    assert.equal(invalid.statusCode, 400);
    assert.equal((await load(root, { force: true, seed: 1 })).statusCode, 400);
    assert.equal(await count(ctx.db, 'sites'), 0);
  });

  it('loads the plant for an admin for all sites, who becomes the responsible admin; sites show the demo flag', async () => {
    const response = await load(root, {});
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json<DemoLoadResult>(), { site_keys: siteKeys, machines: plant.machines.length, advisories_imported: 0 });
    const responsible = await ctx.db.selectFrom('machines').select('responsible_admin_id').distinct().execute();
    assert.deepEqual(responsible, [{ responsible_admin_id: root.userId }]);
    const event = await ctx.db.selectFrom('audit_events').select(['actor_id', 'via', 'role']).where('action', '=', 'demo.load').executeTakeFirstOrThrow();
    assert.deepEqual(event, { actor_id: root.userId, via: 'web', role: 'admin' });
    const sites = (await app.inject({ method: 'GET', url: '/api/v1/sites', headers: root.headers })).json<SiteList>();
    assert.deepEqual(sites.items.map((site) => [site.key, site.demo]).sort(), [['HUM-LS', true], ['HUM-RS', true]]);
  });

  it('answers 409 INVENTORY_NOT_EMPTY without force and CONFLICT with it, in the caller’s language', async () => {
    const notEmpty = await load(root, {}, 'de');
    assert.equal(notEmpty.statusCode, 409);
    const problem = notEmpty.json<{ code: string; detail: string }>();
    assert.equal(problem.code, 'INVENTORY_NOT_EMPTY');
    assert.match(problem.detail, /--force/);
    assert.match((await load(root, {}, 'en')).json<{ detail: string }>().detail, /Use --force/);
    const withoutBody = await app.inject({ method: 'POST', url: '/api/v1/demo/load', headers: root.headers });
    assert.equal(withoutBody.json<{ code: string }>().code, 'INVENTORY_NOT_EMPTY');
    const conflict = await load(root, { force: true });
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.json<{ code: string }>().code, 'CONFLICT');
    assert.equal(await count(ctx.db, 'machines'), plant.machines.length);
  });
});

describe('patchwerk demo load --json', () => {
  it('prints {site_keys, machines, advisories_imported}; a second run exits 1 with INVENTORY_NOT_EMPTY, with --force with CONFLICT', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-demo-load-'));
    const run = (args: string[]) => runCli(args, { env: { PATCHWERK_DATA_DIR: dir } });
    try {
      const first = await run(['demo', 'load', '--json']);
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(JSON.parse(first.stdout), { site_keys: siteKeys, machines: plant.machines.length, advisories_imported: 0 });
      const again = await run(['demo', 'load', '--json']);
      assert.equal(again.code, 1);
      assert.equal((JSON.parse(again.stdout) as { code: string }).code, 'INVENTORY_NOT_EMPTY');
      const forced = await run(['demo', 'load', '--force', '--json']);
      assert.equal(forced.code, 1);
      assert.equal((JSON.parse(forced.stdout) as { code: string }).code, 'CONFLICT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
