import { PackageURL } from 'packageurl-js';
import { ANY, checkVersionRange, isSuperset, parseCpe, wfnValueToText, type Wfn } from './cpe.ts';
import { isModelNumberPattern, looksLikeModelNumber, modelNumberMatches, modelNumberRegExp, modelNumbersInName, normaliseModelNumber, placeholderValues } from './model-numbers.ts';
import { matchProductName, parseProductName, productWords, withImpliedLine, type NamedProduct, type ProductNameMatch } from './product-names.ts';
import { relatedVendors } from './vendor-aliases.ts';
import { sameVendor, vendorKey, vendorKeys, vendorRelation } from './vendor-names.ts';
import { compareVersions, parseVersion, type VersionPart } from './version.ts';
import { parseVersionRange, rangeContains } from './version-range.ts';

// Whether one product of an advisory's product tree is one component of the inventory: the judge
// behind every finding. Identifiers come first — a CPE, a package URL, a model or order number, a
// serial number — and give `high` confidence when the version lies in the product's range (or the
// product names no version); a product that lists model numbers not including the component's is
// no match, whatever its name. Otherwise the vendor (same company, `vendorRelation`) and the product
// name (`matchProductName`: the same product or a family it belongs to) must fit, and the version
// decides: inside the range `medium`, outside no match. Whenever the version cannot be decided —
// an unparsable range, versions that cannot be compared, a range that holds only under a condition,
// a component without version — or the component lacks a vendor, or the vendors are only related
// companies, the match is `low` with the reason: never a silent `medium`, never a silent miss.
// Names that share no word run (`nameTokens`) are no match, whatever the name comparison says.

/** How a finding was matched (INTERFACES.md). */
export type MatchedBy = 'cpe' | 'purl' | 'model_number' | 'serial_number' | 'name_version';
/** `high` identifier, `medium` name and version range, `low` undecidable version or name only (INTERFACES.md). */
export type MatchConfidence = 'high' | 'medium' | 'low';

/** A match of an advisory product with a component. */
export interface MatchVerdict {
  matched_by: MatchedBy;
  confidence: MatchConfidence;
  /** Why, in English: what matched and how the version was decided. */
  reason: string;
  /** `exact`: an identifier or the same product; `family`: a family, line or variant set the component belongs to. */
  specificity: 'exact' | 'family';
}

/** The identification helper values of a product that matching reads. */
export interface ProductIdentifiers {
  cpe: string | null;
  purls: readonly string[];
  model_numbers: readonly string[];
  serial_numbers: readonly string[];
  skus: readonly string[];
}

/** An advisory product as matching sees it: the branches above it and its helpers. */
export interface AdvisoryProductFacts {
  /** The nearest `vendor` branch, null for a product outside any branch. */
  vendor: string | null;
  /** The nearest `product_name` branch. */
  product_name: string | null;
  /** The full product name. */
  name: string;
  product_version: string | null;
  product_version_range: string | null;
  helpers: ProductIdentifiers;
}

/** A component of the inventory as matching sees it. */
export interface ComponentFacts {
  vendor: string | null;
  name: string;
  /** The installed version. */
  version: string | null;
  model_number: string | null;
  cpe: string | null;
  purl: string | null;
  /** The serial number of the machine the component is part of (CSAF `serial_numbers` name devices). */
  serial_number: string | null;
}

/** Whether the component's version lies in what the product names: yes, no, or undecidable (null), and why. */
export interface VersionVerdict {
  holds: boolean | null;
  reason: string;
}

const present = (text: string | null | undefined): text is string => text !== null && text !== undefined && text.trim() !== '';
const quote = (text: string): string => `'${text}'`;
const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Notes that say for which vulnerability a range holds (product status says that already) or mark a footnote. */
const informativeNote = /^(?:(?:only )?(?:affected by|for|regarding) )?CVE-\d{4}-\d+(?:(?: ?, ?| and | ?& ?)CVE-\d{4}-\d+)*$|^footnote \*+$/i;

/** The notes of a range that restrict it to a situation the inventory does not record ("only if web components are used"). */
export function conditionNotes(notes: readonly string[]): string[] {
  return notes.filter((note) => !informativeNote.test(note.trim()));
}

