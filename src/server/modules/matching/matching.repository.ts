import { timeOrderedId } from '../../db/time-ordered-id.ts';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, FindingsTable, MatchIdentitiesTable } from '../../db/schema.ts';
import { matchIdentityOf, type IdentitySource } from './match-identity.ts';
import { productMatchKeys } from './product-match.ts';

// Reads and writes of a matching run: the vendor keys of advisory products and the software
// identities of components (match-identity.ts) with their vendor keys — both computed here, on first
// need for rows that have none —, the advisory products of current documents and the identities that
// share a key, the active components of an identity, the product status, vulnerabilities and
// remediations of the documents in play, and the findings to replace. Lists are chunked so parameter
// counts stay below both dialects' limits.

const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/** The key stored for a row whose keys were computed and are none. */
const NO_KEY = '';

/** An advisory product of a current document, with its vendor keys. */
export interface MatchProductRow {
  id: string;
  document_id: string;
  advisory_id: string;
  product_id: string;
  name: string;
  source: string;
  branch_path: string;
  vendor: string | null;
  product_name: string | null;
  product_version: string | null;
  product_version_range: string | null;
  helpers: string;
  product_reference: string | null;
  keys: string[];
}

/** A software identity (match-identity.ts) with its vendor keys. */
export interface MatchIdentityRow extends Omit<MatchIdentitiesTable, 'fingerprint' | 'machine_vendor'> {
  keys: string[];
}

/** An active component (not removed, machine not decommissioned) of an identity, with its machine. */
export interface MatchComponentRow {
  id: string;
  identity_id: string;
  machine_id: string;
  site_id: string;
  /** The machine's serial number. */
  serial_number: string | null;
}

export type FindingRow = Selectable<FindingsTable>;

/** Computes and stores the vendor keys of the products of these documents (all current documents when null) that have none yet. */
export async function ensureProductKeys(trx: Kysely<Database>, documentIds: readonly string[] | null): Promise<void> {
  const missing = async (ids: readonly string[] | null): Promise<string[]> => {
    let query = trx
      .selectFrom('advisory_documents as d')
      .select('d.id')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('advisory_product_match_keys as k').select('k.document_id').whereRef('k.document_id', '=', 'd.id'))));
    query = ids === null ? query.where('d.is_current', '=', 1) : query.where('d.id', 'in', ids);
    return (await query.execute()).map((row) => row.id);
  };
  const documents = documentIds === null ? await missing(null) : (await Promise.all(chunks(documentIds).map(missing))).flat();
  for (const part of chunks(documents, 100)) {
    const products = await trx
      .selectFrom('advisory_products')
      .select(['id', 'document_id', 'product_id', 'name', 'vendor', 'product_reference'])
      .where('document_id', 'in', part)
      .orderBy('document_id')
      .orderBy('position')
      .execute();
    const byProductId = new Map(products.map((product) => [`${product.document_id}\u0000${product.product_id}`, product]));
    const rows: { product_row_id: string; document_id: string; vendor_key: string }[] = [];
    for (const product of products) {
      // A relationship's product is judged as the product it references, so it is found under its keys.
      const referenced = product.product_reference === null ? undefined : byProductId.get(`${product.document_id}\u0000${product.product_reference}`);
      const keys = productMatchKeys(referenced ?? product);
      for (const key of keys.length > 0 ? keys : [NO_KEY]) rows.push({ product_row_id: product.id, document_id: product.document_id, vendor_key: key });
    }
    for (const rowsPart of chunks(rows)) await trx.insertInto('advisory_product_match_keys').values(rowsPart).execute();
  }
}

function activeComponents(trx: Kysely<Database>) {
  return trx
    .selectFrom('components as c')
    .innerJoin('machines as m', 'm.id', 'c.machine_id')
    .where('c.removed_at', 'is', null)
    .where('m.decommissioned_at', 'is', null);
}

function identitySources(trx: Kysely<Database>) {
  return trx
    .selectFrom('components as c')
    .innerJoin('machines as m', 'm.id', 'c.machine_id')
    .select(['c.id', 'c.vendor', 'c.name', 'c.component_version', 'c.model_number', 'c.cpe', 'c.purl', 'm.vendor as machine_vendor']);
}

