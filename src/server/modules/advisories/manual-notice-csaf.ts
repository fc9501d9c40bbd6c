import type { CvssScore } from '../enrichment/cvss.ts';

// A manual vendor notice (what a supplier reported by phone, e-mail, letter …) written as a minimal
// CSAF 2.0 document, so it is stored, normalised and matched exactly like an imported advisory.
// Profile `csaf_base`: the notice is our own record of what the vendor said, not the vendor's
// advisory. Publisher: this installation (category `user`, one fixed namespace). Product tree:
// vendor → product name → the affected range as written (`product_version_range`), plus the fixed
// version as a `product_version` when one is known. One vulnerability (with the CVE when known)
// holds the description, the score, product status known_affected (+ fixed) and a vendor_fix
// remediation. Tracking versions are plain integers: each edit is the next revision. Pure: no I/O.

/** Publisher namespace of every manual notice (advisories are keyed by namespace and tracking id). */
export const MANUAL_NAMESPACE = 'urn:patchwerk:manual';
/** Publisher name of manual notices. */
export const MANUAL_PUBLISHER_NAME = 'Patchwerk';

/** Product ids in the generated product tree. */
export const AFFECTED_PRODUCT_ID = 'CSAFPID-0001';
export const FIXED_PRODUCT_ID = 'CSAFPID-0002';

/** How the vendor told us. */
export const noticeChannels = ['phone', 'email', 'letter', 'meeting', 'portal', 'other'] as const;
export type NoticeChannel = (typeof noticeChannels)[number];

/** TLP labels CSAF 2.0 knows (TLP v1; WHITE is TLP 2.0's CLEAR). */
export const noticeTlpLabels = ['WHITE', 'GREEN', 'AMBER', 'RED'] as const;
export type NoticeTlp = (typeof noticeTlpLabels)[number];

/** The notice's content as the document needs it (validated and trimmed before). */
export interface NoticeContent {
  title: string | null;
  vendor: string;
  product: string;
  model_number: string | null;
  affected_versions: string;
  fixed_version: string | null;
  description: string;
  cve: string | null;
  channel: NoticeChannel;
  /** ISO instant (UTC) when the vendor reported it. */
  reported_at: string;
  tlp: NoticeTlp;
}

/** One entry of the document's revision history. */
export interface NoticeRevision {
  number: string;
  date: string;
  summary: string;
}

export interface NoticeDocumentMeta {
  trackingId: string;
  /** Revisions so far, oldest first; the last one is this document's version. */
  revisions: NoticeRevision[];
  /** Language tag of the text the user typed (their UI language). */
  lang: string;
  /** The scored CVSS v3 vector, when one was given. */
  score: CvssScore | null;
}

/** The tracking id of notice `number` in `year`: PW-MAN-2026-0001 (at least four digits). */
export function manualTrackingId(year: number, number: number): string {
  return `PW-MAN-${year}-${String(number).padStart(4, '0')}`;
}

/** The document title: the user's, else vendor, product and affected range. */
export function noticeTitle(content: Pick<NoticeContent, 'title' | 'vendor' | 'product' | 'affected_versions'>): string {
  return content.title ?? `${content.vendor} ${content.product} ${content.affected_versions}`;
}

/** `phone` → the English phrase used in the document's source note. */
const channelText: Record<NoticeChannel, string> = {
  phone: 'by phone',
  email: 'by e-mail',
  letter: 'by letter',
  meeting: 'in a meeting',
  portal: "on the vendor's portal",
  other: 'by another channel',
};

/** CSAF's upper-case base severity. */
const severity = (score: CvssScore): string => score.base_severity.toUpperCase();

