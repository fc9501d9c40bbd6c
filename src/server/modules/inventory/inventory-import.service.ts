import { randomUUID } from 'node:crypto';
import type { Insertable, Updateable } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { ComponentsTable, ComponentType, MachineInterfacesTable, MachineRow, MachinesTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { rematchMachines } from '../matching/matching.service.ts';
import { refreshMachineSearchText } from '../machines/machines.repository.ts';
import { AppError, formatMessage, type DetailSource, type ErrorDetail } from '../../errors/app-error.ts';
import { formatBytes } from '../../errors/format-bytes.ts';
import { issueDetails } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, permittedRole, type Action } from '../../policies/policies.ts';
import type { Placement } from '../../policies/scope.ts';
import type { Role } from '../../policies/roles.ts';
import { normaliseMac } from '../machines/inventory-rules.ts';
import { createComponentBodySchema, createMachineBodySchema } from '../machines/machines.schema.ts';
import { formatIp, ipInCidr, parseIp } from '../sites/cidr.ts';
import { authorizeSiteCreate } from '../sites/sites.policy.ts';
import { keySchema, siteKeySchema } from '../sites/sites.schema.ts';
import { readCycloneDx } from './cyclonedx-validation.ts';
import { componentColumns, readInventoryFile, sniffFormat, type Column, type FileRow, type InventoryTable } from './inventory-file.ts';
import {
  allowedCodes, componentTypeCode, criticalityCode, dateCode, missionImpactCode, networkStateCode, safetyImpactCode, yesNoCode,
} from './inventory-values.ts';
import {
  findMachinesByNorm, insertComponents, listAllSites, listInterfacesOf, listPresentComponents, listSiteKeys, listUsernames, replaceInterfacesOf,
  type ComponentRecord,
} from './inventory.repository.ts';
import { INVENTORY_UPLOAD_MAX_BYTES } from './inventory.schema.ts';

// Import of inventory files (INTERFACES.md "Inventory files": CSV, XLSX, and CycloneDX 1.6 BOMs,
// which cyclonedx.ts reads into the same rows; their problems carry JSON pointers instead of row and
// column): everything is read and checked first;
// any error and nothing is written. Then one write transaction creates sites, areas and segments
// that are missing, creates or updates the machines listed, and makes their components match the
// file (components missing from it are marked removed). Audit: one event per created site, area
// and segment and one per machine the import created or changed (action machine.create or
// machine.update, summary with the component counts), so the machine's history shows the import.

/** One file to import. */
export interface InventoryFileInput {
  name: string;
  bytes: Uint8Array;
}

/** Input of `importInventory`. */
export interface ImportInventoryInput {
  files: InventoryFileInput[];
  /** Check and count only; nothing is written. */
  dryRun: boolean;
}

/** The result of an import (CLI `--json` and API body). */
export interface ImportInventoryResult {
  machines_created: number;
  machines_updated: number;
  components_created: number;
  components_updated: number;
  components_removed: number;
  warnings: ErrorDetail[];
  errors: ErrorDetail[];
}

/** A site for unknown site keys is created in this zone (a warning asks people to check it). */
export const IMPORTED_SITE_TIME_ZONE = 'Europe/Berlin';

type MachineFieldKey =
  | 'name' | 'vendor' | 'model' | 'serial_number' | 'machine_type' | 'line' | 'redundancy_group' | 'criticality' | 'safety_functions'
  | 'safety_impact' | 'mission_impact' | 'updatable' | 'end_of_support' | 'operating_system' | 'network_state';

/** Machine columns and the schema field they feed (createMachineBodySchema). */
const machineColumnFields: [Column, MachineFieldKey][] = [
  ['machine_name', 'name'], ['machine_vendor', 'vendor'], ['machine_model', 'model'], ['serial_number', 'serial_number'],
  ['machine_type', 'machine_type'], ['line', 'line'], ['redundancy_group', 'redundancy_group'], ['criticality', 'criticality'],
  ['safety_functions', 'safety_functions'], ['safety_impact', 'safety_impact'], ['mission_impact', 'mission_impact'],
  ['updatable', 'updatable'], ['end_of_support', 'end_of_support'], ['operating_system', 'operating_system'], ['network_state', 'network_state'],
];

/** Columns whose values belong to the machine (must agree on every row of one machine_id). */
const machineLevelColumns: Column[] = [
  'site', 'area', 'machine_name', 'machine_vendor', 'machine_model', 'serial_number', 'machine_type', 'line', 'redundancy_group', 'criticality',
  'safety_functions', 'safety_impact', 'mission_impact', 'updatable', 'end_of_support', 'network_state', 'responsible_admin', 'operating_system',
  'segment', 'ip', 'mac', 'hostname',
];

/** An interface; a field is undefined when the file has no such column (the stored value at this position stays). */
interface PlannedInterface {
  ip: string | null | undefined;
  mac: string | null | undefined;
  hostname: string | null | undefined;
  segmentKey: string | null | undefined;
}

