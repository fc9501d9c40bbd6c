import { z } from 'zod';
import type { ZoneType } from '../../db/schema.ts';
import { parseCidr } from './cidr.ts';
import { keySchema, nameSchema, siteKeySchema } from './sites.schema.ts';

/** Zone types of network segments, as stored codes. */
export const zoneTypes = ['ot_cell', 'ot_dmz', 'it', 'remote_access', 'internet', 'unknown'] as const satisfies readonly ZoneType[];

/** An IEEE 802.1Q VLAN id. */
export const vlanSchema = z.number().int().min(1).max(4094);

/** An IPv4 or IPv6 network in CIDR notation, stored normalised (`10.20.0.7/24` → `10.20.0.0/24`). */
export const cidrSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const cidr = parseCidr(value);
    if (!cidr) {
      ctx.addIssue({ code: 'custom', message: 'CIDR_INVALID' });
      return z.NEVER;
    }
    return cidr.text;
  });

export const zoneTypeSchema = z.enum(zoneTypes);

/** POST /segments. */
export const createSegmentBodySchema = z.strictObject({
  site_key: siteKeySchema,
  key: keySchema,
  name: nameSchema,
  vlan: vlanSchema.nullable().optional(),
  cidr: cidrSchema.nullable().optional(),
  zone_type: zoneTypeSchema,
});

/** PATCH /segments/:id; key and site are immutable, null clears VLAN or CIDR. */
export const updateSegmentBodySchema = z.strictObject({
  name: nameSchema.optional(),
  vlan: vlanSchema.nullable().optional(),
  cidr: cidrSchema.nullable().optional(),
  zone_type: zoneTypeSchema.optional(),
});

export const segmentIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** GET /segments?site=KEY. */
export const segmentListQuerySchema = z.strictObject({ site: z.string().min(1).max(200).optional() });

/** A network segment as the API shows it. */
export const segmentView = z.object({
  id: z.string(),
  site_id: z.string(),
  site_key: z.string(),
  key: z.string(),
  name: z.string(),
  vlan: z.number().int().nullable(),
  cidr: z.string().nullable(),
  zone_type: zoneTypeSchema,
  /** True when created implicitly (e.g. by an import) and not yet described by a person. */
  needs_review: z.boolean(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** The segments in scope and whether the caller may add one (there, or anywhere without `site`). */
export const segmentListSchema = z.object({ items: z.array(segmentView), allowed_actions: z.array(z.string()) });

export type SegmentView = z.infer<typeof segmentView>;
export type SegmentList = z.infer<typeof segmentListSchema>;
export type CreateSegmentBody = z.input<typeof createSegmentBodySchema>;
export type UpdateSegmentBody = z.input<typeof updateSegmentBodySchema>;
