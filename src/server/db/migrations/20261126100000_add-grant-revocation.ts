import type { Kysely } from 'kysely';

// Grants are revoked, never deleted: the row stays for history and counts as inactive.

/** Adds revoked_at and revoked_by to grants. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('grants').addColumn('revoked_at', 'text').execute();
  await db.schema.alterTable('grants').addColumn('revoked_by', 'text', (c) => c.references('users.id')).execute();
}
