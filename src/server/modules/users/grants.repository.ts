import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ScopeKind } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { invalidField } from '../../errors/validation.ts';
import type { ActorGrant } from '../../policies/actor.ts';
import { isRole, type Role } from '../../policies/roles.ts';
import { formatScope, parseScope, type Scope } from '../../policies/scope.ts';
import { normaliseKey } from '../../db/normalise.ts';

/** A stored grant with its resolved scope. */
export interface GrantRecord extends ActorGrant {
  id: string;
  userId: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

/** A scope resolved from its text, with the sites of its machines (for containment checks). */
export interface ResolvedScope {
  scope: Scope;
  /** Canonical text with keys as stored (`site:HAM,KOE`). */
  text: string;
  machineSites: Map<string, string>;
}

/** Builds a Scope from a kind and the ids linked to it. */
export function scopeFromRows(kind: ScopeKind, siteIds: string[], machineIds: string[]): Scope {
  if (kind === 'all') return { kind: 'all' };
  if (kind === 'site') return { kind: 'site', siteIds };
  return { kind: 'machine', machineIds };
}

/** The grants of the given users with their scopes; revoked grants only when asked for. */
export async function loadGrants(
  db: Kysely<Database>,
  userIds: readonly string[],
  options: { includeRevoked?: boolean } = {},
): Promise<GrantRecord[]> {
  if (userIds.length === 0) return [];
  let query = db.selectFrom('grants').selectAll().where('user_id', 'in', userIds);
  if (!options.includeRevoked) query = query.where('revoked_at', 'is', null);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
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
      revokedAt: row.revoked_at,
    }];
  });
}

/** True when the grant is neither expired at `now` nor revoked. */
export function isGrantActive(grant: Pick<ActorGrant, 'expiresAt'> & { revokedAt?: string | null }, now: Date): boolean {
  if (grant.revokedAt) return false;
  return grant.expiresAt === null || grant.expiresAt > now.toISOString();
}

/** The unexpired, unrevoked grants of one user, as the actor's grants. */
export async function loadActiveGrants(db: Kysely<Database>, userId: string, now: Date): Promise<ActorGrant[]> {
  const grants = await loadGrants(db, [userId]);
  return grants.filter((grant) => isGrantActive(grant, now)).map(({ role, scope, expiresAt }) => ({ role, scope, expiresAt }));
}

/**
 * Resolves scope text (`all`, `site:KEY,…`, `machine:ID,…`) to database ids. Unparsable text is
 * VALIDATION_FAILED; a key naming no site or machine is SCOPE_UNKNOWN.
 */
export async function resolveScope(db: Kysely<Database>, text: string, pointer = '/scope'): Promise<ResolvedScope> {
  const spec = parseScope(text);
  if (!spec) {
    throw invalidField('SCOPE_SYNTAX', pointer, { value: text });
  }
  if (spec.kind === 'all') return { scope: { kind: 'all' }, text: 'all', machineSites: new Map() };
  const wanted = [...new Set(spec.keys.map(normaliseKey))];
  if (spec.kind === 'site') {
    const rows = await db.selectFrom('sites').select(['id', 'key', 'key_norm']).where('key_norm', 'in', wanted).execute();
    if (rows.length !== wanted.length) throw new AppError('SCOPE_UNKNOWN', { value: text });
    rows.sort((a, b) => a.key_norm.localeCompare(b.key_norm));
    return {
      scope: { kind: 'site', siteIds: rows.map((row) => row.id).sort() },
      text: formatScope({ kind: 'site', keys: rows.map((row) => row.key) }),
      machineSites: new Map(),
    };
  }
  const rows = await db.selectFrom('machines').select(['id', 'machine_id', 'machine_id_norm', 'site_id']).where('machine_id_norm', 'in', wanted).execute();
  if (rows.length !== wanted.length) throw new AppError('SCOPE_UNKNOWN', { value: text });
  rows.sort((a, b) => a.machine_id_norm.localeCompare(b.machine_id_norm));
  return {
    scope: { kind: 'machine', machineIds: rows.map((row) => row.id).sort() },
    text: formatScope({ kind: 'machine', keys: rows.map((row) => row.machine_id) }),
    machineSites: new Map(rows.map((row) => [row.id, row.site_id])),
  };
}

