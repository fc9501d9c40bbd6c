import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normaliseKey } from '../../db/normalise.ts';
import type { Database, ZoneType } from '../../db/schema.ts';

// Areas and segments for machine tests, inserted directly (their API belongs to the sites module).

const TEST_INSTANT = '2026-11-26T08:00:00.000Z';

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
