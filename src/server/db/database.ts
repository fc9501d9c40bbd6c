import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { postgresAdapter, sqliteAdapter, type DialectAdapter } from './dialect.ts';
import type { Database } from './schema.ts';

// PostgreSQL int8 (count(*), bigint columns) as JavaScript numbers: sizes and sequence numbers stay
// far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/** An open database: the Kysely instance and the adapter for the few dialect differences. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  adapter: DialectAdapter;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; null opens SQLite in the data directory. */
  databaseUrl: string | null;
  /** Folder of the SQLite file `patchwerk.sqlite`. */
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/** Opens SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL pool. */
export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, adapter: postgresAdapter, close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'patchwerk.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, adapter: sqliteAdapter, close: () => db.destroy() };
}
