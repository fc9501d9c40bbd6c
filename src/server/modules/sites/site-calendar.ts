import type { ErrorCode } from '../../errors/error-codes.ts';
import { normaliseKey } from '../../db/normalise.ts';

// A site's calendar: IANA time zone, working weekdays (ISO: 1 = Monday … 7 = Sunday), shifts with
// local start and end times (an end before the start runs overnight) and non-working days.

/** One shift of a site, in the site's time zone. */
export interface Shift {
  name: string;
  /** HH:MM, 00:00–23:59. */
  start: string;
  /** HH:MM; before `start` when the shift runs overnight. */
  end: string;
}

/** A day the site does not work (plant holidays, when updates happen). */
export interface NonWorkingDay {
  /** YYYY-MM-DD in the site's zone. */
  day: string;
  label: string;
}

/** A calendar problem: an error code at a path relative to the checked list. */
export interface CalendarProblem {
  code: ErrorCode;
  path: (string | number)[];
}

const MINUTES_PER_DAY = 24 * 60;

const zonesByLowerCase = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));

/**
 * The IANA name of a time zone as stored: a canonical zone in its own spelling
 * (`europe/berlin` → `Europe/Berlin`), another name the runtime knows (`UTC`, links such as
 * `America/Argentina/Buenos_Aires`) as written; null for unknown names and for UTC offsets such as
 * `+01:00` (a zone has rules, an offset not).
 */
export function canonicalTimeZone(text: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) return null;
  const canonical = zonesByLowerCase.get(text.toLowerCase());
  if (canonical) return canonical;
  try {
    new Intl.DateTimeFormat('en', { timeZone: text }).format(0);
    return text;
  } catch {
    return null;
  }
}

/** Minutes after midnight of `HH:MM` (00:00–23:59), or null. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** How many minutes a shift lasts; a shift ending before it starts runs over midnight. */
export function shiftMinutes(shift: Pick<Shift, 'start' | 'end'>): number | null {
  const start = parseTimeOfDay(shift.start);
  const end = parseTimeOfDay(shift.end);
  if (start === null || end === null) return null;
  return (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** True when `text` is YYYY-MM-DD naming a day of the Gregorian calendar. */
export function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Paths of values that occur earlier in the list already (compared by `keyOf`). */
function repeats<T>(items: readonly T[], keyOf: (item: T) => string, path: (index: number) => (string | number)[]): CalendarProblem[] {
  const seen = new Set<string>();
  const problems: CalendarProblem[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) problems.push({ code: 'VALUE_DUPLICATE', path: path(index) });
    seen.add(key);
  });
  return problems;
}

/** Problems of a list of working days: ISO weekdays 1–7, each once. */
export function workingDayProblems(days: readonly number[]): CalendarProblem[] {
  const outOfRange = days.flatMap((day, index): CalendarProblem[] =>
    Number.isInteger(day) && day >= 1 && day <= 7 ? [] : [{ code: 'INVALID_VALUE', path: [index] }],
  );
  return [...outOfRange, ...repeats(days, String, (index) => [index])];
}

/** Problems of a list of shifts: valid HH:MM times, not zero length, names unique (case-insensitive). */
export function shiftProblems(shifts: readonly Shift[]): CalendarProblem[] {
  const problems = shifts.flatMap((shift, index): CalendarProblem[] => {
    const times = (['start', 'end'] as const).flatMap((field): CalendarProblem[] =>
      parseTimeOfDay(shift[field]) === null ? [{ code: 'TIME_OF_DAY_INVALID', path: [index, field] }] : [],
    );
    if (times.length > 0) return times;
    return shiftMinutes(shift) === 0 ? [{ code: 'SHIFT_EMPTY', path: [index, 'end'] }] : [];
  });
  return [...problems, ...repeats(shifts, (shift) => normaliseKey(shift.name), (index) => [index, 'name'])];
}

/** Problems of a list of non-working days: real calendar days, each once. */
export function nonWorkingDayProblems(days: readonly NonWorkingDay[]): CalendarProblem[] {
  const invalid = days.flatMap((entry, index): CalendarProblem[] => (isCalendarDay(entry.day) ? [] : [{ code: 'INVALID_VALUE', path: [index, 'day'] }]));
  return [...invalid, ...repeats(days, (entry) => entry.day, (index) => [index, 'day'])];
}

/** Working days in ascending order, as stored. */
export function sortWorkingDays(days: readonly number[]): number[] {
  return [...days].sort((a, b) => a - b);
}

/** Non-working days by date, as stored and shown. */
export function sortNonWorkingDays<T extends NonWorkingDay>(days: readonly T[]): T[] {
  return [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