/** Links these components to their identities, creating the identities (with their keys) that are new. */
async function assignIdentities(trx: Kysely<Database>, components: readonly (IdentitySource & { id: string; machine_vendor: string | null })[]): Promise<void> {
  const computed = components.map((component) => ({ id: component.id, ...matchIdentityOf(component, component.machine_vendor) }));
  const byFingerprint = new Map(computed.map((component) => [component.fingerprint, component]));
  const idOf = new Map<string, string>();
  const known = async () => {
    for (const part of chunks([...byFingerprint.keys()].filter((fingerprint) => !idOf.has(fingerprint)))) {
      for (const row of await trx.selectFrom('match_identities').select(['id', 'fingerprint']).where('fingerprint', 'in', part).execute()) idOf.set(row.fingerprint, row.id);
    }
  };
  await known();
  const created = [...byFingerprint.values()].filter((identity) => !idOf.has(identity.fingerprint)).map((identity) => ({ ...identity, identity_id: timeOrderedId() }));
  for (const part of chunks(created, 100)) {
    // Another writer may have created the same identity meanwhile: its row is kept and looked up below.
    await trx
      .insertInto('match_identities')
      .values(part.map((identity) => ({ id: identity.identity_id, fingerprint: identity.fingerprint, ...identity.facts })))
      .onConflict((conflict) => conflict.column('fingerprint').doNothing())
      .execute();
  }
  await known();
  const keyRows = created
    .filter((identity) => idOf.get(identity.fingerprint) === identity.identity_id)
    .flatMap((identity) => (identity.keys.length > 0 ? identity.keys : [NO_KEY]).map((key) => ({ identity_id: identity.identity_id, vendor_key: key })));
  for (const part of chunks(keyRows)) await trx.insertInto('match_identity_keys').values(part).execute();
  const componentsOf = new Map<string, string[]>();
  for (const component of computed) {
    const identityId = idOf.get(component.fingerprint)!;
    const ids = componentsOf.get(identityId) ?? [];
    ids.push(component.id);
    componentsOf.set(identityId, ids);
  }
  for (const [identityId, ids] of componentsOf) {
    for (const part of chunks(ids)) await trx.updateTable('components').set({ match_identity_id: identityId }).where('id', 'in', part).execute();
  }
}

/** Gives every component without an identity (new, or changed since) its identity. */
export async function ensureIdentities(trx: Kysely<Database>): Promise<void> {
  await assignIdentities(trx, await identitySources(trx).where('c.match_identity_id', 'is', null).execute());
}

/** Recomputes the identities of these components (their facts or their machine's builder changed). */
export async function refreshIdentities(trx: Kysely<Database>, componentIds: readonly string[]): Promise<void> {
  for (const part of chunks(componentIds)) await assignIdentities(trx, await identitySources(trx).where('c.id', 'in', part).execute());
}

/** Drops every identity, so the next run computes them afresh (the vendor data of this build may differ). */
export async function clearIdentities(trx: Kysely<Database>): Promise<void> {
  await trx.updateTable('components').set({ match_identity_id: null }).where('match_identity_id', 'is not', null).execute();
  await trx.deleteFrom('match_identity_keys').execute();
  await trx.deleteFrom('match_identities').execute();
}

function identitiesWithKeys(trx: Kysely<Database>) {
  return trx
    .selectFrom('match_identities as i')
    .innerJoin('match_identity_keys as k', 'k.identity_id', 'i.id')
    .select(['i.id', 'i.vendor', 'i.name', 'i.component_version', 'i.model_number', 'i.cpe', 'i.purl', 'k.vendor_key']);
}

/** The identities of components in use under any of these vendor keys, with all their keys. */
export async function identitiesWithAnyKey(trx: Kysely<Database>, keys: readonly string[]): Promise<MatchIdentityRow[]> {
  const rows: (Omit<MatchIdentityRow, 'keys'> & { vendor_key: string })[] = [];
  for (const part of chunks(keys.filter((key) => key !== NO_KEY))) {
    rows.push(
      ...(await identitiesWithKeys(trx)
        .where('i.id', 'in', (eb) => eb.selectFrom('match_identity_keys as w').select('w.identity_id').where('w.vendor_key', 'in', part))
        // Identities no component has any more are left out.
        .where((eb) => eb.exists(eb.selectFrom('components as c').select('c.id').whereRef('c.match_identity_id', '=', 'i.id').where('c.removed_at', 'is', null)))
        .execute()),
    );
  }
  return withKeys(rows);
}

