import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/policies.ts';
import type { CveEnrichment, EpssImportResult, KevImportResult } from './enrichment.schema.ts';
import { parseEpssFile } from './epss-file.ts';
import { parseKevCatalog } from './kev-file.ts';
import {
  findEpssScores, findKevEntries, findSource, listActiveKevCves, markKevRemoved, replaceEpssScores, saveSource, writeKevEntries,
} from './enrichment.repository.ts';

// Enrichment use cases: importing the CISA KEV catalog and FIRST's EPSS scores (installation-wide
// data, `kev.import` / `epss.import`), and reading both for a list of CVEs. Files are parsed and
// checked completely before the one write transaction; a file with any problem stores nothing. A
// file older than the stored data is refused unless asked for: an old download imported by mistake
// would otherwise drop CVEs CISA has added to KEV since, and rank them lower in triage.

export interface KevFileInput {
  /** File name, for error objects and the audit log. */
  name: string;
  bytes: Uint8Array;
  /** Replace even newer stored data (dateReleased before the stored catalog's). */
  allowOlder?: boolean;
}

export interface EpssFileInput {
  /** File name (a name ending in `.gz` must be gzip). */
  name: string;
  /** The file's bytes, streamed (plain CSV or gzip). */
  source: AsyncIterable<Uint8Array>;
  /** Replace even newer stored scores (score_date before the stored one). */
  allowOlder?: boolean;
}

/** True when a file dated `fileDate` would replace data of a later date (ISO 8601 instants). */
export function isOlderThanStored(fileDate: string, stored: { date: string } | undefined): boolean {
  return stored !== undefined && Date.parse(fileDate) < Date.parse(stored.date);
}

/** Refuses a file older than the stored data unless allowed; the audit note when it was allowed. */
async function refuseOlder(trx: Kysely<Database>, source: 'kev' | 'epss', fileDate: string, allowOlder: boolean | undefined): Promise<string> {
  const stored = await findSource(trx, source);
  if (!isOlderThanStored(fileDate, stored)) return '';
  if (!allowOlder) throw new AppError('ENRICHMENT_OLDER_THAN_STORED', { file_date: fileDate, stored_date: stored!.date });
  return `; replaced newer data of ${stored!.date} on purpose (--allow-older)`;
}

/**
 * Replaces the KEV catalog with the file's (atomically). CVEs that left the catalog are kept and
 * marked removed (`removed_at`): they no longer count as known exploited, and their history stays
 * for triage records that cited them; a CVE that returns is listed again.
 */
export async function importKevCatalog(ctx: AppContext, actor: Actor, input: KevFileInput): Promise<KevImportResult> {
  const role = authorize(actor, 'kev.import', 'global');
  const catalog = parseKevCatalog(input.name, input.bytes);
  const now = ctx.clock.now().toISOString();
  return withWrite(ctx, async ({ trx, audit }) => {
    const older = await refuseOlder(trx, 'kev', catalog.date, input.allowOlder);
    const listedBefore = new Set(await listActiveKevCves(trx));
    const listedNow = new Set(catalog.records.map((record) => record.cve));
    const removed = [...listedBefore].filter((cve) => !listedNow.has(cve));
    const added = catalog.records.filter((record) => !listedBefore.has(record.cve)).length;
    await markKevRemoved(trx, removed, now);
    await writeKevEntries(trx, catalog.records, catalog.version, now);
    await saveSource(trx, { source: 'kev', version: catalog.version, date: catalog.date, entries: catalog.records.length, file_name: input.name, imported_at: now });
    await audit({
      actor, role, action: 'kev.import', objectType: 'installation', objectId: null, siteId: null,
      summary: `Imported KEV catalog ${catalog.version} (released ${catalog.date}) from ${JSON.stringify(input.name)}: ${catalog.records.length} entries, ${added} added, ${removed.length} removed${older}`,
    });
    return { entries: catalog.records.length, date: catalog.date, version: catalog.version, added, removed: removed.length };
  });
}

/** Replaces all EPSS scores with the file's (atomically) and records its score date and model version. */
export async function importEpssScores(ctx: AppContext, actor: Actor, input: EpssFileInput): Promise<EpssImportResult> {
  const role = authorize(actor, 'epss.import', 'global');
  const parsed = await parseEpssFile(input.name, input.source);
  const now = ctx.clock.now().toISOString();
  return withWrite(ctx, async ({ trx, audit }) => {
    const older = await refuseOlder(trx, 'epss', parsed.date, input.allowOlder);
    await replaceEpssScores(trx, parsed);
    await saveSource(trx, { source: 'epss', version: parsed.version, date: parsed.date, entries: parsed.cves.length, file_name: input.name, imported_at: now });
    await audit({
      actor, role, action: 'epss.import', objectType: 'installation', objectId: null, siteId: null,
      summary: `Imported EPSS scores (model ${parsed.version}, score date ${parsed.date}) from ${JSON.stringify(input.name)}: ${parsed.cves.length} CVEs${older}`,
    });
    return { entries: parsed.cves.length, date: parsed.date, version: parsed.version };
  });
}

/**
 * KEV and EPSS facts for each CVE of `cves` (keyed as given; looked up trimmed and upper-cased).
 * KEV entries marked removed count as not listed. No authorization: callers show it only beside
 * objects the actor may read.
 */
export async function enrichmentFor(db: Kysely<Database>, cves: readonly string[]): Promise<Map<string, CveEnrichment>> {
  const normalised = new Map(cves.map((cve) => [cve, cve.trim().toUpperCase()]));
  const lookup = [...new Set(normalised.values())];
  const [kevRows, epssRows, epssSource] = await Promise.all([findKevEntries(db, lookup), findEpssScores(db, lookup), findSource(db, 'epss')]);
  const kev = new Map(kevRows.map((row) => [row.cve, row]));
  const epss = new Map(epssRows.map((row) => [row.cve, row]));
  const result = new Map<string, CveEnrichment>();
  for (const [given, cve] of normalised) {
    const kevRow = kev.get(cve);
    const epssRow = epssSource ? epss.get(cve) : undefined;
    result.set(given, {
      kev: kevRow ? { date_added: kevRow.date_added, due_date: kevRow.due_date, ransomware: kevRow.ransomware === 1, required_action: kevRow.required_action } : null,
      epss: epssRow && epssSource ? { score: Number(epssRow.score), percentile: Number(epssRow.percentile), date: epssSource.date } : null,
    });
  }
  return result;
}
