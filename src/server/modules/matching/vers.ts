// The `vers` version range specifier (package-url/vers-spec, VERSION-RANGE-SPEC.md):
// `vers:<versioning-scheme>/<constraint>|<constraint>|…`, each constraint a comparator (`<`, `<=`,
// `>`, `>=`, `!=`, none for equality) and a percent-encoded version, or `*` alone for every version.
//
// CSAF 2.1 asks for vers in `product_version_range`; the CISA corpus already carries it in about
// 45 % of its ranges, always as `vers:all/…` and often not as the spec wants it: constraints under
// the scheme `all` (which allows only `*`), spaces, a missing `|` (`>=V1.16.4<V1.17.3`). Parsing
// is lenient where the meaning is still clear and lists every deviation in `issues`; it refuses
// only what has no reading (no `vers:` prefix, no scheme, an empty version, bad percent-encoding).
//
// The scheme decides how versions compare, so sorting, the validation of neighbouring
// comparators and containment take the comparison as an argument.

/** A vers comparator; a constraint without one means `=`. */
export type VersComparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** One constraint: a comparator and a (percent-decoded) version. */
export interface VersConstraint {
  comparator: VersComparator;
  version: string;
}

/** A parsed range. */
export interface VersRange {
  unparsable: false;
  /** The versioning scheme, lowercase (`all`, `npm`, `intdot`, …). */
  scheme: string;
  /** `*`: every version (for the scheme `none`: no version). */
  star: boolean;
  /** The constraints in the order given (empty for `*`). */
  constraints: VersConstraint[];
  /** Deviations from the specification that were read leniently, in English. */
  issues: string[];
}

/** A text that is no vers range, with the reason in English. */
export interface UnparsableVers {
  unparsable: true;
  reason: string;
}

/** Orders two versions of one scheme: negative, 0, positive, or null when they cannot be compared. */
export type VersionComparison = (a: string, b: string) => number | null;

/** The versioning schemes the specification names. */
const KNOWN_SCHEMES = new Set([
  'deb', 'rpm', 'gem', 'npm', 'composer', 'pypi', 'cpan', 'golang', 'maven', 'nuget', 'gentoo', 'alpine',
  'generic', 'none', 'all', 'intdot', 'lexicographic', 'semver', 'datetime',
]);

/** Schemes whose only valid range is `*`. */
const STAR_ONLY_SCHEMES = new Set(['all', 'none']);

const COMPARATORS: VersComparator[] = ['>=', '<=', '!=', '<', '>', '='];

/** Characters a version must percent-encode inside a vers (they separate or compare). */
const MUST_ENCODE = /[<>=!*|%]/g;

const refuse = (reason: string): UnparsableVers => ({ unparsable: true, reason });

/** Splits `>=` etc. off the start of a constraint. */
function splitComparator(text: string): { comparator: VersComparator; rest: string; explicit: boolean } {
  const comparator = COMPARATORS.find((candidate) => text.startsWith(candidate));
  return comparator ? { comparator, rest: text.slice(comparator.length), explicit: true } : { comparator: '=', rest: text, explicit: false };
}

/**
 * Splits a constraint that hides a second one because the `|` is missing (`>=V1.16.4<V1.17.3`):
 * an unencoded `<`, `>` or `!=` inside a version can only start another constraint.
 */
function splitRunTogether(text: string): string[] {
  return text.split(/(?<=[^<>=!])(?=<|>|!=)/);
}

/** Parses one constraint; a string is the reason it cannot be read. */
function parseConstraint(text: string, issues: string[]): VersConstraint | string {
  const { comparator, rest, explicit } = splitComparator(text);
  if (explicit && comparator === '=') issues.push(`'${text}': an explicit '=' is not canonical (a bare version means equality)`);
  if (rest === '') return `constraint '${text}' has no version`;
  let version = rest;
  if (rest.includes('%')) {
    try {
      version = decodeURIComponent(rest);
    } catch {
      return `constraint '${text}' has a malformed percent-encoding`;
    }
  }
  const unencoded = rest.match(/[<>=!*|]/g);
  if (unencoded) issues.push(`'${text}': the characters ${[...new Set(unencoded)].join(' ')} must be percent-encoded in a version`);
  return { comparator, version };
}

