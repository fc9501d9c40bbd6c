import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { MachineRow, SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSegment, insertSite } from '../../../test-support/factories.ts';
import { refreshMachineSearchText } from './machines.repository.ts';

interface Page {
  items: { machine_id: string; name: string; site_key: string; criticality: string | null; updated_at: string }[];
  next_cursor: string | null;
  total: number;
}

interface Spec {
  machine_id: string;
  name: string;
  north: boolean;
  vendor?: string;
  criticality?: 'low' | 'medium' | 'high';
  network_state?: 'connected' | 'isolated';
  updatable?: number | null;
  components?: { name: string; vendor: string | null }[];
}

// Names with umlauts, ß and mixed case, so that sort and search must fold them the same way.
const specs: Spec[] = [
  { machine_id: 'PR-01', name: 'Presse MÜLLER', north: true, vendor: 'Hammer & Meißel GmbH', criticality: 'high', updatable: 1 },
  { machine_id: 'pr-02', name: 'presse müller 2', north: true, criticality: 'low', updatable: 0 },
  { machine_id: 'FB-01', name: 'Förderband Straße 3', north: true, criticality: 'medium', network_state: 'isolated' },
  { machine_id: 'FB-02', name: 'Foerderband Nord', north: true, vendor: 'HAMMER & MEISSEL GMBH', criticality: 'high', updatable: 1 },
  { machine_id: 'DR-01', name: 'Drehmaschine Ätna', north: false, criticality: 'high', components: [{ name: 'SINUMERIK 840D sl', vendor: 'Siemens' }] },
  { machine_id: 'DR-02', name: 'Drehmaschine Zeus', north: false, components: [{ name: 'TNC 640', vendor: 'Heidenhain' }, { name: 'Windows 10 IoT', vendor: 'Microsoft' }] },
  { machine_id: 'FR-%1', name: 'Fräse 100% Auslastung', north: true, criticality: 'medium', components: [{ name: 'WAGO PFC200', vendor: 'Weidmüller' }] },
  ...Array.from({ length: 18 }, (_, index): Spec => ({
    machine_id: `X-${String(index).padStart(2, '0')}`,
    name: `${index % 3 === 0 ? 'Ölpumpe' : index % 3 === 1 ? 'Zange' : 'abkantpresse'} ${index}`,
    north: index % 2 === 0,
    criticality: (['low', 'medium', 'high', undefined] as const)[index % 4],
    updatable: index % 3 === 0 ? 1 : index % 3 === 1 ? 0 : null,
  })),
];

const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss');
const rank = (value: string | null | undefined): number => (value === 'low' ? 1 : value === 'medium' ? 2 : value === 'high' ? 3 : 0);
const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

