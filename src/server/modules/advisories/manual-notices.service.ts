import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { AdvisoryDocumentsTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError, type DetailSource } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import { assertVersion } from '../../http/request.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, permittedRole } from '../../policies/policies.ts';
import { cleanFileName, cleanMediaType } from '../artifacts/artifacts.service.ts';
import { scoreCvssVector, type CvssResult, type CvssScore } from '../enrichment/cvss.ts';
import { tlpVisibilityOf } from './tlp-visibility.ts';
import { matchDocuments } from '../matching/matching.service.ts';
import { attachDocument, buildChildRows, documentHeader, insertDocument } from './advisory-import.repository.ts';
import { CSAF_MAX_BYTES } from './csaf-checks.ts';
import { normaliseCsaf } from './csaf-normalise.ts';
import { sharedCsafValidator, type CsafProblem, type CsafValidator } from './csaf-validation.ts';
import {
  buildNoticeCsaf, MANUAL_NAMESPACE, manualTrackingId, noticeBytes, noticeFieldOfPath, type NoticeChannel, type NoticeContent, type NoticeRevision, type NoticeTlp,
} from './manual-notice-csaf.ts';
import {
  advisoryVersion, findLinkEnd, findNotice, findNoticeAttachment, insertNotice, insertNoticeAttachment, insertNoticeRevision, listNoticeAttachments, nextNoticeNumber,
  noticeNumberTaken, setNoticeLink, displayNames, type LinkEndRow, type NoticeRow,
} from './manual-notices.repository.ts';
import {
  manualNoticeBodySchema, manualNoticeLinkBodySchema, type AdvisoryLinkView, type ManualNoticeBody, type ManualNoticeInput, type ManualNoticeLinkBody, type ManualNoticeView,
  type NoticeAttachmentView,
} from './manual-notices.schema.ts';
import { timeOrderedId } from '../../db/time-ordered-id.ts';

// Manual vendor notices (PRODUCT.md §2, DOMAIN.md T1 "ISB (manual, e.g. vendor e-mail)"): what a
// supplier reports by phone or e-mail becomes an advisory like an imported CSAF one. The form is
// written as a CSAF 2.0 document (manual-notice-csaf.ts), validated like any import, stored in the
// artifact store and normalised into the same rows, so matching sees no difference. An edit is the
// next revision; older ones stay as history. A notice may be linked to the CSAF advisory that covers
// it later, and carries attachments (the supplier's e-mail, a PDF). Recording, editing, linking and
// attaching: admin and security officer; reading: whoever may read the advisory (TLP AMBER and RED
// only admin and security officer); who reported it: `advisory.reporter_read`.

/** Largest attachment (a supplier's e-mail with its PDFs). */
export const NOTICE_ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;
/** How far in the future a report time may lie (clocks of browsers drift). */
const FUTURE_SLACK_MS = 5 * 60 * 1000;
/** Attempts at a free notice number when notices are recorded at the same time. */
const NUMBER_ATTEMPTS = 5;

const noticeActions = ['advisory.manual_update', 'advisory.manual_link'] as const;
const quote = (text: string): string => JSON.stringify(text);

export interface ManualNoticeOptions {
  /** A validator to use; otherwise the process's shared one (sharedCsafValidator). */
  validator?: CsafValidator;
}

export interface UpdateManualNoticeInput {
  advisoryId: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  body: ManualNoticeBody;
}

export interface LinkManualNoticeInput {
  advisoryId: string;
  expectedVersion: number | null;
  body: ManualNoticeLinkBody;
}

export interface AddNoticeAttachmentInput {
  advisoryId: string;
  /** The bytes, streamed into the artifact store. */
  source: Readable;
  originalName: string;
  mediaType: string;
}

/** The problem of a CVSS vector for the form, or null when it scores (CSAF 2.0 holds v3.x only). */
export function cvssFieldProblem(result: CvssResult): DetailSource | null {
  const path = '/cvss_vector';
  if (result.valid) return result.version === '4.0' ? { code: 'CVSS_VERSION_NOT_IN_CSAF20', path, value: result.vector } : null;
  switch (result.reason) {
    case 'unsupported_version':
      return { code: 'CVSS_VERSION_NOT_IN_CSAF20', path, value: result.vector };
    case 'metric_repeated':
      return { code: 'CVSS_METRIC_REPEATED', path, value: result.vector, params: { metric: result.metric ?? '' } };
    case 'base_incomplete':
      return { code: 'CVSS_BASE_INCOMPLETE', path, value: result.vector, params: { metric: result.metric ?? '' } };
    default:
      return { code: 'CVSS_VECTOR_INVALID', path, value: result.vector };
  }
}

