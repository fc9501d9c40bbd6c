import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { corpusDir } from '../../../test-support/corpus.ts';

// Test fixtures of the enrichment files: the real KEV catalog from the shared corpus, a small KEV
// catalog in CISA's shape, and EPSS files built here (small, or 300,000 generated rows).

/** The real CISA KEV catalog (version 2025.08.25, 1,404 entries) of ../shared/corpus/kev/. */
export const kevFile = path.join(corpusDir, 'kev/known_exploited_vulnerabilities.json');

/** The skip reason when the real catalog is missing (printed once), else false. */
export const kevMissing: string | false = existsSync(kevFile) ? false : `real-data test skipped: ${kevFile} is missing (see ../shared/corpus/README.md)`;
if (kevMissing) console.log(`# ${kevMissing}`);

/** One catalog entry in CISA's shape. */
export function kevEntry(cve: string, ransomware: 'Known' | 'Unknown' = 'Unknown'): Record<string, unknown> {
  return {
    cveID: cve, vendorProject: 'Siemens', product: 'SIMATIC S7-1500', vulnerabilityName: `${cve} test`, dateAdded: '2025-01-02',
    shortDescription: 'A test entry.', requiredAction: 'Apply updates per vendor instructions.', dueDate: '2025-01-23',
    knownRansomwareCampaignUse: ransomware, notes: '', cwes: ['CWE-20'],
  };
}

/** A small, valid catalog (CVE-2024-0001 Known, CVE-2024-0002 Unknown). */
export function smallCatalog(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'CISA Catalog of Known Exploited Vulnerabilities', catalogVersion: '2025.01.02', dateReleased: '2025-01-02T15:00:00.000Z', count: 2,
    vulnerabilities: [kevEntry('CVE-2024-0001', 'Known'), kevEntry('CVE-2024-0002')],
    ...overrides,
  };
}

export const epssComment = '#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000';

/** A small EPSS file: comment line, header, three rows. */
export function smallEpss(lines: string[] = ['CVE-2021-44228,0.94358,0.99957', 'CVE-2024-0001,0.00043,0.11734', 'CVE-1999-0001,0.01025,0.76796']): string {
  return [epssComment, 'cve,epss,percentile', ...lines].join('\n') + '\n';
}

/** The CVE of generated row `index` (unique, spread over years). */
export function generatedCve(index: number): string {
  return `CVE-${1999 + (index % 27)}-${String(10000 + index)}`;
}

/** An EPSS file of `rows` generated rows (as FIRST publishes it, ~300,000 rows), gzip-compressed; scored on `day` (YYYY-MM-DD). */
export function generatedEpssGz(rows: number, day = '2025-08-25'): Buffer {
  const lines: string[] = [epssComment.replace('2025-08-25', day), 'cve,epss,percentile'];
  for (let index = 0; index < rows; index += 1) lines.push(`${generatedCve(index)},${((index % 1000) / 1000).toFixed(5)},${(index / rows).toFixed(5)}`);
  return gzipSync(`${lines.join('\n')}\n`);
}