/**
 * Whether `version` is within the range or version text the advisory gives (`product_version_range`
 * or `product_version`, which may hold a range too). An exact text that no version ordering reads
 * still matches itself.
 */
export function rangeVerdict(text: string, version: string | null): VersionVerdict {
  const parsed = parseVersionRange(text);
  if (parsed.unparsable) {
    if (present(version) && fold(text) === fold(version)) return { holds: true, reason: `version ${quote(version)} is the advisory's ${quote(text)}` };
    // WAGO writes order numbers into product_version ("750-82xx/xxx-xxx"): the firmware is not named at all.
    const pieces = text.split('|').map((piece) => piece.trim());
    if (pieces.every((piece) => looksLikeModelNumber(piece) || isModelNumberPattern(piece))) {
      return { holds: null, reason: `the advisory's version branch holds order numbers (${quote(text)}), no version` };
    }
    return { holds: null, reason: `the advisory's version text ${quote(text)} cannot be read (${parsed.reason})` };
  }
  const conditions = conditionNotes(parsed.notes);
  const under = conditions.length > 0 ? `, but only under the condition ${conditions.map(quote).join(', ')}` : '';
  if (parsed.range.star && parsed.range.scheme !== 'none') {
    return { holds: conditions.length > 0 ? null : true, reason: `the advisory names all versions (${quote(text)})${under}` };
  }
  if (!present(version)) return { holds: null, reason: `the component has no version to compare with ${quote(text)}` };
  const containment = rangeContains(parsed, version);
  if (containment.contains === null) return { holds: null, reason: containment.reason };
  if (!containment.contains) return { holds: false, reason: `version ${quote(version)} is outside ${quote(text)}` };
  return { holds: conditions.length > 0 ? null : true, reason: `version ${quote(version)} is inside ${quote(text)}${under}` };
}

const samePart = (a: VersionPart, b: VersionPart): boolean => a.kind === b.kind && a.value === b.value;

/**
 * Whether `version` is a version of the release a product name carries ("SIMATIC WinCC V16": V16,
 * V16 Update 4, 16.0.1 — not V17, not V1.6).
 */
export function namedVersionVerdict(named: string, version: string | null): VersionVerdict {
  if (!present(version)) return { holds: null, reason: `the component has no version to compare with ${quote(named)} in the product name` };
  const release = parseVersion(named);
  const installed = parseVersion(version);
  if (release.unparsable || installed.unparsable || release.qualifiers.length > 0) {
    const order = compareVersions(version, named);
    if (order === null) return { holds: null, reason: `version ${quote(version)} cannot be compared with ${quote(named)} in the product name` };
    return order === 0 ? { holds: true, reason: `version ${quote(version)} is the ${quote(named)} of the product name` } : { holds: false, reason: `version ${quote(version)} is not the ${quote(named)} of the product name` };
  }
  // Trailing zeros do not count: "V16" names 16.0 too.
  const significant = release.release.slice(0, release.release.length - [...release.release].reverse().findIndex((part) => !(part.kind === 'number' && part.value === 0n)));
  const belongs = significant.every((part, index) => {
    const other = installed.release[index];
    return other !== undefined ? samePart(part, other) : false;
  });
  return belongs ? { holds: true, reason: `version ${quote(version)} is a version of ${quote(named)} named in the product name` } : { holds: false, reason: `version ${quote(version)} is not of ${quote(named)} named in the product name` };
}

/** The verdict of the product's branches on the component's version; a product without any names every version. */
export function productVersionVerdict(
  product: Pick<AdvisoryProductFacts, 'product_version' | 'product_version_range'>,
  versionInName: string | null,
  version: string | null,
  range: RangeJudge = rangeVerdict,
): VersionVerdict {
  const text = product.product_version_range ?? product.product_version;
  if (present(text)) return range(text, version);
  if (versionInName !== null) return namedVersionVerdict(versionInName, version);
  return { holds: true, reason: 'the advisory names the product without a version, so every version' };
}

