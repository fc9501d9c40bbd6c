import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { ConduitProtocol, MachineRow, SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSegment, insertSite } from '../../../test-support/factories.ts';
import { loadDemoPlant } from '../demo/demo-load.service.ts';
import { hammerUndMeissel } from '../demo/hammer-und-meissel.ts';
import { layoutProblems } from './topology-geometry.ts';
import type { TopologyView } from './topology.schema.ts';
import { topologyDrawing } from './topology.service.ts';

const HOSTILE = `<script>alert(1)</script> & "Werk" 'Süd'`;

describeEachDialect('topology', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let admin: TestSession;
  let northOperator: TestSession;
  let vendor: TestSession;
  const seg: Record<string, string> = {};
  let lathe: MachineRow;

  const stamps = () => ({ version: 1, created_at: ctx.clock.now().toISOString(), updated_at: ctx.clock.now().toISOString() });
  const addInterface = (machine: MachineRow, position: number, segmentId: string | null) =>
    ctx.db.insertInto('machine_interfaces').values({ id: randomUUID(), machine_id: machine.id, position, ip: null, mac: null, hostname: null, segment_id: segmentId }).execute();
  const addConduit = (id: string, siteId: string, from: string | null, to: string | null, protocol: ConduitProtocol, ports: string | null, remote = 0) =>
    ctx.db.insertInto('conduits').values({ id, site_id: siteId, from_segment_id: from, to_segment_id: to, protocol, ports, service: null, purpose: `Zweck ${id}`, firewall_rule: null, remote_access: remote, ...stamps() }).execute();

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD', name: 'Werk Nord' });
    south = await insertSite(ctx.db, { key: 'SUED', name: HOSTILE });
    seg.it = await insertSegment(ctx.db, north.id, 'IT', { zone_type: 'it' });
    seg.dmz = await insertSegment(ctx.db, north.id, 'DMZ', { zone_type: 'ot_dmz', cidr: '10.1.1.0/24' });
    seg.z1 = await insertSegment(ctx.db, north.id, 'Zelle 1', { zone_type: 'ot_cell' });
    seg.south = await insertSegment(ctx.db, south.id, 'Süd-Zelle', { zone_type: 'ot_cell' });
    lathe = await insertMachine(ctx.db, { machine_id: 'N-DREH', site_id: north.id, name: 'Drehmaschine' });
    await addInterface(lathe, 0, null);
    await addInterface(lathe, 1, seg.z1);
    await addInterface(lathe, 2, seg.dmz);
    await insertMachine(ctx.db, { machine_id: 'N-LOSE', site_id: north.id, name: 'Ohne Netz' });
    const isolated = await insertMachine(ctx.db, { machine_id: 'N-ISO', site_id: north.id, name: 'Insel' });
    await ctx.db.updateTable('machines').set({ network_state: 'isolated' }).where('id', '=', isolated.id).execute();
    await addInterface(isolated, 0, seg.z1);
    const old = await insertMachine(ctx.db, { machine_id: 'N-ALT', site_id: north.id, name: 'Ausgemustert' });
    await ctx.db.updateTable('machines').set({ decommissioned_at: ctx.clock.now().toISOString() }).where('id', '=', old.id).execute();
    await addInterface(old, 0, seg.z1);
    const press = await insertMachine(ctx.db, { machine_id: 'S-PRESSE', site_id: south.id, name: HOSTILE });
    await addInterface(press, 0, seg.south);
    await ctx.db.insertInto('brokers').values({ id: randomUUID(), segment_id: seg.dmz, name: 'mqtt-nord', kind: 'mqtt', host: 'broker.local', port: 8883, notes: null, ...stamps() }).execute();
    await addConduit('c-inet-it', north.id, null, seg.it, 'tcp', '443', 1);
    await addConduit('c-dmz-z1', north.id, seg.dmz, seg.z1, 'tcp', '4840');
    await addConduit('c-cross', north.id, seg.dmz, seg.south, 'tcp', '8883');
    await addConduit('c-south-inet', south.id, seg.south, null, 'udp', '500, 4500', 1);
    const now = ctx.clock.now();
    admin = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    northOperator = await createUserWithSession(ctx.db, { username: 'nord.op', role: 'operator', scope: { kind: 'site', siteIds: [north.id] } }, now);
    vendor = await createUserWithSession(ctx.db, { username: 'vendor', role: 'vendor', scope: { kind: 'machine', machineIds: [lathe.id] } }, now);
  });
  after(async () => {
    await app.close();
  });

  const get = (session: TestSession | null, query: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/api/v1/topology${query}`, headers: { ...(session?.headers ?? {}), ...headers } });

  it('answers the model as JSON: machines in their first segment, the others noted, unassigned and isolated ones marked', async () => {
    const response = await get(admin, '?format=json&lang=de');
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json<TopologyView>();
    assert.equal(view.site_key, null);
    assert.deepEqual(view.sites.map((site) => site.key), ['NORD', 'SUED']);
    const nord = view.sites[0]!;
    assert.deepEqual(nord.segments.map((segment) => [segment.key, segment.zone_type]), [['DMZ', 'ot_dmz'], ['IT', 'it'], ['Zelle 1', 'ot_cell']]);
    const cell = nord.segments.find((segment) => segment.key === 'Zelle 1')!;
    assert.deepEqual(cell.machines.map((machine) => [machine.machine_id, machine.network_state, machine.other_segments]), [['N-DREH', 'connected', ['DMZ']], ['N-ISO', 'isolated', []]]);
    assert.deepEqual(nord.unassigned_machines.map((machine) => machine.machine_id), ['N-LOSE']);
    assert.deepEqual(nord.segments.find((segment) => segment.key === 'DMZ')!.brokers, [{ name: 'mqtt-nord', kind: 'mqtt' }]);
    // Numbered conduits: internet first, then by site and segment key.
    assert.deepEqual(view.conduits.map((conduit) => [conduit.number, conduit.id, conduit.internet, conduit.remote_access]), [
      [1, 'c-inet-it', true, true],
      [2, 'c-dmz-z1', false, false],
      [3, 'c-cross', false, false],
      [4, 'c-south-inet', true, true],
    ]);
    assert.deepEqual(view.conduits[2]!.to, { kind: 'segment', segment_id: seg.south, segment_key: 'Süd-Zelle', site_key: 'SUED' });
    assert.ok(view.boxes.some((box) => box.kind === 'machine' && box.machine_id === 'N-DREH' && box.parent_id === `segment-${seg.z1}`));
    assert.ok(!JSON.stringify(view).includes('N-ALT'), 'decommissioned machines are not drawn');
  });

  it('sends the SVG as an attachment with nosniff, named after the site, with the ids on its elements', async () => {
    const response = await get(admin, '?site=nord&format=svg&lang=de');
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'image/svg+xml; charset=utf-8');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="topologie-NORD\.svg"/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.match(String(response.headers['content-security-policy']), /sandbox/);
    const svg = response.body;
    assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
    for (const id of [seg.it, seg.dmz, seg.z1]) assert.ok(svg.includes(`data-segment-id="${id}"`), id);
    assert.ok(svg.includes('data-segment-key="Zelle 1"'));
    for (const machine of ['N-DREH', 'N-ISO', 'N-LOSE']) assert.ok(svg.includes(`data-machine-id="${machine}"`), machine);
    for (const conduit of ['c-inet-it', 'c-dmz-z1', 'c-cross']) assert.ok(svg.includes(`data-conduit-id="${conduit}"`), conduit);
    // The southern site is only a peer here; its conduit to the internet is not drawn.
    assert.ok(!svg.includes(`data-segment-id="${seg.south}"`));
    assert.ok(svg.includes(`data-peer-segment-id="${seg.south}"`));
    assert.ok(!svg.includes('c-south-inet'));
    assert.ok(svg.includes('>isoliert<'));
    // Hostile text of the other site (its name is not shown here; the machine's is in the full drawing).
    const all = (await get(admin, '?format=svg')).body;
    assert.ok(!all.includes('<script>'));
    assert.ok(all.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Werk&quot;') || all.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Werk"'));
  });

  it('labels in the language asked for, else by Accept-Language', async () => {
    const english = await get(admin, '?site=NORD&lang=en');
    assert.match(String(english.headers['content-disposition']), /^attachment; filename="topology-NORD\.svg"/);
    assert.ok(english.body.includes('>isolated<'));
    assert.ok(english.body.includes('xml:lang="en"'));
    const byHeader = await get(admin, '?site=NORD', { 'accept-language': 'en-GB,en;q=0.9' });
    assert.ok(byHeader.body.includes('>isolated<'));
    const german = await get(admin, '', { 'accept-language': 'de-DE' });
    assert.match(String(german.headers['content-disposition']), /^attachment; filename="topologie-alle\.svg"/);
    assert.ok(german.body.includes('>Legende<'));
  });

  it('shows a site-scoped caller only their sites; other sites are 404 and hidden as conduit ends', async () => {
    assert.equal((await get(northOperator, '?site=SUED')).statusCode, 404);
    assert.equal((await get(northOperator, '?site=SUED&format=json')).json<{ code: string }>().code, 'NOT_FOUND');
    assert.equal((await get(northOperator, '?site=NIRGENDS')).statusCode, 404);
    const view = (await get(northOperator, '?format=json')).json<TopologyView>();
    assert.deepEqual(view.sites.map((site) => site.key), ['NORD']);
    assert.deepEqual(view.conduits.find((conduit) => conduit.id === 'c-cross')!.to, { kind: 'hidden' });
    assert.ok(!view.conduits.some((conduit) => conduit.id === 'c-south-inet'));
    const response = await get(northOperator, '?site=NORD&lang=de');
    assert.equal(response.statusCode, 200);
    const svg = response.body;
    assert.ok(!svg.includes('SUED') && !svg.includes(seg.south!) && !svg.includes('Süd-Zelle'), 'nothing of the other site leaks');
    assert.ok(svg.includes('außerhalb Ihres Bereichs'));
  });

  it('shows machine-scoped callers (vendors) no topology: their site is 404, all sites are empty', async () => {
    assert.equal((await get(vendor, '?site=NORD')).statusCode, 404);
    const view = (await get(vendor, '?format=json')).json<TopologyView>();
    assert.deepEqual([view.sites, view.conduits], [[], []]);
    assert.equal((await get(vendor, '')).statusCode, 200);
  });

  it('refuses anonymous callers (401) and invalid queries (400)', async () => {
    assert.equal((await get(null, '?site=NORD')).statusCode, 401);
    const invalidFormat = await get(admin, '?format=pdf');
    assert.equal(invalidFormat.statusCode, 400);
    assert.deepEqual(invalidFormat.json<{ errors: { code: string; path: string }[] }>().errors.map((error) => [error.code, error.path]), [['INVALID_VALUE', '/format']]);
    assert.equal((await get(admin, '?lang=fr')).statusCode, 400);
    assert.equal((await get(admin, '?sites=NORD')).statusCode, 400);
  });

  it('draws the demo plant "Hammer und Meißel" soundly, site by site and together', async () => {
    await loadDemoPlant(ctx, cliActor('test'), { force: true });
    const actor = cliActor('test');
    for (const siteKey of [...hammerUndMeissel.sites.map((site) => site.key), undefined]) {
      const { model, layout } = await topologyDrawing(ctx, actor, { siteKey, lang: 'de' });
      assert.deepEqual(layoutProblems(layout), [], siteKey ?? 'all');
      const demoSites = model.sites.filter((site) => hammerUndMeissel.sites.some((demo) => demo.key === site.key));
      const machines = demoSites.flatMap((site) => [...site.unassigned, ...site.segments.flatMap((segment) => segment.machines)]);
      const expected = hammerUndMeissel.machines.filter((machine) => siteKey === undefined || machine.site_key === siteKey);
      assert.deepEqual(machines.map((machine) => machine.machineId).sort(), expected.map((machine) => machine.machine_id).sort());
      assert.ok(layout.arrows.length > 0);
    }
    const svg = (await get(admin, `?site=${encodeURIComponent(hammerUndMeissel.sites[0]!.key)}`)).body;
    for (const machine of hammerUndMeissel.machines.filter((entry) => entry.site_key === hammerUndMeissel.sites[0]!.key)) assert.ok(svg.includes(`data-machine-id="${machine.machine_id}"`), machine.machine_id);
  });
});
