import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { MachineRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, scopeFilter } from '../../policies/policies.ts';
import { machinePlacement } from '../machines/machines.policy.ts';
import { exportColumns, writeCsv, writeXlsx, type Column } from './inventory-file.ts';
import { listInterfacesOf, listMachinesForExport, listPresentComponents, loadExportReferences, type ComponentRecord } from './inventory.repository.ts';

// Export of the inventory as CSV or XLSX: one row per component (machine fields repeated), a
// machine without components as one row with empty component cells; active machines only (a
// decommissioned machine is no longer part of the plant's inventory), removed components left out.

export type ExportFormat = 'csv' | 'xlsx';

/** Input of `exportInventory`. */
export interface ExportInventoryInput {
  format: ExportFormat;
  /** Only this machine (plant key, case-insensitive). */
  machineId?: string;
  /** CSV separator: `,` (default) or `;` for German Excel. */
  delimiter?: ',' | ';';
}

/** The file an export produced. */
export interface InventoryExport {
  format: ExportFormat;
  machines: number;
  components: number;
  bytes: Buffer;
  fileName: string;
  mediaType: string;
}

export const mediaTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function componentKey(component: ComponentRecord): string[] {
  return [component.component_type, component.vendor_norm, component.name_norm, component.model_number_norm];
}

function compareKeys(a: string[], b: string[]): number {
  for (let index = 0; index < a.length; index++) {
    const result = compare(a[index]!, b[index]!);
    if (result !== 0) return result;
  }
  return 0;
}

/** Encodes rows in the format asked for. */
export async function encodeRows(format: ExportFormat, rows: string[][], delimiter: ',' | ';' = ','): Promise<Buffer> {
  return format === 'csv' ? writeCsv(rows, delimiter) : writeXlsx(rows);
}

/** The rows of these machines, sorted by machine_id then component key, in `exportColumns` order. */
async function inventoryRows(ctx: AppContext, machines: MachineRow[]): Promise<{ rows: string[][]; components: number }> {
  const refs = await loadExportReferences(ctx.db);
  const ids = machines.map((machine) => machine.id);
  const components = await listPresentComponents(ctx.db, ids);
  const interfaces = await listInterfacesOf(ctx.db, ids);
  const byMachine = new Map<string, ComponentRecord[]>();
  for (const component of components) byMachine.set(component.machine_id, [...(byMachine.get(component.machine_id) ?? []), component]);
  const interfacesByMachine = new Map<string, typeof interfaces>();
  for (const row of interfaces) interfacesByMachine.set(row.machine_id, [...(interfacesByMachine.get(row.machine_id) ?? []), row]);
  const sorted = [...machines].sort((a, b) => compare(a.machine_id_norm, b.machine_id_norm) || compare(a.machine_id, b.machine_id));
  const rows: string[][] = [];
  for (const machine of sorted) {
    const links = (interfacesByMachine.get(machine.id) ?? []).sort((a, b) => a.position - b.position);
    const joined = (pick: (link: (typeof links)[number]) => string | null): string => links.map((link) => pick(link) ?? '').join('|');
    const machineCells: Partial<Record<Column, string>> = {
      site: refs.sites.get(machine.site_id) ?? '',
      area: machine.area_id ? (refs.areas.get(machine.area_id) ?? '') : '',
      machine_id: machine.machine_id,
      machine_name: machine.name,
      machine_vendor: machine.vendor ?? '',
      machine_model: machine.model ?? '',
      serial_number: machine.serial_number ?? '',
      machine_type: machine.machine_type ?? '',
      line: machine.line ?? '',
      redundancy_group: machine.redundancy_group ?? '',
      criticality: machine.criticality ?? '',
      safety_functions: machine.safety_functions ?? '',
      safety_impact: machine.safety_impact ?? '',
      mission_impact: machine.mission_impact ?? '',
      updatable: machine.updatable === null ? '' : machine.updatable ? 'yes' : 'no',
      end_of_support: machine.end_of_support ?? '',
      network_state: machine.network_state,
      responsible_admin: machine.responsible_admin_id ? (refs.users.get(machine.responsible_admin_id) ?? '') : '',
      operating_system: machine.operating_system ?? '',
      segment: joined((link) => (link.segment_id ? (refs.segments.get(link.segment_id) ?? null) : null)),
      ip: joined((link) => link.ip),
      mac: joined((link) => link.mac),
      hostname: joined((link) => link.hostname),
    };
    const own = (byMachine.get(machine.id) ?? []).sort((a, b) => compareKeys(componentKey(a), componentKey(b)));
    const componentCells: Partial<Record<Column, string>>[] = own.map((component) => ({
      component_type: component.component_type,
      component_vendor: component.vendor ?? '',
      component_name: component.name,
      component_version: component.component_version ?? '',
      model_number: component.model_number ?? '',
      cpe: component.cpe ?? '',
      purl: component.purl ?? '',
    }));
    if (componentCells.length === 0) componentCells.push({});
    for (const cells of componentCells) rows.push(exportColumns.map((column) => machineCells[column] ?? cells[column] ?? ''));
  }
  return { rows, components: components.length };
}

