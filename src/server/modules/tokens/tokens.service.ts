import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize } from '../../policies/policies.ts';
import { API_TOKEN_PREFIX } from '../auth/authenticate.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { resolveScope, scopeFormatter } from '../users/grants.repository.ts';
import { parseInput } from '../../errors/validation.ts';
import { checkTokenExpiry, checkTokenWithinGrants } from './token-rules.ts';
import { insertToken, listUserTokens, markTokenRevoked, type TokenRecord } from './tokens.repository.ts';
import { createTokenBodySchema, type CreateTokenInput, type CreatedToken, type TokenView } from './tokens.schema.ts';

/** Characters of a token kept in clear to recognise it in lists (`pwt_` + 8). */
const PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;

function ownerOf(actor: Actor): string {
  if (!actor.userId) throw new AppError('FORBIDDEN');
  return actor.userId;
}

async function present(ctx: AppContext, actor: Actor, records: TokenRecord[]): Promise<TokenView[]> {
  const format = await scopeFormatter(ctx.db, records.map((record) => record.scope));
  return records.map(({ row, scope }) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    scope: format(scope),
    expires_at: row.expires_at,
    created_at: row.created_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
    allowed_actions: row.revoked_at ? [] : allowedActions(actor, ['token.revoke'], 'global'),
  }));
}

/** The actor's own API tokens, revoked and expired ones included. */
export async function listOwnTokens(ctx: AppContext, actor: Actor): Promise<TokenView[]> {
  return present(ctx, actor, await listUserTokens(ctx.db, ownerOf(actor)));
}

/**
 * Creates an API token for the actor, limited to one role the actor holds and a scope within that
 * grant, expiring within a year. The secret is returned once and only its hash is stored. Not with
 * an API token (FORBIDDEN).
 */
export async function createToken(ctx: AppContext, actor: Actor, input: CreateTokenInput): Promise<CreatedToken> {
  const userId = ownerOf(actor);
  // A token minted with a token would outlive the revocation of a leaked parent: only sessions mint.
  if (actor.tokenId) throw new AppError('FORBIDDEN');
  const role = authorize(actor, 'token.create', 'global');
  const parsed = parseInput(createTokenBodySchema, input);
  const now = ctx.clock.now();
  checkTokenExpiry(parsed.expires_at, now);
  const resolved = await resolveScope(ctx.db, parsed.scope);
  // Checked against the actor's grants: a session's are the user's, a token's only its own limits.
  checkTokenWithinGrants(actor.grants, parsed.role, resolved.scope, resolved.machineSites);
  const secret = newSecret(API_TOKEN_PREFIX);
  const id = randomUUID();
  await withWrite(ctx, async (write) => {
    const { trx } = write;
    await insertToken(
      trx,
      {
        id,
        user_id: userId,
        name: parsed.name,
        token_hash: hashSecret(secret),
        prefix: secret.slice(0, PREFIX_LENGTH),
        role: parsed.role,
        scope_kind: resolved.scope.kind,
        expires_at: parsed.expires_at,
        created_at: now.toISOString(),
        last_used_at: null,
        revoked_at: null,
      },
      resolved.scope,
    );
    await write.audit({
      actor,
      role,
      action: 'token.create',
      objectType: 'api_token',
      objectId: id,
      siteId: null,
      summary: `Created API token ${JSON.stringify(parsed.name)} (${parsed.role} on ${resolved.text} until ${parsed.expires_at})`,
    });
  });
  const [view] = await present(ctx, actor, await listUserTokens(ctx.db, userId, id));
  return { ...view!, token: secret };
}

/** Revokes one of the actor's own tokens; other users' tokens are NOT_FOUND. */
export async function revokeToken(ctx: AppContext, actor: Actor, tokenId: string): Promise<TokenView> {
  const userId = ownerOf(actor);
  const [existing] = await listUserTokens(ctx.db, userId, tokenId);
  if (!existing) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'token.revoke', 'global');
  if (!existing.row.revoked_at) {
    await withWrite(ctx, async (write) => {
    const { trx } = write;
      const row = await markTokenRevoked(trx, tokenId, userId, ctx.clock.now().toISOString());
      if (!row) return;
      await write.audit({ actor, role, action: 'token.revoke', objectType: 'api_token', objectId: tokenId, siteId: null, summary: `Revoked API token ${JSON.stringify(row.name)}` });
    });
  }
  const [view] = await present(ctx, actor, await listUserTokens(ctx.db, userId, tokenId));
  return view!;
}
