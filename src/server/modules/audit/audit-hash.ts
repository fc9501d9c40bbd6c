import { createHash } from 'node:crypto';
import type { AuditEventsTable } from '../../db/schema.ts';
import canonicalizeModule from 'canonicalize';

// The package is CommonJS whose typings declare an ES default export; at run time the default
// import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an audit event's hash covers, in the order of the issue (names are never hashed). */
export const hashedAuditKeys = [
  'seq', 'ts', 'actor_id', 'via', 'role', 'action', 'object_type', 'object_id', 'site_id', 'summary', 'prev_hash',
] as const satisfies readonly (keyof AuditEventsTable)[];

/** An event as far as its hash is concerned. */
export type HashedAuditFields = Pick<AuditEventsTable, (typeof hashedAuditKeys)[number]>;

/** SHA-256 (hex) over the RFC 8785 canonical JSON of the hashed fields. */
export function auditHash(event: HashedAuditFields): string {
  // Only the hashed keys, whatever else the row carries; seq as a number on both dialects.
  const fields = Object.fromEntries(hashedAuditKeys.map((key) => [key, key === 'seq' ? Number(event.seq) : event[key]]));
  return createHash('sha256').update(canonicalize(fields) ?? '', 'utf8').digest('hex');
}
