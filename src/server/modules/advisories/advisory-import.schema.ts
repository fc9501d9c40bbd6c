import { z } from 'zod';

// The shape of `advisories import` (INTERFACES.md, CLI table): the CLI's `--json` output and the body
// of the upload the web app will offer.

/** One problem of a document: `{code, message, test?, path?, value?}` (`test`: json, schema or a test id such as 6.1.11). */
export const advisoryProblemView = z.object({
  code: z.string(),
  message: z.string(),
  test: z.string().optional(),
  path: z.string().optional(),
  value: z.string().optional(),
});

/** Why a file was skipped: a distribution file that is not an advisory. */
export const skipReasonSchema = z.enum(['rolie_feed', 'rolie_service_document', 'rolie_category_document', 'provider_metadata', 'aggregator']);

export const advisoryImportResultView = z.object({
  /** Documents of advisories not stored before. */
  imported: z.number().int(),
  /** Documents added to a stored advisory: a newer revision (now current), an older one (history) or a variant. */
  updated: z.number().int(),
  /** Documents whose bytes were stored already. */
  unchanged: z.number().int(),
  /** Stored (and counted above) but failed mandatory tests, or a variant of a stored version. */
  flagged: z.array(z.object({ file: z.string(), tracking_id: z.string(), errors: z.array(advisoryProblemView) })),
  /** Not stored: unreadable, not JSON, schema-invalid, or a hash that does not match. */
  rejected: z.array(z.object({ file: z.string(), errors: z.array(advisoryProblemView) })),
  skipped: z.array(z.object({ file: z.string(), reason: skipReasonSchema })),
  findings_created: z.number().int(),
});

export type AdvisoryProblem = z.infer<typeof advisoryProblemView>;
export type AdvisoryImportResult = z.infer<typeof advisoryImportResultView>;
