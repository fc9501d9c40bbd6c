// Labels of site calendars and segment zone types in the UI language.
import type { TFunction } from 'i18next';
import type { Language, SiteView } from '../../app/api-types.ts';
import { localeOf } from '../../app/i18n.ts';

/** The short name of an ISO weekday (1 = Monday) in the UI language. */
export function weekdayLabel(day: number, language: Language, width: 'short' | 'long' = 'short'): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, day));
  return new Intl.DateTimeFormat(localeOf(language), { weekday: width, timeZone: 'UTC' }).format(date);
}

/** Working days as "Mo–Fr" when consecutive, else a list. */
export function workingDaysLabel(days: readonly number[], language: Language): string {
  if (days.length === 0) return '—';
  const sorted = [...days].sort((a, b) => a - b);
  const consecutive = sorted.every((day, index) => index === 0 || day === (sorted[index - 1] ?? 0) + 1);
  if (consecutive && sorted.length > 2) return `${weekdayLabel(sorted[0] ?? 1, language)}–${weekdayLabel(sorted[sorted.length - 1] ?? 1, language)}`;
  return sorted.map((day) => weekdayLabel(day, language)).join(', ');
}

/** The shifts as "Früh 06:00–14:00, …". */
export function shiftsLabel(shifts: SiteView['shifts']): string {
  return shifts.length === 0 ? '—' : shifts.map((shift) => `${shift.name} ${shift.start}–${shift.end}`).join(', ');
}

/** The translated label of a segment zone type. */
export function zoneTypeLabel(t: TFunction, zoneType: string): string {
  return t(`segments.zoneTypes.${zoneType}`, { defaultValue: zoneType });
}
