import type { ZoneType } from '../../db/schema.ts';
import type { Point, Rect } from './topology-geometry.ts';
import { touchesInternet, type TopologyConduit, type TopologyEnd, type TopologyLanguage, type TopologyMachine, type TopologyModel, type TopologySite } from './topology-model.ts';
import { lineHeight, textWidth, truncateText } from './topology-text.ts';

// A pure, deterministic layout of a topology model: the same model and options give the same
// boxes, labels and arrows, position for position. No I/O, no randomness, no clock.
//
// Picture (IEC 62443 zones and conduits): the internet on top; below it the sites as frames in a
// grid. Inside a frame, rows of zone boxes: segments of other sites that conduits lead to ("peers")
// first, then internet-type, remote-access and IT segments, then the OT-DMZ, then the OT cells, then
// unknown segments and the "no segment" box. Machines sit as small boxes in a grid inside their
// segment. Long rows wrap.
//
// Conduits are orthogonal polylines in free space only: between two rows of a frame runs a
// horizontal channel, left of the rows a vertical corridor, between the grid rows of frames a bus,
// left of all frames a global corridor. Every route owns one lane (a line of its own) in each
// channel, corridor and bus it uses, and leaves or enters boxes at their top or bottom edge at a
// port of its own. So lines never run through a box or along each other, and the numbered label of
// a conduit, placed on its own lane inside a channel, overlaps no box and no other label.

/** Kinds of boxes in the layout. */
export type BoxKind = 'heading' | 'note' | 'internet' | 'site' | 'segment' | 'peer' | 'unassigned' | 'machine' | 'legend' | 'swatch';

/** What a legend swatch shows. */
export type SwatchKind = ZoneType | 'unassigned' | 'peer' | 'isolated';

/** A positioned box; `parentId` names the box it lies in. */
export interface LayoutBox extends Rect {
  /** Unique element id in the drawing. */
  elementId: string;
  kind: BoxKind;
  parentId: string | null;
  /** The full description, shown as the element's tooltip. */
  title: string;
  siteKey?: string;
  /** Database id of a drawn segment. */
  segmentId?: string;
  segmentKey?: string;
  zoneType?: ZoneType;
  /** Public machine id of a machine box. */
  machineId?: string;
  isolated?: boolean;
  /** A peer: the other site's segment (database id) and site key; both absent when hidden. */
  peerSegmentId?: string;
  peerSiteKey?: string;
  swatch?: SwatchKind;
}

/** Emphasis of a text. */
export type LabelTone = 'normal' | 'muted' | 'alert';

/** A positioned line of text; its rectangle is the estimated extent of the text (plus padding for pills). */
export interface LayoutLabel extends Rect {
  /** The element id of the box or arrow the text belongs to. */
  ownerId: string;
  text: string;
  /** The untruncated text. */
  fullText: string;
  fontSize: number;
  bold: boolean;
  tone: LabelTone;
  /** A pill (rounded background) with this horizontal padding; 0 for plain text. */
  padX: number;
}

/** A conduit drawn as an arrow from its `from` end to its `to` end. */
export interface LayoutArrow {
  /** Unique element id (a conduit between two drawn sites is drawn in both frames). */
  elementId: string;
  conduitId: string;
  /** The conduit's number in the legend table, from 1. */
  number: number;
  /** The polyline, from the `from` end to the `to` end (where the arrowhead is). */
  points: Point[];
  /** Remote access or internet: a distinct colour and dashed. */
  alert: boolean;
  remoteAccess: boolean;
  internet: boolean;
  /** The site frame the arrow is drawn in. */
  siteKey: string;
  title: string;
  /** The numbered pill with protocol and ports. */
  badge: LayoutLabel;
}

/** A sample line of the legend. */
export interface LegendLine {
  points: Point[];
  alert: boolean;
}

/** The layout of a whole drawing. */
export interface TopologyLayout {
  width: number;
  height: number;
  lang: TopologyLanguage;
  /** The drawing's title and a one-sentence description (for `<title>` and `<desc>`). */
  title: string;
  description: string;
  /** Parents before their children. */
  boxes: LayoutBox[];
  labels: LayoutLabel[];
  arrows: LayoutArrow[];
  legendLines: LegendLine[];
}

/** Options of `layoutTopology`. */
export interface LayoutOptions {
  lang: TopologyLanguage;
  /** The site the drawing was asked for; null for all sites in scope. */
  siteKey: string | null;
}

// Sizes in px.
const MARGIN = 24;
const FRAME_PAD = 16;
const FRAME_GAP = 48;
const BOX_GAP = 28;
const CHANNEL_MIN = 28;
const LANE = 18;
const PORT_SPACING = 16;
const BOX_PAD = 10;
const MACHINE_GAP = 8;
const MACHINE_PAD = 6;
const MACHINE_MIN_WIDTH = 112;
const MACHINE_MAX_WIDTH = 176;
const MACHINE_MAX_COLUMNS = 8;
const SEGMENT_MIN_WIDTH = 190;
const SEGMENT_MIN_HEIGHT = 64;
const HEADER_MAX_WIDTH = 330;
const PEER_MIN_WIDTH = 150;
const ROW_MAX_WIDTH = 1800;
const PILL_FONT = 10;
const PILL_PAD = 5;
const PILL_HEIGHT = 14;
const PILL_MAX_TEXT = 150;
const INTERNET_FONT = 15;
const INTERNET_HEIGHT = 44;
const HEADING_FONT = 18;
const SITE_TITLE_FONT = 16;
const LEGEND_PAD = 14;
const LEGEND_ITEM_GAP = 22;
const LEGEND_MIN_WIDTH = 640;
const SWATCH_WIDTH = 26;
const SWATCH_HEIGHT = 14;
const TABLE_FONT = 10;
const TABLE_ROW = 15;
const TABLE_COLUMNS = [36, 200, 200, 84, 120, 130, 280, 140] as const;

interface Texts {
  heading: string;
  allSites: string;
  noSites: string;
  internet: string;
  isolated: string;
  also: string;
  noSegment: string;
  otherSite: string;
  hiddenSite: string;
  outOfScope: string;
  broker: string;
  legend: string;
  conduit: string;
  alertConduit: string;
  peer: string;
  isolatedMachine: string;
  any: string;
  remoteAccess: string;
  zones: Record<ZoneType, string>;
  table: readonly [string, string, string, string, string, string, string, string];
  description: (sites: number, segments: number, machines: number, conduits: number) => string;
}

