import { z } from 'zod';
import { optionalText, requiredLine } from '../../errors/validation.ts';
import type { PartnerSystemKind } from '../../db/schema.ts';
import { normaliseHost } from '../network/host.ts';
import { portSchema } from '../network/network.schema.ts';

// Partner systems of a machine: the MES, ERP, file share, broker or OPC UA endpoint it talks to,
// reached by host and port or by an address (URL or UNC path). A later commissioning test checks
// these connections; `server_reachable` records whether the Patchwerk server itself can reach one.

/** Kinds of partner systems, as stored codes. */
export const partnerSystemKinds = ['mes', 'erp', 'file_share', 'broker', 'opcua', 'other'] as const satisfies readonly PartnerSystemKind[];

// A share or folder name of a UNC path: none of the characters Windows forbids in names.
const uncSegmentPattern = /^[^\\/:*?"<>|\p{Cc}]+$/u;

/** True for `\\host\share[\folder…][\]`. */
function isUncPath(value: string): boolean {
  if (!value.startsWith('\\\\')) return false;
  const segments = value.slice(2).split('\\');
  if (segments.at(-1) === '') segments.pop();
  const [host, ...rest] = segments;
  if (host === undefined || normaliseHost(host) === null || rest.length === 0) return false;
  return rest.every((segment) => uncSegmentPattern.test(segment) && segment.trim() !== '');
}

/**
 * True for an address a partner system is reached by: `scheme://host[:port][/path]` (opc.tcp,
 * https, smb, mqtt, …) with a valid host and no user name or password, or a UNC path `\\host\share`.
 */
export function isPartnerAddress(text: string): boolean {
  const value = text;
  if (value === '' || /\p{Cc}/u.test(value)) return false;
  // Share and folder names may hold spaces; URLs write them encoded.
  if (value.startsWith('\\\\')) return isUncPath(value);
  if (/\s/u.test(value)) return false;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]/i.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials belong in no inventory.
  if (url.username !== '' || url.password !== '') return false;
  const host = url.hostname.startsWith('[') && url.hostname.endsWith(']') ? url.hostname.slice(1, -1) : url.hostname;
  return host !== '' && normaliseHost(host) !== null;
}

/** A host name or IP address; IP addresses are stored canonically, blank means unset (null). */
export const hostSchema = z
  .string()
  .max(253)
  .transform((value, ctx) => {
    if (value.trim() === '') return null;
    const host = normaliseHost(value);
    if (host === null) {
      ctx.addIssue({ code: 'custom', message: 'HOST_INVALID' });
      return z.NEVER;
    }
    return host;
  });

/**
 * An address: a URL with a host (`opc.tcp://10.0.0.5:4840`, `https://mes.local/api`,
 * `smb://fs01/nc`) or a UNC path (`\\fs01\nc`); trimmed, blank means unset (null).
 */
export const partnerAddressSchema = z
  .string()
  .max(2000)
  .transform((value, ctx) => {
    const address = value.trim();
    if (address === '') return null;
    if (!isPartnerAddress(address)) {
      ctx.addIssue({ code: 'custom', message: 'URL_INVALID' });
      return z.NEVER;
    }
    return address;
  });


const partnerSystemFields = {
  name: requiredLine(200),
  kind: z.enum(partnerSystemKinds),
  /** Blank or null clears host and url. */
  host: hostSchema.nullable().optional(),
  port: portSchema.nullable().optional(),
  url: partnerAddressSchema.nullable().optional(),
  /** True: the Patchwerk server can reach it; false: it cannot (a manual check); null: not stated. */
  server_reachable: z.boolean().nullable().optional(),
  notes: optionalText(2000),
};

/** POST /machines/:machine_id/partner-systems; host (with port) or url is required. */
export const createPartnerSystemBodySchema = z.strictObject(partnerSystemFields);

/** PATCH /partner-systems/:id; absent fields stay, null clears. The result still needs host or url. */
export const updatePartnerSystemBodySchema = z.strictObject({
  ...partnerSystemFields,
  name: partnerSystemFields.name.optional(),
  kind: partnerSystemFields.kind.optional(),
});

export const partnerSystemParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** A partner system as the API shows it; `machine_id` is the machine's plant key. */
export const partnerSystemView = z.object({
  id: z.string(),
  machine_id: z.string(),
  name: z.string(),
  kind: z.enum(partnerSystemKinds),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  url: z.string().nullable(),
  server_reachable: z.boolean().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** GET /machines/:machine_id/partner-systems: the machine's partner systems and whether one may be added. */
export const partnerSystemListView = z.object({ items: z.array(partnerSystemView), allowed_actions: z.array(z.string()) });

export type PartnerSystemView = z.infer<typeof partnerSystemView>;
export type PartnerSystemList = z.infer<typeof partnerSystemListView>;
export type CreatePartnerSystemBody = z.input<typeof createPartnerSystemBodySchema>;
export type UpdatePartnerSystemBody = z.input<typeof updatePartnerSystemBodySchema>;
