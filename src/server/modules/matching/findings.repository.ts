import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database, FindingConfidence, FindingsTable, FindingStatus } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';
import { RESTRICTED_TLP } from '../advisories/advisories.repository.ts';
import { matchingIncompleteCondition } from '../machines/machines.repository.ts';
import { isCveKey } from './finding-rules.ts';

// Read queries of findings (list, summary, one finding) and the false-match marks. Findings live
// in the site of their machine; findings of advisories labelled TLP AMBER or RED are left out for
// callers who may not see such advisories, as the advisories themselves are.

export interface FindingFilter {
  /** Normalised plant key of the machine. */
  machineNorm?: string;
  /** An advisory by id or by normalised tracking id. */
  advisory?: { id: string; trackingNorm: string };
  status?: FindingStatus;
  confidence?: FindingConfidence;
  /** Normalised site key. */
  siteNorm?: string;
  includeFalseMatches: boolean;
  /** False: findings of advisories labelled TLP AMBER or RED are left out. */
  restrictedVisible: boolean;
  /** One finding by id. */
  findingId?: string;
}

/** A finding with what its list item shows. */
export interface FindingListRow extends Omit<FindingsTable, 'document_id'> {
  machine_key: string;
  machine_name: string;
  site_key: string;
  component_name: string;
  component_vendor: string | null;
  component_version: string | null;
  tracking_id: string;
  advisory_title: string | null;
  vulnerability_title: string | null;
  false_match_reason: string | null;
  false_match_by: string | null;
  false_match_by_name: string | null;
  false_match_at: string | null;
}

type FindingEb = ExpressionBuilder<
  Database & {
    f: Database['findings'];
    m: Database['machines'];
    s: Database['sites'];
    a: Database['advisories'];
    d: Database['advisory_documents'];
    fm: Database['finding_false_matches'];
  },
  'f' | 'm' | 's' | 'a' | 'd' | 'fm'
>;

function noScope(filter: ScopeFilter): boolean {
  return !filter.all && filter.siteIds.length === 0 && filter.machineIds.length === 0;
}

function scopeCondition(eb: FindingEb, scope: ScopeFilter): Expression<SqlBool>[] {
  if (scope.all) return [];
  return [
    eb.or([
      ...(scope.siteIds.length > 0 ? [eb('f.site_id', 'in', scope.siteIds)] : []),
      ...(scope.machineIds.length > 0 ? [eb('f.machine_id', 'in', scope.machineIds)] : []),
    ]),
  ];
}

function conditions(eb: FindingEb, scope: ScopeFilter, filter: FindingFilter): Expression<SqlBool>[] {
  const list = scopeCondition(eb, scope);
  if (!filter.restrictedVisible) {
    list.push(eb.or([eb('d.tlp_label', 'is', null), eb(sql<string>`upper(trim(d.tlp_label))`, 'not in', [...RESTRICTED_TLP])]));
  }
  if (!filter.includeFalseMatches) list.push(eb('fm.component_id', 'is', null));
  if (filter.machineNorm !== undefined) list.push(eb('m.machine_id_norm', '=', filter.machineNorm));
  if (filter.advisory !== undefined) list.push(eb.or([eb('a.id', '=', filter.advisory.id), eb('a.tracking_id_norm', '=', filter.advisory.trackingNorm)]));
  if (filter.status !== undefined) list.push(eb('f.status', '=', filter.status));
  if (filter.confidence !== undefined) list.push(eb('f.confidence', '=', filter.confidence));
  if (filter.siteNorm !== undefined) list.push(eb('s.key_norm', '=', filter.siteNorm));
  if (filter.findingId !== undefined) list.push(eb('f.id', '=', filter.findingId));
  return list;
}

function joined(db: Kysely<Database>) {
  return db
    .selectFrom('findings as f')
    .innerJoin('machines as m', 'm.id', 'f.machine_id')
    .innerJoin('sites as s', 's.id', 'f.site_id')
    .innerJoin('advisories as a', 'a.id', 'f.advisory_id')
    .innerJoin('advisory_documents as d', 'd.id', 'f.document_id')
    .leftJoin('finding_false_matches as fm', (join) =>
      join.onRef('fm.advisory_id', '=', 'f.advisory_id').onRef('fm.vulnerability_key', '=', 'f.vulnerability_key').onRef('fm.component_id', '=', 'f.component_id'),
    );
}

