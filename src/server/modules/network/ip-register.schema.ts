import { z } from 'zod';
import { zoneTypeSchema } from '../sites/segments.schema.ts';
import { registerFlags } from './ip-register.ts';

/** One documented address: of a machine interface or of a broker given by address. */
export const ipRegisterEntryView = z.object({
  ip: z.string(),
  source: z.enum(['interface', 'broker']),
  site_id: z.string(),
  site_key: z.string(),
  /** The segment, or all null for an interface that names none. */
  segment_id: z.string().nullable(),
  segment_key: z.string().nullable(),
  segment_name: z.string().nullable(),
  zone_type: zoneTypeSchema.nullable(),
  cidr: z.string().nullable(),
  /** The machine's plant key and name (interfaces). */
  machine_id: z.string().nullable(),
  machine_name: z.string().nullable(),
  hostname: z.string().nullable(),
  mac: z.string().nullable(),
  /** The broker (brokers). */
  broker_id: z.string().nullable(),
  broker_name: z.string().nullable(),
  flags: z.array(z.enum(registerFlags)),
});

/** An active machine none of whose interfaces names a segment. */
export const machineWithoutSegmentView = z.object({ machine_id: z.string(), name: z.string(), site_key: z.string() });

/** A segment whose zone type is still `unknown`. */
export const unknownZoneSegmentView = z.object({ segment_id: z.string(), segment_key: z.string(), segment_name: z.string(), site_key: z.string() });

/** GET /ip-register. */
export const ipRegisterView = z.object({
  items: z.array(ipRegisterEntryView),
  machines_without_segment: z.array(machineWithoutSegmentView),
  unknown_zone_segments: z.array(unknownZoneSegmentView),
  counts: z.object({
    entries: z.number().int(),
    duplicate: z.number().int(),
    outside_cidr: z.number().int(),
    machines_without_segment: z.number().int(),
    unknown_zone_segments: z.number().int(),
  }),
});

export type IpRegisterEntry = z.infer<typeof ipRegisterEntryView>;
export type IpRegister = z.infer<typeof ipRegisterView>;
