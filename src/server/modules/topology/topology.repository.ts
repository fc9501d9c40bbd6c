import type { Kysely } from 'kysely';
import type { ConduitProtocol, Database, ZoneType } from '../../db/schema.ts';
import type { ScopeFilter } from '../../policies/policies.ts';

// Reads for the topology drawing, straight from the inventory tables (sites, segments, machines with
// their interfaces, brokers, conduits). Decommissioned machines are left out.

export interface TopologySiteRow {
  id: string;
  key: string;
  name: string;
}

export interface TopologySegmentRow {
  id: string;
  site_id: string;
  site_key: string;
  key: string;
  key_norm: string;
  name: string;
  zone_type: ZoneType;
  cidr: string | null;
  vlan: number | null;
}

export interface TopologyMachineRow {
  id: string;
  site_id: string;
  machine_id: string;
  name: string;
  network_state: 'connected' | 'isolated';
}

export interface TopologyInterfaceRow {
  machine_id: string;
  position: number;
  segment_id: string;
}

export interface TopologyBrokerRow {
  segment_id: string;
  name: string;
  kind: string;
}

export interface TopologyConduitRow {
  id: string;
  from_segment_id: string | null;
  to_segment_id: string | null;
  protocol: ConduitProtocol;
  ports: string | null;
  service: string | null;
  purpose: string;
  remote_access: number;
}

/** Everything drawn for a set of sites. */
export interface TopologyRows {
  segments: TopologySegmentRow[];
  machines: TopologyMachineRow[];
  interfaces: TopologyInterfaceRow[];
  brokers: TopologyBrokerRow[];
  conduits: TopologyConduitRow[];
  /** Segments of other sites that conduits or interfaces lead to. */
  foreignSegments: TopologySegmentRow[];
}

/** Sites inside the filter, by key. Machine-scoped grants do not reveal a site's network. */
export async function listTopologySites(db: Kysely<Database>, filter: ScopeFilter): Promise<TopologySiteRow[]> {
  let query = db.selectFrom('sites').select(['id', 'key', 'name']).orderBy('key_norm');
  if (!filter.all) {
    if (filter.siteIds.length === 0) return [];
    query = query.where('id', 'in', filter.siteIds);
  }
  return query.execute();
}

function selectSegments(db: Kysely<Database>) {
  return db
    .selectFrom('segments')
    .innerJoin('sites', 'sites.id', 'segments.site_id')
    .select(['segments.id', 'segments.site_id', 'sites.key as site_key', 'segments.key', 'segments.key_norm', 'segments.name', 'segments.zone_type', 'segments.cidr', 'segments.vlan']);
}

/** The segments, active machines, interfaces, brokers and touching conduits of these sites. */
export async function loadTopologyRows(db: Kysely<Database>, siteIds: readonly string[]): Promise<TopologyRows> {
  if (siteIds.length === 0) return { segments: [], machines: [], interfaces: [], brokers: [], conduits: [], foreignSegments: [] };
  const ids = [...siteIds];
  const segments = await selectSegments(db).where('segments.site_id', 'in', ids).orderBy('sites.key_norm').orderBy('segments.key_norm').execute();
  const machines = await db
    .selectFrom('machines')
    .select(['id', 'site_id', 'machine_id', 'name', 'network_state'])
    .where('site_id', 'in', ids)
    .where('decommissioned_at', 'is', null)
    .orderBy('machine_id_norm')
    .execute();
  const interfaces = await db
    .selectFrom('machine_interfaces')
    .innerJoin('machines', 'machines.id', 'machine_interfaces.machine_id')
    .select(['machine_interfaces.machine_id', 'machine_interfaces.position', 'machine_interfaces.segment_id'])
    .where('machines.site_id', 'in', ids)
    .where('machines.decommissioned_at', 'is', null)
    .where('machine_interfaces.segment_id', 'is not', null)
    .orderBy('machine_interfaces.machine_id')
    .orderBy('machine_interfaces.position')
    .execute();
  const segmentIds = segments.map((segment) => segment.id);
  const brokers =
    segmentIds.length === 0
      ? []
      : await db.selectFrom('brokers').innerJoin('segments', 'segments.id', 'brokers.segment_id').select(['brokers.segment_id', 'brokers.name', 'brokers.kind']).where('segments.site_id', 'in', ids).orderBy('brokers.name').orderBy('brokers.id').execute();
  const conduits =
    segmentIds.length === 0
      ? []
      : await db
          .selectFrom('conduits')
          .select(['id', 'from_segment_id', 'to_segment_id', 'protocol', 'ports', 'service', 'purpose', 'remote_access'])
          .where((eb) =>
            eb.or([
              eb('from_segment_id', 'in', eb.selectFrom('segments').select('id').where('site_id', 'in', ids)),
              eb('to_segment_id', 'in', eb.selectFrom('segments').select('id').where('site_id', 'in', ids)),
            ]),
          )
          .orderBy('id')
          .execute();
  const own = new Set(segmentIds);
  const foreignIds = [
    ...new Set([
      ...conduits.flatMap((conduit) => [conduit.from_segment_id, conduit.to_segment_id]),
      ...interfaces.map((entry) => entry.segment_id),
    ]),
  ].filter((id): id is string => id !== null && !own.has(id));
  const foreignSegments = foreignIds.length === 0 ? [] : await selectSegments(db).where('segments.id', 'in', foreignIds).execute();
  return { segments, machines, interfaces: interfaces.map((entry) => ({ ...entry, segment_id: entry.segment_id! })), brokers, conduits, foreignSegments };
}
