// CSAF 2.0 validity as INTERFACES.md ("CSAF validity") defines it.
//
// A document is valid when it parses as JSON, passes the strict CSAF 2.0 schema and fails none of
// the mandatory tests 6.1.1–6.1.33 (all of them run even when the schema fails). Checks and their
// codes (the `test` of each problem in brackets):
//   CSAF_DOCUMENT_TOO_LARGE [json]  more than CSAF_MAX_BYTES (20 MiB) of UTF-8: refused unread
//   CSAF_NOT_UTF8 [json]            validateBytes only: the bytes are not UTF-8
//   CSAF_TOO_DEEP [json]            objects/arrays nested deeper than CSAF_MAX_DEPTH (100): refused
//                                   before parsing (the library recurses)
//   CSAF_NOT_JSON [json]            not JSON (the parser's message)
//   CSAF_SCHEMA [schema]            not an object; or a schema violation (path, ajv's message)
//   CSAF_VERSION_UNSUPPORTED [schema]  document.csaf_version is not "2.0" (the library is not run)
//   CSAF_MANDATORY_TEST [6.1.x]     a failed mandatory test; CVSS schema violations are test 6.1.8
//   CSAF_OPTIONAL_TEST [6.2.x]      → warnings;  CSAF_INFORMATIVE_TEST [6.3.x] → infos
//   CSAF_TEST_NOT_RUN [id]          a library test threw (counts as failed in its group)
//   CSAF_MORE_FINDINGS [id]         more than 100 findings of one test: the rest, counted
//   CSAF_VALIDATOR_FAILED [validator]  the worker validating this document died (it is respawned)
// `schemaValid` is false for the json/schema/validator errors above (an import rejects those
// documents); documents that fail only mandatory tests (6.1.8 included) stay schema-valid.
//
// csaf-validator-lib 2.0.10 (csaf-validation.worker.ts lists the tests run) plus one check of our
// own: 6.1.26 also against the other profiles' *values* (csaf-checks.ts). Workers: each loads the
// library once (2–3 s for all tests, 1–1.5 s for `tests: 'validity'`); `validateText` goes
// to the least busy worker, and a second worker is started only when the first is busy, so a
// single document costs one worker. The size check runs in the caller's thread; depth check,
// parsing and the tests in the worker; `document` is parsed in the caller's thread on first access.

import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Language } from '../../errors/app-error.ts';
import { CSAF_MAX_BYTES, CSAF_MAX_DEPTH, csafLibrary, problem, refusal, sizeRefusal, stripByteOrderMark, type CsafTestSelection } from './csaf-checks.ts';
import type { CsafWorkerData, CsafWorkerMessage, CsafWorkerRequest } from './csaf-validation.worker.ts';

export { CSAF_MAX_BYTES, CSAF_MAX_DEPTH, type CsafTestSelection } from './csaf-checks.ts';

/** One finding, in the INTERFACES.md error object shape. */
export interface CsafProblem {
  /** Stable code, e.g. CSAF_SCHEMA, CSAF_MANDATORY_TEST, CSAF_NOT_JSON. */
  code: string;
  message: string;
  /** The test: `json`, `schema`, a test id such as `6.1.11`, or `validator`. */
  test: string;
  /** RFC 6901 pointer into the document, when the finding has a place. */
  path?: string;
  /** The offending property or value, when the finding names one. */
  value?: string;
  /** The message's parameters: `formatMessage(code, language, params)` renders it in the other language. */
  params?: Record<string, string | number>;
}

/** The verdict on one document. */
export interface CsafValidation {
  /** Parses, passes the schema and fails no mandatory test. */
  valid: boolean;
  /** Parses and passes the schema (false → an import rejects it). */
  schemaValid: boolean;
  errors: CsafProblem[];
  warnings: CsafProblem[];
  infos: CsafProblem[];
}

/** Validates documents with the validation code loaded once (workers may be used inside). */
export interface CsafValidator {
  /** Validates one document given as its raw text (not JSON → one error with test `json`). */
  validateText(text: string): Promise<CsafValidation & { document: unknown }>;
  /** Validates one document given as its raw bytes (size checked first, then strict UTF-8; a BOM is allowed). */
  validateBytes(bytes: Uint8Array): Promise<CsafValidation & { document: unknown }>;
  /** Resolves when the first worker has loaded the library; rejects when it cannot. */
  readonly ready: Promise<void>;
  /** Stops any workers; pending validations reject. */
  close(): Promise<void>;
}

