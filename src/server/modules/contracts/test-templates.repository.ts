import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, TestTemplateItemsTable, TestTemplatesTable } from '../../db/schema.ts';

/** A template with its site's key (type templates) and its contract's reference (contract templates). */
export type TemplateRow = Selectable<TestTemplatesTable> & { site_key: string | null; contract_reference: string | null };
export type TemplateItemRow = Selectable<TestTemplateItemsTable>;

function selectTemplates(db: Kysely<Database>) {
  return db
    .selectFrom('test_templates')
    .leftJoin('sites', 'sites.id', 'test_templates.site_id')
    .leftJoin('contracts', 'contracts.id', 'test_templates.contract_id')
    .selectAll('test_templates')
    .select(['sites.key as site_key', 'contracts.reference as contract_reference']);
}

/** One template by id, or undefined. */
export async function findTemplateRow(db: Kysely<Database>, id: string): Promise<TemplateRow | undefined> {
  return selectTemplates(db).where('test_templates.id', '=', id).executeTakeFirst();
}

/** The templates of these contracts, by name. */
export async function listContractTemplateRows(db: Kysely<Database>, contractIds: readonly string[]): Promise<TemplateRow[]> {
  if (contractIds.length === 0) return [];
  return selectTemplates(db).where('test_templates.contract_id', 'in', [...contractIds]).orderBy('test_templates.name').orderBy('test_templates.id').execute();
}

/** Every contract template, by name (the caller filters by what it may read). */
export async function listAllContractTemplateRows(db: Kysely<Database>): Promise<TemplateRow[]> {
  return selectTemplates(db).where('test_templates.contract_id', 'is not', null).orderBy('test_templates.name').orderBy('test_templates.id').execute();
}

/** The machine-type templates of these sites (all sites when `siteIds` is null), optionally of one normalised type. */
export async function listTypeTemplateRows(db: Kysely<Database>, siteIds: readonly string[] | null, machineTypeNorm?: string): Promise<TemplateRow[]> {
  if (siteIds !== null && siteIds.length === 0) return [];
  let query = selectTemplates(db).where('test_templates.site_id', 'is not', null).orderBy('sites.key_norm').orderBy('test_templates.machine_type_norm').orderBy('test_templates.name');
  if (siteIds !== null) query = query.where('test_templates.site_id', 'in', [...siteIds]);
  if (machineTypeNorm !== undefined) query = query.where('test_templates.machine_type_norm', '=', machineTypeNorm);
  return query.execute();
}

/** The items of these templates, in order. */
export async function listTemplateItems(db: Kysely<Database>, templateIds: readonly string[]): Promise<TemplateItemRow[]> {
  if (templateIds.length === 0) return [];
  return db.selectFrom('test_template_items').selectAll().where('template_id', 'in', [...templateIds]).orderBy('template_id').orderBy('position').execute();
}

/** The machines (id, site, type) among `machineIds` in a site, for machine-scoped readers of type templates. */
export async function listMachineTypes(db: Kysely<Database>, machineIds: readonly string[], siteId: string): Promise<{ id: string; site_id: string; machine_type: string | null }[]> {
  if (machineIds.length === 0) return [];
  return db.selectFrom('machines').select(['id', 'site_id', 'machine_type']).where('id', 'in', [...machineIds]).where('site_id', '=', siteId).execute();
}

/** Inserts a template row. */
export async function insertTemplateRow(trx: Kysely<Database>, row: Insertable<TestTemplatesTable>): Promise<void> {
  await trx.insertInto('test_templates').values(row).execute();
}

/** Replaces the items of a template. */
export async function replaceTemplateItems(trx: Kysely<Database>, templateId: string, items: readonly Insertable<TestTemplateItemsTable>[]): Promise<void> {
  await trx.deleteFrom('test_template_items').where('template_id', '=', templateId).execute();
  if (items.length > 0) await trx.insertInto('test_template_items').values([...items]).execute();
}

/** Sets the name with an atomic version check; the id when updated, else undefined. */
export async function updateTemplateVersioned(trx: Kysely<Database>, id: string, expectedVersion: number | null, name: string, now: string): Promise<string | undefined> {
  let query = trx
    .updateTable('test_templates')
    .set((eb) => ({ name, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  return (await query.returning('id').executeTakeFirst())?.id;
}