const texts: Record<TopologyLanguage, Texts> = {
  de: {
    heading: 'Netzwerktopologie',
    allSites: 'alle Standorte',
    noSites: 'Kein Standort in Ihrem Bereich.',
    internet: 'Internet',
    isolated: 'isoliert',
    also: 'auch',
    noSegment: 'ohne Segment',
    otherSite: 'anderer Standort',
    hiddenSite: 'Anderer Standort',
    outOfScope: 'außerhalb Ihres Bereichs',
    broker: 'Broker',
    legend: 'Legende',
    conduit: 'Verbindung (erlaubter Datenfluss)',
    alertConduit: 'Fernzugriff oder Internet',
    peer: 'Segment eines anderen Standorts',
    isolatedMachine: 'Maschine isoliert',
    any: 'alle',
    remoteAccess: 'Fernzugriff',
    zones: { ot_cell: 'OT-Zelle', ot_dmz: 'OT-DMZ', it: 'IT', remote_access: 'Fernzugriff', internet: 'Internet', unknown: 'unbekannte Zone' },
    table: ['Nr.', 'Von', 'Nach', 'Protokoll', 'Ports', 'Dienst', 'Zweck', 'Art'],
    description: (sites, segments, machines, conduits) =>
      `${sites} ${sites === 1 ? 'Standort' : 'Standorte'}, ${segments} ${segments === 1 ? 'Segment' : 'Segmente'}, ${machines} ${machines === 1 ? 'Maschine' : 'Maschinen'}, ${conduits} ${conduits === 1 ? 'Verbindung' : 'Verbindungen'}.`,
  },
  en: {
    heading: 'Network topology',
    allSites: 'all sites',
    noSites: 'No site in your scope.',
    internet: 'Internet',
    isolated: 'isolated',
    also: 'also',
    noSegment: 'no segment',
    otherSite: 'other site',
    hiddenSite: 'Other site',
    outOfScope: 'outside your scope',
    broker: 'Broker',
    legend: 'Legend',
    conduit: 'Conduit (allowed flow)',
    alertConduit: 'Remote access or internet',
    peer: 'Segment of another site',
    isolatedMachine: 'Machine isolated',
    any: 'any',
    remoteAccess: 'Remote access',
    zones: { ot_cell: 'OT cell', ot_dmz: 'OT DMZ', it: 'IT', remote_access: 'Remote access', internet: 'Internet', unknown: 'unknown zone' },
    table: ['No.', 'From', 'To', 'Protocol', 'Ports', 'Service', 'Purpose', 'Kind'],
    description: (sites, segments, machines, conduits) =>
      `${sites} ${sites === 1 ? 'site' : 'sites'}, ${segments} ${segments === 1 ? 'segment' : 'segments'}, ${machines} ${machines === 1 ? 'machine' : 'machines'}, ${conduits} ${conduits === 1 ? 'conduit' : 'conduits'}.`,
  },
};

const protocolNames: Record<TopologyConduit['protocol'], string> = { tcp: 'TCP', udp: 'UDP', tcp_udp: 'TCP/UDP', icmp: 'ICMP', any: '' };

/** "TCP 443", "UDP 47808", "ICMP", "alle". */
export function protocolText(conduit: Pick<TopologyConduit, 'protocol' | 'ports'>, lang: TopologyLanguage): string {
  const name = protocolNames[conduit.protocol] || texts[lang].any;
  return conduit.ports ? `${name} ${conduit.ports}` : name;
}

/** The row tier of a zone: 1 internet/remote access/IT, 2 DMZ, 3 cells, 4 unknown (0 is peers). */
const zoneTier: Record<ZoneType, number> = { internet: 1, remote_access: 1, it: 1, ot_dmz: 2, ot_cell: 3, unknown: 4 };
const zoneOrder: Record<ZoneType, number> = { internet: 0, remote_access: 1, it: 2, ot_dmz: 3, ot_cell: 4, unknown: 5 };

// ---------------------------------------------------------------------------------------------
// Boxes with their content, built at the origin and moved into place later.

interface TextLine {
  text: string;
  fontSize: number;
  bold: boolean;
  tone: LabelTone;
}

/** A node of a frame's rows (segment, peer or "no segment" box) with content relative to its origin. */
interface FrameNode {
  box: LayoutBox;
  children: LayoutBox[];
  labels: LayoutLabel[];
  tier: number;
  /** Set by placement. */
  row: number;
}

const line = (text: string, fontSize: number, bold = false, tone: LabelTone = 'normal'): TextLine => ({ text, fontSize, bold, tone });

function linesWidth(lines: readonly TextLine[]): number {
  return Math.max(0, ...lines.map((entry) => textWidth(entry.text, entry.fontSize, entry.bold)));
}

function linesHeight(lines: readonly TextLine[]): number {
  return lines.reduce((sum, entry) => sum + lineHeight(entry.fontSize), 0);
}

/** Stacks text lines from (x, y), each truncated to `maxWidth`; returns the labels. */
function placeLines(lines: readonly TextLine[], ownerId: string, x: number, y: number, maxWidth: number): LayoutLabel[] {
  const labels: LayoutLabel[] = [];
  let top = y;
  for (const entry of lines) {
    const text = truncateText(entry.text, maxWidth, entry.fontSize, entry.bold);
    const height = lineHeight(entry.fontSize);
    if (text !== '') {
      labels.push({
        ownerId, text, fullText: entry.text, fontSize: entry.fontSize, bold: entry.bold, tone: entry.tone, padX: 0,
        x, y: top, width: Math.min(maxWidth, textWidth(text, entry.fontSize, entry.bold)), height,
      });
    }
    top += height;
  }
  return labels;
}

function machineLines(machine: TopologyMachine, t: Texts): TextLine[] {
  const lines = [line(machine.machineId, 11, true), line(machine.name, 10)];
  if (machine.isolated) lines.push(line(t.isolated, 10, true, 'alert'));
  if (machine.otherSegments.length > 0) lines.push(line(`${t.also}: ${machine.otherSegments.join(', ')}`, 10, false, 'muted'));
  return lines;
}

function machineTitle(machine: TopologyMachine, t: Texts): string {
  const parts = [`${machine.machineId} – ${machine.name}`];
  if (machine.isolated) parts.push(t.isolated);
  if (machine.otherSegments.length > 0) parts.push(`${t.also}: ${machine.otherSegments.join(', ')}`);
  return parts.join(' · ');
}

/** Columns of the machine grid: about 4:3 wide, at most 8. */
function gridColumns(count: number): number {
  if (count <= 3) return count;
  return Math.min(MACHINE_MAX_COLUMNS, Math.max(1, Math.ceil(Math.sqrt(count * 1.3))));
}

interface ZoneBoxInput {
  elementId: string;
  kind: 'segment' | 'unassigned';
  header: TextLine[];
  title: string;
  machines: TopologyMachine[];
  minWidth: number;
  data: Partial<LayoutBox>;
  siteIndex: number;
  machineCounter: { next: number };
  t: Texts;
}

