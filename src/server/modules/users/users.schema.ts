import { z } from 'zod';
import { roles } from '../../policies/roles.ts';

// One zod schema per shape: request bodies (validated by the routes and again by the use cases,
// which the CLI calls directly) and the views the API returns.

const noControlCharacters = (value: string): boolean => !/\p{Cc}/u.test(value);

/** Login name as entered; compared NFKC + case-insensitively. */
export const usernameSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((value) => value.trim() !== '', 'VALUE_BLANK')
  .refine(noControlCharacters, 'CONTROL_CHARACTERS');

/** A password; its minimum length is checked by the use case (PASSWORD_TOO_SHORT). */
export const passwordSchema = z.string().min(1).max(1024);

const requiredText = (max: number) =>
  z.string().min(1).max(max).refine((value) => value.trim() !== '', 'VALUE_BLANK');

export const displayNameSchema = requiredText(200);
export const emailSchema = z.email().max(254);
export const qualificationSchema = z.string().max(200);
export const companySchema = z.string().max(200);
export const languageSchema = z.enum(['de', 'en']);
export const roleSchema = z.enum(roles);

/** Scope text: `all`, `site:KEY[,KEY…]` or `machine:ID[,ID…]`. */
export const scopeTextSchema = z.string().min(1).max(4000);

/** An instant (ISO 8601 with offset) or a date (taken as 00:00 UTC); normalised to UTC with `Z`. */
export const instantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value).toISOString());

export const grantInputSchema = z.strictObject({
  role: roleSchema,
  scope: scopeTextSchema,
  expires_at: instantSchema.nullable().optional(),
});

export const createUserBodySchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  display_name: displayNameSchema.optional(),
  email: emailSchema.nullable().optional(),
  qualification: qualificationSchema.nullable().optional(),
  language: languageSchema.optional(),
  company: companySchema.nullable().optional(),
  grants: z.array(grantInputSchema).min(1).max(50),
});

export const updateUserBodySchema = z.strictObject({
  display_name: displayNameSchema.optional(),
  email: emailSchema.nullable().optional(),
  qualification: qualificationSchema.nullable().optional(),
  language: languageSchema.optional(),
  company: companySchema.nullable().optional(),
});

export const updateOwnProfileBodySchema = z.strictObject({
  display_name: displayNameSchema.optional(),
  email: emailSchema.nullable().optional(),
  language: languageSchema.optional(),
});

export const resetPasswordBodySchema = z.strictObject({ new_password: passwordSchema });

export const userIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const grantParamsSchema = z.object({ id: z.string().min(1).max(100), grant_id: z.string().min(1).max(100) });

export const grantViewSchema = z.object({
  id: z.string(),
  role: z.string(),
  scope: z.string(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
});

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  email: z.string().nullable(),
  qualification: z.string().nullable(),
  language: languageSchema,
  company: z.string().nullable(),
  auth_source: z.string(),
  disabled: z.boolean(),
  locked_until: z.string().nullable(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  grants: z.array(grantViewSchema),
  allowed_actions: z.array(z.string()),
});

/** The logged-in user: their view plus the actions they may do somewhere (for the navigation). */
export const meViewSchema = userViewSchema.extend({ global_actions: z.array(z.string()) });

export const userListSchema = z.object({ items: z.array(userViewSchema) });

export type GrantInput = z.input<typeof grantInputSchema>;
export type UserView = z.infer<typeof userViewSchema>;
export type MeView = z.infer<typeof meViewSchema>;
