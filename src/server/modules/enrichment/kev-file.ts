import type { KevEntriesTable } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { issueDetails, jsonPointer } from '../../errors/validation.ts';
import { kevCatalogSchema, parseInstant, type KevCatalog } from './enrichment.schema.ts';
import { ErrorCollector } from './enrichment-errors.ts';

// Reading the CISA KEV catalog (JSON): shape checked with zod, then the count and unique CVEs.
// Pure: bytes in, catalog or KEV_FILE_INVALID with one detail per problem (JSON pointers) out.

/** The KEV row of one catalog entry, as stored (the catalog version and times are added on import). */
export type KevRecord = Omit<KevEntriesTable, 'catalog_version' | 'removed_at' | 'updated_at'>;

export interface ParsedKevCatalog {
  version: string;
  /** dateReleased as ISO 8601 UTC with milliseconds. */
  date: string;
  records: KevRecord[];
}

function toRecords(catalog: KevCatalog): KevRecord[] {
  return catalog.vulnerabilities.map((entry) => ({
    cve: entry.cveID,
    vendor_project: entry.vendorProject,
    product: entry.product,
    vulnerability_name: entry.vulnerabilityName,
    date_added: entry.dateAdded,
    short_description: entry.shortDescription,
    required_action: entry.requiredAction,
    due_date: entry.dueDate,
    ransomware: entry.knownRansomwareCampaignUse === 'Known' ? 1 : 0,
    notes: entry.notes === undefined || entry.notes.trim() === '' ? null : entry.notes,
    cwes: JSON.stringify(entry.cwes ?? []),
  }));
}

/**
 * Parses and checks a KEV catalog file. Throws KEV_FILE_INVALID (nothing to store) with details:
 * KEV_NOT_JSON, schema problems at their JSON pointer, KEV_COUNT_MISMATCH, KEV_CVE_REPEATED.
 */
export function parseKevCatalog(file: string, bytes: Uint8Array): ParsedKevCatalog {
  const errors = new ErrorCollector(file);
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    errors.add({ code: 'KEV_NOT_JSON', path: '/' });
    throw new AppError('KEV_FILE_INVALID', {}, errors.report());
  }
  const parsed = kevCatalogSchema.safeParse(json);
  if (!parsed.success) {
    for (const detail of issueDetails(parsed.error.issues)) errors.add(detail);
    throw new AppError('KEV_FILE_INVALID', {}, errors.report());
  }
  const catalog = parsed.data;
  if (catalog.count !== catalog.vulnerabilities.length) {
    errors.add({ code: 'KEV_COUNT_MISMATCH', path: '/count', params: { count: catalog.count, actual: catalog.vulnerabilities.length } });
  }
  const firstIndex = new Map<string, number>();
  catalog.vulnerabilities.forEach((entry, index) => {
    const first = firstIndex.get(entry.cveID);
    if (first === undefined) firstIndex.set(entry.cveID, index);
    else errors.add({ code: 'KEV_CVE_REPEATED', path: jsonPointer(['vulnerabilities', index, 'cveID']), value: entry.cveID, params: { value: entry.cveID, first: jsonPointer(['vulnerabilities', first]) } });
  });
  if (errors.count > 0) throw new AppError('KEV_FILE_INVALID', {}, errors.report());
  return { version: catalog.catalogVersion, date: parseInstant(catalog.dateReleased)!, records: toRecords(catalog) };
}