/** Mandatory-test findings of the generated document as problems at the form fields they come from. */
export function documentProblems(errors: readonly CsafProblem[]): DetailSource[] {
  return errors.map((error) => {
    const field = noticeFieldOfPath(error.path);
    return { code: 'MANUAL_NOTICE_CSAF_TEST', path: field ? `/${field}` : '/', params: { test: error.test, message: String(error.params?.message ?? error.message) } };
  });
}

/** Whether the actor may see a document with this TLP label (TLP AMBER/RED: the roles an admin allows). */
const visibleTo = async (ctx: AppContext, actor: Actor, tlp: string | null): Promise<boolean> => (await tlpVisibilityOf(ctx.db, actor)).visible(tlp);

/** The notice when it exists and the actor may read it; NOT_FOUND otherwise. */
async function loadVisibleNotice(ctx: AppContext, actor: Actor, advisoryId: string): Promise<NoticeRow> {
  const row = await findNotice(ctx.db, advisoryId);
  if (!row || !(await visibleTo(ctx, actor, row.document.tlp_label))) throw new AppError('NOT_FOUND');
  return row;
}

/** Field checks beyond the schema: the report time and the CVSS vector. */
function checkInput(input: ManualNoticeInput, now: Date): CvssScore | null {
  const problems: DetailSource[] = [];
  if (new Date(input.reported_at).getTime() > now.getTime() + FUTURE_SLACK_MS) problems.push({ code: 'REPORTED_AT_IN_FUTURE', path: '/reported_at', value: input.reported_at });
  let score: CvssScore | null = null;
  if (input.cvss_vector) {
    const result = scoreCvssVector(input.cvss_vector);
    const problem = cvssFieldProblem(result);
    if (problem) problems.push(problem);
    else if (result.valid) score = result;
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  return score;
}

function contentOf(input: ManualNoticeInput): NoticeContent {
  return {
    title: input.title ?? null,
    vendor: input.vendor,
    product: input.product,
    model_number: input.model_number ?? null,
    affected_versions: input.affected_versions,
    fixed_version: input.fixed_version ?? null,
    description: input.description,
    cve: input.cve,
    channel: input.channel,
    reported_at: input.reported_at,
    tlp: input.tlp,
  };
}

/** The form's fields as stored per revision (everything but the change summary). */
function storedFields(input: ManualNoticeInput, score: CvssScore | null) {
  return {
    ...contentOf(input),
    cvss_vector: score?.vector ?? null,
    reporter_name: input.reporter_name,
    reporter_organisation: input.reporter_organisation ?? null,
    reporter_contact: input.reporter_contact ?? null,
  };
}

type StoredFields = ReturnType<typeof storedFields>;

/** True when the form says nothing new compared with the stored revision. */
function sameFields(fields: StoredFields, revision: NoticeRow['revision']): boolean {
  return (Object.keys(fields) as (keyof StoredFields)[]).every((key) => (fields[key] ?? null) === (revision[key] ?? null));
}

/** A generated, validated document ready to be written: its row (without placement) and child rows. */
interface PreparedDocument {
  row: Omit<AdvisoryDocumentsTable, 'advisory_id' | 'is_current' | 'variant' | 'variant_of_document_id'>;
  children: ReturnType<typeof buildChildRows>;
}

/**
 * Builds, validates and stores the document of one revision (outside any transaction). A document
 * that fails a mandatory test is refused with the findings at the form fields they come from.
 */
async function prepareDocument(
  ctx: AppContext,
  actor: Actor,
  validator: CsafValidator,
  content: NoticeContent,
  meta: { trackingId: string; revisions: NoticeRevision[]; score: CvssScore | null; now: string },
): Promise<PreparedDocument> {
  const document = buildNoticeCsaf(content, { trackingId: meta.trackingId, revisions: meta.revisions, lang: actor.language, score: meta.score });
  const bytes = noticeBytes(document);
  const validation = await validator.validateBytes(bytes);
  if (!validation.valid) throw new AppError('VALIDATION_FAILED', {}, documentProblems(validation.errors));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // A blob whose row is never written (a refused transaction) is harmless: the same bytes reuse it.
  if (!(await ctx.artifacts.has(sha256))) await ctx.artifacts.put(Readable.from([bytes]), { maxBytes: CSAF_MAX_BYTES });
  const advisory = normaliseCsaf(validation.document);
  const documentId = timeOrderedId();
  const toJson = (problems: readonly CsafProblem[]): string => JSON.stringify(problems.map(({ code, message, test, path }) => ({ code, message, test, ...(path !== undefined ? { path } : {}) })));
  return {
    children: buildChildRows(documentId, advisory),
    row: {
      id: documentId,
      sha256,
      size: bytes.length,
      file_name: `${meta.trackingId.toLowerCase()}.json`,
      received_via: 'manual',
      ...documentHeader(advisory, { namespace: MANUAL_NAMESPACE, trackingId: meta.trackingId, trackingVersion: advisory.tracking.version ?? '1' }),
      validation_status: 'valid',
      validation_errors: '[]',
      validation_warnings: toJson(validation.warnings),
      validation_infos: toJson(validation.infos),
      hash_sidecars: null,
      signature_status: 'absent',
      signature_key_fingerprint: null,
      signature_sha256: null,
      imported_at: meta.now,
      imported_by: actor.userId ?? actor.name,
    },
  };
}

/** Runs `work` with the given validator, or with the process's shared one. */
async function withValidator<T>(actor: Actor, options: ManualNoticeOptions, work: (validator: CsafValidator) => Promise<T>): Promise<T> {
  return work(options.validator ?? (await sharedCsafValidator(actor.language)));
}

/** Raised inside the write transaction when the number was taken meanwhile; the caller tries the next. */
class NumberTaken extends Error {}

const channelLabel: Record<NoticeChannel, string> = { phone: 'phone', email: 'e-mail', letter: 'letter', meeting: 'meeting', portal: 'portal', other: 'other channel' };

/**
 * Records a vendor notice as a new advisory (source `manual`) with tracking id PW-MAN-YYYY-NNNN,
 * numbered per UTC year. The number is chosen before the document is built and confirmed inside the
 * write transaction; when another notice took it meanwhile, the next one is tried.
 */
export async function createManualNotice(ctx: AppContext, actor: Actor, body: ManualNoticeBody, options: ManualNoticeOptions = {}): Promise<ManualNoticeView> {
  const role = authorize(actor, 'advisory.manual_create', 'global');
  const input = parseInput(manualNoticeBodySchema, body);
  const now = ctx.clock.now();
  const score = checkInput(input, now);
  const nowIso = now.toISOString();
  const year = now.getUTCFullYear();
  const content = contentOf(input);
  const fields = storedFields(input, score);
  const advisoryId = await withValidator(actor, options, async (validator) => {
    let candidate = 0;
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt += 1) {
      candidate = Math.max(await nextNoticeNumber(ctx.db, year), candidate + 1);
      const trackingId = manualTrackingId(year, candidate);
      const revisions = [{ number: '1', date: nowIso, summary: 'Initial version, recorded from the vendor notice.' }];
      const prepared = await prepareDocument(ctx, actor, validator, content, { trackingId, revisions, score, now: nowIso });
      const id = timeOrderedId();
      const number = candidate;
      try {
        await withWrite(ctx, async ({ trx, audit }) => {
          if (await noticeNumberTaken(trx, year, number, MANUAL_NAMESPACE, trackingId)) throw new NumberTaken();
          await trx
            .insertInto('advisories')
            .values({ id, source: 'manual', publisher_namespace: MANUAL_NAMESPACE, tracking_id: trackingId, tracking_id_norm: normaliseKey(trackingId), current_document_id: prepared.row.id, created_at: nowIso, updated_at: nowIso })
            .execute();
          await insertDocument(trx, { ...prepared.row, advisory_id: id, is_current: 1, variant: 0, variant_of_document_id: null }, prepared.children);
          await insertNotice(trx, { advisory_id: id, year, number, created_at: nowIso, created_by: actor.userId ?? actor.name });
          await matchDocuments(trx, [prepared.row.id], { now: nowIso });
          await insertNoticeRevision(trx, {
            document_id: prepared.row.id, advisory_id: id, tracking_version: '1', ...fields, revision_summary: revisions[0]!.summary, recorded_at: nowIso, recorded_by: actor.userId ?? actor.name,
          });
          await audit({
            actor, role, action: 'advisory.manual_create', objectType: 'advisory', objectId: id, siteId: null,
            summary: `Recorded vendor notice ${quote(trackingId)}: ${quote(input.vendor)} ${quote(input.product)} ${quote(input.affected_versions)}` +
              `${input.cve ? ` ${input.cve}` : ''}, reported by ${channelLabel[input.channel]} on ${input.reported_at}, TLP ${input.tlp}, sha256 ${prepared.row.sha256}`,
          });
        });
        return id;
      } catch (error) {
        if (error instanceof NumberTaken) continue;
        throw error;
      }
    }
    throw new Error(`no free manual notice number in ${year} after ${NUMBER_ATTEMPTS} attempts`);
  });
  return presentById(ctx, actor, advisoryId);
}

