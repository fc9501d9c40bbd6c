import { z } from 'zod';
import { instantSchema, roleSchema, scopeTextSchema } from '../users/users.schema.ts';

export const createTokenBodySchema = z.strictObject({
  name: z.string().min(1).max(200).refine((value) => value.trim() !== '', 'VALUE_BLANK'),
  role: roleSchema,
  scope: scopeTextSchema,
  expires_at: instantSchema,
});

export const tokenParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.string(),
  scope: z.string(),
  expires_at: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  allowed_actions: z.array(z.string()),
});

/** A token just created: its view plus the secret, shown this once. */
export const createdTokenSchema = tokenViewSchema.extend({ token: z.string() });

export const tokenListSchema = z.object({ items: z.array(tokenViewSchema) });

export type CreateTokenInput = z.input<typeof createTokenBodySchema>;
export type TokenView = z.infer<typeof tokenViewSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
