import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { it } from 'node:test';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { ManualClock } from '../../clock.ts';
import { withWrite } from '../../db/write.ts';
import { cliActor } from '../../policies/actor.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect, type TestDatabase } from '../../../test-support/databases.ts';
import { auditHash } from './audit-hash.ts';
import { verifyAuditLog } from './audit-verify.ts';

/** Appends `count` events through withWrite, as the use cases do. */
async function appendEvents(ctx: AppContext, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    (ctx.clock as ManualClock).advance(1000);
    await withWrite(ctx, (scope) => scope.audit({
      actor: cliActor('tester'), role: 'admin', action: 'test.event', objectType: 'test', objectId: `o-${i + 1}`, siteId: null, summary: `event ${i + 1}`,
    }));
  }
}

/** Removes the append-only triggers, as an attacker with database access could. */
async function dropTriggers(database: TestDatabase): Promise<void> {
  const statements = database.dialect === 'postgres'
    ? ['DROP TRIGGER audit_events_no_update_delete ON audit_events', 'DROP TRIGGER audit_events_no_truncate ON audit_events']
    : ['DROP TRIGGER audit_events_no_update', 'DROP TRIGGER audit_events_no_delete'];
  for (const statement of statements) await sql.raw(statement).execute(database.db);
}

/**
 * Starts a tamper case on the suite's database: triggers dropped, log and anchor emptied, `count`
 * fresh events appended. (One database per suite: Kysely's migrator cannot yet migrate a second
 * PostgreSQL schema while another test schema exists in the same database.)
 */
async function tamperable(database: TestDatabase, count: number, body: (ctx: AppContext, database: TestDatabase) => Promise<void>): Promise<void> {
  const ctx = await createTestContext(database);
  if (!triggersDropped.has(database)) {
    await dropTriggers(database);
    triggersDropped.add(database);
  }
  await database.db.deleteFrom('audit_events').execute();
  rmSync(ctx.auditAnchor.file, { force: true });
  await appendEvents(ctx, count);
  await body(ctx, database);
}

const triggersDropped = new WeakSet<TestDatabase>();

async function row(database: TestDatabase, seq: number) {
  return database.db.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}

describeEachDialect('audit log verification', (database, dialect) => {
  it('accepts an intact chain and matches the anchor', async () => {
    const ctx = await createTestContext(database());
    await appendEvents(ctx, 5);
    assert.deepEqual(await verifyAuditLog(ctx), { ok: true, events: 5, first_bad_seq: null, kind: null });
    const head = await row(database(), 5);
    assert.deepEqual(ctx.auditAnchor.read(), { seq: 5, hash: head.hash });
  });

  it('refuses UPDATE and DELETE while the triggers are present', async () => {
    const ctx = await createTestContext(database());
    await assert.rejects(ctx.db.updateTable('audit_events').set({ summary: 'changed' }).where('seq', '=', 1).execute(), /append-only/);
    await assert.rejects(ctx.db.deleteFrom('audit_events').where('seq', '=', 5).execute(), /append-only/);
    if (dialect === 'postgres') await assert.rejects(sql`TRUNCATE audit_events`.execute(ctx.db), /append-only/);
    assert.equal((await row(database(), 1)).summary, 'event 1');
    assert.equal((await verifyAuditLog(ctx)).ok, true);
  });

  it('detects a changed summary at its seq', async () => {
    await tamperable(database(), 5, async (ctx, db) => {
      await db.db.updateTable('audit_events').set({ summary: 'nothing happened' }).where('seq', '=', 3).execute();
      assert.deepEqual(await verifyAuditLog(ctx), { ok: false, events: 5, first_bad_seq: 3, kind: 'changed' });
    });
  });

  it('detects a forged event appended beyond the anchor', async () => {
    await tamperable(database(), 4, async (ctx, db) => {
      const last = await row(db, 4);
      const forged = { ...last, seq: 5, summary: 'forged', prev_hash: last.hash };
      await db.db.insertInto('audit_events').values({ ...forged, hash: auditHash(forged) }).execute();
      assert.deepEqual(await verifyAuditLog(ctx), { ok: false, events: 5, first_bad_seq: 5, kind: 'inserted' });
    });
  });

  it('detects a forged replacement in the middle whose own hash is valid', async () => {
    await tamperable(database(), 5, async (ctx, db) => {
      const original = await row(db, 3);
      await db.db.deleteFrom('audit_events').where('seq', '=', 3).execute();
      const forged = { ...original, summary: 'forged replacement' };
      await db.db.insertInto('audit_events').values({ ...forged, hash: auditHash(forged) }).execute();
      assert.deepEqual(await verifyAuditLog(ctx), { ok: false, events: 5, first_bad_seq: 3, kind: 'inserted' });
    });
  });

  it('detects a deleted middle event', async () => {
    await tamperable(database(), 5, async (ctx, db) => {
      await db.db.deleteFrom('audit_events').where('seq', '=', 2).execute();
      assert.deepEqual(await verifyAuditLog(ctx), { ok: false, events: 4, first_bad_seq: 2, kind: 'deleted' });
    });
  });

  it('detects the newest two events deleted as truncated', async () => {
    await tamperable(database(), 5, async (ctx, db) => {
      await db.db.deleteFrom('audit_events').where('seq', '>=', 4).execute();
      assert.deepEqual(await verifyAuditLog(ctx), { ok: false, events: 3, first_bad_seq: 4, kind: 'truncated' });
    });
  });

  it('reads the chain in pages (more events than one page)', async () => {
    await tamperable(database(), 0, async (ctx, db) => {
      // 5,003 events in one transaction each would be slow; insert a valid chain directly instead.
      const events = [];
      let prev = '0'.repeat(64);
      for (let seq = 1; seq <= 5_003; seq += 1) {
        const fields = { seq, ts: '2026-11-26T08:00:00.000Z', actor_id: 'system', via: 'system' as const, role: null, action: 'test.bulk',
          object_type: 'test', object_id: null, site_id: null, summary: `bulk ${seq}`, prev_hash: prev };
        prev = auditHash(fields);
        events.push({ ...fields, hash: prev });
      }
      for (let start = 0; start < events.length; start += 500) await db.db.insertInto('audit_events').values(events.slice(start, start + 500)).execute();
      ctx.auditAnchor.advance({ seq: 5_003, hash: prev });
      assert.deepEqual(await verifyAuditLog(ctx), { ok: true, events: 5_003, first_bad_seq: null, kind: null });
      await db.db.updateTable('audit_events').set({ summary: 'late change' }).where('seq', '=', 5_002).execute();
      assert.deepEqual(await verifyAuditLog(ctx), { ok: false, events: 5_003, first_bad_seq: 5_002, kind: 'changed' });
    });
  });
});