/** One page of findings inside the scope that match the filter (by machine, advisory, vulnerability), and their number. */
export async function listFindings(db: Kysely<Database>, scope: ScopeFilter, filter: FindingFilter, page: { limit: number; offset: number } | null): Promise<{ rows: FindingListRow[]; total: number }> {
  if (noScope(scope)) return { rows: [], total: 0 };
  const where = (eb: FindingEb) => eb.and(conditions(eb, scope, filter));
  const total = page === null ? null : await joined(db).select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow();
  let query = joined(db)
    .innerJoin('components as c', 'c.id', 'f.component_id')
    .leftJoin('advisory_vulnerabilities as v', 'v.id', 'f.vulnerability_id')
    .leftJoin('users as u', 'u.id', 'fm.marked_by')
    .selectAll('f')
    .select([
      'm.machine_id as machine_key', 'm.name as machine_name', 's.key as site_key', 'c.name as component_name', 'c.vendor as component_vendor',
      'c.component_version', 'a.tracking_id', 'd.title as advisory_title', 'v.title as vulnerability_title', 'fm.reason as false_match_reason',
      'fm.marked_by as false_match_by', 'u.display_name as false_match_by_name', 'fm.marked_at as false_match_at',
    ])
    .where(where)
    .orderBy('m.machine_id_norm')
    .orderBy('a.tracking_id_norm')
    .orderBy('f.vulnerability_key')
    .orderBy('c.name_norm')
    .orderBy('f.id');
  if (page !== null) query = query.limit(page.limit).offset(page.offset);
  const rows = (await query.execute()) as FindingListRow[];
  return { rows, total: total === null ? rows.length : Number(total.n) };
}

/** Finding counts by status (false matches left out) and the number of false matches, inside the scope. */
export async function countFindings(db: Kysely<Database>, scope: ScopeFilter, restrictedVisible: boolean): Promise<{ byStatus: Partial<Record<FindingStatus, number>>; falseMatches: number }> {
  if (noScope(scope)) return { byStatus: {}, falseMatches: 0 };
  const rows = await joined(db)
    .select((eb) => ['f.status', eb.fn.countAll<number>().as('n'), sql<number>`sum(case when fm.component_id is null then 0 else 1 end)`.as('marked')])
    .where((eb) => eb.and(conditions(eb, scope, { includeFalseMatches: true, restrictedVisible })))
    .groupBy('f.status')
    .execute();
  const byStatus: Partial<Record<FindingStatus, number>> = {};
  let falseMatches = 0;
  for (const row of rows) {
    const marked = Number(row.marked ?? 0);
    byStatus[row.status] = Number(row.n) - marked;
    falseMatches += marked;
  }
  return { byStatus, falseMatches };
}

/**
 * Known affected vulnerabilities per component inside the scope, false matches left out: a CVE
 * counts once per component however many advisories carry it, a vulnerability without CVE once per
 * advisory (its position key means nothing outside it). What becomes one work item each.
 */
