import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import type { DetailSource } from '../../errors/app-error.ts';
import { jsonPointer } from '../../errors/validation.ts';
import { bomRefs, CYCLONEDX_SPEC_VERSION, tableFromBom, type CdxBom } from './cyclonedx.ts';
import type { InventoryTable } from './inventory-file.ts';

// Checks of a CycloneDX document before it becomes inventory rows, in this order (each later step
// only when the earlier ones passed): UTF-8 JSON (CYCLONEDX_NOT_JSON) → an object with
// `bomFormat: "CycloneDX"` (CYCLONEDX_SCHEMA at /bomFormat) → specVersion 1.6
// (CYCLONEDX_SPEC_VERSION; older and newer versions are refused rather than read by guesswork) →
// then, all reported together: the CycloneDX 1.6 strict JSON schema of @cyclonedx/cyclonedx-library
// (CYCLONEDX_SCHEMA with the pointer), unique bom-refs anywhere in the document
// (CYCLONEDX_BOM_REF_DUPLICATE at each repetition) and metadata.component being the machine, a
// `device` (CYCLONEDX_MACHINE_MISSING).

let strict: Validation.JsonStrictValidator | undefined;

/** The library's strict CycloneDX 1.6 JSON validator (compiled once per process). */
function validator(): Validation.JsonStrictValidator {
  strict ??= new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  return strict;
}

/** One schema violation: where, and what (ajv's English message). */
export interface SchemaProblem {
  path: string;
  message: string;
  value?: string;
}

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Violations of the CycloneDX 1.6 strict schema by a JSON text; [] when it is valid. */
export async function cyclonedxSchemaProblems(json: string): Promise<SchemaProblem[]> {
  const errors = (await validator().validate(json)) as AjvError[] | null;
  if (!errors) return [];
  const problems = new Map<string, SchemaProblem>();
  for (const error of errors) {
    let path = error.instancePath ?? '';
    let message = error.message ?? String(error.keyword ?? 'invalid');
    let value: string | undefined;
    const params = error.params ?? {};
    if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      path = `${path}/${escapeSegment(params.additionalProperty)}`;
      value = params.additionalProperty;
    } else if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
      value = params.missingProperty;
    } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      message = `${message}: ${params.allowedValues.map(String).join(', ')}`;
    }
    const problem = { path: path || '/', message, ...(value !== undefined ? { value } : {}) };
    problems.set(JSON.stringify(problem), problem);
  }
  return [...problems.values()];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Decodes and parses a JSON file (UTF-8, byte order mark allowed); undefined when it is not JSON. */
function parseJson(bytes: Uint8Array): { text: string; value: unknown } | undefined {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** The problems of a parsed document as a CycloneDX 1.6 machine BOM; [] when it can be imported. */
export async function cyclonedxProblems(file: string, document: unknown, json: string = JSON.stringify(document)): Promise<DetailSource[]> {
  if (!isObject(document) || document.bomFormat !== 'CycloneDX') {
    return [{ code: 'CYCLONEDX_SCHEMA', params: { message: 'bomFormat must be "CycloneDX"' }, file, path: '/bomFormat', ...(isObject(document) && typeof document.bomFormat === 'string' ? { value: document.bomFormat } : {}) }];
  }
  if (document.specVersion !== CYCLONEDX_SPEC_VERSION) {
    return [{ code: 'CYCLONEDX_SPEC_VERSION', params: { value: typeof document.specVersion === 'string' ? document.specVersion : JSON.stringify(document.specVersion ?? null) }, file, path: '/specVersion', value: typeof document.specVersion === 'string' ? document.specVersion : JSON.stringify(document.specVersion ?? null) }];
  }
  const errors: DetailSource[] = [];
  for (const problem of await cyclonedxSchemaProblems(json)) {
    errors.push({ code: 'CYCLONEDX_SCHEMA', params: { message: problem.message }, file, path: problem.path, ...(problem.value !== undefined ? { value: problem.value } : {}) });
  }
  const seen = new Set<string>();
  for (const { ref, path } of bomRefs(document)) {
    if (seen.has(ref)) errors.push({ code: 'CYCLONEDX_BOM_REF_DUPLICATE', file, path, value: ref });
    seen.add(ref);
  }
  const metadata = document.metadata;
  const machine = isObject(metadata) ? metadata.component : undefined;
  if (!isObject(machine)) errors.push({ code: 'CYCLONEDX_MACHINE_MISSING', file, path: jsonPointer(isObject(metadata) ? ['metadata', 'component'] : ['metadata']) });
  else if (machine.type !== 'device') errors.push({ code: 'CYCLONEDX_MACHINE_MISSING', file, path: '/metadata/component/type', value: String(machine.type) });
  return errors;
}

/** Reads a CycloneDX file as an inventory table (with pointers), or with the reasons it cannot be read. */
export async function readCycloneDx(file: string, bytes: Uint8Array): Promise<InventoryTable> {
  const empty = { file, headers: {}, rows: [], warnings: [] };
  const parsed = parseJson(bytes);
  if (!parsed) return { ...empty, errors: [{ code: 'CYCLONEDX_NOT_JSON', file }] };
  const errors = await cyclonedxProblems(file, parsed.value, parsed.text);
  if (errors.length > 0) return { ...empty, errors };
  return tableFromBom(file, parsed.value as CdxBom);
}
