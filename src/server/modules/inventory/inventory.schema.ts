import { z } from 'zod';

// Shapes of the inventory import/export API and CLI (INTERFACES.md, CLI table).

/** One problem of an import: `{code, message, file?, row?, column?, value?, path?}` (`path`: JSON pointer into a CycloneDX file). */
export const inventoryProblemView = z.object({
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
  path: z.string().optional(),
});

/** The result of an import (also when it was rejected: then `errors` is not empty and nothing was written). */
export const importResultView = z.object({
  machines_created: z.number().int(),
  machines_updated: z.number().int(),
  components_created: z.number().int(),
  components_updated: z.number().int(),
  components_removed: z.number().int(),
  warnings: z.array(inventoryProblemView),
  errors: z.array(inventoryProblemView),
});

export const importQuerySchema = z.strictObject({ dry_run: z.enum(['true', 'false']).optional() });

/** `format=cyclonedx` needs `machine` (one BOM per machine). */
export const exportQuerySchema = z.strictObject({
  format: z.enum(['csv', 'xlsx', 'cyclonedx']),
  machine: z.string().min(1).max(200).optional(),
  delimiter: z.enum([',', ';']).optional(),
});

export const templateQuerySchema = z.strictObject({ format: z.enum(['csv', 'xlsx']) });

/** The upload limit of inventory files. */
export const INVENTORY_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
