import type { Kysely } from 'kysely';
import type { Database, ScopeKind } from '../../db/schema.ts';
import type { ActorGrant } from '../../policies/actor.ts';
import { isRole } from '../../policies/roles.ts';
import type { Scope } from '../../policies/scope.ts';

/** A stored grant with its resolved scope. */
export interface GrantRecord extends ActorGrant {
  id: string;
  userId: string;
  createdAt: string;
  createdBy: string | null;
}

/** Builds a Scope from a kind and the ids linked to it. */
export function scopeFromRows(kind: ScopeKind, siteIds: string[], machineIds: string[]): Scope {
  if (kind === 'all') return { kind: 'all' };
  if (kind === 'site') return { kind: 'site', siteIds };
  return { kind: 'machine', machineIds };
}

/** All grants of the given users (expired ones included), with their scopes. */
export async function loadGrants(db: Kysely<Database>, userIds: readonly string[]): Promise<GrantRecord[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('grants').selectAll().where('user_id', 'in', userIds).orderBy('created_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const grantIds = rows.map((row) => row.id);
  const [sites, machines] = await Promise.all([
    db.selectFrom('grant_sites').selectAll().where('grant_id', 'in', grantIds).execute(),
    db.selectFrom('grant_machines').selectAll().where('grant_id', 'in', grantIds).execute(),
  ]);
  return rows.flatMap((row) => {
    if (!isRole(row.role)) return [];
    const siteIds = sites.filter((link) => link.grant_id === row.id).map((link) => link.site_id).sort();
    const machineIds = machines.filter((link) => link.grant_id === row.id).map((link) => link.machine_id).sort();
    return [{
      id: row.id,
      userId: row.user_id,
      role: row.role,
      scope: scopeFromRows(row.scope_kind, siteIds, machineIds),
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      createdBy: row.created_by,
    }];
  });
}

/** True when the grant has not expired at `now`. */
export function isGrantActive(grant: Pick<ActorGrant, 'expiresAt'>, now: Date): boolean {
  return grant.expiresAt === null || grant.expiresAt > now.toISOString();
}

/** The unexpired grants of one user, as the actor's grants. */
export async function loadActiveGrants(db: Kysely<Database>, userId: string, now: Date): Promise<ActorGrant[]> {
  const grants = await loadGrants(db, [userId]);
  return grants.filter((grant) => isGrantActive(grant, now)).map(({ role, scope, expiresAt }) => ({ role, scope, expiresAt }));
}
