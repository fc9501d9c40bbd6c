import { loadConfig, type Config } from '../server/config.ts';
import { ManualClock, type Clock } from '../server/clock.ts';
import type { AppContext } from '../server/context.ts';
import { AuditAnchor } from '../server/modules/audit/audit-anchor.ts';
import { LocalArtifactStore } from '../server/modules/artifacts/local-artifact-store.ts';
import { createJobRunner } from '../server/modules/jobs/create-job-runner.ts';
import pino from 'pino';
import type { TestDatabase } from './databases.ts';

/** A config for tests: the test database's data dir and URL, quiet logs. */
export function testConfig(database: TestDatabase, overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}, database.dataDir), dataDir: database.dataDir, databaseUrl: database.databaseUrl, logLevel: 'silent', ...overrides };
}

/** A full AppContext over a test database, with a ManualClock unless another clock is given. */
export async function createTestContext(
  database: TestDatabase,
  options: { clock?: Clock; config?: Partial<Config> } = {},
): Promise<AppContext> {
  const config = testConfig(database, options.config);
  const base = {
    config,
    db: database.db,
    adapter: database.adapter,
    clock: options.clock ?? new ManualClock(),
    logger: pino({ level: 'silent' }),
    artifacts: new LocalArtifactStore(config.dataDir),
    auditAnchor: new AuditAnchor(config.dataDir),
  };
  return { ...base, jobs: await createJobRunner({ ...base, databaseUrl: config.databaseUrl }) };
}