/** A zone box (segment or "no segment"): header lines, then the machines in a grid. */
function zoneBox(input: ZoneBoxInput): FrameNode {
  const { t } = input;
  const headerWidth = Math.min(HEADER_MAX_WIDTH, linesWidth(input.header));
  const lineSets = input.machines.map((machine) => machineLines(machine, t));
  const machineWidth = Math.min(MACHINE_MAX_WIDTH, Math.max(MACHINE_MIN_WIDTH, ...lineSets.map((lines) => linesWidth(lines) + 2 * MACHINE_PAD)));
  const machineHeight = Math.max(0, ...lineSets.map(linesHeight)) + 2 * MACHINE_PAD;
  const columns = gridColumns(input.machines.length);
  const rows = columns === 0 ? 0 : Math.ceil(input.machines.length / columns);
  const gridWidth = columns * machineWidth + Math.max(0, columns - 1) * MACHINE_GAP;
  const gridHeight = rows * machineHeight + Math.max(0, rows - 1) * MACHINE_GAP;
  const headerHeight = linesHeight(input.header);
  const width = Math.ceil(Math.max(SEGMENT_MIN_WIDTH, input.minWidth, headerWidth + 2 * BOX_PAD, gridWidth + 2 * BOX_PAD));
  const height = Math.ceil(Math.max(SEGMENT_MIN_HEIGHT, BOX_PAD + headerHeight + (rows > 0 ? MACHINE_GAP + gridHeight : 0) + BOX_PAD));
  const box: LayoutBox = { ...input.data, elementId: input.elementId, kind: input.kind, parentId: null, title: input.title, x: 0, y: 0, width, height };
  const labels = placeLines(input.header, input.elementId, BOX_PAD, BOX_PAD, width - 2 * BOX_PAD);
  const children: LayoutBox[] = [];
  const gridTop = BOX_PAD + headerHeight + MACHINE_GAP;
  input.machines.forEach((machine, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const elementId = `machine-${input.siteIndex}-${input.machineCounter.next++}`;
    const x = BOX_PAD + column * (machineWidth + MACHINE_GAP);
    const y = gridTop + row * (machineHeight + MACHINE_GAP);
    children.push({
      elementId, kind: 'machine', parentId: input.elementId, title: machineTitle(machine, t), x, y, width: machineWidth, height: machineHeight,
      machineId: machine.machineId, isolated: machine.isolated, siteKey: input.data.siteKey!,
    });
    labels.push(...placeLines(lineSets[index]!, elementId, x + MACHINE_PAD, y + MACHINE_PAD, machineWidth - 2 * MACHINE_PAD));
  });
  return { box, children, labels, tier: 0, row: 0 };
}

function peerNode(elementId: string, lines: TextLine[], title: string, minWidth: number, data: Partial<LayoutBox>): FrameNode {
  const width = Math.ceil(Math.max(PEER_MIN_WIDTH, minWidth, Math.min(HEADER_MAX_WIDTH, linesWidth(lines)) + 2 * BOX_PAD));
  const height = Math.ceil(linesHeight(lines) + 2 * BOX_PAD);
  const box: LayoutBox = { ...data, elementId, kind: 'peer', parentId: null, title, x: 0, y: 0, width, height };
  return { box, children: [], labels: placeLines(lines, elementId, BOX_PAD, BOX_PAD, width - 2 * BOX_PAD), tier: 0, row: 0 };
}

function moveNode(node: FrameNode, dx: number, dy: number, parentId: string): void {
  node.box.x += dx;
  node.box.y += dy;
  node.box.parentId = parentId;
  for (const child of node.children) {
    child.x += dx;
    child.y += dy;
  }
  for (const label of node.labels) {
    label.x += dx;
    label.y += dy;
  }
}

// ---------------------------------------------------------------------------------------------
// Frames (sites) and the routes inside them.

/** Where a conduit end is in one frame: the internet, or a node of the frame. */
type FrameEnd = { kind: 'internet' } | { kind: 'node'; node: FrameNode };

/** One conduit drawn in one frame. */
interface Drawing {
  conduit: TopologyConduit;
  number: number;
  elementId: string;
  from: FrameEnd;
  to: FrameEnd;
  plan: RoutePlan;
  /** Ports: x positions on box edges, filled when placed. */
  ports: Map<string, number>;
  lanes: Map<string, number>;
  points: Point[];
  /** The channel whose lane carries the badge, and the horizontal run there. */
  badgeChannel: number;
  badgeRun: [number, number];
}

/** How a route runs inside its frame (rows are indices into the frame's rows). */
type RoutePlan =
  | { kind: 'same'; a: FrameNode; b: FrameNode; channel: number }
  | { kind: 'adjacent'; upper: FrameNode; lower: FrameNode; channel: number }
  | { kind: 'long'; upper: FrameNode; lower: FrameNode; upperChannel: number; lowerChannel: number }
  | { kind: 'internet'; node: FrameNode; channel: number };

interface Frame {
  index: number;
  site: TopologySite;
  box: LayoutBox;
  nodes: FrameNode[];
  rows: FrameNode[][];
  drawings: Drawing[];
  titleLines: TextLine[];
  /** Lanes per channel (channel r is above row r; the last is below the last row). */
  channelLanes: number[];
  corridorLanes: number;
  gridRow: number;
  /** Relative geometry, set by `measureFrame`. */
  channelTop: number[];
  channelHeight: number[];
  rowTop: number[];
  rowsLeft: number;
}

/** Edge attachments waiting for port positions: per box edge, the drawings in order. */
type EdgeKey = `${string}|top` | `${string}|bottom`;

interface Allocator {
  lanes: Map<string, number>;
  take: (resource: string) => number;
}

function allocator(): Allocator {
  const lanes = new Map<string, number>();
  return {
    lanes,
    take(resource: string): number {
      const lane = lanes.get(resource) ?? 0;
      lanes.set(resource, lane + 1);
      return lane;
    },
  };
}

function endLabel(end: TopologyEnd, t: Texts, multiSite: boolean, drawnSiteKeys: ReadonlySet<string>): string {
  if (end.kind === 'internet') return t.internet;
  if (end.kind === 'hidden') return `${t.hiddenSite} (${t.outOfScope})`;
  return multiSite || !drawnSiteKeys.has(end.siteKey) ? `${end.siteKey} / ${end.segmentKey}` : end.segmentKey;
}

function conduitKind(conduit: TopologyConduit, t: Texts): string {
  const kinds: string[] = [];
  if (conduit.remoteAccess) kinds.push(t.remoteAccess);
  if (touchesInternet(conduit)) kinds.push(t.internet);
  return kinds.join(', ');
}

function segmentHeader(segment: TopologySite['segments'][number], t: Texts): TextLine[] {
  const meta = [t.zones[segment.zoneType], segment.cidr, segment.vlan === null ? null : `VLAN ${segment.vlan}`].filter((part): part is string => part !== null);
  const lines = [line(segment.key, 12, true), line(segment.name, 11), line(meta.join(' · '), 10, false, 'muted')];
  if (segment.brokers.length > 0) {
    lines.push(line(`${t.broker}: ${segment.brokers.map((broker) => `${broker.name} (${broker.kind})`).join(', ')}`, 10, false, 'muted'));
  }
  return lines;
}

function segmentTitle(segment: TopologySite['segments'][number], t: Texts): string {
  const [key, name, ...rest] = segmentHeader(segment, t).map((entry) => entry.text);
  return [`${key} – ${name}`, ...rest].join(' · ');
}

