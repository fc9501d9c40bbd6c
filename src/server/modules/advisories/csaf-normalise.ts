import { normaliseKey } from '../../db/normalise.ts';

// CSAF JSON → the normalised record Patchwerk stores next to the raw document (PRODUCT.md §2,
// DOMAIN.md §3). Pure: no I/O. Values are kept as the document gives them (texts, version and
// range names, vectors and scores); only the `*_norm` keys used for matching are derived. The
// product tree is flattened to one record per product with the path of branches that leads to it.
// Written for schema-valid CSAF 2.0 (and the parts of 2.1 that differ: `metrics` with CVSS v4,
// `cwes`, `purls`), but never throws on other shapes: a missing or mistyped part is left out.

/** One note (document or vulnerability). */
export interface NormalisedNote {
  category: string | null;
  title: string | null;
  text: string;
  audience: string | null;
}

/** One reference (document or vulnerability). */
export interface NormalisedReference {
  category: string | null;
  summary: string | null;
  url: string;
}

/** One step on the way from the product tree's root to a product. */
export interface BranchStep {
  category: string;
  name: string;
}

export type ProductSource = 'branch' | 'full_product_name' | 'relationship';

/** File hashes of a product (`product_identification_helper.hashes`). */
export interface ProductHash {
  filename: string | null;
  file_hashes: { algorithm: string; value: string }[];
}

/** The identification helpers of a product, as given. */
export interface ProductHelpers {
  cpe: string | null;
  /** CSAF 2.0 `purl`, or the 2.1 `purls[]`. */
  purls: string[];
  model_numbers: string[];
  serial_numbers: string[];
  skus: string[];
  hashes: ProductHash[];
  sbom_urls: string[];
  x_generic_uris: { namespace: string; uri: string }[];
}

/** A product of the tree: a branch leaf, a top-level full_product_name, or a relationship's product. */
export interface NormalisedProduct {
  product_id: string;
  /** The full product name as written. */
  name: string;
  source: ProductSource;
  /** Root-to-leaf branches (empty for full_product_names and relationships). */
  branch_path: BranchStep[];
  /** The nearest enclosing branch of each category, as written (null when there is none). */
  vendor: string | null;
  product_family: string | null;
  product_name: string | null;
  product_version: string | null;
  product_version_range: string | null;
  architecture: string | null;
  patch_level: string | null;
  service_pack: string | null;
  /** normaliseKey(vendor) / normaliseKey(product_name) ('' when missing): the matching keys. */
  vendor_norm: string;
  product_name_norm: string;
  helpers: ProductHelpers;
  /** For a relationship's product: how it combines the two referenced products. */
  relationship: { category: string; product_reference: string; relates_to_product_reference: string } | null;
}

/** An identification helper value of a product, one per row (cpe, purl, model number, serial number, sku). */
export interface NormalisedIdentifier {
  product_id: string;
  kind: 'cpe' | 'purl' | 'model_number' | 'serial_number' | 'sku';
  value: string;
  value_norm: string;
}

export interface NormalisedProductGroup {
  group_id: string;
  summary: string | null;
  product_ids: string[];
}

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

/** One CVSS score as given (one per `cvss_v2`/`cvss_v3`/`cvss_v4` object). */
export interface NormalisedScore {
  cvss_version: CvssVersion;
  vector: string;
  base_score: number | null;
  base_severity: string | null;
  product_ids: string[];
}

export interface NormalisedThreat {
  category: string;
  details: string;
  date: string | null;
  /** The product ids given plus the members of the groups given. */
  product_ids: string[];
  group_ids: string[];
}

export interface NormalisedRemediation {
  category: string;
  details: string;
  url: string | null;
  date: string | null;
  /** The product ids given plus the members of the groups given. */
  product_ids: string[];
  group_ids: string[];
  entitlements: string[];
  restart_required: { category: string; details: string | null } | null;
}

export interface NormalisedFlag {
  label: string;
  date: string | null;
  product_ids: string[];
  group_ids: string[];
}

export const productStatuses = [
  'first_affected', 'first_fixed', 'fixed', 'known_affected', 'known_not_affected', 'last_affected', 'recommended', 'under_investigation', 'unknown',
] as const;
export type ProductStatus = (typeof productStatuses)[number];

