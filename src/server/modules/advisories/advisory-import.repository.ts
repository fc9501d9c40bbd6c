import type { Insertable, Kysely } from 'kysely';
import type {
  AdvisoryDocumentsTable, AdvisoryNotesTable, AdvisoryProductGroupsTable, AdvisoryProductIdentifiersTable, AdvisoryProductsTable,
  AdvisoryProductStatusTable, AdvisoryReferencesTable, AdvisoryRemediationsTable, AdvisoryScoresTable, AdvisoryThreatsTable,
  AdvisoryVulnerabilitiesTable, Database,
} from '../../db/schema.ts';
import type { NormalisedAdvisory, NormalisedNote, NormalisedReference } from './csaf-normalise.ts';
import { timeOrderedId } from './time-ordered-id.ts';

// Rows of one stored CSAF document (built outside the transaction) and the queries the import runs
// inside its short write transaction.

/** The normalised child rows of one document, ready to insert. */
export interface DocumentChildRows {
  vulnerabilities: AdvisoryVulnerabilitiesTable[];
  notes: AdvisoryNotesTable[];
  references: AdvisoryReferencesTable[];
  scores: AdvisoryScoresTable[];
  threats: AdvisoryThreatsTable[];
  remediations: AdvisoryRemediationsTable[];
  products: AdvisoryProductsTable[];
  identifiers: AdvisoryProductIdentifiersTable[];
  groups: AdvisoryProductGroupsTable[];
  statuses: AdvisoryProductStatusTable[];
}

const json = (value: unknown): string => JSON.stringify(value);

function noteRows(documentId: string, vulnerabilityId: string | null, notes: NormalisedNote[]): AdvisoryNotesTable[] {
  return notes.map((note, position) => ({
    id: timeOrderedId(), document_id: documentId, vulnerability_id: vulnerabilityId, position, category: note.category, title: note.title, audience: note.audience, text: note.text,
  }));
}

function referenceRows(documentId: string, vulnerabilityId: string | null, references: NormalisedReference[]): AdvisoryReferencesTable[] {
  return references.map((reference, position) => ({
    id: timeOrderedId(), document_id: documentId, vulnerability_id: vulnerabilityId, position, category: reference.category, summary: reference.summary, url: reference.url,
  }));
}

/** The child rows of document `documentId` from its normalised record. */
export function buildChildRows(documentId: string, advisory: NormalisedAdvisory): DocumentChildRows {
  const rows: DocumentChildRows = {
    vulnerabilities: [], notes: noteRows(documentId, null, advisory.notes), references: referenceRows(documentId, null, advisory.references),
    scores: [], threats: [], remediations: [], products: [], identifiers: [], groups: [], statuses: [],
  };
  const productRowIds = new Map<number, string>();
  advisory.products.forEach((product, position) => {
    const id = timeOrderedId();
    productRowIds.set(position, id);
    rows.products.push({
      id,
      document_id: documentId,
      position,
      product_id: product.product_id,
      name: product.name,
      source: product.source,
      branch_path: json(product.branch_path),
      vendor: product.vendor,
      vendor_norm: product.vendor_norm,
      product_family: product.product_family,
      product_name: product.product_name,
      product_name_norm: product.product_name_norm,
      product_version: product.product_version,
      product_version_range: product.product_version_range,
      architecture: product.architecture,
      patch_level: product.patch_level,
      service_pack: product.service_pack,
      helpers: json(product.helpers),
      relationship_category: product.relationship?.category ?? null,
      product_reference: product.relationship?.product_reference ?? null,
      relates_to_product_reference: product.relationship?.relates_to_product_reference ?? null,
    });
  });
  // Identifiers belong to the product row of their product id; with a repeated id (a flagged
  // document) to the first such row, once per (kind, value).
  const rowOfProduct = new Map<string, string>();
  rows.products.forEach((product) => {
    if (!rowOfProduct.has(product.product_id)) rowOfProduct.set(product.product_id, product.id);
  });
  const seenIdentifiers = new Set<string>();
  for (const identifier of advisory.identifiers) {
    const productRowId = rowOfProduct.get(identifier.product_id)!;
    const key = `${productRowId}\u0000${identifier.kind}\u0000${identifier.value}`;
    if (seenIdentifiers.has(key)) continue;
    seenIdentifiers.add(key);
    rows.identifiers.push({ product_row_id: productRowId, document_id: documentId, ...identifier });
  }
  advisory.product_groups.forEach((group, position) => {
    rows.groups.push({ document_id: documentId, position, group_id: group.group_id, summary: group.summary, product_ids: json(group.product_ids) });
  });
  advisory.vulnerabilities.forEach((vulnerability, position) => {
    const id = timeOrderedId();
    rows.vulnerabilities.push({
      id,
      document_id: documentId,
      position,
      cve: vulnerability.cve,
      cwe_id: vulnerability.cwe_id,
      cwe_name: vulnerability.cwe_name,
      title: vulnerability.title,
      discovery_date: vulnerability.discovery_date,
      release_date: vulnerability.release_date,
      ids: json(vulnerability.ids),
      flags: json(vulnerability.flags),
    });
    rows.notes.push(...noteRows(documentId, id, vulnerability.notes));
    rows.references.push(...referenceRows(documentId, id, vulnerability.references));
    vulnerability.scores.forEach((score, index) => {
      rows.scores.push({
        vulnerability_id: id, position: index, document_id: documentId, cvss_version: score.cvss_version, vector: score.vector,
        base_score: score.base_score, base_severity: score.base_severity, product_ids: json(score.product_ids),
      });
    });
    vulnerability.threats.forEach((threat, index) => {
      rows.threats.push({
        vulnerability_id: id, position: index, document_id: documentId, category: threat.category, details: threat.details, date: threat.date,
        product_ids: json(threat.product_ids), group_ids: json(threat.group_ids),
      });
    });
    vulnerability.remediations.forEach((remediation, index) => {
      rows.remediations.push({
        vulnerability_id: id, position: index, document_id: documentId, category: remediation.category, details: remediation.details,
        url: remediation.url, date: remediation.date, product_ids: json(remediation.product_ids), group_ids: json(remediation.group_ids),
        entitlements: json(remediation.entitlements), restart_required: remediation.restart_required?.category ?? null,
        restart_required_details: remediation.restart_required?.details ?? null,
      });
    });
    for (const entry of vulnerability.product_status) rows.statuses.push({ vulnerability_id: id, document_id: documentId, status: entry.status, product_id: entry.product_id });
  });
  return rows;
}

