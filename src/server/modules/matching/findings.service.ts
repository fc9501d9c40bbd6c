import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, scopeFilter } from '../../policies/policies.ts';
import type { Placement } from '../../policies/scope.ts';
import { tlpVisibilityOf } from '../advisories/tlp-visibility.ts';
import { enrichmentFor } from '../enrichment/enrichment.service.ts';
import { findingStatuses, isCveKey, type FindingRemediation } from './finding-rules.ts';
import {
  countAffectedVulnerabilities, countFindings, countIncompleteMachines, deleteFalseMatch, findFalseMatch, findFindingIdentity, insertFalseMatch, listFindings, scoresOf,
  vulnerabilityCarriers, type FindingFilter, type FindingListRow, type VulnerabilityCarrier,
} from './findings.repository.ts';
import {
  falseMatchBodySchema, findingListQuerySchema, type FindingAlsoInView, type FindingCliRow, type FindingListQuery, type FindingListView, type FindingSummaryView, type FindingView,
} from './findings.schema.ts';

// Reading findings and marking false matches. A finding is read by whoever may read its machine
// (`finding.read`, scoped to the machine's site like machines); findings of advisories labelled TLP
// AMBER or RED exist only for the roles that see such advisories. A false-match mark
// (`finding.mark_false_match`: security_officer, admin, engineering; PROCESS.md) needs a reason, is
// audited, is kept under the finding's identity so it survives re-matching, and is undone by
// deleting it (audited too). One CVE on one component may be found through several advisories (a
// vendor advisory and its CISA republication): each finding names the others (`also_in`), and the
// summary counts the vulnerability once.

const itemActions = ['finding.mark_false_match'] as const;
const quote = (text: string): string => JSON.stringify(text);

async function seesRestrictedTlp(ctx: AppContext, actor: Actor): Promise<boolean> {
  return (await tlpVisibilityOf(ctx.db, actor)).seesRestricted;
}
const placementOf = (row: { site_id: string; machine_id: string }): Placement => ({ siteId: row.site_id, machineId: row.machine_id });

const carrierKey = (finding: { component_id: string; vulnerability_key: string }): string => `${finding.component_id} ${finding.vulnerability_key}`;

/** The carriers by component and CVE, each list in the order given (by tracking id). */
function carriersByVulnerability(carriers: readonly VulnerabilityCarrier[]): Map<string, VulnerabilityCarrier[]> {
  const byKey = new Map<string, VulnerabilityCarrier[]>();
  for (const carrier of carriers) {
    const list = byKey.get(carrierKey(carrier));
    if (list) list.push(carrier);
    else byKey.set(carrierKey(carrier), [carrier]);
  }
  return byKey;
}

/** The other advisories that carry the finding's CVE for its component; none for a vulnerability without CVE. */
function alsoIn(finding: FindingListRow, carriers: ReadonlyMap<string, readonly VulnerabilityCarrier[]>): FindingAlsoInView[] {
  if (!isCveKey(finding.vulnerability_key)) return [];
  return (carriers.get(carrierKey(finding)) ?? [])
    .filter((carrier) => carrier.advisory_id !== finding.advisory_id)
    .map((carrier) => ({ advisory_id: carrier.advisory_id, tracking_id: carrier.tracking_id }));
}

/**
 * The views of finding rows: CVSS from the advisory's scores, KEV and EPSS from the enrichment
 * data, the other advisories of the same CVE on the same component as the filter's TLP lets the actor see them.
 */
