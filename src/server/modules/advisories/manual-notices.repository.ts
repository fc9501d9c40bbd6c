import type { Kysely, Selectable } from 'kysely';
import type { Database, ManualNoticeAttachmentsTable, ManualNoticeRevisionsTable, ManualNoticesTable } from '../../db/schema.ts';

// Queries of manual vendor notices: the notice with its current revision, the yearly numbering, the
// attachments and the link to a CSAF advisory. Writes run inside the caller's write transaction.

/** An advisory as a link end: id, tracking id, title and TLP of its current document. */
export interface LinkEndRow {
  id: string;
  tracking_id: string;
  source: string;
  title: string | null;
  tlp_label: string | null;
}

/** A manual notice: its advisory, number, current document and that document's revision fields. */
export interface NoticeRow {
  advisory: { id: string; source: string; tracking_id: string; version: number; current_document_id: string | null; linked_advisory_id: string | null; created_at: string };
  notice: Selectable<ManualNoticesTable>;
  document: { id: string; tracking_version: string; tlp_label: string | null; revision_history: string; initial_release_date: string | null };
  /** The revision row of the current document (or the newest one, should a document without one be current). */
  revision: Selectable<ManualNoticeRevisionsTable>;
  /** Display name of whoever recorded the revision, when that was a user. */
  recorded_by_name: string | null;
}

/** The manual notice of advisory `advisoryId`, or undefined when there is none. */
export async function findNotice(db: Kysely<Database>, advisoryId: string): Promise<NoticeRow | undefined> {
  const advisory = await db
    .selectFrom('advisories')
    .select(['id', 'source', 'tracking_id', 'version', 'current_document_id', 'linked_advisory_id', 'created_at'])
    .where('id', '=', advisoryId)
    .where('source', '=', 'manual')
    .executeTakeFirst();
  if (!advisory?.current_document_id) return undefined;
  const notice = await db.selectFrom('manual_notices').selectAll().where('advisory_id', '=', advisoryId).executeTakeFirst();
  const document = await db
    .selectFrom('advisory_documents')
    .select(['id', 'tracking_version', 'tlp_label', 'revision_history', 'initial_release_date'])
    .where('id', '=', advisory.current_document_id)
    .executeTakeFirst();
  const revision =
    (await db.selectFrom('manual_notice_revisions').selectAll().where('document_id', '=', advisory.current_document_id).executeTakeFirst()) ??
    (await db.selectFrom('manual_notice_revisions').selectAll().where('advisory_id', '=', advisoryId).orderBy('recorded_at', 'desc').orderBy('document_id', 'desc').executeTakeFirst());
  if (!notice || !document || !revision) return undefined;
  const recorder = await db.selectFrom('users').select('display_name').where('id', '=', revision.recorded_by).executeTakeFirst();
  return { advisory: { ...advisory, version: Number(advisory.version) }, notice, document, revision, recorded_by_name: recorder?.display_name ?? null };
}

/** The next free number of manual notices recorded in `year` (1 for the first). */
export async function nextNoticeNumber(db: Kysely<Database>, year: number): Promise<number> {
  const row = await db.selectFrom('manual_notices').select((eb) => eb.fn.max('number').as('n')).where('year', '=', year).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** True when the number or the advisory key it makes is already used. */
export async function noticeNumberTaken(db: Kysely<Database>, year: number, number: number, namespace: string, trackingId: string): Promise<boolean> {
  const notice = await db.selectFrom('manual_notices').select('advisory_id').where('year', '=', year).where('number', '=', number).executeTakeFirst();
  if (notice) return true;
  const advisory = await db.selectFrom('advisories').select('id').where('publisher_namespace', '=', namespace).where('tracking_id', '=', trackingId).executeTakeFirst();
  return advisory !== undefined;
}

export async function insertNotice(trx: Kysely<Database>, row: ManualNoticesTable): Promise<void> {
  await trx.insertInto('manual_notices').values(row).execute();
}

export async function insertNoticeRevision(trx: Kysely<Database>, row: ManualNoticeRevisionsTable): Promise<void> {
  await trx.insertInto('manual_notice_revisions').values(row).execute();
}

/** The advisory's version as stored now (inside a write transaction: the value the write builds on). */
export async function advisoryVersion(db: Kysely<Database>, advisoryId: string): Promise<number | undefined> {
  const row = await db.selectFrom('advisories').select('version').where('id', '=', advisoryId).executeTakeFirst();
  return row ? Number(row.version) : undefined;
}

/** Sets or clears the notice's link and counts the change in its version. */
export async function setNoticeLink(trx: Kysely<Database>, options: { advisoryId: string; linkedAdvisoryId: string | null; version: number; now: string }): Promise<void> {
  await trx
    .updateTable('advisories')
    .set({ linked_advisory_id: options.linkedAdvisoryId, linked_at: options.linkedAdvisoryId ? options.now : null, version: options.version + 1, updated_at: options.now })
    .where('id', '=', options.advisoryId)
    .execute();
}

/** An advisory with its current document's title and TLP, as a link end; undefined when missing. */
export async function findLinkEnd(db: Kysely<Database>, advisoryId: string): Promise<LinkEndRow | undefined> {
  return db
    .selectFrom('advisories as a')
    .innerJoin('advisory_documents as d', 'd.id', 'a.current_document_id')
    .select(['a.id', 'a.tracking_id', 'a.source', 'd.title', 'd.tlp_label'])
    .where('a.id', '=', advisoryId)
    .executeTakeFirst();
}

/** The manual notices linked to advisory `advisoryId`, by tracking id. */
export async function listNoticesLinkedTo(db: Kysely<Database>, advisoryId: string): Promise<LinkEndRow[]> {
  return db
    .selectFrom('advisories as a')
    .innerJoin('advisory_documents as d', 'd.id', 'a.current_document_id')
    .select(['a.id', 'a.tracking_id', 'a.source', 'd.title', 'd.tlp_label'])
    .where('a.linked_advisory_id', '=', advisoryId)
    .orderBy('a.tracking_id')
    .execute();
}

export async function insertNoticeAttachment(trx: Kysely<Database>, row: ManualNoticeAttachmentsTable): Promise<void> {
  await trx.insertInto('manual_notice_attachments').values(row).execute();
}

/** The notice's attachments, oldest first. */
export async function listNoticeAttachments(db: Kysely<Database>, advisoryId: string): Promise<Selectable<ManualNoticeAttachmentsTable>[]> {
  return db.selectFrom('manual_notice_attachments').selectAll().where('advisory_id', '=', advisoryId).orderBy('uploaded_at').orderBy('id').execute();
}

/** One attachment of the notice, or undefined. */
export async function findNoticeAttachment(db: Kysely<Database>, advisoryId: string, attachmentId: string): Promise<Selectable<ManualNoticeAttachmentsTable> | undefined> {
  return db.selectFrom('manual_notice_attachments').selectAll().where('advisory_id', '=', advisoryId).where('id', '=', attachmentId).executeTakeFirst();
}

/** Display names of users by id (ids of other actors are left out). */
export async function displayNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