/** Builds the nodes and drawings of one site's frame (sizes known, positions not yet). */
function buildFrame(site: TopologySite, index: number, model: TopologyModel, numbers: Map<string, number>, drawnCount: Map<string, number>, t: Texts): Frame {
  const frameId = `site-${index}`;
  const ownSegments = new Map(site.segments.map((segment) => [segment.id, segment]));
  // Ends of conduits in this frame: own segments, peers (other sites' segments) and the hidden peer.
  interface PendingEnd {
    kind: 'internet' | 'own' | 'peer';
    key: string;
  }
  const peers = new Map<string, { lines: TextLine[]; title: string; data: Partial<LayoutBox> }>();
  const pending: { conduit: TopologyConduit; from: PendingEnd; to: PendingEnd }[] = [];
  const resolve = (end: TopologyEnd): PendingEnd => {
    if (end.kind === 'internet') return { kind: 'internet', key: 'internet' };
    if (end.kind === 'segment' && ownSegments.has(end.segmentId)) return { kind: 'own', key: `segment-${end.segmentId}` };
    const peerKey = end.kind === 'segment' ? `peer:${end.segmentId}` : 'peer:hidden';
    if (!peers.has(peerKey)) {
      peers.set(
        peerKey,
        end.kind === 'segment'
          ? {
              lines: [line(`${end.siteKey} / ${end.segmentKey}`, 11, true), line(t.otherSite, 10, false, 'muted')],
              title: `${end.siteKey} / ${end.segmentKey} (${t.otherSite})`,
              data: { peerSegmentId: end.segmentId, peerSiteKey: end.siteKey, siteKey: site.key },
            }
          : { lines: [line(t.hiddenSite, 11, true), line(t.outOfScope, 10, false, 'muted')], title: `${t.hiddenSite} (${t.outOfScope})`, data: { siteKey: site.key } },
      );
    }
    return { kind: 'peer', key: peerKey };
  };
  for (const conduit of model.conduits) {
    const inFrame = (end: TopologyEnd) => end.kind === 'segment' && ownSegments.has(end.segmentId);
    if (!inFrame(conduit.from) && !inFrame(conduit.to)) continue;
    pending.push({ conduit, from: resolve(conduit.from), to: resolve(conduit.to) });
  }

  // Ports needed per node: its minimum width leaves room for each.
  const portCount = new Map<string, number>();
  for (const entry of pending) {
    for (const end of [entry.from, entry.to]) if (end.kind !== 'internet') portCount.set(end.key, (portCount.get(end.key) ?? 0) + 1);
  }
  const minWidthFor = (key: string): number => ((portCount.get(key) ?? 0) + 1) * PORT_SPACING;

  const machineCounter = { next: 0 };
  const nodesByKey = new Map<string, FrameNode>();
  const nodes: FrameNode[] = [];
  let peerIndex = 0;
  for (const [key, peer] of [...peers.entries()].sort(([a], [b]) => (a === 'peer:hidden' ? 1 : b === 'peer:hidden' ? -1 : 0))) {
    const node = peerNode(`peer-${index}-${peerIndex++}`, peer.lines, peer.title, minWidthFor(key), peer.data);
    node.tier = 0;
    nodesByKey.set(key, node);
    nodes.push(node);
  }
  const segments = [...site.segments].sort((a, b) => zoneOrder[a.zoneType] - zoneOrder[b.zoneType]);
  for (const segment of segments) {
    const elementId = `segment-${segment.id}`;
    const node = zoneBox({
      elementId, kind: 'segment', header: segmentHeader(segment, t), title: segmentTitle(segment, t), machines: segment.machines,
      minWidth: minWidthFor(elementId), siteIndex: index, machineCounter, t,
      data: { segmentId: segment.id, segmentKey: segment.key, zoneType: segment.zoneType, siteKey: site.key },
    });
    node.tier = zoneTier[segment.zoneType];
    nodesByKey.set(elementId, node);
    nodes.push(node);
  }
  if (site.unassigned.length > 0) {
    const node = zoneBox({
      elementId: `unassigned-${index}`, kind: 'unassigned', header: [line(t.noSegment, 12, true)], title: `${site.key}: ${t.noSegment}`,
      machines: site.unassigned, minWidth: 0, siteIndex: index, machineCounter, t, data: { siteKey: site.key },
    });
    node.tier = 4;
    nodes.push(node);
  }

  // Rows: tier by tier, wrapping long tiers.
  const rowLimit = Math.max(ROW_MAX_WIDTH, ...nodes.map((node) => node.box.width));
  const rows: FrameNode[][] = [];
  let currentTier = -1;
  let rowWidth = 0;
  for (const node of nodes) {
    const row = rows[rows.length - 1];
    if (!row || node.tier !== currentTier || rowWidth + BOX_GAP + node.box.width > rowLimit) {
      rows.push([node]);
      rowWidth = node.box.width;
      currentTier = node.tier;
    } else {
      row.push(node);
      rowWidth += BOX_GAP + node.box.width;
    }
    node.row = rows.length - 1;
  }

  const box: LayoutBox = { elementId: frameId, kind: 'site', parentId: null, title: `${site.key} – ${site.name}`, siteKey: site.key, x: 0, y: 0, width: 0, height: 0 };
  const frame: Frame = {
    index, site, box, nodes, rows, drawings: [], titleLines: [line(`${site.key} – ${site.name}`, SITE_TITLE_FONT, true)],
    channelLanes: rows.map(() => 0).concat(0), corridorLanes: 0, gridRow: 0, channelTop: [], channelHeight: [], rowTop: [], rowsLeft: 0,
  };

  for (const entry of pending) {
    const toEnd = (end: PendingEnd): FrameEnd => (end.kind === 'internet' ? { kind: 'internet' } : { kind: 'node', node: nodesByKey.get(end.key)! });
    const from = toEnd(entry.from);
    const to = toEnd(entry.to);
    const seen = drawnCount.get(entry.conduit.id) ?? 0;
    drawnCount.set(entry.conduit.id, seen + 1);
    frame.drawings.push({
      conduit: entry.conduit, number: numbers.get(entry.conduit.id)!, elementId: seen === 0 ? `conduit-${entry.conduit.id}` : `conduit-${entry.conduit.id}-${seen + 1}`,
      from, to, plan: planRoute(from, to), ports: new Map(), lanes: new Map(), points: [], badgeChannel: 0, badgeRun: [0, 0],
    });
  }
  return frame;
}

function planRoute(from: FrameEnd, to: FrameEnd): RoutePlan {
  if (from.kind === 'internet' || to.kind === 'internet') {
    const node = from.kind === 'node' ? from.node : (to as { node: FrameNode }).node;
    return { kind: 'internet', node, channel: node.row };
  }
  const a = from.node;
  const b = to.node;
  if (a.row === b.row) return { kind: 'same', a, b, channel: a.row };
  const [upper, lower] = a.row < b.row ? [a, b] : [b, a];
  if (lower.row - upper.row === 1) return { kind: 'adjacent', upper, lower, channel: lower.row };
  return { kind: 'long', upper, lower, upperChannel: upper.row + 1, lowerChannel: lower.row };
}

