import { z } from 'zod';
import {
  canonicalTimeZone,
  nonWorkingDayProblems,
  shiftProblems,
  sortNonWorkingDays,
  sortWorkingDays,
  workingDayProblems,
  type CalendarProblem,
} from './site-calendar.ts';

// One zod schema per shape: request bodies (validated by the routes and again by the use cases,
// which the CLI and the importer call directly) and the views the API returns. Transforms are
// idempotent, so parsing a parsed value again changes nothing.

const hasNoControlCharacters = (value: string): boolean => !/\p{Cc}/u.test(value);

/** A required one-line name: not blank, no control characters; stored as entered. */
export const nameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((value) => value.trim() !== '', 'VALUE_BLANK')
  .refine(hasNoControlCharacters, 'CONTROL_CHARACTERS');

/** A site key: referenced by scopes (`site:A,B`), files and URLs, so no spaces and none of , / | \. */
export const siteKeySchema = z
  .string()
  .min(1)
  .max(50)
  .refine((value) => /^[^\s,/|\\\p{Cc}]+$/u.test(value), 'SITE_KEY_INVALID');

/** An area or segment key: unique per site; inner spaces allowed, none of , / | \ (file cells split on `|`). */
export const keySchema = z
  .string()
  .min(1)
  .max(100)
  .refine((value) => value.trim() !== '', 'VALUE_BLANK')
  .refine((value) => value === value.trim() && /^[^,/|\\\p{Cc}]+$/u.test(value), 'KEY_INVALID');

/** An IANA time zone, stored in its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(100)
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (zone === null) {
      ctx.addIssue({ code: 'custom', message: 'TIME_ZONE_UNKNOWN' });
      return z.NEVER;
    }
    return zone;
  });

/** Adds calendar problems as zod issues at their paths. */
const reportProblems = (problems: CalendarProblem[], ctx: z.RefinementCtx): void => {
  for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem.code, path: problem.path });
};

/** ISO weekdays (1 = Monday … 7 = Sunday), each once; stored in ascending order. */
export const workingDaysSchema = z
  .array(z.number().int())
  .min(1)
  .max(7)
  .superRefine((days, ctx) => reportProblems(workingDayProblems(days), ctx))
  .transform(sortWorkingDays);

export const shiftSchema = z.strictObject({
  name: nameSchema.max(100),
  /** HH:MM in the site's zone. */
  start: z.string().max(5),
  /** HH:MM; before `start` for a shift over midnight. */
  end: z.string().max(5),
});

/** The shift plan: at most 10 shifts with unique names. */
export const shiftsSchema = z
  .array(shiftSchema)
  .max(10)
  .superRefine((shifts, ctx) => reportProblems(shiftProblems(shifts), ctx));

export const nonWorkingDaySchema = z.strictObject({
  /** YYYY-MM-DD in the site's zone. */
  day: z.string().max(10),
  label: z.string().max(200).refine(hasNoControlCharacters, 'CONTROL_CHARACTERS'),
});

/** Plant holidays and other days off, each day once; stored in date order. */
export const nonWorkingDaysSchema = z
  .array(nonWorkingDaySchema)
  .max(1000)
  .superRefine((days, ctx) => reportProblems(nonWorkingDayProblems(days), ctx))
  .transform((days) => sortNonWorkingDays(days));

export const createSiteBodySchema = z.strictObject({
  key: siteKeySchema,
  name: nameSchema,
  time_zone: timeZoneSchema,
  working_days: workingDaysSchema.optional(),
  shifts: shiftsSchema.optional(),
  non_working_days: nonWorkingDaysSchema.optional(),
});

/** Changes to a site; the key is immutable (files and scopes refer to it). Lists replace the stored ones. */
export const updateSiteBodySchema = z.strictObject({
  name: nameSchema.optional(),
  time_zone: timeZoneSchema.optional(),
  working_days: workingDaysSchema.optional(),
  shifts: shiftsSchema.optional(),
  non_working_days: nonWorkingDaysSchema.optional(),
});

export const siteKeyParamsSchema = z.object({ key: z.string().min(1).max(200) });

/** A site as the API shows it. */
export const siteView = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  time_zone: z.string(),
  working_days: z.array(z.number().int()),
  shifts: z.array(z.object({ name: z.string(), start: z.string(), end: z.string() })),
  non_working_days: z.array(z.object({ day: z.string(), label: z.string() })),
  /** True for sites of the demo plant (`demo load`). */
  demo: z.boolean(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** GET /sites: the sites in scope and whether the caller may create sites (`site.create`). */
export const siteListSchema = z.object({ items: z.array(siteView), allowed_actions: z.array(z.string()) });

export type SiteView = z.infer<typeof siteView>;
export type SiteList = z.infer<typeof siteListSchema>;
export type CreateSiteBody = z.input<typeof createSiteBodySchema>;
export type UpdateSiteBody = z.input<typeof updateSiteBodySchema>;