/** These identities, with their keys. */
export async function identitiesByIds(trx: Kysely<Database>, identityIds: readonly string[]): Promise<MatchIdentityRow[]> {
  const rows: (Omit<MatchIdentityRow, 'keys'> & { vendor_key: string })[] = [];
  for (const part of chunks(identityIds)) rows.push(...(await identitiesWithKeys(trx).where('i.id', 'in', part).execute()));
  return withKeys(rows);
}

function componentRows(trx: Kysely<Database>) {
  return activeComponents(trx)
    .where('c.match_identity_id', 'is not', null)
    .select(['c.id', 'c.match_identity_id as identity_id', 'c.machine_id', 'm.site_id', 'm.serial_number'])
    .$narrowType<{ identity_id: string }>();
}

/** The active components of these identities. */
export async function activeComponentsOfIdentities(trx: Kysely<Database>, identityIds: readonly string[]): Promise<MatchComponentRow[]> {
  const rows: MatchComponentRow[] = [];
  for (const part of chunks(identityIds)) rows.push(...(await componentRows(trx).where('c.match_identity_id', 'in', part).execute()));
  return rows;
}

/** Those of these components that are active. */
export async function activeComponentsByIds(trx: Kysely<Database>, componentIds: readonly string[]): Promise<MatchComponentRow[]> {
  const rows: MatchComponentRow[] = [];
  for (const part of chunks(componentIds)) rows.push(...(await componentRows(trx).where('c.id', 'in', part).execute()));
  return rows;
}

const productColumns = [
  'p.id', 'p.document_id', 'd.advisory_id', 'p.product_id', 'p.name', 'p.source', 'p.branch_path', 'p.vendor', 'p.product_name', 'p.product_version',
  'p.product_version_range', 'p.helpers', 'p.product_reference', 'k.vendor_key',
] as const;

function currentProducts(trx: Kysely<Database>) {
  return trx
    .selectFrom('advisory_product_match_keys as k')
    .innerJoin('advisory_products as p', 'p.id', 'k.product_row_id')
    .innerJoin('advisory_documents as d', 'd.id', 'k.document_id')
    .where('d.is_current', '=', 1)
    .select(productColumns);
}

type ProductKeyRow = Omit<MatchProductRow, 'keys'> & { vendor_key: string };

/** One row per id with all its vendor keys ('' left out), in the order the ids first come. */
function withKeys<T extends { id: string }>(rows: readonly (T & { vendor_key: string })[]): (T & { keys: string[] })[] {
  const byId = new Map<string, T & { keys: string[] }>();
  for (const { vendor_key: key, ...fields } of rows) {
    const row = fields as unknown as T;
    let grouped = byId.get(row.id);
    if (!grouped) {
      grouped = { ...row, keys: [] };
      byId.set(row.id, grouped);
    }
    if (key !== NO_KEY && !grouped.keys.includes(key)) grouped.keys.push(key);
  }
  return [...byId.values()];
}

/** The products of these documents (which must be current to be returned). */
export async function productsOfDocuments(trx: Kysely<Database>, documentIds: readonly string[]): Promise<MatchProductRow[]> {
  const rows: ProductKeyRow[] = [];
  for (const part of chunks(documentIds)) rows.push(...(await currentProducts(trx).where('k.document_id', 'in', part).execute()));
  return withKeys(rows);
}

/** The products of current documents under any of these vendor keys (with all of their keys). */
export async function productsWithKeys(trx: Kysely<Database>, keys: readonly string[]): Promise<MatchProductRow[]> {
  const wanted = keys.filter((key) => key !== NO_KEY);
  if (wanted.length === 0) return [];
  // A component has a handful of keys: one statement, whatever the number of products.
  const rows = await currentProducts(trx)
    .where('k.product_row_id', 'in', (eb) => eb.selectFrom('advisory_product_match_keys as w').select('w.product_row_id').where('w.vendor_key', 'in', wanted))
    .execute();
  return withKeys(rows);
}

