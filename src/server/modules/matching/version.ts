// Vendor-style versions as OT advisories and inventories write them: `V2.9.4`, `V4.3 SP1`,
// `V7.5 SP2 Update 12`, `V5.2_SP3_HF15`, `R2024.1`, `2024 R1`, `4.0C`, `FH`, `15.2(4)E7`,
// `1.0-rc1`, `2.1.0-build123`, `1.0.0+20240101`. No registry publishes an ordering for them, so
// this module states one and refuses (null) wherever two texts could honestly be read either way.
//
// Reading a text:
// - Decoration is dropped: a leading `V` or `R` before a number (`V2.9.4` = `2.9.4`,
//   `R2024.1` = `2024.1`), leading words such as `Version`, `Rev`, `Firmware`, and semver build
//   metadata after `+` (`1.0.0+20240101` = `1.0.0`, semver §10).
// - `.`, `_`, `-`, spaces and parentheses all separate (`V5.2_SP3_HF15` = `V5.2 SP3 HF15`), and so
//   does a change between digits and letters (`4.0C` = `4.0 C`). An `R` between numbers is a
//   separator too (`2024 R1` = `2024.1`, `V22R2` = `22.2`). Letters are case-insensitive.
// - Qualifier words start a section after the release part; see QUALIFIERS below.
//
// Ordering, decided from left to right:
// 1. The release part, component by component: numbers numerically, so leading zeros do not count
//    (`01.02.03` = `1.2.3`) and `V6.20` > `V6.3` (20 > 3: vendors do not write decimal fractions);
//    a missing number counts as 0 (`2.0` = `2.0.0`); letters alphabetically (`4.0B` < `4.0C`) and
//    after their absence (`4.0` < `4.0A`).
// 2. Then the qualifier sections, one position at a time: pre-releases sort before their absence
//    (`1.0-rc1` < `1.0`), post-releases after it (`V4.3` < `V4.3 SP1` < `V4.3 SP2` < `V4.4`,
//    `V5.2 SP3` < `V5.2 SP3 HF1`, `V7.5 SP2` < `V7.5 SP2 Update 12`). Two sections of the same
//    kind compare by their numbers. Of two different post-release kinds the coarser one (a service
//    or feature pack) sorts after the finer one (`V5.2 HF15` < `V5.2 SP1`: a hotfix to the base
//    release precedes the next service pack).
//
// No answer (null), never a guess, when at the same position:
// - a number meets letters (`A` against `2.0`, `1.1.B` against `1.1.2`);
// - letter runs of different lengths meet (`A` against `FH`, `15.2(4)E` against `15.2(4)EA`);
// - a build number meets its absence (`4.0` against `4.0 build 12`: which build is "4.0"?);
// - two different qualifiers of the same level meet (`V16 Update 4` against `V16 HF2`, `SP1`
//   against `FP1`), or a build meets any other qualifier;
// - one text has a release part and the other starts with a qualifier (`SP2` against `5.2`).

/** One component of a release part or of a qualifier section. */
export type VersionPart = { kind: 'number'; value: bigint } | { kind: 'letters'; value: string };

/** A qualifier section kind, e.g. `service-pack` for `SP3`. */
export type QualifierKind = 'dev' | 'alpha' | 'beta' | 'preview' | 'rc' | 'service-pack' | 'feature-pack' | 'update' | 'hotfix' | 'patch' | 'build';

/** A qualifier section: its kind, the word as written (lowercase) and the components after it. */
export interface VersionQualifier {
  kind: QualifierKind;
  word: string;
  parts: VersionPart[];
}

/** A readable version. */
export interface ParsedVersion {
  unparsable: false;
  /** The text as given. */
  text: string;
  /** The components before the first qualifier; empty when the text starts with one (`SP2`). */
  release: VersionPart[];
  qualifiers: VersionQualifier[];
  /** Semver build metadata after `+`; it takes no part in the ordering. */
  metadata: string | null;
}

/** A text that is no version, with the reason in English. */
export interface UnparsableVersion {
  unparsable: true;
  text: string;
  reason: string;
}