/** The revision number after `version` (manual notices count 1, 2, 3 …). */
export function nextRevisionNumber(version: string, revisionCount: number): string {
  const current = /^\d+$/.test(version) ? Number(version) : revisionCount;
  return String(Math.max(current, revisionCount) + 1);
}

/**
 * Edits a notice: the form as it should read now becomes the next revision (tracking version + 1)
 * and the current one history. A form that changes nothing writes nothing.
 */
export async function updateManualNotice(ctx: AppContext, actor: Actor, update: UpdateManualNoticeInput, options: ManualNoticeOptions = {}): Promise<ManualNoticeView> {
  const role = authorize(actor, 'advisory.manual_update', 'global');
  const input = parseInput(manualNoticeBodySchema, update.body);
  const row = await loadVisibleNotice(ctx, actor, update.advisoryId);
  if (update.expectedVersion !== null) assertVersion(row.advisory.version, update.expectedVersion);
  const now = ctx.clock.now();
  const score = checkInput(input, now);
  const fields = storedFields(input, score);
  if (sameFields(fields, row.revision)) return presentNotice(ctx, actor, row);
  const nowIso = now.toISOString();
  const history = (JSON.parse(row.document.revision_history) as { number: string; date: string | null; summary: string | null }[]).map((revision) => ({
    number: revision.number, date: revision.date ?? row.document.initial_release_date ?? nowIso, summary: revision.summary ?? '',
  }));
  const number = nextRevisionNumber(row.document.tracking_version, history.length);
  const summary = input.revision_summary ?? 'Updated from a further vendor notice.';
  const revisions = [...history, { number, date: nowIso, summary }];
  const trackingId = row.advisory.tracking_id;
  await withValidator(actor, options, async (validator) => {
    const prepared = await prepareDocument(ctx, actor, validator, contentOf(input), { trackingId, revisions, score, now: nowIso });
    await withWrite(ctx, async ({ trx, audit }) => {
      // The version read again inside the transaction: another edit or link in between is refused.
      const version = await advisoryVersion(trx, row.advisory.id);
      if (version === undefined) throw new AppError('NOT_FOUND');
      assertVersion(version, row.advisory.version);
      await attachDocument(trx, {
        advisoryId: row.advisory.id, advisoryVersion: version, now: nowIso, children: prepared.children,
        document: { ...prepared.row, advisory_id: row.advisory.id, is_current: 1, variant: 0, variant_of_document_id: null },
      });
      await matchDocuments(trx, [prepared.row.id], { now: nowIso });
      await insertNoticeRevision(trx, {
        document_id: prepared.row.id, advisory_id: row.advisory.id, tracking_version: number, ...fields, revision_summary: summary, recorded_at: nowIso, recorded_by: actor.userId ?? actor.name,
      });
      const changed = (Object.keys(fields) as (keyof StoredFields)[]).filter((key) => (fields[key] ?? null) !== (row.revision[key] ?? null));
      await audit({
        actor, role, action: 'advisory.manual_update', objectType: 'advisory', objectId: row.advisory.id, siteId: null,
        summary: `Revised vendor notice ${quote(trackingId)} to version ${number} (changed: ${changed.join(', ')}): ${quote(summary)}, sha256 ${prepared.row.sha256}`,
      });
    });
  });
  return presentById(ctx, actor, row.advisory.id);
}

