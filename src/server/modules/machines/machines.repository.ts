import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type RawBuilder, type SqlBool, type Updateable } from 'kysely';
import { normaliseKey } from '../../db/normalise.ts';
import type { Database, MachineInterfacesTable, MachineRow, MachinesTable } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

/** A machine with the keys of its site and area and its responsible admin's username. */
export type MachineWithSite = MachineRow & {
  site_key: string;
  area_key: string | null;
  responsible_admin_username: string | null;
};

/** An interface with its segment's key. */
export interface InterfaceRecord {
  position: number;
  ip: string | null;
  mac: string | null;
  hostname: string | null;
  segment_key: string | null;
}

/** An area or segment of a site: what machines and interfaces refer to. */
export interface SiteKeyRecord {
  id: string;
  key: string;
}

function machinesWithSite(db: Kysely<Database>) {
  return db
    .selectFrom('machines')
    .innerJoin('sites', 'sites.id', 'machines.site_id')
    .leftJoin('areas', 'areas.id', 'machines.area_id')
    .leftJoin('users', 'users.id', 'machines.responsible_admin_id')
    .selectAll('machines')
    .select(['sites.key as site_key', 'areas.key as area_key', 'users.username as responsible_admin_username']);
}

/** One machine by its plant key (case-insensitive), or undefined. */
export async function findMachineByKey(db: Kysely<Database>, machineId: string): Promise<MachineWithSite | undefined> {
  return machinesWithSite(db).where('machines.machine_id_norm', '=', normaliseKey(machineId)).executeTakeFirst();
}

/** One machine by database id, or undefined. */
export async function findMachineById(db: Kysely<Database>, id: string): Promise<MachineWithSite | undefined> {
  return machinesWithSite(db).where('machines.id', '=', id).executeTakeFirst();
}

/** The id and key of a site by key (case-insensitive), or undefined. */
export async function findSiteRef(db: Kysely<Database>, key: string): Promise<SiteKeyRecord | undefined> {
  return db.selectFrom('sites').select(['id', 'key']).where('key_norm', '=', normaliseKey(key)).executeTakeFirst();
}

/** An area of the site by key (case-insensitive), or undefined. */
export async function findAreaInSite(db: Kysely<Database>, siteId: string, key: string): Promise<SiteKeyRecord | undefined> {
  return db.selectFrom('areas').select(['id', 'key']).where('site_id', '=', siteId).where('key_norm', '=', normaliseKey(key)).executeTakeFirst();
}

/** The segments of the site whose normalised keys are among `keys`. */
export async function findSegmentsInSite(db: Kysely<Database>, siteId: string, keys: string[]): Promise<(SiteKeyRecord & { key_norm: string })[]> {
  const norms = [...new Set(keys.map(normaliseKey))];
  if (norms.length === 0) return [];
  return db.selectFrom('segments').select(['id', 'key', 'key_norm']).where('site_id', '=', siteId).where('key_norm', 'in', norms).execute();
}

/** True when the machine is decommissioned, read inside the caller's write transaction. */
export async function isDecommissioned(trx: Kysely<Database>, id: string): Promise<boolean> {
  const row = await trx.selectFrom('machines').select('decommissioned_at').where('id', '=', id).executeTakeFirst();
  return row?.decommissioned_at != null;
}

/** A machine as a body reference resolves to it. */
export interface MachineRef {
  id: string;
  machine_id: string;
  machine_id_norm: string;
  site_id: string;
}

/** The machines whose public keys (compared normalised) are among `keys`, wherever they are. */
export async function findMachinesByKeys(db: Kysely<Database>, keys: readonly string[]): Promise<MachineRef[]> {
  const norms = [...new Set(keys.map(normaliseKey))];
  if (norms.length === 0) return [];
  return db.selectFrom('machines').select(['id', 'machine_id', 'machine_id_norm', 'site_id']).where('machine_id_norm', 'in', norms).execute();
}

/** Inserts a machine row. */
export async function insertMachineRow(trx: Kysely<Database>, row: Insertable<MachinesTable>): Promise<void> {
  await trx.insertInto('machines').values(row).execute();
}

/**
 * Applies `changes`, bumps the version and updated_at, atomically checked against
 * `expectedVersion` (null skips the check). False when nothing matched.
 */