export async function countAffectedVulnerabilities(db: Kysely<Database>, scope: ScopeFilter, restrictedVisible: boolean): Promise<number> {
  if (noScope(scope)) return 0;
  // The key test mirrors isCveKey: position keys start with '#'.
  const vulnerability = sql<string>`case when f.vulnerability_key like '#%' then f.advisory_id || ' ' || f.vulnerability_key else f.vulnerability_key end`;
  const pairs = joined(db)
    .select(['f.component_id', vulnerability.as('vulnerability')])
    .distinct()
    .where((eb) => eb.and([...conditions(eb, scope, { includeFalseMatches: false, restrictedVisible }), eb('f.status', '=', 'known_affected')]));
  const row = await db
    .selectFrom(pairs.as('pairs'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A finding of one advisory on a component for a CVE, as `also_in` names it. */
export interface VulnerabilityCarrier {
  component_id: string;
  vulnerability_key: string;
  advisory_id: string;
  tracking_id: string;
}

/**
 * The findings on these components for these CVEs inside the scope, of advisories the caller may
 * see, false matches left out, by tracking id: one query for a whole page of findings, which the
 * caller pairs up by component and key. Position keys are skipped (they name nothing across advisories).
 */
export async function vulnerabilityCarriers(
  db: Kysely<Database>,
  scope: ScopeFilter,
  restrictedVisible: boolean,
  findings: readonly { component_id: string; vulnerability_key: string }[],
): Promise<VulnerabilityCarrier[]> {
  const shared = findings.filter((finding) => isCveKey(finding.vulnerability_key));
  if (shared.length === 0 || noScope(scope)) return [];
  // Components × keys may also bring a component's finding of another row's CVE; the caller keeps exact pairs only.
  const componentIds = [...new Set(shared.map((finding) => finding.component_id))];
  const keys = [...new Set(shared.map((finding) => finding.vulnerability_key))];
  return joined(db)
    .select(['f.component_id', 'f.vulnerability_key', 'f.advisory_id', 'a.tracking_id'])
    .where((eb) =>
      eb.and([...conditions(eb, scope, { includeFalseMatches: false, restrictedVisible }), eb('f.component_id', 'in', componentIds), eb('f.vulnerability_key', 'in', keys)]),
    )
    .orderBy('a.tracking_id_norm')
    .orderBy('a.id')
    .execute();
}

/** The number of machines inside the scope whose matching data is incomplete (`machineMatchingDataGaps`), counted in SQL. */
export async function countIncompleteMachines(db: Kysely<Database>, scope: ScopeFilter): Promise<number> {
  if (noScope(scope)) return 0;
  const row = await db
    .selectFrom('machines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => {
      const conditions = [matchingIncompleteCondition(eb)];
      if (!scope.all) {
        conditions.push(eb.or([
          ...(scope.siteIds.length > 0 ? [eb('machines.site_id', 'in', scope.siteIds)] : []),
          ...(scope.machineIds.length > 0 ? [eb('machines.id', 'in', scope.machineIds)] : []),
        ]));
      }
      return eb.and(conditions);
    })
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** CVSS scores of these vulnerabilities. */
export async function scoresOf(db: Kysely<Database>, vulnerabilityIds: readonly string[]) {
  if (vulnerabilityIds.length === 0) return [];
  return db
    .selectFrom('advisory_scores')
    .select(['vulnerability_id', 'position', 'cvss_version', 'vector', 'base_score', 'base_severity', 'product_ids'])
    .where('vulnerability_id', 'in', [...new Set(vulnerabilityIds)])
    .orderBy('vulnerability_id')
    .orderBy('position')
    .execute();
}

/** The identity of a finding by id (for marking), or undefined. */
export async function findFindingIdentity(db: Kysely<Database>, findingId: string) {
  return db
    .selectFrom('findings as f')
    .innerJoin('machines as m', 'm.id', 'f.machine_id')
    .innerJoin('advisories as a', 'a.id', 'f.advisory_id')
    .innerJoin('advisory_documents as d', 'd.id', 'f.document_id')
    .innerJoin('components as c', 'c.id', 'f.component_id')
    .select(['f.id', 'f.advisory_id', 'f.vulnerability_key', 'f.component_id', 'f.machine_id', 'f.site_id', 'm.machine_id as machine_key', 'a.tracking_id', 'd.tlp_label', 'c.name as component_name'])
    .where('f.id', '=', findingId)
    .executeTakeFirst();
}

export async function findFalseMatch(db: Kysely<Database>, identity: { advisory_id: string; vulnerability_key: string; component_id: string }) {
  return db
    .selectFrom('finding_false_matches')
    .selectAll()
    .where('advisory_id', '=', identity.advisory_id)
    .where('vulnerability_key', '=', identity.vulnerability_key)
    .where('component_id', '=', identity.component_id)
    .executeTakeFirst();
}

export async function insertFalseMatch(db: Kysely<Database>, row: Database['finding_false_matches']): Promise<void> {
  await db.insertInto('finding_false_matches').values(row).execute();
}

export async function deleteFalseMatch(db: Kysely<Database>, identity: { advisory_id: string; vulnerability_key: string; component_id: string }): Promise<void> {
  await db
    .deleteFrom('finding_false_matches')
    .where('advisory_id', '=', identity.advisory_id)
    .where('vulnerability_key', '=', identity.vulnerability_key)
    .where('component_id', '=', identity.component_id)
    .execute();
}
