import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSegment, insertSite } from '../../../test-support/factories.ts';
import type { IpRegister } from './ip-register.schema.ts';

describeEachDialect('IP register', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let root: TestSession;
  let northOperator: TestSession;
  let vendor: TestSession;

  const addInterfaces = async (machineId: string, interfaces: { ip: string | null; segment: string | null; hostname?: string; mac?: string }[]) => {
    for (const [position, entry] of interfaces.entries()) {
      await ctx.db.insertInto('machine_interfaces').values({
        id: randomUUID(), machine_id: machineId, position, ip: entry.ip, mac: entry.mac ?? null, hostname: entry.hostname ?? null, segment_id: entry.segment,
      }).execute();
    }
  };
  const addBroker = async (segmentId: string, name: string, host: string) => {
    const at = ctx.clock.now().toISOString();
    await ctx.db.insertInto('brokers').values({ id: randomUUID(), segment_id: segmentId, name, kind: 'mqtt', host, port: 1883, notes: null, version: 1, created_at: at, updated_at: at }).execute();
  };

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    const cell1 = await insertSegment(ctx.db, north.id, 'ZELLE-1', { cidr: '10.20.0.0/24' });
    const cell2 = await insertSegment(ctx.db, north.id, 'ZELLE-2', { cidr: '10.20.1.0/24' });
    await insertSegment(ctx.db, north.id, 'ALT', { zone_type: 'unknown' });
    const office = await insertSegment(ctx.db, south.id, 'BUERO', { cidr: '10.20.0.0/24', zone_type: 'it' });
    await insertSegment(ctx.db, south.id, 'VLAN 99', { zone_type: 'unknown' });

    const fr1 = await insertMachine(ctx.db, { machine_id: 'FR-1', site_id: north.id, name: 'Fräse 1' });
    const fr2 = await insertMachine(ctx.db, { machine_id: 'FR-2', site_id: north.id });
    const fr3 = await insertMachine(ctx.db, { machine_id: 'FR-3', site_id: north.id });
    await insertMachine(ctx.db, { machine_id: 'FR-4', site_id: north.id });
    const old = await insertMachine(ctx.db, { machine_id: 'FR-ALT', site_id: north.id });
    const s1 = await insertMachine(ctx.db, { machine_id: 'S-1', site_id: south.id });
    await addInterfaces(fr1.id, [
      { ip: '10.20.0.10', segment: cell1, hostname: 'fr1', mac: '00:1b:1b:00:00:01' },
      { ip: '10.20.1.7', segment: cell1 },
      { ip: null, segment: cell2, mac: '00:1b:1b:00:00:02' },
    ]);
    await addInterfaces(fr2.id, [{ ip: '10.20.0.9', segment: cell2 }, { ip: '2001:db8::5', segment: cell1 }]);
    await addInterfaces(fr3.id, [{ ip: '10.20.0.9', segment: null }]);
    await addInterfaces(old.id, [{ ip: '10.20.0.10', segment: cell1 }]);
    await ctx.db.updateTable('machines').set({ decommissioned_at: '2026-11-01T00:00:00.000Z' }).where('id', '=', old.id).execute();
    await addInterfaces(s1.id, [{ ip: '10.20.0.10', segment: office }]);
    await addBroker(cell1, 'MQTT Zelle 1', '10.20.0.200');
    await addBroker(cell2, 'MQTT Zelle 2', '10.20.1.7');
    await addBroker(cell2, 'MQTT per Name', 'mqtt.werk.local');

    const now = ctx.clock.now();
    root = await createUserWithSession(ctx.db, { username: 'root', role: 'auditor' }, now);
    northOperator = await createUserWithSession(ctx.db, { username: 'nord.op', role: 'operator', scope: { kind: 'site', siteIds: [north.id] } }, now);
    vendor = await createUserWithSession(ctx.db, { username: 'vendor', role: 'vendor', scope: { kind: 'machine', machineIds: [fr2.id] } }, now);
  });
  after(async () => {
    await app.close();
  });

  const read = async (session: TestSession | null, query = '') => app.inject({ method: 'GET', url: `/api/v1/ip-register${query}`, headers: session?.headers ?? {} });
  const rows = (register: IpRegister) => register.items.map((item) => [item.site_key, item.segment_key, item.ip, item.machine_id ?? item.broker_name, item.flags]);

  it('lists every address per site and segment, numerically, with duplicates and addresses outside the segment flagged', async () => {
    const response = await read(root);
    assert.equal(response.statusCode, 200, response.body);
    const register = response.json<IpRegister>();
    assert.deepEqual(rows(register), [
      ['NORD', 'ZELLE-1', '10.20.0.10', 'FR-1', []],
      ['NORD', 'ZELLE-1', '10.20.0.200', 'MQTT Zelle 1', []],
      ['NORD', 'ZELLE-1', '10.20.1.7', 'FR-1', ['duplicate', 'outside_cidr']],
      ['NORD', 'ZELLE-1', '2001:db8::5', 'FR-2', []],
      ['NORD', 'ZELLE-2', '10.20.0.9', 'FR-2', ['duplicate', 'outside_cidr']],
      ['NORD', 'ZELLE-2', '10.20.1.7', 'MQTT Zelle 2', ['duplicate']],
      ['NORD', null, '10.20.0.9', 'FR-3', ['duplicate']],
      ['SUED', 'BUERO', '10.20.0.10', 'S-1', []],
    ]);
    const first = register.items[0]!;
    assert.deepEqual(
      [first.source, first.machine_name, first.hostname, first.mac, first.cidr, first.zone_type, first.segment_name, first.broker_id],
      ['interface', 'Fräse 1', 'fr1', '00:1b:1b:00:00:01', '10.20.0.0/24', 'ot_cell', 'Segment ZELLE-1', null],
    );
    const broker = register.items[1]!;
    assert.deepEqual([broker.source, broker.machine_id, broker.hostname, typeof broker.broker_id], ['broker', null, null, 'string']);
    assert.deepEqual(register.machines_without_segment, [
      { machine_id: 'FR-3', name: 'Machine FR-3', site_key: 'NORD' },
      { machine_id: 'FR-4', name: 'Machine FR-4', site_key: 'NORD' },
    ]);
    assert.deepEqual(register.unknown_zone_segments.map((segment) => `${segment.site_key}/${segment.segment_key}`), ['NORD/ALT', 'SUED/VLAN 99']);
    assert.deepEqual(register.counts, { entries: 8, duplicate: 4, outside_cidr: 2, machines_without_segment: 2, unknown_zone_segments: 2 });
  });

  it('filters by site; unknown sites and sites out of scope are 404, anonymous callers 401', async () => {
    const southOnly = (await read(root, '?site=sued')).json<IpRegister>();
    assert.deepEqual(rows(southOnly), [['SUED', 'BUERO', '10.20.0.10', 'S-1', []]]);
    assert.deepEqual(southOnly.counts, { entries: 1, duplicate: 0, outside_cidr: 0, machines_without_segment: 0, unknown_zone_segments: 1 });
    assert.equal((await read(root, '?site=NOPE')).statusCode, 404);
    assert.equal((await read(northOperator, '?site=SUED')).statusCode, 404);
    assert.equal((await read(vendor, '?site=NORD')).statusCode, 404);
    assert.equal((await read(root, '?flags=duplicate')).statusCode, 400);
    assert.equal((await read(null)).statusCode, 401);
  });

  it('shows a site-scoped reader their sites and a machine-scoped reader only their machines’ entries', async () => {
    const mine = (await read(northOperator)).json<IpRegister>();
    assert.deepEqual(mine.items.map((item) => item.site_key), ['NORD', 'NORD', 'NORD', 'NORD', 'NORD', 'NORD', 'NORD']);
    assert.deepEqual(mine.counts, { entries: 7, duplicate: 4, outside_cidr: 2, machines_without_segment: 2, unknown_zone_segments: 1 });
    assert.deepEqual((await read(northOperator, '?site=NORD')).json<IpRegister>(), mine);

    // Flags are worked out over what the caller may see.
    const own = (await read(vendor)).json<IpRegister>();
    assert.deepEqual(rows(own), [
      ['NORD', 'ZELLE-1', '2001:db8::5', 'FR-2', []],
      ['NORD', 'ZELLE-2', '10.20.0.9', 'FR-2', ['outside_cidr']],
    ]);
    assert.deepEqual([own.machines_without_segment, own.unknown_zone_segments], [[], []]);
  });
});
