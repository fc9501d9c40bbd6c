import { createHash } from 'node:crypto';
import { normaliseKey } from '../../db/normalise.ts';
import type { ComponentType } from '../../db/schema.ts';
import type { DetailSource } from '../../errors/app-error.ts';
import { jsonPointer } from '../../errors/validation.ts';
import { componentColumns, exportColumns, type Column, type FileRow, type InventoryTable } from './inventory-file.ts';

// The CycloneDX 1.6 codec of the per-machine SBOM (INTERFACES.md "Inventory files"), pure: the
// cells of one machine and its components (the same cells as a CSV row, so import and export share
// the CSV pipeline's identity, checks and removal marking) ⇄ one BOM as JSON. It knows nothing of
// the database; checks of the document itself (JSON, specVersion, schema, bom-refs) are in
// cyclonedx-validation.ts.
//
// Mapping:
//   metadata.component  = the machine: type `device`, `bom-ref` = machine_id, `name` = machine_name,
//                         `manufacturer.name` = machine_vendor (import falls back to supplier.name),
//                         and one property per further machine column (`machineProperties`):
//                         patchwerk:site, patchwerk:area, patchwerk:model, patchwerk:serial_number,
//                         patchwerk:machine_type, patchwerk:line, patchwerk:redundancy_group,
//                         patchwerk:criticality, patchwerk:safety_functions, patchwerk:safety_impact,
//                         patchwerk:mission_impact, patchwerk:updatable, patchwerk:end_of_support,
//                         patchwerk:network_state, patchwerk:responsible_admin,
//                         patchwerk:operating_system, patchwerk:segment, patchwerk:ip, patchwerk:mac,
//                         patchwerk:hostname — values as in the CSV cells (codes; interfaces as
//                         `|`-separated values aligned by position).
//   components[]        = its software: `type` firmware / operating-system / application, `name`,
//                         `version`, `supplier.name` = component vendor (import falls back to
//                         manufacturer.name, then publisher), `cpe`, `purl`, properties
//                         patchwerk:component_type and patchwerk:model_number.
// Export writes every machine property (empty value when unset), so a BOM states the whole machine.
// Import: an absent machine property leaves that field of a stored machine as it is (like an absent
// optional CSV column), an empty one clears it; name and manufacturer always count. Without
// patchwerk:site the machine keeps its site (the import service fills it in); an unknown machine
// then needs it. patchwerk:component_type wins over `type`; otherwise operating-system → os,
// firmware → firmware, application → application; library, framework, container, platform and
// device-driver → application and device → other, each with the warning CYCLONEDX_TYPE_MAPPED;
// file, data, machine-learning-model and cryptographic-asset are not software of the machine and
// are left out with the warning CYCLONEDX_COMPONENT_SKIPPED. Nested components count like top-level
// ones. Unknown `patchwerk:` properties are ignored with INVENTORY_COLUMN_IGNORED.

export const CYCLONEDX_SPEC_VERSION = '1.6';
export const CYCLONEDX_MEDIA_TYPE = 'application/vnd.cyclonedx+json';
export const CYCLONEDX_SCHEMA_URL = 'http://cyclonedx.org/schema/bom-1.6.schema.json';

/** A property as in a BOM. */
export interface CdxProperty {
  name: string;
  value?: string;
}

/** The parts of a CycloneDX component this codec reads and writes. */
export interface CdxComponent {
  type: string;
  'bom-ref'?: string;
  supplier?: { name?: string };
  manufacturer?: { name?: string };
  publisher?: string;
  name: string;
  version?: string;
  cpe?: string;
  purl?: string;
  properties?: CdxProperty[];
  components?: CdxComponent[];
}

