import { sql, type Kysely } from 'kysely';

// The machines list pages on the server: normalised sort/filter columns on machines, a separate
// search table (so list scans stay narrow) and indexes for keyset paging. SQLite folds only ASCII
// case, so every case-insensitive comparison runs on text folded in JavaScript.

// A frozen copy of `foldSearchText` (machines.repository.ts): a migration must keep doing what it
// did when it landed, even if the application's folding changes later.
function fold(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').trim();
}

interface MachineBackfill {
  id: string;
  machine_id: string;
  name: string;
  vendor: string | null;
}

interface ComponentBackfill {
  machine_id: string;
  vendor: string | null;
  name: string;
}

/** Adds name_norm, vendor_norm, machine_search and the list indexes; backfills existing machines. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('machines').addColumn('name_norm', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('machines').addColumn('vendor_norm', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema
    .createTable('machine_search')
    .addColumn('machine_id', 'text', (c) => c.primaryKey().references('machines.id'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('machines_name_sort_idx').on('machines').columns(['name_norm', 'machine_id_norm']).execute();
  await db.schema.createIndex('machines_updated_sort_idx').on('machines').columns(['updated_at', 'machine_id_norm']).execute();
  await db.schema.createIndex('machines_site_sort_idx').on('machines').columns(['site_id', 'machine_id_norm']).execute();
  await db.schema.createIndex('machines_vendor_idx').on('machines').columns(['vendor_norm', 'machine_id_norm']).execute();
  await db.schema.createIndex('machine_interfaces_segment_idx').on('machine_interfaces').columns(['segment_id', 'machine_id']).execute();

  const machines = (await sql<MachineBackfill>`SELECT id, machine_id, name, vendor FROM machines`.execute(db)).rows;
  const components = (await sql<ComponentBackfill>`SELECT machine_id, vendor, name FROM components WHERE removed_at IS NULL`.execute(db)).rows;
  const byMachine = new Map<string, ComponentBackfill[]>();
  for (const component of components) byMachine.set(component.machine_id, [...(byMachine.get(component.machine_id) ?? []), component]);
  for (const machine of machines) {
    const parts = [machine.machine_id, machine.name, ...(byMachine.get(machine.id) ?? []).flatMap((component) => [component.name, component.vendor ?? ''])];
    const text = parts.map(fold).filter((part) => part !== '').join('\n');
    await sql`UPDATE machines SET name_norm = ${fold(machine.name)}, vendor_norm = ${fold(machine.vendor ?? '')} WHERE id = ${machine.id}`.execute(db);
    await sql`INSERT INTO machine_search (machine_id, search_text) VALUES (${machine.id}, ${text})`.execute(db);
  }
}
