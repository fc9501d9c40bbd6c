import { z } from 'zod';
import { optionalLine, optionalText, requiredLine } from '../../errors/validation.ts';
import type { SparePartKind } from '../../db/schema.ts';
import { siteKeySchema } from '../sites/sites.schema.ts';

// Spare parts and spare devices kept on a site, and the machines they fit (by plant key). A spare
// device carries its firmware: it has to be brought up to date before it is fitted.

/** Kinds: a part (fuse, fan, cable) or a device with its own firmware (CPU, HMI panel, switch). */
export const sparePartKinds = ['part', 'device'] as const satisfies readonly SparePartKind[];

/** The machines a part fits: plant keys (case-insensitive) of machines of the part's site, each once. */
export const sparePartMachineIdsSchema = z.array(z.string().min(1).max(100)).max(500);

const sparePartFields = {
  kind: z.enum(sparePartKinds),
  name: requiredLine(200),
  vendor: optionalLine(200),
  /** The order number. */
  model_number: optionalLine(200),
  firmware_version: optionalLine(200),
  quantity: z.number().int().min(0).max(1_000_000),
  storage_location: optionalLine(200),
  notes: optionalText(2000),
  machine_ids: sparePartMachineIdsSchema.optional(),
};

/** POST /spare-parts. */
export const createSparePartBodySchema = z.strictObject({ site_key: siteKeySchema, ...sparePartFields });

/** PATCH /spare-parts/:id; the site is immutable, `machine_ids` replaces the list. */
export const updateSparePartBodySchema = z.strictObject({
  ...sparePartFields,
  kind: sparePartFields.kind.optional(),
  name: sparePartFields.name.optional(),
  quantity: sparePartFields.quantity.optional(),
});

export const sparePartIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** GET /spare-parts?site=KEY. */
export const sparePartListQuerySchema = z.strictObject({ site: z.string().min(1).max(200).optional() });

/** A machine a spare part fits. */
export const sparePartMachineView = z.object({
  machine_id: z.string(),
  name: z.string(),
  decommissioned: z.boolean(),
});

/** A spare part or device as the API shows it. */
export const sparePartView = z.object({
  id: z.string(),
  site_id: z.string(),
  site_key: z.string(),
  kind: z.enum(sparePartKinds),
  name: z.string(),
  vendor: z.string().nullable(),
  model_number: z.string().nullable(),
  firmware_version: z.string().nullable(),
  quantity: z.number().int(),
  storage_location: z.string().nullable(),
  notes: z.string().nullable(),
  /** Plant keys of the machines it fits, in key order (as PATCH takes them). */
  machine_ids: z.array(z.string()),
  machines: z.array(sparePartMachineView),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** The spare parts in scope and whether the caller may add one (there, or anywhere without `site`). */
export const sparePartListView = z.object({ items: z.array(sparePartView), allowed_actions: z.array(z.string()) });

export type SparePartView = z.infer<typeof sparePartView>;
export type SparePartList = z.infer<typeof sparePartListView>;
export type CreateSparePartBody = z.input<typeof createSparePartBodySchema>;
export type UpdateSparePartBody = z.input<typeof updateSparePartBodySchema>;
