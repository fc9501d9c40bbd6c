import { existsSync } from 'node:fs';
import { systemClock } from '../src/server/clock.ts';
import { withWrite } from '../src/server/db/write.ts';
import { collectAdvisoryFiles } from '../src/server/modules/advisories/advisory-files.ts';
import { importAdvisories } from '../src/server/modules/advisories/advisory-import.service.ts';
import { createCsafValidator } from '../src/server/modules/advisories/csaf-validation.ts';
import { generateDemoPlant } from '../src/server/modules/demo/demo.service.ts';
import { matchDocuments, rematchAll } from '../src/server/modules/matching/matching.service.ts';
import { cliActor } from '../src/server/policies/actor.ts';
import { createTestContext } from '../src/test-support/context.ts';
import { createTestDatabase } from '../src/test-support/databases.ts';
import { advisoryCorpus } from './advisories.ts';

// The matching benchmark of issue 6 (part of `npm run bench`): the CISA corpus stored first, then a
// generated plant (its write matches every new machine against the stored advisories), a full
// re-match of everything, and one advisory at a time: for every current document (or an evenly
// spread sample of BENCH_MATCH_SAMPLE of them), its advisory's findings are dropped and
// `matchDocuments` recomputes them (what a newly imported advisory costs), each in its own write
// transaction.

const SAMPLE = Number(process.env.BENCH_MATCH_SAMPLE ?? Number.POSITIVE_INFINITY);
const actor = cliActor('bench');

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** Runs the matching benchmark on a plant of `machines` × `components`; returns the markdown section. */
export async function matchingBenchmark(log: (line: string) => void, plant: { machines: number; components: number }): Promise<string> {
  if (!existsSync(advisoryCorpus)) {
    const note = `CSAF corpus not found at ${advisoryCorpus} (set BENCH_CSAF_CORPUS): matching benchmark skipped.`;
    log(note);
    return `## Matching\n\n${note}\n`;
  }
  const database = await createTestDatabase('sqlite');
  try {
    const ctx = await createTestContext(database, { clock: systemClock });
    const validator = await createCsafValidator();
    try {
      await importAdvisories(ctx, actor, { sources: await collectAdvisoryFiles([advisoryCorpus]), via: 'file', validator });
    } finally {
      await validator.close();
    }
    const generateStarted = performance.now();
    const generated = await generateDemoPlant(ctx, actor, { machines: plant.machines, componentsPerMachine: plant.components, seed: 1 });
    const generateMs = performance.now() - generateStarted;
    log(`matching: plant of ${generated.machines} machines generated and matched in ${seconds(generateMs)} s`);

    const fullStarted = performance.now();
    const full = await rematchAll(ctx);
    const fullMs = performance.now() - fullStarted;
    const findings = Number((await ctx.db.selectFrom('findings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    log(`matching: full re-match in ${seconds(fullMs)} s (${full.pairs_evaluated} pairs, ${findings} findings)`);

    const documents = await ctx.db.selectFrom('advisory_documents').select(['id', 'advisory_id']).where('is_current', '=', 1).orderBy('id').execute();
    const step = Math.max(1, Math.floor(documents.length / Math.min(SAMPLE, documents.length)));
    const sample = documents.filter((_, index) => index % step === 0).slice(0, SAMPLE);
    const times: number[] = [];
    let created = 0;
    let pairs = 0;
    for (const document of sample) {
      await withWrite(ctx, async ({ trx }) => {
        await trx.deleteFrom('findings').where('advisory_id', '=', document.advisory_id).execute();
        const started = performance.now();
        const counts = await matchDocuments(trx, [document.id]);
        times.push(performance.now() - started);
        created += counts.created;
        pairs += counts.pairs_evaluated;
      });
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 0.5);
    const p95 = percentile(times, 0.95);
    const p99 = percentile(times, 0.99);
    log(`matching: one advisory p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
    return `## Matching (issue 6)

The CISA corpus (${documents.length} current documents) stored first, then \`generateDemoPlant\` with ${generated.machines} machines ×
${plant.components} components (${generated.components} components), same machine as above, SQLite.

| measurement | result |
|---|---|
| plant generation incl. matching every new machine against the stored corpus | ${seconds(generateMs)} s |
| full re-match (\`rematchAll\`: keys of both sides and every finding) | ${seconds(fullMs)} s, ${full.pairs_evaluated.toLocaleString('en-US')} pairs judged, ${findings.toLocaleString('en-US')} findings |
| one advisory (\`matchDocuments\` of one stored document after dropping its advisory's findings), ${sample.length} documents, one write transaction each | p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (${pairs.toLocaleString('en-US')} pairs, ${created.toLocaleString('en-US')} findings) |

Target (issue 6): one advisory p95 ≤ 20 ms — ${p95 <= 20 ? '**met**' : '**not met**'}.
`;
  } finally {
    await database.destroy();
  }
}
