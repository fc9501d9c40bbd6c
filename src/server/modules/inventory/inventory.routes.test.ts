import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../../test-support/factories.ts';
import { multipart } from '../../../test-support/multipart.ts';
import { cyclonedxSchemaProblems } from './cyclonedx-validation.ts';
import type { ImportInventoryResult } from './inventory-import.service.ts';
import { INVENTORY_UPLOAD_MAX_BYTES } from './inventory.schema.ts';

const csv = Buffer.from(
  'site,machine_id,machine_name,machine_vendor,machine_model,serial_number,machine_type,criticality,segment,ip,component_type,component_vendor,component_name,component_version,model_number,cpe,purl\r\n' +
  'NORD,API-1,Presse,,,,,high,cell-1,10.0.0.1,plc,Siemens,S7-1500,2.9.4,,,\r\n',
);

describeEachDialect('inventory routes', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let engineer: TestSession;
  let maintenance: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    await insertSite(ctx.db, { key: 'NORD' });
    const now = ctx.clock.now();
    engineer = await createUserWithSession(ctx.db, { username: 'eng', role: 'engineering' }, now);
    maintenance = await createUserWithSession(ctx.db, { username: 'maint', role: 'maintenance' }, now);
  });
  after(async () => {
    await app.close();
  });

  const upload = (session: TestSession, content: Buffer, query = '', filename = 'plant.csv') => {
    const form = multipart([{ name: 'file', filename, contentType: filename.endsWith('.json') ? 'application/vnd.cyclonedx+json' : 'text/csv', content }]);
    return app.inject({ method: 'POST', url: `/api/v1/inventory/import${query}`, headers: { ...session.headers, 'content-type': form.contentType }, payload: form.payload });
  };

  it('imports (dry run first), answers 200 with errors for a rejected file, and refuses roles without the right', async () => {
    const dry = await upload(engineer, csv, '?dry_run=true');
    assert.equal(dry.statusCode, 200, dry.body);
    assert.equal(dry.json<ImportInventoryResult>().machines_created, 1);
    assert.equal((await ctx.db.selectFrom('machines').selectAll().execute()).length, 0);
    const done = await upload(engineer, csv, '?dry_run=false');
    assert.equal(done.statusCode, 200);
    assert.deepEqual([done.json<ImportInventoryResult>().machines_created, done.json<ImportInventoryResult>().components_created], [1, 1]);
    const rejected = await upload(engineer, Buffer.from(csv.toString().replace('10.0.0.1', '10.0.0.999')));
    assert.equal(rejected.statusCode, 200);
    assert.deepEqual(rejected.json<ImportInventoryResult>().errors.map((error) => [error.code, error.row, error.column]), [['IP_INVALID', 2, 'ip']]);
    assert.equal((await upload(maintenance, csv)).statusCode, 403);
  });

  it('answers 413 for a file over 50 MiB', async () => {
    const response = await upload(engineer, Buffer.alloc(INVENTORY_UPLOAD_MAX_BYTES + 1, 0x41));
    assert.equal(response.statusCode, 413);
    assert.equal(response.json<{ code: string }>().code, 'PAYLOAD_TOO_LARGE');
  });

  it('downloads exports and templates as attachments for any role in scope', async () => {
    const exported = await app.inject({ method: 'GET', url: '/api/v1/inventory/export?format=csv&delimiter=;', headers: maintenance.headers });
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-disposition']), /^attachment/);
    assert.equal(exported.headers['x-content-type-options'], 'nosniff');
    assert.ok(exported.body.includes('API-1;Presse'));
    const xlsx = await app.inject({ method: 'GET', url: '/api/v1/inventory/export?format=xlsx&machine=api-1', headers: maintenance.headers });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    const template = await app.inject({ method: 'GET', url: '/api/v1/inventory/template?format=csv', headers: maintenance.headers });
    assert.equal(template.statusCode, 200);
    assert.equal(template.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').length, 2);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/inventory/export?format=csv&machine=nope', headers: maintenance.headers });
    assert.equal(missing.statusCode, 404);
  });

  it('exports one machine as a CycloneDX 1.6 attachment, needs `machine`, and imports the BOM back with the same result shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/inventory/export?format=cyclonedx&machine=api-1', headers: maintenance.headers });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/vnd.cyclonedx+json');
    assert.match(String(response.headers['content-disposition']), /^attachment;.*filename="API-1\.cdx\.json"/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(await cyclonedxSchemaProblems(response.body), []);
    const bom = response.json<{ metadata: { component: { 'bom-ref': string } }; components: { name: string }[] }>();
    assert.deepEqual([bom.metadata.component['bom-ref'], bom.components.map((component) => component.name)], ['API-1', ['S7-1500']]);

    const missing = await app.inject({ method: 'GET', url: '/api/v1/inventory/export?format=cyclonedx', headers: maintenance.headers });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json<{ code: string; errors: { code: string; path: string }[] }>().errors.map((error) => [error.code, error.path]), [['VALUE_REQUIRED', '/machine']]);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/inventory/export?format=cyclonedx&machine=nope', headers: maintenance.headers })).statusCode, 404);

    // Out of scope: 404 like a missing machine.
    const south = await insertSite(ctx.db, { key: 'SUED' });
    const hidden = await insertMachine(ctx.db, { machine_id: 'SUED-1', site_id: south.id });
    const north = await ctx.db.selectFrom('sites').select('id').where('key', '=', 'NORD').executeTakeFirstOrThrow();
    const local = await createUserWithSession(ctx.db, { username: 'local', role: 'maintenance', scope: { kind: 'site', siteIds: [north.id] } }, ctx.clock.now());
    assert.equal((await app.inject({ method: 'GET', url: `/api/v1/inventory/export?format=cyclonedx&machine=${hidden.machine_id}`, headers: local.headers })).statusCode, 404);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/inventory/export?format=cyclonedx&machine=API-1', headers: local.headers })).statusCode, 200);

    const again = await upload(engineer, response.rawPayload, '?dry_run=false', 'API-1.cdx.json');
    assert.equal(again.statusCode, 200, again.body);
    const result = again.json<ImportInventoryResult>();
    assert.deepEqual([result.errors, result.machines_updated, result.components_created, result.components_updated, result.components_removed], [[], 0, 0, 0, 0]);
    const bad = await upload(engineer, Buffer.from(response.body.replace('"specVersion": "1.6"', '"specVersion": "1.5"')), '?dry_run=true', 'API-1.cdx.json');
    assert.equal(bad.statusCode, 200);
    assert.deepEqual(bad.json<ImportInventoryResult>().errors.map((error) => [error.code, error.file, error.path, error.value]), [['CYCLONEDX_SPEC_VERSION', 'API-1.cdx.json', '/specVersion', '1.5']]);
  });
});
