import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { it } from 'node:test';
import pino from 'pino';
import { cliActor } from '../policies/actor.ts';
import { createTestContext } from '../../test-support/context.ts';
import { describeEachDialect } from '../../test-support/databases.ts';
import { withWrite } from './write.ts';

describeEachDialect('withWrite', (database) => {
  it('keeps a committed change when the anchor file cannot be written, and logs it', async () => {
    const errors: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk: Buffer, _encoding, done) => {
      errors.push(chunk.toString('utf8'));
      done();
    } }));
    const ctx = { ...(await createTestContext(database())), logger };
    // A folder where the anchor file belongs: reading and replacing it fail.
    mkdirSync(ctx.auditAnchor.file, { recursive: true });
    const result = await withWrite(ctx, async ({ audit }) => {
      await audit({ actor: cliActor('test'), role: 'admin', action: 'test.event', objectType: 'test', objectId: null, siteId: null, summary: 'kept' });
      return 'done';
    });
    assert.equal(result, 'done');
    const events = await ctx.db.selectFrom('audit_events').select('summary').execute();
    assert.deepEqual(events.map((event) => event.summary), ['kept']);
    assert.match(errors.join(''), /audit anchor file could not be updated/);
  });

  it('rolls back the change and its audit event together', async () => {
    const ctx = await createTestContext(database());
    const before = await ctx.db.selectFrom('audit_events').select('seq').execute();
    await assert.rejects(
      withWrite(ctx, async ({ audit }) => {
        await audit({ actor: cliActor('test'), role: 'admin', action: 'test.event', objectType: 'test', objectId: null, siteId: null, summary: 'lost' });
        throw new Error('use case failed');
      }),
      /use case failed/,
    );
    const after = await ctx.db.selectFrom('audit_events').select('seq').execute();
    assert.equal(after.length, before.length);
  });

  it('reports a key taken by a concurrent write as DUPLICATE, not as an internal error', async () => {
    const ctx = await createTestContext(database());
    const site = (id: string) => ({ id, key: 'DUP', key_norm: 'dup', name: 'Dup', time_zone: 'Europe/Berlin', version: 1, created_at: '2026-11-26T08:00:00.000Z', updated_at: '2026-11-26T08:00:00.000Z' });
    await withWrite(ctx, ({ trx }) => trx.insertInto('sites').values(site('a')).execute());
    await assert.rejects(withWrite(ctx, ({ trx }) => trx.insertInto('sites').values(site('b')).execute()), { code: 'DUPLICATE' });
  });
});
