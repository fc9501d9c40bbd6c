import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { MachineRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { invalidField } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, scopeFilter } from '../../policies/policies.ts';
import { machinePlacement } from '../machines/machines.policy.ts';
import { bomFileName, CYCLONEDX_MEDIA_TYPE, machineBom, serializeBom } from './cyclonedx.ts';
import { exportColumns, writeCsv, writeXlsx, type Column } from './inventory-file.ts';
import { listInterfacesOf, listMachinesForExport, listPresentComponents, loadExportReferences, type ComponentRecord } from './inventory.repository.ts';

// Export of the inventory as CSV or XLSX: one row per component (machine fields repeated), a
// machine without components as one row with empty component cells; or as CycloneDX 1.6, one BOM
// per machine made from the same cells (cyclonedx.ts). Active machines only (a decommissioned
// machine is no longer part of the plant's inventory), removed components left out.

export type ExportFormat = 'csv' | 'xlsx' | 'cyclonedx';
/** The formats with one table for all machines (and the template). */
export type TableFormat = Exclude<ExportFormat, 'cyclonedx'>;

/** Input of `exportInventory`. */
export interface ExportInventoryInput {
  format: ExportFormat;
  /** Only this machine (plant key, case-insensitive); required for `cyclonedx`. */
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
  cyclonedx: CYCLONEDX_MEDIA_TYPE,
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
export async function encodeRows(format: TableFormat, rows: string[][], delimiter: ',' | ';' = ','): Promise<Buffer> {
  return format === 'csv' ? writeCsv(rows, delimiter) : writeXlsx(rows);
}

/** One machine's cells and its components' cells (sorted by component key), as in the CSV. */
interface MachineEntry {
  machine: MachineRow;
  cells: Partial<Record<Column, string>>;
  components: Partial<Record<Column, string>>[];
}

/** The cells of these machines, sorted by machine_id; components sorted by component key. */
async function inventoryEntries(ctx: AppContext, machines: MachineRow[]): Promise<{ entries: MachineEntry[]; components: number }> {
  const refs = await loadExportReferences(ctx.db);
  const ids = machines.map((machine) => machine.id);
  const components = await listPresentComponents(ctx.db, ids);
  const interfaces = await listInterfacesOf(ctx.db, ids);
  const byMachine = new Map<string, ComponentRecord[]>();
  for (const component of components) byMachine.set(component.machine_id, [...(byMachine.get(component.machine_id) ?? []), component]);
  const interfacesByMachine = new Map<string, typeof interfaces>();
  for (const row of interfaces) interfacesByMachine.set(row.machine_id, [...(interfacesByMachine.get(row.machine_id) ?? []), row]);
  const sorted = [...machines].sort((a, b) => compare(a.machine_id_norm, b.machine_id_norm) || compare(a.machine_id, b.machine_id));
  const entries: MachineEntry[] = [];
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
    entries.push({ machine, cells: machineCells, components: componentCells });
  }
  return { entries, components: components.length };
}

/** The rows of these machines, sorted by machine_id then component key, in `exportColumns` order. */
async function inventoryRows(ctx: AppContext, machines: MachineRow[]): Promise<{ rows: string[][]; components: number }> {
  const { entries, components } = await inventoryEntries(ctx, machines);
  const rows: string[][] = [];
  for (const entry of entries) {
    const componentCells = entry.components.length > 0 ? entry.components : [{}];
    for (const cells of componentCells) rows.push(exportColumns.map((column) => entry.cells[column] ?? cells[column] ?? ''));
  }
  return { rows, components };
}

let toolVersion: string | undefined;

/** Patchwerk's version (package.json), named in the BOMs' metadata.tools. */
function patchwerkVersion(): string {
  toolVersion ??= (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../../package.json'), 'utf8')) as { version: string }).version;
  return toolVersion;
}

/** One file of a CycloneDX export. */
export interface BomFile {
  machineId: string;
  fileName: string;
  components: number;
  bytes: Buffer;
}

/** The machines of an export: one (by plant key, 404 outside the actor's scope) or all the actor may read. */
async function machinesToExport(ctx: AppContext, actor: Actor, machineId: string | undefined): Promise<MachineRow[]> {
  authorize(actor, 'inventory.export', 'global');
  if (machineId === undefined) return listMachinesForExport(ctx.db, scopeFilter(actor, 'machine.read'));
  const machines = await listMachinesForExport(ctx.db, { all: true }, normaliseKey(machineId));
  const machine = machines[0];
  if (!machine) throw new AppError('NOT_FOUND');
  authorize(actor, 'machine.read', machinePlacement(machine));
  return machines;
}

/**
 * CycloneDX 1.6 BOMs of one machine or of every machine the actor may read: one file per machine,
 * named `<machine_id>.cdx.json` (unsafe characters replaced by `_`; a name that two machines would
 * share, also when compared case-insensitively, gets `_2`, `_3` … before `.cdx.json`). metadata.timestamp
 * is the export time (ctx.clock); everything else depends only on the inventory.
 */
export async function exportCycloneDx(ctx: AppContext, actor: Actor, input: { machineId?: string } = {}): Promise<{ machines: number; components: number; files: BomFile[] }> {
  const machines = await machinesToExport(ctx, actor, input.machineId);
  const { entries, components } = await inventoryEntries(ctx, machines);
  const options = { timestamp: ctx.clock.now().toISOString(), toolVersion: patchwerkVersion() };
  const taken = new Set<string>();
  const files = entries.map((entry): BomFile => {
    let fileName = bomFileName(entry.machine.machine_id);
    for (let suffix = 2; taken.has(fileName.toLowerCase()); suffix++) fileName = bomFileName(entry.machine.machine_id).replace(/\.cdx\.json$/, `_${suffix}.cdx.json`);
    taken.add(fileName.toLowerCase());
    const bom = machineBom({ machine: entry.cells, components: entry.components }, options);
    return { machineId: entry.machine.machine_id, fileName, components: entry.components.length, bytes: serializeBom(bom) };
  });
  return { machines: machines.length, components, files };
}

/**
 * Exports the machines the actor may read (or one machine) as CSV or XLSX, or one machine as a
 * CycloneDX BOM (`machineId` required: VALUE_REQUIRED at /machine otherwise).
 */
export async function exportInventory(ctx: AppContext, actor: Actor, input: ExportInventoryInput): Promise<InventoryExport> {
  if (input.format === 'cyclonedx') {
    authorize(actor, 'inventory.export', 'global');
    if (input.machineId === undefined) throw invalidField('VALUE_REQUIRED', '/machine');
    const { machines, components, files } = await exportCycloneDx(ctx, actor, { machineId: input.machineId });
    const file = files[0]!;
    return { format: 'cyclonedx', machines, components, bytes: file.bytes, fileName: file.fileName, mediaType: mediaTypes.cyclonedx };
  }
  const machines = await machinesToExport(ctx, actor, input.machineId);
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
export async function inventoryTemplate(actor: Actor, format: TableFormat): Promise<InventoryExport> {
  authorize(actor, 'inventory.export', 'global');
  const bytes = await encodeRows(format, [exportColumns.map((column) => templateExample[column])]);
  return { format, machines: 1, components: 1, bytes, fileName: `inventory-template.${format}`, mediaType: mediaTypes[format] };
}
