import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import { cliActor } from '../../policies/actor.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { createTestDatabase, describeEachDialect } from '../../../test-support/databases.ts';
import { insertSegment, insertSite } from '../../../test-support/factories.ts';
import { exportInventory } from './inventory-export.service.ts';
import { importInventory, type ImportInventoryResult } from './inventory-import.service.ts';

const actor = cliActor('tester');
const header = [
  'site', 'area', 'machine_id', 'machine_name', 'machine_vendor', 'machine_model', 'serial_number', 'machine_type', 'criticality', 'updatable',
  'end_of_support', 'segment', 'ip', 'mac', 'hostname', 'component_type', 'component_vendor', 'component_name', 'component_version', 'model_number', 'cpe', 'purl',
];

/** A CSV file from rows keyed by column (missing cells empty). */
function csv(rows: Partial<Record<string, string>>[], options: { delimiter?: string; columns?: string[] } = {}): Buffer {
  const columns = options.columns ?? header;
  const delimiter = options.delimiter ?? ',';
  const quote = (value: string): string => (/[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return Buffer.from([columns.join(delimiter), ...rows.map((row) => columns.map((column) => quote(row[column] ?? '')).join(delimiter))].map((line) => `${line}\r\n`).join(''));
}

const press = { site: 'NORD', area: 'Halle 2', machine_id: 'PR-1', machine_name: 'Presse <script>alert(1)</script>', machine_vendor: 'Schuler', criticality: 'high', updatable: 'yes', end_of_support: '2029-12-31', segment: 'cell-1|cell-2', ip: '10.1.0.5|10.2.0.5', mac: '00-1B-1B-AA-BB-CC|', hostname: 'pr-1|pr-1b' };
const pressRows = [
  { ...press, component_type: 'plc', component_vendor: 'Siemens', component_name: 'S7-1500', component_version: '2.9.4', model_number: '6ES7516', cpe: 'cpe:2.3:o:siemens:s7-1500_firmware:2.9.4:*:*:*:*:*:*:*' },
  { ...press, component_type: 'hmi', component_vendor: 'Siemens', component_name: 'WinCC', component_version: '=1+2' },
  { ...press, component_type: 'os', component_name: 'Windows 10 IoT', component_version: '21H2', purl: 'pkg:generic/windows@21H2' },
];
const lathe = { site: 'NORD', machine_id: 'dm-7', machine_name: 'Drehmaschine', criticality: '' };

async function counts(ctx: AppContext): Promise<number[]> {
  const tables = ['sites', 'areas', 'segments', 'machines', 'machine_interfaces', 'components', 'audit_events'] as const;
  const result: number[] = [];
  for (const table of tables) result.push(Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
  return result;
}

function summary(result: ImportInventoryResult): number[] {
  return [result.machines_created, result.machines_updated, result.components_created, result.components_updated, result.components_removed];
}

describeEachDialect('inventory import/export', (database, dialect) => {
  let ctx: AppContext;

  before(async () => {
    ctx = await createTestContext(database());
    const north = await insertSite(ctx.db, { key: 'NORD' });
    await insertSegment(ctx.db, north.id, 'cell-1', { cidr: '10.1.0.0/24' });
  });

  it('rejects every bad input with row, column, value and reason and writes nothing', async () => {
    const before = await counts(ctx);
    const bad = csv([
      { ...lathe, ip: '10.0.0.300', criticality: 'sehr hoch', component_name: 'X', component_type: 'robot' },
      { ...lathe, machine_name: 'Other name', component_name: 'Y' },
      { site: 'NORD', machine_id: '', machine_name: '' },
      { ...lathe, end_of_support: '31.02.2027', component_name: 'Z', cpe: 'cpe:bogus' },
    ]);
    const result = await importInventory(ctx, actor, { files: [{ name: 'bad.csv', bytes: bad }], dryRun: false });
    const found = result.errors.map((error) => [error.code, error.row, error.column, error.value]);
    for (const expected of [
      ['IP_INVALID', 2, 'ip', '10.0.0.300'],
      ['INVENTORY_CODE_UNKNOWN', 2, 'criticality', 'sehr hoch'],
      ['INVENTORY_CODE_UNKNOWN', 2, 'component_type', 'robot'],
      ['VALUE_REQUIRED', 4, 'machine_id', ''],
      ['VALUE_REQUIRED', 4, 'machine_name', ''],
      ['INVENTORY_DATE_INVALID', 5, 'end_of_support', '31.02.2027'],
      ['CPE_INVALID', 5, 'cpe', 'cpe:bogus'],
    ]) assert.ok(found.some((item) => JSON.stringify(item) === JSON.stringify(expected)), `${JSON.stringify(expected)} in ${JSON.stringify(found)}`);
    assert.ok(result.errors.every((error) => error.file === 'bad.csv' && error.message.length > 0));
    assert.deepEqual(summary(result), [0, 0, 0, 0, 0]);
    assert.deepEqual(await counts(ctx), before);

    const conflict = await importInventory(ctx, actor, { files: [{ name: 'c.csv', bytes: csv([{ ...lathe, component_name: 'A' }, { ...lathe, machine_name: 'Other', component_name: 'B' }]) }], dryRun: false });
    assert.deepEqual(conflict.errors.map((error) => [error.code, error.row, error.column, error.value]), [['INVENTORY_CONFLICT', 3, 'machine_name', 'Other']]);

    const missing = await importInventory(ctx, actor, { files: [{ name: 'm.csv', bytes: csv([lathe], { columns: header.filter((column) => column !== 'purl' && column !== 'ip') }) }], dryRun: false });
    assert.deepEqual(missing.errors.map((error) => [error.code, error.row, error.column]), [['INVENTORY_COLUMN_MISSING', 1, 'ip'], ['INVENTORY_COLUMN_MISSING', 1, 'purl']]);

    const encoding = await importInventory(ctx, actor, { files: [{ name: 'e.csv', bytes: Buffer.concat([csv([lathe]), Buffer.from([0x8f])]) }], dryRun: false });
    assert.deepEqual(encoding.errors.map((error) => [error.code, error.value]), [['INVENTORY_ENCODING', '0x8f']]);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('components');
    sheet.addRow(header);
    sheet.addRow(['NORD', '', 'XL-1', { formula: 'B1' }]);
    const formula = await importInventory(ctx, actor, { files: [{ name: 'f.xlsx', bytes: Buffer.from(await workbook.xlsx.writeBuffer()) }], dryRun: false });
    assert.deepEqual(formula.errors.map((error) => [error.code, error.row, error.column]), [['INVENTORY_FORMULA_WITHOUT_VALUE', 2, 'machine_name']]);
    assert.deepEqual(await counts(ctx), before);
  });

  it('dry run counts and writes nothing; import creates segments, stores names verbatim, warns; re-import is idempotent', async () => {
    const file = { name: 'plant.csv', bytes: csv([...pressRows, lathe]) };
    const before = await counts(ctx);
    const dry = await importInventory(ctx, actor, { files: [file], dryRun: true });
    assert.deepEqual(dry.errors, []);
    assert.deepEqual(summary(dry), [2, 0, 3, 0, 0]);
    assert.deepEqual(await counts(ctx), before);

    const first = await importInventory(ctx, actor, { files: [file], dryRun: false });
    assert.deepEqual(first.errors, []);
    assert.deepEqual(summary(first), [2, 0, 3, 0, 0]);
    assert.deepEqual(first.warnings.map((warning) => [warning.code, warning.row, warning.column, warning.value]), [
      ['INVENTORY_AREA_CREATED', 2, 'area', 'Halle 2'],
      ['INVENTORY_SEGMENT_CREATED', 2, 'segment', 'cell-2'],
    ]);
    const machine = await ctx.db.selectFrom('machines').selectAll().where('machine_id', '=', 'PR-1').executeTakeFirstOrThrow();
    assert.equal(machine.name, 'Presse <script>alert(1)</script>');
    assert.equal(machine.criticality, 'high');
    assert.equal(machine.updatable, 1);
    const segment = await ctx.db.selectFrom('segments').selectAll().where('key', '=', 'cell-2').executeTakeFirstOrThrow();
    assert.deepEqual([segment.zone_type, segment.needs_review], ['unknown', 1]);
    const links = await ctx.db.selectFrom('machine_interfaces').selectAll().where('machine_id', '=', machine.id).orderBy('position').execute();
    assert.deepEqual(links.map((link) => [link.ip, link.mac, link.hostname]), [['10.1.0.5', '00:1b:1b:aa:bb:cc', 'pr-1'], ['10.2.0.5', null, 'pr-1b']]);
    const version = await ctx.db.selectFrom('components').select('component_version').where('name', '=', 'WinCC').executeTakeFirstOrThrow();
    assert.equal(version.component_version, '=1+2');

    const afterFirst = await counts(ctx);
    const second = await importInventory(ctx, actor, { files: [file], dryRun: false });
    assert.deepEqual(summary(second), [0, 0, 0, 0, 0]);
    assert.deepEqual(await counts(ctx), afterFirst);
  });

  it('is authoritative for the machines listed: missing components are marked removed, history kept', async () => {
    const file = csv([{ ...pressRows[0]!, component_version: '3.0.1' }, lathe]);
    const result = await importInventory(ctx, actor, { files: [{ name: 'less.csv', bytes: file }], dryRun: false });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(result), [0, 0, 0, 1, 2]);
    const rows = await ctx.db.selectFrom('components').select(['name', 'removed_at', 'component_version']).orderBy('name').execute();
    assert.deepEqual(rows.map((row) => [row.name, row.removed_at !== null, row.component_version]), [
      ['S7-1500', false, '3.0.1'], ['WinCC', true, '=1+2'], ['Windows 10 IoT', true, '21H2'],
    ]);
  });

  it('warns on an IP outside the segment CIDR and on an unknown site, which it creates', async () => {
    const result = await importInventory(ctx, actor, { files: [{ name: 'w.csv', bytes: csv([{ site: 'SUED', machine_id: 'S-1', machine_name: 'Säge' }, { ...pressRows[0]!, component_version: '3.0.1', ip: '10.9.9.9|10.2.0.5' }, lathe]) }], dryRun: false });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings.map((warning) => [warning.code, warning.row, warning.column, warning.value]), [
      ['INVENTORY_SITE_CREATED', 2, 'site', 'SUED'],
      ['INVENTORY_IP_OUTSIDE_SEGMENT', 3, 'ip', '10.9.9.9'],
    ]);
    assert.deepEqual(summary(result), [1, 1, 0, 0, 0]);
  });

  it('imports German Excel CSV (; Windows-1252 CRLF, labels, dd.mm.yyyy)', async () => {
    const text = csv([{ site: 'NORD', machine_id: 'FR-1', machine_name: 'Fräse Größe', criticality: 'Hoch', updatable: 'ja', end_of_support: '31.12.2027', component_type: 'SPS', component_name: 'Steuerung für Späne' }], { delimiter: ';' }).toString('utf8');
    const result = await importInventory(ctx, actor, { files: [{ name: 'de.csv', bytes: Buffer.from(text, 'latin1') }], dryRun: false });
    assert.deepEqual(result.errors, []);
    const machine = await ctx.db.selectFrom('machines').selectAll().where('machine_id', '=', 'FR-1').executeTakeFirstOrThrow();
    assert.deepEqual([machine.name, machine.criticality, machine.updatable, machine.end_of_support], ['Fräse Größe', 'high', 1, '2027-12-31']);
    const component = await ctx.db.selectFrom('components').selectAll().where('machine_id', '=', machine.id).executeTakeFirstOrThrow();
    assert.deepEqual([component.component_type, component.name], ['plc', 'Steuerung für Späne']);
  });

  it('round trips: export → import into an empty database → export is byte-identical (CSV, both delimiters) and cell-identical (XLSX)', async () => {
    const empty = await createTestDatabase(dialect);
    try {
      const other = await createTestContext(empty);
      const csvExport = await exportInventory(ctx, actor, { format: 'csv' });
      const semicolon = await exportInventory(ctx, actor, { format: 'csv', delimiter: ';' });
      const xlsxExport = await exportInventory(ctx, actor, { format: 'xlsx' });
      assert.ok(csvExport.machines >= 4);
      const imported = await importInventory(other, actor, { files: [{ name: 'export.csv', bytes: csvExport.bytes }], dryRun: false });
      assert.deepEqual(imported.errors, []);
      assert.deepEqual((await exportInventory(other, actor, { format: 'csv' })).bytes, csvExport.bytes);
      assert.deepEqual((await exportInventory(other, actor, { format: 'csv', delimiter: ';' })).bytes, semicolon.bytes);
      const again = await importInventory(other, actor, { files: [{ name: 'export.xlsx', bytes: xlsxExport.bytes }], dryRun: false });
      assert.deepEqual(again.errors, []);
      assert.deepEqual(summary(again), [0, 0, 0, 0, 0]);
      const cells = async (bytes: Buffer): Promise<unknown[]> => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
        const values: unknown[] = [];
        workbook.getWorksheet('components')!.eachRow((row) => values.push(row.values));
        return values;
      };
      assert.deepEqual(await cells((await exportInventory(other, actor, { format: 'xlsx' })).bytes), await cells(xlsxExport.bytes));
      const single = await exportInventory(other, actor, { format: 'csv', machineId: 'pr-1' });
      assert.equal(single.machines, 1);
    } finally {
      await empty.destroy();
    }
  });

  it('refuses to overwrite a machine or component changed between planning and writing (STALE_OBJECT)', async () => {
    const rows = (name: string, version: string): Buffer => csv([{ site: 'NORD', machine_id: 'RACE-1', machine_name: name, component_name: 'Ctl', component_version: version }]);
    assert.deepEqual((await importInventory(ctx, actor, { files: [{ name: 'r.csv', bytes: rows('Race', '1') }], dryRun: false })).errors, []);
    // A concurrent edit lands after the import planned but before its transaction starts.
    const concurrent = async (): Promise<void> => {
      await ctx.db.updateTable('machines').set((eb) => ({ name: 'Edited meanwhile', version: eb('version', '+', 1) })).where('machine_id', '=', 'RACE-1').execute();
      await ctx.db.updateTable('components').set((eb) => ({ component_version: '9', version: eb('version', '+', 1) })).where('name', '=', 'Ctl').execute();
    };
    const adapter = Object.create(ctx.adapter) as AppContext['adapter'];
    adapter.writeTransaction = async (db, work) => {
      await concurrent();
      return ctx.adapter.writeTransaction(db, work);
    };
    const racing = { ...ctx, adapter };
    await assert.rejects(importInventory(racing, actor, { files: [{ name: 'r.csv', bytes: rows('Race 2', '2') }], dryRun: false }), { code: 'STALE_OBJECT' });
    const machine = await ctx.db.selectFrom('machines').select(['name', 'version']).where('machine_id', '=', 'RACE-1').executeTakeFirstOrThrow();
    assert.deepEqual([machine.name, machine.version], ['Edited meanwhile', 2]);
    // Only components changed: the machine row is not rewritten, the component is still checked.
    await assert.rejects(importInventory(racing, actor, { files: [{ name: 'r.csv', bytes: rows('Edited meanwhile', '3') }], dryRun: false }), { code: 'STALE_OBJECT' });
    const component = await ctx.db.selectFrom('components').select(['component_version']).where('name', '=', 'Ctl').executeTakeFirstOrThrow();
    assert.equal(component.component_version, '9');
  });

  it('neutralises formula starts in the export', async () => {
    await importInventory(ctx, actor, { files: [{ name: 'f.csv', bytes: csv([{ site: 'NORD', machine_id: 'F-1', machine_name: '=cmd|calc', component_name: '@x', component_version: '-1' }]) }], dryRun: false });
    const text = (await exportInventory(ctx, actor, { format: 'csv', machineId: 'F-1' })).bytes.toString('utf8');
    assert.ok(text.includes(",'=cmd|calc,"), text);
    assert.ok(text.includes(",'@x,'-1,"), text);
  });
});
