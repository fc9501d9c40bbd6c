import path from 'node:path';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import type { Actor } from '../../policies/actor.ts';
import type { AdvisoryFileSource } from '../advisories/advisory-files.ts';
import { collectAdvisoryFiles } from '../advisories/advisory-files.ts';
import { importAdvisories } from '../advisories/advisory-import.service.ts';
import type { CsafValidator } from '../advisories/csaf-validation.ts';
import { affected, notAffected } from '../demo/hammer-und-meissel.affected.ts';
import { corpusDir } from '../../../test-support/corpus.ts';
import { matchDocuments } from './matching.service.ts';

// Advisories for the matching tests: the corpus documents the demo plant's fixture names, and tiny
// CSAF documents naming one product and one vulnerability (for TLP and role checks).

export const cisaDir = path.join(corpusDir, 'cisa-csaf');

/** The corpus files of the demo plant's advisory fixture, affected and not affected, each once. */
export function fixtureAdvisoryFiles(): string[] {
  return [...new Set([...affected, ...notAffected].map((entry) => path.join(cisaDir, entry.advisory)))].sort();
}

/** What a tiny advisory names. */
export interface TinyAdvisory {
  trackingId: string;
  tlp?: 'WHITE' | 'GREEN' | 'AMBER' | 'RED';
  vendor: string;
  product: string;
  range: string;
  cve: string;
  status?: 'known_affected' | 'fixed' | 'known_not_affected' | 'under_investigation';
  /** A remediation for the product. */
  fix?: string;
  /** The tracking version (default 1); the revision history lists every version up to it. */
  version?: number;
  /** Give the vulnerability a CWE with a wrong name: the document fails mandatory test 6.1.11 and is stored flagged. */
  flagged?: boolean;
  /** The serial numbers of the devices the product is (a product identification helper). */
  serialNumbers?: string[];
}

/** A small valid CSAF 2.0 base document with one product and one vulnerability. */
export function tinyAdvisory(advisory: TinyAdvisory): Buffer {
  const date = '2026-01-01T00:00:00.000Z';
  const version = advisory.version ?? 1;
  const history = Array.from({ length: version }, (_, index) => ({ number: String(index + 1), date, summary: index === 0 ? 'Initial' : `Revision ${index + 1}` }));
  return Buffer.from(JSON.stringify({
    document: {
      category: 'csaf_base', csaf_version: '2.0', title: `Advisory ${advisory.trackingId}`, distribution: { tlp: { label: advisory.tlp ?? 'WHITE' } },
      publisher: { category: 'vendor', name: 'Matching tests', namespace: 'https://matching.example' },
      tracking: { id: advisory.trackingId, version: String(version), status: 'final', initial_release_date: date, current_release_date: date, revision_history: history },
    },
    product_tree: {
      branches: [{
        category: 'vendor', name: advisory.vendor,
        branches: [{
          category: 'product_name', name: advisory.product,
          branches: [{ category: 'product_version_range', name: advisory.range, product: {
            product_id: 'CSAFPID-0001', name: `${advisory.vendor} ${advisory.product} ${advisory.range}`,
            ...(advisory.serialNumbers ? { product_identification_helper: { serial_numbers: advisory.serialNumbers } } : {}),
          } }],
        }],
      }],
    },
    vulnerabilities: [{
      cve: advisory.cve,
      ...(advisory.flagged ? { cwe: { id: 'CWE-79', name: 'Not the name of CWE-79' } } : {}),
      product_status: { [advisory.status ?? 'known_affected']: ['CSAFPID-0001'] },
      ...(advisory.fix ? { remediations: [{ category: 'vendor_fix', details: advisory.fix, product_ids: ['CSAFPID-0001'] }] } : {}),
    }],
  }));
}

/** A source for `importAdvisories` holding these bytes, without sidecars. */
export function bytesSource(name: string, bytes: Buffer): AdvisoryFileSource {
  return { name, read: () => Promise.resolve(bytes), size: () => Promise.resolve(bytes.length), sidecars: {} };
}

/** Sources for `importAdvisories` from tiny advisories. */
export function tinySources(advisories: readonly TinyAdvisory[]): AdvisoryFileSource[] {
  return advisories.map((advisory) => bytesSource(`${advisory.trackingId}-${advisory.version ?? 1}.json`, tinyAdvisory(advisory)));
}

/** The ids of every stored document. */
export async function allDocumentIds(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('advisory_documents').select('id').execute()).map((row) => row.id);
}

/** Imports the sources and matches every stored document (the import itself may already have). */
export async function importAndMatch(ctx: AppContext, actor: Actor, sources: AdvisoryFileSource[] | string[], validator?: CsafValidator) {
  const files = typeof sources[0] === 'string' ? await collectAdvisoryFiles(sources as string[]) : (sources as AdvisoryFileSource[]);
  const result = await importAdvisories(ctx, actor, { sources: files, via: 'file', ...(validator ? { validator } : {}) });
  const documentIds = await allDocumentIds(ctx.db);
  await withWrite(ctx, ({ trx }) => matchDocuments(trx, documentIds, { now: ctx.clock.now().toISOString() }));
  return result;
}
