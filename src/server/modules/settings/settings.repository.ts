import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The stored JSON value of `key`, parsed; undefined when the setting was never changed. */
export async function readSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

/** Stores `value` as the setting `key` (inserted or replaced). */
export async function writeSetting(db: Kysely<Database>, key: string, value: unknown, options: { now: string; by: string }): Promise<void> {
  const row = { key, value: JSON.stringify(value), updated_at: options.now, updated_by: options.by };
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}
