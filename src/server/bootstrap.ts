import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { createLogger } from './logger.ts';
import { AuditAnchor } from './modules/audit/audit-anchor.ts';
import { LocalArtifactStore } from './modules/artifacts/local-artifact-store.ts';
import { createJobRunner } from './modules/jobs/create-job-runner.ts';

export interface CreateContextOptions {
  /** The clock; tests inject a ManualClock. */
  clock?: Clock;
  /** The logger; defaults to JSON lines on stderr at the configured level. */
  logger?: Logger;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
}

/** A running context and how to release it. */
export interface ContextHandle {
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it), the artifact store and the job runner for one process. The
 * job runner is created but not started; the server starts it, CLI commands do not.
 */
export async function createContext(config: Config, options: CreateContextOptions = {}): Promise<ContextHandle> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.migrate !== false) await migrateToLatest(handle.db as Kysely<unknown>, handle.adapter);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const base = {
    config,
    db: handle.db,
    adapter: handle.adapter,
    clock,
    logger,
    artifacts: new LocalArtifactStore(config.dataDir),
    auditAnchor: new AuditAnchor(config.dataDir),
  };
  const jobs = await createJobRunner({ ...base, databaseUrl: config.databaseUrl });
  const ctx: AppContext = { ...base, jobs };
  return {
    ctx,
    async close() {
      await jobs.stop();
      await handle.close();
    },
  };
}