interface PlannedComponent {
  file: string;
  row: number;
  component_type: ComponentType;
  vendor: string | null;
  name: string;
  component_version: string | null;
  model_number: string | null;
  cpe: string | null;
  purl: string | null;
}

interface PlannedMachine {
  file: string;
  row: number;
  headers: InventoryTable['headers'];
  machineId: string;
  norm: string;
  siteKey: string;
  /** undefined when the file has no area column. */
  areaKey: string | null | undefined;
  adminUsername: string | null | undefined;
  fields: Partial<Record<MachineFieldKey, string | number | null>>;
  /** undefined when the file has none of the interface columns (a CycloneDX BOM without them): unchanged. */
  interfaces: PlannedInterface[] | undefined;
  /** Machine-level values per column as written, for the conflict check's report. */
  values: Partial<Record<Column, string>>;
  /** The same values as meant (codes for labels, so `hoch` and `high` agree), for the comparison. */
  meant: Partial<Record<Column, string>>;
  components: Map<string, PlannedComponent>;
}

/** Collects problems as details; rendered in the actor's language at the end. */
class Problems {
  readonly errors: DetailSource[] = [];
  readonly warnings: DetailSource[] = [];
  error(detail: DetailSource): void {
    this.errors.push(detail);
  }
  warn(detail: DetailSource): void {
    this.warnings.push(detail);
  }
}

const quote = (text: string): string => JSON.stringify(text);

function identityKey(component: { component_type: string; vendor: string | null; name: string; model_number: string | null }): string {
  return [component.component_type, normaliseKey(component.vendor ?? ''), normaliseKey(component.name), normaliseKey(component.model_number ?? '')].join('\u0000');
}

function render(details: readonly DetailSource[], language: Actor['language']): ErrorDetail[] {
  return details.map(({ params, text, ...detail }) => ({
    ...detail,
    message: text ? text[language] : formatMessage(detail.code, language, { ...(detail.value !== undefined ? { value: detail.value } : {}), ...params }),
  }));
}

/** Schema issues of one row as details at the column the field came from. */
function schemaProblems(problems: Problems, issues: z.core.$ZodIssue[], where: { file: string; row: number }, columnOf: (field: string) => Column | undefined, table: FileRow['cells'], headers: InventoryTable['headers']): void {
  for (const detail of issueDetails(issues)) {
    const field = (detail.path ?? '/').slice(1).split('/')[0] ?? '';
    const column = columnOf(field);
    problems.error({ ...detail, path: undefined, file: where.file, row: where.row, column: column ? (headers[column] ?? column) : field, value: column ? (table[column] ?? '') : undefined });
  }
}

function cleanPath<T extends DetailSource>(detail: T): T {
  const copy = { ...detail };
  if (copy.path === undefined) delete copy.path;
  if (copy.value === undefined) delete copy.value;
  return copy;
}