/** Links the notice to the CSAF advisory that covers it, or removes the link (`advisory_id: null`). */
export async function linkManualNotice(ctx: AppContext, actor: Actor, link: LinkManualNoticeInput): Promise<ManualNoticeView> {
  const role = authorize(actor, 'advisory.manual_link', 'global');
  const body = parseInput(manualNoticeLinkBodySchema, link.body);
  const row = await loadVisibleNotice(ctx, actor, link.advisoryId);
  if (link.expectedVersion !== null) assertVersion(row.advisory.version, link.expectedVersion);
  let target: LinkEndRow | undefined;
  if (body.advisory_id !== null) {
    target = await findLinkEnd(ctx.db, body.advisory_id);
    if (!target || !(await visibleTo(ctx, actor, target.tlp_label))) throw new AppError('VALIDATION_FAILED', {}, [{ code: 'MANUAL_NOTICE_LINK_UNKNOWN', path: '/advisory_id', value: body.advisory_id }]);
    if (target.source !== 'csaf') throw new AppError('VALIDATION_FAILED', {}, [{ code: 'MANUAL_NOTICE_LINK_NOT_CSAF', path: '/advisory_id', value: body.advisory_id }]);
  }
  if ((target?.id ?? null) === row.advisory.linked_advisory_id) return presentNotice(ctx, actor, row);
  const previous = row.advisory.linked_advisory_id ? await findLinkEnd(ctx.db, row.advisory.linked_advisory_id) : undefined;
  await withWrite(ctx, async ({ trx, audit }) => {
    const version = await advisoryVersion(trx, row.advisory.id);
    if (version === undefined) throw new AppError('NOT_FOUND');
    assertVersion(version, row.advisory.version);
    const now = ctx.clock.now().toISOString();
    await setNoticeLink(trx, { advisoryId: row.advisory.id, linkedAdvisoryId: target?.id ?? null, version, now });
    await audit({
      actor, role, action: 'advisory.manual_link', objectType: 'advisory', objectId: row.advisory.id, siteId: null,
      summary: target
        ? `Linked vendor notice ${quote(row.advisory.tracking_id)} to CSAF advisory ${quote(target.tracking_id)}${previous ? ` (before: ${quote(previous.tracking_id)})` : ''}`
        : `Removed the link of vendor notice ${quote(row.advisory.tracking_id)} to CSAF advisory ${quote(previous?.tracking_id ?? row.advisory.linked_advisory_id ?? '')}`,
    });
  });
  return presentById(ctx, actor, row.advisory.id);
}

