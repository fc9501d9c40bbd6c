import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { machineMatchingDataGaps } from '../matching/finding-rules.ts';
import { listComponentRows, type ComponentRow } from './components.repository.ts';
import { listInterfaces, type MachineWithSite } from './machines.repository.ts';
import { componentAllowedActions, machineAllowedActions, type MachineState } from './machines.policy.ts';
import type { ComponentView, MachineDetailView, MachineView } from './machines.schema.ts';

// Rows as the API shows them: codes as stored, flags as booleans, references by their keys.

/** A machine's view with the actions the actor may do on it. */
export function presentMachine(actor: Actor, machine: MachineWithSite): MachineView {
  return {
    id: machine.id,
    machine_id: machine.machine_id,
    name: machine.name,
    site_id: machine.site_id,
    site_key: machine.site_key,
    area_key: machine.area_key,
    vendor: machine.vendor,
    model: machine.model,
    serial_number: machine.serial_number,
    machine_type: machine.machine_type,
    line: machine.line,
    redundancy_group: machine.redundancy_group,
    criticality: machine.criticality,
    safety_functions: machine.safety_functions,
    safety_impact: machine.safety_impact,
    mission_impact: machine.mission_impact,
    updatable: machine.updatable === null ? null : machine.updatable === 1,
    end_of_support: machine.end_of_support,
    operating_system: machine.operating_system,
    operating_software: machine.operating_software,
    remote_access: machine.remote_access,
    network_state: machine.network_state,
    responsible_admin: machine.responsible_admin_username,
    decommissioned_at: machine.decommissioned_at,
    created_at: machine.created_at,
    updated_at: machine.updated_at,
    version: machine.version,
    allowed_actions: machineAllowedActions(actor, machine),
  };
}

/** A component's view; `machine` supplies the plant key and the machine's state. */
export function presentComponent(actor: Actor, machine: MachineState & { machine_id: string }, component: ComponentRow): ComponentView {
  return {
    id: component.id,
    machine_id: machine.machine_id,
    component_type: component.component_type,
    vendor: component.vendor,
    name: component.name,
    component_version: component.component_version,
    model_number: component.model_number,
    cpe: component.cpe,
    purl: component.purl,
    removed_at: component.removed_at,
    created_at: component.created_at,
    updated_at: component.updated_at,
    version: component.version,
    allowed_actions: componentAllowedActions(actor, machine, component),
  };
}

/** A machine with its interfaces and components (removed components only when asked) and the gaps of its matching data. */
export async function presentMachineDetail(db: Kysely<Database>, actor: Actor, machine: MachineWithSite, includeRemoved = false): Promise<MachineDetailView> {
  const [interfaces, components] = await Promise.all([listInterfaces(db, machine.id), listComponentRows(db, machine.id, includeRemoved)]);
  return {
    ...presentMachine(actor, machine),
    interfaces,
    components: components.map((component) => presentComponent(actor, machine, component)),
    // Judged on the components in use whether or not removed ones are shown.
    matching_data_gaps: machineMatchingDataGaps(machine, components),
  };
}
