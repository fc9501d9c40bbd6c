import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { normaliseKey } from '../../db/normalise.ts';
import type {
  AdvisoryDocumentsTable, AdvisoryNotesTable, AdvisoryProductsTable, AdvisoryReferencesTable, AdvisoryRemediationsTable, AdvisoryScoresTable,
  AdvisoryVulnerabilitiesTable, Database,
} from '../../db/schema.ts';

// Read queries of the advisory list and detail. Advisories are installation-wide (no site scope);
// what limits visibility is the TLP label of the document (see advisories.service.ts).

/** TLP labels (upper case) whose documents only admin and security_officer may see. */
export const RESTRICTED_TLP = ['AMBER', 'AMBER+STRICT', 'RED'] as const;

export interface AdvisoryListFilter {
  limit: number;
  offset: number;
  q?: string;
  kev?: boolean;
  minCvss?: number;
  vendor?: string;
  from?: string;
  to?: string;
  status?: 'valid' | 'flagged';
  source?: 'csaf' | 'manual';
  /** False: documents labelled TLP AMBER or RED are left out. */
  restrictedVisible: boolean;
}

export interface AdvisoryListRow {
  id: string;
  source: string;
  linked_advisory_id: string | null;
  tracking_id: string;
  publisher_namespace: string;
  document_id: string;
  publisher_name: string | null;
  title: string | null;
  tlp_label: string | null;
  current_release_date: string | null;
  tracking_version: string;
  validation_status: 'valid' | 'flagged';
  cve_count: number;
  max_cvss: number | null;
  kev: boolean;
}

type ListEb = ExpressionBuilder<Database & { a: Database['advisories']; d: Database['advisory_documents'] }, 'a' | 'd'>;

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (char) => `\\${char}`);
const cvePattern = /^CVE-\d{4}-\d{4,19}$/i;

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function conditions(eb: ListEb, filter: AdvisoryListFilter) {
  const list = [];
  if (!filter.restrictedVisible) {
    list.push(eb.or([eb('d.tlp_label', 'is', null), eb(eb.fn('upper', ['d.tlp_label']), 'not in', [...RESTRICTED_TLP])]));
  }
  if (filter.status) list.push(eb('d.validation_status', '=', filter.status));
  if (filter.source) list.push(eb('a.source', '=', filter.source));
  if (filter.from) list.push(eb('d.current_release_date', '>=', filter.from));
  if (filter.to) list.push(eb('d.current_release_date', '<', nextDay(filter.to)));
  if (filter.kev) {
    list.push(
      eb.exists(
        eb
          .selectFrom('advisory_vulnerabilities as kv')
          .innerJoin('kev_entries as k', 'k.cve', 'kv.cve')
          .select('kv.id')
          .whereRef('kv.document_id', '=', 'd.id')
          .where('k.removed_at', 'is', null),
      ),
    );
  }
  if (filter.minCvss !== undefined) {
    list.push(
      eb.exists(
        eb.selectFrom('advisory_scores as ms').select('ms.position').whereRef('ms.document_id', '=', 'd.id').where('ms.base_score', '>=', filter.minCvss),
      ),
    );
  }
  if (filter.vendor) {
    const vendor = normaliseKey(filter.vendor);
    list.push(eb.exists(eb.selectFrom('advisory_products as vp').select('vp.id').whereRef('vp.document_id', '=', 'd.id').where('vp.vendor_norm', '=', vendor)));
  }
  const q = filter.q?.trim();
  if (q) {
    if (cvePattern.test(q)) {
      const cve = q.toUpperCase();
      list.push(eb.exists(eb.selectFrom('advisory_vulnerabilities as qv').select('qv.id').whereRef('qv.document_id', '=', 'd.id').where('qv.cve', '=', cve)));
    } else {
      const pattern = `%${escapeLike(normaliseKey(q))}%`;
      list.push(
        eb.or([
          sql<boolean>`a.tracking_id_norm like ${pattern} escape '\\'`,
          sql<boolean>`lower(d.title) like ${pattern} escape '\\'`,
          eb.exists(
            eb
              .selectFrom('advisory_products as qp')
              .select('qp.id')
              .whereRef('qp.document_id', '=', 'd.id')
              .where(sql<boolean>`qp.product_name_norm like ${pattern} escape '\\'`),
          ),
        ]),
      );
    }
  }
  return list;
}

