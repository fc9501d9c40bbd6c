import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/server/clock.ts';
import { collectAdvisoryFiles, type AdvisoryFileSource } from '../src/server/modules/advisories/advisory-files.ts';
import { buildChildRows } from '../src/server/modules/advisories/advisory-import.repository.ts';
import type { AdvisoryImportResult } from '../src/server/modules/advisories/advisory-import.schema.ts';
import { importAdvisories } from '../src/server/modules/advisories/advisory-import.service.ts';
import { normaliseCsaf } from '../src/server/modules/advisories/csaf-normalise.ts';
import { createCsafValidator, type CsafTestSelection, type CsafValidation, type CsafValidator } from '../src/server/modules/advisories/csaf-validation.ts';
import { loadDemoPlant } from '../src/server/modules/demo/demo-load.service.ts';
import { cliActor } from '../src/server/policies/actor.ts';
import { runCli } from '../src/test-support/cli.ts';
import { corpusDir } from '../src/test-support/corpus.ts';
import { createTestContext } from '../src/test-support/context.ts';
import { createTestDatabase } from '../src/test-support/databases.ts';

// The advisory intake benchmark of issue 5 (part of `npm run bench`), side by side in one run on the
// CISA CSAF corpus: plain JSON.parse; the reference (csaf-validator-lib validate.js + basic.js, see
// referenceScript below) cold in its own process and warm; Patchwerk's cold
// `advisories import` as a child process; Patchwerk's warm ingest in this process (validator
// loaded). Then where the warm ingest's time goes, each part measured on its own.

export const advisoryCorpus = process.env.BENCH_CSAF_CORPUS ?? path.join(corpusDir, 'cisa-csaf');
const repositoryRoot = path.resolve(import.meta.dirname, '..');

// The reference: csaf-validator-lib 2.0.10 used the way its README shows, in a process of its own
// (plain JavaScript, no TypeScript loader, run with `node --input-type=module -e` from the
// repository root). Loads validate.js + basic.js (the strict schema with 6.1.8 and the mandatory
// tests), reads and parses every *.json under ROOT and validates it. With PASSES > 1 the same
// documents are validated again with the library warm. Prints one JSON line.
const referenceScript = `import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const [root, passesArgument = '1'] = process.argv.slice(1);
const passes = Number(passesArgument);
const t0 = performance.now();
const { default: validate } = await import('@secvisogram/csaf-validator-lib/validate.js');
const basic = await import('@secvisogram/csaf-validator-lib/basic.js');
const tests = Object.values(basic);
const t1 = performance.now();
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => path.join(root, name));
const documents = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
const t2 = performance.now();
const passMs = [];
let valid = 0;
for (let pass = 0; pass < passes; pass++) {
  const started = performance.now();
  valid = 0;
  for (const document of documents) if ((await validate(tests, document)).isValid) valid += 1;
  passMs.push(performance.now() - started);
}
process.stdout.write(\`\${JSON.stringify({ files: files.length, valid, loadMs: t1 - t0, readMs: t2 - t1, passMs })}\n\`);
`;
const actor = cliActor('bench');

interface ReferenceRun {
  files: number;
  valid: number;
  loadMs: number;
  readMs: number;
  passMs: number[];
}

/** Runs the reference in a fresh node process; wall time from spawn to exit. */
function reference(passes: number): { run: ReferenceRun; wallMs: number } {
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', referenceScript, advisoryCorpus, String(passes)], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return { run: JSON.parse(out) as ReferenceRun, wallMs: performance.now() - started };
}

/** Runs `work` over `items` with at most `width` at a time (the import prepares 16 ahead). */
async function eachLimited<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const advisoryTables = [
  'advisories', 'advisory_documents', 'advisory_vulnerabilities', 'advisory_products', 'advisory_product_identifiers', 'advisory_product_groups',
  'advisory_notes', 'advisory_references', 'advisory_scores', 'advisory_threats', 'advisory_remediations', 'advisory_product_status',
] as const;

