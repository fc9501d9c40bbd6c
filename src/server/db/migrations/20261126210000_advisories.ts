import { type Kysely } from 'kysely';

// CSAF advisories with their revisions. An advisory is one (publisher namespace, tracking id); every
// document version stored for it is an `advisory_documents` row (raw bytes in the artifact store,
// addressed by SHA-256) with the document's normalised data in child tables keyed by the document:
// the newest tracking version is current, older ones are history, a second document with the same
// version but other bytes is a variant. The product tree is flattened to one row per product with
// its branch path; identification helpers get one indexed row per value, and product status one row
// per (vulnerability, status, product), so matching can join them. JSON columns hold lists that are
// read together (revision history, validation findings, product ids of a remediation).

/** Creates the advisory and advisory document tables with their normalised children. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('advisories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'csaf' (imported document); 'manual' vendor notices follow.
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('csaf'))
    .addColumn('publisher_namespace', 'text', (c) => c.notNull())
    .addColumn('tracking_id', 'text', (c) => c.notNull())
    // normaliseKey(tracking_id): the CLI names advisories by tracking id, case-insensitively.
    .addColumn('tracking_id_norm', 'text', (c) => c.notNull())
    // The advisory_documents row that is current (no foreign key: the two tables point at each other).
    .addColumn('current_document_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('advisories_key_unique', ['publisher_namespace', 'tracking_id'])
    .execute();
  await db.schema.createIndex('advisories_tracking_idx').on('advisories').column('tracking_id_norm').execute();

  await db.schema
    .createTable('advisory_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('advisory_id', 'text', (c) => c.notNull().references('advisories.id'))
    // The raw bytes, unchanged, are the artifact store blob with this SHA-256 (hex).
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'bigint', (c) => c.notNull())
    // The file name the document arrived under (last path segment).
    .addColumn('file_name', 'text', (c) => c.notNull())
    // 'file' (CLI import); 'upload' and 'sync' follow.
    .addColumn('received_via', 'text', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(0))
    // 1 when a document with the same tracking version but other bytes was stored before this one.
    .addColumn('variant', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('variant_of_document_id', 'text', (c) => c.references('advisory_documents.id'))
    .addColumn('csaf_version', 'text')
    .addColumn('category', 'text')
    .addColumn('title', 'text')
    .addColumn('lang', 'text')
    .addColumn('tlp_label', 'text')
    .addColumn('aggregate_severity', 'text')
    .addColumn('publisher_name', 'text')
    .addColumn('publisher_namespace', 'text', (c) => c.notNull())
    .addColumn('publisher_category', 'text')
    .addColumn('publisher_contact_details', 'text')
    .addColumn('tracking_id', 'text', (c) => c.notNull())
    .addColumn('tracking_version', 'text', (c) => c.notNull())
    .addColumn('tracking_status', 'text')
    .addColumn('initial_release_date', 'text')
    .addColumn('current_release_date', 'text')
    // JSON [{number, date, summary}] as given.
    .addColumn('revision_history', 'text', (c) => c.notNull().defaultTo('[]'))
    // 'valid', or 'flagged' (failed mandatory tests only; stored, confirmed by a person before work opens).
    .addColumn('validation_status', 'text', (c) => c.notNull())
    // JSON arrays of error objects {code, message, test?, path?}.
    .addColumn('validation_errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('validation_warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('validation_infos', 'text', (c) => c.notNull().defaultTo('[]'))
    // Hash sidecars that matched, e.g. 'sha512' or 'sha256,sha512'; null when there was none.
    .addColumn('hash_sidecars', 'text')
    // 'absent' (no .asc), 'not_checked' (.asc present, not verified yet).
    .addColumn('signature_status', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    // Audit actor name of the import (user id, `cli:<os-user>` or `system`).
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_documents_advisory_idx').on('advisory_documents').column('advisory_id').execute();

  await db.schema
    .createTable('advisory_vulnerabilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('cve', 'text')
    .addColumn('cwe_id', 'text')
    .addColumn('cwe_name', 'text')
    .addColumn('title', 'text')
    .addColumn('discovery_date', 'text')
    .addColumn('release_date', 'text')
    // JSON [{system_name, text}].
    .addColumn('ids', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON [{label, date, product_ids, group_ids}] (VEX justifications).
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addUniqueConstraint('advisory_vulnerabilities_position_unique', ['document_id', 'position'])
    .execute();
  await db.schema.createIndex('advisory_vulnerabilities_cve_idx').on('advisory_vulnerabilities').column('cve').execute();

  // Notes and references of the document (vulnerability_id null) or of one vulnerability.
  await db.schema
    .createTable('advisory_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    .addColumn('vulnerability_id', 'text', (c) => c.references('advisory_vulnerabilities.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('title', 'text')
    .addColumn('audience', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_notes_document_idx').on('advisory_notes').column('document_id').execute();

  await db.schema
    .createTable('advisory_references')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    .addColumn('vulnerability_id', 'text', (c) => c.references('advisory_vulnerabilities.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('summary', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_references_document_idx').on('advisory_references').column('document_id').execute();

  await db.schema
    .createTable('advisory_scores')
    .addColumn('vulnerability_id', 'text', (c) => c.notNull().references('advisory_vulnerabilities.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    // '2.0', '3.0', '3.1' or '4.0'.
    .addColumn('cvss_version', 'text', (c) => c.notNull())
    .addColumn('vector', 'text', (c) => c.notNull())
    // As the document gives it (computed scores come with the enrichment work).
    .addColumn('base_score', 'double precision')
    .addColumn('base_severity', 'text')
    // JSON array of product ids.
    .addColumn('product_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('advisory_scores_pk', ['vulnerability_id', 'position'])
    .execute();
  await db.schema.createIndex('advisory_scores_document_idx').on('advisory_scores').column('document_id').execute();

  await db.schema
    .createTable('advisory_threats')
    .addColumn('vulnerability_id', 'text', (c) => c.notNull().references('advisory_vulnerabilities.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    // exploit_status, impact, target_set.
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    // JSON arrays: product ids given plus members of the groups given; group ids given.
    .addColumn('product_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('group_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('advisory_threats_pk', ['vulnerability_id', 'position'])
    .execute();
  await db.schema.createIndex('advisory_threats_document_idx').on('advisory_threats').column('document_id').execute();

  await db.schema
    .createTable('advisory_remediations')
    .addColumn('vulnerability_id', 'text', (c) => c.notNull().references('advisory_vulnerabilities.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    // vendor_fix, mitigation, workaround, none_available, no_fix_planned (2.1: fix_planned, optional_patch).
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('date', 'text')
    // JSON arrays: product ids given plus members of the groups given; group ids given; entitlements.
    .addColumn('product_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('group_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('entitlements', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('restart_required', 'text')
    .addColumn('restart_required_details', 'text')
    .addPrimaryKeyConstraint('advisory_remediations_pk', ['vulnerability_id', 'position'])
    .execute();
  await db.schema.createIndex('advisory_remediations_document_idx').on('advisory_remediations').column('document_id').execute();

  await db.schema
    .createTable('advisory_products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // The CSAF product id (unique within a valid document; a flagged one may repeat it).
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // 'branch', 'full_product_name' or 'relationship'.
    .addColumn('source', 'text', (c) => c.notNull())
    // JSON [{category, name}] from the root to the product's branch.
    .addColumn('branch_path', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('vendor', 'text')
    .addColumn('vendor_norm', 'text', (c) => c.notNull())
    .addColumn('product_family', 'text')
    .addColumn('product_name', 'text')
    .addColumn('product_name_norm', 'text', (c) => c.notNull())
    // As written in the branch names (a range may be `vers:…` or free text such as `<V3.1`).
    .addColumn('product_version', 'text')
    .addColumn('product_version_range', 'text')
    .addColumn('architecture', 'text')
    .addColumn('patch_level', 'text')
    .addColumn('service_pack', 'text')
    // JSON of product_identification_helper as given: {cpe, purls, model_numbers, serial_numbers, skus, hashes, sbom_urls, x_generic_uris}.
    .addColumn('helpers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('relationship_category', 'text')
    .addColumn('product_reference', 'text')
    .addColumn('relates_to_product_reference', 'text')
    .addUniqueConstraint('advisory_products_position_unique', ['document_id', 'position'])
    .execute();
  await db.schema.createIndex('advisory_products_product_idx').on('advisory_products').columns(['document_id', 'product_id']).execute();
  await db.schema.createIndex('advisory_products_name_idx').on('advisory_products').columns(['product_name_norm', 'vendor_norm']).execute();
  await db.schema.createIndex('advisory_products_vendor_idx').on('advisory_products').column('vendor_norm').execute();

  await db.schema
    .createTable('advisory_product_identifiers')
    .addColumn('product_row_id', 'text', (c) => c.notNull().references('advisory_products.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    // cpe, purl, model_number, serial_number, sku.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('value_norm', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('advisory_product_identifiers_pk', ['product_row_id', 'kind', 'value'])
    .execute();
  await db.schema.createIndex('advisory_product_identifiers_value_idx').on('advisory_product_identifiers').columns(['kind', 'value_norm']).execute();
  await db.schema.createIndex('advisory_product_identifiers_document_idx').on('advisory_product_identifiers').column('document_id').execute();

  await db.schema
    .createTable('advisory_product_groups')
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('product_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('advisory_product_groups_pk', ['document_id', 'position'])
    .execute();

  await db.schema
    .createTable('advisory_product_status')
    .addColumn('vulnerability_id', 'text', (c) => c.notNull().references('advisory_vulnerabilities.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('advisory_documents.id'))
    // first_affected, first_fixed, fixed, known_affected, known_not_affected, last_affected, recommended, under_investigation (2.1: unknown).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('advisory_product_status_pk', ['vulnerability_id', 'status', 'product_id'])
    .execute();
  await db.schema.createIndex('advisory_product_status_product_idx').on('advisory_product_status').columns(['document_id', 'product_id']).execute();
}
