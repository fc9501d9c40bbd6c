import { z } from 'zod';
import { keySchema, nameSchema, siteKeySchema } from './sites.schema.ts';

/** POST /sites/:key/areas. */
export const createAreaBodySchema = z.strictObject({
  key: keySchema,
  name: nameSchema,
});

/** Input of `createArea`: the body plus the site it belongs to. */
export const createAreaInputSchema = createAreaBodySchema.extend({ site_key: siteKeySchema });

/** PATCH /areas/:id; the key is immutable. */
export const updateAreaBodySchema = z.strictObject({
  name: nameSchema.optional(),
});

export const areaIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** An area as the API shows it. */
export const areaView = z.object({
  id: z.string(),
  site_id: z.string(),
  site_key: z.string(),
  key: z.string(),
  name: z.string(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** GET /sites/:key/areas: the site's areas and whether the caller may add one (`area.create`). */
export const areaListSchema = z.object({ items: z.array(areaView), allowed_actions: z.array(z.string()) });

export type AreaView = z.infer<typeof areaView>;
export type AreaList = z.infer<typeof areaListSchema>;
export type CreateAreaInput = z.input<typeof createAreaInputSchema>;
export type UpdateAreaBody = z.input<typeof updateAreaBodySchema>;
