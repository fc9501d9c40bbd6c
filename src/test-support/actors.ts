import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/schema.ts';
import { CSRF_HEADER } from '../server/http/app.ts';
import { SESSION_COOKIE } from '../server/modules/auth/authenticate.ts';
import { hashSecret, newSecret } from '../server/modules/auth/secrets.ts';
import type { Role } from '../server/policies/roles.ts';
import type { Scope } from '../server/policies/scope.ts';

/** One grant of a test user. */
export interface TestGrant {
  role: Role;
  /** Database ids, as in Scope; defaults to all sites. */
  scope?: Scope;
  /** ISO instant, or null (default) for no expiry. */
  expiresAt?: string | null;
}

/** A test user: one grant (`role`, `scope`) or several (`grants`); no grant when neither is given. */
export interface TestUserOptions {
  username: string;
  role?: Role;
  scope?: Scope;
  expiresAt?: string | null;
  grants?: TestGrant[];
  displayName?: string;
  language?: 'de' | 'en';
  disabled?: boolean;
}

/** A logged-in test user and the headers that authenticate as them (cookie and CSRF token). */
export interface TestSession {
  userId: string;
  cookie: string;
  csrfToken: string;
  /** `cookie` and `x-csrf-token`: enough for reads and cookie-authenticated writes via app.inject. */
  headers: Record<string, string>;
}

/** Inserts a user with its grants (and their sites or machines), without a session. */
export async function insertUser(db: Kysely<Database>, options: TestUserOptions, now: Date): Promise<string> {
  const at = now.toISOString();
  const userId = randomUUID();
  await db.insertInto('users').values({
    id: userId,
    username: options.username,
    username_norm: options.username.trim().normalize('NFKC').toLowerCase(),
    display_name: options.displayName ?? options.username,
    email: null,
    qualification: null,
    language: options.language ?? 'en',
    company: null,
    auth_source: 'local',
    external_subject: null,
    password_hash: null,
    password_changed_at: null,
    disabled: options.disabled ? 1 : 0,
    locked_until: null,
    version: 1,
    created_at: at,
    updated_at: at,
  }).execute();
  const grants = options.grants ?? (options.role ? [{ role: options.role, scope: options.scope, expiresAt: options.expiresAt }] : []);
  for (const grant of grants) {
    const grantId = randomUUID();
    const scope = grant.scope ?? { kind: 'all' };
    await db.insertInto('grants').values({
      id: grantId, user_id: userId, role: grant.role, scope_kind: scope.kind, expires_at: grant.expiresAt ?? null, created_by: null, created_at: at,
    }).execute();
    if (scope.kind === 'site' && scope.siteIds.length > 0) {
      await db.insertInto('grant_sites').values(scope.siteIds.map((siteId) => ({ grant_id: grantId, site_id: siteId }))).execute();
    }
    if (scope.kind === 'machine' && scope.machineIds.length > 0) {
      await db.insertInto('grant_machines').values(scope.machineIds.map((machineId) => ({ grant_id: grantId, machine_id: machineId }))).execute();
    }
  }
  return userId;
}

/** Inserts a session for an existing user, valid for a day from `now`. */
export async function insertSession(db: Kysely<Database>, userId: string, now: Date): Promise<Omit<TestSession, 'userId'>> {
  const cookie = newSecret();
  const csrfToken = newSecret();
  await db.insertInto('sessions').values({
    id: hashSecret(cookie),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + 24 * 3600_000).toISOString(),
    last_seen_at: now.toISOString(),
    step_up_at: null,
    ip: null,
    user_agent: null,
  }).execute();
  return { cookie, csrfToken, headers: { cookie: `${SESSION_COOKIE}=${cookie}`, [CSRF_HEADER]: csrfToken } };
}

/** Inserts a user with grants and a session; `now` should be the test context's clock time. */
export async function createUserWithSession(db: Kysely<Database>, options: TestUserOptions, now: Date): Promise<TestSession> {
  const userId = await insertUser(db, options, now);
  return { userId, ...(await insertSession(db, userId, now)) };
}
