// Table exports made in the browser: what a table shows (column labels in the UI language, all rows
// of the current filter and sort) as CSV or XLSX. exceljs is loaded only when someone exports XLSX.
import type { Language } from './api-types.ts';
import { saveBlob } from './api-client.ts';

/** The formats a table exports to. */
export type ExportFormat = 'csv' | 'xlsx';

/** Column labels and the rows' cells as shown, in the table's column order. */
export interface TableData {
  header: string[];
  rows: string[][];
}

/** One cell as CSV text: formulas neutralised with a leading `'`, quoted where needed. */
function csvCell(value: string, delimiter: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The CSV document (UTF-8 BOM, CRLF) of a header and rows; `;` suits German Excel. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], delimiter: ',' | ';'): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map((value) => csvCell(value, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

/** The CSV delimiter of a UI language: German Excel expects `;`. */
export function csvDelimiter(language: Language): ',' | ';' {
  return language === 'de' ? ';' : ',';
}

/** The XLSX workbook (one sheet, bold header, every cell stored as text) of a header and rows. */
export async function toXlsx(header: readonly string[], rows: readonly (readonly string[])[], sheetName: string): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // Sheet names: at most 31 characters and none of : \ / ? * [ ].
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Sheet1');
  for (const values of [header, ...rows]) {
    const row = sheet.addRow([...values]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.numFmt = '@';
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(header[index]?.length ?? 0, ...rows.slice(0, 500).map((row) => row[index]?.length ?? 0));
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Today's local date as YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A file name like `maschinen-2026-11-26.csv`, with optional qualifiers (`komponenten-FR-7-…`) made file-safe. */
export function exportFileName(base: string, format: ExportFormat, qualifiers: readonly string[] = []): string {
  const parts = [base, ...qualifiers].map((part) => part.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '')).filter(Boolean);
  return `${[...parts, today()].join('-')}.${format}`;
}

/** Builds the file of a table and offers it as a download. */
export async function downloadTable(data: TableData, options: { format: ExportFormat; language: Language; base: string; qualifiers?: readonly string[]; sheetName?: string }): Promise<void> {
  const name = exportFileName(options.base, options.format, options.qualifiers);
  if (options.format === 'csv') {
    saveBlob(new Blob([toCsv(data.header, data.rows, csvDelimiter(options.language))], { type: 'text/csv;charset=utf-8' }), name);
    return;
  }
  saveBlob(await toXlsx(data.header, data.rows, options.sheetName ?? options.base), name);
}
