import { type Kysely } from 'kysely';

// Software identities of matching: components with the same facts (vendor, name, version, model
// number, CPE, PURL, and the machine builder when the component names no vendor) share one identity,
// and advisory products are judged once per identity instead of once per component — a plant runs
// the same controller firmware on hundreds of machines. The vendor keys that pre-filter candidates
// move from the components to the identities. Identities are derived data: a component without one
// gets it on the next matching run, and `rematchAll` rebuilds them all.

/** Creates identities and their vendor keys, links components to them and drops the per-component keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('match_identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // SHA-256 of the facts below: unique, so a component finds its identity by one lookup.
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('vendor', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('component_version', 'text')
    .addColumn('model_number', 'text')
    .addColumn('cpe', 'text')
    .addColumn('purl', 'text')
    // The machine builder, kept only for components that name no vendor (it adds vendor keys).
    .addColumn('machine_vendor', 'text')
    .execute();

  // One row per vendor key of an identity; an identity whose keys are none has one row with the key ''.
  await db.schema
    .createTable('match_identity_keys')
    .addColumn('identity_id', 'text', (c) => c.notNull().references('match_identities.id'))
    .addColumn('vendor_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('match_identity_keys_pk', ['identity_id', 'vendor_key'])
    .execute();
  await db.schema.createIndex('match_identity_keys_vendor_idx').on('match_identity_keys').column('vendor_key').execute();

  // Null until the next matching run assigns it (also after a change of the component or its machine).
  await db.schema.alterTable('components').addColumn('match_identity_id', 'text').execute();
  await db.schema.createIndex('components_match_identity_idx').on('components').column('match_identity_id').execute();

  await db.schema.dropTable('component_match_keys').execute();
}
