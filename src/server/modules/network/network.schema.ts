import { z } from 'zod';
import { normaliseHost } from './host.ts';
import { normalisePorts } from './ports.ts';

// Value schemas shared by conduits and brokers. Transforms are idempotent, so parsing a parsed
// value again (route, then use case) changes nothing.

/** A segment's id as a reference in a body (unknown or out of scope: SEGMENT_UNKNOWN from the use case). */
export const segmentRefSchema = z.string().min(1).max(100);

/** A port list ("443", "102, 502", "49152-65535"), stored normalised; blank or null means none. */
export const portsSchema = z
  .string()
  .max(500)
  .nullable()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (value === null || value.trim() === '') return null;
    const ports = normalisePorts(value);
    if (ports === null) {
      ctx.addIssue({ code: 'custom', message: 'PORTS_INVALID' });
      return z.NEVER;
    }
    return ports;
  });

/** One TCP/UDP port. */
export const portSchema = z.number().int().min(1).max(65535);

/** A host name or IP address; addresses are stored in their canonical form. */
export const hostSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const host = normaliseHost(value);
    if (host === null) {
      ctx.addIssue({ code: 'custom', message: 'HOST_INVALID' });
      return z.NEVER;
    }
    return host;
  });

/** The `site` filter of the network lists. */
export const networkListQuerySchema = z.strictObject({ site: z.string().min(1).max(200).optional() });

/** The id in the path of a conduit or broker. */
export const networkIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