/** Reads a vers text; lenient about what the corpus gets wrong, reporting each deviation. */
export function parseVers(text: string): VersRange | UnparsableVers {
  const issues: string[] = [];
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon < 0 || trimmed.slice(0, colon).toLowerCase() !== 'vers') return refuse("does not start with 'vers:'");
  if (trimmed.slice(0, colon) !== 'vers') issues.push("the URI scheme 'vers' must be lowercase");
  if (/[^\x20-\x7e]/.test(trimmed)) issues.push('contains characters other than printable ASCII');

  const specifier = trimmed.slice(colon + 1);
  const slash = specifier.indexOf('/');
  if (slash < 0) return refuse("has no '/' after the versioning scheme");
  const writtenScheme = specifier.slice(0, slash).replace(/[ \t]/g, '');
  const scheme = writtenScheme.toLowerCase();
  if (!/^[a-z][a-z0-9.+-]*$/.test(scheme)) return refuse(`'${writtenScheme}' is no versioning scheme`);
  if (writtenScheme !== scheme) issues.push(`the versioning scheme '${writtenScheme}' must be lowercase`);
  if (!KNOWN_SCHEMES.has(scheme)) issues.push(`the versioning scheme '${scheme}' is not one the specification names`);

  const written = specifier.slice(slash + 1);
  const constraintsText = written.replace(/[ \t]/g, '');
  if (constraintsText !== written) issues.push('spaces are not significant and were removed');
  if (constraintsText.replace(/\|/g, '') === '') return refuse('has no constraints');

  const pieces = constraintsText.split('|');
  const nonEmpty = pieces.filter((piece) => piece !== '');
  if (nonEmpty.length !== pieces.length) issues.push("empty constraints (leading, trailing or doubled '|') were ignored");
  if (nonEmpty.includes('*')) {
    if (nonEmpty.length > 1) issues.push("'*' must stand alone; the other constraints were ignored");
    return { unparsable: false, scheme, star: true, constraints: [], issues };
  }
  if (STAR_ONLY_SCHEMES.has(scheme)) issues.push(`the scheme '${scheme}' allows only '*'; its constraints were read anyway`);

  const constraints: VersConstraint[] = [];
  for (const piece of nonEmpty) {
    const parts = splitRunTogether(piece);
    if (parts.length > 1) issues.push(`'${piece}' holds ${parts.length} constraints without '|' between them`);
    for (const part of parts) {
      const constraint = parseConstraint(part, issues);
      if (typeof constraint === 'string') return refuse(constraint);
      const duplicate = constraints.some((other) => other.version === constraint.version && other.comparator === constraint.comparator);
      if (duplicate) issues.push(`'${part}' is repeated; the repetition was ignored`);
      else constraints.push(constraint);
    }
  }
  return { unparsable: false, scheme, star: false, constraints, issues };
}

