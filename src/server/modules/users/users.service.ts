import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { UsersTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { allSitesRole, authorize, permittedRole, policies, type Action } from '../../policies/policies.ts';
import type { Scope } from '../../policies/scope.ts';
import { checkPasswordLength, hashPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/sessions.repository.ts';
import { checkAdminRemains, checkGrantShape, checkGrantWithinGranter, checkNotOwnGrants, type GrantRequest } from './grant-rules.ts';
import {
  activeAllSitesAdminIds,
  insertGrant,
  loadGrants,
  machineSitesOf,
  markGrantRevoked,
  resolveScope,
  scopeFormatter,
  type GrantRecord,
} from './grants.repository.ts';
import { authorizeUserList, authorizeUserManage, authorizeUserRead, canSeeUser, userAllowedActions, type UserAction, type UserTarget } from './users.policy.ts';
import {
  findUserRow,
  findUserRowByUsername,
  listUserRows,
  updateUserVersioned,
  type UserRow,
} from './users.repository.ts';
import {
  createUserBodySchema,
  grantInputSchema,
  passwordSchema,
  updateOwnProfileBodySchema,
  updateUserBodySchema,
  type GrantInput,
  type MeView,
  type UserView,
} from './users.schema.ts';
import { normaliseKey } from '../../db/normalise.ts';
import { parseInput } from '../../errors/validation.ts';
import { canCreateSites } from '../sites/sites.policy.ts';
import { listObjectHistory } from '../audit/audit.repository.ts';
import type { AuditItem } from '../audit/audit.schema.ts';

/** Input of `createUser`; the same fields as POST /users. */
export interface CreateUserInput {
  /** Login name as entered; unique compared case-insensitively. */
  username: string;
  /** At least 12 characters; stored as an argon2id hash. */
  password: string;
  /** Name shown in the UI and on protocols; defaults to the username. */
  display_name?: string;
  email?: string | null;
  /** Printed on protocols, e.g. "Elektrofachkraft". */
  qualification?: string | null;
  language?: 'de' | 'en';
  /** Company of vendor accounts. */
  company?: string | null;
  /** At least one grant: role, scope text and optional expiry. */
  grants: GrantInput[];
}

/** Profile fields an admin may change on a user (PATCH /users/:id). */
export type UpdateUserInput = Partial<Pick<UsersTable, 'display_name' | 'email' | 'qualification' | 'language' | 'company'>>;

/** Profile fields users change on themselves (PATCH /auth/me). */
export type UpdateOwnProfileInput = Partial<Pick<UsersTable, 'display_name' | 'email' | 'language'>>;

interface LoadedUser {
  row: UserRow;
  grants: GrantRecord[];
}

interface LoadedUsers {
  users: LoadedUser[];
  machineSites: Map<string, string>;
  formatScope: (scope: Scope) => string;
}

const quote = (text: string): string => JSON.stringify(text);

function targetOf(user: LoadedUser): UserTarget {
  return { id: user.row.id, disabled: user.row.disabled === 1, grants: user.grants };
}

async function loadUsers(ctx: AppContext, actor: Actor, rows: UserRow[]): Promise<LoadedUsers> {
  const grants = await loadGrants(ctx.db, rows.map((row) => row.id));
  const scopes = [...grants.map((grant) => grant.scope), ...actor.grants.map((grant) => grant.scope)];
  const [machineSites, formatScope] = await Promise.all([machineSitesOf(ctx.db, scopes), scopeFormatter(ctx.db, scopes)]);
  const users = rows.map((row) => ({ row, grants: grants.filter((grant) => grant.userId === row.id) }));
  return { users, machineSites, formatScope };
}

function present(actor: Actor, user: LoadedUser, loaded: LoadedUsers): UserView {
  const { row } = user;
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    email: row.email,
    qualification: row.qualification,
    language: row.language,
    company: row.company,
    auth_source: row.auth_source,
    disabled: row.disabled === 1,
    locked_until: row.locked_until,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    grants: user.grants.map((grant) => ({
      id: grant.id,
      role: grant.role,
      scope: loaded.formatScope(grant.scope),
      expires_at: grant.expiresAt,
      created_at: grant.createdAt,
    })),
    allowed_actions: userAllowedActions(actor, targetOf(user), loaded.machineSites),
  };
}

async function presentRow(ctx: AppContext, actor: Actor, row: UserRow): Promise<UserView> {
  const loaded = await loadUsers(ctx, actor, [row]);
  return present(actor, loaded.users[0]!, loaded);
}

async function loadOne(ctx: AppContext, actor: Actor, userId: string): Promise<{ user: LoadedUser; loaded: LoadedUsers }> {
  const row = await findUserRow(ctx.db, userId);
  if (!row) throw new AppError('NOT_FOUND');
  const loaded = await loadUsers(ctx, actor, [row]);
  return { user: loaded.users[0]!, loaded };
}

/** Loads a user the actor may manage with `action`: 404 when not visible, 403 when not manageable. */
async function loadForManage(ctx: AppContext, actor: Actor, userId: string, action: UserAction) {
  const { user, loaded } = await loadOne(ctx, actor, userId);
  const role = authorizeUserManage(actor, action, targetOf(user), loaded.machineSites);
  return { user, loaded, role };
}

function staleUnless<T>(value: T | undefined): T {
  if (value === undefined) throw new AppError('STALE_OBJECT');
  return value;
}

/** Resolves and checks one requested grant against the rules and the granter's scope. */
async function prepareGrant(ctx: AppContext, actor: Actor, input: GrantInput, pointer: string): Promise<GrantRequest & { text: string }> {
  const parsed = parseInput(grantInputSchema, input);
  const resolved = await resolveScope(ctx.db, parsed.scope, `${pointer}/scope`);
  const request: GrantRequest = { role: parsed.role, scope: resolved.scope, expiresAt: parsed.expires_at ?? null };
  checkGrantShape(request, ctx.clock.now());
  checkGrantWithinGranter(actor.grants, request, resolved.machineSites);
  return { ...request, text: resolved.text };
}

/** Describes a grant for audit summaries: `admin on site:HAM until …`. */
function describeGrant(grant: { role: string; text: string; expiresAt: string | null }): string {
  return `${grant.role} on ${grant.text}${grant.expiresAt ? ` until ${grant.expiresAt}` : ''}`;
}

/** The user views of every user the actor may see (requires user.read). */
export async function listUsers(ctx: AppContext, actor: Actor): Promise<UserView[]> {
  authorizeUserList(actor);
  const loaded = await loadUsers(ctx, actor, await listUserRows(ctx.db));
  return loaded.users.filter((user) => canSeeUser(actor, targetOf(user), loaded.machineSites)).map((user) => present(actor, user, loaded));
}

/** One user's view; NOT_FOUND when missing or not visible to the actor. */
export async function getUser(ctx: AppContext, actor: Actor, userId: string): Promise<UserView> {
  const { user, loaded } = await loadOne(ctx, actor, userId);
  authorizeUserRead(actor, targetOf(user), loaded.machineSites);
  return present(actor, user, loaded);
}

/** The id and version of the user with this username (compared case-insensitively), or null. */
export async function findUserByUsername(ctx: Pick<AppContext, 'db'>, username: string): Promise<{ id: string; version: number } | null> {
  const row = await findUserRowByUsername(ctx.db, username);
  return row ? { id: row.id, version: row.version } : null;
}

/** Creates a local user with one or more grants, each within the actor's admin scope. */
export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput): Promise<UserView> {
  const role = authorize(actor, 'user.create', 'global');
  const parsed = parseInput(createUserBodySchema, input);
  checkPasswordLength(parsed.password);
  const grants: (GrantRequest & { text: string })[] = [];
  for (const [index, grant] of parsed.grants.entries()) grants.push(await prepareGrant(ctx, actor, grant, `/grants/${index}`));
  if (await findUserRowByUsername(ctx.db, parsed.username)) throw new AppError('CONFLICT', { value: parsed.username });
  const passwordHash = await hashPassword(parsed.password);
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  try {
    await withWrite(ctx, async (write) => {
    const { trx } = write;
      await trx
        .insertInto('users')
        .values({
          id,
          username: parsed.username,
          username_norm: normaliseKey(parsed.username),
          display_name: parsed.display_name ?? parsed.username,
          email: parsed.email ?? null,
          qualification: parsed.qualification ?? null,
          language: parsed.language ?? 'de',
          company: parsed.company ?? null,
          auth_source: 'local',
          external_subject: null,
          password_hash: passwordHash,
          password_changed_at: now,
          disabled: 0,
          locked_until: null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await write.audit({ actor, role, action: 'user.create', objectType: 'user', objectId: id, siteId: null, summary: `Created user ${quote(parsed.username)}` });
      for (const grant of grants) {
        await insertGrant(trx, { userId: id, role: grant.role, scope: grant.scope, expiresAt: grant.expiresAt, createdBy: actor.userId, createdAt: now });
        await write.audit({ actor, role, action: 'grant.create', objectType: 'user', objectId: id, siteId: null, summary: `Granted ${describeGrant(grant)} to ${quote(parsed.username)}` });
      }
    });
  } catch (error) {
    if (ctx.adapter.isUniqueViolation(error)) throw new AppError('CONFLICT', { value: parsed.username });
    throw error;
  }
  return getUser(ctx, actor, id);
}

/** Changes profile fields of a user the actor manages. */
export async function updateUser(ctx: AppContext, actor: Actor, userId: string, expectedVersion: number | null, input: UpdateUserInput): Promise<UserView> {
  const changes = parseInput(updateUserBodySchema, input);
  const { user, role } = await loadForManage(ctx, actor, userId, 'user.update');
  const updated = await withWrite(ctx, async (write) => {
    const { trx } = write;
    const row = staleUnless(await updateUserVersioned(trx, userId, expectedVersion, changes satisfies Updateable<UsersTable>, ctx.clock.now().toISOString()));
    await write.audit({ actor, role, action: 'user.update', objectType: 'user', objectId: userId, siteId: null, summary: `Updated ${quote(user.row.username)}: ${Object.keys(changes).join(', ') || 'no fields'}` });
    return row;
  });
  return presentRow(ctx, actor, updated);
}

/** Changes the actor's own profile (display name, e-mail, language). */
export async function updateOwnProfile(ctx: AppContext, actor: Actor, expectedVersion: number | null, input: UpdateOwnProfileInput): Promise<UserView> {
  if (!actor.userId) throw new AppError('FORBIDDEN');
  const userId = actor.userId;
  const changes = parseInput(updateOwnProfileBodySchema, input);
  const existing = await findUserRow(ctx.db, userId);
  if (!existing) throw new AppError('NOT_FOUND');
  const updated = await withWrite(ctx, async (write) => {
    const { trx } = write;
    const row = staleUnless(await updateUserVersioned(trx, userId, expectedVersion, changes, ctx.clock.now().toISOString()));
    await write.audit({ actor, role: null, action: 'user.update', objectType: 'user', objectId: userId, siteId: null, summary: `Updated own profile of ${quote(existing.username)}: ${Object.keys(changes).join(', ') || 'no fields'}` });
    return row;
  });
  return presentRow(ctx, actor, updated);
}

/** Disables a user (never deleted) and ends their sessions; refuses to disable the last all-sites admin. */
export async function disableUser(ctx: AppContext, actor: Actor, userId: string, expectedVersion: number | null): Promise<UserView> {
  const { user, loaded, role } = await loadForManage(ctx, actor, userId, 'user.disable');
  if (actor.userId === userId) throw new AppError('FORBIDDEN');
  if (user.row.disabled === 1) {
    if (expectedVersion !== null && expectedVersion !== user.row.version) throw new AppError('STALE_OBJECT');
    return present(actor, user, loaded);
  }
  const now = ctx.clock.now();
  const updated = await withWrite(ctx, async (write) => {
    const { trx } = write;
    const before = await activeAllSitesAdminIds(trx, now);
    const row = staleUnless(await updateUserVersioned(trx, userId, expectedVersion, { disabled: 1 }, now.toISOString()));
    checkAdminRemains(before, await activeAllSitesAdminIds(trx, now));
    await deleteUserSessions(trx, userId);
    await write.audit({ actor, role, action: 'user.disable', objectType: 'user', objectId: userId, siteId: null, summary: `Disabled ${quote(user.row.username)}` });
    return row;
  });
  return presentRow(ctx, actor, updated);
}

/** Enables a disabled user again. */
export async function enableUser(ctx: AppContext, actor: Actor, userId: string, expectedVersion: number | null): Promise<UserView> {
  const { user, loaded, role } = await loadForManage(ctx, actor, userId, 'user.enable');
  if (user.row.disabled === 0) {
    if (expectedVersion !== null && expectedVersion !== user.row.version) throw new AppError('STALE_OBJECT');
    return present(actor, user, loaded);
  }
  const updated = await withWrite(ctx, async (write) => {
    const { trx } = write;
    const row = staleUnless(await updateUserVersioned(trx, userId, expectedVersion, { disabled: 0 }, ctx.clock.now().toISOString()));
    await write.audit({ actor, role, action: 'user.enable', objectType: 'user', objectId: userId, siteId: null, summary: `Enabled ${quote(user.row.username)}` });
    return row;
  });
  return presentRow(ctx, actor, updated);
}

/** Adds a grant to another user; bumps the user's version. */
export async function addGrant(ctx: AppContext, actor: Actor, userId: string, expectedVersion: number | null, input: GrantInput): Promise<UserView> {
  const { user, loaded } = await loadOne(ctx, actor, userId);
  authorizeUserRead(actor, targetOf(user), loaded.machineSites);
  checkNotOwnGrants(actor.userId, userId);
  const role = authorizeUserManage(actor, 'grant.create', targetOf(user), loaded.machineSites);
  const grant = await prepareGrant(ctx, actor, input, '');
  const now = ctx.clock.now().toISOString();
  const updated = await withWrite(ctx, async (write) => {
    const { trx } = write;
    const row = staleUnless(await updateUserVersioned(trx, userId, expectedVersion, {}, now));
    await insertGrant(trx, { userId, role: grant.role, scope: grant.scope, expiresAt: grant.expiresAt, createdBy: actor.userId, createdAt: now });
    await write.audit({ actor, role, action: 'grant.create', objectType: 'user', objectId: userId, siteId: null, summary: `Granted ${describeGrant(grant)} to ${quote(user.row.username)}` });
    return row;
  });
  return presentRow(ctx, actor, updated);
}

/** Revokes a grant of another user (kept as history); bumps the user's version. */
export async function revokeGrant(ctx: AppContext, actor: Actor, userId: string, grantId: string, expectedVersion: number | null): Promise<UserView> {
  const { user, loaded } = await loadOne(ctx, actor, userId);
  authorizeUserRead(actor, targetOf(user), loaded.machineSites);
  checkNotOwnGrants(actor.userId, userId);
  const role = authorizeUserManage(actor, 'grant.revoke', targetOf(user), loaded.machineSites);
  const grant = user.grants.find((candidate) => candidate.id === grantId);
  if (!grant) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  const updated = await withWrite(ctx, async (write) => {
    const { trx } = write;
    const before = await activeAllSitesAdminIds(trx, now);
    const row = staleUnless(await updateUserVersioned(trx, userId, expectedVersion, {}, now.toISOString()));
    if (!(await markGrantRevoked(trx, grantId, userId, actor.userId, now.toISOString()))) throw new AppError('NOT_FOUND');
    checkAdminRemains(before, await activeAllSitesAdminIds(trx, now));
    const text = loaded.formatScope(grant.scope);
    await write.audit({ actor, role, action: 'grant.revoke', objectType: 'user', objectId: userId, siteId: null, summary: `Revoked ${describeGrant({ role: grant.role, text, expiresAt: grant.expiresAt })} from ${quote(user.row.username)}` });
    return row;
  });
  return presentRow(ctx, actor, updated);
}

/** Sets a new password for another user, lifts a lock and ends their sessions. */
export async function resetPassword(ctx: AppContext, actor: Actor, userId: string, expectedVersion: number | null, newPassword: string): Promise<void> {
  const password = parseInput(passwordSchema, newPassword);
  const { user, role } = await loadForManage(ctx, actor, userId, 'user.password_reset');
  // One's own password is changed with the current one (POST /auth/password), never reset.
  if (actor.userId === userId) throw new AppError('FORBIDDEN');
  checkPasswordLength(password);
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now().toISOString();
  await withWrite(ctx, async (write) => {
    const { trx } = write;
    staleUnless(await updateUserVersioned(trx, userId, expectedVersion, { password_hash: passwordHash, password_changed_at: now, locked_until: null }, now));
    // Lifting the lock also settles the failures that caused it; otherwise one typo locks again.
    await trx.deleteFrom('login_failures').where('username_norm', '=', user.row.username_norm).execute();
    await deleteUserSessions(trx, userId);
    await write.audit({ actor, role, action: 'user.password_reset', objectType: 'user', objectId: userId, siteId: null, summary: `Reset the password of ${quote(user.row.username)}` });
  });
}

/** The audit events about a user, for whoever may see the user. */
export async function userHistory(ctx: AppContext, actor: Actor, userId: string): Promise<AuditItem[]> {
  const { user, loaded } = await loadOne(ctx, actor, userId);
  authorizeUserRead(actor, targetOf(user), loaded.machineSites);
  return listObjectHistory(ctx.db, 'user', userId);
}

/** The actions of the policies table the actor may do somewhere (drives the navigation). */
export function globalActions(actor: Actor): Action[] {
  return (Object.keys(policies) as Action[]).filter((action) =>
    // Creating sites (also by loading the demo plant) needs an all-sites grant, not just the role somewhere.
    action === 'site.create' || action === 'demo.load'
      ? canCreateSites(actor)
      : action === 'settings.advisory_visibility'
        ? allSitesRole(actor, action) !== null
        : permittedRole(actor, action, 'global') !== null,
  );
}

/** The logged-in user's own view with their global actions. */
export async function getMe(ctx: AppContext, actor: Actor): Promise<MeView> {
  if (!actor.userId) throw new AppError('NOT_FOUND');
  const view = await getUser(ctx, actor, actor.userId);
  return { ...view, global_actions: globalActions(actor) };
}
