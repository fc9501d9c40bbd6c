import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DialectAdapter } from './db/dialect.ts';
import type { Database } from './db/schema.ts';
import type { AuditAnchor } from './modules/audit/audit-anchor.ts';
import type { ArtifactStore } from './modules/artifacts/artifact-store.ts';
import type { JobRunner } from './modules/jobs/job-runner.ts';

/** Everything a use case needs, built once per process and passed down explicitly. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  adapter: DialectAdapter;
  clock: Clock;
  logger: Logger;
  artifacts: ArtifactStore;
  jobs: JobRunner;
  auditAnchor: AuditAnchor;
}
