import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { MachineRow, SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createUserWithSession, insertUser, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import type { ContractList, ContractView } from './contracts.schema.ts';
import { createContract } from './contracts.service.ts';

interface Problem {
  code: string;
  detail: string;
  errors?: { code: string; path?: string; value?: string; message: string }[];
}

const hostile = `<img src=x onerror=alert(1)>"; DROP TABLE contracts; --`;

describeEachDialect('framework contracts', (database) => {
  let ctx: AppContext;
  let clock: ManualClock;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let lathe: MachineRow;
  let mill: MachineRow;
  let southPress: MachineRow;
  let root: TestSession;
  let northEngineer: TestSession;
  let northMaintenance: TestSession;
  let northOperator: TestSession;
  let southEngineer: TestSession;
  let mixed: TestSession;
  let vendor: TestSession;
  let created: ContractView;
  let crossSite: ContractView;

  before(async () => {
    clock = new ManualClock('2026-11-26T08:00:00.000Z');
    ctx = await createTestContext(database(), { clock });
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    lathe = await insertMachine(ctx.db, { machine_id: 'DM-1', site_id: north.id, name: 'Drehmaschine 1' });
    mill = await insertMachine(ctx.db, { machine_id: 'FR-2', site_id: north.id, name: 'Fräse 2' });
    southPress = await insertMachine(ctx.db, { machine_id: 'PR-7', site_id: south.id, name: 'Presse 7' });
    const now = clock.now();
    root = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'nord.eng', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'nord.maint', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);
    northOperator = await createUserWithSession(ctx.db, { username: 'nord.op', role: 'operator', scope: { kind: 'site', siteIds: [north.id] } }, now);
    southEngineer = await createUserWithSession(ctx.db, { username: 'sued.eng', role: 'engineering', scope: { kind: 'site', siteIds: [south.id] } }, now);
    mixed = await createUserWithSession(ctx.db, {
      username: 'mixed',
      grants: [
        { role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } },
        { role: 'maintenance', scope: { kind: 'site', siteIds: [south.id] } },
      ],
    }, now);
    vendor = await createUserWithSession(ctx.db, { username: 'service', role: 'vendor', scope: { kind: 'machine', machineIds: [lathe.id] }, expiresAt: '2027-01-01T00:00:00.000Z' }, now);
    await insertUser(ctx.db, { username: 'Meister', displayName: 'Maria Meister', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);
    await insertUser(ctx.db, { username: 'gone', role: 'maintenance', disabled: true }, now);
  });
  after(async () => {
    await app.close();
  });

  const get = (session: TestSession | null, url: string) => app.inject({ method: 'GET', url, headers: session?.headers ?? {} });
  const send = (session: TestSession | null, method: 'POST' | 'PATCH', url: string, payload: object, version?: number) =>
    app.inject({ method, url, payload, headers: { ...(session?.headers ?? {}), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) } });
  const events = async (action: string) =>
    ctx.db.selectFrom('audit_events').select(['object_type', 'object_id', 'site_id', 'summary', 'role']).where('action', '=', action).orderBy('seq').execute();
  const counts = async () => ({
    contracts: (await ctx.db.selectFrom('contracts').select('id').execute()).length,
    links: (await ctx.db.selectFrom('contract_machines').select('machine_id').execute()).length,
    events: (await ctx.db.selectFrom('audit_events').select('seq').execute()).length,
  });
  const errorsOf = (response: { json: <T>() => T }) => (response.json<Problem>().errors ?? []).map((error) => [error.code, error.path]);
  const base = { reference: 'RV-2026-001', supplier: 'Maschinenbau Huber GmbH', responsibility: 'supplier', machine_ids: ['DM-1'] };

  it('lets engineering record a contract for machines of its site, audited in that site', async () => {
    const response = await send(northEngineer, 'POST', '/api/v1/contracts', {
      reference: '  RV-2026-001 ',
      supplier: hostile,
      contacts: [
        { name: 'Jana Huber', role: 'Service-Leitung', phone: '+49 89 1234-0', email: 'service@huber.example' },
        { name: 'Hotline', email: null },
      ],
      update_obligation: 'Sicherheitsupdates innerhalb von 30 Tagen nach Veröffentlichung.\nSonst auf Anfrage.',
      responsibility: 'shared',
      responsible: 'meister',
      update_method: 'Fernwartung über VPN, Abnahme vor Ort',
      sla: '4 h Reaktionszeit',
      valid_from: '2026-01-01',
      valid_until: '2028-12-31',
      notes: '',
      machine_ids: ['fr-2', 'DM-1', 'dm-1'],
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    created = response.json<ContractView>();
    assert.deepEqual(
      [created.reference, created.supplier, created.responsibility, created.responsible, created.responsible_name, created.valid_from, created.valid_until, created.status, created.notes, created.version],
      ['RV-2026-001', hostile, 'shared', 'Meister', 'Maria Meister', '2026-01-01', '2028-12-31', 'active', null, 1],
    );
    assert.deepEqual(created.contacts, [
      { name: 'Jana Huber', role: 'Service-Leitung', phone: '+49 89 1234-0', email: 'service@huber.example' },
      { name: 'Hotline', role: null, phone: null, email: null },
    ]);
    assert.deepEqual(created.machines, [
      { machine_id: 'DM-1', name: 'Drehmaschine 1', site_key: 'NORD', decommissioned: false },
      { machine_id: 'FR-2', name: 'Fräse 2', site_key: 'NORD', decommissioned: false },
    ]);
    assert.equal(created.hidden_machine_count, 0);
    assert.deepEqual(created.allowed_actions, ['contract.read', 'contract.update', 'test_template.create']);
    assert.deepEqual((await get(northEngineer, `/api/v1/contracts/${created.id}`)).json<ContractView>(), created);
    const [event] = await events('contract.create');
    assert.deepEqual([event?.object_type, event?.object_id, event?.site_id, event?.role], ['contract', created.id, north.id, 'engineering']);
    assert.match(event!.summary, /^Created contract "RV-2026-001" with .* \(shared\) for machines "DM-1", "FR-2"$/);
  });

  it('refuses every invalid field with its code and writes nothing', async () => {
    const before = await counts();
    const post = (body: object) => send(root, 'POST', '/api/v1/contracts', { ...base, reference: 'RV-NEU', ...body });
    assert.deepEqual(errorsOf(await post({ valid_from: '2026-02-30' })), [['DATE_INVALID', '/valid_from']]);
    assert.deepEqual(errorsOf(await post({ valid_until: '31.12.2026' })), [['DATE_INVALID', '/valid_until']]);
    assert.deepEqual(errorsOf(await post({ valid_from: '2026-06-01', valid_until: '2026-05-31' })), [['DATE_RANGE_INVALID', '/valid_until']]);
    assert.deepEqual(errorsOf(await post({ machine_ids: [] })), [['MACHINES_REQUIRED', '/machine_ids']]);
    const unknown = await post({ machine_ids: ['DM-1', 'NOPE-9'] });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json<Problem>().errors?.map((error) => [error.code, error.path, error.value]), [['MACHINE_UNKNOWN', '/machine_ids/1', 'NOPE-9']]);
    assert.match(unknown.json<Problem>().errors![0]!.message, /NOPE-9/);
    assert.deepEqual(errorsOf(await post({ responsible: 'nobody' })), [['USER_UNKNOWN', '/responsible']]);
    assert.deepEqual(errorsOf(await post({ responsible: 'gone' })), [['USER_UNKNOWN', '/responsible']]);
    assert.deepEqual(errorsOf(await post({ contacts: [{ role: 'Vertrieb' }] })), [['VALUE_REQUIRED', '/contacts/0/name']]);
    assert.deepEqual(errorsOf(await post({ contacts: [{ name: 'A', email: 'not-an-address' }] })), [['INVALID_VALUE', '/contacts/0/email']]);
    assert.deepEqual(errorsOf(await post({ contacts: [{ name: 'A', fax: '123' }] })), [['UNKNOWN_FIELD', '/contacts/0/fax']]);
    assert.deepEqual(errorsOf(await post({ responsibility: 'vendor' })), [['INVALID_VALUE', '/responsibility']]);
    assert.deepEqual(errorsOf(await post({ supplier: '  ' })), [['VALUE_BLANK', '/supplier']]);
    assert.deepEqual(errorsOf(await post({ reference: 'RV\u0007' })), [['CONTROL_CHARACTERS', '/reference']]);
    const missing = await send(root, 'POST', '/api/v1/contracts', { reference: 'RV-X', supplier: 'X', responsibility: 'supplier' });
    assert.deepEqual(errorsOf(missing), [['VALUE_REQUIRED', '/machine_ids']]);
    const taken = await post({ reference: 'rv-2026-001' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json<Problem>().code, 'CONFLICT');
    assert.match(taken.json<Problem>().detail, /rv-2026-001/);
    assert.deepEqual(await counts(), before);
  });

  it('answers 401, 403 and 404 by scope and role; body references outside the scope are MACHINE_UNKNOWN', async () => {
    const before = await counts();
    assert.equal((await send(null, 'POST', '/api/v1/contracts', { ...base, reference: 'RV-A' })).statusCode, 401);
    assert.equal((await get(null, '/api/v1/contracts')).statusCode, 401);
    assert.equal((await get(null, `/api/v1/contracts/${created.id}`)).statusCode, 401);
    const forbidden = await send(northMaintenance, 'POST', '/api/v1/contracts', { ...base, reference: 'RV-A' });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json<Problem>().code, 'FORBIDDEN');
    assert.equal((await send(vendor, 'POST', '/api/v1/contracts', { ...base, reference: 'RV-A' })).statusCode, 403);
    const outside = await send(northEngineer, 'POST', '/api/v1/contracts', { ...base, reference: 'RV-A', machine_ids: ['DM-1', 'PR-7'] });
    assert.equal(outside.statusCode, 400);
    assert.deepEqual(errorsOf(outside), [['MACHINE_UNKNOWN', '/machine_ids/1']]);
    // Visible in the other site, but without the right to change contracts there.
    assert.equal((await send(mixed, 'POST', '/api/v1/contracts', { ...base, reference: 'RV-A', machine_ids: ['DM-1', 'PR-7'] })).statusCode, 403);
    assert.deepEqual(await counts(), before);

    assert.equal((await get(northMaintenance, `/api/v1/contracts/${created.id}`)).statusCode, 200);
    assert.equal((await get(northOperator, `/api/v1/contracts/${created.id}`)).statusCode, 403);
    assert.equal((await get(vendor, `/api/v1/contracts/${created.id}`)).statusCode, 403);
    assert.equal((await get(southEngineer, `/api/v1/contracts/${created.id}`)).statusCode, 404);
    assert.equal((await get(root, `/api/v1/contracts/${randomUUID()}`)).statusCode, 404);
    assert.equal((await send(southEngineer, 'PATCH', `/api/v1/contracts/${created.id}`, { sla: 'x' }, 1)).statusCode, 404);
    assert.equal((await send(northMaintenance, 'PATCH', `/api/v1/contracts/${created.id}`, { sla: 'x' }, 1)).statusCode, 403);
    assert.equal((await send(null, 'PATCH', `/api/v1/contracts/${created.id}`, { sla: 'x' }, 1)).statusCode, 401);
    assert.deepEqual((await get(northMaintenance, `/api/v1/contracts/${created.id}`)).json<ContractView>().allowed_actions, ['contract.read']);
  });

  it('shows a contract across two sites to a one-site engineer without the other machines, and refuses their change', async () => {
    const response = await send(root, 'POST', '/api/v1/contracts', {
      reference: 'RV-KONZERN', supplier: 'Steuerungstechnik AG', responsibility: 'operator', machine_ids: ['PR-7', 'DM-1'],
    });
    assert.equal(response.statusCode, 201, response.body);
    crossSite = response.json<ContractView>();
    assert.deepEqual(crossSite.machines.map((machine) => machine.machine_id), ['DM-1', 'PR-7']);
    // The site of the first machine (by machine_id) holds the event.
    assert.equal((await events('contract.create')).at(-1)?.site_id, north.id);

    const seen = (await get(northEngineer, `/api/v1/contracts/${crossSite.id}`)).json<ContractView>();
    assert.deepEqual(seen.machines.map((machine) => machine.machine_id), ['DM-1']);
    assert.equal(seen.hidden_machine_count, 1);
    assert.deepEqual(seen.allowed_actions, ['contract.read']);
    const southSeen = (await get(southEngineer, `/api/v1/contracts/${crossSite.id}`)).json<ContractView>();
    assert.deepEqual([southSeen.machines.map((machine) => machine.machine_id), southSeen.hidden_machine_count], [['PR-7'], 1]);

    const before = await counts();
    const refused = await send(northEngineer, 'PATCH', `/api/v1/contracts/${crossSite.id}`, { sla: 'besser' }, crossSite.version);
    assert.equal(refused.statusCode, 403);
    // Not even by dropping the machine it may not change.
    assert.equal((await send(northEngineer, 'PATCH', `/api/v1/contracts/${crossSite.id}`, { machine_ids: ['DM-1'] }, crossSite.version)).statusCode, 403);
    assert.deepEqual(await counts(), before);
    assert.equal((await get(root, `/api/v1/contracts/${crossSite.id}`)).json<ContractView>().version, 1);

    const mine = (await get(northEngineer, '/api/v1/contracts')).json<ContractList>();
    assert.deepEqual(mine.items.map((contract) => contract.reference), ['RV-2026-001', 'RV-KONZERN']);
    assert.deepEqual(mine.allowed_actions, ['contract.create']);
    const south = (await get(southEngineer, '/api/v1/contracts')).json<ContractList>();
    assert.deepEqual(south.items.map((contract) => contract.reference), ['RV-KONZERN']);
    assert.deepEqual((await get(northOperator, '/api/v1/contracts')).json<ContractList>(), { items: [], allowed_actions: [] });
    assert.deepEqual((await get(vendor, '/api/v1/contracts')).json<ContractList>(), { items: [], allowed_actions: [] });
  });

  it('lists the contracts of one machine; unknown or out-of-scope machines are 404', async () => {
    const ofLathe = (await get(northMaintenance, '/api/v1/contracts?machine=dm-1')).json<ContractList>();
    assert.deepEqual(ofLathe.items.map((contract) => contract.reference), ['RV-2026-001', 'RV-KONZERN']);
    assert.deepEqual(ofLathe.allowed_actions, []);
    const ofPress = (await get(root, '/api/v1/contracts?machine=PR-7')).json<ContractList>();
    assert.deepEqual([ofPress.items.map((contract) => contract.reference), ofPress.allowed_actions], [['RV-KONZERN'], ['contract.create']]);
    assert.deepEqual((await get(root, '/api/v1/contracts?machine=FR-2')).json<ContractList>().items.map((contract) => contract.reference), ['RV-2026-001']);
    assert.equal((await get(northEngineer, '/api/v1/contracts?machine=PR-7')).statusCode, 404);
    assert.equal((await get(root, '/api/v1/contracts?machine=NOPE')).statusCode, 404);
    assert.equal((await get(vendor, '/api/v1/contracts?machine=DM-1')).statusCode, 403);
    assert.equal((await get(root, '/api/v1/contracts?site=NORD')).statusCode, 400);
  });

  it('changes fields and replaces the machines with If-Match, audited with what changed', async () => {
    const url = `/api/v1/contracts/${created.id}`;
    assert.equal((await send(northEngineer, 'PATCH', url, { sla: '8 h' })).statusCode, 428);
    assert.equal((await send(northEngineer, 'PATCH', url, { sla: '8 h' }, 7)).statusCode, 412);
    const response = await send(northEngineer, 'PATCH', url, { sla: '8 h', responsible: null, contacts: [], machine_ids: ['DM-1'] }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const changed = response.json<ContractView>();
    assert.deepEqual([changed.sla, changed.responsible, changed.contacts, changed.machines.map((machine) => machine.machine_id), changed.version], ['8 h', null, [], ['DM-1'], 2]);
    assert.equal(changed.supplier, hostile);
    const event = (await events('contract.update')).at(-1);
    assert.deepEqual([event?.object_id, event?.site_id, event?.role], [created.id, north.id, 'engineering']);
    assert.equal(event?.summary, 'Updated contract "RV-2026-001": contacts, responsible, sla; machines removed "FR-2"');
    assert.equal((await send(northEngineer, 'PATCH', url, { sla: '2 h' }, 1)).statusCode, 412);

    const before = await counts();
    // The stored end (2028-12-31) lies before a new start.
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { valid_from: '2029-01-01' }, 2)), [['DATE_RANGE_INVALID', '/valid_from']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { machine_ids: [] }, 2)), [['MACHINES_REQUIRED', '/machine_ids']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { machine_ids: ['PR-7'] }, 2)), [['MACHINE_UNKNOWN', '/machine_ids/0']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { responsible: 'gone' }, 2)), [['USER_UNKNOWN', '/responsible']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { valid_until: '2026-13-01' }, 2)), [['DATE_INVALID', '/valid_until']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PATCH', url, { status: 'expired' }, 2)), [['UNKNOWN_FIELD', '/status']]);
    assert.equal((await send(mixed, 'PATCH', url, { machine_ids: ['DM-1', 'PR-7'] }, 2)).statusCode, 403);
    assert.equal((await send(northEngineer, 'PATCH', url, { reference: 'RV-KONZERN' }, 2)).statusCode, 409);
    assert.deepEqual(await counts(), before);

    const renamed = await send(northEngineer, 'PATCH', url, { reference: 'rv-2026-001-a', machine_ids: ['FR-2', 'DM-1'] }, 2);
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual([renamed.json<ContractView>().reference, renamed.json<ContractView>().machines.length], ['rv-2026-001-a', 2]);
    assert.equal((await events('contract.update')).at(-1)?.summary, 'Updated contract "RV-2026-001": reference; machines added "FR-2"');
    // Its own reference in another case is not a conflict.
    assert.equal((await send(northEngineer, 'PATCH', url, { reference: 'RV-2026-001-A' }, 3)).statusCode, 200);
    // A stale change of the machines changes nothing.
    const beforeStale = await counts();
    assert.equal((await send(northEngineer, 'PATCH', url, { machine_ids: ['FR-2'] }, 3)).statusCode, 412);
    assert.deepEqual(await counts(), beforeStale);
    assert.deepEqual((await get(root, url)).json<ContractView>().machines.map((machine) => machine.machine_id), ['DM-1', 'FR-2']);
  });

  it('shows the history of a contract and its test templates to whoever may read the contract', async () => {
    const template = await send(northEngineer, 'POST', '/api/v1/test-templates', {
      contract_id: created.id, name: 'Abnahme', items: [{ key: 'S1', group: 'safety_function', description_de: 'Not-Halt', expected_de: 'Spindel steht' }],
    });
    assert.equal(template.statusCode, 201, template.body);
    const history = await get(northOperator, `/api/v1/contracts/${created.id}/history`);
    assert.equal(history.statusCode, 403, 'operators may not read contracts');
    const readable = await get(northEngineer, `/api/v1/contracts/${created.id}/history`);
    assert.equal(readable.statusCode, 200, readable.body);
    const items = readable.json<{ items: { seq: number; action: string; object_id: string }[] }>().items;
    assert.deepEqual(items.map((item) => item.action), ['contract.create', 'contract.update', 'contract.update', 'contract.update', 'test_template.create']);
    assert.deepEqual(items.map((item) => item.seq), items.map((item) => item.seq).sort((a, b) => a - b));
    assert.equal((await get(southEngineer, `/api/v1/contracts/${created.id}/history`)).statusCode, 404);
    assert.equal((await get(null, `/api/v1/contracts/${created.id}/history`)).statusCode, 401);
    assert.equal((await get(root, `/api/v1/contracts/${randomUUID()}/history`)).statusCode, 404);
  });

  it('computes the status from the dates and the day in the site of the first machine', async () => {
    const make = async (reference: string, dates: object) =>
      createContract(ctx, cliActor('ops'), { reference, supplier: 'S', responsibility: 'operator', machine_ids: ['DM-1'], ...dates });
    const ended = await make('RV-ALT', { valid_from: '2020-01-01', valid_until: '2026-11-25' });
    const future = await make('RV-NEU', { valid_from: '2026-11-27' });
    const lastDay = await make('RV-HEUTE', { valid_until: '2026-11-26' });
    assert.deepEqual([ended.status, future.status, lastDay.status], ['expired', 'not_yet_valid', 'active']);
    // 23:30 UTC on 26 November is already 27 November in Berlin.
    clock.set('2026-11-26T23:30:00.000Z');
    const statuses = Object.fromEntries((await get(root, '/api/v1/contracts')).json<ContractList>().items.map((contract) => [contract.reference, contract.status]));
    assert.deepEqual([statuses['RV-ALT'], statuses['RV-NEU'], statuses['RV-HEUTE'], statuses['RV-KONZERN']], ['expired', 'active', 'expired', 'active']);
    clock.set('2026-11-26T08:00:00.000Z');
    const event = await ctx.db.selectFrom('audit_events').select(['actor_id', 'via']).where('object_id', '=', ended.id).executeTakeFirstOrThrow();
    assert.deepEqual([event.actor_id, event.via], ['cli:ops', 'cli']);
  });

  it('marks decommissioned machines and counts machines hidden from machine-scoped readers', async () => {
    await ctx.db.updateTable('machines').set({ decommissioned_at: '2026-11-20T10:00:00.000Z' }).where('id', '=', mill.id).execute();
    const contract = (await get(root, `/api/v1/contracts/${created.id}`)).json<ContractView>();
    assert.deepEqual(contract.machines.map((machine) => [machine.machine_id, machine.decommissioned]), [['DM-1', false], ['FR-2', true]]);
    const machineScoped = await createUserWithSession(ctx.db, { username: 'dm1.qm', role: 'quality', scope: { kind: 'machine', machineIds: [lathe.id] } }, clock.now());
    const seen = (await get(machineScoped, `/api/v1/contracts/${created.id}`)).json<ContractView>();
    assert.deepEqual([seen.machines.map((machine) => machine.machine_id), seen.hidden_machine_count], [['DM-1'], 1]);
    assert.equal((await get(machineScoped, '/api/v1/contracts')).json<ContractList>().items.length, 5);
    assert.equal(southPress.machine_id, 'PR-7');
  });
});