/** Imports `sources` into a fresh SQLite database with the demo plant loaded, with `validator`; counts the rows written. */
async function warmImport(sources: readonly AdvisoryFileSource[], validator: CsafValidator): Promise<{ result: AdvisoryImportResult; ms: number; rows: number }> {
  const database = await createTestDatabase('sqlite');
  try {
    const ctx = await createTestContext(database, { clock: systemClock });
    await loadDemoPlant(ctx, actor);
    const { value, ms } = await timed(() => importAdvisories(ctx, actor, { sources, via: 'file', validator }));
    let rows = 0;
    for (const table of advisoryTables) {
      const counted = await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      rows += Number(counted.n);
    }
    return { result: value, ms, rows };
  } finally {
    await database.destroy();
  }
}

/**
 * The real validator, but each verdict is kept by the document's SHA-256 and answered from there the
 * next time: an import through it measures everything but validation (the document is still parsed).
 */
function replayingValidator(real: CsafValidator): CsafValidator {
  const verdicts = new Map<string, CsafValidation>();
  const key = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
  return {
    ready: real.ready,
    close: () => real.close(),
    validateText: (text) => real.validateText(text),
    async validateBytes(bytes) {
      const known = verdicts.get(key(bytes));
      if (known) return { ...known, document: JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown };
      const result = await real.validateBytes(bytes);
      const { valid, schemaValid, errors, warnings, infos } = result;
      verdicts.set(key(bytes), { valid, schemaValid, errors, warnings, infos });
      return result;
    },
  };
}

/** Validation alone with a loaded validator: every document through validateBytes, 16 at a time. */
async function validationOnly(tests: CsafTestSelection, bytes: readonly Buffer[]): Promise<{ loadMs: number; ms: number }> {
  const load = await timed(async () => {
    const validator = await createCsafValidator({ tests });
    await validator.ready;
    return validator;
  });
  try {
    await eachLimited(bytes, 16, async (item) => void (await load.value.validateBytes(item)));
    const { ms } = await timed(() => eachLimited(bytes, 16, async (item) => void (await load.value.validateBytes(item))));
    return { loadMs: load.ms, ms };
  } finally {
    await load.value.close();
  }
}

