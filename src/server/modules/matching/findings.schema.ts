import { z } from 'zod';
import { cveEnrichmentSchema } from '../enrichment/enrichment.schema.ts';
import { findingStatuses } from './finding-rules.ts';

// Views and inputs of findings (GET /findings, GET /findings/summary, POST/DELETE
// /findings/:finding_id/false-match) and the CLI `findings list --json` rows (INTERFACES.md).

export const findingStatusSchema = z.enum(findingStatuses);
export const findingConfidenceSchema = z.enum(['high', 'medium', 'low']);
export const matchedBySchema = z.enum(['cpe', 'purl', 'model_number', 'serial_number', 'name_version']);

/** Query of GET /findings: one page (offset paging), by machine, advisory and CVE. */
export const findingListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** The machine's plant key (case-insensitive). */
  machine: z.string().min(1).max(200).optional(),
  /** The advisory's id or tracking id (case-insensitive). */
  advisory: z.string().min(1).max(200).optional(),
  status: findingStatusSchema.optional(),
  confidence: findingConfidenceSchema.optional(),
  /** The site's key (case-insensitive). */
  site: z.string().min(1).max(200).optional(),
  /** Also list findings marked as false matches. */
  include_false_matches: z.enum(['true', 'false']).optional(),
});

export const findingParamsSchema = z.strictObject({ finding_id: z.string().min(1).max(100) });

/** Body of POST /findings/:finding_id/false-match; an empty reason is refused with REASON_REQUIRED. */
export const falseMatchBodySchema = z.strictObject({ reason: z.string().max(2000) });

export const findingRemediationView = z.object({ category: z.string(), details: z.string(), url: z.string().nullable() });

/** Another advisory with a finding of the same CVE on the same component (a vendor advisory and its CISA republication). */
export const findingAlsoInView = z.object({ advisory_id: z.string(), tracking_id: z.string() });

export const findingView = z.object({
  id: z.string(),
  machine: z.object({ machine_id: z.string(), name: z.string() }),
  site_key: z.string(),
  component: z.object({ id: z.string(), name: z.string(), vendor: z.string().nullable(), version: z.string().nullable() }),
  advisory: z.object({ id: z.string(), tracking_id: z.string(), title: z.string().nullable() }),
  /** The CVE, or `#<position>` for a vulnerability without one. */
  vulnerability_key: z.string(),
  cve: z.string().nullable(),
  vulnerability_title: z.string().nullable(),
  /**
   * The other advisories the caller may see that carry the same CVE for the same component (their
   * false matches left out), by tracking id; empty for a vulnerability without CVE.
   */
  also_in: z.array(findingAlsoInView),
  /** The highest score the advisory gives the vulnerability for the matched products (else for any), or null. */
  cvss: z.object({ version: z.string(), vector: z.string(), base_score: z.number().nullable(), base_severity: z.string().nullable() }).nullable(),
  enrichment: cveEnrichmentSchema.nullable(),
  status: findingStatusSchema,
  /** The CSAF product status as written (first_affected, recommended, …). */
  csaf_status: z.string(),
  matched_by: matchedBySchema,
  confidence: findingConfidenceSchema,
  reason: z.string(),
  product_ids: z.array(z.string()),
  branch_path: z.array(z.object({ category: z.string(), name: z.string() })),
  remediations: z.array(findingRemediationView),
  /** A person's statement that the match is wrong (survives re-matching), or null. */
  false_match: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  updated_at: z.string(),
  /** `finding.mark_false_match` when the caller may mark or unmark it. */
  allowed_actions: z.array(z.string()),
});

export const findingListView = z.object({
  items: z.array(findingView),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** GET /findings/summary: counts in the caller's scope (the dashboard). */
export const findingSummaryView = z.object({
  /** Active machines without components, or with a component lacking vendor or version. */
  machines_incomplete: z.number().int(),
  /** Findings by status, false matches left out. */
  by_status: z.object({ known_affected: z.number().int(), fixed: z.number().int(), known_not_affected: z.number().int(), under_investigation: z.number().int() }),
  /**
   * Known affected vulnerabilities per component, false matches left out: a CVE counts once per
   * component however many advisories carry it (a vendor advisory and its CISA republication); a
   * vulnerability without CVE counts once per advisory.
   */
  vulnerabilities_affected: z.number().int(),
  false_matches: z.number().int(),
});

/** One row of CLI `findings list --json` (INTERFACES.md). */
export const findingCliRow = z.object({
  machine_id: z.string(),
  tracking_id: z.string(),
  cve: z.string().nullable(),
  status: findingStatusSchema,
  component_name: z.string(),
  component_version: z.string().nullable(),
  matched_by: matchedBySchema,
  confidence: findingConfidenceSchema,
});

export type FindingListQuery = z.input<typeof findingListQuerySchema>;
export type FindingView = z.infer<typeof findingView>;
export type FindingAlsoInView = z.infer<typeof findingAlsoInView>;
export type FindingListView = z.infer<typeof findingListView>;
export type FindingSummaryView = z.infer<typeof findingSummaryView>;
export type FindingCliRow = z.infer<typeof findingCliRow>;