/** The parts of a CycloneDX BOM this codec reads and writes. */
export interface CdxBom {
  $schema?: string;
  bomFormat: 'CycloneDX';
  specVersion: string;
  serialNumber?: string;
  version?: number;
  metadata?: {
    timestamp?: string;
    tools?: unknown;
    component?: CdxComponent;
  };
  components?: CdxComponent[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
}

/** Machine columns carried as `patchwerk:` properties of metadata.component, in export order. */
export const machineProperties: readonly (readonly [Column, string])[] = exportColumns
  .filter((column) => !['machine_id', 'machine_name', 'machine_vendor', ...componentColumns].includes(column))
  .map((column) => [column, `patchwerk:${column === 'machine_model' ? 'model' : column}`] as const);

const propertyColumn = new Map(machineProperties.map(([column, name]) => [name, column]));
const propertyColumns = new Set<string>(machineProperties.map(([column]) => column));

export const COMPONENT_TYPE_PROPERTY = 'patchwerk:component_type';
export const MODEL_NUMBER_PROPERTY = 'patchwerk:model_number';

/** Patchwerk component type → CycloneDX type. */
export const cyclonedxTypeOf: Record<ComponentType, 'firmware' | 'operating-system' | 'application'> = {
  os: 'operating-system', firmware: 'firmware', plc: 'firmware', network: 'firmware', application: 'application', hmi: 'application', other: 'application',
};

/** CycloneDX type → Patchwerk component type (`mapped`: a warning says so); null: not imported. */
export const componentTypeOfCyclonedx: Record<string, { type: ComponentType; mapped: boolean } | null> = {
  'operating-system': { type: 'os', mapped: false },
  firmware: { type: 'firmware', mapped: false },
  application: { type: 'application', mapped: false },
  library: { type: 'application', mapped: true },
  framework: { type: 'application', mapped: true },
  container: { type: 'application', mapped: true },
  platform: { type: 'application', mapped: true },
  'device-driver': { type: 'application', mapped: true },
  device: { type: 'other', mapped: true },
  file: null,
  data: null,
  'machine-learning-model': null,
  'cryptographic-asset': null,
};

type Cells = Partial<Record<Column, string>>;

/** The input of `machineBom`: the machine's cells and its components' cells, as for a CSV export. */
export interface BomInput {
  machine: Cells;
  /** Already in export order (by component key). */
  components: Cells[];
}

/** Values of the BOM that are not the inventory. */
export interface BomOptions {
  /** metadata.timestamp: the export time. */
  timestamp: string;
  /** Patchwerk's version, for metadata.tools. */
  toolVersion: string;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** A UUID (version 8, RFC 9562) made from the first 16 bytes of a SHA-256 digest. */
export function uuidFromDigest(digest: Uint8Array): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The file name of a machine's BOM: `<machine_id>.cdx.json`, characters other than A–Z a–z 0–9 . _ - replaced by `_`. */
export function bomFileName(machineId: string): string {
  return `${machineId.replace(/[^A-Za-z0-9._-]/g, '_')}.cdx.json`;
}

/** The bom-ref of a component: derived from its identity (type, vendor, name, model number), so stable across databases. */
function componentRef(cells: Cells): string {
  const identity = [cells.component_type ?? '', normaliseKey(cells.component_vendor ?? ''), normaliseKey(cells.component_name ?? ''), normaliseKey(cells.model_number ?? '')];
  return `component-${sha256(identity.join('\u0000')).toString('hex').slice(0, 16)}`;
}

/**
 * One machine as a CycloneDX 1.6 BOM. Deterministic: the same inventory gives the same document
 * except metadata.timestamp; serialNumber is a UUID derived from the hash of everything else.
 */
export function machineBom(input: BomInput, options: BomOptions): CdxBom {
  const { machine } = input;
  const machineId = machine.machine_id ?? '';
  const used = new Set([machineId]);
  const components: CdxComponent[] = input.components.map((cells) => {
    let ref = componentRef(cells);
    for (let suffix = 2; used.has(ref); suffix++) ref = `${componentRef(cells)}-${suffix}`;
    used.add(ref);
    const type = (cells.component_type ?? 'other') as ComponentType;
    const properties: CdxProperty[] = [{ name: COMPONENT_TYPE_PROPERTY, value: type }];
    if (cells.model_number) properties.push({ name: MODEL_NUMBER_PROPERTY, value: cells.model_number });
    return {
      type: cyclonedxTypeOf[type] ?? 'application',
      'bom-ref': ref,
      ...(cells.component_vendor ? { supplier: { name: cells.component_vendor } } : {}),
      name: cells.component_name ?? '',
      ...(cells.component_version ? { version: cells.component_version } : {}),
      ...(cells.cpe ? { cpe: cells.cpe } : {}),
      ...(cells.purl ? { purl: cells.purl } : {}),
      properties,
    };
  });
  const device: CdxComponent = {
    type: 'device',
    'bom-ref': machineId,
    ...(machine.machine_vendor ? { manufacturer: { name: machine.machine_vendor } } : {}),
    name: machine.machine_name ?? '',
    properties: machineProperties.map(([column, name]) => ({ name, value: machine[column] ?? '' })),
  };
  const content = {
    metadata: {
      tools: { components: [{ type: 'application', manufacturer: { name: 'Patchwerk' }, name: 'Patchwerk', version: options.toolVersion }] },
      component: device,
    },
    components,
    dependencies: [{ ref: machineId, dependsOn: components.map((component) => component['bom-ref']!) }],
  };
  const serialNumber = `urn:uuid:${uuidFromDigest(sha256(JSON.stringify(content)))}`;
  return {
    $schema: CYCLONEDX_SCHEMA_URL,
    bomFormat: 'CycloneDX',
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber,
    version: 1,
    metadata: { timestamp: options.timestamp, ...content.metadata },
    components: content.components,
    dependencies: content.dependencies,
  };
}

/** A BOM as file bytes: UTF-8 JSON, two-space indented, final newline. */
export function serializeBom(bom: CdxBom): Buffer {
  return Buffer.from(`${JSON.stringify(bom, null, 2)}\n`, 'utf8');
}

/** Where the cells of a BOM table came from, to point problems into the document. */
export type BomLocator = NonNullable<InventoryTable['cyclonedx']>;

/** A table read from a BOM: rows as from a CSV file, plus where each cell came from. */
export interface BomTable extends InventoryTable {
  cyclonedx: BomLocator;
}

const MACHINE = '/metadata/component';

function propertiesOf(component: CdxComponent): CdxProperty[] {
  return Array.isArray(component.properties) ? component.properties : [];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * A checked BOM (schema-valid, metadata.component a device) as an inventory table: one row per
 * software component (or one row without component cells when there is none), the machine's cells
 * repeated on each. Columns are named by their CSV names; `cyclonedx.locate` maps them to pointers.
 */
export function tableFromBom(file: string, bom: CdxBom): BomTable {
  const errors: DetailSource[] = [];
  const warnings: DetailSource[] = [];
  const device = bom.metadata!.component!;
  const machine: Cells = { machine_id: text(device['bom-ref']), machine_name: text(device.name) };
  const machinePointers = new Map<string, string>([['machine_id', `${MACHINE}/bom-ref`], ['machine_name', `${MACHINE}/name`]]);
  if (device.manufacturer?.name !== undefined) {
    machine.machine_vendor = text(device.manufacturer.name);
    machinePointers.set('machine_vendor', `${MACHINE}/manufacturer/name`);
  } else if (device.supplier?.name !== undefined) {
    machine.machine_vendor = text(device.supplier.name);
    machinePointers.set('machine_vendor', `${MACHINE}/supplier/name`);
  } else {
    machine.machine_vendor = '';
    machinePointers.set('machine_vendor', MACHINE);
  }
  const headers: InventoryTable['headers'] = { machine_id: 'machine_id', machine_name: 'machine_name', machine_vendor: 'machine_vendor', site: 'site' };
  const deviceProperties = propertiesOf(device);
  deviceProperties.forEach((property, index) => {
    const pointer = `${MACHINE}/properties/${index}`;
    const column = propertyColumn.get(property.name);
    if (column === undefined) {
      if (property.name.startsWith('patchwerk:')) warnings.push({ code: 'INVENTORY_COLUMN_IGNORED', file, path: `${pointer}/name`, value: property.name });
      return;
    }
    if (machinePointers.has(column)) {
      errors.push({ code: 'FIELD_REPEATED', file, path: `${pointer}/name`, value: property.name });
      return;
    }
    headers[column] = column;
    machine[column] = text(property.value);
    machinePointers.set(column, `${pointer}/value`);
  });
  const siteMissing = !machinePointers.has('site');
  if (siteMissing) machine.site = '';
  const missingPropertyPointer = deviceProperties.length > 0 ? `${MACHINE}/properties` : MACHINE;
  for (const column of componentColumns) headers[column] = column;

  // The software components, nested ones included, in document order.
  const rows: FileRow[] = [];
  const rowPointers: { base: string; cells: Map<string, string> }[] = [];
  const visit = (list: CdxComponent[] | undefined, base: string): void => {
    (Array.isArray(list) ? list : []).forEach((component, index) => {
      const pointer = `${base}/${index}`;
      visitOne(component, pointer);
      visit(component.components, `${pointer}/components`);
    });
  };
  const visitOne = (component: CdxComponent, pointer: string): void => {
    const cells: Cells = { component_name: text(component.name), component_version: text(component.version), cpe: text(component.cpe), purl: text(component.purl) };
    const pointers = new Map<string, string>([
      ['component_name', `${pointer}/name`], ['component_version', `${pointer}/version`], ['cpe', `${pointer}/cpe`], ['purl', `${pointer}/purl`],
      ['component_type', `${pointer}/type`], ['model_number', `${pointer}/properties`],
    ]);
    const [vendor, vendorPointer] = component.supplier?.name !== undefined ? [component.supplier.name, `${pointer}/supplier/name`]
      : component.manufacturer?.name !== undefined ? [component.manufacturer.name, `${pointer}/manufacturer/name`]
        : component.publisher !== undefined ? [component.publisher, `${pointer}/publisher`] : ['', pointer];
    cells.component_vendor = text(vendor);
    pointers.set('component_vendor', vendorPointer);
    const seen = new Set<string>();
    let typeProperty: string | undefined;
    propertiesOf(component).forEach((property, index) => {
      const at = `${pointer}/properties/${index}`;
      if (property.name !== COMPONENT_TYPE_PROPERTY && property.name !== MODEL_NUMBER_PROPERTY) {
        if (property.name.startsWith('patchwerk:')) warnings.push({ code: 'INVENTORY_COLUMN_IGNORED', file, path: `${at}/name`, value: property.name });
        return;
      }
      if (seen.has(property.name)) {
        errors.push({ code: 'FIELD_REPEATED', file, path: `${at}/name`, value: property.name });
        return;
      }
      seen.add(property.name);
      if (property.name === COMPONENT_TYPE_PROPERTY) {
        typeProperty = text(property.value);
        pointers.set('component_type', `${at}/value`);
      } else {
        cells.model_number = text(property.value);
        pointers.set('model_number', `${at}/value`);
      }
    });
    if (typeProperty !== undefined && typeProperty.trim() !== '') cells.component_type = typeProperty;
    else {
      const mapped = componentTypeOfCyclonedx[component.type];
      if (mapped === null || mapped === undefined) {
        warnings.push({ code: 'CYCLONEDX_COMPONENT_SKIPPED', file, path: `${pointer}/type`, value: component.type });
        return;
      }
      if (mapped.mapped) warnings.push({ code: 'CYCLONEDX_TYPE_MAPPED', params: { component_type: mapped.type }, file, path: `${pointer}/type`, value: component.type });
      cells.component_type = mapped.type;
      pointers.set('component_type', `${pointer}/type`);
    }
    rows.push({ row: rows.length + 2, cells: { ...machine, ...cells } });
    rowPointers.push({ base: pointer, cells: pointers });
  };
  visit(bom.components, '/components');
  if (rows.length === 0) {
    rows.push({ row: 2, cells: { ...machine } });
    rowPointers.push({ base: MACHINE, cells: new Map() });
  }

  const locate = (row: number | undefined, column: string | undefined): string => {
    if (column !== undefined && machinePointers.has(column)) return machinePointers.get(column)!;
    if (column !== undefined && propertyColumns.has(column)) return missingPropertyPointer;
    const entry = row === undefined ? undefined : rowPointers[row - 2];
    if (!entry) return MACHINE;
    return (column !== undefined ? entry.cells.get(column) : undefined) ?? entry.base;
  };
  return { file, headers, rows, errors, warnings, cyclonedx: { locate, siteMissing } };
}

/** Every `bom-ref` defined in the document with its pointer, in document order. */
export function bomRefs(document: unknown): { ref: string; path: string }[] {
  const found: { ref: string; path: string }[] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'bom-ref' && typeof item === 'string') found.push({ ref: item, path: jsonPointer([...path, key]) });
        else walk(item, [...path, key]);
      }
    }
  };
  walk(document, []);
  return found;
}
