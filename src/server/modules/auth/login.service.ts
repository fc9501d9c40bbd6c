import type { AppContext } from '../../context.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withWrite, type WriteScope } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { systemActor } from '../../policies/actor.ts';
import { findUserRowByUsername, type UserRow } from '../users/users.repository.ts';
import { attemptsExhausted, ipFailuresSince, isIpLimited, isLocked, lockAfterFailures, USER_FAILURE_LIMIT, userFailuresSince } from './login-rules.ts';
import { verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { insertSession, type NewSession } from './sessions.repository.ts';
import { normaliseKey } from '../../db/normalise.ts';

/** Input of `login`. */
export interface LoginInput {
  username: string;
  password: string;
  /** Client address (honours X-Forwarded-For only with trust proxy). */
  ip: string;
  userAgent: string | null;
}

/** A successful login: the user and the new session. */
export interface LoginResult {
  userId: string;
  session: NewSession;
}

/** Why an attempt was refused before its password was checked. */
type Refusal = { code: 'RATE_LIMITED' } | { code: 'ACCOUNT_LOCKED'; until: string };

async function countFailures(trx: Kysely<Database>, column: 'ip' | 'username_norm', value: string, since: string): Promise<number> {
  const row = await trx
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where(column, '=', value)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Locks the account until `until` (one conditional UPDATE, audited once); false when it already was. */
async function lockAccount(write: WriteScope, user: UserRow, now: Date, until: string): Promise<boolean> {
  const result = await write.trx
    .updateTable('users')
    .set({ locked_until: until })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await write.audit({
    actor: systemActor,
    role: null,
    action: 'user.lock',
    objectType: 'user',
    objectId: user.id,
    siteId: null,
    summary: `Locked ${JSON.stringify(user.username)} after ${USER_FAILURE_LIMIT} failed logins until ${until}`,
  });
  return true;
}

/**
 * Admits one attempt before its password is checked, or refuses it. An admitted attempt is recorded
 * as a failure at once (a successful login removes it), so guesses sent in parallel count against
 * the limits while they run: at most USER_FAILURE_LIMIT passwords are ever checked per window.
 */
async function admitAttempt(ctx: AppContext, usernameNorm: string, ip: string, user: UserRow | undefined): Promise<Refusal | null> {
  const now = ctx.clock.now();
  return withWrite(ctx, async (write) => {
    const { trx } = write;
    if (isIpLimited(await countFailures(trx, 'ip', ip, ipFailuresSince(now)))) return { code: 'RATE_LIMITED' };
    await trx.insertInto('login_failures').values({ username_norm: usernameNorm, ip, at: now.toISOString() }).execute();
    if (!user || user.disabled === 1) return null;
    const current = await trx.selectFrom('users').select(['locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    if (isLocked(current.locked_until, now)) return { code: 'ACCOUNT_LOCKED', until: current.locked_until! };
    const attempts = await countFailures(trx, 'username_norm', usernameNorm, userFailuresSince(now, current.locked_until));
    if (!attemptsExhausted(attempts)) return null;
    const until = lockAfterFailures(attempts, now)!;
    await lockAccount(write, user, now, until);
    return { code: 'ACCOUNT_LOCKED', until };
  });
}

/** After a wrong password: locks the account when its failures reach the limit; returns the lock's end or null. */
async function settleFailure(ctx: AppContext, usernameNorm: string, user: UserRow | undefined): Promise<string | null> {
  if (!user || user.disabled === 1) return null;
  const now = ctx.clock.now();
  return withWrite(ctx, async (write) => {
    const current = await write.trx.selectFrom('users').select(['locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    if (isLocked(current.locked_until, now)) return current.locked_until;
    const failures = await countFailures(write.trx, 'username_norm', usernameNorm, userFailuresSince(now, current.locked_until));
    const until = lockAfterFailures(failures, now);
    if (!until) return null;
    await lockAccount(write, user, now, until);
    return until;
  });
}

/**
 * Checks a username and password and opens a session. Refuses an IP with too many recent failures
 * (RATE_LIMITED) and a locked account even with the right password (ACCOUNT_LOCKED); unknown
 * users, disabled users and wrong passwords are all INVALID_CREDENTIALS and count as failures.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = ctx.clock.now();
  const usernameNorm = normaliseKey(input.username);
  const user = await findUserRowByUsername(ctx.db, input.username);
  const refusal = await admitAttempt(ctx, usernameNorm, input.ip, user);
  if (refusal?.code === 'RATE_LIMITED') {
    ctx.logger.warn({ ip: input.ip }, 'login refused: too many failures from this address');
    throw new AppError('RATE_LIMITED');
  }
  if (refusal) throw new AppError('ACCOUNT_LOCKED', { until: refusal.until });
  const usable = user && user.disabled === 0 && user.auth_source === 'local' && user.password_hash;
  const valid = usable ? await verifyPassword(user.password_hash!, input.password) : await verifyAgainstNothing(input.password);
  if (!valid || !user) {
    const lockedUntil = await settleFailure(ctx, usernameNorm, user);
    ctx.logger.info({ username: input.username, ip: input.ip, locked: lockedUntil !== null }, 'login failed');
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { until: lockedUntil });
    throw new AppError('INVALID_CREDENTIALS');
  }
  // The username's failures, this attempt's included, are settled by a successful login; the IP's
  // failures for other usernames still count.
  await ctx.db.deleteFrom('login_failures').where('username_norm', '=', usernameNorm).execute();
  const session = await insertSession(ctx.db, { userId: user.id, now, hours: ctx.config.sessionHours, ip: input.ip, userAgent: input.userAgent });
  ctx.logger.info({ user_id: user.id, ip: input.ip }, 'login');
  return { userId: user.id, session };
}
