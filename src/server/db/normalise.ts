/**
 * Trimmed, NFKC-normalised, lower-cased: how user-visible keys (usernames, site keys, machine ids)
 * are compared. Stored in `*_norm` columns because SQLite folds only ASCII case.
 */
export function normaliseKey(value: string): string {
  return value.trim().normalize('NFKC').toLowerCase();
}