export interface NormalisedVulnerability {
  cve: string | null;
  /** The first CWE (2.0 `cwe`, 2.1 `cwes[0]`). */
  cwe_id: string | null;
  cwe_name: string | null;
  title: string | null;
  discovery_date: string | null;
  release_date: string | null;
  ids: { system_name: string; text: string }[];
  notes: NormalisedNote[];
  references: NormalisedReference[];
  flags: NormalisedFlag[];
  scores: NormalisedScore[];
  threats: NormalisedThreat[];
  remediations: NormalisedRemediation[];
  /** Every (status, product) pair, without repeats within one status. */
  product_status: { status: ProductStatus; product_id: string }[];
}

export interface NormalisedRevision {
  number: string;
  date: string | null;
  summary: string | null;
}

/** Everything Patchwerk reads from one CSAF document. */
export interface NormalisedAdvisory {
  csaf_version: string | null;
  category: string | null;
  title: string | null;
  lang: string | null;
  tlp_label: string | null;
  aggregate_severity: string | null;
  publisher: { name: string | null; namespace: string | null; category: string | null; contact_details: string | null };
  tracking: {
    id: string | null;
    version: string | null;
    status: string | null;
    initial_release_date: string | null;
    current_release_date: string | null;
    revision_history: NormalisedRevision[];
  };
  notes: NormalisedNote[];
  references: NormalisedReference[];
  product_groups: NormalisedProductGroup[];
  products: NormalisedProduct[];
  identifiers: NormalisedIdentifier[];
  vulnerabilities: NormalisedVulnerability[];
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function texts(value: unknown): string[] {
  return array(value).filter((item): item is string => typeof item === 'string');
}

function objects(value: unknown): Json[] {
  return array(value).map(object).filter((item): item is Json => item !== null);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function notesOf(value: unknown): NormalisedNote[] {
  return objects(value).flatMap((note) => {
    const body = text(note.text);
    return body === null ? [] : [{ category: text(note.category), title: text(note.title), text: body, audience: text(note.audience) }];
  });
}

function referencesOf(value: unknown): NormalisedReference[] {
  return objects(value).flatMap((reference) => {
    const url = text(reference.url);
    return url === null ? [] : [{ category: text(reference.category), summary: text(reference.summary), url }];
  });
}

function helpersOf(value: unknown): ProductHelpers {
  const helper = object(value) ?? {};
  const purl = text(helper.purl);
  return {
    cpe: text(helper.cpe),
    purls: unique([...(purl !== null ? [purl] : []), ...texts(helper.purls)]),
    model_numbers: texts(helper.model_numbers),
    serial_numbers: texts(helper.serial_numbers),
    skus: texts(helper.skus),
    hashes: objects(helper.hashes).map((hash) => ({
      filename: text(hash.filename),
      file_hashes: objects(hash.file_hashes).flatMap((fileHash) => {
        const algorithm = text(fileHash.algorithm);
        const digest = text(fileHash.value);
        return algorithm !== null && digest !== null ? [{ algorithm, value: digest }] : [];
      }),
    })),
    sbom_urls: texts(helper.sbom_urls),
    x_generic_uris: objects(helper.x_generic_uris).flatMap((entry) => {
      const namespace = text(entry.namespace);
      const uri = text(entry.uri);
      return namespace !== null && uri !== null ? [{ namespace, uri }] : [];
    }),
  };
}

const nearestOf = (path: BranchStep[], category: string): string | null => {
  for (let index = path.length - 1; index >= 0; index -= 1) if (path[index]!.category === category) return path[index]!.name;
  return null;
};

function productOf(full: Json, source: ProductSource, path: BranchStep[], relationship: NormalisedProduct['relationship']): NormalisedProduct | null {
  const productId = text(full.product_id);
  if (productId === null) return null;
  const vendor = nearestOf(path, 'vendor');
  const productName = nearestOf(path, 'product_name');
  return {
    product_id: productId,
    name: text(full.name) ?? '',
    source,
    branch_path: path,
    vendor,
    product_family: nearestOf(path, 'product_family'),
    product_name: productName,
    product_version: nearestOf(path, 'product_version'),
    product_version_range: nearestOf(path, 'product_version_range'),
    architecture: nearestOf(path, 'architecture'),
    patch_level: nearestOf(path, 'patch_level'),
    service_pack: nearestOf(path, 'service_pack'),
    vendor_norm: normaliseKey(vendor ?? ''),
    product_name_norm: normaliseKey(productName ?? ''),
    helpers: helpersOf(full.product_identification_helper),
    relationship,
  };
}

/** The products of a product tree: branch leaves (depth first, in order), full_product_names, relationships. */
function productsOf(tree: Json): NormalisedProduct[] {
  const products: NormalisedProduct[] = [];
  // Iterative walk: a schema-valid tree may be nested thousands of branches deep.
  const stack: { branch: Json; path: BranchStep[] }[] = [];
  const pushChildren = (branches: unknown, path: BranchStep[]): void => {
    const children = objects(branches);
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push({ branch: children[index]!, path });
  };
  pushChildren(tree.branches, []);
  while (stack.length > 0) {
    const { branch, path } = stack.pop()!;
    const here = [...path, { category: text(branch.category) ?? '', name: text(branch.name) ?? '' }];
    const full = object(branch.product);
    if (full) {
      const product = productOf(full, 'branch', here, null);
      if (product) products.push(product);
    }
    pushChildren(branch.branches, here);
  }
  for (const full of objects(tree.full_product_names)) {
    const product = productOf(full, 'full_product_name', [], null);
    if (product) products.push(product);
  }
  for (const relationship of objects(tree.relationships)) {
    const full = object(relationship.full_product_name);
    if (!full) continue;
    const product = productOf(full, 'relationship', [], {
      category: text(relationship.category) ?? '',
      product_reference: text(relationship.product_reference) ?? '',
      relates_to_product_reference: text(relationship.relates_to_product_reference) ?? '',
    });
    if (product) products.push(product);
  }
  return products;
}

function identifiersOf(products: NormalisedProduct[]): NormalisedIdentifier[] {
  const identifiers: NormalisedIdentifier[] = [];
  for (const product of products) {
    const add = (kind: NormalisedIdentifier['kind'], values: string[]): void => {
      for (const value of unique(values)) identifiers.push({ product_id: product.product_id, kind, value, value_norm: normaliseKey(value) });
    };
    add('cpe', product.helpers.cpe !== null ? [product.helpers.cpe] : []);
    add('purl', product.helpers.purls);
    add('model_number', product.helpers.model_numbers);
    add('serial_number', product.helpers.serial_numbers);
    add('sku', product.helpers.skus);
  }
  return identifiers;
}

function scoresOf(vulnerability: Json): NormalisedScore[] {
  const scores: NormalisedScore[] = [];
  const add = (cvss: unknown, products: string[]): void => {
    const score = object(cvss);
    const vector = score ? text(score.vectorString) : null;
    if (!score || vector === null) return;
    const declared = text(score.version);
    const fromVector = /^CVSS:(3\.0|3\.1|4\.0)\//.exec(vector)?.[1];
    const version = (declared === '2.0' || declared === '3.0' || declared === '3.1' || declared === '4.0' ? declared : fromVector ?? '2.0') as CvssVersion;
    scores.push({ cvss_version: version, vector, base_score: number(score.baseScore), base_severity: text(score.baseSeverity), product_ids: products });
  };
  // CSAF 2.0: scores[] = {products, cvss_v2?, cvss_v3?}.
  for (const score of objects(vulnerability.scores)) {
    const products = unique(texts(score.products));
    add(score.cvss_v2, products);
    add(score.cvss_v3, products);
  }
  // CSAF 2.1: metrics[] = {products, content: {cvss_v2?, cvss_v3?, cvss_v4?, …}}.
  for (const metric of objects(vulnerability.metrics)) {
    const products = unique(texts(metric.products));
    const content = object(metric.content) ?? {};
    add(content.cvss_v2, products);
    add(content.cvss_v3, products);
    add(content.cvss_v4, products);
  }
  return scores;
}

function withGroups(entry: Json, groups: Map<string, string[]>): { product_ids: string[]; group_ids: string[] } {
  const groupIds = unique(texts(entry.group_ids));
  return { product_ids: unique([...texts(entry.product_ids), ...groupIds.flatMap((id) => groups.get(id) ?? [])]), group_ids: groupIds };
}

function vulnerabilityOf(vulnerability: Json, groups: Map<string, string[]>): NormalisedVulnerability {
  const cwe = object(vulnerability.cwe) ?? objects(vulnerability.cwes)[0] ?? null;
  const status = object(vulnerability.product_status) ?? {};
  const productStatus: NormalisedVulnerability['product_status'] = [];
  for (const name of productStatuses) {
    for (const productId of unique(texts(status[name]))) productStatus.push({ status: name, product_id: productId });
  }
  return {
    cve: text(vulnerability.cve),
    cwe_id: cwe ? text(cwe.id) : null,
    cwe_name: cwe ? text(cwe.name) : null,
    title: text(vulnerability.title),
    discovery_date: text(vulnerability.discovery_date),
    release_date: text(vulnerability.release_date),
    ids: objects(vulnerability.ids).flatMap((id) => {
      const systemName = text(id.system_name);
      const value = text(id.text);
      return systemName !== null && value !== null ? [{ system_name: systemName, text: value }] : [];
    }),
    notes: notesOf(vulnerability.notes),
    references: referencesOf(vulnerability.references),
    flags: objects(vulnerability.flags).flatMap((flag) => {
      const label = text(flag.label);
      return label === null ? [] : [{ label, date: text(flag.date), ...withGroups(flag, groups) }];
    }),
    scores: scoresOf(vulnerability),
    threats: objects(vulnerability.threats).flatMap((threat) => {
      const category = text(threat.category);
      const details = text(threat.details);
      return category === null || details === null ? [] : [{ category, details, date: text(threat.date), ...withGroups(threat, groups) }];
    }),
    remediations: objects(vulnerability.remediations).flatMap((remediation) => {
      const category = text(remediation.category);
      const details = text(remediation.details);
      if (category === null || details === null) return [];
      const restart = object(remediation.restart_required);
      const restartCategory = restart ? text(restart.category) : null;
      return [{
        category,
        details,
        url: text(remediation.url),
        date: text(remediation.date),
        ...withGroups(remediation, groups),
        entitlements: texts(remediation.entitlements),
        restart_required: restart && restartCategory !== null ? { category: restartCategory, details: text(restart.details) } : null,
      }];
    }),
    product_status: productStatus,
  };
}

/** Reads a parsed CSAF document into Patchwerk's normalised record. */
export function normaliseCsaf(input: unknown): NormalisedAdvisory {
  const root = object(input) ?? {};
  const document = object(root.document) ?? {};
  const publisher = object(document.publisher) ?? {};
  const tracking = object(document.tracking) ?? {};
  const distribution = object(document.distribution) ?? {};
  const tlp = object(distribution.tlp) ?? {};
  const tree = object(root.product_tree) ?? {};
  const productGroups = objects(tree.product_groups).flatMap((group) => {
    const groupId = text(group.group_id);
    return groupId === null ? [] : [{ group_id: groupId, summary: text(group.summary), product_ids: unique(texts(group.product_ids)) }];
  });
  const groups = new Map(productGroups.map((group) => [group.group_id, group.product_ids]));
  const products = productsOf(tree);
  return {
    csaf_version: text(document.csaf_version),
    category: text(document.category),
    title: text(document.title),
    lang: text(document.lang),
    tlp_label: text(tlp.label),
    aggregate_severity: text(object(document.aggregate_severity)?.text),
    publisher: {
      name: text(publisher.name),
      namespace: text(publisher.namespace),
      category: text(publisher.category),
      contact_details: text(publisher.contact_details),
    },
    tracking: {
      id: text(tracking.id),
      version: text(tracking.version),
      status: text(tracking.status),
      initial_release_date: text(tracking.initial_release_date),
      current_release_date: text(tracking.current_release_date),
      revision_history: objects(tracking.revision_history).flatMap((revision) => {
        const revisionNumber = text(revision.number);
        return revisionNumber === null ? [] : [{ number: revisionNumber, date: text(revision.date), summary: text(revision.summary) }];
      }),
    },
    notes: notesOf(document.notes),
    references: referencesOf(document.references),
    product_groups: productGroups,
    products,
    identifiers: identifiersOf(products),
    vulnerabilities: objects(root.vulnerabilities).map((vulnerability) => vulnerabilityOf(vulnerability, groups)),
  };
}