export interface CsafValidatorOptions {
  /** Most worker threads (each loads the library once); default 2, at most the number of cores. */
  workers?: number;
  /** Language of the problems' messages; default English. */
  language?: Language;
  /** Size limit in bytes; default CSAF_MAX_BYTES. */
  maxBytes?: number;
  /** Nesting limit; default CSAF_MAX_DEPTH. */
  maxDepth?: number;
  /**
   * `all` (default): warnings and infos as well. `validity`: only what decides `valid` and
   * `schemaValid` (no warnings, no infos): loads in about half the time, runs twice as fast.
   */
  tests?: CsafTestSelection;
}

type Result = CsafValidation & { document: unknown };

interface Pending {
  id: number;
  text: string;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  loaded: boolean;
  ready: Promise<void>;
  failReady: (error: Error) => void;
  /** Sent and not answered yet, oldest first (the worker answers in order). */
  inflight: Pending[];
}

// Workers start from this bootstrap (plain JavaScript):
// 1. It turns off ajv's optimiser passes over generated code for this thread (the `code.optimize`
//    option, which the library does not expose): the library compiles ~100 validators when it
//    loads, and those passes took more than half of the load time (4.9 s → 2.0 s here). The
//    validation logic is the same: every test's result was identical with and without them on the
//    2,035 CISA documents and 806 OASIS test and example documents (CSAF 2.0 and 2.1).
// 2. It loads the library before tsx's loader: Node 20 does not carry the parent's loader hooks into
//    workers, and the library's modules loaded through tsx's hooks would cost another second.
// 3. In a TypeScript checkout it registers tsx, then loads the worker entry.
const bootstrap = `
const { workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
(async () => {
  const codegen = createRequire(workerData.library.packageUrl)('ajv/dist/compile/codegen/index.js');
  codegen.CodeGen.prototype.optimize = function () {};
  for (const url of workerData.library.modules) await import(url);
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})();
`;

function workerData(language: Language, maxDepth: number, tests: CsafTestSelection): CsafWorkerData & { entry: string; tsx?: string } {
  const entry = new URL('./csaf-validation.worker.ts', import.meta.url);
  return {
    entry: entry.href,
    ...(entry.pathname.endsWith('.ts') ? { tsx: import.meta.resolve('tsx/esm/api') } : {}),
    library: csafLibrary(tests),
    language,
    maxDepth,
  };
}

/**
 * The verdict with `document`: the text parsed on first access (then kept), undefined when the text
 * is not JSON. Callers that only want the verdict (`advisories validate`) never parse it in this
 * thread, and a bulk import's documents are parsed one by one as it normalises them.
 */
function withDocument(verdict: CsafValidation, json: string | undefined): Result {
  const result = { ...verdict } as Result;
  let parsed: { value: unknown } | undefined = json === undefined ? { value: undefined } : undefined;
  let source = json;
  Object.defineProperty(result, 'document', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (parsed === undefined) {
        parsed = { value: JSON.parse(stripByteOrderMark(source!)) as unknown };
        source = undefined;
      }
      return parsed.value;
    },
    set: (value: unknown) => {
      parsed = { value };
    },
  });
  return result;
}

class CsafWorkerPool implements CsafValidator {
  readonly ready: Promise<void>;
  private readonly slots: Slot[] = [];
  private readonly maxWorkers: number;
  private readonly language: Language;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  private readonly tests: CsafTestSelection;
  private nextId = 1;
  private turn = 0;
  private closed = false;

  constructor(options: CsafValidatorOptions) {
    const cores = Math.max(1, os.availableParallelism());
    this.maxWorkers = Math.max(1, Math.min(options.workers ?? 2, cores));
    this.language = options.language ?? 'en';
    this.maxBytes = options.maxBytes ?? CSAF_MAX_BYTES;
    this.maxDepth = options.maxDepth ?? CSAF_MAX_DEPTH;
    this.tests = options.tests ?? 'all';
    this.ready = this.spawn().ready;
  }