/** Parses one row's machine-level values; null when a required value is missing or invalid. */
function parseMachine(problems: Problems, table: InventoryTable, row: FileRow): PlannedMachine | null {
  const { file, headers } = table;
  const at = (column: Column, code: DetailSource['code'], params?: DetailSource['params']): void =>
    problems.error({ code, file, row: row.row, column: headers[column] ?? column, value: row.cells[column] ?? '', ...(params ? { params } : {}) });
  const has = (column: Column): boolean => headers[column] !== undefined;
  const before = problems.errors.length;
  const machineId = (row.cells.machine_id ?? '').trim();
  const siteKey = (row.cells.site ?? '').trim();
  if (machineId === '') at('machine_id', 'VALUE_REQUIRED');
  if (siteKey === '') at('site', 'VALUE_REQUIRED');
  else if (!siteKeySchema.safeParse(siteKey).success) at('site', 'SITE_KEY_INVALID');
  if ((row.cells.machine_name ?? '').trim() === '') at('machine_name', 'VALUE_REQUIRED');

  const body: Record<string, unknown> = { machine_id: machineId || 'x', site_key: siteKey || 'x' };
  for (const [column, field] of machineColumnFields) {
    if (!has(column)) continue;
    const cell = row.cells[column] ?? '';
    const coded = (result: string | null | undefined): void => {
      if (result === null) at(column, 'INVENTORY_CODE_UNKNOWN', { allowed: allowedCodes[column as keyof typeof allowedCodes] });
      else body[field] = result ?? null;
    };
    switch (column) {
      case 'criticality': coded(criticalityCode(cell)); break;
      case 'safety_impact': coded(safetyImpactCode(cell)); break;
      case 'mission_impact': coded(missionImpactCode(cell)); break;
      case 'network_state': {
        const code = networkStateCode(cell);
        if (code === null) at(column, 'INVENTORY_CODE_UNKNOWN', { allowed: allowedCodes.network_state });
        else if (code !== undefined) body.network_state = code;
        break;
      }
      case 'updatable': {
        const code = yesNoCode(cell);
        if (code === null) at(column, 'INVENTORY_CODE_UNKNOWN', { allowed: allowedCodes.updatable });
        else body.updatable = code === undefined ? null : code === 'yes';
        break;
      }
      case 'end_of_support': {
        const date = dateCode(cell);
        if (date === null) at(column, 'INVENTORY_DATE_INVALID');
        else body.end_of_support = date ?? null;
        break;
      }
      case 'machine_name': body.name = cell; break;
      default: body[field] = cell;
    }
  }
  const parsed = createMachineBodySchema.safeParse(body);
  if (!parsed.success) {
    const fieldColumns = new Map<string, Column>(machineColumnFields.map(([column, field]) => [field, column]));
    fieldColumns.set('machine_id', 'machine_id');
    fieldColumns.set('site_key', 'site');
    // Missing required values are reported above already.
    const issues = parsed.error.issues.filter((issue) => !(issue.path[0] === 'name' && (row.cells.machine_name ?? '').trim() === ''));
    schemaProblems(problems, issues, { file, row: row.row }, (field) => fieldColumns.get(field), row.cells, headers);
  }

  let areaKey: string | null | undefined;
  if (has('area')) {
    const cell = (row.cells.area ?? '').trim();
    areaKey = cell === '' ? null : cell;
    if (areaKey !== null && !keySchema.safeParse(areaKey).success) at('area', 'KEY_INVALID');
  }
  let adminUsername: string | null | undefined;
  if (has('responsible_admin')) adminUsername = (row.cells.responsible_admin ?? '').trim() || null;

  const interfaces = parseInterfaces(problems, table, row);
  if (problems.errors.length > before || !parsed.success || interfaces === null) return null;
  const fields: PlannedMachine['fields'] = {};
  const data = parsed.data;
  for (const [, field] of machineColumnFields) {
    if (!(field in body)) continue;
    if (field === 'updatable') fields.updatable = data.updatable === null || data.updatable === undefined ? null : data.updatable ? 1 : 0;
    else fields[field] = (data[field]) ?? null;
  }
  const values: PlannedMachine['values'] = {};
  const meant: PlannedMachine['meant'] = {};
  const fieldOf = new Map<Column, MachineFieldKey>(machineColumnFields);
  for (const column of machineLevelColumns) {
    if (!has(column)) continue;
    values[column] = row.cells[column] ?? '';
    const field = fieldOf.get(column);
    meant[column] = field !== undefined && field in body ? JSON.stringify(body[field] ?? null) : (row.cells[column] ?? '').trim();
  }
  return {
    file, row: row.row, headers, machineId: data.machine_id, norm: normaliseKey(data.machine_id), siteKey, areaKey, adminUsername, fields,
    interfaces, values, meant, components: new Map(),
  };
}

/** The `|`-separated interface columns, aligned by position; null on an error; undefined without any interface column. */
function parseInterfaces(problems: Problems, table: InventoryTable, row: FileRow): PlannedInterface[] | null | undefined {
  const { file, headers } = table;
  const columns: Column[] = ['ip', 'mac', 'hostname', 'segment'];
  if (columns.every((column) => headers[column] === undefined)) return undefined;
  const parts = new Map<Column, string[]>();
  for (const column of columns) {
    const cell = row.cells[column];
    if (headers[column] !== undefined && cell !== undefined && cell.trim() !== '') parts.set(column, cell.split('|').map((part) => part.trim()));
  }
  const count = Math.max(0, ...[...parts.values()].map((values) => values.length));
  let ok = true;
  const fail = (column: Column, code: DetailSource['code'], value: string): void => {
    ok = false;
    problems.error({ code, file, row: row.row, column: headers[column] ?? column, value });
  };
  for (const [column, values] of parts) if (values.length !== count) fail(column, 'INVENTORY_VALUES_MISALIGNED', row.cells[column] ?? '');
  if (!ok) return null;
  const result: PlannedInterface[] = [];
  for (let position = 0; position < count; position++) {
    const part = (column: Column): string | null => parts.get(column)?.[position] || null;
    const ipText = part('ip');
    const ip = ipText === null ? null : parseIp(ipText);
    if (ipText !== null && ip === null) fail('ip', 'IP_INVALID', ipText);
    const macText = part('mac');
    const mac = macText === null ? null : normaliseMac(macText);
    if (macText !== null && mac === null) fail('mac', 'MAC_INVALID', macText);
    const hostname = part('hostname');
    if (hostname !== null && (hostname.length > 253 || /\p{Cc}/u.test(hostname))) fail('hostname', 'INVALID_VALUE', hostname);
    const segmentKey = part('segment');
    if (segmentKey !== null && !keySchema.safeParse(segmentKey).success) fail('segment', 'KEY_INVALID', segmentKey);
    if (ipText === null && macText === null && hostname === null && segmentKey === null) {
      fail(headers.ip !== undefined ? 'ip' : 'segment', 'INVENTORY_INTERFACE_EMPTY', row.cells.ip ?? '');
    }
    result.push({
      ip: headers.ip === undefined ? undefined : ip ? formatIp(ip) : null,
      mac: headers.mac === undefined ? undefined : mac,
      hostname: headers.hostname === undefined ? undefined : hostname,
      segmentKey: headers.segment === undefined ? undefined : segmentKey,
    });
  }
  return ok ? result : null;
}

