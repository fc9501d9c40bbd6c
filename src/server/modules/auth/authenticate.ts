import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, ActorGrant } from '../../policies/actor.ts';
import { isRole } from '../../policies/roles.ts';
import { scopeContains } from '../../policies/scope.ts';
import { loadActiveGrants, scopeFromRows } from '../users/grants.repository.ts';
import { hashSecret } from './secrets.ts';

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'patchwerk_session';
/** Prefix of API tokens, so leaked tokens are recognisable. */
export const API_TOKEN_PREFIX = 'pwt_';

/** A resolved cookie session: its actor and the CSRF token writes must echo. */
export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

/** The session of a cookie, or null when it is unknown, expired or its user disabled. */
export async function resolveSession(db: Kysely<Database>, cookieValue: string, now: Date): Promise<ResolvedSession | null> {
  const session = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'users.id as user_id', 'users.username', 'users.language', 'users.disabled'])
    .where('sessions.id', '=', hashSecret(cookieValue))
    .executeTakeFirst();
  if (!session || session.disabled || session.expires_at <= now.toISOString()) return null;
  // last_seen_at is bookkeeping, not a state change: it is not audited and written at most once a minute.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', session.id).execute();
  }
  const actor: Actor = {
    kind: 'user',
    userId: session.user_id,
    name: session.username,
    via: 'web',
    grants: await loadActiveGrants(db, session.user_id, now),
    language: session.language,
    sessionId: session.id,
  };
  return { actor, csrfToken: session.csrf_token };
}

/**
 * The actor of an API token: the token's own role and scope, and only while the user still holds an
 * active grant of that role whose scope contains it (a token never outlives or exceeds its grant).
 */
export async function actorFromToken(db: Kysely<Database>, token: string, now: Date): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.role', 'api_tokens.scope_kind', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at',
      'users.id as user_id', 'users.username', 'users.language', 'users.disabled'])
    .where('api_tokens.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.revoked_at || row.expires_at <= now.toISOString() || !isRole(row.role)) return null;
  const [sites, machines] = await Promise.all([
    db.selectFrom('api_token_sites').select('site_id').where('token_id', '=', row.id).execute(),
    db.selectFrom('api_token_machines')
      .innerJoin('machines', 'machines.id', 'api_token_machines.machine_id')
      .select(['machines.id', 'machines.site_id'])
      .where('token_id', '=', row.id)
      .execute(),
  ]);
  const scope = scopeFromRows(row.scope_kind, sites.map((s) => s.site_id), machines.map((m) => m.id));
  const machineSites = new Map(machines.map((m) => [m.id, m.site_id]));
  const userGrants = await loadActiveGrants(db, row.user_id, now);
  const backed = userGrants.some((grant) => grant.role === row.role && scopeContains(grant.scope, scope, machineSites));
  if (!backed) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  const grant: ActorGrant = { role: row.role, scope, expiresAt: row.expires_at };
  return { kind: 'user', userId: row.user_id, name: row.username, via: 'api', grants: [grant], language: row.language, tokenId: row.id };
}
