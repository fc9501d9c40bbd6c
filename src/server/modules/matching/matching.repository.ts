import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, FindingsTable } from '../../db/schema.ts';
import { componentMatchKeys, productMatchKeys } from './product-match.ts';

// Reads and writes of a matching run: the vendor keys of both sides (computed here, on first need
// for rows that have none), the advisory products of current documents and the active components
// that share a key, the product status, vulnerabilities and remediations of the documents in play,
// and the findings to replace. Lists are chunked so parameter counts stay below both dialects' limits.

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

/** An active component (not removed, machine not decommissioned), with its machine and vendor keys. */
export interface MatchComponentRow {
  id: string;
  machine_id: string;
  site_id: string;
  vendor: string | null;
  name: string;
  component_version: string | null;
  model_number: string | null;
  cpe: string | null;
  purl: string | null;
  /** The machine's serial number. */
  serial_number: string | null;
  keys: string[];
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

async function insertComponentKeys(trx: Kysely<Database>, components: readonly { id: string; vendor: string | null; name: string; machine_vendor: string | null }[]): Promise<void> {
  const rows = components.flatMap((component) => {
    const keys = componentMatchKeys(component, component.machine_vendor);
    return (keys.length > 0 ? keys : [NO_KEY]).map((key) => ({ component_id: component.id, vendor_key: key }));
  });
  for (const part of chunks(rows)) await trx.insertInto('component_match_keys').values(part).execute();
}

function activeComponents(trx: Kysely<Database>) {
  return trx
    .selectFrom('components as c')
    .innerJoin('machines as m', 'm.id', 'c.machine_id')
    .where('c.removed_at', 'is', null)
    .where('m.decommissioned_at', 'is', null);
}

/** Computes and stores the vendor keys of active components that have none yet. */
export async function ensureComponentKeys(trx: Kysely<Database>): Promise<void> {
  const components = await activeComponents(trx)
    .select(['c.id', 'c.vendor', 'c.name', 'm.vendor as machine_vendor'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('component_match_keys as k').select('k.component_id').whereRef('k.component_id', '=', 'c.id'))))
    .execute();
  await insertComponentKeys(trx, components);
}

/** Recomputes the vendor keys of these components: removed ones and those of decommissioned machines get none. */
export async function replaceComponentKeys(trx: Kysely<Database>, componentIds: readonly string[]): Promise<void> {
  for (const part of chunks(componentIds)) {
    await trx.deleteFrom('component_match_keys').where('component_id', 'in', part).execute();
    const components = await activeComponents(trx).select(['c.id', 'c.vendor', 'c.name', 'm.vendor as machine_vendor']).where('c.id', 'in', part).execute();
    await insertComponentKeys(trx, components);
  }
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

/** One row per product with all its keys ('' left out), in document and position order of the input. */
function groupProducts(rows: readonly ProductKeyRow[]): MatchProductRow[] {
  const byId = new Map<string, MatchProductRow>();
  for (const { vendor_key: key, ...row } of rows) {
    let product = byId.get(row.id);
    if (!product) {
      product = { ...row, keys: [] };
      byId.set(row.id, product);
    }
    if (key !== NO_KEY && !product.keys.includes(key)) product.keys.push(key);
  }
  return [...byId.values()];
}

/** The products of these documents (which must be current to be returned). */
export async function productsOfDocuments(trx: Kysely<Database>, documentIds: readonly string[]): Promise<MatchProductRow[]> {
  const rows: ProductKeyRow[] = [];
  for (const part of chunks(documentIds)) rows.push(...(await currentProducts(trx).where('k.document_id', 'in', part).execute()));
  return groupProducts(rows);
}

/** The products of current documents under any of these vendor keys (with all of their keys). */
export async function productsWithKeys(trx: Kysely<Database>, keys: readonly string[]): Promise<MatchProductRow[]> {
  const wanted = keys.filter((key) => key !== NO_KEY);
  if (wanted.length === 0) return [];
  // A component has a handful of keys: one statement, whatever the number of products.
  const rows = await currentProducts(trx)
    .where('k.product_row_id', 'in', (eb) => eb.selectFrom('advisory_product_match_keys as w').select('w.product_row_id').where('w.vendor_key', 'in', wanted))
    .execute();
  return groupProducts(rows);
}

function componentsWithKeys(trx: Kysely<Database>) {
  return activeComponents(trx)
    .innerJoin('component_match_keys as k', 'k.component_id', 'c.id')
    .select([
      'c.id', 'c.machine_id', 'm.site_id', 'c.vendor', 'c.name', 'c.component_version', 'c.model_number', 'c.cpe', 'c.purl', 'm.serial_number', 'k.vendor_key',
    ]);
}

type ComponentKeyRow = Omit<MatchComponentRow, 'keys'> & { vendor_key: string };

function groupComponents(rows: readonly ComponentKeyRow[]): MatchComponentRow[] {
  const byId = new Map<string, MatchComponentRow>();
  for (const { vendor_key: key, ...row } of rows) {
    let component = byId.get(row.id);
    if (!component) {
      component = { ...row, keys: [] };
      byId.set(row.id, component);
    }
    if (key !== NO_KEY && !component.keys.includes(key)) component.keys.push(key);
  }
  return [...byId.values()];
}

/** These components, when active. */
export async function componentsByIds(trx: Kysely<Database>, componentIds: readonly string[]): Promise<MatchComponentRow[]> {
  const rows: ComponentKeyRow[] = [];
  for (const part of chunks(componentIds)) rows.push(...(await componentsWithKeys(trx).where('c.id', 'in', part).execute()));
  return groupComponents(rows);
}

/** Active components under any of these vendor keys, with all their keys. */
export async function componentsWithAnyKey(trx: Kysely<Database>, keys: readonly string[]): Promise<MatchComponentRow[]> {
  const wanted = keys.filter((key) => key !== NO_KEY);
  const ids = new Set<string>();
  for (const part of chunks(wanted)) {
    for (const row of await trx.selectFrom('component_match_keys').select('component_id').where('vendor_key', 'in', part).execute()) ids.add(row.component_id);
  }
  return componentsByIds(trx, [...ids]);
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

/** Which stored findings a run replaces: those of these advisories, of these components, or all. */
export type FindingScope = { advisoryIds: readonly string[] } | { componentIds: readonly string[] } | 'all';

/** The stored findings of a scope. */
export async function findingsInScope(trx: Kysely<Database>, scope: FindingScope): Promise<FindingRow[]> {
  if (scope === 'all') return trx.selectFrom('findings').selectAll().execute();
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

/** Every component of these machines, removed ones included (their findings go too). */
export async function componentIdsOfMachines(trx: Kysely<Database>, machineIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(machineIds)) ids.push(...(await trx.selectFrom('components').select('id').where('machine_id', 'in', part).execute()).map((row) => row.id));
  return ids;
}

/** The ids of all active components (not removed, machine not decommissioned). */
export async function activeComponentIds(trx: Kysely<Database>): Promise<string[]> {
  return (await activeComponents(trx).select('c.id').execute()).map((row) => row.id);
}

/** Removes the findings of components that are no longer active; returns how many. */
export async function deleteFindingsOfInactiveComponents(trx: Kysely<Database>): Promise<number> {
  const result = await trx
    .deleteFrom('findings')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('components as c')
            .innerJoin('machines as m', 'm.id', 'c.machine_id')
            .select('c.id')
            .whereRef('c.id', '=', 'findings.component_id')
            .where('c.removed_at', 'is', null)
            .where('m.decommissioned_at', 'is', null),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