/** Exports the machines the actor may read (or one machine) as CSV or XLSX. */
export async function exportInventory(ctx: AppContext, actor: Actor, input: ExportInventoryInput): Promise<InventoryExport> {
  authorize(actor, 'inventory.export', 'global');
  let machines: MachineRow[];
  if (input.machineId !== undefined) {
    machines = await listMachinesForExport(ctx.db, { all: true }, normaliseKey(input.machineId));
    const machine = machines[0];
    if (!machine) throw new AppError('NOT_FOUND');
    authorize(actor, 'machine.read', machinePlacement(machine));
  } else {
    machines = await listMachinesForExport(ctx.db, scopeFilter(actor, 'machine.read'));
  }
  const { rows, components } = await inventoryRows(ctx, machines);
  const bytes = await encodeRows(input.format, rows, input.delimiter ?? ',');
  const stem = input.machineId !== undefined ? `inventory-${machines[0]!.machine_id.replace(/[^A-Za-z0-9._-]/g, '_')}` : 'inventory';
  return { format: input.format, machines: machines.length, components, bytes, fileName: `${stem}.${input.format}`, mediaType: mediaTypes[input.format] };
}

/** One example row of the template (all columns of the export, filled as an example). */
export const templateExample: Record<Column, string> = {
  site: 'WERK-NORD', area: 'Halle 2', machine_id: 'DM-100', machine_name: 'Drehmaschine 100', machine_vendor: 'DMG MORI', machine_model: 'CTX beta 800',
  serial_number: 'SN-4711', machine_type: 'Drehmaschine', line: 'L1', redundancy_group: '', criticality: 'high', safety_functions: 'Not-Halt',
  safety_impact: 'critical', mission_impact: 'mef_failure', updatable: 'yes', end_of_support: '2029-12-31', network_state: 'connected',
  responsible_admin: '', operating_system: 'Windows 10 IoT Enterprise LTSC 2021', segment: 'cell-1', ip: '10.20.1.15', mac: '00:1b:1b:aa:bb:cc',
  hostname: 'dm-100', component_type: 'plc', component_vendor: 'Siemens', component_name: 'SIMATIC S7-1500 CPU 1516-3 PN/DP',
  component_version: '2.9.4', model_number: '6ES7516-3AN02-0AB0', cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*', purl: '',
};

/** The import template: the header and one example row. */
export async function inventoryTemplate(actor: Actor, format: ExportFormat): Promise<InventoryExport> {
  authorize(actor, 'inventory.export', 'global');
  const bytes = await encodeRows(format, [exportColumns.map((column) => templateExample[column])]);
  return { format, machines: 1, components: 1, bytes, fileName: `inventory-template.${format}`, mediaType: mediaTypes[format] };
}
