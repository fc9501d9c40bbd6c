import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, ZoneType } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

/** An interface address of an active machine, with the machine, the segment and the entry's site. */
export interface InterfaceAddressRecord {
  interface_id: string;
  ip: string;
  hostname: string | null;
  mac: string | null;
  machine_id: string;
  machine_name: string;
  /** The segment's site, or the machine's when the interface names no segment. */
  site_id: string;
  site_key: string;
  segment_id: string | null;
  segment_key: string | null;
  segment_name: string | null;
  zone_type: ZoneType | null;
  cidr: string | null;
}

/** An active machine without any interface in a segment. */
export interface MachineWithoutSegmentRecord {
  machine_id: string;
  name: string;
  site_key: string;
}

/** The machines (aliased `m`) a machine.read filter that is not `all` lets through: in its sites or named. */
function machineScope(eb: ExpressionBuilder<Database & { m: Database['machines'] }, 'm'>, filter: Extract<ScopeFilter, { all: false }>) {
  const terms = [];
  if (filter.siteIds.length > 0) terms.push(eb('m.site_id', 'in', filter.siteIds));
  if (filter.machineIds.length > 0) terms.push(eb('m.id', 'in', filter.machineIds));
  return eb.or(terms);
}

const isEmpty = (filter: ScopeFilter): boolean => !filter.all && filter.siteIds.length === 0 && filter.machineIds.length === 0;

/**
 * The addresses of interfaces of active machines inside the machine.read filter; with `siteId`,
 * those whose entry site (the segment's, else the machine's) is that site. Unordered.
 */
export async function listInterfaceAddresses(db: Kysely<Database>, filter: ScopeFilter, siteId?: string): Promise<InterfaceAddressRecord[]> {
  if (isEmpty(filter)) return [];
  let query = db
    .selectFrom('machine_interfaces as mi')
    .innerJoin('machines as m', 'm.id', 'mi.machine_id')
    .leftJoin('segments as seg', 'seg.id', 'mi.segment_id')
    .innerJoin('sites as s', (join) => join.on((eb) => eb('s.id', '=', eb.fn.coalesce('seg.site_id', 'm.site_id'))))
    .select([
      'mi.id as interface_id', 'mi.ip', 'mi.hostname', 'mi.mac', 'm.machine_id', 'm.name as machine_name', 's.id as site_id', 's.key as site_key',
      'seg.id as segment_id', 'seg.key as segment_key', 'seg.name as segment_name', 'seg.zone_type', 'seg.cidr',
    ])
    .where('mi.ip', 'is not', null)
    .where('m.decommissioned_at', 'is', null);
  if (!filter.all) query = query.where((eb) => machineScope(eb, filter));
  if (siteId !== undefined) query = query.where('s.id', '=', siteId);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, ip: row.ip! }));
}

/** Active machines inside the filter (optionally of one site) with no interface in a segment, by site and machine id. */
export async function listMachinesWithoutSegment(db: Kysely<Database>, filter: ScopeFilter, siteId?: string): Promise<MachineWithoutSegmentRecord[]> {
  if (isEmpty(filter)) return [];
  let query = db
    .selectFrom('machines as m')
    .innerJoin('sites as s', 's.id', 'm.site_id')
    .select(['m.machine_id', 'm.name', 's.key as site_key'])
    .where('m.decommissioned_at', 'is', null)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('machine_interfaces as mi').select('mi.id').whereRef('mi.machine_id', '=', 'm.id').where('mi.segment_id', 'is not', null))),
    )
    .orderBy('s.key_norm')
    .orderBy('m.machine_id_norm');
  if (!filter.all) query = query.where((eb) => machineScope(eb, filter));
  if (siteId !== undefined) query = query.where('m.site_id', '=', siteId);
  return query.execute();
}
