import { AppError } from '../../errors/app-error.ts';
import { invalidField } from '../../errors/validation.ts';
import type { ActorGrant } from '../../policies/actor.ts';
import type { Role } from '../../policies/roles.ts';
import { scopeContains, type Scope } from '../../policies/scope.ts';

// Rules for API tokens: pure functions, unit-tested.

/** A token's role must be one the owner holds, its scope within that grant's scope. */
export function checkTokenWithinGrants(
  grants: readonly ActorGrant[],
  role: Role,
  scope: Scope,
  machineSites: ReadonlyMap<string, string>,
): void {
  if (!grants.some((grant) => grant.role === role && scopeContains(grant.scope, scope, machineSites))) throw new AppError('GRANT_EXCEEDS_SCOPE');
}

/** The latest expiry a token created at `now` may have: one year ahead. */
export function latestTokenExpiry(now: Date): Date {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  return limit;
}

/** A token expires in the future and at most one year ahead (VALIDATION_FAILED otherwise). */
export function checkTokenExpiry(expiresAt: string, now: Date): void {
  if (expiresAt <= now.toISOString()) throw invalidField('EXPIRY_IN_PAST', '/expires_at', { value: expiresAt });
  if (expiresAt > latestTokenExpiry(now).toISOString()) throw invalidField('TOKEN_EXPIRY_TOO_LONG', '/expires_at', { value: expiresAt });
}