/** Advisories joined to their current document, with the list columns (CVE count, max CVSS, KEV hits). */
function selectListed(db: Kysely<Database>) {
  return db
    .selectFrom('advisories as a')
    .innerJoin('advisory_documents as d', 'd.id', 'a.current_document_id')
    .select((eb) => [
      'a.id',
      'a.source',
      'a.linked_advisory_id',
      'a.tracking_id',
      'a.publisher_namespace',
      'd.id as document_id',
      'd.publisher_name',
      'd.title',
      'd.tlp_label',
      'd.current_release_date',
      'd.tracking_version',
      'd.validation_status',
      eb.selectFrom('advisory_vulnerabilities as cv').select((inner) => inner.fn.count('cv.cve').as('n')).whereRef('cv.document_id', '=', 'd.id').as('cve_count'),
      eb.selectFrom('advisory_scores as sc').select((inner) => inner.fn.max('sc.base_score').as('m')).whereRef('sc.document_id', '=', 'd.id').as('max_cvss'),
      eb
        .selectFrom('advisory_vulnerabilities as kv')
        .innerJoin('kev_entries as k', 'k.cve', 'kv.cve')
        .select((inner) => inner.fn.countAll().as('n'))
        .whereRef('kv.document_id', '=', 'd.id')
        .where('k.removed_at', 'is', null)
        .as('kev_count'),
    ]);
}

type ListedRow = Awaited<ReturnType<ReturnType<typeof selectListed>['execute']>>[number];

function toListRow({ kev_count, cve_count, max_cvss, ...row }: ListedRow): AdvisoryListRow {
  return {
    ...row,
    cve_count: Number(cve_count ?? 0),
    max_cvss: max_cvss === null || max_cvss === undefined ? null : Number(max_cvss),
    kev: Number(kev_count ?? 0) > 0,
  };
}

/** One page of advisories (current documents) matching the filter, and the number of all matches. */
export async function listAdvisories(db: Kysely<Database>, filter: AdvisoryListFilter): Promise<{ rows: AdvisoryListRow[]; total: number }> {
  const countRow = await db
    .selectFrom('advisories as a')
    .innerJoin('advisory_documents as d', 'd.id', 'a.current_document_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => eb.and(conditions(eb as unknown as ListEb, filter)))
    .executeTakeFirst();
  const rows = await selectListed(db)
    .where((eb) => eb.and(conditions(eb as unknown as ListEb, filter)))
    // Nulls last on both dialects.
    .orderBy(sql`coalesce(d.current_release_date, '')`, 'desc')
    .orderBy('a.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { total: Number(countRow?.n ?? 0), rows: rows.map(toListRow) };
}

/** The advisory and its current document, or undefined. */
export async function findAdvisoryHead(db: Kysely<Database>, advisoryId: string): Promise<AdvisoryListRow | undefined> {
  const row = await selectListed(db).where('a.id', '=', advisoryId).executeTakeFirst();
  return row ? toListRow(row) : undefined;
}

export interface DocumentContents {
  document: Selectable<AdvisoryDocumentsTable>;
  vulnerabilities: Selectable<AdvisoryVulnerabilitiesTable>[];
  notes: Selectable<AdvisoryNotesTable>[];
  references: Selectable<AdvisoryReferencesTable>[];
  scores: Selectable<AdvisoryScoresTable>[];
  remediations: Selectable<AdvisoryRemediationsTable>[];
  products: Selectable<AdvisoryProductsTable>[];
  statuses: { vulnerability_id: string; status: string; product_id: string }[];
}

/** A stored document with its normalised children, in document order. */
export async function loadDocumentContents(db: Kysely<Database>, documentId: string): Promise<DocumentContents | undefined> {
  const document = await db.selectFrom('advisory_documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!document) return undefined;
  const [vulnerabilities, notes, references, scores, remediations, products, statuses] = await Promise.all([
    db.selectFrom('advisory_vulnerabilities').selectAll().where('document_id', '=', documentId).orderBy('position').execute(),
    db.selectFrom('advisory_notes').selectAll().where('document_id', '=', documentId).orderBy('position').execute(),
    db.selectFrom('advisory_references').selectAll().where('document_id', '=', documentId).orderBy('position').execute(),
    db.selectFrom('advisory_scores').selectAll().where('document_id', '=', documentId).orderBy('vulnerability_id').orderBy('position').execute(),
    db.selectFrom('advisory_remediations').selectAll().where('document_id', '=', documentId).orderBy('vulnerability_id').orderBy('position').execute(),
    db.selectFrom('advisory_products').selectAll().where('document_id', '=', documentId).orderBy('position').execute(),
    db.selectFrom('advisory_product_status').select(['vulnerability_id', 'status', 'product_id']).where('document_id', '=', documentId).orderBy('product_id').execute(),
  ]);
  return { document, vulnerabilities, notes, references, scores, remediations, products, statuses };
}

/** Every stored document of the advisory, newest import first. */
export async function listAdvisoryDocuments(db: Kysely<Database>, advisoryId: string): Promise<Selectable<AdvisoryDocumentsTable>[]> {
  return db.selectFrom('advisory_documents').selectAll().where('advisory_id', '=', advisoryId).orderBy('imported_at', 'desc').orderBy('id', 'desc').execute();
}

/** One document of the advisory, or undefined. */
export async function findAdvisoryDocument(db: Kysely<Database>, advisoryId: string, documentId: string): Promise<Selectable<AdvisoryDocumentsTable> | undefined> {
  return db.selectFrom('advisory_documents').selectAll().where('id', '=', documentId).where('advisory_id', '=', advisoryId).executeTakeFirst();
}