/** Takes lanes in channels and the corridor (in drawing order) and sets the frame's relative geometry. */
function measureFrame(frame: Frame, lanes: Allocator): void {
  const channel = (index: number) => `f${frame.index}:c${index}`;
  const corridor = `f${frame.index}:corridor`;
  for (const drawing of frame.drawings) {
    const plan = drawing.plan;
    switch (plan.kind) {
      case 'same':
      case 'adjacent':
        drawing.lanes.set('channel', lanes.take(channel(plan.channel)));
        break;
      case 'long':
        drawing.lanes.set('upperChannel', lanes.take(channel(plan.upperChannel)));
        drawing.lanes.set('corridor', lanes.take(corridor));
        drawing.lanes.set('lowerChannel', lanes.take(channel(plan.lowerChannel)));
        break;
      case 'internet':
        drawing.lanes.set('corridor', lanes.take(corridor));
        drawing.lanes.set('channel', lanes.take(channel(plan.channel)));
        break;
    }
  }
  frame.channelLanes = frame.channelLanes.map((_, index) => lanes.lanes.get(channel(index)) ?? 0);
  frame.corridorLanes = lanes.lanes.get(corridor) ?? 0;

  const corridorWidth = frame.corridorLanes * LANE;
  frame.rowsLeft = FRAME_PAD + corridorWidth + (frame.corridorLanes > 0 ? LANE / 2 : 0);
  const titleHeight = linesHeight(frame.titleLines);
  let y = FRAME_PAD + titleHeight;
  frame.channelTop = [];
  frame.channelHeight = [];
  frame.rowTop = [];
  frame.rows.forEach((row, index) => {
    const lanesHere = frame.channelLanes[index]!;
    const height = Math.max(CHANNEL_MIN, (lanesHere + 1) * LANE);
    frame.channelTop.push(y);
    frame.channelHeight.push(height);
    y += height;
    frame.rowTop.push(y);
    let x = frame.rowsLeft;
    for (const node of row) {
      moveNode(node, x, y, frame.box.elementId);
      x += node.box.width + BOX_GAP;
    }
    y += Math.max(...row.map((node) => node.box.height));
  });
  const lastLanes = frame.channelLanes[frame.rows.length]!;
  const lastHeight = lastLanes > 0 ? (lastLanes + 1) * LANE : 0;
  frame.channelTop.push(y);
  frame.channelHeight.push(lastHeight);
  y += lastHeight;
  const rowsWidth = Math.max(0, ...frame.rows.map((row) => row.reduce((sum, node) => sum + node.box.width, 0) + (row.length - 1) * BOX_GAP));
  const titleWidth = linesWidth(frame.titleLines);
  frame.box.width = Math.ceil(frame.rowsLeft + Math.max(rowsWidth, Math.min(titleWidth, 900)) + FRAME_PAD);
  frame.box.height = Math.ceil(y + FRAME_PAD);
  if (frame.rows.length === 0) frame.box.height = Math.ceil(FRAME_PAD + titleHeight + FRAME_PAD);
}

/** Moves a measured frame (its nodes are relative to the frame's origin) to (x, y). */
function placeFrame(frame: Frame, x: number, y: number): void {
  frame.box.x = x;
  frame.box.y = y;
  for (const node of frame.nodes) moveNode(node, x, y, frame.box.elementId);
}

const rectRight = (rect: Rect): number => rect.x + rect.width;
const rectBottom = (rect: Rect): number => rect.y + rect.height;
const centreX = (rect: Rect): number => rect.x + rect.width / 2;

/** One route's use of a channel: the x of its verticals up to the channel's top and down to its bottom. */
interface ChannelUse {
  drawing: Drawing;
  /** The key of the lane in the drawing's lanes. */
  lane: string;
  ups: number[];
  downs: number[];
}

/**
 * Orders the routes of one channel from the top lane down: by insertion, each route goes where it
 * adds the fewest crossings with the routes already placed (ties: further down). Deterministic.
 */
function orderLanes(entries: readonly ChannelUse[]): ChannelUse[] {
  const span = (entry: ChannelUse): [number, number] => {
    const xs = [...entry.ups, ...entry.downs];
    return [Math.min(...xs), Math.max(...xs)];
  };
  const inside = (x: number, [low, high]: [number, number]) => x > low && x < high;
  // Crossings when `above` lies on a higher lane than `below`.
  const cost = (above: ChannelUse, below: ChannelUse): number =>
    above.downs.filter((x) => inside(x, span(below))).length + below.ups.filter((x) => inside(x, span(above))).length;
  const ordered: ChannelUse[] = [];
  for (const entry of [...entries].sort((a, b) => a.drawing.number - b.drawing.number)) {
    let best = ordered.length;
    let bestCost = Infinity;
    for (let position = 0; position <= ordered.length; position++) {
      let total = 0;
      for (let index = 0; index < ordered.length; index++) total += index < position ? cost(ordered[index]!, entry) : cost(entry, ordered[index]!);
      if (total < bestCost || (total === bestCost && position > best)) {
        best = position;
        bestCost = total;
      }
    }
    ordered.splice(best, 0, entry);
  }
  return ordered;
}

/** Removes repeated points and middle points of straight runs. */
function simplify(points: Point[]): Point[] {
  const unique = points.filter((point, index) => index === 0 || point.x !== points[index - 1]!.x || point.y !== points[index - 1]!.y);
  return unique.filter((point, index) => {
    if (index === 0 || index === unique.length - 1) return true;
    const before = unique[index - 1]!;
    const after = unique[index + 1]!;
    return !((before.x === point.x && point.x === after.x) || (before.y === point.y && point.y === after.y));
  });
}

// ---------------------------------------------------------------------------------------------

