// A worker thread of the CSAF validator (csaf-validation.ts): loads csaf-validator-lib once, then
// validates the documents it is sent, one after the other, and answers with the verdict.
//
// Tests run: the strict CSAF 2.0 schema (csaf_2_0_strict, which also checks CVSS objects: test
// 6.1.8), the mandatory tests 6.1.1–6.1.33 of basic.js (plus our supplement to 6.1.26), the optional
// tests 6.2.1–6.2.20 and the informative tests 6.3.1–6.3.5 and 6.3.9–6.3.11. Not run: 6.3.6 and
// 6.3.7 (they send an HTTP HEAD request to every URL in the document; Patchwerk's network access
// goes through the egress client only) and 6.3.8 (spell check: spawns the hunspell program).

import { parentPort, workerData } from 'node:worker_threads';
import type { Language } from '../../errors/app-error.ts';
import { groupOf, parseCsafText, problem, prohibitedCategoryFinding, refusal, testIdOf, verdictOf, type CsafTestGroup, type CsafTestOutcome, type LibResult } from './csaf-checks.ts';
import type { CsafValidation } from './csaf-validation.ts';

/** What the pool hands a worker at start. */
export interface CsafWorkerData {
  language: Language;
  maxDepth: number;
  /** The library's modules to take the tests from (loaded by the bootstrap already). */
  library: { packageUrl: string; modules: string[] };
}

/** A document to validate. */
export interface CsafWorkerRequest {
  id: number;
  text: string;
}

/** What a worker reports: ready (library loaded), or the verdict on one document. */
export type CsafWorkerMessage =
  | { type: 'ready'; loadMs: number }
  | { type: 'result'; id: number; verdict: CsafValidation; json: boolean };

type LibTest = (document: unknown) => LibResult | Promise<LibResult>;

interface LoadedTest {
  name: string;
  group: CsafTestGroup;
  run: LibTest;
}

/** Sort key of a test: schema first, then by section number (6.1.2 before 6.1.10). */
function order(name: string): number[] {
  const id = testIdOf(name);
  return id === 'schema' ? [0] : id.split('.').map(Number);
}

function compareOrder(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * 6.1.12 and 6.2.14 look only at document.lang and document.source_lang, and check them with
 * linear scans of the IANA subtag registry (a third of all validation time); their results are
 * remembered per pair of values.
 */
function rememberedByLanguage(run: LibTest): LibTest {
  const results = new Map<string, LibResult>();
  return (document) => {
    const meta = isObject(document) ? document.document : undefined;
    if (!isObject(meta)) return run(document);
    const part = (value: unknown): string => (typeof value === 'string' ? `s${value}` : '-');
    const key = `${part(meta.lang)}\u0000${part(meta.source_lang)}`;
    const known = results.get(key);
    if (known !== undefined) return structuredClone(known);
    const fresh = run(document);
    if (fresh instanceof Promise) return fresh;
    if (results.size >= 256) results.clear();
    results.set(key, structuredClone(fresh));
    return fresh;
  };
}

/** The library's tests (its modules are already loaded by the worker's bootstrap: these imports are cache hits). */
async function loadTests(urls: string[]): Promise<LoadedTest[]> {
  const modules = (await Promise.all(urls.map((url) => import(url)))) as Record<string, unknown>[];
  const functions = new Map<string, LibTest>();
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function') continue;
      const testName = name === 'default' ? (value as { name: string }).name : name;
      functions.set(testName, value as LibTest);
    }
  }
  const tests: LoadedTest[] = [...functions]
    .filter(([name]) => name === 'csaf_2_0_strict' || /^(mandatory|optional|informative)Test_/.test(name))
    .map(([name, run]) => ({
      name,
      group: groupOf(name),
      run: name === 'mandatoryTest_6_1_12' || name === 'optionalTest_6_2_14' ? rememberedByLanguage(run) : run,
    }));
  tests.sort((a, b) => compareOrder(order(a.name), order(b.name)));
  return tests;
}

/** Runs every test on the document (a test that throws is recorded, the others still run). */
async function runTests(tests: LoadedTest[], document: unknown): Promise<CsafTestOutcome[]> {
  const outcomes: CsafTestOutcome[] = [];
  for (const test of tests) {
    try {
      const pending = test.run(document);
      let result = pending instanceof Promise ? await pending : pending;
      if (test.name === 'mandatoryTest_6_1_26' && (result.errors ?? []).length === 0) {
        const finding = prohibitedCategoryFinding(document);
        if (finding) result = { isValid: false, errors: [finding] };
      }
      outcomes.push({ name: test.name, group: test.group, result });
    } catch (error) {
      outcomes.push({ name: test.name, group: test.group, thrown: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('csaf-validation.worker.ts runs as a worker thread only');
  const { language, maxDepth, library } = workerData as CsafWorkerData;
  const started = performance.now();
  const tests = await loadTests(library.modules);
  const post = (message: CsafWorkerMessage): void => port.postMessage(message);
  post({ type: 'ready', loadMs: Math.round(performance.now() - started) });

  // One document at a time, in the order they arrive (the pool relies on that order).
  let queue = Promise.resolve();
  port.on('message', (request: CsafWorkerRequest) => {
    queue = queue.then(async () => {
      try {
        const parsed = parseCsafText(request.text, language, maxDepth);
        const verdict = !parsed.json ? parsed.refusal : (parsed.refusal ?? verdictOf(await runTests(tests, parsed.document), language));
        post({ type: 'result', id: request.id, verdict, json: parsed.json });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        post({ type: 'result', id: request.id, verdict: refusal(problem('CSAF_VALIDATOR_FAILED', language, 'validator', { message: reason })), json: false });
      }
    });
  });
}

await main();
