import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusDir } from '../../../test-support/corpus.ts';

// Real CSAF documents for the import tests, read from ../shared/corpus (never copied into the
// repository), and revisions derived from them.

export const corpusRoot = corpusDir;
export const cisaRoot = path.join(corpusRoot, 'cisa-csaf');
export const cisaWhite = path.join(cisaRoot, 'csaf_files/OT/white');
export const oasisExamples = path.join(corpusRoot, 'oasis-csaf/csaf_2.0/examples');

/** Why the real-data tests cannot run, or false. */
export const corpusMissing: string | false =
  existsSync(cisaWhite) && existsSync(oasisExamples) ? false : `corpus not found at ${corpusRoot}: the real-data advisory import tests cannot run`;

/** A branch of a product tree, as far as these fixtures touch it. */
export interface CsafBranch {
  category: string;
  name: string;
  product?: { name: string; product_id: string; [key: string]: unknown };
  branches?: CsafBranch[];
}

/** The parts of a CSAF document these fixtures read or change (everything else is kept as it is). */
export interface CsafJson {
  document: {
    title: string;
    csaf_version: string;
    tracking: { id: string; version: string; current_release_date: string; revision_history: { number: string; date: string; summary: string }[]; [key: string]: unknown };
    [key: string]: unknown;
  };
  product_tree: { branches: CsafBranch[]; [key: string]: unknown };
  vulnerabilities?: {
    product_status?: Record<string, string[] | undefined>;
    remediations?: { product_ids?: string[] }[];
    scores?: { products?: string[] }[];
    threats?: { product_ids?: string[] }[];
  }[];
}

/** A corpus document as JSON (`2021/icsa-21-131-15.json`). */
export function corpusDocument(relative: string): CsafJson {
  return JSON.parse(readFileSync(path.join(cisaWhite, relative), 'utf8')) as CsafJson;
}

/** Removes `productId` from every list of product ids in the vulnerabilities. */
function forgetProduct(document: CsafJson, productId: string): void {
  const strip = (ids: string[] | undefined): string[] | undefined => ids?.filter((id) => id !== productId);
  for (const vulnerability of document.vulnerabilities ?? []) {
    const status = vulnerability.product_status ?? {};
    for (const name of Object.keys(status)) status[name] = strip(status[name]);
    for (const remediation of vulnerability.remediations ?? []) remediation.product_ids = strip(remediation.product_ids);
    for (const score of vulnerability.scores ?? []) score.products = strip(score.products);
    for (const threat of vulnerability.threats ?? []) threat.product_ids = strip(threat.product_ids);
  }
}

/** Removes the last product leaf of the branch tree (and branches left empty); returns its id. */
function dropLastProduct(branches: CsafBranch[]): string | null {
  for (let index = branches.length - 1; index >= 0; index -= 1) {
    const branch = branches[index]!;
    if (branch.branches) {
      const dropped = dropLastProduct(branch.branches);
      if (dropped) {
        if (branch.branches.length === 0) branches.splice(index, 1);
        return dropped;
      }
    } else if (branch.product) {
      branches.splice(index, 1);
      return branch.product.product_id;
    }
  }
  return null;
}

/**
 * An older revision of a real document: the tracking version and release date of its first
 * revision, only that revision in the history, and one product fewer (with its references).
 */
export function olderRevision(document: CsafJson): { older: CsafJson; droppedProductId: string } {
  const older = structuredClone(document);
  const first = older.document.tracking.revision_history[0]!;
  older.document.tracking.revision_history = [first];
  older.document.tracking.version = first.number;
  older.document.tracking.current_release_date = first.date;
  const droppedProductId = dropLastProduct(older.product_tree.branches);
  if (!droppedProductId) throw new Error('no product to drop');
  forgetProduct(older, droppedProductId);
  return { older, droppedProductId };
}

/** Counts the product leaves of a branch tree. */
export function countProducts(branches: CsafBranch[] | undefined): number {
  return (branches ?? []).reduce((sum, branch) => sum + (branch.product ? 1 : 0) + countProducts(branch.branches), 0);
}