/** Lays out a topology model. Pure and deterministic. */
export function layoutTopology(fullModel: TopologyModel, options: LayoutOptions): TopologyLayout {
  const t = texts[options.lang];
  // Only conduits with an end in a drawn site are drawn, listed and numbered.
  const drawnSegmentIds = new Set(fullModel.sites.flatMap((site) => site.segments.map((segment) => segment.id)));
  const drawn = (end: TopologyEnd) => end.kind === 'segment' && drawnSegmentIds.has(end.segmentId);
  const model: TopologyModel = { sites: fullModel.sites, conduits: fullModel.conduits.filter((conduit) => drawn(conduit.from) || drawn(conduit.to)) };
  const boxes: LayoutBox[] = [];
  const labels: LayoutLabel[] = [];
  const arrows: LayoutArrow[] = [];
  const legendLines: LegendLine[] = [];
  const multiSite = model.sites.length > 1 || options.siteKey === null;
  const drawnSiteKeys = new Set(model.sites.map((site) => site.key));
  const segmentCount = model.sites.reduce((sum, site) => sum + site.segments.length, 0);
  const machineCount = model.sites.reduce((sum, site) => sum + site.unassigned.length + site.segments.reduce((inner, segment) => inner + segment.machines.length, 0), 0);
  const title = `${t.heading}: ${options.siteKey ?? t.allSites}`;
  const description = t.description(model.sites.length, segmentCount, machineCount, model.conduits.length);

  // Heading.
  const headingWidth = Math.ceil(textWidth(title, HEADING_FONT, true));
  const heading: LayoutBox = { elementId: 'heading', kind: 'heading', parentId: null, title, x: MARGIN, y: MARGIN, width: headingWidth, height: lineHeight(HEADING_FONT) };
  boxes.push(heading);
  labels.push(...placeLines([line(title, HEADING_FONT, true)], 'heading', MARGIN, MARGIN, headingWidth));
  let top = rectBottom(heading) + 12;

  if (model.sites.length === 0) {
    const note = [line(t.noSites, 12)];
    const width = Math.ceil(linesWidth(note) + 2 * BOX_PAD);
    const box: LayoutBox = { elementId: 'note', kind: 'note', parentId: null, title: t.noSites, x: MARGIN, y: top, width, height: linesHeight(note) + 2 * BOX_PAD };
    boxes.push(box);
    labels.push(...placeLines(note, 'note', MARGIN + BOX_PAD, top + BOX_PAD, width - 2 * BOX_PAD));
    return { width: Math.max(rectRight(box), rectRight(heading)) + MARGIN, height: rectBottom(box) + MARGIN, lang: options.lang, title, description, boxes, labels, arrows, legendLines };
  }

  const numbers = new Map(model.conduits.map((conduit, index) => [conduit.id, index + 1]));
  const drawnCount = new Map<string, number>();
  const frames = model.sites.map((site, index) => buildFrame(site, index, model, numbers, drawnCount, t));
  const columns = frames.length <= 2 ? frames.length : frames.length <= 4 ? 2 : 3;
  frames.forEach((frame, index) => (frame.gridRow = Math.floor(index / columns)));
  const gridRows = Math.ceil(frames.length / columns);

  const lanes = allocator();
  for (const frame of frames) measureFrame(frame, lanes);
  // Global lanes of internet routes: bus 0 below the internet box for all, the global corridor and
  // the bus above their grid row for frames below the first grid row.
  const internetDrawings = frames.flatMap((frame) => frame.drawings.filter((drawing) => drawing.plan.kind === 'internet').map((drawing) => ({ frame, drawing })));
  for (const { frame, drawing } of internetDrawings) {
    drawing.lanes.set('bus0', lanes.take('bus0'));
    if (frame.gridRow > 0) {
      drawing.lanes.set('globalCorridor', lanes.take('globalCorridor'));
      drawing.lanes.set('bus', lanes.take(`bus${frame.gridRow}`));
    }
  }
  const globalLanes = lanes.lanes.get('globalCorridor') ?? 0;
  const gridLeft = MARGIN + globalLanes * LANE + (globalLanes > 0 ? LANE / 2 : 0);

  // Internet box, then the grid rows of frames with a bus above each.
  const internetLines = [line(t.internet, INTERNET_FONT, true)];
  const internetWidth = Math.ceil(Math.max(160, linesWidth(internetLines) + 60, (internetDrawings.length + 1) * PORT_SPACING));
  const row0Width = frames.filter((frame) => frame.gridRow === 0).reduce((sum, frame) => sum + frame.box.width, 0) + (Math.min(columns, frames.length) - 1) * FRAME_GAP;
  const internet: LayoutBox = {
    elementId: 'internet', kind: 'internet', parentId: null, title: t.internet, zoneType: 'internet',
    x: Math.round(gridLeft + Math.max(0, (row0Width - internetWidth) / 2)), y: top, width: internetWidth, height: INTERNET_HEIGHT,
  };
  boxes.push(internet);
  const internetTextWidth = linesWidth(internetLines);
  labels.push(...placeLines(internetLines, 'internet', internet.x + (internet.width - internetTextWidth) / 2, internet.y + (INTERNET_HEIGHT - linesHeight(internetLines)) / 2, internetTextWidth));
  top = rectBottom(internet);

  const busTop: number[] = [];
  const busHeight: number[] = [];
  let right = Math.max(rectRight(internet), rectRight(heading));
  for (let gridRow = 0; gridRow < gridRows; gridRow++) {
    const busLanes = lanes.lanes.get(`bus${gridRow}`) ?? 0;
    busTop.push(top);
    busHeight.push(Math.max(FRAME_GAP, (busLanes + 1) * LANE));
    top += busHeight[gridRow]!;
    let x = gridLeft;
    const inRow = frames.filter((frame) => frame.gridRow === gridRow);
    for (const frame of inRow) {
      placeFrame(frame, x, top);
      x += frame.box.width + FRAME_GAP;
      right = Math.max(right, rectRight(frame.box));
    }
    top += Math.max(...inRow.map((frame) => frame.box.height));
  }

  // Ports on box edges, ordered by where the route heads, so lines cross less.
  const edges = new Map<EdgeKey, { drawing: Drawing; role: string; towards: number }[]>();
  const attach = (node: FrameNode | 'internet', edge: 'top' | 'bottom', drawing: Drawing, role: string, towards: number) => {
    const key: EdgeKey = `${node === 'internet' ? 'internet' : node.box.elementId}|${edge}`;
    edges.set(key, [...(edges.get(key) ?? []), { drawing, role, towards }]);
  };
  const corridorX = (frame: Frame, lane: number) => frame.box.x + FRAME_PAD + LANE / 2 + lane * LANE;
  const channelY = (frame: Frame, channel: number, lane: number) => frame.box.y + frame.channelTop[channel]! + (lane + 1) * LANE;
  for (const frame of frames) {
    for (const drawing of frame.drawings) {
      const plan = drawing.plan;
      switch (plan.kind) {
        case 'same':
          attach(plan.a, 'top', drawing, 'a', centreX(plan.b.box));
          attach(plan.b, 'top', drawing, 'b', centreX(plan.a.box));
          break;
        case 'adjacent':
          attach(plan.upper, 'bottom', drawing, 'upper', centreX(plan.lower.box));
          attach(plan.lower, 'top', drawing, 'lower', centreX(plan.upper.box));
          break;
        case 'long':
          attach(plan.upper, 'bottom', drawing, 'upper', -1);
          attach(plan.lower, 'top', drawing, 'lower', -1);
          break;
        case 'internet': {
          const entry = corridorX(frame, drawing.lanes.get('corridor')!);
          attach(plan.node, 'top', drawing, 'node', -1);
          attach('internet', 'bottom', drawing, 'internet', frame.gridRow === 0 ? entry : -1);
          break;
        }
      }
    }
  }
  const edgeBox = new Map<string, Rect>([['internet', internet]]);
  for (const frame of frames) for (const node of frame.nodes) edgeBox.set(node.box.elementId, node.box);
  for (const [key, attachments] of edges) {
    const rect = edgeBox.get(key.slice(0, key.lastIndexOf('|')))!;
    attachments.sort((a, b) => a.towards - b.towards || a.drawing.number - b.drawing.number);
    attachments.forEach((attachment, index) => attachment.drawing.ports.set(attachment.role, rect.x + ((index + 1) * rect.width) / (attachments.length + 1)));
  }

  // Lanes within each channel, ordered so that fewer lines cross: a route's horizontal run is
  // crossed by the verticals of routes whose lane lies on the other side of it.
  for (const frame of frames) {
    const channels = new Map<number, ChannelUse[]>();
    const use = (channel: number, entry: ChannelUse) => channels.set(channel, [...(channels.get(channel) ?? []), entry]);
    for (const drawing of frame.drawings) {
      const plan = drawing.plan;
      const port = (role: string) => drawing.ports.get(role)!;
      switch (plan.kind) {
        case 'same':
          use(plan.channel, { drawing, lane: 'channel', ups: [], downs: [port('a'), port('b')] });
          break;
        case 'adjacent':
          use(plan.channel, { drawing, lane: 'channel', ups: [port('upper')], downs: [port('lower')] });
          break;
        case 'long': {
          const cx = corridorX(frame, drawing.lanes.get('corridor')!);
          use(plan.upperChannel, { drawing, lane: 'upperChannel', ups: [port('upper')], downs: [cx] });
          use(plan.lowerChannel, { drawing, lane: 'lowerChannel', ups: [cx], downs: [port('lower')] });
          break;
        }
        case 'internet':
          use(plan.channel, { drawing, lane: 'channel', ups: [corridorX(frame, drawing.lanes.get('corridor')!)], downs: [port('node')] });
          break;
      }
    }
    for (const entries of channels.values()) {
      orderLanes(entries).forEach((entry, lane) => entry.drawing.lanes.set(entry.lane, lane));
    }
  }
  // The same for the buses between the internet and the frames.
  const buses = new Map<number, ChannelUse[]>();
  for (const { frame, drawing } of internetDrawings) {
    const entry = corridorX(frame, drawing.lanes.get('corridor')!);
    if (frame.gridRow === 0) {
      buses.set(0, [...(buses.get(0) ?? []), { drawing, lane: 'bus0', ups: [drawing.ports.get('internet')!], downs: [entry] }]);
    } else {
      const gx = MARGIN + LANE / 2 + drawing.lanes.get('globalCorridor')! * LANE;
      buses.set(0, [...(buses.get(0) ?? []), { drawing, lane: 'bus0', ups: [drawing.ports.get('internet')!], downs: [gx] }]);
      buses.set(frame.gridRow, [...(buses.get(frame.gridRow) ?? []), { drawing, lane: 'bus', ups: [gx], downs: [entry] }]);
    }
  }
  for (const entries of buses.values()) orderLanes(entries).forEach((entry, lane) => entry.drawing.lanes.set(entry.lane, lane));

  // Polylines.
  for (const frame of frames) {
    for (const drawing of frame.drawings) {
      const plan = drawing.plan;
      let points: Point[];
      switch (plan.kind) {
        case 'same': {
          const y = channelY(frame, plan.channel, drawing.lanes.get('channel')!);
          const ax = drawing.ports.get('a')!;
          const bx = drawing.ports.get('b')!;
          points = [{ x: ax, y: plan.a.box.y }, { x: ax, y }, { x: bx, y }, { x: bx, y: plan.b.box.y }];
          drawing.badgeChannel = plan.channel;
          drawing.badgeRun = [ax, bx];
          break;
        }
        case 'adjacent':
        case 'long': {
          const ux = drawing.ports.get('upper')!;
          const lx = drawing.ports.get('lower')!;
          const upperBottom = rectBottom(plan.upper.box);
          if (plan.kind === 'adjacent') {
            const y = channelY(frame, plan.channel, drawing.lanes.get('channel')!);
            points = [{ x: ux, y: upperBottom }, { x: ux, y }, { x: lx, y }, { x: lx, y: plan.lower.box.y }];
            drawing.badgeChannel = plan.channel;
            drawing.badgeRun = [ux, lx];
          } else {
            const y1 = channelY(frame, plan.upperChannel, drawing.lanes.get('upperChannel')!);
            const y2 = channelY(frame, plan.lowerChannel, drawing.lanes.get('lowerChannel')!);
            const cx = corridorX(frame, drawing.lanes.get('corridor')!);
            points = [{ x: ux, y: upperBottom }, { x: ux, y: y1 }, { x: cx, y: y1 }, { x: cx, y: y2 }, { x: lx, y: y2 }, { x: lx, y: plan.lower.box.y }];
            drawing.badgeChannel = plan.lowerChannel;
            drawing.badgeRun = [cx, lx];
          }
          // The polyline runs from the `from` end: reverse when that is the lower box.
          const fromNode = drawing.from.kind === 'node' ? drawing.from.node : null;
          if (fromNode === plan.lower && plan.lower !== plan.upper) points.reverse();
          break;
        }
        case 'internet': {
          const ix = drawing.ports.get('internet')!;
          const nx = drawing.ports.get('node')!;
          const entry = corridorX(frame, drawing.lanes.get('corridor')!);
          const y = channelY(frame, plan.channel, drawing.lanes.get('channel')!);
          const bus0 = busTop[0]! + (drawing.lanes.get('bus0')! + 1) * LANE;
          points = [{ x: ix, y: rectBottom(internet) }, { x: ix, y: bus0 }];
          if (frame.gridRow > 0) {
            const gx = MARGIN + LANE / 2 + drawing.lanes.get('globalCorridor')! * LANE;
            const bus = busTop[frame.gridRow]! + (drawing.lanes.get('bus')! + 1) * LANE;
            points.push({ x: gx, y: bus0 }, { x: gx, y: bus }, { x: entry, y: bus });
          } else {
            points.push({ x: entry, y: bus0 });
          }
          points.push({ x: entry, y }, { x: nx, y }, { x: nx, y: plan.node.box.y });
          if (drawing.to.kind === 'internet') points.reverse();
          drawing.badgeChannel = plan.channel;
          drawing.badgeRun = [entry, nx];
          break;
        }
      }
      drawing.points = simplify(points);
    }
  }

  // Badges: a pill on the route's own lane in a channel of its frame, away from crossing lines where possible.
  for (const frame of frames) {
    const verticals = frame.drawings.flatMap((drawing) =>
      drawing.points.slice(1).flatMap((point, index) => {
        const previous = drawing.points[index]!;
        return previous.x === point.x ? [{ x: point.x, top: Math.min(previous.y, point.y), bottom: Math.max(previous.y, point.y), owner: drawing }] : [];
      }),
    );
    for (const drawing of frame.drawings) {
      const lane = drawing.plan.kind === 'long' ? drawing.lanes.get('lowerChannel')! : drawing.lanes.get('channel')!;
      const y = channelY(frame, drawing.badgeChannel, lane);
      const fullText = `${drawing.number} · ${protocolText(drawing.conduit, options.lang)}`;
      const text = truncateText(fullText, PILL_MAX_TEXT, PILL_FONT, true);
      const width = Math.ceil(textWidth(text, PILL_FONT, true) + 2 * PILL_PAD);
      const low = frame.box.x + 4;
      const high = rectRight(frame.box) - 4 - width;
      const [runA, runB] = drawing.badgeRun;
      const middle = (runA + runB) / 2;
      const clamp = (x: number) => Math.min(high, Math.max(low, x));
      const crossed = (x: number) => verticals.some((vertical) => vertical.owner !== drawing && vertical.x > x - 2 && vertical.x < x + width + 2 && vertical.top < y + PILL_HEIGHT / 2 && vertical.bottom > y - PILL_HEIGHT / 2);
      const span = Math.max(Math.abs(runB - runA), width);
      const candidates = [0, ...Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? 1 : -1) * Math.ceil((index + 1) / 2) * (span / 12))].map((shift) => clamp(Math.round(middle + shift - width / 2)));
      const x = candidates.find((candidate) => !crossed(candidate)) ?? candidates[0]!;
      const badge: LayoutLabel = {
        ownerId: drawing.elementId, text, fullText, fontSize: PILL_FONT, bold: true, tone: drawing.conduit.remoteAccess || touchesInternet(drawing.conduit) ? 'alert' : 'normal',
        padX: PILL_PAD, x, y: y - PILL_HEIGHT / 2, width, height: PILL_HEIGHT,
      };
      const internetEnd = touchesInternet(drawing.conduit);
      const details = [protocolText(drawing.conduit, options.lang), drawing.conduit.service, drawing.conduit.purpose, conduitKind(drawing.conduit, t)].filter((part) => part);
      arrows.push({
        elementId: drawing.elementId, conduitId: drawing.conduit.id, number: drawing.number, points: drawing.points,
        alert: drawing.conduit.remoteAccess || internetEnd, remoteAccess: drawing.conduit.remoteAccess, internet: internetEnd, siteKey: frame.site.key,
        title: `${drawing.number}: ${endLabel(drawing.conduit.from, t, multiSite, drawnSiteKeys)} → ${endLabel(drawing.conduit.to, t, multiSite, drawnSiteKeys)} (${details.join(' · ')})`,
        badge,
      });
    }
  }

  // Frames with their titles and nodes, in drawing order (parents first).
  for (const frame of frames) {
    boxes.push(frame.box);
    labels.push(...placeLines(frame.titleLines, frame.box.elementId, frame.box.x + frame.rowsLeft, frame.box.y + FRAME_PAD, frame.box.width - frame.rowsLeft - FRAME_PAD));
    for (const node of frame.nodes) {
      boxes.push(node.box, ...node.children);
      labels.push(...node.labels);
    }
  }

  // Legend below everything: symbols, then the conduit table.
  top += FRAME_GAP;
  const legend = layoutLegend(model, t, gridLeft, top, multiSite, drawnSiteKeys, boxes, labels, legendLines);
  right = Math.max(right, rectRight(legend));
  return { width: Math.ceil(right + MARGIN), height: Math.ceil(rectBottom(legend) + MARGIN), lang: options.lang, title, description, boxes, labels, arrows, legendLines };
}

