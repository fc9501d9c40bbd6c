import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, EnrichmentSourcesTable, EpssScoresTable, KevEntriesTable } from '../../db/schema.ts';
import type { KevRecord } from './kev-file.ts';
import type { ParsedEpss } from './epss-file.ts';

// KEV entries, EPSS scores and the per-source import record. Large writes go in batches of a few
// hundred rows per statement (well below SQLite's and PostgreSQL's bound-parameter limits).

/** Rows per INSERT for KEV (14 columns). */
const KEV_BATCH = 100;
/** Rows per INSERT for EPSS (3 columns). */
const EPSS_BATCH = 500;
/** CVEs per `IN (…)` list. */
const LOOKUP_BATCH = 500;

function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** CVEs of the KEV catalog that are listed now (not marked removed). */
export async function listActiveKevCves(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('kev_entries').select('cve').where('removed_at', 'is', null).execute();
  return rows.map((row) => row.cve);
}

/** Marks the given CVEs as no longer listed. */
export async function markKevRemoved(trx: Kysely<Database>, cves: readonly string[], now: string): Promise<void> {
  for (const batch of batches(cves, LOOKUP_BATCH)) {
    await trx.updateTable('kev_entries').set({ removed_at: now, updated_at: now }).where('cve', 'in', batch).execute();
  }
}

/** Writes the catalog's entries (replacing earlier rows of the same CVEs, also removed ones). */
export async function writeKevEntries(trx: Kysely<Database>, records: readonly KevRecord[], catalogVersion: string, now: string): Promise<void> {
  for (const batch of batches(records, KEV_BATCH)) {
    await trx.deleteFrom('kev_entries').where('cve', 'in', batch.map((record) => record.cve)).execute();
    const rows: Insertable<KevEntriesTable>[] = batch.map((record) => ({ ...record, catalog_version: catalogVersion, removed_at: null, updated_at: now }));
    await trx.insertInto('kev_entries').values(rows).execute();
  }
}

/** Replaces every EPSS score with those of `parsed`. */
export async function replaceEpssScores(trx: Kysely<Database>, parsed: ParsedEpss): Promise<void> {
  await trx.deleteFrom('epss_scores').execute();
  for (let start = 0; start < parsed.cves.length; start += EPSS_BATCH) {
    const end = Math.min(start + EPSS_BATCH, parsed.cves.length);
    const rows: Insertable<EpssScoresTable>[] = [];
    for (let index = start; index < end; index += 1) {
      rows.push({ cve: parsed.cves[index]!, score: parsed.scores[index]!, percentile: parsed.percentiles[index]! });
    }
    await trx.insertInto('epss_scores').values(rows).execute();
  }
}

/** Records what was imported last for a source. */
export async function saveSource(trx: Kysely<Database>, row: Insertable<EnrichmentSourcesTable>): Promise<void> {
  await trx.deleteFrom('enrichment_sources').where('source', '=', row.source).execute();
  await trx.insertInto('enrichment_sources').values(row).execute();
}

/** What was imported last for a source, or undefined. */
export async function findSource(db: Kysely<Database>, source: 'kev' | 'epss'): Promise<Selectable<EnrichmentSourcesTable> | undefined> {
  return db.selectFrom('enrichment_sources').selectAll().where('source', '=', source).executeTakeFirst();
}

/** Listed (not removed) KEV entries of the given upper-case CVEs. */
export async function findKevEntries(db: Kysely<Database>, cves: readonly string[]): Promise<Selectable<KevEntriesTable>[]> {
  const found: Selectable<KevEntriesTable>[] = [];
  for (const batch of batches(cves, LOOKUP_BATCH)) {
    found.push(...(await db.selectFrom('kev_entries').selectAll().where('cve', 'in', batch).where('removed_at', 'is', null).execute()));
  }
  return found;
}

/** EPSS scores of the given upper-case CVEs. */
export async function findEpssScores(db: Kysely<Database>, cves: readonly string[]): Promise<Selectable<EpssScoresTable>[]> {
  const found: Selectable<EpssScoresTable>[] = [];
  for (const batch of batches(cves, LOOKUP_BATCH)) {
    found.push(...(await db.selectFrom('epss_scores').selectAll().where('cve', 'in', batch).execute()));
  }
  return found;
}
