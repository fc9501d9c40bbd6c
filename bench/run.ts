import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { advisoryBenchmark } from './advisories.ts';
import { matchingBenchmark } from './matching.ts';
import { buildApp } from '../src/server/http/app.ts';
import { systemClock } from '../src/server/clock.ts';
import { generateDemoPlant } from '../src/server/modules/demo/demo.service.ts';
import { cliActor } from '../src/server/policies/actor.ts';
import { createUserWithSession } from '../src/test-support/actors.ts';
import { createTestContext } from '../src/test-support/context.ts';
import { createTestDatabase } from '../src/test-support/databases.ts';

// `npm run bench`: generates 10,000 machines × 20 components into a temporary SQLite database and
// measures the machines list (GET /api/v1/machines through app.inject, i.e. routing, validation,
// authorisation, queries and serialisation, without the network); then the advisory intake of issue 5
// (bench/advisories.ts) and the matching of issue 6 (bench/matching.ts); and writes docs/benchmarks.md.

const MACHINES = Number(process.env.BENCH_MACHINES ?? 10_000);
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 20);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 10;

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function cpuModel(): string {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function nproc(): string {
  try {
    return execSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(os.availableParallelism());
  }
}

// Other work on the machine shows in the wall times: the load before the run is recorded with them.
const loadBefore = os.loadavg()[0]!.toFixed(2);
const database = await createTestDatabase('sqlite');
const ctx = await createTestContext(database, { clock: systemClock });
const app = await buildApp(ctx);
try {
  const started = performance.now();
  const plant = await generateDemoPlant(ctx, cliActor('bench'), { machines: MACHINES, componentsPerMachine: COMPONENTS, seed: 1 });
  const generateSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`generated ${plant.machines} machines, ${plant.components} components in ${generateSeconds.toFixed(1)} s\n`);

  const admin = await createUserWithSession(ctx.db, { username: 'bench.admin', role: 'admin' }, new Date());
  const get = async (url: string): Promise<{ items: unknown[]; next_cursor: string | null; total: number }> => {
    const response = await app.inject({ method: 'GET', url, headers: admin.headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };

  // The cursor of page 100 (by name, 50 per page): the "deep" page.
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const result = await get(`/api/v1/machines?sort=name&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    cursor = result.next_cursor;
  }
  const scenarios: [string, string][] = [
    ['first page (limit 50, by machine_id)', '/api/v1/machines'],
    ['first page, limit 200', '/api/v1/machines?limit=200'],
    ['filtered: site + criticality + updatable', '/api/v1/machines?site=G1-AUG&criticality=high&updatable=true'],
    ['filtered: segment + vendor', `/api/v1/machines?segment=OT-ZELLE-2&vendor=${encodeURIComponent('dmg mori')}`],
    ['sorted: -name', '/api/v1/machines?sort=-name'],
    ['sorted: criticality', '/api/v1/machines?sort=criticality'],
    ['deep cursor page (page 101 by name)', `/api/v1/machines?sort=name&limit=50&cursor=${cursor}`],
    ['search q=fräsmaschine', `/api/v1/machines?q=${encodeURIComponent('fräsmaschine')}`],
    ['search q=PRÜFSTAND (case + umlaut)', `/api/v1/machines?q=${encodeURIComponent('PRÜFSTAND')}`],
    ['search q=weidmüller (component vendor)', `/api/v1/machines?q=${encodeURIComponent('weidmüller')}`],
    ['search q=schweissen (ß folded)', '/api/v1/machines?q=schweissen'],
    ['search q=siemens s7-1500 (two terms)', `/api/v1/machines?q=${encodeURIComponent('siemens s7-1500')}`],
    ['search q=zzz (no match)', '/api/v1/machines?q=zzz'],
  ];
  const rows: string[] = [];
  for (const [label, url] of scenarios) {
    for (let i = 0; i < WARMUP; i++) await get(url);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      total = (await get(url)).total;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const row = `| ${label} | ${total} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`;
    process.stderr.write(`${row}\n`);
    rows.push(row);
  }

  const advisorySection = await advisoryBenchmark((line) => process.stderr.write(`${line}\n`));
  const matchingSection = await matchingBenchmark((line) => process.stderr.write(`${line}\n`), { machines: MACHINES, components: COMPONENTS });

  const memory = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
  const markdown = `# Benchmarks

Recorded by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}. Numbers depend on the machine;
compare runs on the same one.

**Machine:** ${nproc()} CPUs (nproc), ${cpuModel()}, ${memory} RAM, Node ${process.version}, ${os.platform()} ${os.release()};
load average (1 min) ${loadBefore} before the run, ${os.loadavg()[0]!.toFixed(2)} after it.
**Database:** SQLite (better-sqlite3, WAL, synchronous=NORMAL), temporary file.

## Demo plant generation

\`generateDemoPlant\` (what \`patchwerk demo generate\` runs): ${plant.machines} machines × ${COMPONENTS} components
(${plant.components} components, ${plant.sites} sites, ${plant.segments} segments, ${plant.vendors} vendors) in one write
transaction: **${generateSeconds.toFixed(1)} s** (target ≤ 30 s).

## Machines list: GET /api/v1/machines

${ITERATIONS} requests per row after ${WARMUP} warm-up requests, one at a time, through \`app.inject\` (routing,
session lookup, validation, scope filter, both queries — page and total — and serialisation; no
network). Admin session (scope all). Target: p95 ≤ 100 ms.

| request | total matches | p50 ms | p95 ms | max ms |
|---|---:|---:|---:|---:|
${rows.join('\n')}

${advisorySection}
${matchingSection}`;
  const out = path.resolve(import.meta.dirname, '../docs/benchmarks.md');
  writeFileSync(out, markdown);
  process.stdout.write(markdown);
} finally {
  await app.close();
  await database.destroy();
}