/** Writes a range in the canonical form: lowercase, no spaces, versions percent-encoded where needed. */
export function formatVers(range: Pick<VersRange, 'scheme' | 'star' | 'constraints'>): string {
  if (range.star) return `vers:${range.scheme}/*`;
  const encode = (version: string): string => version.replace(MUST_ENCODE, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  const constraint = ({ comparator, version }: VersConstraint): string => `${comparator === '=' ? '' : comparator}${encode(version.replace(/[ \t]/g, ''))}`;
  return `vers:${range.scheme}/${range.constraints.map(constraint).join('|')}`;
}

/** One end of an interval. */
export interface VersBound {
  version: string;
  inclusive: boolean;
}

/** An interval of versions; a null end is open. */
export interface VersInterval {
  lower: VersBound | null;
  upper: VersBound | null;
}

/** What a range means once its constraints are sorted: intervals, single versions and exclusions. */
export interface VersMeaning {
  intervals: VersInterval[];
  equal: string[];
  unequal: string[];
  /** Deviations found while sorting and validating (unsorted, duplicates, comparators out of turn). */
  issues: string[];
}

const isLower = (comparator: VersComparator): boolean => comparator === '>' || comparator === '>=';
const isUpper = (comparator: VersComparator): boolean => comparator === '<' || comparator === '<=';

/** Sorts constraints by version; null when two of them cannot be compared. */
function sortConstraints(constraints: VersConstraint[], compare: VersionComparison): VersConstraint[] | null {
  for (let i = 0; i < constraints.length; i += 1) {
    for (let j = i + 1; j < constraints.length; j += 1) {
      if (compare(constraints[i]!.version, constraints[j]!.version) === null) return null;
    }
  }
  return [...constraints].sort((a, b) => compare(a.version, b.version)!);
}

/** Issues for versions that occur in more than one constraint (the spec requires unique versions). */
function duplicateVersions(sorted: VersConstraint[], compare: VersionComparison): string[] {
  const issues: string[] = [];
  for (let index = 1; index < sorted.length; index += 1) {
    if (compare(sorted[index - 1]!.version, sorted[index]!.version) === 0) {
      issues.push(`the version '${sorted[index]!.version}' occurs in more than one constraint`);
    }
  }
  return issues;
}

/** Issues for `=` constraints followed by `<`/`<=` (spec: `=` may only be followed by `=`, `>`, `>=`). */
function equalityOutOfTurn(sorted: VersConstraint[]): string[] {
  const relevant = sorted.filter((constraint) => constraint.comparator !== '!=');
  const issues: string[] = [];
  for (let index = 1; index < relevant.length; index += 1) {
    const previous = relevant[index - 1]!;
    const current = relevant[index]!;
    if (previous.comparator === '=' && isUpper(current.comparator)) {
      issues.push(`'=${previous.version}' lies below '${current.comparator}${current.version}' and is redundant`);
    }
  }
  return issues;
}

/**
 * Turns sorted `<`, `<=`, `>`, `>=` constraints into intervals. Valid ranges alternate lower and
 * upper bounds. Out of turn, the spec's simplification applies: of two lower bounds in a row the
 * first counts, of two upper bounds in a row the second (`<1.5|<2.3` is `<2.3`).
 */
function boundsToIntervals(sorted: VersConstraint[]): { intervals: VersInterval[]; issues: string[] } {
  const intervals: VersInterval[] = [];
  const issues: string[] = [];
  let open: VersBound | null = null;
  for (const { comparator, version } of sorted) {
    const bound: VersBound = { version, inclusive: comparator === '>=' || comparator === '<=' };
    if (isLower(comparator)) {
      if (open) issues.push(`'${comparator}${version}' follows another lower bound and was ignored`);
      else open = bound;
    } else if (open) {
      intervals.push({ lower: open, upper: bound });
      open = null;
    } else if (intervals.length > 0) {
      issues.push(`'${comparator}${version}' follows another upper bound and replaces it`);
      intervals[intervals.length - 1]!.upper = bound;
    } else intervals.push({ lower: null, upper: bound });
  }
  if (open) intervals.push({ lower: open, upper: null });
  return { intervals, issues };
}

/**
 * What a range means under a comparison: its constraints sorted (or, when two versions cannot be
 * compared, in the order written — reported), validated and turned into intervals.
 */
export function versMeaning(range: Pick<VersRange, 'constraints'>, compare: VersionComparison): VersMeaning {
  const sorted = sortConstraints(range.constraints, compare);
  const issues: string[] = [];
  if (!sorted) issues.push('the versions cannot all be compared with each other; the constraints were read in the order written');
  else if (sorted.some((constraint, index) => constraint !== range.constraints[index])) issues.push('the constraints are not sorted by version');
  const ordered = sorted ?? range.constraints;
  if (sorted) issues.push(...duplicateVersions(sorted, compare));
  issues.push(...equalityOutOfTurn(ordered));
  const bounds = boundsToIntervals(ordered.filter((constraint) => isLower(constraint.comparator) || isUpper(constraint.comparator)));
  return {
    intervals: bounds.intervals,
    equal: ordered.filter((constraint) => constraint.comparator === '=').map((constraint) => constraint.version),
    unequal: ordered.filter((constraint) => constraint.comparator === '!=').map((constraint) => constraint.version),
    issues: [...issues, ...bounds.issues],
  };
}

// Three-valued logic: null is "unknown" and stays unknown unless the other side decides.
const or3 = (a: boolean | null, b: boolean | null): boolean | null => (a === true || b === true ? true : a === null || b === null ? null : false);
const and3 = (a: boolean | null, b: boolean | null): boolean | null => (a === false || b === false ? false : a === null || b === null ? null : true);
const not3 = (a: boolean | null): boolean | null => (a === null ? null : !a);
const anyOf = (values: (boolean | null)[]): boolean | null => values.reduce<boolean | null>(or3, false);

/** Whether a version lies above a lower bound, below an upper one; null when the comparison fails. */
function withinBound(version: string, bound: VersBound | null, side: 'lower' | 'upper', compare: VersionComparison): boolean | null {
  if (!bound) return true;
  const order = compare(version, bound.version);
  if (order === null) return null;
  if (order === 0) return bound.inclusive;
  return side === 'lower' ? order > 0 : order < 0;
}

/**
 * Whether a version lies in the range: in an interval or equal to a `=` version, and equal to no
 * `!=` version (for valid ranges this is the spec's containment procedure; it also reads a single
 * `<` or `>` constraint, for which the spec's pairwise loop has no pair). Null when the outcome
 * depends on a comparison that returned null.
 */
export function versContains(range: VersRange, version: string, compare: VersionComparison): boolean | null {
  if (range.star) return range.scheme !== 'none';
  const meaning = versMeaning(range, compare);
  const equalTo = (other: string): boolean | null => {
    const order = compare(version, other);
    return order === null ? null : order === 0;
  };
  const inInterval = (interval: VersInterval): boolean | null =>
    and3(withinBound(version, interval.lower, 'lower', compare), withinBound(version, interval.upper, 'upper', compare));
  const included = or3(anyOf(meaning.equal.map(equalTo)), anyOf(meaning.intervals.map(inInterval)));
  return and3(included, not3(anyOf(meaning.unequal.map(equalTo))));
}