/** The CSAF 2.0 document of one revision of a manual notice, as a plain object. */
export function buildNoticeCsaf(content: NoticeContent, meta: NoticeDocumentMeta): Record<string, unknown> {
  const revisions = meta.revisions;
  const first = revisions[0];
  const last = revisions[revisions.length - 1];
  if (!first || !last) throw new Error('a notice document needs at least one revision');
  const productName = (version: string): string => `${content.vendor} ${content.product} ${version}`;
  const helper = content.model_number ? { product_identification_helper: { model_numbers: [content.model_number] } } : {};
  const versionBranches: Record<string, unknown>[] = [
    { category: 'product_version_range', name: content.affected_versions, product: { product_id: AFFECTED_PRODUCT_ID, name: productName(content.affected_versions), ...helper } },
  ];
  if (content.fixed_version) {
    versionBranches.push({ category: 'product_version', name: content.fixed_version, product: { product_id: FIXED_PRODUCT_ID, name: productName(content.fixed_version), ...helper } });
  }
  const vulnerability: Record<string, unknown> = {
    ...(content.cve ? { cve: content.cve } : {}),
    notes: [{ category: 'description', title: 'Vendor notice', text: content.description }],
    product_status: { known_affected: [AFFECTED_PRODUCT_ID], ...(content.fixed_version ? { fixed: [FIXED_PRODUCT_ID] } : {}) },
  };
  if (meta.score) {
    vulnerability.scores = [{
      products: [AFFECTED_PRODUCT_ID],
      cvss_v3: { version: meta.score.version, vectorString: meta.score.vector, baseScore: meta.score.base_score, baseSeverity: severity(meta.score) },
    }];
  }
  if (content.fixed_version) {
    vulnerability.remediations = [{ category: 'vendor_fix', details: `Update to ${content.fixed_version}.`, product_ids: [AFFECTED_PRODUCT_ID] }];
  }
  return {
    document: {
      category: 'csaf_base',
      csaf_version: '2.0',
      title: noticeTitle(content),
      lang: meta.lang,
      distribution: { tlp: { label: content.tlp } },
      publisher: { category: 'user', name: MANUAL_PUBLISHER_NAME, namespace: MANUAL_NAMESPACE },
      notes: [{
        category: 'general',
        title: 'Source',
        text: `Recorded from a notice of ${content.vendor} received ${channelText[content.channel]} on ${content.reported_at}; not a document published by the vendor.`,
      }],
      tracking: {
        id: meta.trackingId,
        version: last.number,
        status: 'final',
        initial_release_date: first.date,
        current_release_date: last.date,
        // The schema wants a summary in every entry.
        revision_history: revisions.map((revision) => ({ number: revision.number, date: revision.date, summary: revision.summary.trim() || `Revision ${revision.number}` })),
        generator: { engine: { name: 'Patchwerk' } },
      },
    },
    product_tree: { branches: [{ category: 'vendor', name: content.vendor, branches: [{ category: 'product_name', name: content.product, branches: versionBranches }] }] },
    vulnerabilities: [vulnerability],
  };
}

/** A copy of `value` with every object's keys in code-point order (arrays keep their order). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortedKeys(item)]));
}

/**
 * The document's bytes as stored: UTF-8 JSON with keys sorted (CSAF's optional test 6.2.13 asks for
 * that order), two-space indents and a final newline.
 */
export function noticeBytes(document: Record<string, unknown>): Buffer {
  return Buffer.from(`${JSON.stringify(sortedKeys(document), null, 2)}\n`, 'utf8');
}

/** Form fields a finding in the generated document can be traced back to. */
export type NoticeDocumentField = 'title' | 'vendor' | 'product' | 'model_number' | 'affected_versions' | 'fixed_version' | 'description' | 'cve' | 'cvss_vector' | 'tlp';

// Longest prefix first: a finding inside a product's identification helper is the model number's.
const fieldPrefixes: [string, NoticeDocumentField][] = [
  ['/product_tree/branches/0/branches/0/branches/0/product/product_identification_helper', 'model_number'],
  ['/product_tree/branches/0/branches/0/branches/1/product/product_identification_helper', 'model_number'],
  ['/product_tree/branches/0/branches/0/branches/0', 'affected_versions'],
  ['/product_tree/branches/0/branches/0/branches/1', 'fixed_version'],
  ['/product_tree/branches/0/branches/0/name', 'product'],
  ['/product_tree/branches/0/name', 'vendor'],
  ['/vulnerabilities/0/cve', 'cve'],
  ['/vulnerabilities/0/scores', 'cvss_vector'],
  ['/vulnerabilities/0/notes', 'description'],
  ['/vulnerabilities/0/remediations', 'fixed_version'],
  ['/document/title', 'title'],
  ['/document/distribution', 'tlp'],
];

/** The form field a validator finding at `path` (RFC 6901 pointer into the document) comes from, or null. */
export function noticeFieldOfPath(path: string | undefined): NoticeDocumentField | null {
  if (!path) return null;
  for (const [prefix, field] of fieldPrefixes) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return field;
  }
  return null;
}
