import { z } from 'zod';

// Shapes of the enrichment files (the CISA KEV catalog) and of the import results and per-CVE
// enrichment. The file schemas are not strict: CISA may add fields (the catalog already carries
// `title`), and unknown fields are ignored rather than refused.

export const cveIdPattern = /^CVE-\d{4}-\d{4,19}$/;

/** A calendar day YYYY-MM-DD that exists. */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * An ISO 8601 date and time with a zone (`Z`, `+00:00` or `+0000`; fractions of any length), as ISO
 * 8601 UTC with milliseconds; a bare day counts as midnight UTC. Null when it is not one.
 */
export function parseInstant(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2}))?$/.exec(value);
  if (!match || !isIsoDay(match[1]!)) return null;
  const zone = match[3] === undefined || match[3] === 'Z' ? 'Z' : `${match[3].slice(0, 3)}:${match[3].slice(-2)}`;
  const time = new Date(`${match[1]}T${match[2] ?? '00:00'}${zone}`);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

const kevDay = z.string().refine(isIsoDay, 'KEV_DATE_INVALID');

/** One entry of `vulnerabilities[]` (required fields as in CISA's known_exploited_vulnerabilities_schema.json). */
export const kevEntrySchema = z.object({
  cveID: z.string().regex(cveIdPattern, 'KEV_CVE_INVALID'),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: kevDay,
  shortDescription: z.string(),
  requiredAction: z.string(),
  dueDate: kevDay,
  knownRansomwareCampaignUse: z.enum(['Known', 'Unknown'], 'KEV_RANSOMWARE_VALUE').optional(),
  notes: z.string().optional(),
  cwes: z.array(z.string().regex(/^CWE-\d+$/, 'KEV_CWE_INVALID')).optional(),
});

export type KevEntry = z.infer<typeof kevEntrySchema>;

/** The catalog file: catalogVersion, dateReleased, count, vulnerabilities[]. */
export const kevCatalogSchema = z.object({
  catalogVersion: z.string().regex(/^\S+$/, 'VALUE_BLANK'),
  dateReleased: z.string().refine((value) => parseInstant(value) !== null, 'KEV_INSTANT_INVALID'),
  count: z.number().int().nonnegative(),
  vulnerabilities: z.array(kevEntrySchema).min(1, 'ENRICHMENT_EMPTY'),
});

export type KevCatalog = z.infer<typeof kevCatalogSchema>;

/** `kev import` result (INTERFACES.md: `{entries, date}`; more keys allowed). */
export const kevImportResultSchema = z.object({
  /** Entries in the imported catalog. */
  entries: z.number().int(),
  /** The catalog's dateReleased, ISO 8601 UTC. */
  date: z.string(),
  /** The catalog's catalogVersion. */
  version: z.string(),
  /** CVEs not listed before (or listed again after a removal). */
  added: z.number().int(),
  /** CVEs listed before and no longer in this catalog: kept and marked removed. */
  removed: z.number().int(),
});

export type KevImportResult = z.infer<typeof kevImportResultSchema>;

/** `epss import` result (INTERFACES.md: `{entries, date}`; more keys allowed). */
export const epssImportResultSchema = z.object({
  /** CVEs with a score. */
  entries: z.number().int(),
  /** The file's score_date, ISO 8601 UTC. */
  date: z.string(),
  /** The file's model_version, e.g. v2025.03.14. */
  version: z.string(),
});

export type EpssImportResult = z.infer<typeof epssImportResultSchema>;

/** KEV and EPSS facts about one CVE; null where the source does not list it (or was never imported). */
export const cveEnrichmentSchema = z.object({
  kev: z
    .object({
      /** YYYY-MM-DD. */
      date_added: z.string(),
      /** YYYY-MM-DD. */
      due_date: z.string(),
      /** Known use in ransomware campaigns. */
      ransomware: z.boolean(),
      required_action: z.string(),
    })
    .nullable(),
  epss: z
    .object({
      /** Probability of exploitation in the next 30 days, 0..1. */
      score: z.number(),
      percentile: z.number(),
      /** The score date of the imported EPSS file, ISO 8601 UTC. */
      date: z.string(),
    })
    .nullable(),
});

export type CveEnrichment = z.infer<typeof cveEnrichmentSchema>;
