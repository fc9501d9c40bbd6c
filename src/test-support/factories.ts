import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, MachineRow, SiteRow, ZoneType } from '../server/db/schema.ts';
import { normaliseKey } from '../server/db/normalise.ts';

// Rows for tests, valid with their parents, inserted directly: independent of the use cases' rules
// and audit, for tests whose subject is something else.

const TEST_INSTANT = '2026-11-26T08:00:00.000Z';

/** Inserts a site and returns its row. */
export async function insertSite(db: Kysely<Database>, fields: { key: string; name?: string; time_zone?: string }): Promise<SiteRow> {
  const row = {
    id: randomUUID(),
    key: fields.key,
    key_norm: normaliseKey(fields.key),
    name: fields.name ?? `Site ${fields.key}`,
    time_zone: fields.time_zone ?? 'Europe/Berlin',
    version: 1,
    created_at: TEST_INSTANT,
    updated_at: TEST_INSTANT,
  };
  await db.insertInto('sites').values(row).execute();
  return db.selectFrom('sites').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
}

/** Inserts a machine in an existing site and returns its row. */
export async function insertMachine(db: Kysely<Database>, fields: { machine_id: string; site_id: string; name?: string }): Promise<MachineRow> {
  const row = {
    id: randomUUID(),
    machine_id: fields.machine_id.trim(),
    machine_id_norm: normaliseKey(fields.machine_id),
    name: fields.name ?? `Machine ${fields.machine_id}`,
    site_id: fields.site_id,
    version: 1,
    created_at: TEST_INSTANT,
    updated_at: TEST_INSTANT,
    decommissioned_at: null,
  };
  await db.insertInto('machines').values(row).execute();
  return db.selectFrom('machines').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
}

/** Inserts an area in a site; returns its id. */
export async function insertArea(db: Kysely<Database>, siteId: string, key: string): Promise<string> {
  const id = randomUUID();
  await db.insertInto('areas').values({ id, site_id: siteId, key, key_norm: normaliseKey(key), name: `Area ${key}`, version: 1, created_at: TEST_INSTANT, updated_at: TEST_INSTANT }).execute();
  return id;
}

/** Inserts a network segment in a site; returns its id. */
export async function insertSegment(db: Kysely<Database>, siteId: string, key: string, fields: { cidr?: string; zone_type?: ZoneType } = {}): Promise<string> {
  const id = randomUUID();
  await db.insertInto('segments').values({
    id, site_id: siteId, key, key_norm: normaliseKey(key), name: `Segment ${key}`, vlan: null, cidr: fields.cidr ?? null,
    zone_type: fields.zone_type ?? 'ot_cell', version: 1, created_at: TEST_INSTANT, updated_at: TEST_INSTANT,
  }).execute();
  return id;
}
