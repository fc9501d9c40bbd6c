import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

// Every difference between SQLite and PostgreSQL lives here; nothing else branches on the dialect.

export type DialectName = 'sqlite' | 'postgres';

export interface DialectAdapter {
  readonly name: DialectName;
  /**
   * Runs `work` in a write transaction that is serialised with every other one, across processes:
   * SQLite `BEGIN IMMEDIATE` on its one connection; PostgreSQL a transaction that first takes one
   * advisory transaction lock. So a read-then-write (the audit chain, the last-admin rule, login
   * throttling) cannot interleave. No file or network I/O may be awaited inside.
   */
  writeTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Statements that make `table` refuse UPDATE and DELETE. */
  appendOnlySql(table: string): string[];
  /** True when `error` is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
}

/** Advisory-lock key that serialises write transactions on PostgreSQL (an arbitrary constant). */
const WRITE_LOCK_KEY = 0x5057_4155_4449_54n;

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  async writeTransaction(db, work) {
    return db.connection().execute(async (connection) => {
      await sql`BEGIN IMMEDIATE`.execute(connection);
      try {
        const result = await work(connection);
        await sql`COMMIT`.execute(connection);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(connection);
        throw error;
      }
    });
  },
  appendOnlySql(table) {
    return ['UPDATE', 'DELETE'].map(
      (operation) =>
        `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table} ` +
        `BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
    );
  },
  isUniqueViolation(error) {
    return (error as { code?: string } | null)?.code?.startsWith('SQLITE_CONSTRAINT_UNIQUE') === true ||
      (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  },
};

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  async writeTransaction(db, work) {
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${sql.lit(WRITE_LOCK_KEY.toString())}::bigint)`.execute(trx);
      return work(trx);
    });
  },
  appendOnlySql(table) {
    return [
      `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
        `BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
      `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} ` +
        `FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
      `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
    ];
  },
  isUniqueViolation(error) {
    return (error as { code?: string } | null)?.code === '23505';
  },
};
