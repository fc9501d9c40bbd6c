import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, UsersTable } from '../../db/schema.ts';
import { normaliseKey } from '../../db/normalise.ts';

export type UserRow = Selectable<UsersTable>;

/** One user by id, or undefined. */
export async function findUserRow(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One user by username (compared normalised), or undefined. */
export async function findUserRowByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username_norm', '=', normaliseKey(username)).executeTakeFirst();
}

/** Every user, by normalised username. */
export async function listUserRows(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username_norm').execute();
}

/** True when at least one user exists. */
export async function anyUserExists(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Applies `changes`, bumps the version and updated_at, atomically checked against
 * `expectedVersion` (null skips the check). Returns the new row, or undefined when nothing matched.
 */
export async function updateUserVersioned(
  trx: Kysely<Database>,
  id: string,
  expectedVersion: number | null,
  changes: Updateable<UsersTable>,
  now: string,
): Promise<UserRow | undefined> {
  let query = trx
    .updateTable('users')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  return query.returningAll().executeTakeFirst();
}
