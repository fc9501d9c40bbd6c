// Display helpers: dates in the user's locale and a zone, role, scope and audit action labels.
import type { TFunction } from 'i18next';
import type { Language } from './api-types.ts';
import { localeOf } from './i18n.ts';

/** Formats an ISO instant as date and time in the UI locale, in `timeZone` or the browser's zone. */
export function formatDateTime(iso: string | null | undefined, language: Language, timeZone?: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle/timeStyle refuse timeZoneName (TypeError), so a zoned time names its fields.
  const options: Intl.DateTimeFormatOptions = timeZone
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(localeOf(language), options).format(date);
}

/** Formats an ISO instant as a date only, in the UI locale. */
export function formatDate(iso: string | null | undefined, language: Language, timeZone?: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** The translated label of a role code. */
export function roleLabel(t: TFunction, role: string): string {
  return t(`roles.${role}`, { defaultValue: role });
}

/** A readable form of a scope text: "Alle Standorte", "Standorte: WERK1, WERK2", "Maschinen: DM-3". */
export function scopeLabel(t: TFunction, scope: string): string {
  const trimmed = scope.trim();
  if (trimmed.toLowerCase() === 'all') return t('scope.all');
  const match = /^(site|machine):(.+)$/i.exec(trimmed);
  if (!match) return trimmed;
  const keys = (match[2] ?? '').split(',').map((key) => key.trim()).join(', ');
  return match[1]?.toLowerCase() === 'site' ? t('scope.sites', { keys }) : t('scope.machines', { keys });
}

/** Converts a date input value (YYYY-MM-DD) to the end of that day in the browser's zone, as ISO. */
export function endOfDayIso(dateValue: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateValue)) return null;
  const [year, month, day] = dateValue.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 23, 59, 59, 999).toISOString();
}

/** The translated label of an audit action code (`user.create`); unknown codes stay as they are. */
export function actionLabel(t: TFunction, action: string): string {
  return /^[a-z_]+\.[a-z_]+$/.test(action) ? t(`auditActions.${action}`, { defaultValue: action }) : action;
}
