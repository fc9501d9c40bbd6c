import type { AppContext } from '../../context.ts';
import type { JobRunner } from './job-runner.ts';
import { PgBossJobRunner } from './pg-boss-job-runner.ts';
import { SqliteJobRunner } from './sqlite-job-runner.ts';

/** What the job runner is built from: the context without its jobs, and the database URL. */
export interface JobRunnerDependencies extends Omit<AppContext, 'jobs'> {
  databaseUrl: string | null;
}

/** The job runner of the configured database: pg-boss on PostgreSQL, the table queue on SQLite. Not started. */
export function createJobRunner(deps: JobRunnerDependencies): Promise<JobRunner> {
  const runner: JobRunner = deps.databaseUrl
    ? new PgBossJobRunner(deps, { databaseUrl: deps.databaseUrl })
    : new SqliteJobRunner(deps);
  return Promise.resolve(runner);
}
