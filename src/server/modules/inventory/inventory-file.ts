import ExcelJS from 'exceljs';
import type { DetailSource } from '../../errors/app-error.ts';

// The inventory file codec (INTERFACES.md "Inventory files"), pure: bytes → a table of text cells
// with the headers as written, and rows → CSV or XLSX bytes. It knows nothing of the database.

/** Required columns, compared case-insensitively. */
export const requiredColumns = [
  'site', 'machine_id', 'machine_name', 'machine_vendor', 'machine_model', 'serial_number', 'machine_type', 'criticality', 'segment', 'ip',
  'component_type', 'component_vendor', 'component_name', 'component_version', 'model_number', 'cpe', 'purl',
] as const;

/** Optional columns; a column absent from the file leaves that field of existing machines as it is. */
export const optionalColumns = [
  'area', 'line', 'redundancy_group', 'safety_functions', 'safety_impact', 'mission_impact', 'updatable', 'end_of_support', 'network_state',
  'responsible_admin', 'operating_system', 'hostname', 'mac',
] as const;

export type Column = (typeof requiredColumns)[number] | (typeof optionalColumns)[number];

/** The fixed column order of exports and the template. */
export const exportColumns: readonly Column[] = [
  'site', 'area', 'machine_id', 'machine_name', 'machine_vendor', 'machine_model', 'serial_number', 'machine_type', 'line', 'redundancy_group',
  'criticality', 'safety_functions', 'safety_impact', 'mission_impact', 'updatable', 'end_of_support', 'network_state', 'responsible_admin',
  'operating_system', 'segment', 'ip', 'mac', 'hostname',
  'component_type', 'component_vendor', 'component_name', 'component_version', 'model_number', 'cpe', 'purl',
];

/** The component columns: a row with all of them empty describes a machine without components. */
export const componentColumns: readonly Column[] = ['component_type', 'component_vendor', 'component_name', 'component_version', 'model_number', 'cpe', 'purl'];

const knownColumns = new Set<string>([...requiredColumns, ...optionalColumns]);

/** One data row: its 1-based row number (header = 1) and its cells by column. */
export interface FileRow {
  row: number;
  cells: Partial<Record<Column, string>>;
}

/** A read file: the header as written per known column, the data rows, and problems found. */
export interface InventoryTable {
  file: string;
  /** The header as written in the file, per known column present. */
  headers: Partial<Record<Column, string>>;
  rows: FileRow[];
  errors: DetailSource[];
  warnings: DetailSource[];
  /** Set for a table read from a CycloneDX BOM: maps rows and columns to JSON pointers. */
  cyclonedx?: {
    locate(row: number | undefined, column: string | undefined): string;
    siteMissing: boolean;
  };
}

export type InventoryFormat = 'csv' | 'xlsx';

// Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252; other C0 controls than TAB,
// LF and CR do not occur in text files either. Such bytes mean "no supported encoding".
const implausible1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function firstImplausibleByte(bytes: Uint8Array): number {
  return bytes.findIndex((byte) => implausible1252.has(byte) || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d));
}

// Windows-1252 0x80–0x9F (the rest is ISO-8859-1). Written out because Node's TextDecoder decodes
// "windows-1252" as ISO-8859-1 in some builds, which would turn € into U+0080.
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decode1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? cp1252High[byte - 0x80]! : String.fromCharCode(byte);
  return text;
}

/** Decodes CSV bytes: UTF-8 (BOM optional) when strictly valid, else Windows-1252; null when neither fits. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } | { error: number } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    if (!/[^\P{Cc}\t\n\r]/u.test(text)) return { text, encoding: 'utf-8' };
  } catch {
    // Not UTF-8: try Windows-1252 below.
  }
  const bad = firstImplausibleByte(body);
  if (bad !== -1) return { error: bad + (body === bytes ? 0 : 3) };
  return { text: decode1252(body), encoding: 'windows-1252' };
}

/** The separator of the header line: `;` when it has more semicolons than commas outside quotes. */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits CSV text into records of fields (RFC 4180; CRLF, LF or CR; quoted fields may hold line breaks). */
export function parseCsv(text: string, delimiter: ',' | ';' = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endRecord();
    } else field += char;
    index++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Removes the one leading `'` our export adds against formula injection. */
function unescapeCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** Turns records (header first) into a table: known columns by header, data rows numbered from 2. */
function tableFromRecords(file: string, records: string[][], warnings: DetailSource[] = [], rowNumbers?: readonly number[]): InventoryTable {
  const table: InventoryTable = { file, headers: {}, rows: [], errors: [], warnings };
  const header = records[0] ?? [];
  const positions: [Column, number][] = [];
  header.forEach((written, position) => {
    const name = written.trim().replace(/^'/, '').toLowerCase();
    if (name === '') return;
    if (!knownColumns.has(name)) {
      table.warnings.push({ code: 'INVENTORY_COLUMN_IGNORED', file, row: 1, column: written, value: written });
      return;
    }
    const column = name as Column;
    if (table.headers[column] !== undefined) {
      table.errors.push({ code: 'FIELD_REPEATED', file, row: 1, column: written, value: written });
      return;
    }
    table.headers[column] = written;
    positions.push([column, position]);
  });
  for (const column of requiredColumns) {
    if (table.headers[column] === undefined) table.errors.push({ code: 'INVENTORY_COLUMN_MISSING', params: { column }, file, row: 1, column });
  }
  records.slice(1).forEach((record, index) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const cells: FileRow['cells'] = {};
    for (const [column, position] of positions) cells[column] = unescapeCell(record[position] ?? '');
    table.rows.push({ row: rowNumbers?.[index + 1] ?? index + 2, cells });
  });
  return table;
}

/**
 * Row and column (header as written) of the byte at `offset` of an undecodable file: the bytes
 * are read as Latin-1, which maps every byte, only to count records and separators.
 */
function locateByte(bytes: Uint8Array, offset: number): { row?: number; column?: string } {
  const text = Buffer.from(bytes.subarray(0, offset + 1)).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  const records = parseCsv(text);
  const header = records[0] ?? [];
  const last = records.at(-1) ?? [];
  const column = header[last.length - 1];
  return { row: records.length, ...(column ? { column } : {}) };
}

/** Reads CSV bytes (UTF-8 with or without BOM, or Windows-1252; `,` or `;`). */
export function readCsv(file: string, bytes: Uint8Array): InventoryTable {
  const decoded = decodeText(bytes);
  if ('error' in decoded) {
    const byte = bytes[decoded.error]!;
    return {
      file, headers: {}, rows: [], warnings: [],
      errors: [{ code: 'INVENTORY_ENCODING', params: { offset: decoded.error }, file, ...locateByte(bytes, decoded.error), value: `0x${byte.toString(16).padStart(2, '0')}` }],
    };
  }
  return tableFromRecords(file, parseCsv(decoded.text));
}

/** The formula of a cell as Excel shows it in the formula bar (`=A1&"x"`), for error values. */
function formulaText(cell: ExcelJS.Cell): string {
  const formula = cell.formula;
  return formula ? `=${formula}` : '';
}

/** The displayed text of an XLSX cell; `numeric` when Excel stored a number. */
function cellText(cell: ExcelJS.Cell): { text: string; numeric: boolean; formulaWithoutValue: boolean } {
  const value = cell.value;
  if (value === null || value === undefined) return { text: '', numeric: false, formulaWithoutValue: false };
  if (typeof value === 'string') return { text: value, numeric: false, formulaWithoutValue: false };
  if (typeof value === 'number') return { text: String(value), numeric: true, formulaWithoutValue: false };
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no', numeric: false, formulaWithoutValue: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false, formulaWithoutValue: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date))) return { text: formulaText(cell), numeric: false, formulaWithoutValue: true };
    if (result instanceof Date) return { text: result.toISOString().slice(0, 10), numeric: false, formulaWithoutValue: false };
    if (typeof result === 'boolean') return { text: result ? 'yes' : 'no', numeric: false, formulaWithoutValue: false };
    if (typeof result === 'number') return { text: String(result), numeric: true, formulaWithoutValue: false };
    return typeof result === 'string' ? { text: result, numeric: false, formulaWithoutValue: false } : { text: formulaText(cell), numeric: false, formulaWithoutValue: true };
  }
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join(''), numeric: false, formulaWithoutValue: false };
  if ('text' in value) return { text: String(value.text), numeric: false, formulaWithoutValue: false };
  if ('error' in value) return { text: String(value.error), numeric: false, formulaWithoutValue: false };
  return { text: cell.text, numeric: false, formulaWithoutValue: false };
}