/** Inserts rows in batches that stay below both dialects' limits on bound parameters. */
async function insertBatched<T extends keyof Database>(trx: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(16_000 / columns));
  for (let start = 0; start < rows.length; start += size) {
    await trx.insertInto(table).values(rows.slice(start, start + size)).execute();
  }
}

/** Inserts a document row and its children (parents before children, for the foreign keys). */
export async function insertDocument(trx: Kysely<Database>, document: AdvisoryDocumentsTable, children: DocumentChildRows): Promise<void> {
  await trx.insertInto('advisory_documents').values(document).execute();
  await insertBatched(trx, 'advisory_vulnerabilities', children.vulnerabilities);
  await insertBatched(trx, 'advisory_products', children.products);
  await insertBatched(trx, 'advisory_product_identifiers', children.identifiers);
  await insertBatched(trx, 'advisory_product_groups', children.groups);
  await insertBatched(trx, 'advisory_notes', children.notes);
  await insertBatched(trx, 'advisory_references', children.references);
  await insertBatched(trx, 'advisory_scores', children.scores);
  await insertBatched(trx, 'advisory_threats', children.threats);
  await insertBatched(trx, 'advisory_remediations', children.remediations);
  await insertBatched(trx, 'advisory_product_status', children.statuses);
}

/** The advisory of (namespace, tracking id) with its stored documents, or undefined. */
export async function findAdvisoryWithDocuments(db: Kysely<Database>, namespace: string, trackingId: string): Promise<
  | { id: string; version: number; documents: Pick<AdvisoryDocumentsTable, 'id' | 'sha256' | 'tracking_version' | 'is_current' | 'variant'>[] }
  | undefined
> {
  const advisory = await db
    .selectFrom('advisories')
    .select(['id', 'version'])
    .where('publisher_namespace', '=', namespace)
    .where('tracking_id', '=', trackingId)
    .executeTakeFirst();
  if (!advisory) return undefined;
  const documents = await db
    .selectFrom('advisory_documents')
    .select(['id', 'sha256', 'tracking_version', 'is_current', 'variant'])
    .where('advisory_id', '=', advisory.id)
    .orderBy('imported_at')
    .orderBy('id')
    .execute();
  return { id: advisory.id, version: Number(advisory.version), documents: documents.map((document) => ({ ...document, is_current: Number(document.is_current), variant: Number(document.variant) })) };
}

/** The stored document with these bytes (by SHA-256), or undefined. */
export async function findStoredDocument(
  db: Kysely<Database>,
  sha256: string,
): Promise<Pick<AdvisoryDocumentsTable, 'tracking_id' | 'validation_status' | 'validation_errors'> | undefined> {
  return db.selectFrom('advisory_documents').select(['tracking_id', 'validation_status', 'validation_errors']).where('sha256', '=', sha256).executeTakeFirst();
}

/** Stores the new document's rows under `advisoryId`; when it becomes current, the previous current one becomes history. */
export async function attachDocument(
  trx: Kysely<Database>,
  options: { advisoryId: string; advisoryVersion: number; document: AdvisoryDocumentsTable; children: DocumentChildRows; now: string },
): Promise<void> {
  if (options.document.is_current === 1) {
    await trx.updateTable('advisory_documents').set({ is_current: 0 }).where('advisory_id', '=', options.advisoryId).where('is_current', '=', 1).execute();
  }
  await insertDocument(trx, options.document, options.children);
  await trx
    .updateTable('advisories')
    .set({
      ...(options.document.is_current === 1 ? { current_document_id: options.document.id } : {}),
      version: options.advisoryVersion + 1,
      updated_at: options.now,
    })
    .where('id', '=', options.advisoryId)
    .execute();
}
