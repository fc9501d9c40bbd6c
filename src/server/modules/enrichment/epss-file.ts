import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../errors/app-error.ts';
import { formatBytes } from '../../errors/format-bytes.ts';
import { cveIdPattern, parseInstant } from './enrichment.schema.ts';
import { ErrorCollector } from './enrichment-errors.ts';

// Reading FIRST's EPSS file: CSV, plain or gzip-compressed, streamed line by line:
//
//   #model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000
//   cve,epss,percentile
//   CVE-1999-0001,0.01025,0.76796
//
// Rows are numbered as INTERFACES.md says: 1-based with the header as row 1 (the comment line before
// it has no row number; its problems carry none). Parsing never touches the database.

/** Scores of one EPSS file, as parallel arrays (300,000 rows stay compact). */
export interface ParsedEpss {
  /** model_version, e.g. v2025.03.14. */
  version: string;
  /** score_date as ISO 8601 UTC with milliseconds. */
  date: string;
  cves: string[];
  scores: number[];
  percentiles: number[];
}

/** How much of a bad line is echoed back in `value`. */
const VALUE_ECHO = 120;
/**
 * The most text (after gunzip) a file may hold: FIRST's daily file is about 10 MB for ~300,000 CVEs;
 * the bound keeps a gzip bomb or a wrong file from filling the memory.
 */
export const EPSS_MAX_TEXT_BYTES = 256 * 2 ** 20;
const numberPattern = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

function echo(value: string): string {
  return value.length > VALUE_ECHO ? `${value.slice(0, VALUE_ECHO)}…` : value;
}

/** A probability or percentile 0..1, or null. */
function unitNumber(text: string): number | null {
  if (!numberPattern.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

/** Line-by-line state machine over the decoded text: comment line, header, rows. */
class EpssParser {
  readonly errors: ErrorCollector;
  private state: 'comment' | 'header' | 'rows' | 'stopped' = 'comment';
  private physical = 0;
  private headerLine = 0;
  private version: string | null = null;
  private date: string | null = null;
  /** Column positions of cve, epss, percentile as the header orders them. */
  private positions: [number, number, number] = [0, 1, 2];
  private names: [string, string, string] = ['cve', 'epss', 'percentile'];
  private readonly firstRow = new Map<string, number>();
  readonly cves: string[] = [];
  readonly scores: number[] = [];
  readonly percentiles: number[] = [];

  constructor(readonly file: string) {
    this.errors = new ErrorCollector(file);
  }

  line(raw: string): void {
    this.physical += 1;
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.physical === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (this.state === 'stopped') return;
    if (line.trim() === '') return;
    if (this.state === 'comment') {
      this.state = 'header';
      if (line.startsWith('#')) {
        this.comment(line);
        return;
      }
      // No comment line: report it and read this line as the header.
      this.errors.add({ code: 'EPSS_COMMENT_MISSING', value: echo(line) });
    }
    if (this.state === 'header') {
      this.header(line);
      return;
    }
    this.row(line);
  }

  private comment(line: string): void {
    const fields = new Map(
      line
        .slice(1)
        .split(',')
        .map((field) => {
          const colon = field.indexOf(':');
          return colon < 0 ? [field.trim(), ''] : [field.slice(0, colon).trim(), field.slice(colon + 1).trim()];
        }),
    );
    const version = fields.get('model_version');
    const scoreDate = fields.get('score_date');
    if (!version || scoreDate === undefined) {
      this.errors.add({ code: 'EPSS_COMMENT_MISSING', value: echo(line) });
      return;
    }
    this.version = version;
    this.date = parseInstant(scoreDate);
    if (this.date === null) this.errors.add({ code: 'EPSS_SCORE_DATE_INVALID', value: echo(scoreDate) });
  }

  private header(line: string): void {
    this.headerLine = this.physical;
    const cells = line.split(',').map((cell) => cell.trim());
    const folded = cells.map((cell) => cell.toLowerCase());
    const positions = ['cve', 'epss', 'percentile'].map((name) => folded.indexOf(name));
    if (cells.length !== 3 || positions.some((position) => position < 0)) {
      this.errors.add({ code: 'EPSS_HEADER_MISSING', row: 1, value: echo(line) });
      this.state = 'stopped';
      return;
    }
    this.positions = positions as [number, number, number];
    this.names = this.positions.map((position) => cells[position]!) as [string, string, string];
    this.state = 'rows';
  }

  private row(line: string): void {
    const row = this.physical - this.headerLine + 1;
    const cells = line.split(',');
    if (cells.length !== 3) {
      this.errors.add({ code: 'EPSS_COLUMN_COUNT', row, value: echo(line), params: { count: cells.length } });
      return;
    }
    const [cvePosition, scorePosition, percentilePosition] = this.positions;
    const cve = cells[cvePosition]!.trim().toUpperCase();
    const scoreText = cells[scorePosition]!.trim();
    const percentileText = cells[percentilePosition]!.trim();
    let ok = true;
    if (!cveIdPattern.test(cve)) {
      this.errors.add({ code: 'EPSS_CVE_INVALID', row, column: this.names[0], value: echo(cells[cvePosition]!) });
      ok = false;
    }
    const score = unitNumber(scoreText);
    if (score === null) {
      this.errors.add({ code: 'EPSS_NUMBER_INVALID', row, column: this.names[1], value: echo(scoreText) });
      ok = false;
    }
    const percentile = unitNumber(percentileText);
    if (percentile === null) {
      this.errors.add({ code: 'EPSS_NUMBER_INVALID', row, column: this.names[2], value: echo(percentileText) });
      ok = false;
    }
    if (!ok) return;
    const first = this.firstRow.get(cve);
    if (first !== undefined) {
      this.errors.add({ code: 'EPSS_CVE_REPEATED', row, column: this.names[0], value: cve, params: { value: cve, first } });
      return;
    }
    this.firstRow.set(cve, row);
    this.cves.push(cve);
    this.scores.push(score!);
    this.percentiles.push(percentile!);
  }

  /** The parsed file, or EPSS_FILE_INVALID with every problem. */
  finish(): ParsedEpss {
    if (this.state === 'comment') this.errors.add({ code: 'EPSS_COMMENT_MISSING' });
    else if (this.state === 'header') this.errors.add({ code: 'EPSS_HEADER_MISSING', row: 1 });
    else if (this.errors.count === 0 && this.cves.length === 0) this.errors.add({ code: 'ENRICHMENT_EMPTY' });
    if (this.errors.count > 0 || this.version === null || this.date === null) throw new AppError('EPSS_FILE_INVALID', {}, this.errors.report());
    return { version: this.version, date: this.date, cves: this.cves, scores: this.scores, percentiles: this.percentiles };
  }
}

/** Decodes UTF-8 chunks and hands complete lines to `parser`; stops with EPSS_FILE_TOO_LARGE past `maxBytes`. */
async function feedLines(chunks: AsyncIterable<Uint8Array>, parser: EpssParser, maxBytes: number): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw new AppError('EPSS_FILE_INVALID', {}, [{ code: 'EPSS_FILE_TOO_LARGE', file: parser.file, params: { limit: formatBytes(maxBytes) } }]);
    rest += decoder.decode(chunk, { stream: true });
    let start = 0;
    let end = rest.indexOf('\n', start);
    while (end >= 0) {
      parser.line(rest.slice(start, end));
      start = end + 1;
      end = rest.indexOf('\n', start);
    }
    rest = rest.slice(start);
  }
  rest += decoder.decode();
  if (rest !== '') parser.line(rest);
}