interface QualifierRule {
  /** Lowercase words, multi-word ones written together (`servicepack` for `Service Pack`). */
  words: string[];
  /** `pre` sorts before the absence of a qualifier, `post` after it, `build` not at all. */
  order: 'pre' | 'post' | 'build';
  /** Among `pre`: the later the higher. Among `post`: 1 is coarser than 2. */
  rank: number;
}

/** Qualifier kinds, the words that start them and how they order. */
const QUALIFIERS: Record<QualifierKind, QualifierRule> = {
  dev: { words: ['dev', 'snapshot'], order: 'pre', rank: 0 },
  alpha: { words: ['alpha'], order: 'pre', rank: 1 },
  beta: { words: ['beta'], order: 'pre', rank: 2 },
  preview: { words: ['preview', 'pre'], order: 'pre', rank: 3 },
  rc: { words: ['rc', 'cr', 'releasecandidate'], order: 'pre', rank: 4 },
  'service-pack': { words: ['sp', 'servicepack'], order: 'post', rank: 1 },
  'feature-pack': { words: ['fp', 'featurepack'], order: 'post', rank: 1 },
  update: { words: ['update', 'upd', 'u', 'cu', 'ru'], order: 'post', rank: 2 },
  hotfix: { words: ['hf', 'hotfix', 'hotfixrev'], order: 'post', rank: 2 },
  patch: { words: ['patch', 'p', 'securitypatch'], order: 'post', rank: 2 },
  build: { words: ['build', 'bn'], order: 'build', rank: 0 },
};

const QUALIFIER_BY_WORD = new Map<string, QualifierKind>(
  (Object.entries(QUALIFIERS) as [QualifierKind, QualifierRule][]).flatMap(([kind, rule]) => rule.words.map((word) => [word, kind] as const)),
);

/** Single letters that are qualifiers only when a number follows (`9.9u5`, `V3.1 P2`); else a letter revision (`9.9U`). */
const SHORT_QUALIFIERS = new Set(['u', 'p']);

/** Words that name the version itself and are dropped at the start (`Version 2.1`, `Rev. B`, `FW 4.2`). */
const LEADING_WORDS = new Set(['version', 'ver', 'rev', 'revision', 'firmware', 'fw', 'software', 'sw']);

/** Words that say "this is the release" and add nothing to the order (`v2.3-GA-1-2`, `9.9 release 4`). */
const NEUTRAL_WORDS = new Set(['ga', 'final', 'release', 'rel']);

/** Short English words: a text containing one is prose, not a version (`9.9 and 9.9`, `all`). */
const PROSE_WORDS = new Set([
  'an', 'and', 'or', 'to', 'the', 'all', 'any', 'for', 'not', 'but', 'via', 'see', 'of', 'on', 'in', 'if', 'is',
  'are', 'was', 'has', 'new', 'old', 'end', 'as', 'at', 'by', 'no', 'use', 'set', 'off', 'per', 'up',
]);

