import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import type { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { cliActor } from '../../policies/actor.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { createTestDatabase, describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSegment, insertSite } from '../../../test-support/factories.ts';
import type { CdxBom } from './cyclonedx.ts';
import { cyclonedxSchemaProblems } from './cyclonedx-validation.ts';
import { exportCycloneDx, exportInventory } from './inventory-export.service.ts';
import { importInventory, type ImportInventoryResult } from './inventory-import.service.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

// CycloneDX import and export through the inventory pipeline, on both databases: round trip,
// all-or-nothing, removal marking, site handling, folders, and real BOMs from the corpus.

const actor = cliActor('tester');
const corpus = path.join(corpusDir, 'cyclonedx');
const corpusMissing = existsSync(corpus) ? false : `corpus folder ${corpus} is missing (CI has it): real-world BOMs not checked`;

const header = [
  'site', 'area', 'machine_id', 'machine_name', 'machine_vendor', 'machine_model', 'serial_number', 'machine_type', 'line', 'criticality', 'safety_impact',
  'mission_impact', 'updatable', 'end_of_support', 'network_state', 'operating_system', 'segment', 'ip', 'mac', 'hostname',
  'component_type', 'component_vendor', 'component_name', 'component_version', 'model_number', 'cpe', 'purl',
];

function csv(rows: Partial<Record<string, string>>[]): Buffer {
  const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return Buffer.from([header.join(','), ...rows.map((row) => header.map((column) => quote(row[column] ?? '')).join(','))].map((line) => `${line}\r\n`).join(''));
}

const press = {
  site: 'NORD', area: 'Halle Süd', machine_id: 'PRÄ-1', machine_name: 'Presse Größe 4', machine_vendor: 'Müller Weingarten', machine_model: 'PZS 800',
  serial_number: 'SN-ÄÖÜ-1', machine_type: 'Presse', line: 'L1', criticality: 'high', safety_impact: 'critical', mission_impact: 'mef_failure', updatable: 'yes',
  end_of_support: '2029-12-31', network_state: 'connected', operating_system: 'Windows 10 IoT', segment: 'cell-1|cell-2', ip: '10.1.0.5|10.2.0.5',
  mac: '00:1b:1b:aa:bb:cc|', hostname: 'prae-1|prae-1b',
};
const pressComponents = [
  { component_type: 'firmware', component_vendor: 'Bosch Rexroth', component_name: 'IndraDrive Firmware', component_version: '20V14', model_number: 'HCS01.1E' },
  { component_type: 'os', component_vendor: 'Microsoft', component_name: 'Windows 10 IoT Enterprise', component_version: '21H2', purl: 'pkg:generic/microsoft/windows@21H2' },
  { component_type: 'application', component_vendor: 'Müller', component_name: 'Pressensteuerung Größe', component_version: '3.1.0' },
  { component_type: 'hmi', component_vendor: 'Siemens', component_name: 'WinCC Unified', component_version: 'V18', model_number: '6AV2153' },
  { component_type: 'plc', component_vendor: 'Siemens', component_name: 'S7-1500', component_version: '2.9.4', model_number: '6ES7516-3AN02-0AB0', cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*' },
  { component_type: 'network', component_vendor: 'Phoenix Contact', component_name: 'FL SWITCH 2008', component_version: '3.30', model_number: '2702323' },
  { component_type: 'other', component_name: 'Lichtvorhang', component_version: '1.0' },
];

function summary(result: ImportInventoryResult): number[] {
  return [result.machines_created, result.machines_updated, result.components_created, result.components_updated, result.components_removed];
}

async function counts(ctx: AppContext): Promise<number[]> {
  const tables = ['sites', 'areas', 'segments', 'machines', 'machine_interfaces', 'components', 'audit_events'] as const;
  const result: number[] = [];
  for (const table of tables) result.push(Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
  return result;
}

const json = (bytes: Buffer): CdxBom => JSON.parse(bytes.toString('utf8')) as CdxBom;
const bytesOf = (document: unknown): Buffer => Buffer.from(JSON.stringify(document, null, 2));
const withoutTimestamp = (bom: CdxBom): CdxBom => ({ ...bom, metadata: { ...bom.metadata, timestamp: 'X' } });

describeEachDialect('CycloneDX import/export', (database, dialect) => {
  let ctx: AppContext;
  let pressBom: Buffer;

  before(async () => {
    ctx = await createTestContext(database());
    const north = await insertSite(ctx.db, { key: 'NORD' });
    await insertSegment(ctx.db, north.id, 'cell-1', { cidr: '10.1.0.0/24' });
    const seeded = await importInventory(ctx, actor, { files: [{ name: 'press.csv', bytes: csv(pressComponents.map((component) => ({ ...press, ...component }))) }], dryRun: false });
    assert.deepEqual(seeded.errors, []);
    pressBom = (await exportInventory(ctx, actor, { format: 'cyclonedx', machineId: 'prä-1' })).bytes;
  });

  it('exports one machine as a BOM that passes the library 1.6 validator, with every component type, CPE, PURL, model numbers and umlauts', async () => {
    assert.deepEqual(await cyclonedxSchemaProblems(pressBom.toString('utf8')), []);
    const bom = json(pressBom);
    assert.equal(bom.metadata!.timestamp, ctx.clock.now().toISOString());
    assert.equal(bom.metadata!.component!['bom-ref'], 'PRÄ-1');
    assert.equal(bom.components!.length, 7);
    assert.deepEqual(bom.components!.map((component) => component.properties![0]!.value).sort(), ['application', 'firmware', 'hmi', 'network', 'os', 'other', 'plc']);
    assert.ok(bom.components!.some((component) => component.cpe?.startsWith('cpe:2.3:o:siemens') && component.supplier?.name === 'Siemens'));
    assert.ok(bom.components!.some((component) => component.purl === 'pkg:generic/microsoft/windows@21H2' && component.type === 'operating-system'));
    assert.ok(bom.components!.some((component) => component.name === 'Pressensteuerung Größe'));
    const file = await exportInventory(ctx, actor, { format: 'cyclonedx', machineId: 'prä-1' });
    assert.deepEqual([file.fileName, file.mediaType, file.machines, file.components], ['PR_-1.cdx.json', 'application/vnd.cyclonedx+json', 1, 7]);
    await assert.rejects(exportInventory(ctx, actor, { format: 'cyclonedx' }), (error: { code: string; details: { code: string; path: string }[] }) => {
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(error.details.map((detail) => [detail.code, detail.path]), [['VALUE_REQUIRED', '/machine']]);
      return true;
    });
    await assert.rejects(exportInventory(ctx, actor, { format: 'cyclonedx', machineId: 'nope' }), { code: 'NOT_FOUND' });
  });

  it('round trips: export → import into an empty database → export equals the first export except metadata.timestamp', async () => {
    const empty = await createTestDatabase(dialect);
    try {
      const other = await createTestContext(empty);
      (other.clock as ManualClock).advance(86_400_000);
      const dry = await importInventory(other, actor, { files: [{ name: 'PR_-1.cdx.json', bytes: pressBom }], dryRun: true });
      assert.deepEqual(dry.errors, []);
      assert.deepEqual(summary(dry), [1, 0, 7, 0, 0]);
      assert.equal(await other.db.selectFrom('machines').selectAll().executeTakeFirst(), undefined, 'a dry run writes nothing');
      const imported = await importInventory(other, actor, { files: [{ name: 'PR_-1.cdx.json', bytes: pressBom }], dryRun: false });
      assert.deepEqual(imported.errors, []);
      assert.deepEqual(summary(imported), [1, 0, 7, 0, 0]);
      assert.deepEqual(imported.warnings.map((warning) => [warning.code, warning.path, warning.value]).sort(), [
        ['INVENTORY_AREA_CREATED', '/metadata/component/properties/1/value', 'Halle Süd'],
        ['INVENTORY_SEGMENT_CREATED', '/metadata/component/properties/16/value', 'cell-1'],
        ['INVENTORY_SEGMENT_CREATED', '/metadata/component/properties/16/value', 'cell-2'],
        ['INVENTORY_SITE_CREATED', '/metadata/component/properties/0/value', 'NORD'],
      ]);
      assert.ok(imported.warnings.every((warning) => warning.file === 'PR_-1.cdx.json' && warning.row === undefined && warning.column === undefined));
      const again = (await exportInventory(other, actor, { format: 'cyclonedx', machineId: 'PRÄ-1' })).bytes;
      const [first, second] = [json(pressBom), json(again)];
      assert.notEqual(second.metadata!.timestamp, first.metadata!.timestamp);
      assert.deepEqual(withoutTimestamp(second), withoutTimestamp(first));
      assert.deepEqual((await exportInventory(other, actor, { format: 'csv' })).bytes, (await exportInventory(ctx, actor, { format: 'csv', machineId: 'PRÄ-1' })).bytes, 'the same inventory as CSV');
      const repeated = await importInventory(other, actor, { files: [{ name: 'PR_-1.cdx.json', bytes: again }], dryRun: false });
      assert.deepEqual([repeated.errors, summary(repeated)], [[], [0, 0, 0, 0, 0]]);
    } finally {
      await empty.destroy();
    }
  });

  it('is authoritative for the machine: components missing from the BOM are marked removed (dry run shows it)', async () => {
    const bom = json(pressBom);
    const dropped = bom.components!.find((component) => component.name === 'Lichtvorhang')!;
    const trimmed = { ...bom, components: bom.components!.filter((component) => component !== dropped), dependencies: [{ ref: 'PRÄ-1' }] };
    trimmed.components.find((component) => component.name === 'S7-1500')!.version = '3.0.1';
    const dry = await importInventory(ctx, actor, { files: [{ name: 'p.cdx.json', bytes: bytesOf(trimmed) }], dryRun: true });
    assert.deepEqual([dry.errors, summary(dry)], [[], [0, 0, 0, 1, 1]]);
    const done = await importInventory(ctx, actor, { files: [{ name: 'p.cdx.json', bytes: bytesOf(trimmed) }], dryRun: false });
    assert.deepEqual([done.errors, summary(done)], [[], [0, 0, 0, 1, 1]]);
    const removed = await ctx.db.selectFrom('components').select(['removed_at']).where('name', '=', 'Lichtvorhang').executeTakeFirstOrThrow();
    assert.equal(removed.removed_at, ctx.clock.now().toISOString());
    const exported = json((await exportInventory(ctx, actor, { format: 'cyclonedx', machineId: 'PRÄ-1' })).bytes);
    assert.equal(exported.components!.length, 6, 'removed components are not exported');
    assert.ok(!exported.components!.some((component) => component.name === 'Lichtvorhang'));
    // Back to the original state for the other tests.
    assert.deepEqual((await importInventory(ctx, actor, { files: [{ name: 'p.cdx.json', bytes: pressBom }], dryRun: false })).errors, []);
  });

  it('rejects wrong spec versions, duplicate bom-refs, a missing machine, non-JSON and schema violations: error objects, nothing written', async () => {
    const before = await counts(ctx);
    const valid = (): CdxBom => json(pressBom);
    const duplicate = valid();
    duplicate.components![3]!['bom-ref'] = duplicate.components![0]!['bom-ref'];
    const noMachine = valid();
    delete noMachine.metadata!.component;
    const schema = valid() as unknown as { components: Record<string, unknown>[] };
    schema.components[2]!.version = 3;
    const cases: [string, Buffer, [string, string | undefined, string | undefined][]][] = [
      ['v15.cdx.json', bytesOf({ ...valid(), specVersion: '1.5' }), [['CYCLONEDX_SPEC_VERSION', '/specVersion', '1.5']]],
      ['v14.cdx.json', bytesOf({ ...valid(), specVersion: '1.4' }), [['CYCLONEDX_SPEC_VERSION', '/specVersion', '1.4']]],
      ['dup.cdx.json', bytesOf(duplicate), [['CYCLONEDX_BOM_REF_DUPLICATE', '/components/3/bom-ref', duplicate.components![0]!['bom-ref']]]],
      ['none.cdx.json', bytesOf(noMachine), [['CYCLONEDX_MACHINE_MISSING', '/metadata/component', undefined]]],
      ['broken.cdx.json', pressBom.subarray(0, 200), [['CYCLONEDX_NOT_JSON', undefined, undefined]]],
      ['schema.cdx.json', bytesOf(schema), [['CYCLONEDX_SCHEMA', '/components/2/version', undefined]]],
    ];
    for (const [name, bytes, expected] of cases) {
      const result = await importInventory(ctx, actor, { files: [{ name, bytes }], dryRun: false });
      assert.deepEqual(result.errors.map((error) => [error.code, error.path, error.value]), expected, name);
      assert.ok(result.errors.every((error) => error.file === name && error.message.length > 0 && error.row === undefined), name);
      assert.deepEqual(summary(result), [0, 0, 0, 0, 0], name);
    }
    const v15 = await importInventory(ctx, { ...actor, language: 'de' }, { files: [{ name: 'v.cdx.json', bytes: bytesOf({ ...valid(), specVersion: '1.5' }) }], dryRun: false });
    assert.equal(v15.errors[0]!.message, 'CycloneDX 1.5 wird nicht angenommen; erwartet wird specVersion 1.6.');
    // With a good BOM beside it, still nothing is written.
    const mixed = await importInventory(ctx, actor, { files: [{ name: 'good.cdx.json', bytes: pressBom }, { name: 'dup.cdx.json', bytes: bytesOf(duplicate) }], dryRun: false });
    assert.equal(mixed.errors.length, 1);
    assert.deepEqual(await counts(ctx), before);
  });

  it('reports bad values inside a BOM once, at the pointer they came from', async () => {
    const before = await counts(ctx);
    const bom = json(pressBom);
    const property = (name: string) => bom.metadata!.component!.properties!.find((entry) => entry.name === name)!;
    property('patchwerk:criticality').value = 'sehr hoch';
    property('patchwerk:ip').value = '10.1.0.300|10.2.0.5';
    const plc = bom.components!.findIndex((component) => component.name === 'S7-1500');
    bom.components![plc]!.cpe = 'cpe:bogus';
    bom.components![plc]!.properties![0]!.value = 'robot';
    const result = await importInventory(ctx, actor, { files: [{ name: 'bad.cdx.json', bytes: bytesOf(bom) }], dryRun: false });
    assert.deepEqual(result.errors.map((error) => [error.code, error.path, error.value]).sort(), [
      ['CPE_INVALID', `/components/${plc}/cpe`, 'cpe:bogus'],
      ['INVENTORY_CODE_UNKNOWN', `/components/${plc}/properties/0/value`, 'robot'],
      ['INVENTORY_CODE_UNKNOWN', '/metadata/component/properties/7/value', 'sehr hoch'],
      ['IP_INVALID', '/metadata/component/properties/17/value', '10.1.0.300'],
    ]);
    assert.deepEqual(await counts(ctx), before);
  });

  it('a BOM without patchwerk:site: a known machine keeps its site and interfaces, an unknown one is refused with a pointer', async () => {
    const north = await ctx.db.selectFrom('sites').select('id').where('key', '=', 'NORD').executeTakeFirstOrThrow();
    const known = await insertMachine(ctx.db, { machine_id: 'SPS-9', site_id: north.id });
    await ctx.db.insertInto('machine_interfaces').values({ id: crypto.randomUUID(), machine_id: known.id, position: 0, ip: '10.1.0.9', mac: null, hostname: 'sps-9', segment_id: null }).execute();
    const foreign = (machineId: string): Buffer => bytesOf({
      bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
      metadata: { component: { type: 'device', 'bom-ref': machineId, name: 'Fremd-SPS', manufacturer: { name: 'Beckhoff' } } },
      components: [{ type: 'firmware', 'bom-ref': 'fw', name: 'TwinCAT', version: '3.1.4024', supplier: { name: 'Beckhoff' } }],
    });
    const result = await importInventory(ctx, actor, { files: [{ name: 'sps.cdx.json', bytes: foreign('sps-9') }], dryRun: false });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(result), [0, 1, 1, 0, 0]);
    const machine = await ctx.db.selectFrom('machines').selectAll().where('id', '=', known.id).executeTakeFirstOrThrow();
    assert.deepEqual([machine.site_id, machine.name, machine.vendor], [north.id, 'Fremd-SPS', 'Beckhoff']);
    const interfaces = await ctx.db.selectFrom('machine_interfaces').select(['ip', 'hostname']).where('machine_id', '=', known.id).execute();
    assert.deepEqual(interfaces, [{ ip: '10.1.0.9', hostname: 'sps-9' }]);

    const before = await counts(ctx);
    const unknown = await importInventory(ctx, actor, { files: [{ name: 'new.cdx.json', bytes: foreign('NEU-1') }], dryRun: false });
    assert.deepEqual(unknown.errors.map((error) => [error.code, error.file, error.path]), [['VALUE_REQUIRED', 'new.cdx.json', '/metadata/component']]);
    assert.match(unknown.errors[0]!.message, /patchwerk:site/);
    assert.deepEqual(await counts(ctx), before);
  });

  it('imports several BOMs (and CSV) in one go; conflicts between files name both places', async () => {
    const second = json(pressBom);
    second.metadata!.component!['bom-ref'] = 'PRÄ-2';
    second.dependencies = [{ ref: 'PRÄ-2', dependsOn: second.dependencies![0]!.dependsOn! }];
    const lathe = csv([{ site: 'NORD', machine_id: 'DM-3', machine_name: 'Drehmaschine', component_type: 'plc', component_name: 'Sinumerik', component_version: '4.95' }]);
    const result = await importInventory(ctx, actor, { files: [{ name: 'a.cdx.json', bytes: pressBom }, { name: 'b.cdx.json', bytes: bytesOf(second) }, { name: 'c.csv', bytes: lathe }], dryRun: false });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(result), [2, 0, 8, 0, 0]);
    const bom = await exportCycloneDx(ctx, actor, { machineId: 'dm-3' });
    assert.deepEqual(bom.files.map((file) => file.fileName), ['DM-3.cdx.json']);
    assert.deepEqual(await cyclonedxSchemaProblems(bom.files[0]!.bytes.toString('utf8')), []);

    const renamed = json(pressBom);
    renamed.metadata!.component!.name = 'Anderer Name';
    const conflict = await importInventory(ctx, actor, { files: [{ name: 'a.cdx.json', bytes: pressBom }, { name: 'b.cdx.json', bytes: bytesOf(renamed) }], dryRun: false });
    assert.deepEqual(conflict.errors.map((error) => [error.code, error.file, error.path, error.value]), [['INVENTORY_CONFLICT', 'b.cdx.json', '/metadata/component/name', 'Anderer Name']]);
    assert.match(conflict.errors[0]!.message, /a\.cdx\.json .*\/metadata\/component\/name/);
  });

  it('exports every machine the actor may read as one BOM each, all valid', async () => {
    const all = await exportCycloneDx(ctx, actor);
    assert.ok(all.machines >= 4);
    assert.equal(all.files.length, all.machines);
    assert.equal(new Set(all.files.map((file) => file.fileName.toLowerCase())).size, all.files.length);
    for (const file of all.files) assert.deepEqual(await cyclonedxSchemaProblems(file.bytes.toString('utf8')), [], file.fileName);
  });

  it('gives machines whose file names would collide distinct names', async () => {
    const north = await ctx.db.selectFrom('sites').select('id').where('key', '=', 'NORD').executeTakeFirstOrThrow();
    await insertMachine(ctx.db, { machine_id: 'K 1', site_id: north.id });
    await insertMachine(ctx.db, { machine_id: 'k/1', site_id: north.id });
    const names = (await exportCycloneDx(ctx, actor)).files.map((file) => file.fileName).filter((name) => name.toLowerCase().startsWith('k_1'));
    assert.deepEqual(names, ['K_1.cdx.json', 'k_1_2.cdx.json']);
  });

  it('real-world BOMs from the corpus: older versions are refused by name, a 1.6 BOM of an application has no machine, a hardware BOM imports as a machine', { skip: corpusMissing }, async () => {
    const before = await counts(ctx);
    const read = (file: string): Buffer => readFileSync(path.join(corpus, file));
    const hbom = read('HBOM/PCIe-SATA-adapter-board/bom.json');
    const old = await importInventory(ctx, actor, { files: [{ name: 'bom.json', bytes: hbom }], dryRun: false });
    assert.deepEqual(old.errors.map((error) => [error.code, error.path, error.value]), [['CYCLONEDX_SPEC_VERSION', '/specVersion', '1.4']]);
    const laravel = await importInventory(ctx, actor, { files: [{ name: 'bom.1.4.json', bytes: read('SBOM/laravel-7.12.0/bom.1.4.json') }], dryRun: false });
    assert.deepEqual(laravel.errors.map((error) => error.code), ['CYCLONEDX_SPEC_VERSION']);
    const cbom = await importInventory(ctx, actor, { files: [{ name: 'cbom.json', bytes: read('CBOM/Example-With-Dependencies/bom.json') }], dryRun: false });
    assert.deepEqual(cbom.errors.map((error) => [error.code, error.path, error.value]), [['CYCLONEDX_MACHINE_MISSING', '/metadata/component/type', 'application']]);
    assert.deepEqual(await counts(ctx), before);

    // The hardware BOM (a device, 1.4) read as 1.6: it passes the 1.6 schema, and its parts (devices) become components of type other.
    const north = await ctx.db.selectFrom('sites').select('id').where('key', '=', 'NORD').executeTakeFirstOrThrow();
    await insertMachine(ctx.db, { machine_id: 'pcie-sata-adaptor-board', site_id: north.id });
    const document = JSON.parse(hbom.toString('utf8')) as CdxBom;
    const imported = await importInventory(ctx, actor, { files: [{ name: 'bom.json', bytes: bytesOf({ ...document, specVersion: '1.6' }) }], dryRun: false });
    assert.deepEqual(imported.errors, []);
    assert.deepEqual(summary(imported), [0, 1, document.components!.length, 0, 0]);
    assert.ok(imported.warnings.length === document.components!.length && imported.warnings.every((warning) => warning.code === 'CYCLONEDX_TYPE_MAPPED' && warning.value === 'device'));
    const exported = await exportCycloneDx(ctx, actor, { machineId: 'pcie-sata-adaptor-board' });
    assert.deepEqual(await cyclonedxSchemaProblems(exported.files[0]!.bytes.toString('utf8')), []);
    assert.ok(json(exported.files[0]!.bytes).components!.some((component) => component.supplier?.name === 'Samtec' && component.version === '2.9.10'));
  });
});