const perSecond = (count: number, ms: number): string => Math.round((count * 1000) / ms).toLocaleString('en-US');
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** Runs the advisory intake benchmark; returns the markdown section (a note when the corpus is missing). */
export async function advisoryBenchmark(log: (line: string) => void): Promise<string> {
  if (!existsSync(advisoryCorpus)) {
    const note = `CSAF corpus not found at ${advisoryCorpus} (set BENCH_CSAF_CORPUS): advisory intake benchmark skipped.`;
    log(note);
    return `## Advisory intake\n\n${note}\n`;
  }
  const files = readdirSync(advisoryCorpus, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(advisoryCorpus, name));
  const documents = files.length;

  // (a) plain JSON.parse: read and parse every file (file cache warm after the first run).
  for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
  const parse = await timed(() => {
    for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
  });
  log(`JSON.parse: ${documents} files in ${seconds(parse.ms)} s`);

  // (b) the reference: cold (one pass, process start to exit) and warm (third pass of one process).
  const referenceCold = reference(1);
  log(`reference cold: ${seconds(referenceCold.wallMs)} s (load ${seconds(referenceCold.run.loadMs)} s, ${referenceCold.run.valid}/${referenceCold.run.files} valid)`);
  const referenceWarm = reference(3);
  const referenceWarmMs = referenceWarm.run.passMs.at(-1)!;
  log(`reference warm: ${perSecond(referenceWarm.run.files, referenceWarmMs)} documents/s`);

  // (c) Patchwerk cold: `patchwerk advisories import <corpus> --json` on a fresh data dir with the demo plant.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'patchwerk-bench-advisories-'));
  let coldMs: number;
  let coldResult: AdvisoryImportResult;
  try {
    const env = { PATCHWERK_DATA_DIR: dataDir };
    const demo = await runCli(['demo', 'load', '--json'], { env });
    if (demo.code !== 0) throw new Error(`demo load failed: ${demo.stderr}`);
    const started = performance.now();
    const run = await runCli(['advisories', 'import', advisoryCorpus, '--json'], { env });
    coldMs = performance.now() - started;
    if (run.code !== 0 && run.code !== 1) throw new Error(`advisories import failed (${run.code}): ${run.stderr}`);
    coldResult = JSON.parse(run.stdout) as AdvisoryImportResult;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  log(`patchwerk cold import: ${seconds(coldMs)} s (${coldResult.imported} imported)`);

  // (d) warm ingest: one loaded validator; the first import (into a throw-away database) warms it.
  const sources = await collectAdvisoryFiles([advisoryCorpus]);
  const validatorLoad = await timed(async () => {
    const made = await createCsafValidator({ language: actor.language });
    await made.ready;
    return made;
  });
  const validator = validatorLoad.value;
  const replaying = replayingValidator(validator);
  let warm: { result: AdvisoryImportResult; ms: number; rows: number };
  let withoutValidation: { ms: number };
  try {
    await warmImport(sources, replaying); // warms the validator and records its verdicts
    warm = await warmImport(sources, validator);
    withoutValidation = await warmImport(sources, replaying);
  } finally {
    await validator.close();
  }
  const stored = warm.result.imported + warm.result.updated;
  log(`patchwerk warm ingest: ${perSecond(stored, warm.ms)} documents/s (${seconds(warm.ms)} s)`);

  // Where the warm ingest's time goes, each part alone.
  const bytes = files.map((file) => readFileSync(file));
  const readHash = await timed(() => {
    for (const file of files) createHash('sha256').update(readFileSync(file)).digest('hex');
  });
  const validateAll = await validationOnly('all', bytes);
  const validateValidity = await validationOnly('validity', bytes);
  const parsed = bytes.map((item) => JSON.parse(item.toString('utf8')) as unknown);
  const normalise = await timed(() => {
    for (const document of parsed) {
      try {
        buildChildRows('x', normaliseCsaf(document));
      } catch {
        // not an advisory (the ROLIE feed): the import skips it before normalising
      }
    }
  });
  const reimport = await (async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const ctx = await createTestContext(database, { clock: systemClock });
      const again = await createCsafValidator({ language: actor.language });
      try {
        await importAdvisories(ctx, actor, { sources, via: 'file', validator: again });
        return await timed(() => importAdvisories(ctx, actor, { sources, via: 'file', validator: again }));
      } finally {
        await again.close();
      }
    } finally {
      await database.destroy();
    }
  })();
  log(`parts: read+hash ${seconds(readHash.ms)} s, validate all ${seconds(validateAll.ms)} s, validity ${seconds(validateValidity.ms)} s, normalise ${seconds(normalise.ms)} s, re-import ${seconds(reimport.ms)} s, import without validation ${seconds(withoutValidation.ms)} s (${warm.rows} rows)`);

  const coldRatio = coldMs / referenceCold.wallMs;
  const warmRate = (stored * 1000) / warm.ms;
  const referenceRate = (referenceWarm.run.files * 1000) / referenceWarmMs;
  const met = (ok: boolean): string => (ok ? '**met**' : '**not met**');
  const parseTotal = documents;
  return `## Advisory intake (issue 5)

Corpus: \`${advisoryCorpus}\`, ${documents} \`*.json\` files (${coldResult.imported + coldResult.updated} CSAF documents stored by the import,
${coldResult.flagged.length} flagged, ${coldResult.rejected.length} rejected, ${coldResult.skipped.length} skipped: the ROLIE feed). Same machine and run as above.
Wall times on this shared machine vary between runs (by up to 2–3× when other work runs, see the
load average above); compare the rows of one run with each other.

The reference is csaf-validator-lib 2.0.10 as its README uses it (\`referenceScript\` in bench/advisories.ts):
\`validate.js\` + \`basic.js\` (strict schema with 6.1.8, mandatory tests), all documents read and parsed,
then validated one by one. Patchwerk validates with all tests (mandatory, optional, informative;
csaf-validation.ts, 2 worker threads), hashes, checks sidecars, normalises, stores the raw bytes and
writes the documents in batches of up to 64, one short write transaction per batch with an audit
event per document and one audit anchor update.

| measurement | documents | time s | documents/s |
|---|---:|---:|---:|
| (a) read + \`JSON.parse\`, in process | ${parseTotal} | ${seconds(parse.ms)} | ${perSecond(parseTotal, parse.ms)} |
| (b) reference cold: fresh process, load + read + validate all | ${referenceCold.run.files} | ${seconds(referenceCold.wallMs)} | ${perSecond(referenceCold.run.files, referenceCold.wallMs)} |
| &nbsp;&nbsp;of which loading validate.js + basic.js | | ${seconds(referenceCold.run.loadMs)} | |
| (b) reference warm: third validation pass, library loaded | ${referenceWarm.run.files} | ${seconds(referenceWarmMs)} | ${perSecond(referenceWarm.run.files, referenceWarmMs)} |
| (c) Patchwerk cold: \`patchwerk advisories import <corpus> --json\` child process, fresh SQLite data dir with the demo plant | ${documents} | ${seconds(coldMs)} | ${perSecond(documents, coldMs)} |
| (d) Patchwerk warm ingest: \`importAdvisories\` with a loaded validator into a fresh database | ${stored} | ${seconds(warm.ms)} | ${perSecond(stored, warm.ms)} |

Targets (issue 5):

- Cold import ≤ 1.0× the reference's cold run: ${seconds(coldMs)} s vs ${seconds(referenceCold.wallMs)} s = **${coldRatio.toFixed(2)}×** — ${met(coldRatio <= 1)}.
- Warm ingest ≥ the reference's warm validation throughput: ${Math.round(warmRate).toLocaleString('en-US')} vs ${Math.round(referenceRate).toLocaleString('en-US')} documents/s — ${met(warmRate >= referenceRate)}.

Where the warm ingest's time goes: each part measured alone over the same documents, in this
process. The import overlaps them (files are read, validated and normalised up to 64 ahead of the
single writer; validation runs in worker threads), so the parts do not add up to the total.

| part | time s | documents/s |
|---|---:|---:|
| read + SHA-256 (no sidecars) | ${seconds(readHash.ms)} | ${perSecond(documents, readHash.ms)} |
| validation, all tests (2 workers, warm; loading took ${seconds(validatorLoad.ms)} s) | ${seconds(validateAll.ms)} | ${perSecond(documents, validateAll.ms)} |
| validation, \`tests: 'validity'\` only (2 workers, warm; loading took ${seconds(validateValidity.loadMs)} s) | ${seconds(validateValidity.ms)} | ${perSecond(documents, validateValidity.ms)} |
| parse + normalise + child rows, one thread | ${seconds(normalise.ms)} | ${perSecond(documents, normalise.ms)} |
| the warm ingest again, validation answered from a cache of its verdicts (read, hash, parse, normalise, artifact store, batched write transactions with ${warm.rows.toLocaleString('en-US')} rows in all, ${Math.round(warm.rows / stored)} per document, audit events, anchor) | ${seconds(withoutValidation.ms)} | ${perSecond(stored, withoutValidation.ms)} |
| re-import of the same corpus (read, hash, look up: all unchanged) | ${seconds(reimport.ms)} | ${perSecond(documents, reimport.ms)} |
`;
}
