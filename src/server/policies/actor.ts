import type { Language } from '../errors/app-error.ts';
import type { Role } from './roles.ts';
import type { Scope } from './scope.ts';
import { roles } from './roles.ts';

/** One active grant of the acting person (or the limits of the API token in use). */
export interface ActorGrant {
  role: Role;
  scope: Scope;
  /** ISO instant, or null for no expiry. */
  expiresAt: string | null;
}

/** Who is acting: a logged-in user, an API token's user, the local CLI, or the system itself. */
export interface Actor {
  kind: 'user' | 'cli' | 'system';
  /** The users.id, or null for the CLI and the system. */
  userId: string | null;
  /** Shown in the audit log for the CLI (`cli:<os-user>`) and the system (`system`). */
  name: string;
  via: 'web' | 'api' | 'cli' | 'system';
  /** Active grants only: expired grants are dropped when the actor is resolved. */
  grants: ActorGrant[];
  language: Language;
  /** Session id (hash) when authenticated by cookie. */
  sessionId?: string;
  /** API token id when authenticated by bearer token. */
  tokenId?: string;
}

/** The local CLI: full rights, audited as `cli:<os-user>` (INTERFACES.md). */
export function cliActor(osUser: string, language: Language = 'en'): Actor {
  return {
    kind: 'cli',
    userId: null,
    name: `cli:${osUser}`,
    via: 'cli',
    grants: roles.map((role) => ({ role, scope: { kind: 'all' }, expiresAt: null })),
    language,
  };
}

/** The system itself (scheduled jobs, automatic transitions). */
export const systemActor: Actor = {
  kind: 'system',
  userId: null,
  name: 'system',
  via: 'system',
  grants: roles.map((role) => ({ role, scope: { kind: 'all' }, expiresAt: null })),
  language: 'en',
};