async function present(ctx: AppContext, actor: Actor, rows: readonly FindingListRow[], filter: FindingFilter): Promise<FindingView[]> {
  const scores = await scoresOf(ctx.db, rows.map((row) => row.vulnerability_id));
  const enrichment = await enrichmentFor(ctx.db, rows.flatMap((row) => (row.cve ? [row.cve] : [])));
  const carriers = carriersByVulnerability(await vulnerabilityCarriers(ctx.db, scopeFilter(actor, 'finding.read'), filter.restrictedVisible, rows));
  return rows.map((row) => {
    const productIds = JSON.parse(row.product_ids) as string[];
    const own = scores.filter((score) => score.vulnerability_id === row.vulnerability_id);
    const forProducts = own.filter((score) => (JSON.parse(score.product_ids) as string[]).some((id) => productIds.includes(id)));
    const best = [...(forProducts.length > 0 ? forProducts : own)].sort((a, b) => Number(b.base_score ?? -1) - Number(a.base_score ?? -1))[0];
    return {
      id: row.id,
      machine: { machine_id: row.machine_key, name: row.machine_name },
      site_key: row.site_key,
      component: { id: row.component_id, name: row.component_name, vendor: row.component_vendor, version: row.component_version },
      advisory: { id: row.advisory_id, tracking_id: row.tracking_id, title: row.advisory_title },
      vulnerability_key: row.vulnerability_key,
      cve: row.cve,
      vulnerability_title: row.vulnerability_title,
      also_in: alsoIn(row, carriers),
      cvss: best ? { version: best.cvss_version, vector: best.vector, base_score: best.base_score === null ? null : Number(best.base_score), base_severity: best.base_severity } : null,
      enrichment: row.cve ? (enrichment.get(row.cve) ?? null) : null,
      status: row.status,
      csaf_status: row.csaf_status,
      matched_by: row.matched_by,
      confidence: row.confidence,
      reason: row.reason,
      product_ids: productIds,
      branch_path: JSON.parse(row.branch_path) as FindingView['branch_path'],
      remediations: JSON.parse(row.remediations) as FindingRemediation[],
      false_match:
        row.false_match_reason === null ? null : { reason: row.false_match_reason, by: row.false_match_by_name ?? row.false_match_by ?? '', at: row.false_match_at ?? '' },
      updated_at: row.updated_at,
      allowed_actions: allowedActions(actor, itemActions, placementOf(row)),
    };
  });
}

/** The filter of a query: keys normalised, false matches left out unless asked for, TLP by the actor's roles. */
async function filterOf(
  ctx: AppContext,
  actor: Actor,
  query: { machine?: string | undefined; advisory?: string | undefined; includeFalseMatches?: boolean; findingId?: string },
): Promise<FindingFilter> {
  return {
    ...(query.machine !== undefined ? { machineNorm: normaliseKey(query.machine) } : {}),
    ...(query.advisory !== undefined ? { advisory: { id: query.advisory.trim(), trackingNorm: normaliseKey(query.advisory) } } : {}),
    ...(query.findingId !== undefined ? { findingId: query.findingId } : {}),
    includeFalseMatches: query.includeFalseMatches ?? false,
    restrictedVisible: await seesRestrictedTlp(ctx, actor),
  };
}

/** One page of the findings the actor may read, by machine key, advisory, vulnerability and component. */
export async function listFindingPage(ctx: AppContext, actor: Actor, input: FindingListQuery): Promise<FindingListView> {
  const query = parseInput(findingListQuerySchema, input);
  const filter: FindingFilter = {
    ...(await filterOf(ctx, actor, { machine: query.machine, advisory: query.advisory, includeFalseMatches: query.include_false_matches === 'true' })),
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.confidence !== undefined ? { confidence: query.confidence } : {}),
    ...(query.site !== undefined ? { siteNorm: normaliseKey(query.site) } : {}),
  };
  const { rows, total } = await listFindings(ctx.db, scopeFilter(actor, 'finding.read'), filter, { limit: query.limit, offset: query.offset });
  return { items: await present(ctx, actor, rows, filter), total, limit: query.limit, offset: query.offset };
}

/** CLI `findings list`: every finding (false matches left out) in the actor's scope, as INTERFACES.md lists them. */
export async function listFindingRows(ctx: AppContext, actor: Actor, input: { machine?: string | undefined; advisory?: string | undefined }): Promise<FindingCliRow[]> {
  const { rows } = await listFindings(ctx.db, scopeFilter(actor, 'finding.read'), await filterOf(ctx, actor, input), null);
  return rows.map((row) => ({
    machine_id: row.machine_key,
    tracking_id: row.tracking_id,
    cve: row.cve,
    status: row.status,
    component_name: row.component_name,
    component_version: row.component_version,
    matched_by: row.matched_by,
    confidence: row.confidence,
  }));
}

/**
 * Counts for the dashboard in the actor's scope: machines with incomplete matching data, findings by
 * status, known affected vulnerabilities per component, false matches.
 */
