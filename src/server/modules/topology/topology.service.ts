import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { Actor } from '../../policies/actor.ts';
import { scopeFilter } from '../../policies/policies.ts';
import { loadSiteFor } from '../sites/sites.service.ts';
import { layoutTopology, type TopologyLayout } from './topology-layout.ts';
import type { TopologyConduit, TopologyEnd, TopologyLanguage, TopologyMachine, TopologyModel, TopologySite } from './topology-model.ts';
import { touchesInternet } from './topology-model.ts';
import { renderTopologySvg } from './topology-svg.ts';
import { listTopologySites, loadTopologyRows, type TopologyRows, type TopologySegmentRow, type TopologySiteRow } from './topology.repository.ts';
import type { TopologyEndView, TopologyMachineView, TopologyView } from './topology.schema.ts';

// The topology drawing of one site or of every site in the caller's scope (policy `topology.read`).
//
// Scope: a site-scoped or all-sites grant sees whole sites. Machine-scoped grants (vendors) see no
// topology at all — as with segments, a grant on a machine does not reveal the site's network: the
// drawing of a site they only hold machine grants in is NOT_FOUND, the drawing of all sites is empty.
//
// Placement of machines: a machine sits in the segment of its first interface (by position) that
// has a segment in the machine's own site; its further segments are noted in its box. Machines
// without such an interface are drawn in the site's "no segment" box.
//
// Conduits: every conduit with an end in a drawn site is drawn. An end in another site the caller
// may see is drawn as that segment ("SITE / KEY"); an end in a site outside the caller's scope is
// drawn anonymously ("other site, outside your scope") — the flow concerns the caller's own
// segment, the other site's names stay hidden.

/** Input of the topology use cases. */
export interface TopologyInput {
  /** One site's key; all sites in scope when absent. */
  siteKey?: string | undefined;
  lang: TopologyLanguage;
}