/** Reads XLSX bytes: the sheet `components`, or the only sheet; cells as displayed text. */
export async function readXlsx(file: string, bytes: Uint8Array): Promise<InventoryTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { file, headers: {}, rows: [], warnings: [], errors: [{ code: 'INVENTORY_FILE_UNREADABLE', file }] };
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.name.toLowerCase() === 'components') ?? (workbook.worksheets.length === 1 ? workbook.worksheets[0] : undefined);
  if (!sheet) return { file, headers: {}, rows: [], warnings: [], errors: [{ code: 'INVENTORY_SHEET_MISSING', file }] };
  // Only rows stored in the file and only cells under a known header are read: a tiny file with one
  // cell at XFD1048576 must not make us visit 17 billion empty cells (rowCount × columnCount).
  const records: string[][] = [];
  const rowNumbers: number[] = [];
  const formulaProblems: { row: number; position: number; formula: string }[] = [];
  const numericCells: { row: number; position: number; text: string }[] = [];
  const readCell = (cell: ExcelJS.Cell, rowNumber: number, position: number, record: string[]): void => {
    const { text, numeric, formulaWithoutValue } = cellText(cell);
    if (formulaWithoutValue) formulaProblems.push({ row: rowNumber, position, formula: text });
    if (numeric) numericCells.push({ row: rowNumber, position, text });
    record[position] = formulaWithoutValue ? '' : text;
  };
  const headerRecord: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, position) => readCell(cell, 1, position - 1, headerRecord));
  for (let position = 0; position < headerRecord.length; position++) headerRecord[position] ??= '';
  records.push(headerRecord);
  rowNumbers.push(1);
  const known = headerRecord.flatMap((name, position) => (knownColumns.has(name.trim().replace(/^'/, '').toLowerCase()) ? [position] : []));
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const record: string[] = [];
    for (const position of known) readCell(row.getCell(position + 1), rowNumber, position, record);
    records.push(record);
    rowNumbers.push(rowNumber);
  });
  const table = tableFromRecords(file, records, [], rowNumbers);
  const header = records[0] ?? [];
  for (const problem of formulaProblems) {
    table.errors.push({ code: 'INVENTORY_FORMULA_WITHOUT_VALUE', file, row: problem.row, column: header[problem.position] ?? '', value: problem.formula });
  }
  for (const cell of numericCells) {
    const column = (header[cell.position] ?? '').trim().toLowerCase();
    if (cell.row > 1 && (column === 'component_version' || column === 'model_number' || column === 'machine_id' || column === 'serial_number')) {
      table.warnings.push({ code: 'INVENTORY_NUMERIC_CELL', file, row: cell.row, column: header[cell.position]!, value: cell.text });
    }
  }
  return table;
}

/**
 * Recognises the format: a ZIP is XLSX; a file named `*.json` or whose text starts with `{` or `[`
 * is JSON, read as CycloneDX (a BOM is recognised by `bomFormat: "CycloneDX"`); anything else is CSV.
 */
export function sniffFormat(bytes: Uint8Array, file = ''): InventoryFormat | 'cyclonedx' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (file.toLowerCase().endsWith('.json')) return 'cyclonedx';
  const head = Buffer.from(bytes.subarray(0, 64)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'cyclonedx';
  return 'csv';
}

/**
 * Reads one CSV or XLSX inventory file. CycloneDX files are read by `readCycloneDx`
 * (cyclonedx-validation.ts; the importer picks the reader with `sniffFormat`).
 */
export async function readInventoryFile(file: string, bytes: Uint8Array): Promise<InventoryTable> {
  const format = sniffFormat(bytes, file);
  if (format === 'xlsx') return readXlsx(file, bytes);
  if (format === 'cyclonedx') return { file, headers: {}, rows: [], warnings: [], errors: [{ code: 'INVENTORY_FORMAT_UNSUPPORTED', params: { format: 'CycloneDX' }, file }] };
  return readCsv(file, bytes);
}

/** A cell as written: a leading `'` when it could start a formula (or starts with `'` itself). */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
}

function csvField(value: string, delimiter: string): string {
  return value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r') ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes rows as CSV: UTF-8 with BOM, CRLF, the header first; cells neutralised against formulas. */
export function writeCsv(rows: readonly (readonly string[])[], delimiter: ',' | ';' = ','): Buffer {
  const lines = [exportColumns as readonly string[], ...rows].map((row, index) =>
    row.map((cell) => csvField(index === 0 ? cell : neutraliseCell(cell), delimiter)).join(delimiter),
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8')]);
}

const FIXED_INSTANT = new Date('2000-01-01T00:00:00.000Z');

/** Writes rows as XLSX: sheet `components`, every cell a text cell (format `@`), neutralised like CSV. */
export async function writeXlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Fixed document dates: the same inventory gives the same workbook properties.
  workbook.created = FIXED_INSTANT;
  workbook.modified = FIXED_INSTANT;
  workbook.creator = 'Patchwerk';
  const sheet = workbook.addWorksheet('components');
  sheet.addRow([...exportColumns]);
  for (const row of rows) sheet.addRow(row.map(neutraliseCell));
  sheet.eachRow((row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.numFmt = '@';
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