/** All verdicts must hold: one that fails decides, else one that cannot be decided. */
function allOf(verdicts: VersionVerdict[]): VersionVerdict {
  return verdicts.find((verdict) => verdict.holds === false) ?? verdicts.find((verdict) => verdict.holds === null) ?? { holds: true, reason: verdicts.map((verdict) => verdict.reason).join('; ') };
}

/** A concrete version a CPE carries (no ANY, NA or wildcard), as text. */
function cpeVersionText(wfn: Wfn): string | null {
  const value = wfn.version;
  if (typeof value !== 'string' || /(^|[^\\])[*?]/.test(value)) return null;
  return wfnValueToText(value);
}

/** `rangeVerdict`, or a memoised copy of it. */
export type RangeJudge = (text: string, version: string | null) => VersionVerdict;

/** The model numbers of a product, ready to test: compiled once per product, not once per component. */
interface ProductModels {
  patterns: { pattern: string; expression: RegExp }[];
  versionInName: string | null;
}

/** What the judge uses; a run hands in memoised copies (see `createJudge`). */
interface JudgeTools {
  /** False when the names share no word run (`nameTokens`): no name match then. */
  mayMatch: (product: AdvisoryProductFacts, vendor: string, component: ComponentFacts) => boolean;
  names: NameMatcher;
  range: RangeJudge;
  models: (product: AdvisoryProductFacts) => ProductModels;
}

/** Evidence from an identifier: a match with its version verdict, or an exclusion. */
type IdentifierEvidence =
  | { kind: 'match'; matched_by: Exclude<MatchedBy, 'name_version'>; reason: string; version: VersionVerdict }
  | { kind: 'excluded'; reason: string };

function cpeEvidence(product: AdvisoryProductFacts, component: ComponentFacts, tools: JudgeTools): IdentifierEvidence | null {
  if (!present(product.helpers.cpe) || !present(component.cpe)) return null;
  const theirs = parseCpe(product.helpers.cpe);
  const ours = parseCpe(component.cpe);
  if (!theirs.ok || !ours.ok) return null;
  // The version is judged below, against the component's version and the product's range.
  if (!isSuperset({ ...theirs.wfn, version: ANY }, { ...ours.wfn, version: ANY })) return null;
  const version = present(component.version) ? component.version : cpeVersionText(ours.wfn);
  const own: VersionVerdict = theirs.wfn.version === ANY
    ? { holds: true, reason: 'the CPE covers every version' }
    : !present(version)
      ? { holds: null, reason: `the component has no version to compare with the CPE version ${wfnValueToText(theirs.wfn.version as string)}` }
      : (() => {
          const check = checkVersionRange({ cpe: theirs.wfn }, version, compareVersions);
          return { holds: check.outcome === 'match' ? true : check.outcome === 'no_match' ? false : null, reason: check.reason };
        })();
  return {
    kind: 'match',
    matched_by: 'cpe',
    reason: `the component's CPE ${component.cpe} is covered by the advisory's ${product.helpers.cpe}`,
    version: allOf([own, productVersionVerdict(product, null, version, tools.range)]),
  };
}

function parsePurl(text: string): PackageURL | null {
  try {
    return PackageURL.fromString(text.trim());
  } catch {
    return null;
  }
}

const sameText = (a: string | undefined | null, b: string | undefined | null): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

