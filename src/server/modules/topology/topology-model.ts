import type { ConduitProtocol, ZoneType } from '../../db/schema.ts';

// The plain model the topology drawing is made from: what the repository read and the service
// filtered by scope, without database or HTTP types. The layout (topology-layout.ts) turns it into
// positioned boxes, labels and arrows; the renderer (topology-svg.ts) turns those into SVG.

/** Fixed labels of the drawing come in German or English. */
export type TopologyLanguage = 'de' | 'en';

/** A machine as drawn: in its home segment (the first interface with a segment) or without one. */
export interface TopologyMachine {
  /** The plant's public machine id. */
  machineId: string;
  name: string;
  isolated: boolean;
  /** Keys of the machine's further segments (`SITE / KEY` when in another site), noted in its box. */
  otherSegments: string[];
}

/** A message broker of a segment. */
export interface TopologyBroker {
  name: string;
  kind: string;
}

/** A network segment (zone) of a drawn site with the machines drawn in it. */
export interface TopologySegment {
  /** Database id. */
  id: string;
  key: string;
  name: string;
  zoneType: ZoneType;
  cidr: string | null;
  vlan: number | null;
  brokers: TopologyBroker[];
  machines: TopologyMachine[];
}

/** A drawn site: its segments and the machines that sit in none of them. */
export interface TopologySite {
  /** Database id. */
  id: string;
  key: string;
  name: string;
  segments: TopologySegment[];
  /** Machines without any segment (drawn in the site's "no segment" box). */
  unassigned: TopologyMachine[];
}

/**
 * One end of a conduit: the internet, a segment (of a drawn site or of another site the caller
 * may see), or a segment of a site outside the caller's scope (drawn anonymously).
 */
export type TopologyEnd =
  | { kind: 'internet' }
  | { kind: 'segment'; segmentId: string; segmentKey: string; siteKey: string }
  | { kind: 'hidden' };

/** An allowed flow between two ends. */
export interface TopologyConduit {
  /** Database id. */
  id: string;
  from: TopologyEnd;
  to: TopologyEnd;
  protocol: ConduitProtocol;
  ports: string | null;
  service: string | null;
  purpose: string;
  remoteAccess: boolean;
}

/** Everything one drawing shows; sites, segments and machines in display order. */
export interface TopologyModel {
  sites: TopologySite[];
  /** Conduits with at least one end in a drawn site, in display (numbering) order. */
  conduits: TopologyConduit[];
}

/** True when the conduit leads to or from the internet. */
export function touchesInternet(conduit: Pick<TopologyConduit, 'from' | 'to'>): boolean {
  return conduit.from.kind === 'internet' || conduit.to.kind === 'internet';
}
