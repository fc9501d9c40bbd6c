import type { Command } from 'commander';

/** How a command reports: one JSON document on stdout with `--json`, human text on stderr otherwise. */
export interface Output {
  json: boolean;
  /** Prints the command's result: `value` as JSON, or `human()` as text on stderr. */
  result(value: unknown, human: () => string): void;
  /** A human line on stderr (never with `--json`). */
  info(line: string): void;
}

/** The output of the command being run (reads the global `--json` flag). */
export function outputFor(command: Command): Output {
  const json = Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
  return {
    json,
    result(value, human) {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else process.stderr.write(ensureNewline(human()));
    },
    info(line) {
      if (!json) process.stderr.write(ensureNewline(line));
    },
  };
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Formats rows as a plain text table with a header line. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
