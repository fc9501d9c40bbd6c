import { z } from 'zod';
import { cveEnrichmentSchema } from '../enrichment/enrichment.schema.ts';
import { advisoryProblemView } from './advisory-import.schema.ts';
import { advisoryLinkView } from './manual-notices.schema.ts';

// Views and queries of the advisory list and detail (GET /advisories, GET /advisories/:advisory_id).

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'DATE_INVALID');

/** Query of GET /advisories: one page (offset paging), newest current release first. */
export const advisoryListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** A CVE id, or text found in the tracking id, title or a product name. */
  q: z.string().max(200).optional(),
  kev: z.enum(['true', 'false']).optional(),
  min_cvss: z.coerce.number().min(0).max(10).optional(),
  /** A product vendor, compared normalised (case). */
  vendor: z.string().min(1).max(200).optional(),
  /** Current release date from this day (inclusive, UTC). */
  from: day.optional(),
  /** Current release date up to this day (inclusive, UTC). */
  to: day.optional(),
  status: z.enum(['valid', 'flagged']).optional(),
  /** `csaf` (imported document) or `manual` (vendor notice recorded in Patchwerk). */
  source: z.enum(['csaf', 'manual']).optional(),
});

export const advisoryListItemView = z.object({
  id: z.string(),
  /** `csaf` (imported document) or `manual` (vendor notice recorded in Patchwerk). */
  source: z.enum(['csaf', 'manual']),
  tracking_id: z.string(),
  publisher: z.string().nullable(),
  publisher_namespace: z.string(),
  title: z.string().nullable(),
  tlp: z.string().nullable(),
  current_release_date: z.string().nullable(),
  tracking_version: z.string(),
  validation_status: z.enum(['valid', 'flagged']),
  cve_count: z.number().int(),
  max_cvss: z.number().nullable(),
  kev: z.boolean(),
  allowed_actions: z.array(z.string()),
});

export const advisoryListView = z.object({
  items: z.array(advisoryListItemView),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** What the caller may do on the list itself (`advisory.import`, `advisory.manual_create`). */
  allowed_actions: z.array(z.string()),
});

export const advisoryParamsSchema = z.strictObject({ advisory_id: z.string().min(1).max(100) });
export const advisoryDocumentParamsSchema = z.strictObject({ advisory_id: z.string().min(1).max(100), document_id: z.string().min(1).max(100) });

export const advisoryNoteView = z.object({
  category: z.string().nullable(),
  title: z.string().nullable(),
  audience: z.string().nullable(),
  /** Plain text as the document gives it; never render as HTML. */
  text: z.string(),
});

export const advisoryReferenceView = z.object({ category: z.string().nullable(), summary: z.string().nullable(), url: z.string() });

export const advisoryScoreView = z.object({
  cvss_version: z.string(),
  vector: z.string(),
  /** As the document gives it. */
  base_score: z.number().nullable(),
  base_severity: z.string().nullable(),
  /** As computed from the vector (null when the vector is invalid). */
  computed_base_score: z.number().nullable(),
  computed_base_severity: z.string().nullable(),
  /** Why the vector could not be scored (`not_cvss`, `unsupported_version`, `malformed`, …), or null. */
  vector_invalid: z.string().nullable(),
  /** True when given and computed base scores differ. */
  score_mismatch: z.boolean(),
  products: z.array(z.string()),
});

export const advisoryRemediationView = z.object({
  category: z.string(),
  details: z.string(),
  url: z.string().nullable(),
  date: z.string().nullable(),
  restart_required: z.string().nullable(),
  /** Product names (the product id where the tree has no such product). */
  products: z.array(z.string()),
});

export const advisoryVulnerabilityView = z.object({
  cve: z.string().nullable(),
  cwe_id: z.string().nullable(),
  cwe_name: z.string().nullable(),
  title: z.string().nullable(),
  release_date: z.string().nullable(),
  scores: z.array(advisoryScoreView),
  notes: z.array(advisoryNoteView),
  remediations: z.array(advisoryRemediationView),
  known_affected: z.array(z.string()),
  fixed: z.array(z.string()),
  enrichment: cveEnrichmentSchema,
});

export const advisoryProductView = z.object({
  product_id: z.string(),
  name: z.string(),
  vendor: z.string().nullable(),
  product_name: z.string().nullable(),
  branch_path: z.array(z.object({ category: z.string(), name: z.string() })),
  version: z.string().nullable(),
  version_range: z.string().nullable(),
});

export const advisoryRevisionView = z.object({
  document_id: z.string(),
  tracking_version: z.string(),
  current_release_date: z.string().nullable(),
  is_current: z.boolean(),
  variant: z.boolean(),
  sha256: z.string(),
  size: z.number().int(),
  file_name: z.string(),
  tlp: z.string().nullable(),
  validation_status: z.enum(['valid', 'flagged']),
  validation_errors: z.array(advisoryProblemView),
  validation_warnings: z.array(advisoryProblemView),
  validation_infos: z.array(advisoryProblemView),
  /** The hash sidecars (.sha256, .sha512) the bytes matched on import. */
  hash_sidecars: z.array(z.string()),
  /** `absent` (no .asc), `not_checked` (.asc without a key to check it), `verified`. */
  signature_status: z.enum(['absent', 'not_checked', 'verified']),
  /** The fingerprint of the key that verified the signature. */
  signature_key_fingerprint: z.string().nullable(),
  imported_at: z.string(),
});

export const advisoryDetailView = advisoryListItemView.extend({
  document_id: z.string(),
  category: z.string().nullable(),
  lang: z.string().nullable(),
  csaf_version: z.string().nullable(),
  aggregate_severity: z.string().nullable(),
  tracking_status: z.string().nullable(),
  initial_release_date: z.string().nullable(),
  notes: z.array(advisoryNoteView),
  references: z.array(advisoryReferenceView),
  vulnerabilities: z.array(advisoryVulnerabilityView),
  products: z.array(advisoryProductView),
  revisions: z.array(advisoryRevisionView),
  /** A manual notice: the CSAF advisory that covers it (when linked and visible to the caller). */
  linked_advisory: advisoryLinkView.nullable(),
  /** A CSAF advisory: the manual notices linked to it that the caller may see. */
  linked_notices: z.array(advisoryLinkView),
});

export type AdvisoryListQuery = z.input<typeof advisoryListQuerySchema>;
export type AdvisoryListItemView = z.infer<typeof advisoryListItemView>;
export type AdvisoryListView = z.infer<typeof advisoryListView>;
export type AdvisoryDetailView = z.infer<typeof advisoryDetailView>;
export type AdvisoryVulnerabilityView = z.infer<typeof advisoryVulnerabilityView>;
export type AdvisoryRevisionView = z.infer<typeof advisoryRevisionView>;
export type AdvisoryProductView = z.infer<typeof advisoryProductView>;