/** Parses one row's component; undefined when the row describes no component, null on an error. */
function parseComponent(problems: Problems, table: InventoryTable, row: FileRow): PlannedComponent | null | undefined {
  const { file, headers } = table;
  if (componentColumns.every((column) => (row.cells[column] ?? '').trim() === '')) return undefined;
  const at = (column: Column, code: DetailSource['code'], params?: DetailSource['params']): void =>
    problems.error({ code, file, row: row.row, column: headers[column] ?? column, value: row.cells[column] ?? '', ...(params ? { params } : {}) });
  const before = problems.errors.length;
  if ((row.cells.component_name ?? '').trim() === '') at('component_name', 'VALUE_REQUIRED');
  const type = componentTypeCode(row.cells.component_type);
  if (type === null) at('component_type', 'INVENTORY_CODE_UNKNOWN', { allowed: allowedCodes.component_type });
  const optional = (column: Column): string | null => {
    const cell = row.cells[column] ?? '';
    return cell.trim() === '' ? null : cell;
  };
  const body = {
    component_type: type ?? 'other',
    vendor: optional('component_vendor'),
    name: row.cells.component_name ?? '',
    component_version: optional('component_version'),
    model_number: optional('model_number'),
    cpe: optional('cpe')?.trim() ?? null,
    purl: optional('purl')?.trim() ?? null,
  };
  const parsed = createComponentBodySchema.safeParse(body);
  if (!parsed.success) {
    const columns: Record<string, Column> = {
      component_type: 'component_type', vendor: 'component_vendor', name: 'component_name', component_version: 'component_version',
      model_number: 'model_number', cpe: 'cpe', purl: 'purl',
    };
    const issues = parsed.error.issues.filter((issue) => !(issue.path[0] === 'name' && body.name.trim() === ''));
    schemaProblems(problems, issues, { file, row: row.row }, (field) => columns[field], row.cells, headers);
  }
  if (problems.errors.length > before || !parsed.success) return null;
  return {
    file, row: row.row, component_type: parsed.data.component_type, vendor: parsed.data.vendor ?? null, name: parsed.data.name,
    component_version: parsed.data.component_version ?? null, model_number: parsed.data.model_number ?? null, cpe: parsed.data.cpe ?? null,
    purl: parsed.data.purl ?? null,
  };
}

/** Adds a row to its machine's plan, reporting rows that disagree on machine-level values. */
function mergeMachine(problems: Problems, machines: Map<string, PlannedMachine>, planned: PlannedMachine): PlannedMachine {
  const first = machines.get(planned.norm);
  if (!first) {
    machines.set(planned.norm, planned);
    return planned;
  }
  for (const column of machineLevelColumns) {
    const a = first.values[column];
    const b = planned.values[column];
    if (a === undefined || b === undefined || first.meant[column] === planned.meant[column]) continue;
    problems.error({
      code: 'INVENTORY_CONFLICT', params: { machine_id: planned.machineId, file: first.file, row: first.row, other: a },
      file: planned.file, row: planned.row, column: planned.headers[column] ?? column, value: b,
    });
  }
  return first;
}

/** Machine-level storage values of a planned machine against a stored one: the changed columns. */
function changedColumns(stored: MachineRow, set: Updateable<MachinesTable>): string[] {
  return Object.entries(set).filter(([key, value]) => (stored as unknown as Record<string, unknown>)[key] !== value).map(([key]) => key);
}

interface MachineWork {
  planned: PlannedMachine;
  existing: MachineRow | undefined;
  id: string;
  siteId: string;
  role: Role;
  set: Updateable<MachinesTable>;
  changed: string[];
  interfaces: Insertable<MachineInterfacesTable>[] | null;
  insertComponents: Insertable<ComponentsTable>[];
  updateComponents: { id: string; version: number; set: Updateable<ComponentsTable> }[];
  removeComponents: ComponentRecord[];
}

/** The role under which the actor may do all of `actions` at `placement`, or null. */
function roleFor(actor: Actor, actions: Action[], placement: Placement): Role | null {
  let role: Role | null = null;
  for (const action of actions) {
    role = permittedRole(actor, action, placement);
    if (!role) return null;
  }
  return role;
}

/**
 * CycloneDX BOMs without `patchwerk:site`: a machine already in the inventory keeps its site (the
 * site cells are filled in with its site key); for an unknown machine they stay empty, and the
 * import reports VALUE_REQUIRED at the BOM's properties.
 */
async function fillStoredSites(ctx: AppContext, tables: readonly InventoryTable[]): Promise<void> {
  const open = tables.filter((table) => table.cyclonedx?.siteMissing);
  if (open.length === 0) return;
  const norms = open.flatMap((table) => table.rows.map((row) => normaliseKey(row.cells.machine_id ?? '')));
  const stored = new Map((await findMachinesByNorm(ctx.db, [...new Set(norms)])).map((machine) => [machine.machine_id_norm, machine.site_id]));
  const siteKeys = new Map((await listAllSites(ctx.db)).map((site) => [site.id, site.key]));
  for (const table of open) {
    for (const row of table.rows) {
      const siteId = stored.get(normaliseKey(row.cells.machine_id ?? ''));
      if (siteId !== undefined) row.cells.site = siteKeys.get(siteId) ?? '';
    }
  }
}

