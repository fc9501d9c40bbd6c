// CSV of what a table shows, made in the browser: UTF-8 with BOM, CRLF, quoted where needed, and
// cells that spreadsheets would read as formulas neutralised with a leading apostrophe.

/** One cell as CSV text. */
function cell(value: string, delimiter: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The CSV document of a header and rows; `;` suits German Excel. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], delimiter: ',' | ';'): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map((value) => cell(value, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}
