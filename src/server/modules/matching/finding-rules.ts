import type { FindingStatus } from '../../db/schema.ts';
import type { MatchVerdict } from './product-match.ts';

// The rules that turn matches into findings: the finding status of a CSAF product status, the key
// that keeps a vulnerability's identity across revisions, which of several matching products of one
// advisory decides a finding, the remediations that apply to it, and when a machine's data is too
// incomplete for matching to be trusted.

export const findingStatuses = ['known_affected', 'fixed', 'known_not_affected', 'under_investigation'] as const satisfies readonly FindingStatus[];

const statusOfCsaf: Record<string, FindingStatus> = {
  first_affected: 'known_affected',
  known_affected: 'known_affected',
  last_affected: 'known_affected',
  first_fixed: 'fixed',
  fixed: 'fixed',
  recommended: 'fixed',
  known_not_affected: 'known_not_affected',
  under_investigation: 'under_investigation',
};

/** The finding status of a CSAF product status (INTERFACES.md); null for CSAF 2.1 `unknown`, which states nothing. */
export function findingStatus(csafStatus: string): FindingStatus | null {
  return statusOfCsaf[csafStatus] ?? null;
}

/** The identity of a vulnerability within its advisory: the CVE, else its position (`#2`). */
export function vulnerabilityKey(cve: string | null, position: number): string {
  const trimmed = cve?.trim() ?? '';
  return trimmed === '' ? `#${position}` : trimmed.toUpperCase();
}

/**
 * True for a key that is a CVE: it names the same vulnerability in every advisory that carries it
 * (a vendor advisory and its CISA republication). A position key (`#2`) means something only
 * within its own advisory.
 */
export function isCveKey(key: string): boolean {
  return !key.startsWith('#');
}

/** One product of an advisory that matched a component, with its status for one vulnerability. */
export interface ProductMatch {
  product_id: string;
  csaf_status: string;
  status: FindingStatus;
  verdict: MatchVerdict;
  branch_path: unknown[];
}

const specificityRank = { exact: 2, family: 1 } as const;
const confidenceRank = { high: 3, medium: 2, low: 1 } as const;
// Of equally good statements, the one that asks for action wins.
const statusRank: Record<FindingStatus, number> = { known_affected: 4, under_investigation: 3, fixed: 2, known_not_affected: 1 };

/** Orders matches best first: the more specific product, then the surer match, then the more urgent status, then the product id. */
export function compareProductMatches(a: ProductMatch, b: ProductMatch): number {
  return (
    specificityRank[b.verdict.specificity] - specificityRank[a.verdict.specificity] ||
    confidenceRank[b.verdict.confidence] - confidenceRank[a.verdict.confidence] ||
    statusRank[b.status] - statusRank[a.status] ||
    (a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0)
  );
}

/**
 * The match that decides a finding when several products of one advisory match a component for one
 * vulnerability ("S7-1500 CPU family" and "CPU 1516F-3 PN/DP (6ES7516-3FN01-0AB0)"): the advisory's
 * most specific statement about it. `product_ids` lists every matching product with the same status.
 */
export function decideFinding(matches: readonly ProductMatch[]): { decisive: ProductMatch; product_ids: string[] } {
  if (matches.length === 0) throw new Error('decideFinding needs at least one match');
  const [decisive] = [...matches].sort(compareProductMatches) as [ProductMatch, ...ProductMatch[]];
  const productIds = [...new Set(matches.filter((match) => match.status === decisive.status).map((match) => match.product_id))].sort();
  return { decisive, product_ids: productIds };
}

/** A remediation of a vulnerability as stored (product ids include the members of its groups). */
export interface RemediationFacts {
  category: string;
  details: string;
  url: string | null;
  product_ids: readonly string[];
}

/** A remediation as a finding shows it. */
export interface FindingRemediation {
  category: string;
  details: string;
  url: string | null;
}

/** The remediations that name at least one of the finding's products, in document order. */
export function applicableRemediations(remediations: readonly RemediationFacts[], productIds: readonly string[]): FindingRemediation[] {
  const matched = new Set(productIds);
  return remediations.filter((remediation) => remediation.product_ids.some((id) => matched.has(id))).map(({ category, details, url }) => ({ category, details, url }));
}

/** Why matching cannot be trusted for a machine (PRODUCT.md §3, "matching data incomplete"). */
export const matchingDataGapCodes = ['no_components', 'component_without_vendor', 'component_without_version'] as const;
export type MatchingDataGap = (typeof matchingDataGapCodes)[number];

const blank = (text: string | null): boolean => text === null || text.trim() === '';

/**
 * The gaps of a machine's matching data, judged on its components that are not removed: none at
 * all, or one without vendor or without version (a name alone matches at `low` at best).
 */
export function matchingDataGaps(components: readonly { vendor: string | null; component_version: string | null }[]): MatchingDataGap[] {
  if (components.length === 0) return ['no_components'];
  const gaps: MatchingDataGap[] = [];
  if (components.some((component) => blank(component.vendor))) gaps.push('component_without_vendor');
  if (components.some((component) => blank(component.component_version))) gaps.push('component_without_version');
  return gaps;
}

/**
 * The gaps of one machine: judged on the components not removed, and none for a decommissioned
 * machine, which is no longer matched. `matchingIncompleteCondition` (machines.repository.ts) is the
 * same rule in SQL, for the machines list filter and the findings summary's count.
 */
export function machineMatchingDataGaps(
  machine: { decommissioned_at: string | null },
  components: readonly { vendor: string | null; component_version: string | null; removed_at: string | null }[],
): MatchingDataGap[] {
  if (machine.decommissioned_at !== null) return [];
  return matchingDataGaps(components.filter((component) => component.removed_at === null));
}