/** Attaches a file to the notice (streamed into the artifact store, then recorded and audited). */
export async function addNoticeAttachment(ctx: AppContext, actor: Actor, input: AddNoticeAttachmentInput): Promise<NoticeAttachmentView> {
  const role = authorize(actor, 'advisory.manual_update', 'global');
  const row = await loadVisibleNotice(ctx, actor, input.advisoryId);
  const blob = await ctx.artifacts.put(input.source, { maxBytes: NOTICE_ATTACHMENT_MAX_BYTES });
  const attachment = {
    id: timeOrderedId(),
    advisory_id: row.advisory.id,
    sha256: blob.sha256,
    size: blob.size,
    media_type: cleanMediaType(input.mediaType),
    original_name: cleanFileName(input.originalName),
    uploaded_at: ctx.clock.now().toISOString(),
    uploaded_by: actor.userId ?? actor.name,
  };
  await withWrite(ctx, async ({ trx, audit }) => {
    await insertNoticeAttachment(trx, attachment);
    await audit({
      actor, role, action: 'advisory.manual_attach', objectType: 'advisory', objectId: row.advisory.id, siteId: null,
      summary: `Attached ${quote(attachment.original_name)} (${attachment.size} bytes, sha256 ${attachment.sha256}) to vendor notice ${quote(row.advisory.tracking_id)}`,
    });
  });
  const names = await displayNames(ctx.db, [attachment.uploaded_by]);
  return presentAttachment(attachment, names);
}

export interface NoticeAttachmentContent {
  attachment: NoticeAttachmentView;
  /** The verified bytes. */
  content: Readable;
}

const discard = (): Writable => new Writable({ write: (_chunk, _encoding, callback) => callback() });