function layoutLegend(
  model: TopologyModel,
  t: Texts,
  x: number,
  y: number,
  multiSite: boolean,
  drawnSiteKeys: ReadonlySet<string>,
  boxes: LayoutBox[],
  labels: LayoutLabel[],
  legendLines: LegendLine[],
): LayoutBox {
  const legend: LayoutBox = { elementId: 'legend', kind: 'legend', parentId: null, title: t.legend, x, y, width: 0, height: 0 };
  const tableWidth = TABLE_COLUMNS.reduce((sum, width) => sum + width, 0);
  const innerWidth = Math.max(LEGEND_MIN_WIDTH, model.conduits.length > 0 ? tableWidth : 0);
  legend.width = innerWidth + 2 * LEGEND_PAD;
  boxes.push(legend);
  const inner = x + LEGEND_PAD;
  let top = y + LEGEND_PAD;
  labels.push(...placeLines([line(t.legend, 13, true)], 'legend', inner, top, innerWidth));
  top += lineHeight(13) + 8;

  // Symbol items flow left to right and wrap.
  type Item = { kind: 'swatch'; swatch: SwatchKind; text: string } | { kind: 'line'; alert: boolean; text: string };
  const items: Item[] = [
    ...(['internet', 'remote_access', 'it', 'ot_dmz', 'ot_cell', 'unknown'] as const).map((zone): Item => ({ kind: 'swatch', swatch: zone, text: t.zones[zone] })),
    { kind: 'swatch', swatch: 'unassigned', text: t.noSegment },
    { kind: 'swatch', swatch: 'peer', text: t.peer },
    { kind: 'swatch', swatch: 'isolated', text: t.isolatedMachine },
    { kind: 'line', alert: false, text: t.conduit },
    { kind: 'line', alert: true, text: t.alertConduit },
  ];
  const itemHeight = lineHeight(10);
  let cursor = inner;
  items.forEach((item, index) => {
    const symbolWidth = item.kind === 'swatch' ? SWATCH_WIDTH : 40;
    const textWidthHere = Math.ceil(textWidth(item.text, 10));
    const width = symbolWidth + 6 + textWidthHere;
    if (cursor > inner && cursor + width > inner + innerWidth) {
      cursor = inner;
      top += itemHeight + 8;
    }
    const symbolTop = top + (itemHeight - SWATCH_HEIGHT) / 2;
    if (item.kind === 'swatch') {
      boxes.push({ elementId: `legend-swatch-${index}`, kind: 'swatch', parentId: 'legend', title: item.text, swatch: item.swatch, x: cursor, y: symbolTop, width: SWATCH_WIDTH, height: SWATCH_HEIGHT });
    } else {
      legendLines.push({ points: [{ x: cursor, y: top + itemHeight / 2 }, { x: cursor + symbolWidth - 4, y: top + itemHeight / 2 }], alert: item.alert });
    }
    labels.push(...placeLines([line(item.text, 10)], 'legend', cursor + symbolWidth + 6, top, textWidthHere));
    cursor += width + LEGEND_ITEM_GAP;
  });
  top += itemHeight + LEGEND_PAD;

  if (model.conduits.length > 0) {
    top += 4;
    const cells = (values: readonly string[], bold: boolean, tone: LabelTone) => {
      let left = inner;
      values.forEach((value, column) => {
        const width = TABLE_COLUMNS[column]!;
        labels.push(...placeLines([line(value, TABLE_FONT, bold, tone)], 'legend', left, top, width - 8));
        left += width;
      });
      top += TABLE_ROW;
    };
    cells(t.table, true, 'normal');
    model.conduits.forEach((conduit, index) => {
      cells(
        [
          String(index + 1),
          endLabel(conduit.from, t, multiSite, drawnSiteKeys),
          endLabel(conduit.to, t, multiSite, drawnSiteKeys),
          protocolNames[conduit.protocol] || t.any,
          conduit.ports ?? '',
          conduit.service ?? '',
          conduit.purpose,
          conduitKind(conduit, t),
        ],
        false,
        conduit.remoteAccess || touchesInternet(conduit) ? 'alert' : 'normal',
      );
    });
    top += LEGEND_PAD - (TABLE_ROW - lineHeight(TABLE_FONT));
  }
  legend.height = Math.ceil(top - y);
  return legend;
}