export async function findingSummary(ctx: AppContext, actor: Actor): Promise<FindingSummaryView> {
  const scope = scopeFilter(actor, 'finding.read');
  const restrictedVisible = await seesRestrictedTlp(ctx, actor);
  const counts = await countFindings(ctx.db, scope, restrictedVisible);
  const vulnerabilities = await countAffectedVulnerabilities(ctx.db, scope, restrictedVisible);
  const incomplete = await countIncompleteMachines(ctx.db, scopeFilter(actor, 'machine.read'));
  const byStatus = Object.fromEntries(findingStatuses.map((status) => [status, counts.byStatus[status] ?? 0])) as FindingSummaryView['by_status'];
  return { machines_incomplete: incomplete, by_status: byStatus, vulnerabilities_affected: vulnerabilities, false_matches: counts.falseMatches };
}

/** The finding as the actor sees it; NOT_FOUND when missing, out of scope or of an advisory the actor may not see. */
async function loadVisibleFinding(ctx: AppContext, actor: Actor, findingId: string) {
  const identity = await findFindingIdentity(ctx.db, findingId);
  if (!identity) throw new AppError('NOT_FOUND');
  authorize(actor, 'finding.read', placementOf(identity));
  if (!(await tlpVisibilityOf(ctx.db, actor)).visible(identity.tlp_label)) throw new AppError('NOT_FOUND');
  return identity;
}

async function findingView(ctx: AppContext, actor: Actor, findingId: string): Promise<FindingView> {
  const filter = await filterOf(ctx, actor, { includeFalseMatches: true, findingId });
  const { rows } = await listFindings(ctx.db, scopeFilter(actor, 'finding.read'), filter, null);
  const [view] = await present(ctx, actor, rows, filter);
  if (!view) throw new AppError('NOT_FOUND');
  return view;
}

/** Input of `markFalseMatch`. */
export interface MarkFalseMatchInput {
  findingId: string;
  body: { reason: string };
}

/** Marks a finding as a false match, with a reason (REASON_REQUIRED); INVALID_TRANSITION when it is marked already. */
export async function markFalseMatch(ctx: AppContext, actor: Actor, input: MarkFalseMatchInput): Promise<FindingView> {
  const body = parseInput(falseMatchBodySchema, input.body);
  const finding = await loadVisibleFinding(ctx, actor, input.findingId);
  const role = authorize(actor, 'finding.mark_false_match', placementOf(finding));
  const reason = body.reason.trim();
  if (reason === '') throw new AppError('REASON_REQUIRED');
  const now = ctx.clock.now().toISOString();
  await withWrite(ctx, async ({ trx, audit }) => {
    if (await findFalseMatch(trx, finding)) throw new AppError('INVALID_TRANSITION', { state: 'false_match' });
    await insertFalseMatch(trx, {
      advisory_id: finding.advisory_id, vulnerability_key: finding.vulnerability_key, component_id: finding.component_id, reason, marked_by: actor.userId ?? actor.name, marked_at: now,
    });
    await audit({
      actor, role, action: 'finding.mark_false_match', objectType: 'finding', objectId: finding.id, siteId: finding.site_id,
      summary: `Marked finding ${finding.vulnerability_key} of ${quote(finding.tracking_id)} on component ${quote(finding.component_name)} of machine ${quote(finding.machine_key)} as a false match: ${quote(reason)}`,
    });
  });
  return findingView(ctx, actor, finding.id);
}

/** Undoes a false-match mark; INVALID_TRANSITION when the finding is not marked. */
export async function unmarkFalseMatch(ctx: AppContext, actor: Actor, input: { findingId: string }): Promise<FindingView> {
  const finding = await loadVisibleFinding(ctx, actor, input.findingId);
  const role = authorize(actor, 'finding.mark_false_match', placementOf(finding));
  await withWrite(ctx, async ({ trx, audit }) => {
    const mark = await findFalseMatch(trx, finding);
    if (!mark) throw new AppError('INVALID_TRANSITION', { state: 'matched' });
    await deleteFalseMatch(trx, finding);
    await audit({
      actor, role, action: 'finding.unmark_false_match', objectType: 'finding', objectId: finding.id, siteId: finding.site_id,
      summary: `Undid the false-match mark of finding ${finding.vulnerability_key} of ${quote(finding.tracking_id)} on component ${quote(finding.component_name)} of machine ${quote(finding.machine_key)} (was: ${quote(mark.reason)})`,
    });
  });
  return findingView(ctx, actor, finding.id);
}
