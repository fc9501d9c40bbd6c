import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../../test-support/databases.ts';
import { knownMigrations, migrateToLatest } from './migrator.ts';

describeEachDialect('migrations', (database) => {
  it('applies every migration once and is idempotent on a second run', async () => {
    const { db, adapter } = database();
    const applied = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    assert.deepEqual(applied.map((row) => (row as { name: string }).name), knownMigrations());
    assert.deepEqual(await migrateToLatest(db as Kysely<unknown>, adapter), []);
  });

  it('enforces the machine → site foreign key', async () => {
    const { db } = database();
    const now = new Date().toISOString();
    await assert.rejects(
      db.insertInto('machines').values({
        id: randomUUID(), machine_id: 'M-1', machine_id_norm: 'm-1', name: 'Lathe', site_id: 'missing',
        version: 1, created_at: now, updated_at: now, decommissioned_at: null,
      }).execute(),
    );
  });

  it('refuses UPDATE and DELETE on the audit log', async () => {
    const { db } = database();
    await db.insertInto('audit_events').values({
      seq: 1, ts: new Date().toISOString(), actor_id: null, via: 'system', role: null, action: 'test.event',
      object_type: 'test', object_id: null, site_id: null, summary: 'x', prev_hash: '0', hash: '1',
    }).execute();
    await assert.rejects(db.updateTable('audit_events').set({ summary: 'changed' }).execute(), /append-only/);
    await assert.rejects(db.deleteFrom('audit_events').execute(), /append-only/);
    const row = await db.selectFrom('audit_events').select('summary').executeTakeFirstOrThrow();
    assert.equal(row.summary, 'x');
  });
});
