import { normaliseKey } from '../../db/normalise.ts';

// Pure rules of framework contracts and test templates: the validity status, the date range and
// what changed between two versions of a template's items.

/** Where a contract stands on a given day. */
export type ContractStatus = 'active' | 'expired' | 'not_yet_valid';

/** The validity dates of a contract (YYYY-MM-DD, either open). */
export interface Validity {
  valid_from: string | null;
  valid_until: string | null;
}

/**
 * The status on `today` (YYYY-MM-DD): not yet valid before `valid_from`, expired after
 * `valid_until` (both days count as valid), active otherwise; open ends never limit.
 */
export function contractStatus(validity: Validity, today: string): ContractStatus {
  if (validity.valid_from !== null && today < validity.valid_from) return 'not_yet_valid';
  if (validity.valid_until !== null && today > validity.valid_until) return 'expired';
  return 'active';
}

/** True when the range ends before it starts (a one-day range is fine). */
export function isRangeInverted(validity: Validity): boolean {
  return validity.valid_from !== null && validity.valid_until !== null && validity.valid_until < validity.valid_from;
}

/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string): string => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The fields of a test item that count as its content. */
export interface TemplateItemContent {
  key: string;
  group: string;
  description_de: string | null;
  description_en: string | null;
  expected_de: string | null;
  expected_en: string | null;
}

/** Item keys added, removed or changed between two versions, and whether the kept items moved. */
export interface TemplateItemChanges {
  added: string[];
  removed: string[];
  changed: string[];
  reordered: boolean;
}

/** Compares the items of two versions of a template by key (case-insensitive). */
export function templateItemChanges(before: readonly TemplateItemContent[], after: readonly TemplateItemContent[]): TemplateItemChanges {
  const beforeByKey = new Map(before.map((item) => [normaliseKey(item.key), item]));
  const afterKeys = new Set(after.map((item) => normaliseKey(item.key)));
  const content = (item: TemplateItemContent): string =>
    JSON.stringify([item.key, item.group, item.description_de, item.description_en, item.expected_de, item.expected_en]);
  const added = after.filter((item) => !beforeByKey.has(normaliseKey(item.key))).map((item) => item.key);
  const removed = before.filter((item) => !afterKeys.has(normaliseKey(item.key))).map((item) => item.key);
  const changed = after.filter((item) => {
    const previous = beforeByKey.get(normaliseKey(item.key));
    return previous !== undefined && content(previous) !== content(item);
  }).map((item) => item.key);
  const keptBefore = before.map((item) => normaliseKey(item.key)).filter((key) => afterKeys.has(key));
  const keptAfter = after.map((item) => normaliseKey(item.key)).filter((key) => beforeByKey.has(key));
  return { added, removed, changed, reordered: keptBefore.join('\u0000') !== keptAfter.join('\u0000') };
}

/** One line for the audit log: `added "S3"; removed "S2"; changed "S1"; reordered` or `items unchanged`. */
export function describeItemChanges(changes: TemplateItemChanges): string {
  const list = (keys: string[]): string => keys.map((key) => JSON.stringify(key)).join(', ');
  const parts = [
    ...(changes.added.length > 0 ? [`added ${list(changes.added)}`] : []),
    ...(changes.removed.length > 0 ? [`removed ${list(changes.removed)}`] : []),
    ...(changes.changed.length > 0 ? [`changed ${list(changes.changed)}`] : []),
    ...(changes.reordered ? ['reordered'] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : 'items unchanged';
}
