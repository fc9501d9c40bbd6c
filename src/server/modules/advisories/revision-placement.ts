import { compareTrackingVersions } from './tracking-version.ts';

// Where a newly arriving document goes among the stored documents of its advisory (same publisher
// namespace and tracking id): a newer tracking version becomes current and the current one history;
// an older one is kept as history; the same version with other bytes is stored as a variant of the
// first document of that version; the same bytes change nothing.

/** What the rule needs to know of a stored document. */
export interface PlacedDocument {
  id: string;
  sha256: string;
  tracking_version: string;
  is_current: number;
  variant: number;
}

export type Placement =
  | { outcome: 'unchanged' }
  | {
      outcome: 'imported' | 'newer' | 'older' | 'variant';
      is_current: 0 | 1;
      variant: 0 | 1;
      variant_of_document_id: string | null;
      /** The stored document that stops being current. */
      demoted: string | null;
    };

/** Places a document with `sha256` and `trackingVersion` among `stored` (the advisory's documents in the order they were stored). */
export function placeRevision(stored: readonly PlacedDocument[], sha256: string, trackingVersion: string): Placement {
  if (stored.length === 0) return { outcome: 'imported', is_current: 1, variant: 0, variant_of_document_id: null, demoted: null };
  if (stored.some((document) => document.sha256 === sha256)) return { outcome: 'unchanged' };
  const sameVersion = stored.filter((document) => compareTrackingVersions(document.tracking_version, trackingVersion) === 0);
  if (sameVersion.length > 0) {
    const original = sameVersion.find((document) => document.variant === 0) ?? sameVersion[0]!;
    return { outcome: 'variant', is_current: 0, variant: 1, variant_of_document_id: original.id, demoted: null };
  }
  const current = stored.find((document) => document.is_current === 1);
  if (!current || compareTrackingVersions(trackingVersion, current.tracking_version) > 0) {
    return { outcome: 'newer', is_current: 1, variant: 0, variant_of_document_id: null, demoted: current?.id ?? null };
  }
  return { outcome: 'older', is_current: 0, variant: 0, variant_of_document_id: null, demoted: null };
}
