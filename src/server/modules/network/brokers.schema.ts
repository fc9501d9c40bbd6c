import { z } from 'zod';
import type { BrokerKind } from '../../db/schema.ts';
import { nameSchema } from '../sites/sites.schema.ts';
import { zoneTypeSchema } from '../sites/segments.schema.ts';
import { optionalText } from '../../errors/validation.ts';
import { hostSchema, portSchema, segmentRefSchema } from './network.schema.ts';

/** Kinds of message brokers, as stored codes. */
export const brokerKinds = ['mqtt', 'amqp', 'opcua_pubsub', 'kafka', 'other'] as const satisfies readonly BrokerKind[];

const brokerFields = {
  segment_id: segmentRefSchema,
  name: nameSchema,
  kind: z.enum(brokerKinds),
  host: hostSchema,
  port: portSchema.nullable().optional(),
  tls: z.boolean().optional(),
  notes: optionalText(2000),
};

/** POST /brokers. */
export const createBrokerBodySchema = z.strictObject(brokerFields);

/** PATCH /brokers/:id: absent fields stay; a new segment_id moves the broker. */
export const updateBrokerBodySchema = z.strictObject({
  segment_id: brokerFields.segment_id.optional(),
  name: brokerFields.name.optional(),
  kind: brokerFields.kind.optional(),
  host: brokerFields.host.optional(),
  port: brokerFields.port,
  tls: brokerFields.tls,
  notes: brokerFields.notes,
});

/** A message broker as the API shows it, with its segment and site. */
export const brokerView = z.object({
  id: z.string(),
  site_id: z.string(),
  site_key: z.string(),
  segment_id: z.string(),
  segment_key: z.string(),
  segment_name: z.string(),
  zone_type: zoneTypeSchema,
  name: z.string(),
  kind: z.enum(brokerKinds),
  host: z.string(),
  port: z.number().int().nullable(),
  tls: z.boolean(),
  notes: z.string().nullable(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** The brokers in scope and whether the caller may add one (there, or anywhere without `site`). */
export const brokerListSchema = z.object({ items: z.array(brokerView), allowed_actions: z.array(z.string()) });

export type BrokerView = z.infer<typeof brokerView>;
export type BrokerList = z.infer<typeof brokerListSchema>;
export type CreateBrokerBody = z.input<typeof createBrokerBodySchema>;
export type UpdateBrokerBody = z.input<typeof updateBrokerBodySchema>;
