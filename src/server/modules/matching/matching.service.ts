import { timeOrderedId } from '../../db/time-ordered-id.ts';
import type { Insertable, Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database, FindingsTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { applicableRemediations, decideFinding, findingStatus, vulnerabilityKey, type ProductMatch, type RemediationFacts } from './finding-rules.ts';
import {
  activeComponentsByIds, activeComponentsOfIdentities, chunks, clearIdentities, componentIdsOfMachines, currentDocumentIds, currentDocumentsOf, deleteFindings,
  deleteFindingsOfComponents, ensureIdentities, ensureProductKeys, findingsInScope, identitiesByIds, identitiesWithAnyKey, insertFindings, productsOfDocuments,
  productsWithKeys, refreshIdentities, statusesOf, updateFinding, vulnerabilityFacts,
  type FindingRow, type FindingScope, type MatchComponentRow, type MatchIdentityRow, type MatchProductRow,
} from './matching.repository.ts';
import { identityFacts } from './match-identity.ts';
import { createJudge, type AdvisoryProductFacts, type ComponentFacts, type MatchVerdict, type ProductIdentifiers } from './product-match.ts';

// Matching runs: the findings of what changed, recomputed inside the caller's write transaction.
// Components are judged by their software identity (match-identity.ts): equal facts, one verdict,
// however many machines run them. A new or revised advisory recomputes the findings of its advisory
// against the identities that share a vendor key with one of its products, then spreads each match
// to the active components of the identity (`matchDocuments`); a changed, removed or decommissioned
// component or machine recomputes the findings of those components against the products of current
// documents sharing a key (`rematchComponents`, `rematchMachines`); `rematchAll` rebuilds keys,
// identities and findings of everything. The database only pre-filters by vendor key; the judge
// (product-match.ts) decides in memory. Findings are replaced by their identity (advisory,
// vulnerability key, component): rows that stay keep their id and creation time, false-match marks
// live apart and are untouched.

/** What a run did. */
export interface MatchRunCounts {
  /** Candidate (advisory product, software identity) pairs judged (products without any status are not candidates). */
  pairs_evaluated: number;
  created: number;
  updated: number;
  removed: number;
}

export interface MatchRunOptions {
  /** The time stamped on created and updated findings (ISO 8601 UTC); now when absent. */
  now?: string;
}

const EMPTY_HELPERS: ProductIdentifiers = { cpe: null, purls: [], model_numbers: [], serial_numbers: [], skus: [] };

function productFacts(row: MatchProductRow): AdvisoryProductFacts {
  const helpers = { ...EMPTY_HELPERS, ...(JSON.parse(row.helpers) as Partial<ProductIdentifiers>) };
  return {
    vendor: row.vendor,
    product_name: row.product_name,
    name: row.name,
    product_version: row.product_version,
    product_version_range: row.product_version_range,
    helpers: { cpe: helpers.cpe, purls: helpers.purls, model_numbers: helpers.model_numbers, serial_numbers: helpers.serial_numbers, skus: helpers.skus },
  };
}

const pairKey = (...parts: string[]): string => parts.join('\u0000');

/** A finding as a run computes it, before it meets the stored one. */
type ComputedFinding = Omit<FindingsTable, 'id' | 'created_at' | 'updated_at'>;

/**
 * The findings of these products against these identities and their active components (both already
 * narrowed to the run's scope; `componentsOf` returns the components of the identities that matched).
 */
async function computeFindings(
  trx: Kysely<Database>,
  products: readonly MatchProductRow[],
  identities: readonly MatchIdentityRow[],
  componentsOf: (identityIds: string[]) => Promise<MatchComponentRow[]>,
): Promise<{ findings: ComputedFinding[]; pairs: number }> {
  const statusesOfProduct = new Map<string, { vulnerability_id: string; status: string }[]>();
  for (const row of await statusesOf(trx, [...new Set(products.map((product) => product.document_id))])) {
    const key = pairKey(row.document_id, row.product_id);
    const list = statusesOfProduct.get(key) ?? [];
    list.push(row);
    statusesOfProduct.set(key, list);
  }
  const byProductId = new Map(products.map((product) => [pairKey(product.document_id, product.product_id), product]));
  const byKey = new Map<string, MatchIdentityRow[]>();
  for (const identity of identities) {
    for (const key of identity.keys) {
      const list = byKey.get(key) ?? [];
      list.push(identity);
      byKey.set(key, list);
    }
  }
  const factsOf = new Map(identities.map((identity) => [identity.id, identityFacts(identity, null)]));

  const judge = createJudge();
  let pairs = 0;
  // A verdict of null: the product lists serial numbers, so it is judged per machine below.
  const candidates: { product: MatchProductRow; target: MatchProductRow; facts: AdvisoryProductFacts; identity: MatchIdentityRow; verdict: MatchVerdict | null; statuses: { vulnerability_id: string; status: string }[] }[] = [];
  for (const product of products) {
    const statuses = statusesOfProduct.get(pairKey(product.document_id, product.product_id));
    if (!statuses) continue;
    // A relationship's product ("A installed on B") is judged as the product it references.
    const target = (product.product_reference !== null && byProductId.get(pairKey(product.document_id, product.product_reference))) || product;
    const facts = productFacts(target);
    const perMachine = facts.helpers.serial_numbers.length > 0;
    const sharing = new Set(product.keys.flatMap((key) => byKey.get(key) ?? []));
    pairs += sharing.size;
    for (const identity of sharing) {
      const verdict = perMachine ? null : judge(facts, factsOf.get(identity.id)!);
      if (perMachine || verdict) candidates.push({ product, target, facts, identity, verdict, statuses });
    }
  }

  const componentsOfIdentity = new Map<string, MatchComponentRow[]>();
  for (const component of await componentsOf([...new Set(candidates.map((candidate) => candidate.identity.id))])) {
    const list = componentsOfIdentity.get(component.identity_id) ?? [];
    list.push(component);
    componentsOfIdentity.set(component.identity_id, list);
  }
  const machineFacts = new Map<string, ComponentFacts>();
  const withSerial = (identity: MatchIdentityRow, component: MatchComponentRow): ComponentFacts => {
    let facts = machineFacts.get(component.id);
    if (!facts) {
      facts = identityFacts(identity, component.serial_number);
      machineFacts.set(component.id, facts);
    }
    return facts;
  };
  const matched: { product: MatchProductRow; target: MatchProductRow; component: MatchComponentRow; verdict: MatchVerdict; statuses: { vulnerability_id: string; status: string }[] }[] = [];
  for (const { product, target, facts, identity, verdict, statuses } of candidates) {
    for (const component of componentsOfIdentity.get(identity.id) ?? []) {
      const found = verdict ?? judge(facts, withSerial(identity, component));
      if (found) matched.push({ product, target, component, verdict: found, statuses });
    }
  }

  const details = await vulnerabilityFacts(trx, [...new Set(matched.flatMap((match) => match.statuses.map((status) => status.vulnerability_id)))]);
  const vulnerabilities = new Map(details.vulnerabilities.map((row) => [row.id, row]));
  const remediationsOf = new Map<string, RemediationFacts[]>();
  for (const row of details.remediations) {
    const list = remediationsOf.get(row.vulnerability_id) ?? [];
    list.push({ category: row.category, details: row.details, url: row.url, product_ids: JSON.parse(row.product_ids) as string[] });
    remediationsOf.set(row.vulnerability_id, list);
  }
  const grouped = new Map<string, { advisory_id: string; document_id: string; vulnerability_id: string; key: string; cve: string | null; component: MatchComponentRow; matches: ProductMatch[] }>();
  for (const { product, target, component, verdict, statuses } of matched) {
    for (const { vulnerability_id, status: csafStatus } of statuses) {
      const status = findingStatus(csafStatus);
      const vulnerability = vulnerabilities.get(vulnerability_id);
      if (status === null || !vulnerability) continue;
      const key = vulnerabilityKey(vulnerability.cve, vulnerability.position);
      const identity = pairKey(product.advisory_id, key, component.id);
      let entry = grouped.get(identity);
      if (!entry) {
        entry = { advisory_id: product.advisory_id, document_id: product.document_id, vulnerability_id, key, cve: vulnerability.cve, component, matches: [] };
        grouped.set(identity, entry);
      }
      entry.matches.push({ product_id: product.product_id, csaf_status: csafStatus, status, verdict, branch_path: JSON.parse(target.branch_path) as unknown[] });
    }
  }

  const findings: ComputedFinding[] = [];
  for (const entry of grouped.values()) {
    const { decisive, product_ids } = decideFinding(entry.matches);
    findings.push({
      advisory_id: entry.advisory_id,
      document_id: entry.document_id,
      vulnerability_id: entry.vulnerability_id,
      vulnerability_key: entry.key,
      cve: entry.cve,
      machine_id: entry.component.machine_id,
      component_id: entry.component.id,
      site_id: entry.component.site_id,
      status: decisive.status,
      csaf_status: decisive.csaf_status,
      matched_by: decisive.verdict.matched_by,
      confidence: decisive.verdict.confidence,
      reason: decisive.verdict.reason,
      product_ids: JSON.stringify(product_ids),
      branch_path: JSON.stringify(decisive.branch_path),
      remediations: JSON.stringify(applicableRemediations(remediationsOf.get(entry.vulnerability_id) ?? [], product_ids)),
    });
  }
  return { findings, pairs };
}

const compared = [
  'document_id', 'vulnerability_id', 'cve', 'machine_id', 'site_id', 'status', 'csaf_status', 'matched_by', 'confidence', 'reason', 'product_ids', 'branch_path', 'remediations',
] as const satisfies readonly (keyof ComputedFinding)[];

/** Replaces the stored findings of the scope with the computed ones. */
async function replaceFindings(trx: Kysely<Database>, scope: FindingScope, computed: readonly ComputedFinding[], now: string): Promise<Pick<MatchRunCounts, 'created' | 'updated' | 'removed'>> {
  const identity = (row: Pick<FindingRow, 'advisory_id' | 'vulnerability_key' | 'component_id'>): string => pairKey(row.advisory_id, row.vulnerability_key, row.component_id);
  const stored = new Map((await findingsInScope(trx, scope)).map((row) => [identity(row), row]));
  const inserts: Insertable<FindingsTable>[] = [];
  let updated = 0;
  for (const finding of computed) {
    const existing = stored.get(identity(finding));
    if (!existing) {
      inserts.push({ ...finding, id: timeOrderedId(), created_at: now, updated_at: now });
      continue;
    }
    stored.delete(identity(finding));
    const changes = compared.filter((column) => existing[column] !== finding[column]);
    if (changes.length === 0) continue;
    await updateFinding(trx, existing.id, { ...Object.fromEntries(changes.map((column) => [column, finding[column]])), updated_at: now });
    updated += 1;
  }
  await insertFindings(trx, inserts);
  await deleteFindings(trx, [...stored.values()].map((row) => row.id));
  return { created: inserts.length, updated, removed: stored.size };
}

async function run(
  trx: Kysely<Database>,
  products: readonly MatchProductRow[],
  identities: readonly MatchIdentityRow[],
  componentsOf: (identityIds: string[]) => Promise<MatchComponentRow[]>,
  scope: FindingScope,
  options: MatchRunOptions,
): Promise<MatchRunCounts> {
  const { findings, pairs } = await computeFindings(trx, products, identities, componentsOf);
  const counts = await replaceFindings(trx, scope, findings, options.now ?? new Date().toISOString());
  return { pairs_evaluated: pairs, ...counts };
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

const add = (total: MatchRunCounts, counts: MatchRunCounts): MatchRunCounts => ({
  pairs_evaluated: total.pairs_evaluated + counts.pairs_evaluated,
  created: total.created + counts.created,
  updated: total.updated + counts.updated,
  removed: total.removed + counts.removed,
});

const NOTHING: MatchRunCounts = { pairs_evaluated: 0, created: 0, updated: 0, removed: 0 };

/** Matches current documents whose product keys and the identities are in place. */
async function matchCurrentDocuments(trx: Kysely<Database>, current: { advisoryIds: string[]; documentIds: string[] }, options: MatchRunOptions): Promise<MatchRunCounts> {
  const products = await productsOfDocuments(trx, current.documentIds);
  const identities = await identitiesWithAnyKey(trx, unique(products.flatMap((product) => product.keys)));
  return run(trx, products, identities, (identityIds) => activeComponentsOfIdentities(trx, identityIds), { advisoryIds: current.advisoryIds }, options);
}

/**
 * Matches the advisories of these documents against the inventory: the findings of each advisory
 * are recomputed from its current document (a document that is no longer current stands for its
 * advisory). Flagged documents are matched like valid ones. Runs in the caller's write transaction.
 */
export async function matchDocuments(trx: Kysely<Database>, documentIds: readonly string[], options: MatchRunOptions = {}): Promise<MatchRunCounts> {
  const current = await currentDocumentsOf(trx, unique(documentIds));
  await ensureProductKeys(trx, current.documentIds);
  await ensureIdentities(trx);
  return matchCurrentDocuments(trx, current, options);
}

/**
 * Components are matched a bounded number at a time: a whole plant at once (an inventory import, a
 * generated plant) would hold every finding of every component in memory.
 */
const COMPONENTS_PER_RUN = 10_000;

/**
 * Re-matches these components (created, changed, removed, or of a machine that changed) against the
 * stored advisories: their identities are recomputed and only their findings are replaced. A
 * removed component or one of a decommissioned machine loses its findings. Runs in the caller's
 * write transaction.
 */
export async function rematchComponents(trx: Kysely<Database>, componentIds: readonly string[], options: MatchRunOptions = {}): Promise<MatchRunCounts> {
  const ids = unique(componentIds);
  await refreshIdentities(trx, ids);
  await ensureProductKeys(trx, null);
  const active = await activeComponentsByIds(trx, ids);
  const activeIds = new Set(active.map((component) => component.id));
  let total: MatchRunCounts = { ...NOTHING, removed: await deleteFindingsOfComponents(trx, ids.filter((id) => !activeIds.has(id))) };
  // Components of one identity side by side, so a run fetches an identity's products once.
  active.sort((a, b) => (a.identity_id < b.identity_id ? -1 : a.identity_id > b.identity_id ? 1 : 0));
  for (const part of chunks(active, COMPONENTS_PER_RUN)) {
    const identities = await identitiesByIds(trx, unique(part.map((component) => component.identity_id)));
    const products = await productsWithKeys(trx, unique(identities.flatMap((identity) => identity.keys)));
    const componentsOf = (identityIds: string[]): Promise<MatchComponentRow[]> => {
      const wanted = new Set(identityIds);
      return Promise.resolve(part.filter((component) => wanted.has(component.identity_id)));
    };
    total = add(total, await run(trx, products, identities, componentsOf, { componentIds: part.map((component) => component.id) }, options));
  }
  return total;
}

/** Re-matches every component of these machines (decommissioned ones lose their findings). */
export async function rematchMachines(trx: Kysely<Database>, machineIds: readonly string[], options: MatchRunOptions = {}): Promise<MatchRunCounts> {
  return rematchComponents(trx, await componentIdsOfMachines(trx, unique(machineIds)), options);
}

/** Current documents matched a bounded number at a time by `rematchAll`. */
const DOCUMENTS_PER_RUN = 100;

/** Rebuilds the vendor keys and identities of both sides and every finding, in a write transaction of its own. */
export async function rematchAll(ctx: Pick<AppContext, 'db' | 'adapter' | 'clock' | 'auditAnchor' | 'logger'>): Promise<MatchRunCounts> {
  const now = ctx.clock.now().toISOString();
  return withWrite(ctx, async ({ trx }) => {
    // Keys follow the vendor data of this build, which may have changed since they were stored.
    await trx.deleteFrom('advisory_product_match_keys').execute();
    await clearIdentities(trx);
    await ensureProductKeys(trx, null);
    await ensureIdentities(trx);
    let total = NOTHING;
    for (const part of chunks(await currentDocumentIds(trx), DOCUMENTS_PER_RUN)) {
      total = add(total, await matchCurrentDocuments(trx, await currentDocumentsOf(trx, part), { now }));
    }
    // Findings of advisories without a current document cannot exist; those of inactive components
    // went with their advisory's run, which spreads matches to active components only.
    return total;
  });
}