  validateText(text: string): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('The CSAF validator is closed.'));
    const size = text.length > this.maxBytes / 3 ? Buffer.byteLength(text, 'utf8') : text.length;
    const tooLarge = sizeRefusal(size, this.language, this.maxBytes);
    if (tooLarge) return Promise.resolve({ ...tooLarge, document: undefined });
    return new Promise<Result>((resolve, reject) => this.dispatch({ id: this.nextId++, text, resolve, reject }));
  }

  validateBytes(bytes: Uint8Array): Promise<Result> {
    const tooLarge = sizeRefusal(bytes.byteLength, this.language, this.maxBytes);
    if (tooLarge) return Promise.resolve({ ...tooLarge, document: undefined });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return Promise.resolve({ ...refusal(problem('CSAF_NOT_UTF8', this.language, 'json')), document: undefined });
    }
    return this.validateText(text);
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      for (const pending of slot.inflight.splice(0)) pending.reject(new Error('The CSAF validator was closed before the document was checked.'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /**
   * Sends the document to the least busy worker (round robin among equals), preferring workers that
   * have loaded the library; starts another worker when all are busy.
   */
  private dispatch(pending: Pending): void {
    if (this.slots.length === 0 || (this.slots.length < this.maxWorkers && this.slots.every((slot) => slot.inflight.length > 0))) this.spawn();
    const loaded = this.slots.filter((slot) => slot.loaded);
    const candidates = loaded.length > 0 ? loaded : this.slots;
    let best: Slot | undefined;
    for (let offset = 0; offset < candidates.length; offset++) {
      const slot = candidates[(this.turn + offset) % candidates.length]!;
      if (best === undefined || slot.inflight.length < best.inflight.length) best = slot;
    }
    this.turn = (this.turn + 1) % Math.max(1, this.slots.length);
    const slot = best!;
    slot.inflight.push(pending);
    slot.worker.ref();
    const request: CsafWorkerRequest = { id: pending.id, text: pending.text };
    slot.worker.postMessage(request);
  }

  private spawn(): Slot {
    // A heap limit of its own: a worker running out of memory ends alone (reported as
    // CSAF_VALIDATOR_FAILED) instead of taking the process down. 20 MiB of JSON needs far less.
    const worker = new Worker(bootstrap, {
      eval: true,
      execArgv: [],
      workerData: workerData(this.language, this.maxDepth, this.tests),
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
    });
    let markReady: () => void = () => {};
    let failReady: (error: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    ready.catch(() => {}); // observed through `ready` or the validations
    const slot: Slot = { worker, loaded: false, ready, failReady, inflight: [] };
    this.slots.push(slot);
    worker.on('message', (message: CsafWorkerMessage) => {
      if (message.type === 'ready') {
        slot.loaded = true;
        // Once loaded, an idle validator does not keep the process alive (while loading it does,
        // so that awaiting `ready` alone works).
        if (slot.inflight.length === 0) worker.unref();
        markReady();
        return;
      }
      const index = slot.inflight.findIndex((pending) => pending.id === message.id);
      if (index < 0) return;
      const [pending] = slot.inflight.splice(index, 1);
      if (slot.inflight.length === 0) worker.unref();
      pending!.resolve(withDocument(message.verdict, message.json ? pending!.text : undefined));
    });
    let failure: Error | undefined;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => this.lost(slot, failure ?? new Error(`worker exited with code ${code}`)));
    return slot;
  }

  /** A worker ended on its own: before loading, its documents fail; after, the one it was on is reported and the rest go elsewhere. */
  private lost(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (this.closed || index < 0) return;
    this.slots.splice(index, 1);
    const inflight = slot.inflight.splice(0);
    if (!slot.loaded) {
      const startError = new Error(`The CSAF validator could not load csaf-validator-lib: ${error.message}`, { cause: error });
      slot.failReady(startError);
      for (const pending of inflight) pending.reject(startError);
      return;
    }
    const [current, ...rest] = inflight;
    if (current) current.resolve({ ...refusal(problem('CSAF_VALIDATOR_FAILED', this.language, 'validator', { message: error.message })), document: undefined });
    for (const pending of rest) this.dispatch(pending);
  }
}

/** Creates a validator; loading the validation code takes seconds, so create one per command or server. */
export function createCsafValidator(options: CsafValidatorOptions = {}): Promise<CsafValidator> {
  return Promise.resolve(new CsafWorkerPool(options));
}

const shared = new Map<Language, Promise<CsafValidator>>();

/**
 * The server process's validator for one message language (web uploads, manual notices): created on
 * first use and kept, so only the first request pays for loading the library; its idle workers do
 * not keep the process alive. Never close it.
 */
export function sharedCsafValidator(language: Language): Promise<CsafValidator> {
  let validator = shared.get(language);
  if (!validator) {
    validator = createCsafValidator({ language });
    shared.set(language, validator);
  }
  return validator;
}
