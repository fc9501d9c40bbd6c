import { type Kysely } from 'kysely';

// Inventory II: conduits between segments (or to the internet) and message brokers per segment,
// partner systems per machine, framework contracts with their machines, test templates (per
// contract or per machine type in a site) with their items, spare parts and devices per site, and
// the `demo` flag of sites created by `patchwerk demo load`.

/** Creates the network documentation, contract and spare-part tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sites').addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('conduits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The site that owns the conduit: that of `from`, or of `to` when `from` is the internet.
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // null = the internet; never both null.
    .addColumn('from_segment_id', 'text', (c) => c.references('segments.id'))
    .addColumn('to_segment_id', 'text', (c) => c.references('segments.id'))
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('ports', 'text')
    .addColumn('service', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('firewall_rule', 'text')
    .addColumn('remote_access', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conduits_site_idx').on('conduits').column('site_id').execute();
  await db.schema.createIndex('conduits_from_idx').on('conduits').column('from_segment_id').execute();
  await db.schema.createIndex('conduits_to_idx').on('conduits').column('to_segment_id').execute();

  await db.schema
    .createTable('brokers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer')
    .addColumn('tls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('brokers_segment_idx').on('brokers').column('segment_id').execute();

  await db.schema
    .createTable('partner_systems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('port', 'integer')
    .addColumn('url', 'text')
    // 1 the server can reach it, 0 it cannot (a manual check), null not stated.
    .addColumn('server_reachable', 'integer')
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_systems_machine_idx').on('partner_systems').column('machine_id').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('reference_norm', 'text', (c) => c.notNull().unique())
    .addColumn('supplier', 'text', (c) => c.notNull())
    .addColumn('contacts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('update_obligation', 'text')
    .addColumn('responsibility', 'text', (c) => c.notNull())
    .addColumn('responsible_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('update_method', 'text')
    .addColumn('sla', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contract_machines')
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id'))
    .addPrimaryKeyConstraint('contract_machines_pk', ['contract_id', 'machine_id'])
    .execute();
  await db.schema.createIndex('contract_machines_machine_idx').on('contract_machines').column('machine_id').execute();

  await db.schema
    .createTable('test_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Either a contract's template, or a machine type's template in one site.
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('machine_type', 'text')
    .addColumn('machine_type_norm', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('test_templates_contract_idx').on('test_templates').column('contract_id').execute();
  await db.schema.createIndex('test_templates_type_idx').on('test_templates').columns(['site_id', 'machine_type_norm']).execute();

  await db.schema
    .createTable('test_template_items')
    .addColumn('template_id', 'text', (c) => c.notNull().references('test_templates.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('item_group', 'text', (c) => c.notNull())
    .addColumn('description_de', 'text')
    .addColumn('description_en', 'text')
    .addColumn('expected_de', 'text')
    .addColumn('expected_en', 'text')
    .addPrimaryKeyConstraint('test_template_items_pk', ['template_id', 'position'])
    .addUniqueConstraint('test_template_items_key_unique', ['template_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('spare_parts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text')
    .addColumn('model_number', 'text')
    .addColumn('firmware_version', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('storage_location', 'text')
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spare_parts_site_idx').on('spare_parts').column('site_id').execute();

  await db.schema
    .createTable('spare_part_machines')
    .addColumn('spare_part_id', 'text', (c) => c.notNull().references('spare_parts.id'))
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id'))
    .addPrimaryKeyConstraint('spare_part_machines_pk', ['spare_part_id', 'machine_id'])
    .execute();
}
