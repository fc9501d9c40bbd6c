import { z } from 'zod';
import { AppError, type DetailSource } from './app-error.ts';
import { isErrorCode, type ErrorCode } from './error-codes.ts';

// Schema issues and field problems as VALIDATION_FAILED details, in German and English. Schemas
// name an error code as their custom message (`.refine(check, 'VALUE_BLANK')`); zod's own messages
// are rendered with zod's German and English locales.

type Issue = z.core.$ZodIssue;

const locales = { de: z.locales.de().localeError, en: z.locales.en().localeError };

// A missing value is VALUE_REQUIRED whatever its schema (string, enum, literal …): zod's issues do
// not keep the input, so the code is set while parsing. Schema-level messages still take precedence.
z.config({ customError: (issue) => (issue.input === undefined ? 'VALUE_REQUIRED' : undefined) });

/** RFC 6901 JSON pointer of a path; `/` for the document itself. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') || '/';
}

function localeText(localeError: (issue: never) => unknown, issue: Issue, fallback: string): string {
  const result = localeError(issue as never);
  if (typeof result === 'string') return result;
  return (result as { message?: string } | undefined)?.message ?? fallback;
}

/** One detail per issue: the code's own message, or zod's message in both languages. */
export function issueDetails(issues: readonly Issue[]): DetailSource[] {
  return issues.flatMap((issue): DetailSource[] => {
    // One detail per unknown key, pointing at the key itself.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ code: 'UNKNOWN_FIELD', path: jsonPointer([...issue.path, key]) }));
    const path = jsonPointer(issue.path);
    if (isErrorCode(issue.message)) return [{ code: issue.message, path }];
    return [{ code: 'INVALID_VALUE', path, text: { de: localeText(locales.de, issue, issue.message), en: issue.message } }];
  });
}

/** VALIDATION_FAILED with one detail: `code` at `path`. */
export function invalidField(code: ErrorCode, path: string, extra: Pick<DetailSource, 'params' | 'value'> = {}): AppError {
  return new AppError('VALIDATION_FAILED', {}, [{ code, path, ...extra }]);
}

/** Parses use-case input with a schema; VALIDATION_FAILED with one detail per issue otherwise. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', {}, issueDetails(result.error.issues));
}

// Text fields of request bodies, shared by every module's schemas.

const hasNoControlCharacters = (value: string): boolean => !/\p{Cc}/u.test(value);
// Free text may span lines (safety functions, remote access); other control characters never.
const hasNoControlCharactersButLines = (value: string): boolean => !/[^\P{Cc}\t\n\r]/u.test(value);

/** A required one-line text: not blank, no control characters; stored as entered. */
export const requiredLine = (max: number) =>
  z.string().max(max).refine((value) => value.trim() !== '', 'VALUE_BLANK').refine(hasNoControlCharacters, 'CONTROL_CHARACTERS');

/** An optional one-line text; blank or null means unset (stored as null). */
export const optionalLine = (max: number) =>
  z
    .string()
    .max(max)
    .refine(hasNoControlCharacters, 'CONTROL_CHARACTERS')
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value === null || value.trim() === '' ? null : value));

/** An optional text that may span lines; blank or null means unset. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .refine(hasNoControlCharactersButLines, 'CONTROL_CHARACTERS')
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value === null || value.trim() === '' ? null : value));
