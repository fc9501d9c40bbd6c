import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// The package is CommonJS whose typings declare an ES default export; at run time the default
// import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an audit event's hash covers (names are resolved through users, never hashed). */
export interface HashedAuditFields {
  seq: number;
  ts: string;
  actor_id: string | null;
  via: string;
  role: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  site_id: string | null;
  summary: string;
  prev_hash: string;
}

/** SHA-256 (hex) over the RFC 8785 canonical JSON of the hashed fields. */
export function auditHash(event: HashedAuditFields): string {
  const fields: HashedAuditFields = {
    seq: Number(event.seq),
    ts: event.ts,
    actor_id: event.actor_id,
    via: event.via,
    role: event.role,
    action: event.action,
    object_type: event.object_type,
    object_id: event.object_id,
    site_id: event.site_id,
    summary: event.summary,
    prev_hash: event.prev_hash,
  };
  return createHash('sha256').update(canonicalize(fields) ?? '', 'utf8').digest('hex');
}
