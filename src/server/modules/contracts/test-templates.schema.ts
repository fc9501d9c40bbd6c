import { z } from 'zod';
import { normaliseKey } from '../../db/normalise.ts';
import type { TestItemGroup } from '../../db/schema.ts';
import { keySchema, siteKeySchema } from '../sites/sites.schema.ts';
import { optionalText } from '../../errors/validation.ts';
import { trimmedLine } from './contracts.schema.ts';

// Commissioning test templates: owned by a contract, or by a machine type in a site. Each item has a
// key unique within the template, a group, and its description and expected result in German
// and/or English.

/** Groups of test items, as stored codes. */
export const itemGroups = ['safety_function', 'changed_function', 'unchanged_function', 'security_setting', 'interface'] as const satisfies readonly TestItemGroup[];

/** One item of a template as sent: description and expected result each need German or English. */
export const templateItemSchema = z
  .strictObject({
    /** Unique within the template (case-insensitive), e.g. "S1". */
    key: keySchema.max(50),
    group: z.enum(itemGroups),
    description_de: optionalText(2000).transform((value) => value ?? null),
    description_en: optionalText(2000).transform((value) => value ?? null),
    expected_de: optionalText(2000).transform((value) => value ?? null),
    expected_en: optionalText(2000).transform((value) => value ?? null),
  })
  .superRefine((item, ctx) => {
    if (item.description_de === null && item.description_en === null) ctx.addIssue({ code: 'custom', message: 'TEXT_DE_OR_EN_REQUIRED', path: ['description_de'] });
    if (item.expected_de === null && item.expected_en === null) ctx.addIssue({ code: 'custom', message: 'TEXT_DE_OR_EN_REQUIRED', path: ['expected_de'] });
  });

/** The items of a template: at least one, keys unique. */
export const templateItemsSchema = z
  .array(templateItemSchema)
  .min(1, 'TEMPLATE_ITEMS_REQUIRED')
  .max(500)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = normaliseKey(item.key);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'VALUE_DUPLICATE', path: [index, 'key'] });
      seen.add(key);
    });
  });

/** POST /test-templates: either `contract_id`, or `site_key` with `machine_type`. */
export const createTemplateBodySchema = z
  .strictObject({
    contract_id: z.string().min(1).max(100).nullable().optional(),
    site_key: siteKeySchema.nullable().optional(),
    /** Compared case-insensitively with the machines' type. */
    machine_type: trimmedLine(200).nullable().optional(),
    name: trimmedLine(200),
    items: templateItemsSchema,
  })
  .superRefine((body, ctx) => {
    const byContract = body.contract_id != null;
    const bySite = body.site_key != null;
    const byType = body.machine_type != null;
    if (byContract ? bySite || byType : !(bySite && byType)) ctx.addIssue({ code: 'custom', message: 'TEMPLATE_OWNER', path: [] });
  });

/** PUT /test-templates/:id: replaces name and items; the owner stays. */
export const replaceTemplateBodySchema = z.strictObject({ name: trimmedLine(200), items: templateItemsSchema });

export const templateIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** GET /test-templates: at most one of contract, site and machine. */
export const templateListQuerySchema = z
  .strictObject({
    contract: z.string().min(1).max(100).optional(),
    site: z.string().min(1).max(200).optional(),
    machine: z.string().min(1).max(200).optional(),
  })
  .refine((query) => [query.contract, query.site, query.machine].filter((value) => value !== undefined).length <= 1, 'INVALID_VALUE');

export const templateItemView = z.object({
  key: z.string(),
  group: z.enum(itemGroups),
  description_de: z.string().nullable(),
  description_en: z.string().nullable(),
  expected_de: z.string().nullable(),
  expected_en: z.string().nullable(),
});

/** A test template as the API shows it. */
export const templateView = z.object({
  id: z.string(),
  owner: z.enum(['contract', 'machine_type']),
  contract_id: z.string().nullable(),
  /** The contract's reference, when the caller may read the contract. */
  contract_reference: z.string().nullable(),
  site_id: z.string().nullable(),
  site_key: z.string().nullable(),
  machine_type: z.string().nullable(),
  name: z.string(),
  items: z.array(templateItemView),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** Templates and whether the caller may add one for the filter given (`test_template.create`). */
export const templateListSchema = z.object({ items: z.array(templateView), allowed_actions: z.array(z.string()) });

export type TemplateView = z.infer<typeof templateView>;
export type TemplateItemView = z.infer<typeof templateItemView>;
export type TemplateList = z.infer<typeof templateListSchema>;
export type TemplateItemGroup = (typeof itemGroups)[number];
export type CreateTemplateBody = z.input<typeof createTemplateBodySchema>;
export type ReplaceTemplateBody = z.input<typeof replaceTemplateBodySchema>;
export type TemplateItemInput = z.input<typeof templateItemSchema>;