const siteMissingText = {
  de: 'Die Maschine ist noch nicht im Inventar: Die Eigenschaft patchwerk:site (Standortschlüssel) fehlt in metadata.component.properties.',
  en: 'The machine is not in the inventory yet: the property patchwerk:site (site key) is missing from metadata.component.properties.',
};

/**
 * Problems of CycloneDX files point into the document: row and column (the CSV names the rows
 * were read into) become a JSON pointer, and so do the rows named in messages. A machine value
 * repeated on every component row is reported once.
 */
function locateInDocuments(tables: readonly InventoryTable[]): (details: readonly DetailSource[]) => DetailSource[] {
  const byFile = new Map(tables.flatMap((table) => (table.cyclonedx ? [[table.file, table.cyclonedx] as const] : [])));
  return (details) => {
    if (byFile.size === 0) return [...details];
    const seen = new Set<string>();
    const located: DetailSource[] = [];
    for (const detail of details) {
      let next = detail;
      const own = detail.file === undefined ? undefined : byFile.get(detail.file);
      if (own && (detail.row !== undefined || detail.column !== undefined)) {
        const { row, column, ...rest } = detail;
        next = { ...rest, path: own.locate(row, column) };
        if (detail.code === 'VALUE_REQUIRED' && column === 'site') next.text = siteMissingText;
      }
      const other = typeof detail.params?.file === 'string' ? byFile.get(detail.params.file) : undefined;
      if (other && typeof detail.params?.row === 'number') {
        const column = detail.code === 'INVENTORY_CONFLICT' ? detail.column?.trim().toLowerCase() : 'component_name';
        next = { ...next, params: { ...detail.params, row: other.locate(detail.params.row, column) } };
      }
      const key = JSON.stringify([next.code, next.file, next.path, next.row, next.column, next.value, next.params]);
      if (seen.has(key)) continue;
      seen.add(key);
      located.push(next);
    }
    return located;
  };
}

/**
 * Imports CSV/XLSX inventory files and CycloneDX 1.6 BOMs (read into the same rows, see cyclonedx.ts): all or nothing (any error and nothing is written), idempotent,
 * authoritative for the machines listed. Needs `inventory.import`, and `machine.create`/`update` and
 * the component actions in every site touched (errors `FORBIDDEN` at the row otherwise).
 */
export async function importInventory(ctx: AppContext, actor: Actor, input: ImportInventoryInput): Promise<ImportInventoryResult> {
  authorize(actor, 'inventory.import', 'global');
  const problems = new Problems();
  const machines = new Map<string, PlannedMachine>();
  const tables: InventoryTable[] = [];
  for (const file of input.files) {
    // The same limit as the upload (the CLI reads files itself); a bigger file is not parsed at all.
    if (file.bytes.length > INVENTORY_UPLOAD_MAX_BYTES) {
      problems.error({ code: 'PAYLOAD_TOO_LARGE', params: { limit: formatBytes(INVENTORY_UPLOAD_MAX_BYTES) }, file: file.name, value: `${file.bytes.length} B` });
      continue;
    }
    const table = sniffFormat(file.bytes, file.name) === 'cyclonedx' ? await readCycloneDx(file.name, file.bytes) : await readInventoryFile(file.name, file.bytes);
    table.errors.forEach((detail) => problems.error(detail));
    table.warnings.forEach((detail) => problems.warn(detail));
    if (table.errors.length === 0) tables.push(table);
  }
  await fillStoredSites(ctx, tables);
  for (const table of tables) {
    for (const row of table.rows) {
      const planned = parseMachine(problems, table, row);
      const component = parseComponent(problems, table, row);
      if (!planned) continue;
      const machine = mergeMachine(problems, machines, planned);
      if (!component) continue;
      const key = identityKey(component);
      const seen = machine.components.get(key);
      if (!seen) machine.components.set(key, component);
      else if (JSON.stringify({ ...seen, file: '', row: 0 }) !== JSON.stringify({ ...component, file: '', row: 0 })) {
        problems.error({ code: 'INVENTORY_COMPONENT_DUPLICATE', params: { file: seen.file, row: seen.row }, file: component.file, row: component.row, column: table.headers.component_name ?? 'component_name', value: component.name });
      } else {
        problems.warn({ code: 'INVENTORY_ROW_REPEATED', params: { file: seen.file, row: seen.row }, file: component.file, row: component.row, column: table.headers.component_name ?? 'component_name', value: component.name });
      }
    }
  }

  const result: ImportInventoryResult = { machines_created: 0, machines_updated: 0, components_created: 0, components_updated: 0, components_removed: 0, warnings: [], errors: [] };
  const now = ctx.clock.now().toISOString();
  const work = problems.errors.length === 0 ? await planWrites(ctx, actor, problems, [...machines.values()], now) : null;
  const located = locateInDocuments(tables);
  result.warnings = render(located(problems.warnings).map(cleanPath), actor.language);
  result.errors = render(located(problems.errors).map(cleanPath), actor.language);
  if (!work || problems.errors.length > 0) return result;
  for (const item of work.machines) {
    if (!item.existing) result.machines_created++;
    else if (item.changed.length > 0) result.machines_updated++;
    result.components_created += item.insertComponents.length;
    result.components_updated += item.updateComponents.length;
    result.components_removed += item.removeComponents.length;
  }
  if (input.dryRun) return result;
  await write(ctx, actor, work, input.files.map((file) => file.name), now);
  return result;
}

