import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { decodeText, exportColumns, neutraliseCell, parseCsv, readCsv, readXlsx, writeCsv, writeXlsx } from './inventory-file.ts';

const header = 'site;machine_id;machine_name;machine_vendor;machine_model;serial_number;machine_type;criticality;segment;ip;component_type;component_vendor;component_name;component_version;model_number;cpe;purl';

describe('inventory file codec', () => {
  it('reads German Excel CSV: semicolons, Windows-1252, CRLF, umlauts', () => {
    const text = `${header}\r\nNORD;DM-1;Fräse Größe ÄÖÜ äöüß;Hüller;M;S;Fräse;hoch;zelle-1;10.0.0.1;SPS;Siemens;S7 Überwachung;2.9;6ES7;;\r\n`;
    const latin = Buffer.from(text, 'latin1');
    const table = readCsv('de.csv', latin);
    assert.deepEqual(table.errors, []);
    assert.equal(table.rows.length, 1);
    assert.equal(table.rows[0]!.row, 2);
    assert.equal(table.rows[0]!.cells.machine_name, 'Fräse Größe ÄÖÜ äöüß');
    assert.equal(table.rows[0]!.cells.component_name, 'S7 Überwachung');
  });

  it('prefers strict UTF-8 (with or without BOM) over Windows-1252', () => {
    assert.deepEqual(decodeText(Buffer.from('\uFEFFä', 'utf8')), { text: 'ä', encoding: 'utf-8' });
    assert.deepEqual(decodeText(Buffer.from('ä', 'utf8')), { text: 'ä', encoding: 'utf-8' });
    assert.deepEqual(decodeText(Buffer.from([0xe4])), { text: 'ä', encoding: 'windows-1252' });
    assert.deepEqual(decodeText(Buffer.from([0x80])), { text: '€', encoding: 'windows-1252' });
  });

  it('rejects bytes that decode in no supported encoding (C1 bytes undefined in Windows-1252)', () => {
    for (const byte of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
      const table = readCsv('bad.csv', Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0x41, byte, 0x42])]));
      assert.equal(table.errors.length, 1);
      assert.equal(table.errors[0]!.code, 'INVENTORY_ENCODING');
      assert.equal(table.errors[0]!.value, `0x${byte.toString(16)}`);
      assert.equal(table.rows.length, 0);
    }
  });

  it('reads a sparse XLSX (one stray cell at XFD1048576) without visiting every empty cell', { timeout: 60_000 }, async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('components');
    sheet.addRow(header.split(';'));
    sheet.addRow(['NORD', 'DM-1', 'Fräse']);
    sheet.getCell('XFD1048576').value = 'stray';
    const table = await readXlsx('sparse.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    assert.deepEqual(table.errors, []);
    assert.deepEqual(table.rows.map((row) => [row.row, row.cells.machine_id, row.cells.component_name]), [[2, 'DM-1', '']]);
  });

  it('parses quoted fields with separators, quotes and line breaks; LF or CRLF', () => {
    assert.deepEqual(parseCsv('a,b\n"x, ""y""","line1\r\nline2"\r\nlast,\n'), [['a', 'b'], ['x, "y"', 'line1\r\nline2'], ['last', '']]);
    assert.deepEqual(parseCsv('a;b\r\n1;2'), [['a', 'b'], ['1', '2']]);
  });

  it('reports missing required columns by name and ignores unknown ones with a warning; row numbers count records', () => {
    const table = readCsv('x.csv', Buffer.from('Site,MACHINE_ID,extra\r\nA,"M\n1",z\r\n,,\r\nB,M2,\r\n'));
    assert.deepEqual(table.errors.map((error) => error.column).sort(), exportColumnsMissing(['site', 'machine_id']));
    assert.equal(table.headers.site, 'Site');
    assert.deepEqual(table.warnings.map((warning) => [warning.code, warning.column]), [['INVENTORY_COLUMN_IGNORED', 'extra']]);
    assert.deepEqual(table.rows.map((row) => row.row), [2, 4]);
  });

  it('neutralises formula starts and strips one leading apostrophe on reading', () => {
    for (const value of ['=1+1', '+49', '-3', '@SUM', '\tx', '\rx', "'quoted"]) assert.equal(neutraliseCell(value), `'${value}`);
    assert.equal(neutraliseCell('1.0'), '1.0');
    const csv = writeCsv([exportColumns.map((column) => (column === 'machine_name' ? '=HYPERLINK("x")' : column === 'component_version' ? "'1" : ''))]);
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(csv.toString('utf8').endsWith('\r\n'));
    const table = readCsv('x.csv', csv);
    assert.equal(table.rows[0]!.cells.machine_name, '=HYPERLINK("x")');
    assert.equal(table.rows[0]!.cells.component_version, "'1");
  });

  it('writes CSV with ; on request', () => {
    const csv = writeCsv([exportColumns.map(() => 'a;b')], ';').toString('utf8');
    assert.ok(csv.split('\r\n')[1]!.startsWith('"a;b";"a;b"'));
  });

  it('reads XLSX cells as text, warns on numeric versions, rejects formulas without cached values', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['ignored']);
    const sheet = workbook.addWorksheet('components');
    sheet.addRow(header.split(';'));
    sheet.addRow(['NORD', 'DM-1', 'Fräse', '', '', '', '', 'high', '', '', 'plc', 'Siemens', 'S7', 1.1, '', '', '']);
    sheet.addRow(['NORD', 'DM-2', { formula: 'A1&"x"' }, '', '', '', '', '', '', '', '', '', '', '', '', '', '']);
    sheet.addRow(['NORD', 'DM-3', { formula: 'A1', result: 'cached' }, '', '', '', '', '', '', '', '', '', '', '', '', '', '']);
    const table = await readXlsx('x.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    assert.deepEqual(table.warnings.map((warning) => [warning.code, warning.row, warning.column, warning.value]), [['INVENTORY_NUMERIC_CELL', 2, 'component_version', '1.1']]);
    assert.deepEqual(table.errors.map((error) => [error.code, error.row, error.column]), [['INVENTORY_FORMULA_WITHOUT_VALUE', 3, 'machine_name']]);
    assert.equal(table.rows[0]!.cells.component_version, '1.1');
    assert.equal(table.rows[2]!.cells.machine_name, 'cached');
  });

  it('writes XLSX with every cell as text and reads it back unchanged', async () => {
    const row = exportColumns.map((column) => (column === 'component_version' ? '1.10' : column === 'machine_id' ? '007' : `${column}-ü`));
    const bytes = await writeXlsx([row]);
    const table = await readXlsx('x.xlsx', bytes);
    assert.deepEqual(table.errors, []);
    assert.deepEqual(table.warnings, []);
    assert.deepEqual(exportColumns.map((column) => table.rows[0]!.cells[column]), row);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = workbook.getWorksheet('components')!.getRow(2).getCell(1);
    assert.equal(typeof cell.value, 'string');
    assert.equal(cell.numFmt, '@');
  });
});

function exportColumnsMissing(present: string[]): string[] {
  return ['site', 'machine_id', 'machine_name', 'machine_vendor', 'machine_model', 'serial_number', 'machine_type', 'criticality', 'segment', 'ip',
    'component_type', 'component_vendor', 'component_name', 'component_version', 'model_number', 'cpe', 'purl'].filter((column) => !present.includes(column)).sort();
}
