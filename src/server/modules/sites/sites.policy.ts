import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, policies, scopeFilter, type Action } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';

// Sites, areas and segments belong to a site: actions on them are checked at { siteId }. Creating
// a site is the exception: it needs a site.create grant for all sites, since a site-scoped admin
// would otherwise create sites outside their own scope.

/** The actions offered on a site object, in `allowed_actions` order. */
export const siteActions = ['site.read', 'site.update'] as const satisfies readonly Action[];
/** The actions offered on an area object. */
export const areaActions = ['area.read', 'area.update'] as const satisfies readonly Action[];
/** The actions offered on a segment object. */
export const segmentActions = ['segment.read', 'segment.update'] as const satisfies readonly Action[];

/** The role of a grant for all sites that permits `site.create`, or null. */
function allSitesCreatorRole(actor: Actor): Role | null {
  const allowed: readonly Role[] = policies['site.create'];
  return actor.grants.find((grant) => grant.scope.kind === 'all' && allowed.includes(grant.role))?.role ?? null;
}

/** True when the actor may create sites (an admin for all sites). */
export function canCreateSites(actor: Actor): boolean {
  return allSitesCreatorRole(actor) !== null;
}

/** Throws FORBIDDEN unless the actor may create sites; returns the role it is done under. */
export function authorizeSiteCreate(actor: Actor): Role {
  authorize(actor, 'site.create', 'global');
  const role = allSitesCreatorRole(actor);
  if (!role) throw new AppError('FORBIDDEN');
  return role;
}

/** True when the actor may do `action` in at least one site (for list-level `allowed_actions`). */
export function mayDoSomewhere(actor: Actor, action: Action): boolean {
  const filter = scopeFilter(actor, action);
  return filter.all || filter.siteIds.length > 0;
}
