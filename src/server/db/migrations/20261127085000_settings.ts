import { type Kysely } from 'kysely';

// Installation-wide settings an admin changes in the app, one row per key with a JSON value (the
// first: which roles see advisories labelled TLP AMBER or RED). A missing row means the default.

/** Creates the settings table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Audit actor name of the last change.
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
