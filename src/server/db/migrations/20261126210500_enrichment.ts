import { type Kysely } from 'kysely';

// Enrichment of advisories: the CISA Known Exploited Vulnerabilities catalog (one row per CVE; entries
// that leave the catalog are kept and marked `removed_at`), FIRST's EPSS scores (one row per CVE,
// replaced as a whole by each import), and one row per source with the version and date of the data
// imported last.

/** Creates the KEV, EPSS and enrichment source tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enrichment_sources')
    // 'kev' or 'epss'.
    .addColumn('source', 'text', (c) => c.primaryKey())
    // KEV catalogVersion (2025.08.25) or EPSS model_version (v2025.03.14).
    .addColumn('version', 'text', (c) => c.notNull())
    // KEV dateReleased or EPSS score_date, ISO 8601 UTC.
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('kev_entries')
    // Upper-case CVE id, e.g. CVE-2021-44228.
    .addColumn('cve', 'text', (c) => c.primaryKey())
    .addColumn('vendor_project', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('vulnerability_name', 'text', (c) => c.notNull())
    // YYYY-MM-DD.
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('short_description', 'text', (c) => c.notNull())
    .addColumn('required_action', 'text', (c) => c.notNull())
    // YYYY-MM-DD.
    .addColumn('due_date', 'text', (c) => c.notNull())
    // 1 when knownRansomwareCampaignUse is "Known".
    .addColumn('ransomware', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    // JSON array of CWE ids.
    .addColumn('cwes', 'text', (c) => c.notNull().defaultTo('[]'))
    // The catalog version that last listed the entry.
    .addColumn('catalog_version', 'text', (c) => c.notNull())
    // Set when an imported catalog no longer lists the CVE; null while it is listed.
    .addColumn('removed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('epss_scores')
    .addColumn('cve', 'text', (c) => c.primaryKey())
    // Probability of exploitation in the next 30 days, 0..1.
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('percentile', 'double precision', (c) => c.notNull())
    .execute();
}
