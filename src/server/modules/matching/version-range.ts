// Version ranges as advisories write them, read into the vers range type (vers.ts) and evaluated
// with the vendor ordering (version.ts). The CISA corpus mixes vers (`vers:all/<V4.3.8`) with free
// text: `<V3.1`, `<= 2.4`, `>= 1.0 | <= 2.0` (the `|` joins bounds as in vers), `All versions < V2.2`,
// `All versions`, `prior to 5.2`, `V2.0 and later`, `>=V3.0_<V3.2`, `V1.0 - V2.3`, `2.x`,
// `All versions between V1.0 (including) and V1.2 (excluding)`, and conditions such as
// `(only affected by CVE-…)` or `_only_if_web_components_are_used`. Some `product_version`
// branches hold the same forms.
//
// Reading is lenient where the meaning stays clear, and says how it read the text: the form, the
// conditions it set aside (`notes`: the range holds only under them, so a match needs a person's
// look) and the deviations it forgave (`range.issues`). Everything else is unparsable with a reason
// — an unparsable range never contains a version, and neither does a range evaluated against a
// version it cannot compare with (null, with the reason).

import { compareVersions, notAVersion, parseVersion } from './version.ts';
import { formatVers, parseVers, versContains, versMeaning, type VersComparator, type VersConstraint, type VersRange } from './vers.ts';

/** How a range text was written. */
export type RangeForm = 'vers' | 'all' | 'exact' | 'list' | 'wildcard' | 'comparators' | 'prose' | 'interval';

/** A readable range text. */
export interface ParsedVersionRange {
  unparsable: false;
  /** The text as given. */
  text: string;
  /** The range; free text gets the scheme `vendor` (our name for the ordering of version.ts). */
  range: VersRange;
  form: RangeForm;
  /** Conditions and labels set aside while reading (`only if web components are used`, `BIOS`). */
  notes: string[];
  /** The range written as vers, e.g. `vers:vendor/>=V3.0|<V3.2`. */
  canonical: string;
}

/** A range text that cannot be read, with the reason in English. */
export interface UnparsableVersionRange {
  unparsable: true;
  text: string;
  reason: string;
}

/** What a version or range text denotes. */
export type VersionTextKind = 'exact' | 'range' | 'all' | 'unparsable';

/** The outcome of a containment check: null when it cannot be decided, with the reason. */
export type RangeContainment = { contains: boolean; reason: null } | { contains: null; reason: string };

/** The scheme given to ranges read from free text. */
export const VENDOR_SCHEME = 'vendor';

/**
 * Schemes whose versions follow the vendor ordering: free text, the corpus's `vers:all/<…>`, and
 * `intdot` (dot-separated integers, which the vendor ordering compares the same way).
 */
const VENDOR_ORDERED_SCHEMES = new Set([VENDOR_SCHEME, 'all', 'intdot']);

/** Words that start a condition after a version (`<V3.1 only if web components are used`). */
const NOTE_WORDS = new Set([
  'with', 'without', 'only', 'if', 'when', 'on', 'in', 'installed', 'running', 'using', 'except', 'excluding', 'including', 'for', 'where', 'of', 'incl',
]);

/** One `|`-separated piece of a free-text range, read. */
interface PieceReading {
  star: boolean;
  constraints: VersConstraint[];
  form: RangeForm;
  notes: string[];
  issues: string[];
}

/** A version found in a piece, with what was set aside around it. */
interface VersionReading {
  version: string;
  notes: string[];
}

const reading = (form: RangeForm, constraints: VersConstraint[], notes: string[] = [], issues: string[] = []): PieceReading => ({ star: false, constraints, form, notes, issues });

/** Unifies the spellings of free text: `≤`, `=<`, `_` for spaces, dashes, stray `vers:/`. */
export function normaliseRangeText(text: string): { text: string; issues: string[] } {
  const issues: string[] = [];
  let normalised = text.normalize('NFKC').replace(/≤/g, '<=').replace(/≥/g, '>=').replace(/=</g, '<=').replace(/=>/g, '>=');
  normalised = normalised.replace(/[–—]/g, ' - ').replace(/_/g, ' ');
  if (/vers:\//i.test(normalised)) {
    issues.push("a stray 'vers:/' without a scheme was dropped");
    normalised = normalised.replace(/vers:\/\s*/gi, '');
  }
  return { text: normalised.replace(/\s+/g, ' ').trim(), issues };
}

/** Whether `word` can be a label before the version that starts with `next` (`BIOS V1.2`, `WinCC 7.5`). */
function isLabel(word: string, next: string): boolean {
  return /[a-z]/i.test(word) && !/^(?:and|or|the|to|of|all|any|not|but)$/i.test(word) && /^[vr]?\d/i.test(next);
}

