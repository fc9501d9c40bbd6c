import type { AppContext } from '../../context.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { systemActor } from '../../policies/actor.ts';
import { findUserRowByUsername, type UserRow } from '../users/users.repository.ts';
import { ipFailuresSince, isIpLimited, isLocked, lockAfterFailures, USER_FAILURE_LIMIT, userFailuresSince } from './login-rules.ts';
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

async function countFailures(ctx: AppContext, column: 'ip' | 'username_norm', value: string, since: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where(column, '=', value)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Records one failed login and locks the account when it reaches the limit. Returns the end of
 * the lock this failure caused, or null. The lock is set by one conditional UPDATE, so concurrent
 * processes lock (and audit) once.
 */
async function recordFailure(ctx: AppContext, usernameNorm: string, ip: string, user: UserRow | undefined): Promise<string | null> {
  const now = ctx.clock.now();
  return withWrite(ctx, async (write) => {
    const { trx } = write;
    await trx.insertInto('login_failures').values({ username_norm: usernameNorm, ip, at: now.toISOString() }).execute();
    if (!user || user.disabled === 1) return null;
    const current = await trx.selectFrom('users').select(['locked_until']).where('id', '=', user.id).executeTakeFirst();
    if (!current || isLocked(current.locked_until, now)) return null;
    const counted = await trx
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('username_norm', '=', usernameNorm)
      .where('at', '>', userFailuresSince(now, current.locked_until))
      .executeTakeFirstOrThrow();
    const until = lockAfterFailures(Number(counted.count), now);
    if (!until) return null;
    const result = await trx
      .updateTable('users')
      .set({ locked_until: until })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    await write.audit({
      actor: systemActor,
      role: null,
      action: 'user.lock',
      objectType: 'user',
      objectId: user.id,
      siteId: null,
      summary: `Locked ${JSON.stringify(user.username)} after ${USER_FAILURE_LIMIT} failed logins until ${until}`,
    });
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
  if (isIpLimited(await countFailures(ctx, 'ip', input.ip, ipFailuresSince(now)))) {
    ctx.logger.warn({ ip: input.ip }, 'login refused: too many failures from this address');
    throw new AppError('RATE_LIMITED');
  }
  const user = await findUserRowByUsername(ctx.db, input.username);
  if (user && isLocked(user.locked_until, now)) {
    await recordFailure(ctx, usernameNorm, input.ip, user);
    throw new AppError('ACCOUNT_LOCKED', { until: user.locked_until! });
  }
  const usable = user && user.disabled === 0 && user.auth_source === 'local' && user.password_hash;
  const valid = usable ? await verifyPassword(user.password_hash!, input.password) : await verifyAgainstNothing(input.password);
  if (!valid || !user) {
    const lockedUntil = await recordFailure(ctx, usernameNorm, input.ip, user);
    ctx.logger.info({ username: input.username, ip: input.ip, locked: lockedUntil !== null }, 'login failed');
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { until: lockedUntil });
    throw new AppError('INVALID_CREDENTIALS');
  }
  // The username's failures are settled by a successful login; the IP's other failures still count.
  await ctx.db.deleteFrom('login_failures').where('username_norm', '=', usernameNorm).execute();
  const session = await insertSession(ctx.db, { userId: user.id, now, hours: ctx.config.sessionHours, ip: input.ip, userAgent: input.userAgent });
  ctx.logger.info({ user_id: user.id, ip: input.ip }, 'login');
  return { userId: user.id, session };
}
