import { sql, type Kysely } from 'kysely';

// Inventory: site calendars, areas, network segments, the machine's descriptive fields, network
// interfaces and software/firmware components. Keys are unique per site; components are marked
// removed, never deleted, and unique by identity among those not removed.

/** Creates the inventory tables and extends sites and machines. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sites').addColumn('working_days', 'text', (c) => c.notNull().defaultTo('[1,2,3,4,5]')).execute();
  await db.schema.alterTable('sites').addColumn('shifts', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  await db.schema
    .createTable('site_non_working_days')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_non_working_days_pk', ['site_id', 'day'])
    .execute();

  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('key_norm', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('areas_site_key_unique', ['site_id', 'key_norm'])
    .execute();

  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('key_norm', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('vlan', 'integer')
    .addColumn('cidr', 'text')
    .addColumn('zone_type', 'text', (c) => c.notNull())
    .addColumn('needs_review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('segments_site_key_unique', ['site_id', 'key_norm'])
    .execute();

  for (const column of [
    'vendor', 'model', 'serial_number', 'machine_type', 'line', 'redundancy_group', 'criticality', 'safety_functions',
    'safety_impact', 'mission_impact', 'end_of_support', 'operating_system', 'operating_software', 'remote_access',
  ]) {
    await db.schema.alterTable('machines').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('machines').addColumn('area_id', 'text', (c) => c.references('areas.id')).execute();
  await db.schema.alterTable('machines').addColumn('updatable', 'integer').execute();
  await db.schema.alterTable('machines').addColumn('network_state', 'text', (c) => c.notNull().defaultTo('connected')).execute();
  await db.schema.alterTable('machines').addColumn('responsible_admin_id', 'text', (c) => c.references('users.id')).execute();

  await db.schema
    .createTable('machine_interfaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('mac', 'text')
    .addColumn('hostname', 'text')
    .addColumn('segment_id', 'text', (c) => c.references('segments.id'))
    .addUniqueConstraint('machine_interfaces_position_unique', ['machine_id', 'position'])
    .execute();

  await db.schema
    .createTable('components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id'))
    .addColumn('component_type', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text')
    .addColumn('vendor_norm', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('component_version', 'text')
    .addColumn('model_number', 'text')
    .addColumn('model_number_norm', 'text', (c) => c.notNull())
    .addColumn('cpe', 'text')
    .addColumn('purl', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('components_machine_idx').on('components').column('machine_id').execute();
  // Identity among components not removed: (machine, type, vendor, name, model number), normalised.
  await sql`CREATE UNIQUE INDEX components_identity_unique ON components (machine_id, component_type, vendor_norm, name_norm, model_number_norm) WHERE removed_at IS NULL`.execute(db);
}
