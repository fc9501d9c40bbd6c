import { z } from 'zod';
import { optionalLine, requiredLine } from '../../errors/validation.ts';
import { noticeChannels, noticeTlpLabels } from './manual-notice-csaf.ts';

// Manual vendor notices (POST /advisories/manual, PUT /advisories/manual/:advisory_id, the link and
// the attachments): request bodies and the view. Free text is stored trimmed as entered; the
// affected versions stay exactly as the vendor said them (`< V3.1`, `vers:generic/<3.1`, …).

export { noticeChannels, noticeTlpLabels };

const trimmed = (value: string): string => value.trim();
const requiredTrimmed = (max: number) => requiredLine(max).transform(trimmed);
const optionalTrimmed = (max: number) => optionalLine(max).transform((value) => (typeof value === 'string' ? value.trim() : (value ?? null)));

// Line breaks and tabs are fine in a description; other control characters never.
const hasNoControlCharactersButLines = (value: string): boolean => !/[^\P{Cc}\t\n\r]/u.test(value);

/** A CVE id as the CSAF schema admits it (upper-cased, trimmed before the check). */
export const CVE_PATTERN = /^CVE-\d{4}-\d{4,}$/;

const cveSchema = z
  .string()
  .max(40)
  .nullable()
  .optional()
  .transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value.trim().toUpperCase()))
  .refine((value) => value === null || CVE_PATTERN.test(value), 'CVE_ID_INVALID');

/** An instant with its offset (the browser sends UTC); stored as UTC ISO with milliseconds. */
const instantSchema = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());

/** POST /advisories/manual and PUT /advisories/manual/:advisory_id (a new revision): the whole notice. */
export const manualNoticeBodySchema = z.strictObject({
  /** Optional; the document title is then vendor, product and affected versions. */
  title: optionalTrimmed(300),
  vendor: requiredTrimmed(200),
  /** Product or model name as the vendor names it. */
  product: requiredTrimmed(200),
  /** Order or model number (e.g. 6ES7516-3AN02-0AB0), matched against the inventory's model numbers. */
  model_number: optionalTrimmed(200),
  /** The affected range as written: `< V3.1`, `<= 2.4`, `All versions < V2.2` or a `vers:` string. */
  affected_versions: requiredTrimmed(200),
  /** The version that fixes it, when the vendor named one (a single version, not a range). */
  fixed_version: optionalTrimmed(100),
  description: z
    .string()
    .max(20_000)
    .refine((value) => value.trim() !== '', 'VALUE_BLANK')
    .refine(hasNoControlCharactersButLines, 'CONTROL_CHARACTERS')
    .transform(trimmed),
  cve: cveSchema,
  /** A CVSS v3.0/v3.1 vector; scored on the server (CSAF 2.0 has no place for v4.0). */
  cvss_vector: optionalTrimmed(300),
  reporter_name: requiredTrimmed(200),
  reporter_organisation: optionalTrimmed(200),
  /** Phone number, e-mail address or other way to reach the reporter. */
  reporter_contact: optionalTrimmed(300),
  /** When the vendor reported it. */
  reported_at: instantSchema,
  /** How the vendor reported it. */
  channel: z.enum(noticeChannels),
  /** TLP of the notice (CSAF 2.0 labels; WHITE is CLEAR). AMBER and RED: admin and security officer only. */
  tlp: z.enum(noticeTlpLabels).default('WHITE'),
  /** What changed, for the revision history of an edit; ignored when recording. */
  revision_summary: optionalTrimmed(500),
});

/** POST /advisories/manual/:advisory_id/link: the CSAF advisory this notice is covered by, or null to unlink. */
export const manualNoticeLinkBodySchema = z.strictObject({ advisory_id: z.string().min(1).max(100).nullable() });

export const manualNoticeParamsSchema = z.strictObject({ advisory_id: z.string().min(1).max(100) });
export const manualNoticeAttachmentParamsSchema = z.strictObject({ advisory_id: z.string().min(1).max(100), attachment_id: z.string().min(1).max(100) });

export const noticeAttachmentView = z.object({
  id: z.string(),
  original_name: z.string(),
  /** As declared by the uploader; downloads are always application/octet-stream. */
  media_type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploaded_at: z.string(),
  uploaded_by: z.string().nullable(),
});

/** Another advisory as a link target or source. */
export const advisoryLinkView = z.object({ id: z.string(), tracking_id: z.string(), title: z.string().nullable(), source: z.enum(['csaf', 'manual']) });

/** A manual notice: the current revision's form fields, who reported it, attachments, the link. */
export const manualNoticeView = z.object({
  advisory_id: z.string(),
  tracking_id: z.string(),
  tracking_version: z.string(),
  /** For If-Match on edits and links. */
  version: z.number().int(),
  title: z.string().nullable(),
  vendor: z.string(),
  product: z.string(),
  model_number: z.string().nullable(),
  affected_versions: z.string(),
  fixed_version: z.string().nullable(),
  description: z.string(),
  cve: z.string().nullable(),
  cvss_vector: z.string().nullable(),
  cvss_base_score: z.number().nullable(),
  cvss_base_severity: z.string().nullable(),
  /** Null when the caller may not see who reported it (`advisory.reporter_read`). */
  reporter: z.object({ name: z.string(), organisation: z.string().nullable(), contact: z.string().nullable() }).nullable(),
  reported_at: z.string(),
  channel: z.enum(noticeChannels),
  tlp: z.enum(noticeTlpLabels),
  recorded_at: z.string(),
  recorded_by: z.string().nullable(),
  created_at: z.string(),
  attachments: z.array(noticeAttachmentView),
  /** The CSAF advisory that covers this notice, when linked and visible to the caller. */
  linked_advisory: advisoryLinkView.nullable(),
  allowed_actions: z.array(z.string()),
});

export type ManualNoticeBody = z.input<typeof manualNoticeBodySchema>;
export type ManualNoticeInput = z.output<typeof manualNoticeBodySchema>;
export type ManualNoticeLinkBody = z.input<typeof manualNoticeLinkBodySchema>;
export type ManualNoticeView = z.infer<typeof manualNoticeView>;
export type NoticeAttachmentView = z.infer<typeof noticeAttachmentView>;
export type AdvisoryLinkView = z.infer<typeof advisoryLinkView>;
