import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DialectAdapter } from './dialect.ts';
import * as createFoundation from './migrations/20261126090000_create-foundation.ts';
import * as addGrantRevocation from './migrations/20261126100000_add-grant-revocation.ts';
import * as extendInventory from './migrations/20261126140000_extend-inventory.ts';
import * as machineList from './migrations/20261126180000_machine-list.ts';
import * as networkAndContracts from './migrations/20261126200000_network-and-contracts.ts';
import * as advisories from './migrations/20261126210000_advisories.ts';
import * as enrichment from './migrations/20261126210500_enrichment.ts';
import * as advisorySignatures from './migrations/20261127080000_advisory-signatures.ts';
import * as settings from './migrations/20261127085000_settings.ts';
import * as manualNotices from './migrations/20261127090000_manual-notices.ts';
import * as findings from './migrations/20261127100000_findings.ts';
import * as matchIdentities from './migrations/20261128090000_match-identities.ts';

/** A migration module: `up` receives the dialect adapter for the few statements that differ. */
interface PatchwerkMigration {
  up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void>;
}

/** Every migration, keyed by its timestamped name; append new ones, never edit landed ones. */
const migrations: Record<string, PatchwerkMigration> = {
  '20261126090000_create-foundation': createFoundation,
  '20261126100000_add-grant-revocation': addGrantRevocation,
  '20261126140000_extend-inventory': extendInventory,
  '20261126180000_machine-list': machineList,
  '20261126200000_network-and-contracts': networkAndContracts,
  '20261126210000_advisories': advisories,
  '20261126210500_enrichment': enrichment,
  '20261127080000_advisory-signatures': advisorySignatures,
  '20261127085000_settings': settings,
  '20261127090000_manual-notices': manualNotices,
  '20261127100000_findings': findings,
  '20261128090000_match-identities': matchIdentities,
};

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly adapter: DialectAdapter) {}

  getMigrations(): Promise<Record<string, Migration>> {
    const entries = Object.entries(migrations).map(([name, migration]) => [
      name,
      { up: (db: Kysely<unknown>) => migration.up(db, this.adapter) },
    ]);
    return Promise.resolve(Object.fromEntries(entries) as Record<string, Migration>);
  }
}

export class MigrationError extends Error {}

/** Applies all pending migrations; returns the names applied now. */
export async function migrateToLatest(db: Kysely<unknown>, adapter: DialectAdapter): Promise<string[]> {
  // On PostgreSQL the migration tables live in the connection's current schema; without naming it,
  // Kysely finds another schema's lock table and fails.
  const schema =
    adapter.name === 'postgres'
      ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(adapter),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const resultSet: MigrationResultSet = await migrator.migrateToLatest();
  if (resultSet.error) {
    const failed = resultSet.results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${(resultSet.error as Error).message}`);
  }
  return (resultSet.results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Names of all migrations this build knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}
