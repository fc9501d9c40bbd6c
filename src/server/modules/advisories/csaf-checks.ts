// Pure parts of CSAF validation, shared by the validator's workers (csaf-validation.worker.ts) and
// its tests: the guards that run before a document reaches csaf-validator-lib, our supplement to
// the library's test 6.1.26, and the mapping of the library's per-test results to CsafProblems.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { formatMessage, type Language } from '../../errors/app-error.ts';
import type { ErrorCode } from '../../errors/error-codes.ts';
import type { CsafProblem, CsafValidation } from './csaf-validation.ts';

/**
 * Documents above this many bytes (UTF-8) are refused before they are read as JSON. CSAF documents
 * of ICS vendors are far smaller (the largest of the 2,035 CISA advisories has 1 MB); 20 MiB leaves
 * room for big vendor documents while bounding a worker's memory.
 */
export const CSAF_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Deepest JSON nesting (objects and arrays) that is handed to the library, whose tests and schema
 * validator recurse. Real advisories stay below 15 (the CISA corpus: 12); each level of a product
 * tree's `branches` costs 2.
 */
export const CSAF_MAX_DEPTH = 100;

/** At most this many findings per test are listed; the rest are summed up in one CSAF_MORE_FINDINGS. */
export const CSAF_MAX_FINDINGS_PER_TEST = 100;

/** The informative tests run: not 6.3.6/6.3.7 (HTTP requests to the document's URLs) and not 6.3.8 (spawns hunspell). */
const informativeTestsRun = [1, 2, 3, 4, 5, 9, 10, 11];

/**
 * Which tests a validator runs: `all` (schema, mandatory, optional and informative: what
 * `advisories validate` reports) or `validity` (schema and mandatory tests only: everything that
 * decides `valid` and `schemaValid`, without warnings and infos; loads in about half the time and
 * validates more than twice as fast).
 */
export type CsafTestSelection = 'all' | 'validity';

/** Where csaf-validator-lib is, and the URLs of the modules a worker loads for `tests`. */
export function csafLibrary(tests: CsafTestSelection = 'all'): { packageUrl: string; modules: string[] } {
  const packageUrl = pathToFileURL(createRequire(import.meta.url).resolve('@secvisogram/csaf-validator-lib/package.json')).href;
  const at = (file: string): string => new URL(file, packageUrl).href;
  const basic = at('basic.js'); // the strict schema (with 6.1.8) and the mandatory tests
  if (tests === 'validity') return { packageUrl, modules: [basic] };
  return { packageUrl, modules: [basic, at('optionalTests.js'), ...informativeTestsRun.map((number) => at(`lib/informativeTests/informativeTest_6_3_${number}.js`))] };
}

/** How a finding of csaf-validator-lib looks (ajv errors carry `keyword` and `params` as well). */
export interface LibFinding {
  message?: string;
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** What one test function of csaf-validator-lib returns (lib/shared/types: Result). */
export interface LibResult {
  isValid?: boolean;
  errors?: LibFinding[];
  warnings?: LibFinding[];
  infos?: LibFinding[];
}

/** Which part of CSAF 2.0 section 6 a test belongs to. */
export type CsafTestGroup = 'schema' | 'mandatory' | 'optional' | 'informative';

/** One test's outcome: its result, or the error it threw. */
export interface CsafTestOutcome {
  /** The library's function name, e.g. `mandatoryTest_6_1_27_1` or `csaf_2_0_strict`. */
  name: string;
  group: CsafTestGroup;
  result?: LibResult;
  thrown?: string;
}

/** The test id of a library test function: `mandatoryTest_6_1_27_1` → `6.1.27.1`, schema tests → `schema`. */
export function testIdOf(name: string): string {
  if (name.startsWith('csaf_')) return 'schema';
  return name.replace(/^[a-zA-Z]+Test_/, '').replaceAll('_', '.');
}

/** The group of a library test function by its name. */
export function groupOf(name: string): CsafTestGroup {
  if (name.startsWith('mandatoryTest_')) return 'mandatory';
  if (name.startsWith('optionalTest_')) return 'optional';
  if (name.startsWith('informativeTest_')) return 'informative';
  return 'schema';
}

/** A problem with its message rendered from the code table. */
export function problem(code: ErrorCode, language: Language, test: string, params: Record<string, string | number> = {}, where: { path?: string; value?: string } = {}): CsafProblem {
  return {
    code,
    message: formatMessage(code, language, { test, ...params }),
    test,
    ...(where.path !== undefined ? { path: where.path } : {}),
    ...(where.value !== undefined ? { value: where.value } : {}),
    params: { test, ...params },
  };
}

/** A verdict with one error and nothing else (the document was not checked further). */
export function refusal(error: CsafProblem, schemaValid = false): CsafValidation {
  return { valid: false, schemaValid, errors: [error], warnings: [], infos: [] };
}

/** The byte size limit check; a CSAF_DOCUMENT_TOO_LARGE verdict, or undefined when `size` is allowed. */
export function sizeRefusal(size: number, language: Language, maxBytes = CSAF_MAX_BYTES): CsafValidation | undefined {
  if (size <= maxBytes) return undefined;
  return refusal(problem('CSAF_DOCUMENT_TOO_LARGE', language, 'json', { size, limit: maxBytes }));
}

/**
 * True when the JSON text nests objects/arrays deeper than `maxDepth` (brackets inside strings do
 * not count). Linear, no recursion, so it is safe on any input; invalid JSON is left to JSON.parse.
 */
export function jsonDepthExceeds(text: string, maxDepth = CSAF_MAX_DEPTH): boolean {
  let depth = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x22) {
      // Skip the string: the next quote not preceded by an odd number of backslashes.
      let from = index + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return false;
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) {
          index = quote;
          break;
        }
        from = quote + 1;
      }
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return false;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** What `parseCsafText` found: the JSON value when the text parsed, and the refusal when the library must not run. */
export type ParsedCsafText = { json: true; document: unknown; refusal?: CsafValidation } | { json: false; refusal: CsafValidation };

