import type { Insertable, Kysely } from 'kysely';
import type {
  AdvisoriesTable, AdvisoryDocumentsTable, AdvisoryNotesTable, AdvisoryProductGroupsTable, AdvisoryProductIdentifiersTable, AdvisoryProductsTable,
  AdvisoryProductStatusTable, AdvisoryReferencesTable, AdvisoryRemediationsTable, AdvisoryScoresTable, AdvisoryThreatsTable,
  AdvisoryVulnerabilitiesTable, Database,
} from '../../db/schema.ts';
import type { NormalisedAdvisory, NormalisedNote, NormalisedReference } from './csaf-normalise.ts';
import type { PlacedDocument } from './revision-placement.ts';
import { timeOrderedId } from '../../db/time-ordered-id.ts';

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

/** The columns of a document row that are read from the document itself. */
export type DocumentHeader = Pick<
  AdvisoryDocumentsTable,
  | 'csaf_version' | 'category' | 'title' | 'lang' | 'tlp_label' | 'aggregate_severity' | 'publisher_name' | 'publisher_namespace' | 'publisher_category'
  | 'publisher_contact_details' | 'tracking_id' | 'tracking_version' | 'tracking_status' | 'initial_release_date' | 'current_release_date' | 'revision_history'
>;

/** The header columns of a document row from its normalised record; the key fields come checked from the caller. */
export function documentHeader(advisory: NormalisedAdvisory, key: { namespace: string; trackingId: string; trackingVersion: string }): DocumentHeader {
  return {
    csaf_version: advisory.csaf_version,
    category: advisory.category,
    title: advisory.title,
    lang: advisory.lang,
    tlp_label: advisory.tlp_label,
    aggregate_severity: advisory.aggregate_severity,
    publisher_name: advisory.publisher.name,
    publisher_namespace: key.namespace,
    publisher_category: advisory.publisher.category,
    publisher_contact_details: advisory.publisher.contact_details,
    tracking_id: key.trackingId,
    tracking_version: key.trackingVersion,
    tracking_status: advisory.tracking.status,
    initial_release_date: advisory.tracking.initial_release_date,
    current_release_date: advisory.tracking.current_release_date,
    revision_history: JSON.stringify(advisory.tracking.revision_history),
  };
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

/** Inserts document rows and their children, table by table (parents before children, for the foreign keys). */
export async function insertDocuments(trx: Kysely<Database>, documents: readonly AdvisoryDocumentsTable[], children: readonly DocumentChildRows[]): Promise<void> {
  await insertBatched(trx, 'advisory_documents', documents);
  await insertBatched(trx, 'advisory_vulnerabilities', children.flatMap((rows) => rows.vulnerabilities));
  await insertBatched(trx, 'advisory_products', children.flatMap((rows) => rows.products));
  await insertBatched(trx, 'advisory_product_identifiers', children.flatMap((rows) => rows.identifiers));
  await insertBatched(trx, 'advisory_product_groups', children.flatMap((rows) => rows.groups));
  await insertBatched(trx, 'advisory_notes', children.flatMap((rows) => rows.notes));
  await insertBatched(trx, 'advisory_references', children.flatMap((rows) => rows.references));
  await insertBatched(trx, 'advisory_scores', children.flatMap((rows) => rows.scores));
  await insertBatched(trx, 'advisory_threats', children.flatMap((rows) => rows.threats));
  await insertBatched(trx, 'advisory_remediations', children.flatMap((rows) => rows.remediations));
  await insertBatched(trx, 'advisory_product_status', children.flatMap((rows) => rows.statuses));
}

/** Inserts a document row and its children. */
export async function insertDocument(trx: Kysely<Database>, document: AdvisoryDocumentsTable, children: DocumentChildRows): Promise<void> {
  await insertDocuments(trx, [document], [children]);
}

/** The key of an advisory: publisher namespace and tracking id. */
export const advisoryKey = (namespace: string, trackingId: string): string => `${namespace}\u0000${trackingId}`;

/** The stored advisories among `keys` with their documents (in the order they were stored), by advisoryKey. */
export async function findAdvisoriesByKey(
  db: Kysely<Database>,
  keys: readonly { publisher_namespace: string; tracking_id: string }[],
): Promise<Map<string, { id: string; version: number; documents: PlacedDocument[] }>> {
  const wanted = new Set(keys.map((key) => advisoryKey(key.publisher_namespace, key.tracking_id)));
  const trackingIds = [...new Set(keys.map((key) => key.tracking_id))];
  const found = new Map<string, { id: string; version: number; documents: PlacedDocument[] }>();
  const byId = new Map<string, PlacedDocument[]>();
  for (let start = 0; start < trackingIds.length; start += 500) {
    const advisories = await db
      .selectFrom('advisories')
      .select(['id', 'version', 'publisher_namespace', 'tracking_id'])
      .where('tracking_id', 'in', trackingIds.slice(start, start + 500))
      .execute();
    for (const advisory of advisories) {
      const key = advisoryKey(advisory.publisher_namespace, advisory.tracking_id);
      if (!wanted.has(key)) continue;
      const documents: PlacedDocument[] = [];
      found.set(key, { id: advisory.id, version: Number(advisory.version), documents });
      byId.set(advisory.id, documents);
    }
  }
  const advisoryIds = [...byId.keys()];
  for (let start = 0; start < advisoryIds.length; start += 500) {
    const documents = await db
      .selectFrom('advisory_documents')
      .select(['id', 'advisory_id', 'sha256', 'tracking_version', 'is_current', 'variant'])
      .where('advisory_id', 'in', advisoryIds.slice(start, start + 500))
      .orderBy('imported_at')
      .orderBy('id')
      .execute();
    for (const { advisory_id: advisoryId, ...document } of documents) {
      byId.get(advisoryId)!.push({ ...document, is_current: Number(document.is_current), variant: Number(document.variant) });
    }
  }
  return found;
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

/** Marks stored documents as no longer current. */
export async function demoteDocuments(trx: Kysely<Database>, documentIds: readonly string[]): Promise<void> {
  for (let start = 0; start < documentIds.length; start += 500) {
    await trx.updateTable('advisory_documents').set({ is_current: 0 }).where('id', 'in', documentIds.slice(start, start + 500)).execute();
  }
}

/** Inserts new advisory rows. */
export async function insertAdvisories(trx: Kysely<Database>, advisories: readonly Insertable<AdvisoriesTable>[]): Promise<void> {
  await insertBatched(trx, 'advisories', advisories);
}

/** Sets an advisory's current document, version and update time. */
export async function updateAdvisory(trx: Kysely<Database>, advisoryId: string, changes: { current_document_id: string | null; version: number; updated_at: string }): Promise<void> {
  await trx.updateTable('advisories').set(changes).where('id', '=', advisoryId).execute();
}