/** Whether the word at `index` starts a condition: a note word, or `and` before a word that is no version (`and Function State FS 10`). */
function startsCondition(words: string[], index: number): boolean {
  const word = words[index]!.toLowerCase();
  if (NOTE_WORDS.has(word)) return true;
  const next = words[index + 1];
  return word === 'and' && next !== undefined && !/^[vr]?\d/i.test(next);
}

/**
 * Finds the version in a text: all of it, or else the longest run of words that is a version after
 * at most one label word and before a condition that starts with a note word.
 */
function readVersion(text: string, allowCondition: boolean): VersionReading | string {
  const whole = parseVersion(text);
  if (!whole.unparsable) return { version: text, notes: [] };
  // A date stays a date even when one of its words could be a label (`January 31 2014`).
  const other = notAVersion(text);
  if (other) return `'${text}': ${other}`;
  const words = text.split(' ');
  for (let start = 0; start <= Math.min(1, words.length - 1); start += 1) {
    if (start === 1 && !isLabel(words[0]!, words[1]!)) continue;
    for (let end = words.length; end > start; end -= 1) {
      const condition = words.slice(end).join(' ');
      if (condition !== '' && (!allowCondition || !startsCondition(words, end))) continue;
      if (start === 0 && condition === '') continue;
      const candidate = words.slice(start, end).join(' ');
      if (!parseVersion(candidate).unparsable) return { version: candidate, notes: [words.slice(0, start).join(' '), condition].filter((note) => note !== '') };
    }
  }
  return `'${text}': ${whole.reason}`;
}

/** The fixed part of a wildcard version (`V2.x` → `V2`, `9.1.*` → `9.1`), or null. */
function wildcardPrefix(text: string): string | null {
  return /^([vr]?\d+(?:\.\d+)*)(?:[.-](?:x+|\*))+$/i.exec(text)?.[1] ?? null;
}

/** Constraints for a comparator against a wildcard: `<= 2.x` is `< 3`, `2.x` is `>= 2 | < 3`. */
function wildcardConstraints(comparator: VersComparator, prefix: string): VersConstraint[] | string {
  const next = prefix.replace(/\d+$/, (digits) => (BigInt(digits) + 1n).toString());
  switch (comparator) {
    case '=':
      return [{ comparator: '>=', version: prefix }, { comparator: '<', version: next }];
    case '<':
    case '>=':
      return [{ comparator, version: prefix }];
    case '<=':
      return [{ comparator: '<', version: next }];
    case '>':
      return [{ comparator: '>=', version: next }];
    case '!=':
      return `'!=' with the wildcard '${prefix}.x' has no single version to exclude`;
  }
}

/** Reads a bound: a wildcard or a version (with conditions when allowed). */
function readBound(comparator: VersComparator, text: string, allowCondition: boolean): { constraints: VersConstraint[]; notes: string[] } | string {
  const prefix = wildcardPrefix(text);
  if (prefix !== null) {
    const constraints = wildcardConstraints(comparator, prefix);
    return typeof constraints === 'string' ? constraints : { constraints, notes: [] };
  }
  const version = readVersion(text, allowCondition);
  return typeof version === 'string' ? version : { constraints: [{ comparator, version: version.version }], notes: version.notes };
}