/**
 * Parses the text after the guards: depth, JSON, a top-level object, csaf_version 2.0. A refused
 * document is not handed to the library (its results would be noise); `document` is still returned
 * when the text is JSON, so a caller can tell what it is.
 */
export function parseCsafText(text: string, language: Language, maxDepth = CSAF_MAX_DEPTH): ParsedCsafText {
  const body = stripByteOrderMark(text);
  if (jsonDepthExceeds(body, maxDepth)) return { json: false, refusal: refusal(problem('CSAF_TOO_DEEP', language, 'json', { limit: maxDepth })) };
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { json: false, refusal: refusal(problem('CSAF_NOT_JSON', language, 'json', { message: reason })) };
  }
  if (!isObject(document)) {
    return { json: true, document, refusal: refusal(problem('CSAF_SCHEMA', language, 'schema', { message: 'must be object' }, { path: '' })) };
  }
  const meta = document.document;
  const version = isObject(meta) ? meta.csaf_version : undefined;
  if (version !== undefined && version !== '2.0') {
    const value = typeof version === 'string' ? version : JSON.stringify(version);
    return { json: true, document, refusal: refusal(problem('CSAF_VERSION_UNSUPPORTED', language, 'schema', { value }, { path: '/document/csaf_version', value })) };
  }
  return { json: true, document };
}

/** The text without a leading byte order mark (JSON parsers may ignore one, RFC 8259 §8.1). */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// Test 6.1.26 (prohibited document category name), as CSAF 2.0 words it: the category must not
// equal the name (without `csaf_`) or the value of another profile than "CSAF Base", compared case
// insensitively after removing dashes, whitespace and underscores; and it must not start with
// `csaf_` unless it is `csaf_base`. Skipped for the other profiles' exact values. csaf-validator-lib
// 2.0.10 compares with the names only (and only ASCII dashes), so it passes
// `csafsecurityadvisory` (OASIS failing example 6-1-26-04); the CSAF 2.1 tests add an em dash
// (`CSafDeprecatedSecurity—Advisory`), so every Unicode dash counts here.
const otherProfiles = [
  { name: 'Security incident response', value: 'csaf_security_incident_response' },
  { name: 'Informational Advisory', value: 'csaf_informational_advisory' },
  { name: 'Security Advisory', value: 'csaf_security_advisory' },
  { name: 'VEX', value: 'csaf_vex' },
];
const normaliseCategory = (text: string): string => text.replace(/[\s_\p{Pd}]/gu, '').toLowerCase();
const prohibitedCategories = new Map<string, string>(
  otherProfiles.flatMap((profile) => [
    [normaliseCategory(profile.name), profile.name],
    [normaliseCategory(profile.value), profile.name],
  ]),
);

/** Our own test 6.1.26 on a parsed document: the finding, or undefined when it passes. */
export function prohibitedCategoryFinding(document: unknown): LibFinding | undefined {
  const meta = isObject(document) ? document.document : undefined;
  const category = isObject(meta) ? meta.category : undefined;
  if (typeof category !== 'string') return undefined;
  if (category === 'csaf_base' || otherProfiles.some((profile) => profile.value === category)) return undefined;
  if (category.toLowerCase().startsWith('csaf_')) return { instancePath: '/document/category', message: 'reserved prefix used' };
  const profile = prohibitedCategories.get(normaliseCategory(category));
  if (profile !== undefined) return { instancePath: '/document/category', message: `value prohibited: it matches the profile "${profile}"` };
  return undefined;
}

