import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { insertGrant } from '../users/grants.repository.ts';
import { anyUserExists } from '../users/users.repository.ts';
import { parseInput } from '../../errors/validation.ts';
import { displayNameSchema, emailSchema, languageSchema, passwordSchema, usernameSchema } from '../users/users.schema.ts';
import { checkPasswordLength, hashPassword } from './passwords.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { insertSession, type NewSession } from './sessions.repository.ts';
import { normaliseKey } from '../../db/normalise.ts';

/** How long a setup token is valid. */
export const SETUP_TOKEN_HOURS = 24;

export const setupBodySchema = z.strictObject({
  token: z.string().min(1).max(200),
  username: usernameSchema,
  password: passwordSchema,
  display_name: displayNameSchema,
  email: emailSchema.nullable().optional(),
  language: languageSchema.optional(),
});

export type SetupInput = z.input<typeof setupBodySchema>;

/** True while no user exists, i.e. the first admin still has to be set up. */
export async function setupRequired(ctx: Pick<AppContext, 'db'>): Promise<boolean> {
  return !(await anyUserExists(ctx.db));
}

/**
 * With no user: invalidates earlier unused setup tokens, stores a new one (hashed, valid 24 h) and
 * returns its secret. With users: null.
 */
export async function ensureSetupToken(ctx: AppContext): Promise<string | null> {
  if (!(await setupRequired(ctx))) return null;
  const secret = newSecret();
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  await withWrite(ctx, async ({ trx }) => {
    await trx.updateTable('setup_tokens').set({ expires_at: nowIso }).where('used_at', 'is', null).where('expires_at', '>', nowIso).execute();
    await trx
      .insertInto('setup_tokens')
      .values({
        id: randomUUID(),
        token_hash: hashSecret(secret),
        created_at: nowIso,
        expires_at: new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000).toISOString(),
        used_at: null,
      })
      .execute();
  });
  return secret;
}

/** The one-time setup link for a token. */
export function setupUrl(config: Pick<Config, 'publicUrl'>, token: string): string {
  return `${config.publicUrl}/setup?token=${encodeURIComponent(token)}`;
}

/**
 * Consumes a setup token and creates the first all-sites admin, logged in. SETUP_TOKEN_INVALID
 * when the token is unknown, expired or used; SETUP_COMPLETE when a user exists already (e.g. made
 * with the CLI). Nothing is written on refusal.
 */
export async function completeSetup(
  ctx: AppContext,
  input: SetupInput,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ userId: string; session: NewSession }> {
  const parsed = parseInput(setupBodySchema, input);
  const tokenHash = hashSecret(parsed.token);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const usable = await ctx.db
    .selectFrom('setup_tokens')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  if (!usable) throw new AppError('SETUP_TOKEN_INVALID');
  if (!(await setupRequired(ctx))) throw new AppError('SETUP_COMPLETE');
  checkPasswordLength(parsed.password);
  const passwordHash = await hashPassword(parsed.password);
  const userId = randomUUID();
  const actor: Actor = {
    kind: 'user',
    userId,
    name: parsed.username,
    via: 'web',
    grants: [{ role: 'admin', scope: { kind: 'all' }, expiresAt: null }],
    language: parsed.language ?? 'de',
  };
  await withWrite(ctx, async (write) => {
    const { trx } = write;
    // Consuming the token and checking for users inside one write transaction makes a second,
    // concurrent setup fail instead of creating a second admin.
    const consumed = await trx
      .updateTable('setup_tokens')
      .set({ used_at: nowIso })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .executeTakeFirst();
    if (Number(consumed.numUpdatedRows) !== 1) throw new AppError('SETUP_TOKEN_INVALID');
    if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) throw new AppError('SETUP_COMPLETE');
    await trx
      .insertInto('users')
      .values({
        id: userId,
        username: parsed.username,
        username_norm: normaliseKey(parsed.username),
        display_name: parsed.display_name,
        email: parsed.email ?? null,
        qualification: null,
        language: parsed.language ?? 'de',
        company: null,
        auth_source: 'local',
        external_subject: null,
        password_hash: passwordHash,
        password_changed_at: nowIso,
        disabled: 0,
        locked_until: null,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    await insertGrant(trx, { userId, role: 'admin', scope: { kind: 'all' }, expiresAt: null, createdBy: null, createdAt: nowIso });
    const summary = `Created the first administrator ${JSON.stringify(parsed.username)} (admin on all) with the setup link`;
    await write.audit({ actor, role: 'admin', action: 'user.create', objectType: 'user', objectId: userId, siteId: null, summary });
    await write.audit({ actor, role: 'admin', action: 'setup.complete', objectType: 'user', objectId: userId, siteId: null, summary: 'Completed the first-run setup' });
  });
  ctx.logger.info({ user_id: userId }, 'setup complete');
  const session = await insertSession(ctx.db, { userId, now, hours: ctx.config.sessionHours, ip: client.ip, userAgent: client.userAgent });
  return { userId, session };
}
