import { AppError } from '../../errors/app-error.ts';
import type { Actor, ActorGrant } from '../../policies/actor.ts';
import { authorize, policies, type Action } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import { scopeContains, scopesIntersect, type Scope } from '../../policies/scope.ts';

// Users are global objects; who may see and manage one follows from the scopes of its grants.

/** What the user policies need to know about the target user. */
export interface UserTarget {
  id: string;
  disabled: boolean;
  /** The target's unrevoked grants (expired ones included). */
  grants: readonly { scope: Scope }[];
}

/** The actions offered on a user object, in `allowed_actions` order. */
export const userActions = [
  'user.update',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'grant.create',
  'grant.revoke',
] as const satisfies readonly Action[];

export type UserAction = (typeof userActions)[number];

function grantsFor(actor: Actor, action: Action): Actor['grants'] {
  const allowed: readonly Role[] = policies[action];
  return actor.grants.filter((grant) => allowed.includes(grant.role));
}

/**
 * True when the actor may see the user: it is themself, or they hold user.read with scope all, or
 * a user.read grant's scope intersects one of the target's grants.
 */
export function canSeeUser(actor: Actor, target: UserTarget, machineSites: ReadonlyMap<string, string>): boolean {
  if (actor.userId !== null && actor.userId === target.id) return true;
  const readers = grantsFor(actor, 'user.read');
  if (readers.some((grant) => grant.scope.kind === 'all')) return true;
  return readers.some((grant) => target.grants.some((targetGrant) => scopesIntersect(grant.scope, targetGrant.scope, machineSites)));
}

/** The actor's grant role that permits `action` on the user: a grant whose scope contains every grant of the target. */
function managingRole(actor: Actor, action: Action, target: UserTarget, machineSites: ReadonlyMap<string, string>): Role | null {
  // A user without grants belongs to no site: only an all-sites grant may manage them (otherwise
  // "contains every grant" would hold vacuously for any site admin).
  const covers = (own: ActorGrant): boolean =>
    target.grants.length === 0
      ? own.scope.kind === 'all'
      : target.grants.every((targetGrant) => scopeContains(own.scope, targetGrant.scope, machineSites));
  return grantsFor(actor, action).find(covers)?.role ?? null;
}

/**
 * Throws unless the actor may see the user: FORBIDDEN when the user shares a site or machine with
 * one of the actor's grants (in scope) but no grant may read users, NOT_FOUND otherwise.
 */
export function authorizeUserRead(actor: Actor, target: UserTarget, machineSites: ReadonlyMap<string, string>): void {
  if (canSeeUser(actor, target, machineSites)) return;
  const inScope = actor.grants.some((grant) => target.grants.some((targetGrant) => scopesIntersect(grant.scope, targetGrant.scope, machineSites)));
  throw new AppError(inScope ? 'FORBIDDEN' : 'NOT_FOUND');
}

/**
 * Throws NOT_FOUND when the actor may not see the user, FORBIDDEN when they may see but not manage
 * it with `action`. Returns the role the action is done under.
 */
export function authorizeUserManage(actor: Actor, action: UserAction, target: UserTarget, machineSites: ReadonlyMap<string, string>): Role {
  authorizeUserRead(actor, target, machineSites);
  const role = managingRole(actor, action, target, machineSites);
  if (!role) throw new AppError('FORBIDDEN');
  return role;
}

/** The user actions the actor may take on the target in its current state. */
export function userAllowedActions(actor: Actor, target: UserTarget, machineSites: ReadonlyMap<string, string>): UserAction[] {
  if (!canSeeUser(actor, target, machineSites)) return [];
  const self = actor.userId !== null && actor.userId === target.id;
  return userActions.filter((action) => {
    if (action === 'user.disable' && target.disabled) return false;
    if (action === 'user.enable' && !target.disabled) return false;
    if (self && (action === 'grant.create' || action === 'grant.revoke' || action === 'user.password_reset' || action === 'user.disable')) return false;
    return managingRole(actor, action, target, machineSites) !== null;
  });
}

/** Throws FORBIDDEN unless the actor holds `action` somewhere (listing needs user.read). */
export function authorizeUserList(actor: Actor): Role {
  return authorize(actor, 'user.read', 'global');
}