// CVSS objects are validated by the CSAF schema through the FIRST schemas it references; their
// violations are test 6.1.8 (INTERFACES.md), not schema errors.
const cvssPath = /^\/vulnerabilities\/\d+\/scores\/\d+\/cvss_v[23](?:\/|$)/;

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The message, place and value of one library finding (ajv details spelled out). */
function describe(finding: LibFinding): { message: string; path: string; value?: string } {
  let path = finding.instancePath ?? '';
  let message = finding.message ?? finding.keyword ?? 'failed';
  let value: string | undefined;
  const params = finding.params ?? {};
  if (finding.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    path = `${path}/${escapeSegment(params.additionalProperty)}`;
    value = params.additionalProperty;
  } else if (finding.keyword === 'required' && typeof params.missingProperty === 'string') {
    value = params.missingProperty;
  } else if (finding.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message = `${message}: ${params.allowedValues.map(String).join(', ')}`;
  } else if (finding.keyword === 'const' && params.allowedValue !== undefined) {
    message = `${message}: ${JSON.stringify(params.allowedValue)}`;
  }
  return { message, path, ...(value !== undefined ? { value } : {}) };
}

const findingCodes: Record<Exclude<CsafTestGroup, 'schema'>, ErrorCode> = {
  mandatory: 'CSAF_MANDATORY_TEST',
  optional: 'CSAF_OPTIONAL_TEST',
  informative: 'CSAF_INFORMATIVE_TEST',
};

/** Collects problems per test, without repeats and with at most CSAF_MAX_FINDINGS_PER_TEST each. */
class ProblemList {
  readonly items: CsafProblem[] = [];
  private readonly seen = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly language: Language) {}

  add(code: ErrorCode, test: string, params: Record<string, string | number>, where: { path?: string; value?: string }): void {
    const key = JSON.stringify([code, test, where.path, params.message, where.value]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const count = (this.counts.get(test) ?? 0) + 1;
    this.counts.set(test, count);
    if (count <= CSAF_MAX_FINDINGS_PER_TEST) this.items.push(problem(code, this.language, test, params, where));
  }

  /** Appends the CSAF_MORE_FINDINGS summaries. */
  finish(): CsafProblem[] {
    for (const [test, count] of this.counts) {
      if (count > CSAF_MAX_FINDINGS_PER_TEST) this.items.push(problem('CSAF_MORE_FINDINGS', this.language, test, { count: count - CSAF_MAX_FINDINGS_PER_TEST }));
    }
    return this.items;
  }
}

/**
 * The verdict from the outcomes of the library's tests: schema findings → errors (CVSS ones as
 * 6.1.8), mandatory → errors, optional → warnings, informative → infos (a finding a test files as
 * a warning or info stays one). A test that threw counts as failed in its group.
 */
export function verdictOf(outcomes: CsafTestOutcome[], language: Language): CsafValidation {
  const errors = new ProblemList(language);
  const warnings = new ProblemList(language);
  const infos = new ProblemList(language);
  let schemaValid = true;
  for (const outcome of outcomes) {
    const test = testIdOf(outcome.name);
    const group = outcome.group;
    if (outcome.thrown !== undefined) {
      const list = group === 'optional' ? warnings : group === 'informative' ? infos : errors;
      list.add('CSAF_TEST_NOT_RUN', test, { message: outcome.thrown }, {});
      if (group === 'schema') schemaValid = false;
      continue;
    }
    const result = outcome.result ?? {};
    if (group === 'schema') {
      for (const finding of result.errors ?? []) {
        const { message, path, value } = describe(finding);
        if (cvssPath.test(finding.instancePath ?? '')) {
          errors.add('CSAF_MANDATORY_TEST', '6.1.8', { message }, { path, value });
        } else {
          schemaValid = false;
          errors.add('CSAF_SCHEMA', 'schema', { message }, { path, value });
        }
      }
      if (result.isValid === false && (result.errors ?? []).length === 0) {
        schemaValid = false;
        errors.add('CSAF_SCHEMA', 'schema', { message: 'failed' }, {});
      }
      continue;
    }
    const code = findingCodes[group];
    const failures = group === 'mandatory' ? errors : group === 'optional' ? warnings : infos;
    for (const finding of result.errors ?? []) {
      const { message, path, value } = describe(finding);
      failures.add(code, test, { message }, { path, value });
    }
    if (group === 'mandatory' && result.isValid === false && (result.errors ?? []).length === 0) {
      errors.add(code, test, { message: 'failed' }, {});
    }
    for (const finding of result.warnings ?? []) {
      const { message, path, value } = describe(finding);
      (group === 'informative' ? infos : warnings).add(code, test, { message }, { path, value });
    }
    for (const finding of result.infos ?? []) {
      const { message, path, value } = describe(finding);
      infos.add(code, test, { message }, { path, value });
    }
  }
  const errorList = errors.finish();
  return { valid: errorList.length === 0, schemaValid, errors: errorList, warnings: warnings.finish(), infos: infos.finish() };
}
