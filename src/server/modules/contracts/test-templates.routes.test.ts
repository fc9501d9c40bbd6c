import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { MachineRow, SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import { createContract } from './contracts.service.ts';
import type { TemplateItemInput, TemplateList, TemplateView } from './test-templates.schema.ts';

interface Problem {
  code: string;
  errors?: { code: string; path?: string }[];
}

const hostile = `<script>alert(1)</script>'; DELETE FROM test_templates; --`;

const items: TemplateItemInput[] = [
  { key: 'S1', group: 'safety_function', description_de: 'Not-Halt an der Bedientafel auslösen', expected_de: 'Spindel steht innerhalb von 2 s' },
  { key: 'S2', group: 'safety_function', description_de: 'Spindeldrehzahl über Grenzwert vorgeben', description_en: 'Command a spindle speed above the limit', expected_en: 'Drive refuses; alarm 700' },
  { key: 'F1', group: 'unchanged_function', description_en: 'Run the reference part program', expected_de: 'Maße innerhalb der Toleranz' },
  { key: 'I1', group: 'interface', description_de: 'Auftrag vom MES übernehmen', expected_de: 'Auftrag erscheint an der Maschine' },
];

describeEachDialect('test templates', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let north: SiteRow;
  let south: SiteRow;
  let lathe: MachineRow;
  let root: TestSession;
  let northEngineer: TestSession;
  let northMaintenance: TestSession;
  let northOperator: TestSession;
  let southEngineer: TestSession;
  let vendor: TestSession;
  let northContractId: string;
  let crossContractId: string;
  let contractTemplate: TemplateView;
  let typeTemplate: TemplateView;
  let crossTemplate: TemplateView;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    north = await insertSite(ctx.db, { key: 'NORD' });
    south = await insertSite(ctx.db, { key: 'SUED' });
    lathe = await insertMachine(ctx.db, { machine_id: 'DM-1', site_id: north.id });
    const press = await insertMachine(ctx.db, { machine_id: 'PR-7', site_id: south.id });
    await insertMachine(ctx.db, { machine_id: 'FR-2', site_id: north.id });
    await ctx.db.updateTable('machines').set({ machine_type: 'Drehmaschine' }).where('id', '=', lathe.id).execute();
    await ctx.db.updateTable('machines').set({ machine_type: 'drehmaschine ' }).where('id', '=', press.id).execute();
    const now = ctx.clock.now();
    root = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    northEngineer = await createUserWithSession(ctx.db, { username: 'nord.eng', role: 'engineering', scope: { kind: 'site', siteIds: [north.id] } }, now);
    northMaintenance = await createUserWithSession(ctx.db, { username: 'nord.maint', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, now);
    northOperator = await createUserWithSession(ctx.db, { username: 'nord.op', role: 'operator', scope: { kind: 'site', siteIds: [north.id] } }, now);
    southEngineer = await createUserWithSession(ctx.db, { username: 'sued.eng', role: 'engineering', scope: { kind: 'site', siteIds: [south.id] } }, now);
    vendor = await createUserWithSession(ctx.db, { username: 'service', role: 'vendor', scope: { kind: 'machine', machineIds: [lathe.id] }, expiresAt: '2027-01-01T00:00:00.000Z' }, now);
    const cli = cliActor('ops');
    northContractId = (await createContract(ctx, cli, { reference: 'RV-1', supplier: 'Huber', responsibility: 'supplier', machine_ids: ['DM-1', 'FR-2'] })).id;
    crossContractId = (await createContract(ctx, cli, { reference: 'RV-2', supplier: 'Steuerung AG', responsibility: 'shared', machine_ids: ['DM-1', 'PR-7'] })).id;
  });
  after(async () => {
    await app.close();
  });

  const get = (session: TestSession | null, url: string) => app.inject({ method: 'GET', url, headers: session?.headers ?? {} });
  const send = (session: TestSession | null, method: 'POST' | 'PUT', url: string, payload: object, version?: number) =>
    app.inject({ method, url, payload, headers: { ...(session?.headers ?? {}), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) } });
  const events = async (action: string) =>
    ctx.db.selectFrom('audit_events').select(['object_type', 'object_id', 'site_id', 'summary', 'role']).where('action', '=', action).orderBy('seq').execute();
  const counts = async () => ({
    templates: (await ctx.db.selectFrom('test_templates').select('id').execute()).length,
    items: (await ctx.db.selectFrom('test_template_items').select('item_key').execute()).length,
    events: (await ctx.db.selectFrom('audit_events').select('seq').execute()).length,
  });
  const errorsOf = (response: { json: <T>() => T }) => (response.json<Problem>().errors ?? []).map((error) => [error.code, error.path]);

  it('lets engineering add a template to a contract of its site, audited', async () => {
    const response = await send(northEngineer, 'POST', '/api/v1/test-templates', { contract_id: northContractId, name: hostile, items });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    contractTemplate = response.json<TemplateView>();
    assert.deepEqual(
      [contractTemplate.owner, contractTemplate.contract_id, contractTemplate.contract_reference, contractTemplate.site_id, contractTemplate.machine_type, contractTemplate.name, contractTemplate.version],
      ['contract', northContractId, 'RV-1', null, null, hostile, 1],
    );
    assert.deepEqual(contractTemplate.items.map((item) => item.key), ['S1', 'S2', 'F1', 'I1']);
    assert.deepEqual(contractTemplate.items[2], { key: 'F1', group: 'unchanged_function', description_de: null, description_en: 'Run the reference part program', expected_de: 'Maße innerhalb der Toleranz', expected_en: null });
    assert.deepEqual(contractTemplate.allowed_actions, ['test_template.read', 'test_template.update']);
    assert.deepEqual((await get(northMaintenance, `/api/v1/test-templates/${contractTemplate.id}`)).json<TemplateView>().allowed_actions, ['test_template.read']);
    const [event] = await events('test_template.create');
    assert.deepEqual([event?.object_type, event?.object_id, event?.site_id, event?.role], ['test_template', contractTemplate.id, north.id, 'engineering']);
    assert.match(event!.summary, /for contract "RV-1" with items "S1", "S2", "F1", "I1"$/);
  });

  it('lets engineering add a machine-type template in its site', async () => {
    const response = await send(northEngineer, 'POST', '/api/v1/test-templates', { site_key: 'nord', machine_type: 'Drehmaschine', name: 'Drehmaschinen nach Update', items: items.slice(0, 2) });
    assert.equal(response.statusCode, 201, response.body);
    typeTemplate = response.json<TemplateView>();
    assert.deepEqual([typeTemplate.owner, typeTemplate.site_id, typeTemplate.site_key, typeTemplate.machine_type, typeTemplate.contract_id], ['machine_type', north.id, 'NORD', 'Drehmaschine', null]);
    const event = (await events('test_template.create')).at(-1);
    assert.deepEqual([event?.site_id, event?.summary], [north.id, 'Created test template "Drehmaschinen nach Update" for machine type "Drehmaschine" in site "NORD" with items "S1", "S2"']);
    assert.equal((await send(southEngineer, 'POST', '/api/v1/test-templates', { site_key: 'SUED', machine_type: 'Drehmaschine', name: 'Süd', items })).statusCode, 201);
  });

  it('refuses invalid owners and items with their codes and writes nothing', async () => {
    const before = await counts();
    const post = (body: object) => send(root, 'POST', '/api/v1/test-templates', { name: 'T', items, ...body });
    assert.deepEqual(errorsOf(await post({ contract_id: northContractId, site_key: 'NORD' })), [['TEMPLATE_OWNER', '/']]);
    assert.deepEqual(errorsOf(await post({ contract_id: northContractId, machine_type: 'Drehmaschine' })), [['TEMPLATE_OWNER', '/']]);
    assert.deepEqual(errorsOf(await post({ site_key: 'NORD' })), [['TEMPLATE_OWNER', '/']]);
    assert.deepEqual(errorsOf(await post({ machine_type: 'Drehmaschine' })), [['TEMPLATE_OWNER', '/']]);
    assert.deepEqual(errorsOf(await post({})), [['TEMPLATE_OWNER', '/']]);
    assert.deepEqual(errorsOf(await post({ contract_id: null, site_key: null, machine_type: null })), [['TEMPLATE_OWNER', '/']]);
    const owner = { contract_id: northContractId };
    assert.deepEqual(errorsOf(await post({ ...owner, items: [] })), [['TEMPLATE_ITEMS_REQUIRED', '/items']]);
    assert.deepEqual(errorsOf(await post({ ...owner, items: [{ key: 'S1', group: 'safety_function', description_de: ' ', expected_en: 'ok' }] })), [['TEXT_DE_OR_EN_REQUIRED', '/items/0/description_de']]);
    assert.deepEqual(errorsOf(await post({ ...owner, items: [{ key: 'S1', group: 'safety_function', description_en: 'x', expected_de: null, expected_en: '' }] })), [['TEXT_DE_OR_EN_REQUIRED', '/items/0/expected_de']]);
    assert.deepEqual(errorsOf(await post({ ...owner, items: [...items, { ...items[0]!, key: 's1' }] })), [['VALUE_DUPLICATE', '/items/4/key']]);
    assert.deepEqual(errorsOf(await post({ ...owner, items: [{ ...items[0]!, group: 'safety' }] })), [['INVALID_VALUE', '/items/0/group']]);
    assert.deepEqual(errorsOf(await post({ ...owner, items: [{ ...items[0]!, key: 'S|1' }] })), [['KEY_INVALID', '/items/0/key']]);
    assert.deepEqual(errorsOf(await post({ ...owner, items: [{ ...items[0]!, result: 'passed' }] })), [['UNKNOWN_FIELD', '/items/0/result']]);
    assert.deepEqual(errorsOf(await post({ ...owner, name: ' ' })), [['VALUE_BLANK', '/name']]);
    assert.equal((await post({ contract_id: randomUUID() })).statusCode, 404);
    assert.equal((await post({ site_key: 'NOPE', machine_type: 'X' })).statusCode, 404);
    assert.deepEqual(await counts(), before);
  });

  it('lets only those allowed on every machine of a contract add or change its templates', async () => {
    const before = await counts();
    assert.equal((await send(northEngineer, 'POST', '/api/v1/test-templates', { contract_id: crossContractId, name: 'x', items })).statusCode, 403);
    assert.equal((await send(northMaintenance, 'POST', '/api/v1/test-templates', { contract_id: northContractId, name: 'x', items })).statusCode, 403);
    assert.equal((await send(southEngineer, 'POST', '/api/v1/test-templates', { contract_id: northContractId, name: 'x', items })).statusCode, 404);
    assert.equal((await send(vendor, 'POST', '/api/v1/test-templates', { contract_id: northContractId, name: 'x', items })).statusCode, 403);
    assert.equal((await send(vendor, 'POST', '/api/v1/test-templates', { site_key: 'NORD', machine_type: 'x', name: 'x', items })).statusCode, 404);
    assert.equal((await send(northEngineer, 'POST', '/api/v1/test-templates', { site_key: 'SUED', machine_type: 'x', name: 'x', items })).statusCode, 404);
    assert.equal((await send(null, 'POST', '/api/v1/test-templates', { contract_id: northContractId, name: 'x', items })).statusCode, 401);
    assert.deepEqual(await counts(), before);

    const response = await send(root, 'POST', '/api/v1/test-templates', { contract_id: crossContractId, name: 'Gemeinsame Abnahme', items: items.slice(0, 1) });
    assert.equal(response.statusCode, 201, response.body);
    crossTemplate = response.json<TemplateView>();
    const seen = (await get(northEngineer, `/api/v1/test-templates/${crossTemplate.id}`)).json<TemplateView>();
    assert.deepEqual([seen.name, seen.allowed_actions], ['Gemeinsame Abnahme', ['test_template.read']]);
    const refused = await send(northEngineer, 'PUT', `/api/v1/test-templates/${crossTemplate.id}`, { name: 'x', items }, 1);
    assert.equal(refused.statusCode, 403);
    assert.equal((await get(root, `/api/v1/test-templates/${crossTemplate.id}`)).json<TemplateView>().version, 1);
  });

  it('reads templates by contract, site and machine, with 401, 403 and 404', async () => {
    const ofContract = (await get(northMaintenance, `/api/v1/test-templates?contract=${northContractId}`)).json<TemplateList>();
    assert.deepEqual([ofContract.items.map((template) => template.id), ofContract.allowed_actions], [[contractTemplate.id], []]);
    assert.deepEqual((await get(northEngineer, `/api/v1/test-templates?contract=${northContractId}`)).json<TemplateList>().allowed_actions, ['test_template.create']);
    assert.deepEqual((await get(northEngineer, `/api/v1/test-templates?contract=${crossContractId}`)).json<TemplateList>().allowed_actions, []);
    assert.equal((await get(southEngineer, `/api/v1/test-templates?contract=${northContractId}`)).statusCode, 404);
    assert.equal((await get(northOperator, `/api/v1/test-templates?contract=${northContractId}`)).statusCode, 403);

    const ofSite = (await get(northEngineer, '/api/v1/test-templates?site=NORD')).json<TemplateList>();
    assert.deepEqual([ofSite.items.map((template) => template.id), ofSite.allowed_actions], [[typeTemplate.id], ['test_template.create']]);
    assert.equal((await get(northEngineer, '/api/v1/test-templates?site=SUED')).statusCode, 404);
    assert.equal((await get(vendor, '/api/v1/test-templates?site=NORD')).statusCode, 404);

    // What a commissioning test of DM-1 uses: its contracts' templates and its type's, case-insensitively.
    const ofLathe = (await get(northMaintenance, '/api/v1/test-templates?machine=dm-1')).json<TemplateList>();
    assert.deepEqual(ofLathe.items.map((template) => template.name).sort(), ['Drehmaschinen nach Update', 'Gemeinsame Abnahme', hostile].sort());
    const ofPress = (await get(root, '/api/v1/test-templates?machine=PR-7')).json<TemplateList>();
    assert.deepEqual(ofPress.items.map((template) => template.name).sort(), ['Gemeinsame Abnahme', 'Süd']);
    assert.equal((await get(northEngineer, '/api/v1/test-templates?machine=PR-7')).statusCode, 404);
    assert.equal((await get(root, '/api/v1/test-templates?machine=NOPE')).statusCode, 404);
    assert.equal((await get(northOperator, '/api/v1/test-templates?machine=DM-1')).statusCode, 403);
    assert.equal((await get(root, '/api/v1/test-templates?machine=DM-1&site=NORD')).statusCode, 400);
    assert.equal((await get(null, '/api/v1/test-templates?machine=DM-1')).statusCode, 401);

    const all = (await get(northEngineer, '/api/v1/test-templates')).json<TemplateList>();
    assert.deepEqual(all.items.map((template) => template.name).sort(), ['Drehmaschinen nach Update', 'Gemeinsame Abnahme', hostile].sort());
    assert.equal((await get(root, '/api/v1/test-templates')).json<TemplateList>().items.length, 4);
    assert.equal((await get(northOperator, `/api/v1/test-templates/${contractTemplate.id}`)).statusCode, 403);
    assert.equal((await get(southEngineer, `/api/v1/test-templates/${contractTemplate.id}`)).statusCode, 404);
    assert.equal((await get(southEngineer, `/api/v1/test-templates/${typeTemplate.id}`)).statusCode, 404);
    assert.equal((await get(root, `/api/v1/test-templates/${randomUUID()}`)).statusCode, 404);
    assert.equal((await get(null, `/api/v1/test-templates/${typeTemplate.id}`)).statusCode, 401);
  });

  it('lets a vendor technician read the templates of their machine, but not the contract or anything else', async () => {
    const ofLathe = (await get(vendor, '/api/v1/test-templates?machine=DM-1')).json<TemplateList>();
    assert.deepEqual(ofLathe.items.map((template) => template.name).sort(), ['Drehmaschinen nach Update', 'Gemeinsame Abnahme', hostile].sort());
    assert.deepEqual(ofLathe.items.map((template) => template.contract_reference), ofLathe.items.map(() => null));
    assert.deepEqual(ofLathe.allowed_actions, []);
    assert.equal((await get(vendor, `/api/v1/test-templates/${typeTemplate.id}`)).statusCode, 200);
    assert.equal((await get(vendor, `/api/v1/test-templates/${contractTemplate.id}`)).statusCode, 200);
    assert.equal((await send(vendor, 'PUT', `/api/v1/test-templates/${typeTemplate.id}`, { name: 'x', items }, 1)).statusCode, 403);
    assert.equal((await send(vendor, 'PUT', `/api/v1/test-templates/${contractTemplate.id}`, { name: 'x', items }, 1)).statusCode, 403);
    const southType = (await get(root, '/api/v1/test-templates?site=SUED')).json<TemplateList>().items[0]!;
    assert.equal((await get(vendor, `/api/v1/test-templates/${southType.id}`)).statusCode, 404);
    assert.equal((await get(vendor, `/api/v1/contracts/${northContractId}`)).statusCode, 403);
  });

  it('replaces name and items with If-Match, audited with the item keys added, removed and changed', async () => {
    const url = `/api/v1/test-templates/${contractTemplate.id}`;
    const next: TemplateItemInput[] = [
      { ...items[2]! },
      { ...items[0]!, expected_de: 'Spindel steht innerhalb von 1 s' },
      { key: 'C1', group: 'security_setting', description_de: 'USB-Ports gesperrt', description_en: 'USB ports locked', expected_de: 'Kein Zugriff', expected_en: 'No access' },
      { ...items[3]! },
    ];
    assert.equal((await send(northEngineer, 'PUT', url, { name: 'Abnahme', items: next })).statusCode, 428);
    assert.equal((await send(northEngineer, 'PUT', url, { name: 'Abnahme', items: next }, 5)).statusCode, 412);
    assert.equal((await send(northMaintenance, 'PUT', url, { name: 'Abnahme', items: next }, 1)).statusCode, 403);
    assert.equal((await send(southEngineer, 'PUT', url, { name: 'Abnahme', items: next }, 1)).statusCode, 404);
    assert.equal((await send(null, 'PUT', url, { name: 'Abnahme', items: next }, 1)).statusCode, 401);
    const before = await counts();
    assert.deepEqual(errorsOf(await send(northEngineer, 'PUT', url, { name: 'Abnahme', items: [] }, 1)), [['TEMPLATE_ITEMS_REQUIRED', '/items']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PUT', url, { name: 'Abnahme', items: next, contract_id: crossContractId }, 1)), [['UNKNOWN_FIELD', '/contract_id']]);
    assert.deepEqual(errorsOf(await send(northEngineer, 'PUT', url, { name: 'Abnahme', items: [{ key: 'X', group: 'interface' }] }, 1)), [
      ['TEXT_DE_OR_EN_REQUIRED', '/items/0/description_de'],
      ['TEXT_DE_OR_EN_REQUIRED', '/items/0/expected_de'],
    ]);
    assert.deepEqual(await counts(), before);

    const response = await send(northEngineer, 'PUT', url, { name: 'Abnahme', items: next }, 1);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers.etag, '"2"');
    const replaced = response.json<TemplateView>();
    assert.deepEqual([replaced.name, replaced.version, replaced.items.map((item) => item.key)], ['Abnahme', 2, ['F1', 'S1', 'C1', 'I1']]);
    assert.equal(replaced.items[2]?.group, 'security_setting');
    const event = (await events('test_template.update')).at(-1);
    assert.deepEqual([event?.object_type, event?.object_id, event?.site_id, event?.role], ['test_template', contractTemplate.id, north.id, 'engineering']);
    assert.equal(event?.summary, `Updated test template ${JSON.stringify(hostile)}: renamed to "Abnahme"; added "C1"; removed "S2"; changed "S1"; reordered`);
    assert.equal((await send(northEngineer, 'PUT', url, { name: 'Abnahme', items: next }, 1)).statusCode, 412);
    assert.deepEqual((await get(root, url)).json<TemplateView>(), replaced);

    const typeUrl = `/api/v1/test-templates/${typeTemplate.id}`;
    const same = await send(northEngineer, 'PUT', typeUrl, { name: typeTemplate.name, items: items.slice(0, 2) }, 1);
    assert.equal(same.statusCode, 200, same.body);
    assert.equal((await events('test_template.update')).at(-1)?.summary, 'Updated test template "Drehmaschinen nach Update": items unchanged');
    assert.deepEqual([same.json<TemplateView>().version, (await events('test_template.update')).at(-1)?.site_id], [2, north.id]);
  });
});