interface WritePlan {
  sites: { id: string; key: string; role: Role }[];
  areas: { id: string; siteId: string; key: string; role: Role }[];
  segments: { id: string; siteId: string; key: string; role: Role }[];
  machines: MachineWork[];
}

function groupByMachine<T extends { machine_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.machine_id);
    if (group) group.push(row);
    else groups.set(row.machine_id, [row]);
  }
  return groups;
}

/** Resolves sites, areas, segments, users and stored machines; checks rights; computes the changes. */
async function planWrites(ctx: AppContext, actor: Actor, problems: Problems, planned: PlannedMachine[], now: string): Promise<WritePlan> {
  const plan: WritePlan = { sites: [], areas: [], segments: [], machines: [] };
  const siteByNorm = new Map((await listAllSites(ctx.db)).map((site) => [site.key_norm, { id: site.id, key: site.key, created: false }]));
  const userByNorm = new Map((await listUsernames(ctx.db)).map((user) => [user.username_norm, user.id]));
  const stored = new Map((await findMachinesByNorm(ctx.db, planned.map((machine) => machine.norm))).map((machine) => [machine.machine_id_norm, machine]));
  const storedIds = [...stored.values()].map((machine) => machine.id);
  const componentsByMachine = groupByMachine(await listPresentComponents(ctx.db, storedIds));
  const interfacesByMachine = groupByMachine(await listInterfacesOf(ctx.db, storedIds));

  // Sites: create the unknown ones (needs the right to create sites).
  for (const machine of planned) {
    const norm = normaliseKey(machine.siteKey);
    if (siteByNorm.has(norm)) continue;
    let role: Role;
    try {
      role = authorizeSiteCreate(actor);
    } catch {
      problems.error({ code: 'FORBIDDEN', file: machine.file, row: machine.row, column: machine.headers.site ?? 'site', value: machine.siteKey });
      siteByNorm.set(norm, { id: '', key: machine.siteKey, created: true });
      continue;
    }
    const site = { id: randomUUID(), key: machine.siteKey, created: true };
    siteByNorm.set(norm, site);
    plan.sites.push({ id: site.id, key: site.key, role });
    problems.warn({ code: 'INVENTORY_SITE_CREATED', params: { zone: IMPORTED_SITE_TIME_ZONE }, file: machine.file, row: machine.row, column: machine.headers.site ?? 'site', value: machine.siteKey });
  }
  const keys = await listSiteKeys(ctx.db, [...siteByNorm.values()].filter((site) => !site.created).map((site) => site.id));
  const areaIds = new Map(keys.areas.map((area) => [`${area.site_id}\u0000${area.key_norm}`, area.id]));
  const segments = new Map(keys.segments.map((segment) => [`${segment.site_id}\u0000${segment.key_norm}`, { id: segment.id, cidr: segment.cidr }]));

  for (const machine of planned) {
    const site = siteByNorm.get(normaliseKey(machine.siteKey))!;
    const existing = stored.get(machine.norm);
    const where = { file: machine.file, row: machine.row };
    const columnOf = (column: Column): string => machine.headers[column] ?? column;
    if (existing?.decommissioned_at) {
      problems.error({ code: 'INVENTORY_MACHINE_DECOMMISSIONED', ...where, column: columnOf('machine_id'), value: machine.machineId });
      continue;
    }
    // Rights: create in the site, or update where the machine is and where it goes.
    const actions: Action[] = existing ? ['machine.update', 'component.create', 'component.update', 'component.remove'] : ['machine.create', 'component.create'];
    let role = site.id === '' ? null : roleFor(actor, actions, existing && existing.site_id === site.id ? { siteId: existing.site_id, machineId: existing.id } : { siteId: site.id });
    if (role && existing && existing.site_id !== site.id && !roleFor(actor, actions, { siteId: existing.site_id, machineId: existing.id })) role = null;
    if (!role) {
      if (site.id !== '') problems.error({ code: 'FORBIDDEN', ...where, column: columnOf('machine_id'), value: machine.machineId });
      continue;
    }
    const resolveKey = (kind: 'area' | 'segment', key: string): string => {
      const map = kind === 'area' ? areaIds : segments;
      const index = `${site.id}\u0000${normaliseKey(key)}`;
      const found = map.get(index);
      if (found !== undefined) return typeof found === 'string' ? found : found.id;
      const id = randomUUID();
      const action: Action = kind === 'area' ? 'area.create' : 'segment.create';
      const createRole = permittedRole(actor, action, { siteId: site.id });
      if (!createRole) {
        problems.error({ code: 'FORBIDDEN', ...where, column: columnOf(kind), value: key });
        return '';
      }
      if (kind === 'area') {
        areaIds.set(index, id);
        plan.areas.push({ id, siteId: site.id, key, role: createRole });
      } else {
        segments.set(index, { id, cidr: null });
        plan.segments.push({ id, siteId: site.id, key, role: createRole });
      }
      problems.warn({ code: kind === 'area' ? 'INVENTORY_AREA_CREATED' : 'INVENTORY_SEGMENT_CREATED', ...where, column: columnOf(kind), value: key });
      return id;
    };

    const set = { ...machine.fields } as Updateable<MachinesTable>;
    if (set.network_state === undefined && !existing) set.network_state = 'connected';
    if (machine.areaKey !== undefined) set.area_id = machine.areaKey === null ? null : resolveKey('area', machine.areaKey);
    else if (existing && existing.site_id !== site.id) set.area_id = null;
    if (machine.adminUsername !== undefined) {
      if (machine.adminUsername === null) set.responsible_admin_id = null;
      else {
        const userId = userByNorm.get(normaliseKey(machine.adminUsername));
        if (!userId) problems.error({ code: 'REFERENCE_UNKNOWN', ...where, column: columnOf('responsible_admin'), value: machine.adminUsername });
        set.responsible_admin_id = userId ?? null;
      }
    }
    set.site_id = site.id;
    set.machine_id = machine.machineId;
    const id = existing?.id ?? randomUUID();

    const storedInterfaces = existing ? (interfacesByMachine.get(existing.id) ?? []) : [];
    // A machine moving to another site cannot keep segments of the old one.
    const keptSegment = (position: number): string | null => (existing?.site_id === site.id ? (storedInterfaces[position]?.segment_id ?? null) : null);
    const interfaces: Insertable<MachineInterfacesTable>[] = machine.interfaces === undefined
      ? storedInterfaces.map((row) => ({ ...row, segment_id: keptSegment(row.position) }))
      : machine.interfaces.map((entry, position) => {
        const segmentId = entry.segmentKey === undefined ? keptSegment(position) : entry.segmentKey === null ? null : resolveKey('segment', entry.segmentKey);
        const cidr = !entry.segmentKey ? null : (segments.get(`${site.id}\u0000${normaliseKey(entry.segmentKey)}`)?.cidr ?? null);
        if (entry.ip && cidr !== null && !ipInCidr(entry.ip, cidr)) {
          problems.warn({ code: 'INVENTORY_IP_OUTSIDE_SEGMENT', params: { segment: entry.segmentKey!, cidr }, ...where, column: columnOf('ip'), value: entry.ip });
        }
        return {
          id: randomUUID(), machine_id: id, position,
          ip: entry.ip === undefined ? (storedInterfaces[position]?.ip ?? null) : entry.ip,
          mac: entry.mac === undefined ? (storedInterfaces[position]?.mac ?? null) : entry.mac,
          hostname: entry.hostname === undefined ? (storedInterfaces[position]?.hostname ?? null) : entry.hostname,
          segment_id: segmentId,
        };
      });
    const sameInterfaces = existing !== undefined && storedInterfaces.length === interfaces.length && storedInterfaces.every((row, index) => {
      const next = interfaces[index]!;
      return row.ip === next.ip && row.mac === next.mac && row.hostname === next.hostname && row.segment_id === next.segment_id;
    });
    const changed = existing ? changedColumns(existing, set) : ['created'];
    if (existing && !sameInterfaces) changed.push('interfaces');

    const present = new Map((existing ? (componentsByMachine.get(existing.id) ?? []) : []).map((component) => [identityKey(component), component]));
    const item: MachineWork = {
      planned: machine, existing, id, siteId: site.id, role, set, changed, interfaces: sameInterfaces ? null : interfaces,
      insertComponents: [], updateComponents: [], removeComponents: [],
    };
    for (const [key, component] of machine.components) {
      const current = present.get(key);
      const columns = {
        component_type: component.component_type, vendor: component.vendor, name: component.name, component_version: component.component_version,
        model_number: component.model_number, cpe: component.cpe, purl: component.purl,
      };
      if (!current) {
        item.insertComponents.push({
          ...columns, id: randomUUID(), machine_id: id, vendor_norm: normaliseKey(component.vendor ?? ''), name_norm: normaliseKey(component.name),
          model_number_norm: normaliseKey(component.model_number ?? ''), removed_at: null, version: 1, created_at: now, updated_at: now,
        });
        continue;
      }
      present.delete(key);
      const diff = Object.entries(columns).filter(([column, value]) => (current as unknown as Record<string, unknown>)[column] !== value);
      if (diff.length > 0) item.updateComponents.push({ id: current.id, version: current.version, set: { ...columns, vendor_norm: normaliseKey(component.vendor ?? ''), name_norm: normaliseKey(component.name), model_number_norm: normaliseKey(component.model_number ?? '') } });
    }
    item.removeComponents = [...present.values()];
    plan.machines.push(item);
  }
  return plan;
}

