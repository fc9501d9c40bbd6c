import { type Kysely } from 'kysely';

// Manual vendor notices. A notice is an advisory (source 'manual') whose documents Patchwerk writes
// from a form, one per revision; these tables keep what the form said beyond the CSAF document:
// the notice's yearly number (PW-MAN-YYYY-NNNN), each revision's fields with who reported it, how
// and when, and the attached files (bytes in the artifact store, addressed by SHA-256; not artifacts
// rows, whose generic download does not know the notice's TLP). A manual notice may be linked to the
// CSAF advisory that later covers it.

/** Adds the advisory link column and the manual notice tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // On the manual notice: the CSAF advisory that covers it (many notices may point at one advisory).
  await db.schema.alterTable('advisories').addColumn('linked_advisory_id', 'text', (c) => c.references('advisories.id')).execute();
  await db.schema.alterTable('advisories').addColumn('linked_at', 'text').execute();
  await db.schema.createIndex('advisories_linked_idx').on('advisories').column('linked_advisory_id').execute();

  await db.schema
    .createTable('manual_notices')
    .addColumn('advisory_id', 'text', (c) => c.primaryKey().references('advisories.id'))
    // UTC year of recording and the notice's number in it: tracking id PW-MAN-<year>-<number, 4+ digits>.
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Audit actor name (user id, `cli:<os-user>`).
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('manual_notices_number_unique', ['year', 'number'])
    .execute();

  // One row per revision (per generated document); the current document's row is the notice's state.
  await db.schema
    .createTable('manual_notice_revisions')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('advisory_documents.id'))
    .addColumn('advisory_id', 'text', (c) => c.notNull().references('advisories.id'))
    .addColumn('tracking_version', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('model_number', 'text')
    // As written (`< V3.1`, `vers:generic/<3.1`, …).
    .addColumn('affected_versions', 'text', (c) => c.notNull())
    .addColumn('fixed_version', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('cve', 'text')
    .addColumn('cvss_vector', 'text')
    .addColumn('reporter_name', 'text', (c) => c.notNull())
    .addColumn('reporter_organisation', 'text')
    .addColumn('reporter_contact', 'text')
    .addColumn('reported_at', 'text', (c) => c.notNull())
    // phone, email, letter, meeting, portal, other.
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('revision_summary', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    // Audit actor name (user id, `cli:<os-user>`).
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('manual_notice_revisions_advisory_idx').on('manual_notice_revisions').column('advisory_id').execute();

  await db.schema
    .createTable('manual_notice_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('advisory_id', 'text', (c) => c.notNull().references('advisories.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    // As declared by the uploader; never used to serve the file.
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    // Audit actor name (user id, `cli:<os-user>`).
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('manual_notice_attachments_advisory_idx').on('manual_notice_attachments').column('advisory_id').execute();
}
