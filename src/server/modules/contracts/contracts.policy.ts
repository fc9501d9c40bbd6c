import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { grantsCovering, permittedRole, scopeFilter, type Action } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import type { Placement } from '../../policies/scope.ts';
import { machinePlacement } from '../machines/machines.policy.ts';

// A contract (and a contract's test template) lives on all of its machines, which may lie in several
// sites: it is visible to whoever may read it on at least one of them, and changed only by someone
// who may change it on every one — before and after the change.

/** The site and database id of a machine linked to a contract. */
export interface LinkedMachine {
  id: string;
  site_id: string;
}

/** The actions offered on a contract, in `allowed_actions` order. */
export const contractActions = ['contract.read', 'contract.update', 'test_template.create'] as const satisfies readonly Action[];
/** The actions offered on a test template. */
export const templateActions = ['test_template.read', 'test_template.update'] as const satisfies readonly Action[];

const placementsOf = (machines: readonly LinkedMachine[]): Placement[] => machines.map((machine) => machinePlacement(machine));

/** True when some grant of the actor covers the machine at all (it exists for them). */
export function machineVisible(actor: Actor, machine: LinkedMachine): boolean {
  return grantsCovering(actor, machinePlacement(machine)).length > 0;
}

/** The role under which the actor may do `action` on at least one of the machines, or null. */
export function permittedOnAny(actor: Actor, action: Action, machines: readonly LinkedMachine[]): Role | null {
  for (const placement of placementsOf(machines)) {
    const role = permittedRole(actor, action, placement);
    if (role) return role;
  }
  return null;
}

/** The role under which the actor may do `action` on every machine (that of the first), or null. */
export function permittedOnEvery(actor: Actor, action: Action, machines: readonly LinkedMachine[]): Role | null {
  if (machines.length === 0) return null;
  const roles = placementsOf(machines).map((placement) => permittedRole(actor, action, placement));
  return roles.every((role) => role !== null) ? roles[0]! : null;
}

/**
 * The role for `action` on at least one machine. NOT_FOUND when no grant covers any of them (out of
 * scope looks like missing), FORBIDDEN when covered but not permitted.
 */
export function authorizeOnAny(actor: Actor, action: Action, machines: readonly LinkedMachine[]): Role {
  const role = permittedOnAny(actor, action, machines);
  if (role) return role;
  throw new AppError(machines.some((machine) => machineVisible(actor, machine)) ? 'FORBIDDEN' : 'NOT_FOUND');
}

/** The role for `action` on every machine; FORBIDDEN otherwise (the caller has checked visibility). */
export function authorizeOnEvery(actor: Actor, action: Action, machines: readonly LinkedMachine[]): Role {
  const role = permittedOnEvery(actor, action, machines);
  if (!role) throw new AppError('FORBIDDEN');
  return role;
}

/** The actions the actor may do on a contract linking these machines. */
export function contractAllowedActions(actor: Actor, machines: readonly LinkedMachine[]): Action[] {
  return [
    ...(permittedOnAny(actor, 'contract.read', machines) ? (['contract.read'] as const) : []),
    ...(permittedOnEvery(actor, 'contract.update', machines) ? (['contract.update'] as const) : []),
    ...(permittedOnEvery(actor, 'test_template.create', machines) ? (['test_template.create'] as const) : []),
  ];
}

/** True when the actor may do `action` somewhere: in a site or on a machine. */
export function mayDoOnSomeMachine(actor: Actor, action: Action): boolean {
  const filter = scopeFilter(actor, action);
  return filter.all || filter.siteIds.length > 0 || filter.machineIds.length > 0;
}