/** STALE_OBJECT when a versioned write of the plan matched no row (changed since it was planned). */
function stale(rows: bigint): void {
  if (rows === 0n) throw new AppError('STALE_OBJECT');
}

/** Writes a checked plan in one transaction with its audit events. */
async function write(ctx: AppContext, actor: Actor, plan: WritePlan, fileNames: string[], now: string): Promise<void> {
  const files = fileNames.map(quote).join(', ');
  await withWrite(ctx, async ({ trx, audit }) => {
    for (const site of plan.sites) {
      await trx.insertInto('sites').values({ id: site.id, key: site.key, key_norm: normaliseKey(site.key), name: site.key, time_zone: IMPORTED_SITE_TIME_ZONE, version: 1, created_at: now, updated_at: now }).execute();
      await audit({ actor, role: site.role, action: 'site.create', objectType: 'site', objectId: site.id, siteId: site.id, summary: `Created site ${quote(site.key)} by inventory import of ${files}` });
    }
    for (const area of plan.areas) {
      await trx.insertInto('areas').values({ id: area.id, site_id: area.siteId, key: area.key, key_norm: normaliseKey(area.key), name: area.key, version: 1, created_at: now, updated_at: now }).execute();
      await audit({ actor, role: area.role, action: 'area.create', objectType: 'area', objectId: area.id, siteId: area.siteId, summary: `Created area ${quote(area.key)} by inventory import of ${files}` });
    }
    for (const segment of plan.segments) {
      await trx.insertInto('segments').values({
        id: segment.id, site_id: segment.siteId, key: segment.key, key_norm: normaliseKey(segment.key), name: segment.key, vlan: null, cidr: null,
        zone_type: 'unknown', needs_review: 1, version: 1, created_at: now, updated_at: now,
      }).execute();
      await audit({ actor, role: segment.role, action: 'segment.create', objectType: 'segment', objectId: segment.id, siteId: segment.siteId, summary: `Created segment ${quote(segment.key)} (zone unknown, needs review) by inventory import of ${files}` });
    }
    const written: string[] = [];
    for (const item of plan.machines) {
      const componentChanges = item.insertComponents.length + item.updateComponents.length + item.removeComponents.length;
      if (!item.existing) {
        await trx.insertInto('machines').values({
          ...item.set, id: item.id, machine_id: item.planned.machineId, machine_id_norm: item.planned.norm, name: item.planned.fields.name as string,
          site_id: item.siteId, version: 1, created_at: now, updated_at: now, decommissioned_at: null,
        }).execute();
      } else if (item.changed.length > 0) {
        // The plan was made outside this transaction: only the version it saw may be overwritten.
        const updated = await trx.updateTable('machines').set({ ...item.set, machine_id_norm: item.planned.norm, updated_at: now, version: item.existing.version + 1 })
          .where('id', '=', item.id).where('version', '=', item.existing.version).where('decommissioned_at', 'is', null).executeTakeFirst();
        stale(updated.numUpdatedRows);
      } else if (componentChanges === 0) continue;
      else {
        const current = await trx.selectFrom('machines').select(['version', 'decommissioned_at']).where('id', '=', item.id).executeTakeFirst();
        if (current?.version !== item.existing.version || current.decommissioned_at !== null) throw new AppError('STALE_OBJECT');
      }
      if (item.interfaces) await replaceInterfacesOf(trx, item.id, item.interfaces);
      await insertComponents(trx, item.insertComponents);
      for (const update of item.updateComponents) {
        stale((await trx.updateTable('components').set((eb) => ({ ...update.set, updated_at: now, version: eb('version', '+', 1) }))
          .where('id', '=', update.id).where('version', '=', update.version).where('removed_at', 'is', null).executeTakeFirst()).numUpdatedRows);
      }
      for (const removed of item.removeComponents) {
        stale((await trx.updateTable('components').set((eb) => ({ removed_at: now, updated_at: now, version: eb('version', '+', 1) }))
          .where('id', '=', removed.id).where('version', '=', removed.version).where('removed_at', 'is', null).executeTakeFirst()).numUpdatedRows);
      }
      await refreshMachineSearchText(trx, item.id);
      written.push(item.id);
      const counts = `components +${item.insertComponents.length} ~${item.updateComponents.length} -${item.removeComponents.length}`;
      const fields = item.existing ? `: ${item.changed.join(', ') || 'no fields'}; ` : '; ';
      await audit({
        actor, role: item.role, action: item.existing ? 'machine.update' : 'machine.create', objectType: 'machine', objectId: item.id, siteId: item.siteId,
        summary: `${item.existing ? 'Updated' : 'Created'} machine ${quote(item.planned.machineId)} by inventory import of ${files}${fields}${counts}`,
      });
    }
    // The machines written re-match against the stored advisories in the same transaction.
    await rematchMachines(trx, written, { now });
  });
}

/** Throws when the actor may not import at all (for routes that check before reading the upload). */
export function authorizeImport(actor: Actor): Role {
  return authorize(actor, 'inventory.import', 'global');
}
