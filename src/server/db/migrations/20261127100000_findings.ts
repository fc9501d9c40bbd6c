import { type Kysely } from 'kysely';

// Findings: which vulnerability of which advisory concerns which component of which machine, with
// the CSAF product status and how it was matched. A finding is derived data, recomputed whenever
// an advisory revision or a component changes; its identity is (advisory, vulnerability key,
// component) — the key is the CVE or `#<position>` of a vulnerability without one — so it survives
// revisions of the advisory. A false-match mark is kept apart under the same identity: it outlives
// the finding (a version change may remove and restore it) and is undone by deleting the row.
// Candidate pairs are found through vendor keys (matching/vendor-names.ts) stored for both sides;
// everything else is judged in memory.

/** Creates findings, false-match marks and the vendor key tables of matching. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('advisory_id', 'text', (c) => c.notNull().references('advisories.id'))
    // The current document the finding was computed from.
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    .addColumn('vulnerability_id', 'text', (c) => c.notNull().references('advisory_vulnerabilities.id'))
    // The CVE, or `#<position>` in the document for a vulnerability without one.
    .addColumn('vulnerability_key', 'text', (c) => c.notNull())
    .addColumn('cve', 'text')
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    // The machine's site, for scope filters.
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // known_affected, fixed, known_not_affected, under_investigation.
    .addColumn('status', 'text', (c) => c.notNull())
    // The CSAF product status as written (first_affected, last_affected, first_fixed, recommended, …).
    .addColumn('csaf_status', 'text', (c) => c.notNull())
    // cpe, purl, model_number, serial_number, name_version.
    .addColumn('matched_by', 'text', (c) => c.notNull())
    // high, medium, low.
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // JSON: the CSAF product ids that matched; the branch path [{category, name}] of the deciding one.
    .addColumn('product_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('branch_path', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON [{category, details, url}]: the vulnerability's remediations for the matched products.
    .addColumn('remediations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('findings_identity_unique', ['advisory_id', 'vulnerability_key', 'component_id'])
    .execute();
  await db.schema.createIndex('findings_component_idx').on('findings').column('component_id').execute();
  await db.schema.createIndex('findings_machine_idx').on('findings').column('machine_id').execute();
  await db.schema.createIndex('findings_site_status_idx').on('findings').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('findings_cve_idx').on('findings').column('cve').execute();

  await db.schema
    .createTable('finding_false_matches')
    .addColumn('advisory_id', 'text', (c) => c.notNull().references('advisories.id'))
    .addColumn('vulnerability_key', 'text', (c) => c.notNull())
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // Audit actor name (user id, `cli:<os-user>`).
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_false_matches_pk', ['advisory_id', 'vulnerability_key', 'component_id'])
    .execute();

  // One row per vendor key of a component (several for a name listing several companies); a
  // component whose keys were computed but are none has one row with the key ''.
  await db.schema
    .createTable('component_match_keys')
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addColumn('vendor_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('component_match_keys_pk', ['component_id', 'vendor_key'])
    .execute();
  await db.schema.createIndex('component_match_keys_vendor_idx').on('component_match_keys').column('vendor_key').execute();

  // The same for advisory products; filled per document on first need.
  await db.schema
    .createTable('advisory_product_match_keys')
    .addColumn('product_row_id', 'text', (c) => c.notNull().references('advisory_products.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    .addColumn('vendor_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('advisory_product_match_keys_pk', ['product_row_id', 'vendor_key'])
    .execute();
  await db.schema.createIndex('advisory_product_match_keys_vendor_idx').on('advisory_product_match_keys').columns(['vendor_key', 'document_id']).execute();
  await db.schema.createIndex('advisory_product_match_keys_document_idx').on('advisory_product_match_keys').column('document_id').execute();
}
