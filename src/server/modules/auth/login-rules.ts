// Login throttling rules: per-username lockout and per-IP limit, over failures kept in the database.

/** How far back failed logins count. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failed logins for one username within the window that lock the account. */
export const USER_FAILURE_LIMIT = 5;
/** Failed logins from one IP within the window after which the IP is refused. */
export const IP_FAILURE_LIMIT = 30;
/** How long a locked account stays locked. */
export const LOCK_MS = 15 * 60_000;

/** True while `lockedUntil` lies in the future. */
export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil > now.toISOString();
}

/**
 * Instant after which a username's failures count: the window start, or the end of the last lock
 * when that is later (failures that caused a lock do not count again once it has ended).
 */
export function userFailuresSince(now: Date, lockedUntil: string | null): string {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  return lockedUntil !== null && lockedUntil > windowStart ? lockedUntil : windowStart;
}

/** Instant after which an IP's failures count. */
export function ipFailuresSince(now: Date): string {
  return new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
}

/** The end of the lock that `failures` recent failures cause, or null when they cause none. */
export function lockAfterFailures(failures: number, now: Date): string | null {
  return failures >= USER_FAILURE_LIMIT ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
}

/**
 * True when the attempts counted for a username (the one being admitted included) exceed the
 * limit: earlier attempts, failed or still running, used it up, so this one is not checked.
 */
export function attemptsExhausted(attempts: number): boolean {
  return attempts > USER_FAILURE_LIMIT;
}

/** True when an IP has used up its failures. */
export function isIpLimited(failures: number): boolean {
  return failures >= IP_FAILURE_LIMIT;
}