describeEachDialect('machines list: paging, sort, filters, search', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let admin: TestSession;
  let northEngineer: TestSession;
  let zeusVendor: TestSession;
  const rows = new Map<string, MachineRow>();

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SÜD' });
    const cell = await insertSegment(ctx.db, north.id, 'OT-Zelle-1', { cidr: '10.10.1.0/24' });
    for (const [index, spec] of specs.entries()) {
      const machine = await insertMachine(ctx.db, { machine_id: spec.machine_id, name: spec.name, site_id: spec.north ? north.id : south.id });
      await ctx.db
        .updateTable('machines')
        .set({
          vendor: spec.vendor ?? null,
          criticality: spec.criticality ?? null,
          network_state: spec.network_state ?? 'connected',
          updatable: spec.updatable ?? null,
          // Distinct and not in machine_id order, so the updated_at sort is its own order.
          updated_at: `2026-11-${String(1 + ((index * 7) % 25)).padStart(2, '0')}T08:00:00.000Z`,
        })
        .where('id', '=', machine.id)
        .execute();
      for (const component of spec.components ?? []) {
        await ctx.db.insertInto('components').values({
          id: randomUUID(), machine_id: machine.id, component_type: 'other', vendor: component.vendor, vendor_norm: normaliseKey(component.vendor ?? ''),
          name: component.name, name_norm: normaliseKey(component.name), component_version: '1', model_number: null, model_number_norm: '',
          cpe: null, purl: null, removed_at: null, version: 1, created_at: machine.created_at, updated_at: machine.created_at,
        }).execute();
      }
      if (spec.machine_id === 'PR-01' || spec.machine_id === 'X-00') {
        await ctx.db.insertInto('machine_interfaces').values({ id: randomUUID(), machine_id: machine.id, position: 0, ip: '10.10.1.5', mac: null, hostname: null, segment_id: cell }).execute();
      }
      await refreshMachineSearchText(ctx.db, machine.id);
      rows.set(spec.machine_id, await ctx.db.selectFrom('machines').selectAll().where('id', '=', machine.id).executeTakeFirstOrThrow());
    }
    const now = ctx.clock.now();
    admin = await createUserWithSession(ctx.db, { username: 'admin', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'eng.nord', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    zeusVendor = await createUserWithSession(
      ctx.db,
      { username: 'vendor', role: 'vendor', scope: { kind: 'machine', machineIds: [rows.get('DR-02')!.id] }, expiresAt: new Date(now.getTime() + 86_400_000).toISOString() },
      now,
    );
  });
  after(async () => {
    await app.close();
  });

  const get = (session: TestSession, url: string) => app.inject({ method: 'GET', url, headers: session.headers });
  const page = async (session: TestSession, url: string): Promise<Page> => {
    const response = await get(session, url);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<Page>();
  };
  /** Every machine_id of a listing, following next_cursor page by page. */
  const walk = async (session: TestSession, query: string, limit: number): Promise<{ ids: string[]; totals: number[] }> => {
    const ids: string[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const result = await page(session, `/api/v1/machines?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(result.items.length <= limit);
      ids.push(...result.items.map((item) => item.machine_id));
      totals.push(result.total);
      cursor = result.next_cursor;
      if (cursor === null) return { ids, totals };
    }
    assert.fail('paging did not end');
  };

  const sortValue: Record<string, (spec: Spec) => string | number> = {
    machine_id: (spec) => fold(spec.machine_id),
    name: (spec) => fold(spec.name),
    site: (spec) => fold(spec.north ? 'NORD' : 'SÜD'),
    criticality: (spec) => rank(spec.criticality),
    updated_at: (spec) => rows.get(spec.machine_id)!.updated_at,
  };

  for (const sort of ['machine_id', 'name', 'site', 'criticality', 'updated_at']) {
    for (const descending of [false, true]) {
      const key = `${descending ? '-' : ''}${sort}`;
      it(`pages through every machine exactly once, sort=${key}`, async () => {
        const expected = [...specs]
          .sort((a, b) => compare(sortValue[sort]!(a), sortValue[sort]!(b)) || compare(fold(a.machine_id), fold(b.machine_id)))
          .map((spec) => spec.machine_id);
        if (descending) expected.reverse();
        const { ids, totals } = await walk(admin, `&sort=${key}`, 4);
        assert.deepEqual(ids, expected);
        assert.ok(totals.every((total) => total === specs.length));
      });
    }
  }

  it('defaults to 50 per page sorted by machine_id, and rejects bad limits, sorts and cursors', async () => {
    const first = await page(admin, '/api/v1/machines');
    assert.equal(first.items.length, specs.length);
    assert.equal(first.next_cursor, null);
    assert.equal(first.items[0]?.machine_id, 'DR-01');
    for (const query of ['limit=0', 'limit=201', 'sort=vendor', 'cursor=bm9wZQ', 'updatable=yes', 'criticality=extreme']) {
      assert.equal((await get(admin, `/api/v1/machines?${query}`)).statusCode, 400, query);
    }
    const byName = await page(admin, '/api/v1/machines?sort=name&limit=2');
    assert.ok(byName.next_cursor);
    // A cursor belongs to its sort.
    assert.equal((await get(admin, `/api/v1/machines?sort=machine_id&cursor=${byName.next_cursor}`)).statusCode, 400);
    // A forged cursor whose value does not fit the sort's type is a 400, never a database error.
    const forge = (value: unknown[]): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    for (const [sort, value] of [['criticality', 'abc'], ['-criticality', '1.5'], ['criticality', 1.5], ['name', 7], ['updated_at', 3]] as const) {
      const response = await get(admin, `/api/v1/machines?sort=${sort}&cursor=${forge([sort, value, 'x'])}`);
      assert.equal(response.statusCode, 400, `${sort} ${JSON.stringify(value)}`);
    }
  });

  it('filters by site, segment, vendor (folded), criticality, network state and updatable', async () => {
    const ids = async (query: string): Promise<string[]> => (await walk(admin, query, 50)).ids;
    assert.deepEqual(await ids('&site=süd'), ['DR-01', 'DR-02', ...specs.filter((spec) => !spec.north && spec.machine_id.startsWith('X')).map((spec) => spec.machine_id)]);
    assert.deepEqual(await ids('&segment=ot-zelle-1'), ['PR-01', 'X-00']);
    assert.deepEqual(await ids(`&vendor=${encodeURIComponent('hammer & meissel gmbh')}`), ['FB-02', 'PR-01']);
    assert.deepEqual(await ids('&criticality=high&updatable=true'), ['FB-02', 'PR-01', ...specs.filter((s) => s.machine_id.startsWith('X') && s.criticality === 'high' && s.updatable === 1).map((s) => s.machine_id)]);
    assert.deepEqual(await ids('&network_state=isolated'), ['FB-01']);
    const notUpdatableNorth = specs.filter((s) => s.north && s.updatable === 0).sort((a, b) => compare(fold(b.name), fold(a.name)));
    assert.ok(notUpdatableNorth.length >= 3);
    assert.deepEqual(await ids('&updatable=false&site=NORD&sort=-name'), notUpdatableNorth.map((s) => s.machine_id));
    assert.deepEqual(await ids('&site=unknown'), []);
    const filtered = await page(admin, '/api/v1/machines?criticality=high&limit=1');
    assert.equal(filtered.total, specs.filter((spec) => spec.criticality === 'high').length);
  });

  it('searches machine_id, name and components with case, umlauts and ß folded', async () => {
    const ids = async (q: string): Promise<string[]> => (await walk(admin, `&q=${encodeURIComponent(q)}`, 50)).ids;
    // FR-%1 matches through its component vendor Weidmüller.
    assert.deepEqual(await ids('müller'), ['FR-%1', 'PR-01', 'pr-02']);
    assert.deepEqual(await ids('MÜLLER'), ['FR-%1', 'PR-01', 'pr-02']);
    assert.deepEqual(await ids('presse MÜLLER'), ['PR-01', 'pr-02']);
    assert.deepEqual(await ids('strasse'), ['FB-01']);
    assert.deepEqual(await ids('STRASSE'), ['FB-01']);
    assert.deepEqual(await ids('Straße'), ['FB-01']);
    assert.deepEqual(await ids('ätna'), ['DR-01']);
    assert.deepEqual(await ids('ÖLPUMPE'), specs.filter((s) => s.name.startsWith('Ölpumpe')).map((s) => s.machine_id).sort());
    // Component names and vendors, and every word must match.
    assert.deepEqual(await ids('heidenhain'), ['DR-02']);
    assert.deepEqual(await ids('weidmüller'), ['FR-%1']);
    assert.deepEqual(await ids('sinumerik siemens'), ['DR-01']);
    assert.deepEqual(await ids('sinumerik heidenhain'), []);
    assert.deepEqual(await ids('pr-0'), ['PR-01', 'pr-02']);
    // LIKE wildcards are literal.
    assert.deepEqual(await ids('100%'), ['FR-%1']);
    assert.deepEqual(await ids('_'), []);
    assert.deepEqual(await ids('%'), ['FR-%1']);
  });

  it('keeps the search current when components change (refreshMachineSearchText)', async () => {
    const machine = rows.get('X-01')!;
    assert.deepEqual((await page(admin, '/api/v1/machines?q=beckhoff')).items, []);
    await ctx.db.insertInto('components').values({
      id: randomUUID(), machine_id: machine.id, component_type: 'plc', vendor: 'Beckhoff', vendor_norm: 'beckhoff', name: 'TwinCAT 3', name_norm: 'twincat 3',
      component_version: '3.1', model_number: null, model_number_norm: '', cpe: null, purl: null, removed_at: null, version: 1, created_at: machine.created_at, updated_at: machine.created_at,
    }).execute();
    await refreshMachineSearchText(ctx.db, machine.id);
    assert.deepEqual((await page(admin, '/api/v1/machines?q=BECKHOFF')).items.map((item) => item.machine_id), ['X-01']);
    await ctx.db.updateTable('components').set({ removed_at: machine.created_at }).where('machine_id', '=', machine.id).execute();
    await refreshMachineSearchText(ctx.db, machine.id);
    assert.deepEqual((await page(admin, '/api/v1/machines?q=beckhoff')).items, []);
  });

  it('applies the caller’s scope to paging, filters and search', async () => {
    const northIds = specs.filter((spec) => spec.north).map((spec) => spec.machine_id);
    const { ids, totals } = await walk(northEngineer, '&sort=-name', 3);
    assert.deepEqual([...ids].sort(), [...northIds].sort());
    assert.ok(totals.every((total) => total === northIds.length));
    assert.deepEqual((await page(northEngineer, '/api/v1/machines?q=drehmaschine')).items, []);
    assert.equal((await page(northEngineer, '/api/v1/machines?q=drehmaschine')).total, 0);
    assert.deepEqual((await page(northEngineer, '/api/v1/machines?site=S%C3%9CD')).items, []);
    assert.deepEqual((await page(northEngineer, '/api/v1/machines?q=m%C3%BCller')).items.map((item) => item.machine_id), ['FR-%1', 'PR-01', 'pr-02']);
    const vendor = await page(zeusVendor, '/api/v1/machines?q=drehmaschine');
    assert.deepEqual(vendor.items.map((item) => item.machine_id), ['DR-02']);
    assert.equal(vendor.total, 1);
    assert.equal((await page(zeusVendor, '/api/v1/machines?site=NORD')).total, 0);
  });
});