/** Month names: a text with one is a date (`April/13/2023`, `< January 31 2014`). */
const MONTHS = new Set([
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'january', 'february', 'march',
  'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);

/** Letter runs longer than this that are no known word make a text prose (`Linux`, `only`). */
const MAX_LETTER_RUN = 3;
/** A version made of letters only is a revision code (`A`, `FH`); longer runs are names (`UDP`, `DNS`). */
const MAX_LETTERS_ONLY_RUN = 2;

type Token = { kind: 'number'; value: bigint } | { kind: 'word'; value: string };

const unparsable = (text: string, reason: string): UnparsableVersion => ({ unparsable: true, text, reason });

/** Why a text is something other than a version that its characters alone would allow, or null. */
export function notAVersion(text: string): string | null {
  const month = text.toLowerCase().match(/[a-z]+/g)?.find((word) => MONTHS.has(word));
  if (month) return `'${month}' names a month: a date, not a version`;
  if (/\bcve-\d{4}-\d+/i.test(text)) return 'a CVE identifier, not a version';
  return null;
}

/** Splits a text into number and word tokens; a string is the reason it cannot be a version. */
function tokenize(body: string): Token[] | string {
  const other = notAVersion(body);
  if (other) return other;
  const invalid = /[^a-z0-9._\-\s()]/.exec(body);
  if (invalid) return `unexpected character '${invalid[0]}'`;
  const chunks = body.split(/[._\-\s()]+/).filter((chunk) => chunk !== '');
  if (chunks.length === 0) return 'no digits or letters';
  for (const chunk of chunks) {
    if (/^x+$/.test(chunk) && chunks.length > 1) return `'${chunk}' is a wildcard, not a single version`;
    if (/^[0-9a-f]{7,}$/.test(chunk) && /[a-f]/.test(chunk) && /[0-9]/.test(chunk)) return `'${chunk}' looks like a commit hash, not a version`;
  }
  const runs = chunks.flatMap((chunk) => chunk.match(/[0-9]+|[a-z]+/g) ?? []);
  return mergeQualifierWords(runs.map((run): Token => (/^[0-9]/.test(run) ? { kind: 'number', value: BigInt(run) } : { kind: 'word', value: run })));
}

/** Joins consecutive words that together form a qualifier (`Service Pack` → `servicepack`). */
function mergeQualifierWords(tokens: Token[]): Token[] {
  const merged: Token[] = [];
  for (const token of tokens) {
    const previous = merged.at(-1);
    if (token.kind === 'word' && previous?.kind === 'word' && QUALIFIER_BY_WORD.has(previous.value + token.value)) {
      merged[merged.length - 1] = { kind: 'word', value: previous.value + token.value };
    } else merged.push(token);
  }
  return merged;
}

/** Whether a word at this position is decoration: a leading word, or V/R before a number, or R between numbers. */
function isDecoration(tokens: Token[], index: number, releaseSoFar: VersionPart[], sectionStarted: boolean): boolean {
  const token = tokens[index]!;
  if (token.kind !== 'word') return false;
  const next = tokens[index + 1];
  const atStart = releaseSoFar.length === 0 && !sectionStarted;
  if (atStart && LEADING_WORDS.has(token.value) && next !== undefined) return true;
  if ((token.value === 'v' || token.value === 'r') && next?.kind === 'number' && atStart) return true;
  return token.value === 'r' && next?.kind === 'number' && !sectionStarted && releaseSoFar.at(-1)?.kind === 'number';
}

/** Why a word cannot be a component of a version, or null when it can. */
function wordProblem(word: string): string | null {
  if (PROSE_WORDS.has(word)) return `contains the word '${word}'`;
  if (word.length > MAX_LETTER_RUN) return `unknown word '${word}'`;
  return null;
}

/** Reads a version text; an unreadable one comes back with the reason. */
export function parseVersion(text: string): ParsedVersion | UnparsableVersion {
  const trimmed = text.trim();
  if (trimmed === '') return unparsable(text, 'empty');
  const metadataMatch = /\+([0-9A-Za-z.-]+)$/.exec(trimmed);
  const body = (metadataMatch ? trimmed.slice(0, metadataMatch.index) : trimmed).toLowerCase();
  const tokens = tokenize(body);
  if (typeof tokens === 'string') return unparsable(text, tokens);

  const release: VersionPart[] = [];
  const qualifiers: VersionQualifier[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const current = qualifiers.at(-1)?.parts ?? release;
    if (token.kind === 'number') {
      current.push(token);
      continue;
    }
    if (isDecoration(tokens, index, release, qualifiers.length > 0) || NEUTRAL_WORDS.has(token.value)) continue;
    const qualifier = QUALIFIER_BY_WORD.get(token.value);
    const isQualifier = qualifier !== undefined && (!SHORT_QUALIFIERS.has(token.value) || tokens[index + 1]?.kind === 'number');
    if (isQualifier) {
      qualifiers.push({ kind: qualifier, word: token.value, parts: [] });
      continue;
    }
    const problem = wordProblem(token.value);
    if (problem) return unparsable(text, problem);
    current.push({ kind: 'letters', value: token.value });
  }

  const parts = [...release, ...qualifiers.flatMap((section) => section.parts)];
  if (parts.length === 0 && qualifiers.length === 0) return unparsable(text, 'no version components');
  if (!parts.some((part) => part.kind === 'number')) {
    const long = parts.find((part) => part.value.toString().length > MAX_LETTERS_ONLY_RUN);
    if (long) return unparsable(text, `'${long.value}' without any number is a name, not a revision code`);
  }
  return { unparsable: false, text, release, qualifiers, metadata: metadataMatch?.[1] ?? null };
}

type Order = -1 | 0 | 1 | null;

const sign = (value: bigint): -1 | 0 | 1 => (value < 0n ? -1 : value > 0n ? 1 : 0);

/** Orders two components at the same position; undefined is a missing component. */
function comparePart(a: VersionPart | undefined, b: VersionPart | undefined): Order {
  if (a === undefined && b === undefined) return 0;
  // A missing number counts as 0; a missing letter sorts before any letter (`4.0` < `4.0A`).
  if (a === undefined) return b!.kind === 'number' ? sign(0n - b!.value) : -1;
  if (b === undefined) return a.kind === 'number' ? sign(a.value) : 1;
  if (a.kind === 'number' && b.kind === 'number') return sign(a.value - b.value);
  if (a.kind === 'letters' && b.kind === 'letters') {
    if (a.value === b.value) return 0;
    if (a.value.length !== b.value.length) return null;
    return a.value < b.value ? -1 : 1;
  }
  return null;
}

/** Orders two component lists position by position. */
function compareParts(a: VersionPart[], b: VersionPart[]): Order {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const order = comparePart(a[index], b[index]);
    if (order !== 0) return order;
  }
  return 0;
}

/** Orders a qualifier against its absence at the same position. */
function qualifierAgainstNothing(qualifier: VersionQualifier): Order {
  const { order } = QUALIFIERS[qualifier.kind];
  return order === 'pre' ? -1 : order === 'post' ? 1 : null;
}

/** Orders two qualifier sections at the same position. */
function compareQualifiers(a: VersionQualifier, b: VersionQualifier): Order {
  if (a.kind === b.kind) return compareParts(a.parts, b.parts);
  const left = QUALIFIERS[a.kind];
  const right = QUALIFIERS[b.kind];
  if (left.order === 'build' || right.order === 'build') return null;
  if (left.order !== right.order) return left.order === 'pre' ? -1 : 1;
  if (left.rank === right.rank) return null;
  if (left.order === 'pre') return left.rank < right.rank ? -1 : 1;
  // Post-releases: the coarser kind (lower rank) is the later one.
  return left.rank < right.rank ? 1 : -1;
}

/** Orders two parsed versions by the rules in the header; null when they cannot be compared. */
export function compareParsedVersions(a: ParsedVersion, b: ParsedVersion): Order {
  if ((a.release.length === 0) !== (b.release.length === 0)) return null;
  const release = compareParts(a.release, b.release);
  if (release !== 0) return release;
  for (let index = 0; index < Math.max(a.qualifiers.length, b.qualifiers.length); index += 1) {
    const left = a.qualifiers[index];
    const right = b.qualifiers[index];
    const order = left === undefined ? flip(qualifierAgainstNothing(right!)) : right === undefined ? qualifierAgainstNothing(left) : compareQualifiers(left, right);
    if (order !== 0) return order;
  }
  return 0;
}

const flip = (order: Order): Order => (order === null ? null : order === 0 ? 0 : order === 1 ? -1 : 1);

/**
 * Orders two version texts: negative when `a` is older, 0 when equal, positive when newer; null
 * when either is no version or the two cannot be meaningfully compared (see the header).
 */
export function compareVersions(a: string | ParsedVersion, b: string | ParsedVersion): number | null {
  const left = typeof a === 'string' ? parseVersion(a) : a;
  const right = typeof b === 'string' ? parseVersion(b) : b;
  if (left.unparsable || right.unparsable) return null;
  return compareParsedVersions(left, right);
}
