import { AppError } from '../errors/app-error.ts';
import type { Actor, ActorGrant } from './actor.ts';
import type { Role } from './roles.ts';
import { scopeCovers, type Placement } from './scope.ts';

// Declarative policies: which roles may do which action (noun.verb, as in PROCESS.md). Object-level
// rules (four eyes, state) live with the use cases that own them; scope is checked here for all.

const everyone: Role[] = ['admin', 'security_officer', 'engineering', 'maintenance', 'quality', 'setup', 'operator', 'auditor', 'vendor'];

export const policies = {
  'site.read': everyone,
  'site.create': ['admin'],
  'site.update': ['admin'],
  'area.read': everyone,
  'area.create': ['admin', 'engineering'],
  'area.update': ['admin', 'engineering'],
  'segment.read': everyone,
  'segment.create': ['admin', 'engineering'],
  'segment.update': ['admin', 'engineering'],
  'machine.read': everyone,
  'machine.create': ['admin', 'engineering'],
  'machine.update': ['admin', 'engineering'],
  'machine.decommission': ['admin'],
  'component.create': ['admin', 'engineering'],
  'component.update': ['admin', 'engineering'],
  'component.remove': ['admin', 'engineering'],
  'conduit.read': everyone,
  'conduit.create': ['admin', 'engineering'],
  'conduit.update': ['admin', 'engineering'],
  'conduit.delete': ['admin', 'engineering'],
  'broker.read': everyone,
  'broker.create': ['admin', 'engineering'],
  'broker.update': ['admin', 'engineering'],
  'broker.delete': ['admin', 'engineering'],
  'partner_system.read': everyone,
  'partner_system.create': ['admin', 'engineering'],
  'partner_system.update': ['admin', 'engineering'],
  'partner_system.delete': ['admin', 'engineering'],
  'contract.read': ['admin', 'security_officer', 'engineering', 'maintenance', 'quality', 'auditor'],
  'contract.create': ['admin', 'engineering'],
  'contract.update': ['admin', 'engineering'],
  'test_template.read': ['admin', 'security_officer', 'engineering', 'maintenance', 'quality', 'auditor', 'vendor'],
  'test_template.create': ['admin', 'engineering'],
  'test_template.update': ['admin', 'engineering'],
  'spare_part.read': everyone,
  'spare_part.create': ['admin', 'engineering', 'maintenance'],
  'spare_part.update': ['admin', 'engineering', 'maintenance'],
  'spare_part.delete': ['admin', 'engineering', 'maintenance'],
  'topology.read': everyone,
  'demo.generate': ['admin'],
  'demo.load': ['admin'],
  'inventory.import': ['admin', 'engineering'],
  'inventory.export': everyone,
  'advisory.import': ['admin', 'security_officer'],
  'advisory.read': everyone,
  'advisory.manual_create': ['admin', 'security_officer'],
  'advisory.manual_update': ['admin', 'security_officer'],
  'advisory.manual_link': ['admin', 'security_officer'],
  // Who reported a manual notice (name, organisation, phone or e-mail): those who see supplier contacts.
  'advisory.reporter_read': ['admin', 'security_officer', 'engineering', 'maintenance', 'quality', 'auditor'],
  // Which roles see advisories labelled TLP AMBER or RED.
  'settings.advisory_visibility': ['admin'],
  'kev.import': ['admin', 'security_officer'],
  'epss.import': ['admin', 'security_officer'],
  // Findings live in the site of their machine; whoever reads the machine reads them.
  'finding.read': everyone,
  'finding.mark_false_match': ['admin', 'security_officer', 'engineering'],
  'user.read': ['admin', 'security_officer', 'auditor'],
  'user.create': ['admin'],
  'user.update': ['admin'],
  'user.disable': ['admin'],
  'user.enable': ['admin'],
  'user.password_reset': ['admin'],
  'grant.create': ['admin'],
  'grant.revoke': ['admin'],
  'token.create': everyone,
  'token.revoke': everyone,
  'audit.read': ['admin', 'security_officer', 'auditor'],
  'audit.verify': ['admin', 'security_officer', 'auditor'],
  'artifact.upload': ['admin', 'security_officer', 'engineering', 'maintenance', 'quality', 'vendor'],
  'artifact.read': everyone,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof policies;

/** The grants of `actor` that cover `placement` ('global' for objects that belong to no site). */
export function grantsCovering(actor: Actor, placement: Placement | 'global'): ActorGrant[] {
  return placement === 'global' ? actor.grants : actor.grants.filter((grant) => scopeCovers(grant.scope, placement));
}

/** The role of a grant for all sites under which `actor` may do `action` (installation-wide changes), or null. */
export function allSitesRole(actor: Actor, action: Action): Role | null {
  const allowed: readonly Role[] = policies[action];
  return actor.grants.find((grant) => grant.scope.kind === 'all' && allowed.includes(grant.role))?.role ?? null;
}

/** The role under which `actor` may do `action` at `placement`, or null. */
export function permittedRole(actor: Actor, action: Action, placement: Placement | 'global'): Role | null {
  const allowed: readonly Role[] = policies[action];
  return grantsCovering(actor, placement).find((grant) => allowed.includes(grant.role))?.role ?? null;
}

/**
 * Throws NOT_FOUND when no grant of the actor covers the placement (out of scope looks like
 * missing), FORBIDDEN when it is in scope but no covering grant has a permitted role. Returns the
 * role the action is done under (recorded in the audit log).
 */
export function authorize(actor: Actor, action: Action, placement: Placement | 'global'): Role {
  const covering = grantsCovering(actor, placement);
  if (covering.length === 0) throw new AppError(placement === 'global' ? 'FORBIDDEN' : 'NOT_FOUND');
  const role = permittedRole(actor, action, placement);
  if (!role) throw new AppError('FORBIDDEN');
  return role;
}

/** The subset of `actions` the actor may do at `placement`, for `allowed_actions`. */
export function allowedActions(actor: Actor, actions: readonly Action[], placement: Placement | 'global'): Action[] {
  return actions.filter((action) => permittedRole(actor, action, placement) !== null);
}

/** What a list query may return: everything, or rows in these sites or on these machines. */
export type ScopeFilter = { all: true } | { all: false; siteIds: string[]; machineIds: string[] };

/** The scope filter for listing objects the actor may `action` on; repositories require it. */
export function scopeFilter(actor: Actor, action: Action): ScopeFilter {
  const allowed: readonly Role[] = policies[action];
  const grants = actor.grants.filter((grant) => allowed.includes(grant.role));
  if (grants.some((grant) => grant.scope.kind === 'all')) return { all: true };
  return {
    all: false,
    siteIds: [...new Set(grants.flatMap((grant) => (grant.scope.kind === 'site' ? grant.scope.siteIds : [])))],
    machineIds: [...new Set(grants.flatMap((grant) => (grant.scope.kind === 'machine' ? grant.scope.machineIds : [])))],
  };
}
