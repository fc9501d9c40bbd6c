import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** A session just created: the cookie value is known only now and never stored. */
export interface NewSession {
  id: string;
  cookieValue: string;
  csrfToken: string;
  expiresAt: string;
}

/** Inserts a session for `userId` that lasts `hours`. */
export async function insertSession(
  db: Kysely<Database>,
  input: { userId: string; now: Date; hours: number; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const cookieValue = newSecret();
  const id = hashSecret(cookieValue);
  const csrfToken = newSecret();
  const createdAt = input.now.toISOString();
  const expiresAt = new Date(input.now.getTime() + input.hours * 3_600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: createdAt,
      expires_at: expiresAt,
      last_seen_at: createdAt,
      step_up_at: createdAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { id, cookieValue, csrfToken, expiresAt };
}

/** Deletes one session (sessions are not history). */
export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Deletes every session of a user, except `keepSessionId` when given. */
export async function deleteUserSessions(db: Kysely<Database>, userId: string, keepSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}

/**
 * Deletes what authentication no longer needs at `now`: expired sessions, login failures older
 * than `failureWindowMs` and setup tokens that were used or expired. Returns the rows removed.
 */
export async function pruneAuthenticationRecords(db: Kysely<Database>, now: Date, failureWindowMs: number): Promise<number> {
  const at = now.toISOString();
  const results = await Promise.all([
    db.deleteFrom('sessions').where('expires_at', '<=', at).executeTakeFirst(),
    db.deleteFrom('login_failures').where('at', '<=', new Date(now.getTime() - failureWindowMs).toISOString()).executeTakeFirst(),
    db.deleteFrom('setup_tokens').where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', at)])).executeTakeFirst(),
  ]);
  return results.reduce((sum, result) => sum + Number(result.numDeletedRows), 0);
}