/** Machine id → site id for every machine named in the given scopes. */
export async function machineSitesOf(db: Kysely<Database>, scopes: readonly Scope[]): Promise<Map<string, string>> {
  const machineIds = [...new Set(scopes.flatMap((scope) => (scope.kind === 'machine' ? scope.machineIds : [])))];
  if (machineIds.length === 0) return new Map();
  const rows = await db.selectFrom('machines').select(['id', 'site_id']).where('id', 'in', machineIds).execute();
  return new Map(rows.map((row) => [row.id, row.site_id]));
}

/** A function that writes a scope as text with its keys, for the given scopes. */
export async function scopeFormatter(db: Kysely<Database>, scopes: readonly Scope[]): Promise<(scope: Scope) => string> {
  const siteIds = [...new Set(scopes.flatMap((scope) => (scope.kind === 'site' ? scope.siteIds : [])))];
  const machineIds = [...new Set(scopes.flatMap((scope) => (scope.kind === 'machine' ? scope.machineIds : [])))];
  const [sites, machines] = await Promise.all([
    siteIds.length ? db.selectFrom('sites').select(['id', 'key', 'key_norm']).where('id', 'in', siteIds).execute() : [],
    machineIds.length ? db.selectFrom('machines').select(['id', 'machine_id', 'machine_id_norm']).where('id', 'in', machineIds).execute() : [],
  ]);
  const siteKeys = new Map(sites.map((site) => [site.id, { key: site.key, sort: site.key_norm }]));
  const machineKeys = new Map(machines.map((machine) => [machine.id, { key: machine.machine_id, sort: machine.machine_id_norm }]));
  const keysOf = (ids: string[], names: Map<string, { key: string; sort: string }>): string[] =>
    ids
      .map((id) => names.get(id) ?? { key: id, sort: id })
      .sort((a, b) => a.sort.localeCompare(b.sort))
      .map((entry) => entry.key);
  return (scope) => {
    if (scope.kind === 'all') return 'all';
    if (scope.kind === 'site') return formatScope({ kind: 'site', keys: keysOf(scope.siteIds, siteKeys) });
    return formatScope({ kind: 'machine', keys: keysOf(scope.machineIds, machineKeys) });
  };
}

/** Inserts a grant and its scope links; returns its id. */
export async function insertGrant(
  trx: Kysely<Database>,
  grant: { userId: string; role: Role; scope: Scope; expiresAt: string | null; createdBy: string | null; createdAt: string },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('grants')
    .values({ id, user_id: grant.userId, role: grant.role, scope_kind: grant.scope.kind, expires_at: grant.expiresAt, created_by: grant.createdBy, created_at: grant.createdAt })
    .execute();
  if (grant.scope.kind === 'site' && grant.scope.siteIds.length > 0) {
    await trx.insertInto('grant_sites').values(grant.scope.siteIds.map((siteId) => ({ grant_id: id, site_id: siteId }))).execute();
  }
  if (grant.scope.kind === 'machine' && grant.scope.machineIds.length > 0) {
    await trx.insertInto('grant_machines').values(grant.scope.machineIds.map((machineId) => ({ grant_id: id, machine_id: machineId }))).execute();
  }
  return id;
}

/** Marks a grant of `userId` revoked; false when there is no such unrevoked grant. */
export async function markGrantRevoked(trx: Kysely<Database>, grantId: string, userId: string, revokedBy: string | null, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('grants')
    .set({ revoked_at: now, revoked_by: revokedBy })
    .where('id', '=', grantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ids of enabled users holding an active all-sites admin grant. */
export async function activeAllSitesAdminIds(db: Kysely<Database>, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('grants')
    .innerJoin('users', 'users.id', 'grants.user_id')
    .select('users.id')
    .distinct()
    .where('grants.role', '=', 'admin')
    .where('grants.scope_kind', '=', 'all')
    .where('grants.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('grants.expires_at', 'is', null), eb('grants.expires_at', '>', now.toISOString())]))
    .where('users.disabled', '=', 0)
    .execute();
  return rows.map((row) => row.id);
}
