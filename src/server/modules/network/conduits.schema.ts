import { z } from 'zod';
import type { ConduitProtocol } from '../../db/schema.ts';
import { zoneTypeSchema } from '../sites/segments.schema.ts';
import { optionalLine, requiredLine } from '../../errors/validation.ts';
import { portsSchema, segmentRefSchema } from './network.schema.ts';

/** Protocols of a conduit, as stored codes. */
export const conduitProtocols = ['tcp', 'udp', 'tcp_udp', 'icmp', 'any'] as const satisfies readonly ConduitProtocol[];

const conduitFields = {
  /** The segment the flow starts in; null = the internet. */
  from_segment_id: segmentRefSchema.nullable(),
  /** The segment the flow goes to; null = the internet. */
  to_segment_id: segmentRefSchema.nullable(),
  protocol: z.enum(conduitProtocols),
  ports: portsSchema,
  /** Application protocol, e.g. "OPC UA". */
  service: optionalLine(200),
  purpose: requiredLine(500),
  /** Reference of the firewall rule that implements the flow. */
  firewall_rule: optionalLine(200),
  /** The flow carries remote access (vendor maintenance, remote monitoring). */
  remote_access: z.boolean().optional(),
};

/** POST /conduits: both ends must be named (null for the internet). */
export const createConduitBodySchema = z.strictObject(conduitFields);

/** PATCH /conduits/:id: absent fields stay. */
export const updateConduitBodySchema = z.strictObject({
  from_segment_id: conduitFields.from_segment_id.optional(),
  to_segment_id: conduitFields.to_segment_id.optional(),
  protocol: conduitFields.protocol.optional(),
  ports: conduitFields.ports,
  service: conduitFields.service,
  purpose: conduitFields.purpose.optional(),
  firewall_rule: conduitFields.firewall_rule,
  remote_access: conduitFields.remote_access,
});

/** One end of a conduit: the internet, or a segment with what identifies it at a glance. */
export const conduitEndView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('internet') }),
  z.object({
    kind: z.literal('segment'),
    segment_id: z.string(),
    segment_key: z.string(),
    segment_name: z.string(),
    site_key: z.string(),
    zone_type: zoneTypeSchema,
  }),
]);

/** A conduit as the API shows it. */
export const conduitView = z.object({
  id: z.string(),
  /** The owning site: that of `from`, or of `to` when `from` is the internet. */
  site_id: z.string(),
  site_key: z.string(),
  from: conduitEndView,
  to: conduitEndView,
  protocol: z.enum(conduitProtocols),
  ports: z.string().nullable(),
  service: z.string().nullable(),
  purpose: z.string(),
  firewall_rule: z.string().nullable(),
  remote_access: z.boolean(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** The conduits in scope and whether the caller may add one (there, or anywhere without `site`). */
export const conduitListSchema = z.object({ items: z.array(conduitView), allowed_actions: z.array(z.string()) });

export type ConduitEndView = z.infer<typeof conduitEndView>;
export type ConduitView = z.infer<typeof conduitView>;
export type ConduitList = z.infer<typeof conduitListSchema>;
export type CreateConduitBody = z.input<typeof createConduitBodySchema>;
export type UpdateConduitBody = z.input<typeof updateConduitBodySchema>;
