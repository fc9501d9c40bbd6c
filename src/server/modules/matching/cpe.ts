// CPE 2.3 names: the well-formed name (WFN) of NIST IR 7695, its formatted-string binding
// (`cpe:2.3:a:vendor:product:…`) and URI binding (`cpe:/a:vendor:product:…`), the name comparison
// of NIST IR 7696, and a check of a concrete version against an NVD-style version range.
//
// Attribute values are held in WFN form (IR 7695 §5.3.2): every character other than a letter, a
// digit or `_` is quoted with a backslash, so version 8.0.6001 is held as `8\.0\.6001`; an unquoted
// `*` (any run of characters) or `?` (a character) is a wildcard and stands only at the start or the
// end. The logical values ANY and NA are the symbols below, so no text value can be mistaken
// for them. Malformed input gives `{ ok: false, reason }` with an English sentence.

/** Logical value ANY: the attribute may take any value (bound as `*`, or empty in a URI). */
export const ANY = Symbol('ANY');
/** Logical value NA: the attribute does not apply to this product (bound as `-`). */
export const NA = Symbol('NA');

/** ANY or NA, the logical values of IR 7695. */
export type LogicalValue = typeof ANY | typeof NA;
/** A logical value or a string in WFN form (quoted, possibly with wildcards at its ends). */
export type AttributeValue = LogicalValue | string;

/** The eleven WFN attributes in binding order (IR 7695 §5.2). */
export const ATTRIBUTES = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** A well-formed CPE name: a value for each of the eleven attributes. */
export type Wfn = Readonly<Record<Attribute, AttributeValue>>;

/** A parsed name and the binding it was written in, or why the text is no CPE name. */
export type CpeParseResult =
  | { ok: true; wfn: Wfn; binding: 'formatted_string' | 'uri' }
  | { ok: false; reason: string };

/** Attribute relations of IR 7696 §6.1 (source compared with target). */
export type Relation = 'SUPERSET' | 'SUBSET' | 'EQUAL' | 'DISJOINT' | 'UNDEFINED';

