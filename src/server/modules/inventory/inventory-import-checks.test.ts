import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import type { ErrorDetail } from '../../errors/app-error.ts';
import { cliActor, type Actor } from '../../policies/actor.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import { exportInventory } from './inventory-export.service.ts';
import { importInventory, type ImportInventoryResult } from './inventory-import.service.ts';
import { INVENTORY_UPLOAD_MAX_BYTES } from './inventory.schema.ts';

// The "Bad input" list, one case each: row, column, value and reason (message) of every
// problem, and nothing written. Plus the importer's authorization of site-scoped actors.

const admin = cliActor('tester');
const header = [
  'site', 'machine_id', 'machine_name', 'machine_vendor', 'machine_model', 'serial_number', 'machine_type', 'criticality', 'segment', 'ip',
  'component_type', 'component_vendor', 'component_name', 'component_version', 'model_number', 'cpe', 'purl',
];

function csv(rows: Partial<Record<string, string>>[], columns: string[] = header): Buffer {
  const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return Buffer.from([columns.join(','), ...rows.map((row) => columns.map((column) => quote(row[column] ?? '')).join(','))].map((line) => `${line}\r\n`).join(''));
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('components');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function counts(ctx: AppContext): Promise<number[]> {
  const tables = ['sites', 'areas', 'segments', 'machines', 'machine_interfaces', 'components', 'audit_events'] as const;
  const result: number[] = [];
  for (const table of tables) result.push(Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
  return result;
}

const where = (detail: ErrorDetail): unknown[] => [detail.code, detail.file, detail.row, detail.column, detail.value];
const summary = (result: ImportInventoryResult): number[] =>
  [result.machines_created, result.machines_updated, result.components_created, result.components_updated, result.components_removed];

const machine = { site: 'NORD', machine_id: 'M-1', machine_name: 'Presse', component_name: 'S7-1500' };

describeEachDialect('inventory import: bad input and authorization', (database) => {
  let ctx: AppContext;
  let north: string;
  let south: string;

  before(async () => {
    ctx = await createTestContext(database());
    north = (await insertSite(ctx.db, { key: 'NORD' })).id;
    south = (await insertSite(ctx.db, { key: 'SUED' })).id;
    await insertMachine(ctx.db, { machine_id: 'S-1', site_id: south, name: 'Säge' });
  });

  /** Imports (not a dry run) and asserts that the errors are exactly `expected` and nothing was written. */
  async function rejects(files: { name: string; bytes: Buffer }[], expected: unknown[][], actor: Actor = admin): Promise<ImportInventoryResult> {
    const before = await counts(ctx);
    const result = await importInventory(ctx, actor, { files, dryRun: false });
    assert.deepEqual(result.errors.map(where), expected);
    for (const error of result.errors) assert.ok(error.message.length > 0 && !error.message.includes('{'), `reason of ${error.code}: ${error.message}`);
    assert.deepEqual(summary(result), [0, 0, 0, 0, 0]);
    assert.deepEqual(await counts(ctx), before, 'nothing written');
    return result;
  }

  it('missing required columns: header row, column name, reason naming it', async () => {
    const result = await rejects([{ name: 'm.csv', bytes: csv([machine], header.filter((column) => column !== 'ip' && column !== 'cpe')) }], [
      ['INVENTORY_COLUMN_MISSING', 'm.csv', 1, 'ip', undefined],
      ['INVENTORY_COLUMN_MISSING', 'm.csv', 1, 'cpe', undefined],
    ]);
    assert.match(result.errors[0]!.message, /"ip"/);
  });

  it('invalid IPs, one per interface position', async () => {
    await rejects([{ name: 'ip.csv', bytes: csv([{ ...machine, ip: '10.0.0.1|300.1.1.1' }, { ...machine, machine_id: 'M-2', ip: 'fe80::zz' }]) }], [
      ['IP_INVALID', 'ip.csv', 2, 'ip', '300.1.1.1'],
      ['IP_INVALID', 'ip.csv', 3, 'ip', 'fe80::zz'],
    ]);
  });

  it('unknown codes, with the allowed values in the reason', async () => {
    const result = await rejects([{ name: 'c.csv', bytes: csv([{ ...machine, criticality: 'sehr hoch', component_type: 'robot' }]) }], [
      ['INVENTORY_CODE_UNKNOWN', 'c.csv', 2, 'criticality', 'sehr hoch'],
      ['INVENTORY_CODE_UNKNOWN', 'c.csv', 2, 'component_type', 'robot'],
    ]);
    assert.match(result.errors[0]!.message, /high/);
  });

  it('one machine_id with conflicting data, also across two files', async () => {
    await rejects([{ name: 'a.csv', bytes: csv([machine, { ...machine, machine_name: 'Stanze', component_name: 'WinCC' }]) }], [
      ['INVENTORY_CONFLICT', 'a.csv', 3, 'machine_name', 'Stanze'],
    ]);
    const result = await rejects([
      { name: 'a.csv', bytes: csv([machine]) },
      { name: 'b.csv', bytes: csv([{ ...machine, machine_id: 'm-1', ip: '10.0.0.2', component_name: 'WinCC' }]) },
    ], [['INVENTORY_CONFLICT', 'b.csv', 2, 'ip', '10.0.0.2']]);
    assert.match(result.errors[0]!.message, /a\.csv/);
  });

  it('labels and codes of the same value do not conflict (hoch = high, ja = yes)', async () => {
    const rows = [
      { ...machine, machine_id: 'L-1', criticality: 'hoch' },
      { ...machine, machine_id: 'L-1', criticality: 'High', component_name: 'WinCC' },
    ];
    const result = await importInventory(ctx, admin, { files: [{ name: 'l.csv', bytes: csv(rows) }], dryRun: true });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(result), [1, 0, 2, 0, 0]);
  });

  it('XLSX formulas without cached values: the formula is the value', async () => {
    await rejects([{ name: 'f.xlsx', bytes: await xlsx([['NORD', 'X-1', { formula: 'B2&"x"' }, '', '', '', '', '', '', '', '', '', 'C', { formula: 'A1' }]]) }], [
      ['INVENTORY_FORMULA_WITHOUT_VALUE', 'f.xlsx', 2, 'machine_name', '=B2&"x"'],
      ['INVENTORY_FORMULA_WITHOUT_VALUE', 'f.xlsx', 2, 'component_version', '=A1'],
    ]);
  });

  it('a file over 50 MiB is rejected without being parsed', async () => {
    const big = Buffer.alloc(INVENTORY_UPLOAD_MAX_BYTES + 1, 0x41);
    const result = await rejects([{ name: 'big.csv', bytes: big }], [['PAYLOAD_TOO_LARGE', 'big.csv', undefined, undefined, `${INVENTORY_UPLOAD_MAX_BYTES + 1} B`]]);
    assert.match(result.errors[0]!.message, /50 MiB/);
    assert.deepEqual(result.warnings, []);
  });

  it('bytes that decode in no supported encoding: row and column of the byte', async () => {
    const bytes = Buffer.concat([csv([machine]), Buffer.from('NORD,M-2,Fr'), Buffer.from([0xe4, 0x81]), Buffer.from('se,,,,,,,,,,,C,,,\r\n')]);
    const result = await rejects([{ name: 'e.csv', bytes }], [['INVENTORY_ENCODING', 'e.csv', 3, 'machine_name', '0x81']]);
    assert.match(result.errors[0]!.message, /0x81/);
  });

  it('HTML and script in names are stored verbatim and exported as text', async () => {
    const name = '<img src=x onerror=alert(1)><script>alert("x")</script>';
    const result = await importInventory(ctx, admin, { files: [{ name: 'h.csv', bytes: csv([{ ...machine, machine_id: 'H-1', machine_name: name, component_name: `<b>${name}</b>` }]) }], dryRun: false });
    assert.deepEqual(result.errors, []);
    const stored = await ctx.db.selectFrom('machines').select('name').where('machine_id', '=', 'H-1').executeTakeFirstOrThrow();
    assert.equal(stored.name, name);
    const text = (await exportInventory(ctx, admin, { format: 'csv', machineId: 'H-1' })).bytes.toString('utf8');
    assert.ok(text.includes(`,"<img src=x onerror=alert(1)><script>alert(""x"")</script>",`), text);
    assert.ok(text.includes(`"<b><img src=x onerror=alert(1)><script>alert(""x"")</script></b>"`), text);
  });

  it('numeric version cells from Excel: a warning with row, column and value; the text is imported', async () => {
    const result = await importInventory(ctx, admin, {
      files: [{ name: 'n.xlsx', bytes: await xlsx([['NORD', 'N-1', 'Fräse', '', '', '', '', '', '', '', 'plc', 'Siemens', 'S7', 2.1, '', '', '']]) }], dryRun: false,
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings.map(where), [['INVENTORY_NUMERIC_CELL', 'n.xlsx', 2, 'component_version', '2.1']]);
    assert.match(result.warnings[0]!.message, /2\.1/);
    const component = await ctx.db.selectFrom('components').select('component_version').where('name', '=', 'S7').executeTakeFirstOrThrow();
    assert.equal(component.component_version, '2.1');
  });

  it('a site-scoped engineer gets FORBIDDEN at every row outside the site, and nothing is written (also the own site)', async () => {
    const engineer: Actor = {
      kind: 'user', userId: 'eng', name: 'eng', via: 'api', language: 'en',
      grants: [{ role: 'engineering', scope: { kind: 'site', siteIds: [north] }, expiresAt: null }],
    };
    const own = { ...machine, machine_id: 'E-1' };
    const file = csv([
      own,
      { ...machine, site: 'SUED', machine_id: 'E-2' },
      { ...machine, machine_id: 'S-1', machine_name: 'Säge' },
      { ...machine, site: 'WEST', machine_id: 'E-3' },
    ]);
    const dry = await importInventory(ctx, engineer, { files: [{ name: 'x.csv', bytes: file }], dryRun: true });
    const expected = [
      ['FORBIDDEN', 'x.csv', 5, 'site', 'WEST'],
      ['FORBIDDEN', 'x.csv', 3, 'machine_id', 'E-2'],
      ['FORBIDDEN', 'x.csv', 4, 'machine_id', 'S-1'],
    ];
    assert.deepEqual(dry.errors.map(where), expected);
    await rejects([{ name: 'x.csv', bytes: file }], expected, engineer);
    const stored = await ctx.db.selectFrom('machines').select(['machine_id', 'site_id']).where('machine_id', 'in', ['E-1', 'S-1']).execute();
    assert.deepEqual(stored, [{ machine_id: 'S-1', site_id: south }]);

    const allowed = await importInventory(ctx, engineer, { files: [{ name: 'own.csv', bytes: csv([own]) }], dryRun: false });
    assert.deepEqual(allowed.errors, []);
    assert.deepEqual(summary(allowed), [1, 0, 1, 0, 0]);
  });
});