/** Opens an attachment for download; its bytes are checked against their SHA-256 before anything is sent. */
export async function openNoticeAttachment(ctx: AppContext, actor: Actor, advisoryId: string, attachmentId: string): Promise<NoticeAttachmentContent> {
  authorize(actor, 'advisory.read', 'global');
  const row = await loadVisibleNotice(ctx, actor, advisoryId);
  const attachment = await findNoticeAttachment(ctx.db, row.advisory.id, attachmentId);
  if (!attachment) throw new AppError('NOT_FOUND');
  const open = async (): Promise<Readable> => {
    try {
      return await ctx.artifacts.open(attachment.sha256);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('ARTIFACT_CORRUPT', { sha256: attachment.sha256 });
      throw error;
    }
  };
  // Attachments are small (at most 50 MiB): verified completely first, so corruption is a clean error.
  await pipeline(await open(), discard());
  const names = await displayNames(ctx.db, [attachment.uploaded_by]);
  return { attachment: presentAttachment(attachment, names), content: await open() };
}

function presentAttachment(row: { id: string; original_name: string; media_type: string; size: number; sha256: string; uploaded_at: string; uploaded_by: string }, names: Map<string, string>): NoticeAttachmentView {
  return {
    id: row.id, original_name: row.original_name, media_type: row.media_type, size: Number(row.size), sha256: row.sha256, uploaded_at: row.uploaded_at,
    uploaded_by: names.get(row.uploaded_by) ?? (row.uploaded_by.startsWith('cli:') ? row.uploaded_by : null),
  };
}

/** An advisory as a link end, when the actor may see it. */
async function presentLinkEnd(ctx: AppContext, actor: Actor, end: LinkEndRow | undefined): Promise<AdvisoryLinkView | null> {
  if (!end || !(await visibleTo(ctx, actor, end.tlp_label))) return null;
  return { id: end.id, tracking_id: end.tracking_id, title: end.title, source: end.source === 'manual' ? 'manual' : 'csaf' };
}

async function presentNotice(ctx: AppContext, actor: Actor, row: NoticeRow): Promise<ManualNoticeView> {
  const revision = row.revision;
  const score = revision.cvss_vector ? scoreCvssVector(revision.cvss_vector) : null;
  const attachments = await listNoticeAttachments(ctx.db, row.advisory.id);
  const names = await displayNames(ctx.db, attachments.map((attachment) => attachment.uploaded_by));
  const linked = row.advisory.linked_advisory_id ? await findLinkEnd(ctx.db, row.advisory.linked_advisory_id) : undefined;
  const seesReporter = permittedRole(actor, 'advisory.reporter_read', 'global') !== null;
  return {
    advisory_id: row.advisory.id,
    tracking_id: row.advisory.tracking_id,
    tracking_version: row.document.tracking_version,
    version: row.advisory.version,
    title: revision.title,
    vendor: revision.vendor,
    product: revision.product,
    model_number: revision.model_number,
    affected_versions: revision.affected_versions,
    fixed_version: revision.fixed_version,
    description: revision.description,
    cve: revision.cve,
    cvss_vector: revision.cvss_vector,
    cvss_base_score: score?.valid ? score.base_score : null,
    cvss_base_severity: score?.valid ? score.base_severity : null,
    reporter: seesReporter ? { name: revision.reporter_name, organisation: revision.reporter_organisation, contact: revision.reporter_contact } : null,
    reported_at: revision.reported_at,
    channel: revision.channel as NoticeChannel,
    tlp: revision.tlp as NoticeTlp,
    recorded_at: revision.recorded_at,
    recorded_by: row.recorded_by_name ?? (revision.recorded_by.startsWith('cli:') ? revision.recorded_by : null),
    created_at: row.advisory.created_at,
    attachments: attachments.map((attachment) => presentAttachment(attachment, names)),
    linked_advisory: await presentLinkEnd(ctx, actor, linked),
    allowed_actions: allowedActions(actor, noticeActions, 'global'),
  };
}

async function presentById(ctx: AppContext, actor: Actor, advisoryId: string): Promise<ManualNoticeView> {
  return presentNotice(ctx, actor, await loadVisibleNotice(ctx, actor, advisoryId));
}

/** One manual notice with its current form fields, attachments and link. */
export async function getManualNotice(ctx: AppContext, actor: Actor, advisoryId: string): Promise<ManualNoticeView> {
  authorize(actor, 'advisory.read', 'global');
  return presentById(ctx, actor, advisoryId);
}