export async function updateMachineVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<MachinesTable>,
  now: string,
): Promise<boolean> {
  let query = trx
    .updateTable('machines')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The interfaces of a machine in position order, with segment keys. */
export async function listInterfaces(db: Kysely<Database>, machineId: string): Promise<InterfaceRecord[]> {
  return db
    .selectFrom('machine_interfaces')
    .leftJoin('segments', 'segments.id', 'machine_interfaces.segment_id')
    .select(['machine_interfaces.position', 'machine_interfaces.ip', 'machine_interfaces.mac', 'machine_interfaces.hostname', 'segments.key as segment_key'])
    .where('machine_interfaces.machine_id', '=', machineId)
    .orderBy('machine_interfaces.position')
    .execute();
}

/** True when an interface of the machine refers to a segment outside `siteId`. */
export async function hasSegmentsOutside(db: Kysely<Database>, machineId: string, siteId: string): Promise<boolean> {
  const row = await db
    .selectFrom('machine_interfaces')
    .innerJoin('segments', 'segments.id', 'machine_interfaces.segment_id')
    .select('machine_interfaces.id')
    .where('machine_interfaces.machine_id', '=', machineId)
    .where('segments.site_id', '!=', siteId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Replaces the interfaces of a machine by `rows` (positions from 0). */
export async function replaceInterfaceRows(trx: Kysely<Database>, machineId: string, rows: Insertable<MachineInterfacesTable>[]): Promise<void> {
  await trx.deleteFrom('machine_interfaces').where('machine_id', '=', machineId).execute();
  if (rows.length > 0) await trx.insertInto('machine_interfaces').values(rows).execute();
}

/**
 * Text as the machines list compares it: NFKC, lower case, ß as ss, trimmed. SQLite folds only
 * ASCII case, so folded copies are stored and the query is folded the same way.
 */
export function foldSearchText(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').trim();
}

/** The folded search text of a machine: machine_id, name, and its components' names and vendors. */
export function machineSearchText(machine: { machine_id: string; name: string }, components: readonly { name: string; vendor: string | null }[]): string {
  const parts = [machine.machine_id, machine.name, ...components.flatMap((component) => [component.name, component.vendor ?? ''])];
  // One field per line, so a search term never matches across two fields.
  return parts.map(foldSearchText).filter((part) => part !== '').join('\n');
}

/**
 * Recomputes the machine's list columns (name_norm, vendor_norm) and its search text from the
 * stored machine and its components not removed. Call it inside every write transaction that
 * creates a machine, changes its machine_id, name or vendor, or adds, changes or removes a component.
 * `machineId` is the database id. Does not bump the machine's version.
 */
export async function refreshMachineSearchText(trx: Kysely<Database>, machineId: string): Promise<void> {
  const machine = await trx.selectFrom('machines').select(['machine_id', 'name', 'vendor']).where('id', '=', machineId).executeTakeFirst();
  if (!machine) return;
  const components = await trx.selectFrom('components').select(['name', 'vendor']).where('machine_id', '=', machineId).where('removed_at', 'is', null).execute();
  await trx.updateTable('machines').set({ name_norm: foldSearchText(machine.name), vendor_norm: foldSearchText(machine.vendor ?? '') }).where('id', '=', machineId).execute();
  await trx.deleteFrom('machine_search').where('machine_id', '=', machineId).execute();
  await trx.insertInto('machine_search').values({ machine_id: machineId, search_text: machineSearchText(machine, components) }).execute();
}

/**
 * Null or blank. Every write stores a blank vendor or version as null (`optionalLine`, the inventory
 * import), so SQL's trim judges stored text as `matchingDataGaps` does.
 */
function blankText(column: string): RawBuilder<SqlBool> {
  const text = sql.ref(column);
  return sql<SqlBool>`(${text} IS NULL OR trim(${text}) = '')`;
}

/**
 * The machines whose matching data is incomplete, as `machineMatchingDataGaps` judges one machine:
 * in operation, and no component in use, or a component in use without vendor or without version
 * (null or blank). On the `machines` table; the same condition on both dialects.
 */
export function matchingIncompleteCondition(eb: ExpressionBuilder<Database, 'machines'>): Expression<SqlBool> {
  // Put the other way round: not among the machines whose components in use are all complete. The
  // subquery does not refer to the machine, so both databases compute it once (on PostgreSQL a
  // hashed subplan), where EXISTS under OR would be run again for every machine.
  const complete = eb
    .selectFrom('components as in_use')
    .select('in_use.machine_id')
    .where('in_use.removed_at', 'is', null)
    .groupBy('in_use.machine_id')
    .having(sql<number>`max(CASE WHEN ${blankText('in_use.vendor')} OR ${blankText('in_use.component_version')} THEN 1 ELSE 0 END)`, '=', 0);
  return eb.and([eb('machines.decommissioned_at', 'is', null), eb('machines.id', 'not in', complete)]);
}

/** Sort keys of the machines list. */
export type MachineSortKey = 'machine_id' | 'name' | 'site' | 'criticality' | 'updated_at';

/** Where the previous page ended: its last row's sort value and folded machine_id. */
export interface MachineKeyset {
  value: string | number;
  machineIdNorm: string;
}

/** One page request of the machines list, already folded and validated. */
export interface MachinePageQuery {
  limit: number;
  sort: MachineSortKey;
  descending: boolean;
  after: MachineKeyset | null;
  /** Site key (normalised with normaliseKey). */
  siteKeyNorm?: string | undefined;
  /** Segment key (normalised with normaliseKey); matches a segment of that key in any site. */
  segmentKeyNorm?: string | undefined;
  /** Machine builder, folded. */
  vendorNorm?: string | undefined;
  criticality?: 'low' | 'medium' | 'high' | undefined;
  networkState?: 'connected' | 'isolated' | undefined;
  updatable?: boolean | undefined;
  /** True: only machines whose matching data is incomplete; false: only the others. */
  matchingIncomplete?: boolean | undefined;
  /** Folded search terms; every one must occur in the machine's search text. */
  terms: string[];
}

/** A listed machine with its sort value (for the next cursor). */
export type MachinePageRow = MachineWithSite & { sort_value: string | number };

type ListEb = ExpressionBuilder<Database, 'machines' | 'sites'>;

const criticalityRank = sql<number>`(CASE machines.criticality WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 0 END)`;

function sortExpression(sort: MachineSortKey): Expression<string | number> {
  switch (sort) {
    case 'machine_id': return sql.ref<string>('machines.machine_id_norm');
    case 'name': return sql.ref<string>('machines.name_norm');
    case 'site': return sql.ref<string>('sites.key_norm');
    case 'criticality': return criticalityRank;
    case 'updated_at': return sql.ref<string>('machines.updated_at');
  }
}

/** `%term%` for LIKE, with the pattern characters escaped by a backslash. */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function pageConditions(eb: ListEb, filter: ScopeFilter, query: MachinePageQuery): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (!filter.all) {
    const { siteIds, machineIds } = filter;
    conditions.push(
      eb.or([
        ...(siteIds.length > 0 ? [eb('machines.site_id', 'in', siteIds)] : []),
        ...(machineIds.length > 0 ? [eb('machines.id', 'in', machineIds)] : []),
      ]),
    );
  }
  if (query.siteKeyNorm !== undefined) {
    conditions.push(eb('machines.site_id', 'in', eb.selectFrom('sites as s').select('s.id').where('s.key_norm', '=', query.siteKeyNorm)));
  }
  if (query.segmentKeyNorm !== undefined) {
    const inSegment = eb
      .selectFrom('machine_interfaces as mi')
      .innerJoin('segments as sg', 'sg.id', 'mi.segment_id')
      .select('mi.machine_id')
      .where('sg.key_norm', '=', query.segmentKeyNorm);
    conditions.push(eb('machines.id', 'in', inSegment));
  }
  if (query.vendorNorm !== undefined) conditions.push(eb('machines.vendor_norm', '=', query.vendorNorm));
  if (query.criticality !== undefined) conditions.push(eb('machines.criticality', '=', query.criticality));
  if (query.networkState !== undefined) conditions.push(eb('machines.network_state', '=', query.networkState));
  if (query.updatable !== undefined) conditions.push(eb('machines.updatable', '=', query.updatable ? 1 : 0));
  if (query.matchingIncomplete !== undefined) conditions.push(query.matchingIncomplete ? matchingIncompleteCondition(eb) : eb.not(matchingIncompleteCondition(eb)));
  if (query.terms.length > 0) {
    let matching = eb.selectFrom('machine_search as ms').select('ms.machine_id');
    for (const term of query.terms) matching = matching.where(sql<SqlBool>`ms.search_text LIKE ${containsPattern(term)} ESCAPE '\\'`);
    conditions.push(eb('machines.id', 'in', matching));
  }
  return conditions;
}

/**
 * One page of the machines inside `filter` that match the query, in keyset order (sort value, then
 * folded machine_id), plus the total number of matches. Returns up to `limit + 1` rows: one more
 * than asked tells the caller that another page follows.
 */
export async function listMachinePage(db: Kysely<Database>, filter: ScopeFilter, query: MachinePageQuery): Promise<{ rows: MachinePageRow[]; total: number }> {
  if (!filter.all && filter.siteIds.length === 0 && filter.machineIds.length === 0) return { rows: [], total: 0 };
  const base = db.selectFrom('machines').innerJoin('sites', 'sites.id', 'machines.site_id');
  const totalRow = await base
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(pageConditions(eb, filter, query)))
    .executeTakeFirstOrThrow();
  const sortValue = sortExpression(query.sort);
  const direction = query.descending ? 'desc' : 'asc';
  const after = query.after;
  const rows = await base
    .where((eb) => {
      const conditions = pageConditions(eb, filter, query);
      if (after) {
        const beyond = query.descending ? '<' : '>';
        conditions.push(
          eb.or([
            eb(sortValue, beyond, after.value),
            eb.and([eb(sortValue, '=', after.value), eb('machines.machine_id_norm', beyond, after.machineIdNorm)]),
          ]),
        );
      }
      return eb.and(conditions);
    })
    .leftJoin('areas', 'areas.id', 'machines.area_id')
    .leftJoin('users', 'users.id', 'machines.responsible_admin_id')
    .selectAll('machines')
    .select(['sites.key as site_key', 'areas.key as area_key', 'users.username as responsible_admin_username'])
    .select(sql<string | number>`${sortValue}`.as('sort_value'))
    .orderBy(sortValue, direction)
    .orderBy('machines.machine_id_norm', direction)
    .limit(query.limit + 1)
    .execute();
  return { rows, total: Number(totalRow.total) };
}
