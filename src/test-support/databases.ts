import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../server/db/database.ts';
import type { DialectName } from '../server/db/dialect.ts';
import { migrateToLatest } from '../server/db/migrator.ts';

/** A migrated, empty database for one test suite, on either dialect. */
export interface TestDatabase extends DatabaseHandle {
  dialect: DialectName;
  /** Connection string for child processes (PostgreSQL, with the suite's search_path), or null. */
  databaseUrl: string | null;
  /** A fresh folder used as the data directory (SQLite file, anchor, artifacts). */
  dataDir: string;
  destroy(): Promise<void>;
}

const postgresUrl = process.env.PATCHWERK_TEST_DATABASE_URL ?? null;

/** Why the PostgreSQL pass is skipped, or null when it runs. */
export const postgresSkipReason = postgresUrl
  ? null
  : 'PostgreSQL pass skipped: set PATCHWERK_TEST_DATABASE_URL (CI sets it) to run it';

/** A connection string that puts every session of the pool into `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/** Creates a migrated test database: a temporary SQLite file, or a fresh PostgreSQL schema. */
export async function createTestDatabase(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'patchwerk-test-'));
  let databaseUrl: string | null = null;
  let dropSchema = async (): Promise<void> => {};
  if (dialect === 'postgres') {
    if (!postgresUrl) throw new Error(postgresSkipReason ?? 'no PostgreSQL');
    const schema = `pw_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    databaseUrl = withSearchPath(postgresUrl, schema);
    dropSchema = async () => {
      const cleaner = new pg.Client({ connectionString: postgresUrl });
      await cleaner.connect();
      await cleaner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await cleaner.query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
      await cleaner.end();
    };
  }
  const handle = openDatabase({ databaseUrl, dataDir, poolSize: 5 });
  if (options.migrate !== false) await migrateToLatest(handle.db as Kysely<unknown>, handle.adapter);
  return {
    ...handle,
    dialect,
    databaseUrl,
    dataDir,
    async destroy() {
      await handle.close();
      await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Declares `suite` once per dialect. The PostgreSQL copy is skipped, with the reason printed, when
 * PATCHWERK_TEST_DATABASE_URL is not set. `database()` returns the suite's migrated database.
 */
export function describeEachDialect(name: string, suite: (database: () => TestDatabase, dialect: DialectName) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' ? (postgresSkipReason ?? false) : false;
    describe(`${name} [${dialect}]`, { skip }, () => {
      let database: TestDatabase | undefined;
      before(async () => {
        database = await createTestDatabase(dialect);
      });
      after(async () => {
        await database?.destroy();
      });
      suite(() => {
        if (!database) throw new Error('test database not ready');
        return database;
      }, dialect);
    });
  }
}
