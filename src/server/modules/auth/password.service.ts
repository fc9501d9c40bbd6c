import type { AppContext } from '../../context.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { findUserRow, updateUserVersioned } from '../users/users.repository.ts';
import { parseInput } from '../../errors/validation.ts';
import { passwordSchema } from '../users/users.schema.ts';
import { checkPasswordLength, hashPassword, verifyPassword } from './passwords.ts';
import { deleteUserSessions } from './sessions.repository.ts';

/** Input of `changeOwnPassword`. */
export interface ChangePasswordInput {
  /** Proves the person at the keyboard knows the password. */
  currentPassword: string;
  /** At least 12 characters. */
  newPassword: string;
}

/**
 * Changes the logged-in user's password after checking the current one, and ends their other
 * sessions. Only for cookie sessions: an API token cannot change its user's password.
 */
export async function changeOwnPassword(ctx: AppContext, actor: Actor, input: ChangePasswordInput): Promise<void> {
  if (!actor.userId || !actor.sessionId) throw new AppError('FORBIDDEN');
  const userId = actor.userId;
  const keepSession = actor.sessionId;
  const newPassword = parseInput(passwordSchema, input.newPassword);
  const user = await findUserRow(ctx.db, userId);
  if (!user?.password_hash) throw new AppError('FORBIDDEN');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw new AppError('PASSWORD_INCORRECT');
  checkPasswordLength(newPassword);
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.clock.now().toISOString();
  await withWrite(ctx, async (write) => {
    const { trx } = write;
    await updateUserVersioned(trx, userId, null, { password_hash: passwordHash, password_changed_at: now }, now);
    await deleteUserSessions(trx, userId, keepSession);
    await write.audit({ actor, role: null, action: 'user.password_change', objectType: 'user', objectId: userId, siteId: null, summary: `Changed own password of ${JSON.stringify(user.username)}` });
  });
}
