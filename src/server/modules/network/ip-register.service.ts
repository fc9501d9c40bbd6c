import type { AppContext } from '../../context.ts';
import type { Actor } from '../../policies/actor.ts';
import { scopeFilter } from '../../policies/policies.ts';
import { listSegments } from '../sites/segments.repository.ts';
import { loadSiteFor } from '../sites/sites.service.ts';
import { listBrokers } from './brokers.repository.ts';
import { hostAddress } from './host.ts';
import { countFlags, flagEntries, type RegisterEntryFacts } from './ip-register.ts';
import { listInterfaceAddresses, listMachinesWithoutSegment } from './ip-register.repository.ts';
import type { IpRegister, IpRegisterEntry } from './ip-register.schema.ts';

type Entry = Omit<IpRegisterEntry, 'flags'> & RegisterEntryFacts;

/**
 * The IP register: every address of active machines' interfaces (machine.read scope: vendors see
 * their machines' entries) and of brokers given by address (broker.read scope), sorted and flagged
 * (`duplicate` within a site, `outside_cidr` of its segment), with the active machines that have
 * no interface in a segment and the segments of unknown zone. With `siteKey`, of that site only
 * (NOT_FOUND when missing or out of scope). Flags are computed over what the actor may see.
 */
export async function readIpRegister(ctx: AppContext, actor: Actor, siteKey?: string): Promise<IpRegister> {
  const siteId = siteKey === undefined ? undefined : (await loadSiteFor(ctx, actor, siteKey, 'segment.read')).site.id;
  const machineFilter = scopeFilter(actor, 'machine.read');
  const [interfaces, brokers, withoutSegment, segments] = await Promise.all([
    listInterfaceAddresses(ctx.db, machineFilter, siteId),
    listBrokers(ctx.db, scopeFilter(actor, 'broker.read'), siteId),
    listMachinesWithoutSegment(ctx.db, machineFilter, siteId),
    listSegments(ctx.db, scopeFilter(actor, 'segment.read'), siteId),
  ]);

  const entries: Entry[] = interfaces.map((row) => ({
    ip: row.ip,
    source: 'interface',
    site_id: row.site_id,
    site_key: row.site_key,
    segment_id: row.segment_id,
    segment_key: row.segment_key,
    segment_name: row.segment_name,
    zone_type: row.zone_type,
    cidr: row.cidr,
    machine_id: row.machine_id,
    machine_name: row.machine_name,
    hostname: row.hostname,
    mac: row.mac,
    broker_id: null,
    broker_name: null,
    label: `machine ${row.machine_id} ${row.interface_id}`,
  }));
  for (const broker of brokers) {
    const ip = hostAddress(broker.host);
    if (ip === null) continue;
    entries.push({
      ip,
      source: 'broker',
      site_id: broker.site_id,
      site_key: broker.site_key,
      segment_id: broker.segment_id,
      segment_key: broker.segment_key,
      segment_name: broker.segment_name,
      zone_type: broker.zone_type,
      cidr: broker.cidr,
      machine_id: null,
      machine_name: null,
      hostname: null,
      mac: null,
      broker_id: broker.id,
      broker_name: broker.name,
      label: `broker ${broker.name} ${broker.id}`,
    });
  }

  const items = flagEntries(entries).map(({ label: _label, ...item }) => item);
  const unknownZone = segments
    .filter((segment) => segment.zone_type === 'unknown')
    .map((segment) => ({ segment_id: segment.id, segment_key: segment.key, segment_name: segment.name, site_key: segment.site_key }));
  return {
    items,
    machines_without_segment: withoutSegment,
    unknown_zone_segments: unknownZone,
    counts: { entries: items.length, ...countFlags(items), machines_without_segment: withoutSegment.length, unknown_zone_segments: unknownZone.length },
  };
}
