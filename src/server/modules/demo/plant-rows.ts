import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { normaliseKey } from '../../db/normalise.ts';
import type { ComponentsTable, ComponentType, MachineInterfacesTable, MachineSearchTable, MachinesTable } from '../../db/schema.ts';
import { foldSearchText, machineSearchText } from '../machines/machines.repository.ts';

// The rows of one machine of a demo plant (generated or "Hammer und Meißel"): both plants describe
// machines alike and are written directly, in one transaction, without the per-row use cases.

/** A machine as a demo plant describes it. */
export interface PlantMachine {
  machine_id: string;
  name: string;
  site_key: string;
  area_key: string;
  /** Machine builder. */
  vendor: string;
  model: string;
  serial_number: string;
  machine_type: string;
  line: string | null;
  /** Identical machines that can stand in for each other share a group. */
  redundancy_group: string | null;
  criticality: 'low' | 'medium' | 'high';
  safety_functions: string | null;
  safety_impact: 'negligible' | 'marginal' | 'critical' | 'catastrophic';
  mission_impact: 'degraded' | 'mef_support_crippled' | 'mef_failure' | 'mission_failure';
  updatable: boolean | null;
  /** YYYY-MM-DD. */
  end_of_support: string | null;
  operating_system: string | null;
  operating_software: string | null;
  remote_access: string | null;
  /** Connected unless the plant says otherwise. */
  network_state?: 'connected' | 'isolated';
  interfaces: readonly { ip: string; mac: string | null; hostname: string | null; segment_key: string }[];
  components: readonly { component_type: ComponentType; vendor: string; name: string; component_version: string; model_number: string | null; cpe: string | null; purl: string | null }[];
}

/** Database ids the rows refer to, resolved by the caller. */
export interface PlantMachineRefs {
  siteId: string;
  areaId: string;
  /** The segment id of a key of the machine's site. */
  segmentId: (segmentKey: string) => string;
  responsibleAdminId: string | null;
  now: string;
}

/** The rows of one machine: the machine, its search text, interfaces and components. */
export interface PlantMachineRows {
  machine: Insertable<MachinesTable> & { id: string };
  search: MachineSearchTable;
  interfaces: Insertable<MachineInterfacesTable>[];
  components: Insertable<ComponentsTable>[];
}

/** Builds the rows of `machine` with fresh ids. */
export function plantMachineRows(machine: PlantMachine, refs: PlantMachineRefs): PlantMachineRows {
  const id = randomUUID();
  const stamps = { version: 1, created_at: refs.now, updated_at: refs.now };
  return {
    machine: {
      id,
      machine_id: machine.machine_id,
      machine_id_norm: normaliseKey(machine.machine_id),
      name: machine.name,
      name_norm: foldSearchText(machine.name),
      site_id: refs.siteId,
      area_id: refs.areaId,
      vendor: machine.vendor,
      vendor_norm: foldSearchText(machine.vendor),
      model: machine.model,
      serial_number: machine.serial_number,
      machine_type: machine.machine_type,
      line: machine.line,
      redundancy_group: machine.redundancy_group,
      criticality: machine.criticality,
      safety_functions: machine.safety_functions,
      safety_impact: machine.safety_impact,
      mission_impact: machine.mission_impact,
      updatable: machine.updatable === null ? null : machine.updatable ? 1 : 0,
      end_of_support: machine.end_of_support,
      operating_system: machine.operating_system,
      operating_software: machine.operating_software,
      remote_access: machine.remote_access,
      network_state: machine.network_state ?? 'connected',
      responsible_admin_id: refs.responsibleAdminId,
      decommissioned_at: null,
      ...stamps,
    },
    search: { machine_id: id, search_text: machineSearchText(machine, machine.components) },
    interfaces: machine.interfaces.map((entry, position) => ({
      id: randomUUID(), machine_id: id, position, ip: entry.ip, mac: entry.mac, hostname: entry.hostname, segment_id: refs.segmentId(entry.segment_key),
    })),
    components: machine.components.map((component) => ({
      id: randomUUID(),
      machine_id: id,
      component_type: component.component_type,
      vendor: component.vendor,
      vendor_norm: normaliseKey(component.vendor),
      name: component.name,
      name_norm: normaliseKey(component.name),
      component_version: component.component_version,
      model_number: component.model_number,
      model_number_norm: normaliseKey(component.model_number ?? ''),
      cpe: component.cpe,
      purl: component.purl,
      removed_at: null,
      ...stamps,
    })),
  };
}
