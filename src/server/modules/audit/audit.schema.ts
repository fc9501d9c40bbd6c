import { z } from 'zod';

/** One audit event as the API shows it: the stored fields plus resolved names. */
export const auditItemSchema = z.object({
  seq: z.number().int(),
  ts: z.string(),
  actor_id: z.string().nullable(),
  /** users.username for user actors; `cli:<os-user>` and `system` as stored. */
  actor_name: z.string().nullable(),
  via: z.enum(['web', 'api', 'cli', 'system']),
  role: z.string().nullable(),
  action: z.string(),
  object_type: z.string(),
  object_id: z.string().nullable(),
  site_id: z.string().nullable(),
  site_key: z.string().nullable(),
  summary: z.string(),
  hash: z.string(),
});
export type AuditItem = z.infer<typeof auditItemSchema>;

/** Query of GET /audit. */
export const auditListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Only events older than this seq (the previous page's `next_before_seq`). */
  before_seq: z.coerce.number().int().min(1).optional(),
  object_type: z.string().min(1).optional(),
  object_id: z.string().min(1).optional(),
  action: z.string().min(1).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

/** A page of the log, newest first. */
export const auditListSchema = z.object({
  items: z.array(auditItemSchema),
  /** Pass as `before_seq` for the next page; null on the last page. */
  next_before_seq: z.number().int().nullable(),
});
export type AuditList = z.infer<typeof auditListSchema>;

/** `audit verify` (INTERFACES.md). */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  first_bad_seq: z.number().int().nullable(),
  kind: z.enum(['changed', 'inserted', 'deleted', 'truncated']).nullable(),
});

/** Path of GET /audit/objects/:object_type/:object_id. */
export const objectHistoryParamsSchema = z.strictObject({
  object_type: z.string().min(1),
  object_id: z.string().min(1),
});

/** The history of one object, oldest first. */
export const objectHistorySchema = z.object({ items: z.array(auditItemSchema) });