function isZlibError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('Z_');
}

/**
 * Reads an EPSS file from `source` (plain CSV, or gzip — recognised by its magic bytes; a file named
 * `.gz` must be gzip). Throws EPSS_FILE_INVALID with one detail per problem (at most
 * MAX_REPORTED_ERRORS), rows numbered with the header as row 1, or with EPSS_FILE_TOO_LARGE alone
 * when the text exceeds `maxBytes`.
 */
export async function parseEpssFile(file: string, source: AsyncIterable<Uint8Array>, maxBytes = EPSS_MAX_TEXT_BYTES): Promise<ParsedEpss> {
  const parser = new EpssParser(file);
  const iterator = source[Symbol.asyncIterator]();
  // The first non-empty chunk decides between gzip and plain text.
  let first: Uint8Array | undefined;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    if (next.value.byteLength > 0) {
      first = next.value;
      break;
    }
  }
  const gzip = first !== undefined && first.byteLength >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  if (!gzip && file.toLowerCase().endsWith('.gz')) {
    parser.errors.add({ code: 'EPSS_NOT_GZIP' });
    throw new AppError('EPSS_FILE_INVALID', {}, parser.errors.report());
  }
  async function* whole(): AsyncGenerator<Uint8Array> {
    if (first === undefined) return;
    yield first;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  if (gzip) {
    // The pipeline reports its own abort when the reader stops early; the reader's reason is kept here.
    let stopped: Error | undefined;
    const read = async (decompressed: AsyncIterable<Uint8Array>): Promise<void> => {
      try {
        await feedLines(decompressed, parser, maxBytes);
      } catch (error) {
        stopped = error as Error;
        throw error;
      }
    };
    try {
      await pipeline(Readable.from(whole(), { objectMode: false }), createGunzip(), read);
    } catch (error) {
      if (stopped !== undefined) throw stopped;
      if (!isZlibError(error)) throw error;
      // A damaged archive makes any row problem found before the damage beside the point.
      throw new AppError('EPSS_FILE_INVALID', {}, [{ code: 'EPSS_GZIP_CORRUPT', file, params: { message: error.message } }]);
    }
  } else {
    await feedLines(whole(), parser, maxBytes);
  }
  return parser.finish();
}