const FORMATTED_STRING_PREFIX = 'cpe:2.3:';
const URI_PREFIX = 'cpe:/';
const URI_COMPONENTS = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language'] as const;
const PACKED_ATTRIBUTES = ['edition', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const;
// The printable characters other than letters, digits and `_`, which a WFN value must quote (§5.3.2).
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~');
const WORD_CHARACTER = /^[A-Za-z0-9_]$/;
const LANGUAGE = /^[a-z]{2,3}(\\-([a-z]{2}|[0-9]{3}))?$/i;

class CpeSyntaxError extends Error {}

/** Reads a CPE name in either binding into a WFN, or says in a sentence why it is malformed. */
export function parseCpe(text: string): CpeParseResult {
  try {
    if (text.startsWith(FORMATTED_STRING_PREFIX)) return { ok: true, wfn: unbindFormattedString(text), binding: 'formatted_string' };
    if (text.startsWith(URI_PREFIX)) return { ok: true, wfn: unbindUri(text), binding: 'uri' };
    throw new CpeSyntaxError(`The text "${text}" is not a CPE name: it must start with "cpe:2.3:" (formatted string) or "cpe:/" (URI).`);
  } catch (error) {
    if (error instanceof CpeSyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

function unbindFormattedString(text: string): Wfn {
  const fields = splitAtUnquotedColons(text.slice(FORMATTED_STRING_PREFIX.length));
  if (fields.length !== ATTRIBUTES.length) {
    throw new CpeSyntaxError(`The formatted string "${text}" has ${fields.length} components after "cpe:2.3:", but CPE 2.3 requires 11 (part to other).`);
  }
  return buildWfn((attribute, index) => unbindFormattedValue(attribute, fields[index]!));
}

function splitAtUnquotedColons(text: string): string[] {
  const fields = [''];
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === ':') {
      fields.push('');
      continue;
    }
    // A backslash takes the next character with it, so `\:` stays inside the value.
    const unit = text[index] === '\\' ? text.slice(index, index + 2) : text[index]!;
    fields[fields.length - 1] += unit;
    index += unit.length - 1;
  }
  return fields;
}

// §6.2.3: `*` and `-` alone are ANY and NA; `.`, `-` and `_` need no quoting in this binding, every
// other punctuation character must be quoted, and an unquoted `*` or `?` is a wildcard.
function unbindFormattedValue(attribute: Attribute, raw: string): AttributeValue {
  if (raw === '') throw new CpeSyntaxError(`The ${attribute} component is empty; a formatted string writes ANY as "*" and NA as "-".`);
  if (raw === '*') return ANY;
  if (raw === '-') return NA;
  const units: string[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    const character = raw[index]!;
    if (WORD_CHARACTER.test(character) || character === '*' || character === '?') units.push(character);
    else if (character === '-' || character === '.') units.push(`\\${character}`);
    else if (character === '\\') {
      units.push(quotedUnit(attribute, raw, raw[index + 1]));
      index += 1;
    } else if (PUNCTUATION.has(character)) {
      throw new CpeSyntaxError(`The ${attribute} value "${raw}" contains an unquoted "${character}"; in a formatted string it must be written as "\\${character}".`);
    } else throw illegalCharacter(attribute, raw, character);
  }
  return wfnString(attribute, raw, units);
}

function quotedUnit(attribute: Attribute, raw: string, quoted: string | undefined): string {
  if (quoted === undefined) throw new CpeSyntaxError(`The ${attribute} value "${raw}" ends with a lone backslash.`);
  if (quoted === '_') return '_';
  if (PUNCTUATION.has(quoted)) return `\\${quoted}`;
  if (WORD_CHARACTER.test(quoted)) throw new CpeSyntaxError(`The ${attribute} value "${raw}" quotes "${quoted}"; only punctuation characters may follow a backslash.`);
  throw illegalCharacter(attribute, raw, quoted);
}

function illegalCharacter(attribute: Attribute, raw: string, character: string): CpeSyntaxError {
  const code = character.codePointAt(0)!;
  const described = character === ' ' ? 'a space' : `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return new CpeSyntaxError(`The ${attribute} value "${raw}" contains ${described}; CPE names hold only printable ASCII characters without spaces.`);
}

// §5.3.2: a value may begin and end with one `*` or a run of `?`, has no wildcard in between, and
// holds at least one character besides them (a lone `*` would be ANY).
function wfnString(attribute: Attribute, raw: string, units: string[]): string {
  let start = 0;
  while (units[start] === '?') start += 1;
  if (start === 0 && units[0] === '*') start = 1;
  let end = units.length;
  while (end > start && units[end - 1] === '?') end -= 1;
  if (end === units.length && end > start && units[end - 1] === '*') end -= 1;
  if (start === end) throw new CpeSyntaxError(`The ${attribute} value "${raw}" consists only of wildcards.`);
  const misplaced = units.slice(start, end).find(isWildcard);
  if (misplaced) {
    throw new CpeSyntaxError(
      `The ${attribute} value "${raw}" has the wildcard "${misplaced}" where none is allowed: a value may only begin and end with one "*" or a run of "?" (a literal "${misplaced}" is quoted).`,
    );
  }
  return units.join('');
}

function buildWfn(valueOf: (attribute: Attribute, index: number) => AttributeValue): Wfn {
  const wfn = Object.fromEntries(ATTRIBUTES.map((attribute, index) => [attribute, valueOf(attribute, index)])) as Record<Attribute, AttributeValue>;
  if (typeof wfn.part === 'string' && !['a', 'o', 'h'].includes(wfn.part)) {
    throw new CpeSyntaxError(`The part "${wfnValueToText(wfn.part)}" must be "a" (application), "o" (operating system) or "h" (hardware).`);
  }
  // The ABNF of §6.2.2: a language tag without wildcards, two or three letters and a region, e.g. `en-US`.
  if (typeof wfn.language === 'string' && !LANGUAGE.test(wfn.language)) {
    throw new CpeSyntaxError(`The language "${wfnValueToText(wfn.language)}" is not a language tag: two or three letters, optionally followed by "-" and a two-letter or three-digit region.`);
  }
  return wfn;
}

function unbindUri(text: string): Wfn {
  const components = text.slice(URI_PREFIX.length).split(':');
  if (components.length > URI_COMPONENTS.length) {
    throw new CpeSyntaxError(`The URI "${text}" has ${components.length} components after "cpe:/", but at most 7 (part to language).`);
  }
  const edition = components[5] ?? '';
  // §6.1.3: an edition that starts with `~` packs edition, sw_edition, target_sw, target_hw and other.
  const packed = edition.startsWith('~') ? edition.split('~').slice(1) : null;
  if (packed && packed.length !== PACKED_ATTRIBUTES.length) {
    throw new CpeSyntaxError(`The packed edition "${edition}" must hold five values, each preceded by "~" (edition, sw_edition, target_sw, target_hw, other).`);
  }
  const raw: Partial<Record<Attribute, string>> = Object.fromEntries(URI_COMPONENTS.map((attribute, index) => [attribute, components[index]]));
  if (packed) PACKED_ATTRIBUTES.forEach((attribute, index) => (raw[attribute] = packed[index]));
  // A component the URI leaves out, like an empty one, is ANY.
  return buildWfn((attribute) => decodeUriValue(attribute, raw[attribute] ?? ''));
}

const PERCENT_DECODED = new Map([...PUNCTUATION].map((character) => [`%${character.charCodeAt(0).toString(16)}`, character]));

// §6.1.3 decode: empty is ANY, `-` is NA; letters fold to lower case; `.`, `-` and `~` become
// quoted; %01 and %02 are the wildcards `?` and `*`; other percent-encodings are quoted punctuation.
function decodeUriValue(attribute: Attribute, raw: string): AttributeValue {
  if (raw === '') return ANY;
  if (raw === '-') return NA;
  const text = raw.toLowerCase();
  const units: string[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (WORD_CHARACTER.test(character)) units.push(character);
    else if (character === '.' || character === '-' || character === '~') units.push(`\\${character}`);
    else if (character === '%') {
      const encoding = text.slice(index, index + 3);
      const decoded = encoding === '%01' ? '?' : encoding === '%02' ? '*' : PERCENT_DECODED.has(encoding) ? `\\${PERCENT_DECODED.get(encoding)}` : null;
      if (decoded === null) throw new CpeSyntaxError(`The ${attribute} value "${raw}" contains "${encoding}", which is not a percent-encoding the URI binding allows.`);
      units.push(decoded);
      index += 2;
    } else if (PUNCTUATION.has(character)) {
      throw new CpeSyntaxError(`The ${attribute} value "${raw}" contains "${character}", which the URI binding writes percent-encoded.`);
    } else throw illegalCharacter(attribute, raw, character);
  }
  return wfnString(attribute, raw, units);
}

/** Splits a WFN string into its characters, a quoted character (`\.`) counting as one. */
function wfnUnits(value: string): string[] {
  return value.match(/\\.|./gs) ?? [];
}

function isWildcard(unit: string): boolean {
  return unit === '*' || unit === '?';
}

/** The text a WFN string stands for, with its quoting removed (`8\.0\.6001` → `8.0.6001`). */
export function wfnValueToText(value: string): string {
  return wfnUnits(value).map((unit) => unit.at(-1)).join('');
}

/** Binds a WFN to the formatted string `cpe:2.3:…` (IR 7695 §6.2.2). */
export function bindFormattedString(wfn: Wfn): string {
  const bound = ATTRIBUTES.map((attribute) => {
    const value = wfn[attribute];
    if (value === ANY) return '*';
    if (value === NA) return '-';
    // A text value that is a lone hyphen keeps its quoting, or it would read back as NA.
    if (value === '\\-') return value;
    // §6.2.2: the period, hyphen and underscore lose their quoting, all other quoting stays.
    return wfnUnits(value).map((unit) => (/^\\[-._]$/.test(unit) ? unit[1] : unit)).join('');
  });
  return FORMATTED_STRING_PREFIX + bound.join(':');
}

/** Binds a WFN to the URI `cpe:/…` of CPE 2.2 (IR 7695 §6.1.2). */
export function bindUri(wfn: Wfn): string {
  const bound = Object.fromEntries(ATTRIBUTES.map((attribute) => [attribute, bindUriValue(wfn[attribute])])) as Record<Attribute, string>;
  // §6.1.2: the extended attributes travel packed in the edition when any of them is not ANY.
  if (PACKED_ATTRIBUTES.slice(1).some((attribute) => bound[attribute] !== '')) {
    bound.edition = PACKED_ATTRIBUTES.map((attribute) => `~${bound[attribute]}`).join('');
  }
  return (URI_PREFIX + URI_COMPONENTS.map((attribute) => bound[attribute]).join(':')).replace(/:+$/, '');
}

function bindUriValue(value: AttributeValue): string {
  if (value === ANY) return '';
  if (value === NA) return '-';
  // A text value that is a lone hyphen is percent-encoded, or it would read back as NA.
  if (value === '\\-') return '%2d';
  return wfnUnits(value)
    .map((unit) => {
      if (unit === '?') return '%01';
      if (unit === '*') return '%02';
      if (unit.length === 1 || unit === '\\-' || unit === '\\.') return unit.at(-1)!;
      return `%${unit.charCodeAt(1).toString(16)}`;
    })
    .join('');
}

function hasWildcards(value: string): boolean {
  return wfnUnits(value).some(isWildcard);
}

/** Relation of a source attribute value to a target value (IR 7696 §6.1, Table 6-2); case-insensitive. */
export function compareAttribute(source: AttributeValue, target: AttributeValue): Relation {
  // Rows 4, 8, 13, 18: wildcards belong in the source; in the target the result is undefined.
  if (typeof target === 'string' && hasWildcards(target)) return 'UNDEFINED';
  if (source === ANY) return target === ANY ? 'EQUAL' : 'SUPERSET';
  if (target === ANY) return 'SUBSET';
  if (source === NA || target === NA) return source === target ? 'EQUAL' : 'DISJOINT';
  if (!hasWildcards(source)) return source.toLowerCase() === target.toLowerCase() ? 'EQUAL' : 'DISJOINT';
  return wildcardMatches(source, wfnValueToText(target)) ? 'SUPERSET' : 'DISJOINT';
}

// IR 7696 §6.1 compare_strings: a leading or trailing `*` takes any number of characters, a run of n
// `?` takes at most n (the algorithm bounds the count only), and the quoted middle must occur in between.
function wildcardMatches(source: string, targetText: string): boolean {
  const units = wfnUnits(source);
  let start = 0;
  while (units[start] === '?') start += 1;
  const before = units[0] === '*' ? Infinity : start;
  let end = units.length;
  while (units[end - 1] === '?') end -= 1;
  const after = units.at(-1) === '*' ? Infinity : units.length - end;
  const middle = wfnValueToText(units.slice(before === Infinity ? 1 : start, after === Infinity ? -1 : end).join('')).toLowerCase();
  const target = targetText.toLowerCase();
  for (let index = target.indexOf(middle); index !== -1 && index <= before; index = target.indexOf(middle, index + 1)) {
    if (target.length - index - middle.length <= after) return true;
  }
  return false;
}

/** The attribute-by-attribute relations of a source name to a target name (IR 7696 §6.2). */
export function compareNames(source: Wfn, target: Wfn): Record<Attribute, Relation> {
  return Object.fromEntries(ATTRIBUTES.map((attribute) => [attribute, compareAttribute(source[attribute], target[attribute])])) as Record<Attribute, Relation>;
}

/** True when the names share no product: some attribute is DISJOINT (IR 7696 §6.2, CPE_DISJOINT). */
export function isDisjoint(source: Wfn, target: Wfn): boolean {
  return Object.values(compareNames(source, target)).includes('DISJOINT');
}

/** True when every attribute is EQUAL (CPE_EQUAL). */
export function isEqual(source: Wfn, target: Wfn): boolean {
  return Object.values(compareNames(source, target)).every((relation) => relation === 'EQUAL');
}

/** True when the source is a subset of the target: every attribute SUBSET or EQUAL (CPE_SUBSET). */
export function isSubset(source: Wfn, target: Wfn): boolean {
  return Object.values(compareNames(source, target)).every((relation) => relation === 'SUBSET' || relation === 'EQUAL');
}

/**
 * True when the source covers the target: every attribute SUPERSET or EQUAL (CPE_SUPERSET). An
 * advisory's CPE (source, with ANY or wildcards) matches an installed component's CPE (target) this way.
 */
export function isSuperset(source: Wfn, target: Wfn): boolean {
  return Object.values(compareNames(source, target)).every((relation) => relation === 'SUPERSET' || relation === 'EQUAL');
}

/** Orders two versions: negative, zero or positive; null when they cannot be compared. */
export type VersionComparator = (a: string, b: string) => number | null;

/** A CPE with the version bounds NVD gives beside it in a configuration's cpeMatch entry. */
export interface CpeVersionRange {
  /** The CPE the range applies to (NVD `criteria`); its version is usually ANY when bounds are given. */
  cpe: Wfn;
  /** The lowest version in the range. */
  versionStartIncluding?: string | null;
  /** The range starts after this version. */
  versionStartExcluding?: string | null;
  /** The highest version in the range. */
  versionEndIncluding?: string | null;
  /** The range ends before this version. */
  versionEndExcluding?: string | null;
}

export interface VersionRangeCheck {
  /** `unknown` when a version could not be compared; never a match then. */
  outcome: 'match' | 'no_match' | 'unknown';
  /** Why, as an English sentence. */
  reason: string;
}

const BOUNDS = [
  { key: 'versionStartIncluding', operator: '>=', holds: (order: number) => order >= 0 },
  { key: 'versionStartExcluding', operator: '>', holds: (order: number) => order > 0 },
  { key: 'versionEndIncluding', operator: '<=', holds: (order: number) => order <= 0 },
  { key: 'versionEndExcluding', operator: '<', holds: (order: number) => order < 0 },
] as const;

/**
 * Checks a component's concrete version against the range's CPE version and its bounds, using the
 * given comparator. Every bound must hold; one that fails makes `no_match`, one that cannot be
 * compared (comparator null) makes `unknown` unless another fails.
 */
export function checkVersionRange(range: CpeVersionRange, version: string, compare: VersionComparator): VersionRangeCheck {
  if (version === '') return { outcome: 'unknown', reason: 'The component has no version to compare with the range.' };
  for (const side of ['Start', 'End'] as const) {
    if (range[`version${side}Including`] != null && range[`version${side}Excluding`] != null) {
      return { outcome: 'unknown', reason: `The range gives both version${side}Including and version${side}Excluding, so its ${side.toLowerCase()} is ambiguous.` };
    }
  }
  const checks = [checkCpeVersion(range.cpe.version, version, compare)];
  const bounds = BOUNDS.filter((bound) => range[bound.key] != null);
  for (const bound of bounds) {
    const limit = range[bound.key]!;
    const order = compare(version, limit);
    if (order === null) checks.push({ outcome: 'unknown', reason: `Version ${version} cannot be compared with the range bound ${bound.operator} ${limit}.` });
    else if (!bound.holds(order)) checks.push({ outcome: 'no_match', reason: `Version ${version} is outside the range: it is not ${bound.operator} ${limit} (${bound.key}).` });
  }
  const failed = checks.find((check) => check.outcome === 'no_match') ?? checks.find((check) => check.outcome === 'unknown');
  if (failed) return failed;
  const described = bounds.map((bound) => `${bound.operator} ${range[bound.key]}`).join(' and ');
  return { outcome: 'match', reason: described ? `Version ${version} lies in the range ${described}.` : checks[0]!.reason };
}

function checkCpeVersion(cpeVersion: AttributeValue, version: string, compare: VersionComparator): VersionRangeCheck {
  if (cpeVersion === ANY) return { outcome: 'match', reason: `The CPE covers every version (*), so also ${version}.` };
  if (cpeVersion === NA) return { outcome: 'no_match', reason: `The CPE says a version does not apply (-), but the component has version ${version}.` };
  const cpeText = wfnValueToText(cpeVersion);
  if (hasWildcards(cpeVersion)) {
    return wildcardMatches(cpeVersion, version)
      ? { outcome: 'match', reason: `Version ${version} fits the CPE version pattern ${cpeText}.` }
      : { outcome: 'no_match', reason: `Version ${version} does not fit the CPE version pattern ${cpeText}.` };
  }
  if (cpeText.toLowerCase() === version.toLowerCase()) return { outcome: 'match', reason: `Version ${version} is the CPE version.` };
  const order = compare(version, cpeText);
  if (order === null) return { outcome: 'unknown', reason: `Version ${version} cannot be compared with the CPE version ${cpeText}.` };
  return order === 0
    ? { outcome: 'match', reason: `Version ${version} equals the CPE version ${cpeText}.` }
    : { outcome: 'no_match', reason: `Version ${version} is not the CPE version ${cpeText}.` };
}