function purlEvidence(product: AdvisoryProductFacts, component: ComponentFacts, tools: JudgeTools): IdentifierEvidence | null {
  if (product.helpers.purls.length === 0 || !present(component.purl)) return null;
  const ours = parsePurl(component.purl);
  if (!ours) return null;
  for (const text of product.helpers.purls) {
    const theirs = parsePurl(text);
    if (!theirs || !sameText(theirs.type, ours.type) || !sameText(theirs.namespace, ours.namespace) || !sameText(theirs.name, ours.name)) continue;
    // Qualifiers and a subpath the advisory gives narrow the package: the component's must say the same.
    const qualifiers = Object.entries(theirs.qualifiers ?? {});
    if (qualifiers.some(([key, value]) => ours.qualifiers?.[key] !== value)) continue;
    if (theirs.subpath && theirs.subpath !== ours.subpath) continue;
    const version = ours.version ?? (present(component.version) ? component.version : null);
    let own: VersionVerdict = { holds: true, reason: 'the package URL names no version, so every version' };
    if (theirs.version) {
      const order = version === null ? null : version === theirs.version ? 0 : compareVersions(version, theirs.version);
      own = version === null
        ? { holds: null, reason: `the component has no version to compare with ${theirs.version}` }
        : order === null
          ? { holds: null, reason: `version ${quote(version)} cannot be compared with the package URL's ${quote(theirs.version)}` }
          : { holds: order === 0, reason: `version ${quote(version)} ${order === 0 ? 'is' : 'is not'} the package URL's ${quote(theirs.version)}` };
    }
    return {
      kind: 'match',
      matched_by: 'purl',
      reason: `the component's package URL ${component.purl} is the advisory's ${text}`,
      version: allOf([own, productVersionVerdict(product, null, version, tools.range)]),
    };
  }
  return null;
}

/** Model and order numbers the product names: its helpers' model numbers and SKUs, and those written into its names. */
export function productModelNumbers(product: Pick<AdvisoryProductFacts, 'product_name' | 'name' | 'helpers'>): string[] {
  const inNames = [product.product_name, product.name].filter(present).flatMap((name) => modelNumbersInName(name));
  // "(CVE-2019-10943)" in a name looks like an order number but is none.
  return [...new Set([...product.helpers.model_numbers, ...product.helpers.skus, ...inNames])].filter((value) => present(value) && !/^CVE-\d/i.test(value));
}

/** The model numbers of a product compiled to expressions, and the version its name carries. */
function productModels(product: AdvisoryProductFacts): ProductModels {
  const values = placeholderValues([product.product_name, product.name].filter(present).join(' '));
  return {
    patterns: productModelNumbers(product)
      .filter((pattern) => normaliseModelNumber(pattern) !== '')
      .map((pattern) => ({ pattern, expression: modelNumberRegExp(pattern, values) })),
    versionInName: parseProductName(product.product_name ?? product.name, present(product.vendor) ? [product.vendor] : []).version,
  };
}

function modelNumberEvidence(product: AdvisoryProductFacts, component: ComponentFacts, tools: JudgeTools): IdentifierEvidence | null {
  const model = present(component.model_number) ? normaliseModelNumber(component.model_number) : '';
  if (model === '') return null;
  const { patterns, versionInName } = tools.models(product);
  if (patterns.length === 0) return null;
  const hit = patterns.find(({ expression }) => expression.test(model));
  if (!hit) {
    const listed = patterns.map(({ pattern }) => pattern);
    const shown = listed.length > 5 ? `${listed.slice(0, 5).join(', ')} and ${listed.length - 5} more` : listed.join(', ');
    return { kind: 'excluded', reason: `the advisory lists the model numbers ${shown}; ${component.model_number} is not among them` };
  }
  return {
    kind: 'match',
    matched_by: 'model_number',
    reason: `model number ${component.model_number} is the advisory's ${hit.pattern}`,
    version: productVersionVerdict(product, versionInName, component.version, tools.range),
  };
}

function serialNumberEvidence(product: AdvisoryProductFacts, component: ComponentFacts, tools: JudgeTools): IdentifierEvidence | null {
  if (product.helpers.serial_numbers.length === 0 || !present(component.serial_number)) return null;
  const hit = product.helpers.serial_numbers.find((pattern) => modelNumberMatches(pattern, component.serial_number!));
  if (!hit) return null;
  return {
    kind: 'match',
    matched_by: 'serial_number',
    reason: `serial number ${component.serial_number} is the advisory's ${hit}`,
    version: productVersionVerdict(product, null, component.version, tools.range),
  };
}

/** The vendor a product outside any vendor branch names at the start of its name, when it is the component's. */
export function impliedVendor(productName: string, componentVendor: string | null): string | null {
  if (!present(componentVendor)) return null;
  const words = productName.trim().split(/\s+/);
  for (let count = Math.min(3, words.length - 1); count >= 1; count -= 1) {
    const candidate = words.slice(0, count).join(' ');
    if (sameVendor(candidate, componentVendor)) return candidate;
  }
  return null;
}

