import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { MachineRow, SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';

interface Listed {
  items: { key?: string; machine_id?: string; allowed_actions: string[] }[];
}

describeEachDialect('sites and machines (read)', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let press: MachineRow;
  let northEngineer: TestSession;
  let pressVendor: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    press = await insertMachine(ctx.db, { machine_id: 'PR-7', site_id: north.id });
    await insertMachine(ctx.db, { machine_id: 'DM-3', site_id: north.id });
    await insertMachine(ctx.db, { machine_id: 'FR-1', site_id: south.id });
    const now = ctx.clock.now();
    northEngineer = await createUserWithSession(ctx.db, { username: 'eng', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    pressVendor = await createUserWithSession(
      ctx.db,
      { username: 'vendor', role: 'vendor', scope: { kind: 'machine', machineIds: [press.id] }, expiresAt: new Date(now.getTime() + 86_400_000).toISOString() },
      now,
    );
  });
  after(async () => {
    await app.close();
  });

  const get = (session: TestSession, url: string) => app.inject({ method: 'GET', url, headers: session.headers });

  it('lists only the sites and machines inside the caller’s grants', async () => {
    const sites = (await get(northEngineer, '/api/v1/sites')).json<Listed>();
    assert.deepEqual(sites.items.map((site) => site.key), ['NORD']);
    assert.deepEqual(sites.items[0]?.allowed_actions, ['site.read']);
    const machines = (await get(northEngineer, '/api/v1/machines')).json<Listed>();
    assert.deepEqual(machines.items.map((machine) => machine.machine_id), ['DM-3', 'PR-7']);
    const vendorMachines = (await get(pressVendor, '/api/v1/machines')).json<Listed>();
    assert.deepEqual(vendorMachines.items.map((machine) => machine.machine_id), ['PR-7']);
    assert.deepEqual((await get(pressVendor, '/api/v1/sites')).json<Listed>().items, []);
  });

  it('finds machines case-insensitively with an ETag and hides other sites as 404', async () => {
    const found = await get(northEngineer, '/api/v1/machines/pr-7');
    assert.equal(found.statusCode, 200);
    assert.equal(found.headers.etag, '"1"');
    assert.equal((await get(northEngineer, '/api/v1/machines/FR-1')).statusCode, 404);
    assert.equal((await get(northEngineer, '/api/v1/machines/NOPE')).statusCode, 404);
    assert.equal((await get(northEngineer, '/api/v1/sites/sued')).statusCode, 404);
    assert.equal((await get(pressVendor, '/api/v1/machines/DM-3')).statusCode, 404);
  });

  it('refuses callers without a session', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/machines' })).statusCode, 401);
  });
});
