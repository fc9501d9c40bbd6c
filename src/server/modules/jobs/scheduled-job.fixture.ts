// One server process of the two-process pg-boss test: registers `test.once`, which records its run
// in `test_job_runs`, schedules it every minute, prints "ready" and works until SIGTERM.
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import pino from 'pino';
import { openDatabase } from '../../db/database.ts';
import { PgBossJobRunner } from './pg-boss-job-runner.ts';

const databaseUrl = process.env.DATABASE_URL;
const label = process.argv[2] ?? `process-${process.pid}`;
if (!databaseUrl) throw new Error('DATABASE_URL is required');

const handle = openDatabase({ databaseUrl, dataDir: tmpdir(), poolSize: 2 });
const logger = pino({ level: 'warn' }, pino.destination(2));
const runner = new PgBossJobRunner(
  { db: handle.db, logger },
  { databaseUrl, boss: { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, pollingIntervalSeconds: 0.5 } },
);
runner.register('test.once', async (_payload, job) => {
  await sql`insert into test_job_runs (job_id, process) values (${job.id}, ${label})`.execute(handle.db);
});
await runner.start();
await runner.schedule('test.once', '* * * * *');
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void (async () => {
    await runner.stop();
    await handle.close();
    process.exit(0);
  })();
});