/** `matchProductName`, or a memoised copy of it (a run compares the same names again and again). */
export type NameMatcher = (advisory: NamedProduct, component: NamedProduct) => ProductNameMatch;

/**
 * The letter and digit runs of a name, word by word and across word breaks ("S7-1500" → s, 7, 1500,
 * 71500), with the product line a vendor's numbering implies ("CPU 1516-3 PN/DP" → simatic, s7,
 * 1500, …). Names that share none are no match: `matchProductName` compares words spacing aside, so
 * matching names share a run — except where it puts a brand before a name that has none and then
 * takes an advisory naming the bare brand ("SIMOTION", "SINAMICS V90" read as SINAMICS version 90)
 * for the line of "S7-1500". The check also saves the run most name comparisons.
 */
export function nameTokens(name: string, vendor: string): Set<string> {
  const words = withImpliedLine(productWords(name), vendor);
  const runs = (text: string): string[] => text.match(/\p{L}+|\p{N}+/gu) ?? [];
  return new Set([...words.flatMap(runs), ...runs(words.join(''))]);
}

/** True when two token sets share a token. */
export function sharesToken(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const token of small) if (large.has(token)) return true;
  return false;
}

/** A cache of `compute` by a string key. */
function remembered<T>(compute: (...args: string[]) => T): (...args: string[]) => T {
  const cache = new Map<string, T>();
  return (...args) => {
    const key = args.join('\u0000');
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(...args);
    cache.set(key, value);
    return value;
  };
}

/**
 * A judge that remembers, for one matching run, its verdicts per pair of facts, its name
 * comparisons, its range decisions and each product's compiled model numbers: many components share
 * their facts, and many advisory products (revisions, republications) share theirs. Facts objects
 * are keyed by identity first, so a run should hand in one object per product and per component.
 */
export function createJudge(): (product: AdvisoryProductFacts, component: ComponentFacts) => MatchVerdict | null {
  const keys = new WeakMap<object, string>();
  const keyOf = (facts: object): string => {
    let key = keys.get(facts);
    if (key === undefined) {
      key = JSON.stringify(facts);
      keys.set(facts, key);
    }
    return key;
  };
  const verdicts = new Map<string, Map<string, MatchVerdict | null>>();
  const compareNames = remembered((advisoryVendor, advisoryName, componentVendor, componentName) =>
    matchProductName({ vendor: advisoryVendor, name: advisoryName }, { vendor: componentVendor, name: componentName }),
  );
  // An empty version reads as none.
  const decideRange = remembered((text, version) => rangeVerdict(text, version));
  const models = new Map<string, ProductModels>();
  const tokens = remembered((name, vendor) => nameTokens(name, vendor));
  const tools: JudgeTools = {
    // Both names read with the advisory's vendor, as the comparison reads them.
    mayMatch: (product, vendor, component) => sharesToken(tokens(product.product_name ?? product.name, vendor), tokens(component.name, vendor)),
    names: (advisory, component) => compareNames(advisory.vendor, advisory.name, component.vendor, component.name),
    range: (text, version) => decideRange(text, version ?? ''),
    models: (product) => {
      const key = keyOf(product);
      let found = models.get(key);
      if (!found) {
        found = productModels(product);
        models.set(key, found);
      }
      return found;
    },
  };
  return (product, component) => {
    const productKey = keyOf(product);
    const componentKey = keyOf(component);
    let row = verdicts.get(productKey);
    if (!row) {
      row = new Map();
      verdicts.set(productKey, row);
    }
    if (row.has(componentKey)) return row.get(componentKey)!;
    const found = judgeWith(product, component, tools);
    row.set(componentKey, found);
    return found;
  };
}

const verdict = (matched_by: MatchedBy, confidence: MatchConfidence, specificity: MatchVerdict['specificity'], reasons: string[]): MatchVerdict => ({
  matched_by,
  confidence,
  specificity,
  reason: reasons.filter((reason) => reason !== '').join('; '),
});