/** Takes conditions in parentheses out of a piece (`< 2.4 (only affected by CVE-…)`); `(build 12)` stays as `build 12`. */
function extractParenthesisNotes(piece: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  const text = piece
    .replace(/\s\(\s*(build(?: nr\.?)? [^()]*)\)/gi, ' $1')
    .replace(/(^|\s)\(([^()]*)\)/g, (_match, before: string, inner: string) => {
      notes.push(inner.trim());
      return before;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { text, notes };
}

/** `1.0 (including) and 1.2 (excluding)`, optionally after `between`: the ends say their inclusion. */
function readMarkedInterval(piece: string): PieceReading | string | null {
  const match = /^(?:(?:all )?versions? )?(?:between )?(.+?) ?\((incl\w*|excl\w*)\) ?(?:and|to|-) ?(.+?) ?\((incl\w*|excl\w*)\)$/i.exec(piece);
  if (!match) return null;
  const lower = readBound(/^incl/i.test(match[2]!) ? '>=' : '>', match[1]!, false);
  const upper = readBound(/^incl/i.test(match[4]!) ? '<=' : '<', match[3]!, false);
  if (typeof lower === 'string') return lower;
  if (typeof upper === 'string') return upper;
  return reading('interval', [...lower.constraints, ...upper.constraints]);
}

/** `All versions`, with a label before a colon, a condition, or a range after it. */
function readAllVersions(piece: string): PieceReading | string | null {
  const match = /^(?:(.+?) ?: ?)?(?:all|any) (?:versions?|releases?)\b ?(.*)$/i.exec(piece);
  if (!match) return null;
  const label = match[1] ? [match[1]] : [];
  const rest = match[2]!;
  if (rest === '') return { star: true, constraints: [], form: 'all', notes: label, issues: [] };
  if (NOTE_WORDS.has(rest.split(' ')[0]!.toLowerCase())) return { star: true, constraints: [], form: 'all', notes: [...label, rest], issues: [] };
  const inner = readPieceBody(rest);
  if (typeof inner === 'string') return inner;
  return { ...inner, notes: [...label, ...inner.notes] };
}

/** `prior to 5.2`, `V2.0 and later`, …: a prose phrase around one version. */
const PROSE_PHRASES: { pattern: RegExp; comparator: VersComparator; condition: boolean }[] = [
  { pattern: /^(?:prior to|before|earlier than|older than|lower than|less than|below) (.+)$/i, comparator: '<', condition: true },
  { pattern: /^(?:up to and including|up to) (.+)$/i, comparator: '<=', condition: true },
  { pattern: /^(?:later than|newer than|greater than|higher than|after) (.+)$/i, comparator: '>', condition: true },
  { pattern: /^(?:since|from|starting (?:with|from|at)) (.+?)(?: on(?:wards?)?)?$/i, comparator: '>=', condition: true },
  { pattern: /^(.+?) (?:and|or) (?:all )?(?:prior|earlier|older|before|below|lower|previous|under)(?: (?:versions?|releases?))?$/i, comparator: '<=', condition: false },
  { pattern: /^(.+?) (?:and|or) (?:all )?(?:later|newer|above|higher|after|subsequent|greater)(?: (?:versions?|releases?))?$/i, comparator: '>=', condition: false },
];

/** Reads a prose phrase; a phrase around something that is no version is a reason. */
function readProse(piece: string): PieceReading | string | null {
  for (const { pattern, comparator, condition } of PROSE_PHRASES) {
    const match = pattern.exec(piece);
    if (!match) continue;
    const bound = readBound(comparator, match[1]!, condition);
    return typeof bound === 'string' ? bound : reading('prose', bound.constraints, bound.notes);
  }
  return null;
}

/** `V1.0 - V2.3`, `1.0 to 2.3`, `from 1.0 through 2.3`, `between 1.0 and 2.3`: both ends included. */
function readInterval(piece: string): PieceReading | null {
  const match =
    /^between (.+?) and (.+)$/i.exec(piece) ??
    /^(?:from )?(.+?) (?:to|through|thru|until|till) (.+)$/i.exec(piece) ??
    /^(.+?)(?: - ?|- |-(?=[vr]\d))(.+)$/i.exec(piece);
  if (!match) return null;
  const lower = readBound('>=', match[1]!, false);
  const upper = readBound('<=', match[2]!, true);
  if (typeof lower === 'string' || typeof upper === 'string') return null;
  return reading('interval', [...lower.constraints, ...upper.constraints], upper.notes);
}

/** Strips a connector left between two run-together bounds (`>=V3.0 and <V3.2`, `>=R1.0 -| <=R2.0`). */
function stripConnector(text: string): { text: string; stripped: boolean } {
  const stripped = text.replace(/ ?(?:\band\b|&|,|-)$/i, '').trim();
  return { text: stripped, stripped: stripped !== text };
}

/**
 * Whether the text before a comparator is a product label (`NMC2 <= 6.9.6`): one word with a run of
 * at least three letters. Shorter ones could be a lower version (`A10 < A11`, `16 <= 20`).
 */
function isComparatorLabel(lead: string): boolean {
  return /^[^\s]*[a-z]{3}[^\s]*$/i.test(lead) && !/^versions?$/i.test(lead);
}

/** `<V3.1`, `>= 1.0`, `>=V3.0 <V3.2`, `>=V3.0 and <V3.2`: comparators, possibly several in a piece. */
function readComparators(piece: string): PieceReading | string | null {
  const first = piece.search(/[<>=!]/);
  if (first < 0) return null;
  const lead = piece.slice(0, first).trim();
  const labelled = isComparatorLabel(lead);
  if (lead !== '' && !labelled && !/^(?:all )?versions?$/i.test(lead)) return `text before the comparator: '${lead}'`;
  // `>FW16 up to and including FW26` (WAGO): the prose upper bound after a comparator is `<=`.
  const body = piece.slice(first).replace(/ up to(?: and including)? (?=\S)/gi, ' <=');
  const clauses = [...body.matchAll(/(<=|>=|!=|==|<|>|=)([^<>=!]*)/g)];
  if (clauses.map((clause) => clause[0]).join('') !== body) return `'${body}' is no sequence of comparators and versions`;
  const constraints: VersConstraint[] = [];
  const notes: string[] = [];
  const issues: string[] = [];
  for (const [index, clause] of clauses.entries()) {
    const comparator = (clause[1] === '==' ? '=' : clause[1]) as VersComparator;
    const { text, stripped } = stripConnector(clause[2]!.trim());
    if (stripped && index === clauses.length - 1) issues.push(`a dangling connector after '${text}' was ignored`);
    if (text === '') return `'${comparator}' without a version`;
    const bound = readBound(comparator, text, index === clauses.length - 1);
    if (typeof bound === 'string') return bound;
    constraints.push(...bound.constraints);
    notes.push(...bound.notes);
  }
  if (clauses.length > 1 && !piece.includes('|')) issues.push(`'${piece}' joins ${clauses.length} constraints without '|'`);
  return reading('comparators', constraints, labelled ? [lead, ...notes] : notes, issues);
}

/** `V1.0, V1.2 and V1.3` or `9.1 and 9.2`: several exact versions. */
function readList(piece: string): PieceReading | null {
  const items = piece.split(/ ?, ?(?:and )?| and /i).filter((item) => item !== '');
  if (items.length < 2 || items.some((item) => parseVersion(item).unparsable)) return null;
  return reading('list', items.map((version) => ({ comparator: '=', version })));
}

/** One version, or a wildcard (`2.x`). */
function readSingle(piece: string): PieceReading | string {
  const prefix = wildcardPrefix(piece);
  if (prefix !== null) return reading('wildcard', wildcardConstraints('=', prefix) as VersConstraint[]);
  const version = readVersion(piece, true);
  return typeof version === 'string' ? version : reading('exact', [{ comparator: '=', version: version.version }], version.notes);
}

/** Drops `Version` and a product label before it: `SCADA Web Server Version 5.2 and prior`. */
function stripVersionWord(piece: string): { text: string; notes: string[] } {
  const match = /^(?:(.+?) )?versions? (?=[vr]?\d)(.+)$/i.exec(piece);
  if (!match) return { text: piece, notes: [] };
  return { text: match[2]!, notes: match[1] ? [match[1]] : [] };
}

/** Reads a piece whose parenthesised conditions are already set aside. */
function readPieceBody(piece: string): PieceReading | string {
  if (piece === '*') return { star: true, constraints: [], form: 'all', notes: [], issues: [] };
  const all = readAllVersions(piece);
  if (all !== null) return all;
  if (/[<>=!]/.test(piece)) return readComparators(piece) ?? `'${piece}' cannot be read`;
  const { text, notes } = stripVersionWord(piece);
  // Intervals first: `from 1.0 to 2.0` must not be read as `from 1.0` with a bad version.
  const read = readInterval(text) ?? readProse(text) ?? readList(text) ?? readSingle(text);
  return typeof read === 'string' ? read : { ...read, notes: [...notes, ...read.notes] };
}

/** Reads one `|`-separated piece of free text. */
function readPiece(raw: string): PieceReading | string {
  const trimmed = raw.trim().replace(/[.,;:]+$/, '').trim();
  // `1.1 | 1.2 | and 2.1`: the last piece of a list often keeps its `and`.
  const piece = trimmed.replace(/^and /i, '');
  if (piece === '') return 'an empty piece';
  const marked = readMarkedInterval(piece);
  if (marked !== null) return marked;
  const { text: body, notes } = extractParenthesisNotes(piece);
  if (body === '') return `'${piece}' holds only a remark`;
  // `2.2.0 *`: a footnote marker.
  const footnote = / \*+$/.exec(body);
  const text = footnote ? body.slice(0, footnote.index) : body;
  if (footnote) notes.push(`footnote ${footnote[0].trim()}`);
  const read = readPieceBody(text);
  return typeof read === 'string' ? read : { ...read, notes: [...notes, ...read.notes] };
}

/** The form of a range made of several pieces: a list when all are exact, else the first other form. */
function combinedForm(forms: RangeForm[]): RangeForm {
  if (forms.length === 1) return forms[0]!;
  const other = forms.find((form) => form !== 'exact' && form !== 'list');
  return other ?? 'list';
}

const refuse = (text: string, reason: string): UnparsableVersionRange => ({ unparsable: true, text, reason });

/** The first constraint version the vendor ordering cannot read, as a reason. */
function unreadableConstraint(constraints: VersConstraint[]): string | null {
  for (const { version } of constraints) {
    const parsed = parseVersion(version);
    if (parsed.unparsable) return `'${version}': ${parsed.reason}`;
  }
  return null;
}

/** Checks the versions of a vendor-ordered range, adds the issues of its meaning and writes it as vers. */
function finish(text: string, range: VersRange, form: RangeForm, notes: string[]): ParsedVersionRange | UnparsableVersionRange {
  if (!range.star && VENDOR_ORDERED_SCHEMES.has(range.scheme)) {
    const unreadable = unreadableConstraint(range.constraints);
    if (unreadable) return refuse(text, unreadable);
    range.issues.push(...versMeaning(range, compareVersions).issues);
  }
  return { unparsable: false, text, range, form, notes, canonical: formatVers(range) };
}

/** Reads free text: `|`-separated pieces, each one of the forms above. */
function readFreeText(text: string): ParsedVersionRange | UnparsableVersionRange {
  const normalised = normaliseRangeText(text);
  const issues = [...normalised.issues];
  const pieces = normalised.text.split('|');
  const readings: PieceReading[] = [];
  for (const piece of pieces) {
    if (piece.trim() === '') {
      issues.push("an empty piece between '|' was ignored");
      continue;
    }
    const read = readPiece(piece);
    if (typeof read === 'string') return refuse(text, pieces.length > 1 ? `in '${piece.trim()}': ${read}` : read);
    readings.push(read);
  }
  if (readings.length === 0) return refuse(text, 'no version or range');
  const star = readings.some((read) => read.star);
  if (star && readings.length > 1) issues.push("'all versions' stands beside other pieces; read as all versions");
  const range: VersRange = {
    unparsable: false,
    scheme: VENDOR_SCHEME,
    star,
    constraints: star ? [] : readings.flatMap((read) => read.constraints),
    issues: [...issues, ...readings.flatMap((read) => read.issues)],
  };
  return finish(text, range, star ? 'all' : combinedForm(readings.map((read) => read.form)), readings.flatMap((read) => read.notes));
}

/**
 * Reads a version range as the corpus writes it, vers or free text (also a `product_version` that
 * holds a range or a single version). Unreadable text comes back with the reason.
 */
export function parseVersionRange(text: string): ParsedVersionRange | UnparsableVersionRange {
  const trimmed = text.trim();
  if (trimmed === '') return refuse(text, 'empty');
  if (!/^vers:/i.test(trimmed)) return readFreeText(text);
  const vers = parseVers(trimmed);
  if (vers.unparsable) return refuse(text, vers.reason);
  return finish(text, vers, vers.star ? 'all' : 'vers', []);
}

/** Whether a version or range text names one version (`V6.20`), a range, or all versions. */
export function versionTextKind(text: string): VersionTextKind {
  const parsed = parseVersionRange(text);
  if (parsed.unparsable) return 'unparsable';
  if (parsed.range.star) return parsed.range.scheme === 'none' ? 'range' : 'all';
  const [only, ...others] = parsed.range.constraints;
  return others.length === 0 && only?.comparator === '=' ? 'exact' : 'range';
}

/**
 * Whether a range contains a version, by the vendor ordering. Null, with the reason, when the range
 * is unparsable, its scheme has another ordering, or the version cannot be read or compared.
 */
export function rangeContains(parsed: ParsedVersionRange | UnparsableVersionRange, version: string): RangeContainment {
  if (parsed.unparsable) return { contains: null, reason: `the range '${parsed.text}' cannot be read: ${parsed.reason}` };
  const { range } = parsed;
  if (range.star) return { contains: range.scheme !== 'none', reason: null };
  if (!VENDOR_ORDERED_SCHEMES.has(range.scheme)) return { contains: null, reason: `no ordering for versions of the vers scheme '${range.scheme}'` };
  const readable = parseVersion(version);
  if (readable.unparsable) return { contains: null, reason: `the version '${version}' cannot be read: ${readable.reason}` };
  const contains = versContains(range, version, compareVersions);
  if (contains !== null) return { contains, reason: null };
  const incomparable = range.constraints.filter((constraint) => compareVersions(readable, constraint.version) === null).map((constraint) => `'${constraint.version}'`);
  return { contains: null, reason: `the version '${version}' cannot be compared with ${incomparable.join(', ')}` };
}
