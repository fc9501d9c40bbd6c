// CSAF 2.0 tracking versions (§3.1.11): integer versioning (`1`, `2`, …) or semantic versioning
// (`1.0.0`, `1.2.0-rc.1`, `1.0.0+build.5`). Comparing them decides which revision of an advisory is
// current. Build metadata does not take part in precedence (semver §10); pre-releases sort before
// their release (semver §11).

const INTEGER = /^(0|[1-9][0-9]*)$/;
const SEMANTIC =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A parsed tracking version; integer versions count as `N.0.0` when compared with semantic ones. */
export interface TrackingVersion {
  kind: 'integer' | 'semantic';
  major: bigint;
  minor: bigint;
  patch: bigint;
  /** Pre-release identifiers (semantic only); empty for a release. */
  preRelease: string[];
  /** Build metadata (semantic only), ignored for precedence. */
  build: string | null;
}

/** Parses a tracking version as CSAF 2.0 allows it; null when it is neither form. */
export function parseTrackingVersion(text: string): TrackingVersion | null {
  if (INTEGER.test(text)) return { kind: 'integer', major: BigInt(text), minor: 0n, patch: 0n, preRelease: [], build: null };
  const match = SEMANTIC.exec(text);
  if (!match) return null;
  return {
    kind: 'semantic',
    major: BigInt(match[1]!),
    minor: BigInt(match[2]!),
    patch: BigInt(match[3]!),
    preRelease: match[4] ? match[4].split('.') : [],
    build: match[5] ?? null,
  };
}

const sign = (value: bigint): -1 | 0 | 1 => (value < 0n ? -1 : value > 0n ? 1 : 0);

function comparePreRelease(a: string[], b: string[]): -1 | 0 | 1 {
  // A release has higher precedence than any of its pre-releases.
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const left = a[index]!;
    const right = b[index]!;
    if (left === right) continue;
    const leftNumeric = /^\d+$/.test(left);
    const rightNumeric = /^\d+$/.test(right);
    if (leftNumeric && rightNumeric) return sign(BigInt(left) - BigInt(right));
    // Numeric identifiers have lower precedence than alphanumeric ones.
    if (leftNumeric !== rightNumeric) return leftNumeric ? -1 : 1;
    return left < right ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * Orders two tracking versions: -1 when `a` is older, 1 when newer, 0 when they have the same
 * precedence (`1.0.0` and `1.0.0+build.2` do; so do `2` and `2.0.0`). Text that is no valid
 * tracking version sorts before every valid one and, among itself, by its characters.
 */
export function compareTrackingVersions(a: string, b: string): -1 | 0 | 1 {
  const left = parseTrackingVersion(a);
  const right = parseTrackingVersion(b);
  if (!left || !right) {
    if (left || right) return left ? 1 : -1;
    return a === b ? 0 : a < b ? -1 : 1;
  }
  return sign(left.major - right.major) || sign(left.minor - right.minor) || sign(left.patch - right.patch) || comparePreRelease(left.preRelease, right.preRelease);
}