/**
 * Whether the advisory product is the component (see the head of this file): the verdict, or null
 * for no match.
 */
export function judgeMatch(product: AdvisoryProductFacts, component: ComponentFacts): MatchVerdict | null {
  const mayMatch: JudgeTools['mayMatch'] = (advisory, vendor, ours) => sharesToken(nameTokens(advisory.product_name ?? advisory.name, vendor), nameTokens(ours.name, vendor));
  return judgeWith(product, component, { mayMatch, names: matchProductName, range: rangeVerdict, models: productModels });
}

function judgeWith(product: AdvisoryProductFacts, component: ComponentFacts, tools: JudgeTools): MatchVerdict | null {
  const vendor = present(product.vendor) ? product.vendor : impliedVendor(product.name, component.vendor);
  const relation = !present(component.vendor) ? null : vendor === null ? null : vendorRelation(vendor, component.vendor);
  // Identifiers name one product; across companies they only collide by accident.
  if (relation?.relation !== 'different') {
    for (const evidence of [cpeEvidence, purlEvidence, modelNumberEvidence, serialNumberEvidence]) {
      const found = evidence(product, component, tools);
      if (!found) continue;
      if (found.kind === 'excluded') return null;
      if (found.version.holds === false) return null;
      return verdict(found.matched_by, found.version.holds ? 'high' : 'low', 'exact', [found.reason, found.version.reason]);
    }
  }
  if (vendor === null || relation?.relation === 'different') return null;
  // Without a vendor of its own the component is read as the advisory vendor's; related companies likewise, to be looked at.
  const asVendor = relation?.relation === 'same' ? component.vendor! : vendor;
  if (!tools.mayMatch(product, vendor, component)) return null;
  const name = tools.names({ vendor, name: product.product_name ?? product.name }, { vendor: asVendor, name: component.name });
  if (name.match === 'none') return null;
  const version = productVersionVerdict(product, name.versionInName, component.version, tools.range);
  if (version.holds === false) return null;
  const vendorNote =
    relation === null
      ? `the component has no vendor; read as ${quote(vendor)}`
      : relation.relation === 'related'
        ? `the vendors ${quote(component.vendor!)} and ${quote(vendor)} are related companies, not the same (${relation.why ?? ''})`
        : '';
  const confidence: MatchConfidence = version.holds === true && relation?.relation === 'same' ? 'medium' : 'low';
  return verdict('name_version', confidence, name.match === 'exact' ? 'exact' : 'family', [name.reason, version.reason, vendorNote]);
}

/** Keys a name answers to when no vendor is given: its first one, two and three words read as a vendor ("Siemens SIMATIC …" → siemens). */
export function leadingWordKeys(name: string): string[] {
  const words = name.trim().split(/\s+/).filter((word) => word !== '');
  const keys: string[] = [];
  for (let count = 1; count <= Math.min(3, words.length); count += 1) keys.push(vendorKey(words.slice(0, count).join(' ')));
  return [...new Set(keys.filter((key) => key !== ''))];
}

/** The vendor keys under which an advisory product is a candidate for components (at least one). */
export function productMatchKeys(product: { vendor: string | null; name: string }): string[] {
  return present(product.vendor) ? vendorKeys(product.vendor) : leadingWordKeys(product.name);
}

/**
 * The vendor keys under which a component looks for advisory products: its vendor's, those of
 * companies related to it (candidates at `low`), or, without a vendor, the leading words of its
 * name and the machine builder's.
 */
export function componentMatchKeys(component: { vendor: string | null; name: string }, machineVendor: string | null): string[] {
  if (!present(component.vendor)) return [...new Set([...leadingWordKeys(component.name), ...(present(machineVendor) ? vendorKeys(machineVendor) : [])])];
  const own = vendorKeys(component.vendor);
  const keys = new Set(own);
  for (const pair of relatedVendors) {
    const [a, b] = [vendorKey(pair.a), vendorKey(pair.b)];
    if (own.includes(a)) keys.add(b);
    if (own.includes(b)) keys.add(a);
  }
  return [...keys];
}
