import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { restrictedTlpRoles } from '../settings/settings.service.ts';
import { RESTRICTED_TLP } from './advisories.repository.ts';

// Documents labelled TLP AMBER or RED exist only for the roles an admin allows (settings: by default
// admin and security officer); for everyone else they do not exist (NOT_FOUND, absent from lists).

/** What one actor may see of TLP-restricted documents. */
export interface TlpVisibility {
  /** The actor holds a role that sees documents labelled TLP AMBER or RED. */
  seesRestricted: boolean;
  /** Whether a document with this TLP label is visible to the actor. */
  visible(tlp: string | null): boolean;
}

/** True for TLP labels whose documents only the allowed roles see. */
export function isRestrictedTlp(tlp: string | null): boolean {
  return tlp !== null && (RESTRICTED_TLP as readonly string[]).includes(tlp.trim().toUpperCase());
}

/** The actor's view of TLP-restricted documents, by the current setting. */
export async function tlpVisibilityOf(db: Kysely<Database>, actor: Actor): Promise<TlpVisibility> {
  const roles = await restrictedTlpRoles(db);
  const seesRestricted = actor.grants.some((grant) => roles.includes(grant.role));
  return { seesRestricted, visible: (tlp) => !isRestrictedTlp(tlp) || seesRestricted };
}
