import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, type Action } from '../../policies/policies.ts';
import type { Placement } from '../../policies/scope.ts';

// Object rules of machines and their components on top of the policies table: a decommissioned
// machine is read-only, and so is a removed component.

const activeMachineActions: Action[] = ['machine.read', 'machine.update', 'machine.decommission', 'component.create'];
const activeComponentActions: Action[] = ['component.update', 'component.remove'];

/** The fields of a machine its rules look at. */
export interface MachineState {
  id: string;
  site_id: string;
  decommissioned_at: string | null;
}

/** Where a machine and everything bound to it lives. */
export function machinePlacement(machine: Pick<MachineState, 'id' | 'site_id'>): Placement {
  return { siteId: machine.site_id, machineId: machine.id };
}

/** The actions the actor may do on the machine now (only reading once decommissioned). */
export function machineAllowedActions(actor: Actor, machine: MachineState): Action[] {
  const actions = machine.decommissioned_at === null ? activeMachineActions : (['machine.read'] as Action[]);
  return allowedActions(actor, actions, machinePlacement(machine));
}

/** The actions the actor may do on a component now (none once removed or on a decommissioned machine). */
export function componentAllowedActions(actor: Actor, machine: MachineState, component: { removed_at: string | null }): Action[] {
  if (machine.decommissioned_at !== null || component.removed_at !== null) return [];
  return allowedActions(actor, activeComponentActions, machinePlacement(machine));
}

/** Throws INVALID_TRANSITION (state "decommissioned") for a decommissioned machine. */
export function assertMachineActive(machine: MachineState): void {
  if (machine.decommissioned_at !== null) throw new AppError('INVALID_TRANSITION', { state: 'decommissioned' });
}

/** Throws INVALID_TRANSITION (state "removed") for a removed component. */
export function assertComponentPresent(component: { removed_at: string | null }): void {
  if (component.removed_at !== null) throw new AppError('INVALID_TRANSITION', { state: 'removed' });
}
