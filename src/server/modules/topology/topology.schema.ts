import { z } from 'zod';

// Shapes of GET /api/v1/topology: the query and the JSON answer (format=json). The SVG answer is the
// same drawing rendered.

/** GET /topology?site=KEY&format=svg|json&lang=de|en. */
export const topologyQuerySchema = z.strictObject({
  site: z.string().min(1).max(200).optional(),
  format: z.enum(['svg', 'json']).optional(),
  lang: z.enum(['de', 'en']).optional(),
});

const topologyEndView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('internet') }),
  z.object({ kind: z.literal('segment'), segment_id: z.string(), segment_key: z.string(), site_key: z.string() }),
  /** A segment of a site outside the caller's scope. */
  z.object({ kind: z.literal('hidden') }),
]);

const topologyMachineView = z.object({
  machine_id: z.string(),
  name: z.string(),
  network_state: z.enum(['connected', 'isolated']),
  /** The machine's further segments (`SITE / KEY` when in another site). */
  other_segments: z.array(z.string()),
});

const topologySegmentView = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  zone_type: z.enum(['ot_cell', 'ot_dmz', 'it', 'remote_access', 'internet', 'unknown']),
  cidr: z.string().nullable(),
  vlan: z.number().int().nullable(),
  brokers: z.array(z.object({ name: z.string(), kind: z.string() })),
  /** Machines drawn here: those whose first interface with a segment is in this one. */
  machines: z.array(topologyMachineView),
});

const topologySiteView = z.object({
  key: z.string(),
  name: z.string(),
  segments: z.array(topologySegmentView),
  /** Machines without any segment. */
  unassigned_machines: z.array(topologyMachineView),
});

const topologyConduitView = z.object({
  id: z.string(),
  /** The conduit's number in the drawing's legend, from 1. */
  number: z.number().int(),
  from: topologyEndView,
  to: topologyEndView,
  protocol: z.enum(['tcp', 'udp', 'tcp_udp', 'icmp', 'any']),
  ports: z.string().nullable(),
  service: z.string().nullable(),
  purpose: z.string(),
  remote_access: z.boolean(),
  /** True when one end is the internet. */
  internet: z.boolean(),
});

const topologyBoxView = z.object({
  element_id: z.string(),
  kind: z.string(),
  parent_id: z.string().nullable(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  site_key: z.string().optional(),
  segment_id: z.string().optional(),
  machine_id: z.string().optional(),
});

/** The drawing as data: the model (sites, segments, machines, numbered conduits) and where each box is. */
export const topologyView = z.object({
  /** The site asked for, or null for all sites in scope. */
  site_key: z.string().nullable(),
  lang: z.enum(['de', 'en']),
  title: z.string(),
  description: z.string(),
  width: z.number(),
  height: z.number(),
  sites: z.array(topologySiteView),
  conduits: z.array(topologyConduitView),
  boxes: z.array(topologyBoxView),
  arrows: z.array(z.object({ element_id: z.string(), conduit_id: z.string(), number: z.number().int(), points: z.array(z.tuple([z.number(), z.number()])) })),
});

export type TopologyQuery = z.infer<typeof topologyQuerySchema>;
export type TopologyView = z.infer<typeof topologyView>;
export type TopologyEndView = z.infer<typeof topologyEndView>;
export type TopologyConduitView = z.infer<typeof topologyConduitView>;
export type TopologyMachineView = z.infer<typeof topologyMachineView>;
