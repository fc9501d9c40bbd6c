import { AppError } from '../../errors/app-error.ts';
import { invalidField } from '../../errors/validation.ts';
import type { ActorGrant } from '../../policies/actor.ts';
import { policies } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import { scopeContains, type Scope } from '../../policies/scope.ts';

// Rules for granting rights (PRODUCT.md "Users and roles"): pure functions, unit-tested.

/** A grant someone wants to create. */
export interface GrantRequest {
  role: Role;
  scope: Scope;
  /** ISO instant, or null for no expiry. */
  expiresAt: string | null;
}

/** Vendor grants are machine-scoped and expire; an expiry lies in the future. */
export function checkGrantShape(grant: GrantRequest, now: Date): void {
  if (grant.role === 'vendor' && (grant.scope.kind !== 'machine' || grant.expiresAt === null)) throw new AppError('VENDOR_GRANT_INVALID');
  if (grant.expiresAt !== null && grant.expiresAt <= now.toISOString()) throw invalidField('EXPIRY_IN_PAST', '/expires_at', { value: grant.expiresAt });
}

/** The granter's grants that allow granting at all. */
function granting(granterGrants: readonly ActorGrant[]): ActorGrant[] {
  const allowed: readonly Role[] = policies['grant.create'];
  return granterGrants.filter((grant) => allowed.includes(grant.role));
}

/**
 * A grant never exceeds the granter's admin scope (GRANT_EXCEEDS_SCOPE), and only an all-sites
 * admin grants the admin role (ADMIN_GRANT_REQUIRES_ALL_SITES). `machineSites` maps the machines of
 * the requested scope to their sites.
 */
export function checkGrantWithinGranter(granterGrants: readonly ActorGrant[], grant: GrantRequest, machineSites: ReadonlyMap<string, string>): void {
  const adminGrants = granting(granterGrants);
  if (!adminGrants.some((own) => scopeContains(own.scope, grant.scope, machineSites))) throw new AppError('GRANT_EXCEEDS_SCOPE');
  if (grant.role === 'admin' && !adminGrants.some((own) => own.scope.kind === 'all')) throw new AppError('ADMIN_GRANT_REQUIRES_ALL_SITES');
}

/** Nobody changes their own grants. */
export function checkNotOwnGrants(actorUserId: string | null, targetUserId: string): void {
  if (actorUserId !== null && actorUserId === targetUserId) throw new AppError('OWN_GRANTS_IMMUTABLE');
}

/**
 * Refuses a change that leaves no active all-sites admin where there was one. `before` and `after`
 * are the ids of enabled users with an active all-sites admin grant.
 */
export function checkAdminRemains(before: readonly string[], after: readonly string[]): void {
  if (before.length > 0 && after.length === 0) throw new AppError('LAST_ADMIN');
}
