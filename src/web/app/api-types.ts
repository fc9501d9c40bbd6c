// Shapes of the REST API under /api/v1: the server's zod-inferred types, imported as types only so no
// server code reaches the bundle. roles.ts is a plain module without Node imports, so its list may.
import type { z } from 'zod';
import type { ArtifactView } from '../../server/modules/artifacts/artifacts.schema.ts';
import type { AuditItem, AuditList, auditVerificationSchema } from '../../server/modules/audit/audit.schema.ts';
import type { SetupInput } from '../../server/modules/auth/setup.service.ts';
import type { MachineView } from '../../server/modules/machines/machines.schema.ts';
import type { SiteView } from '../../server/modules/sites/sites.schema.ts';
import type { CreatedToken, CreateTokenInput, TokenView } from '../../server/modules/tokens/tokens.schema.ts';
import type { GrantInput, MeView, UserView } from '../../server/modules/users/users.schema.ts';
import type { CreateUserInput, UpdateUserInput } from '../../server/modules/users/users.service.ts';

export { roles, type Role } from '../../server/policies/roles.ts';
export type { ArtifactView, AuditItem, AuditList, CreatedToken, CreateTokenInput, CreateUserInput, GrantInput, MachineView, MeView, SetupInput, SiteView, TokenView, UpdateUserInput, UserView };

/** The two UI and response languages. */
export type Language = UserView['language'];

/** One grant of a user. */
export type GrantView = UserView['grants'][number];

/** Answer of `GET /audit/verify` (`audit verify` of INTERFACES.md). */
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** Answer of login, setup and `/auth/me`. */
export interface SessionResponse {
  user: MeView;
  /** Null for requests authenticated by API token. */
  csrf_token: string | null;
}

/** A list answer. */
export interface ItemList<T> {
  items: T[];
}