/** The advisories of these documents and the current document of each. */
export async function currentDocumentsOf(trx: Kysely<Database>, documentIds: readonly string[]): Promise<{ advisoryIds: string[]; documentIds: string[] }> {
  const advisoryIds = new Set<string>();
  for (const part of chunks(documentIds)) {
    for (const row of await trx.selectFrom('advisory_documents').select('advisory_id').where('id', 'in', part).execute()) advisoryIds.add(row.advisory_id);
  }
  const current: string[] = [];
  for (const part of chunks([...advisoryIds])) {
    for (const row of await trx.selectFrom('advisory_documents').select('id').where('advisory_id', 'in', part).where('is_current', '=', 1).execute()) current.push(row.id);
  }
  return { advisoryIds: [...advisoryIds], documentIds: current };
}

export interface StatusRow {
  vulnerability_id: string;
  document_id: string;
  status: string;
  product_id: string;
}

/** The product status rows of these documents. */
export async function statusesOf(trx: Kysely<Database>, documentIds: readonly string[]): Promise<StatusRow[]> {
  const rows: StatusRow[] = [];
  for (const part of chunks(documentIds)) rows.push(...(await trx.selectFrom('advisory_product_status').select(['vulnerability_id', 'document_id', 'status', 'product_id']).where('document_id', 'in', part).execute()));
  return rows;
}

/** What findings show of their vulnerabilities: the CVE and position, and the remediations in document order. */
export interface VulnerabilityFacts {
  vulnerabilities: { id: string; position: number; cve: string | null }[];
  remediations: { vulnerability_id: string; category: string; details: string; url: string | null; product_ids: string }[];
}

/** The CVE, position and remediations of these vulnerabilities. */
export async function vulnerabilityFacts(trx: Kysely<Database>, vulnerabilityIds: readonly string[]): Promise<VulnerabilityFacts> {
  const facts: VulnerabilityFacts = { vulnerabilities: [], remediations: [] };
  for (const part of chunks(vulnerabilityIds)) {
    facts.vulnerabilities.push(...(await trx.selectFrom('advisory_vulnerabilities').select(['id', 'position', 'cve']).where('id', 'in', part).execute()));
    facts.remediations.push(
      ...(await trx
        .selectFrom('advisory_remediations')
        .select(['vulnerability_id', 'category', 'details', 'url', 'product_ids'])
        .where('vulnerability_id', 'in', part)
        .orderBy('vulnerability_id')
        .orderBy('position')
        .execute()),
    );
  }
  return facts;
}

/** Which stored findings a run replaces: those of these advisories or of these components. */
export type FindingScope = { advisoryIds: readonly string[] } | { componentIds: readonly string[] };

/** The stored findings of a scope. */
export async function findingsInScope(trx: Kysely<Database>, scope: FindingScope): Promise<FindingRow[]> {
  const rows: FindingRow[] = [];
  if ('advisoryIds' in scope) {
    for (const part of chunks(scope.advisoryIds)) rows.push(...(await trx.selectFrom('findings').selectAll().where('advisory_id', 'in', part).execute()));
  } else {
    for (const part of chunks(scope.componentIds)) rows.push(...(await trx.selectFrom('findings').selectAll().where('component_id', 'in', part).execute()));
  }
  return rows;
}

export async function insertFindings(trx: Kysely<Database>, rows: readonly Insertable<FindingsTable>[]): Promise<void> {
  for (const part of chunks(rows, 100)) await trx.insertInto('findings').values(part).execute();
}

export async function updateFinding(trx: Kysely<Database>, id: string, set: Updateable<FindingsTable>): Promise<void> {
  await trx.updateTable('findings').set(set).where('id', '=', id).execute();
}

export async function deleteFindings(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids)) await trx.deleteFrom('findings').where('id', 'in', part).execute();
}

/** Removes the findings of these components; returns how many. */
export async function deleteFindingsOfComponents(trx: Kysely<Database>, componentIds: readonly string[]): Promise<number> {
  let removed = 0;
  for (const part of chunks(componentIds)) removed += Number((await trx.deleteFrom('findings').where('component_id', 'in', part).executeTakeFirst()).numDeletedRows);
  return removed;
}

/** The ids of every current advisory document. */
export async function currentDocumentIds(trx: Kysely<Database>): Promise<string[]> {
  return (await trx.selectFrom('advisory_documents').select('id').where('is_current', '=', 1).orderBy('id').execute()).map((row) => row.id);
}

/** Every component of these machines, removed ones included (their findings go too). */
export async function componentIdsOfMachines(trx: Kysely<Database>, machineIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(machineIds)) ids.push(...(await trx.selectFrom('components').select('id').where('machine_id', 'in', part).execute()).map((row) => row.id));
  return ids;
}