/** A drawing ready to send. */
export interface TopologyDrawing {
  siteKey: string | null;
  model: TopologyModel;
  layout: TopologyLayout;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function endSortKey(end: TopologyEnd): string {
  if (end.kind === 'internet') return '0';
  if (end.kind === 'hidden') return '2';
  return `1${normaliseKey(end.siteKey)}\u0000${normaliseKey(end.segmentKey)}`;
}

/** Builds the plain model from the rows; `visibleSite` says which other sites the caller may see. */
export function buildTopologyModel(sites: readonly TopologySiteRow[], rows: TopologyRows, visibleSite: (siteId: string) => boolean): TopologyModel {
  const segmentsById = new Map<string, TopologySegmentRow>([...rows.segments, ...rows.foreignSegments].map((segment) => [segment.id, segment]));
  const drawnSites: TopologySite[] = sites.map((site) => ({ id: site.id, key: site.key, name: site.name, segments: [], unassigned: [] }));
  const siteById = new Map(drawnSites.map((site) => [site.id, site]));
  const segmentModels = new Map<string, TopologySite['segments'][number]>();
  for (const segment of rows.segments) {
    const model = { id: segment.id, key: segment.key, name: segment.name, zoneType: segment.zone_type, cidr: segment.cidr, vlan: segment.vlan, brokers: [], machines: [] };
    segmentModels.set(segment.id, model);
    siteById.get(segment.site_id)?.segments.push(model);
  }
  for (const broker of rows.brokers) segmentModels.get(broker.segment_id)?.brokers.push({ name: broker.name, kind: broker.kind });

  const interfacesByMachine = new Map<string, string[]>();
  for (const entry of rows.interfaces) interfacesByMachine.set(entry.machine_id, [...(interfacesByMachine.get(entry.machine_id) ?? []), entry.segment_id]);
  for (const machine of rows.machines) {
    const site = siteById.get(machine.site_id);
    if (!site) continue;
    const segmentIds = [...new Set(interfacesByMachine.get(machine.id) ?? [])];
    const home = segmentIds.find((id) => segmentsById.get(id)?.site_id === machine.site_id);
    const otherSegments = segmentIds
      .filter((id) => id !== home)
      .map((id) => segmentsById.get(id))
      .filter((segment): segment is TopologySegmentRow => segment !== undefined && (segment.site_id === machine.site_id || visibleSite(segment.site_id)))
      .map((segment) => (segment.site_id === machine.site_id ? segment.key : `${segment.site_key} / ${segment.key}`));
    const drawn: TopologyMachine = { machineId: machine.machine_id, name: machine.name, isolated: machine.network_state === 'isolated', otherSegments };
    if (home === undefined) site.unassigned.push(drawn);
    else segmentModels.get(home)!.machines.push(drawn);
  }

  const end = (segmentId: string | null): TopologyEnd => {
    if (segmentId === null) return { kind: 'internet' };
    const segment = segmentsById.get(segmentId);
    if (!segment || !(siteById.has(segment.site_id) || visibleSite(segment.site_id))) return { kind: 'hidden' };
    return { kind: 'segment', segmentId: segment.id, segmentKey: segment.key, siteKey: segment.site_key };
  };
  const conduits: TopologyConduit[] = rows.conduits.map((conduit) => ({
    id: conduit.id,
    from: end(conduit.from_segment_id),
    to: end(conduit.to_segment_id),
    protocol: conduit.protocol,
    ports: conduit.ports,
    service: conduit.service,
    purpose: conduit.purpose,
    remoteAccess: conduit.remote_access === 1,
  }));
  conduits.sort((a, b) => compare(endSortKey(a.from), endSortKey(b.from)) || compare(endSortKey(a.to), endSortKey(b.to)) || compare(a.protocol, b.protocol) || compare(a.ports ?? '', b.ports ?? '') || compare(a.id, b.id));
  return { sites: drawnSites, conduits };
}

/** Loads and lays out the drawing the actor may see; NOT_FOUND for a missing or out-of-scope site. */
export async function topologyDrawing(ctx: AppContext, actor: Actor, input: TopologyInput): Promise<TopologyDrawing> {
  const filter = scopeFilter(actor, 'topology.read');
  let sites: TopologySiteRow[];
  if (input.siteKey !== undefined) {
    const { site } = await loadSiteFor(ctx, actor, input.siteKey, 'topology.read');
    sites = [{ id: site.id, key: site.key, name: site.name }];
  } else {
    sites = await listTopologySites(ctx.db, filter);
  }
  const rows = await loadTopologyRows(ctx.db, sites.map((site) => site.id));
  const model = buildTopologyModel(sites, rows, (siteId) => filter.all || filter.siteIds.includes(siteId));
  const siteKey = input.siteKey === undefined ? null : sites[0]!.key;
  return { siteKey, model, layout: layoutTopology(model, { lang: input.lang, siteKey }) };
}

/** The drawing as a standalone SVG document and its download name (`topologie-<site>.svg`). */
export async function topologySvg(ctx: AppContext, actor: Actor, input: TopologyInput): Promise<{ svg: string; fileName: string }> {
  const drawing = await topologyDrawing(ctx, actor, input);
  const stem = input.lang === 'en' ? 'topology' : 'topologie';
  const qualifier = drawing.siteKey ?? (input.lang === 'en' ? 'all' : 'alle');
  return { svg: renderTopologySvg(drawing.layout), fileName: `${stem}-${qualifier}.svg` };
}

function endView(end: TopologyEnd): TopologyEndView {
  if (end.kind === 'segment') return { kind: 'segment', segment_id: end.segmentId, segment_key: end.segmentKey, site_key: end.siteKey };
  return { kind: end.kind };
}

function machineView(machine: TopologyMachine): TopologyMachineView {
  return { machine_id: machine.machineId, name: machine.name, network_state: machine.isolated ? 'isolated' : 'connected', other_segments: machine.otherSegments };
}

/** The drawing as data (format=json): model, numbered conduits, box positions and arrow paths. */
export async function topologyJson(ctx: AppContext, actor: Actor, input: TopologyInput): Promise<TopologyView> {
  const { siteKey, model, layout } = await topologyDrawing(ctx, actor, input);
  const numbers = new Map(layout.arrows.map((arrow) => [arrow.conduitId, arrow.number]));
  return {
    site_key: siteKey,
    lang: layout.lang,
    title: layout.title,
    description: layout.description,
    width: layout.width,
    height: layout.height,
    sites: model.sites.map((site) => ({
      key: site.key,
      name: site.name,
      segments: site.segments.map((segment) => ({
        id: segment.id, key: segment.key, name: segment.name, zone_type: segment.zoneType, cidr: segment.cidr, vlan: segment.vlan,
        brokers: segment.brokers, machines: segment.machines.map(machineView),
      })),
      unassigned_machines: site.unassigned.map(machineView),
    })),
    conduits: model.conduits
      .filter((conduit) => numbers.has(conduit.id))
      .map((conduit) => ({
        id: conduit.id, number: numbers.get(conduit.id)!, from: endView(conduit.from), to: endView(conduit.to), protocol: conduit.protocol, ports: conduit.ports,
        service: conduit.service, purpose: conduit.purpose, remote_access: conduit.remoteAccess, internet: touchesInternet(conduit),
      })),
    boxes: layout.boxes
      .filter((box) => box.kind !== 'heading' && box.kind !== 'swatch')
      .map((box) => ({
        element_id: box.elementId, kind: box.kind, parent_id: box.parentId, x: box.x, y: box.y, width: box.width, height: box.height,
        ...(box.siteKey !== undefined ? { site_key: box.siteKey } : {}),
        ...(box.segmentId !== undefined ? { segment_id: box.segmentId } : {}),
        ...(box.machineId !== undefined ? { machine_id: box.machineId } : {}),
      })),
    arrows: layout.arrows.map((arrow) => ({ element_id: arrow.elementId, conduit_id: arrow.conduitId, number: arrow.number, points: arrow.points.map((point): [number, number] => [point.x, point.y]) })),
  };
}
