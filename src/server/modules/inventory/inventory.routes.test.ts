import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../../http/app.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertSite } from '../../../test-support/factories.ts';
import { multipart } from '../../../test-support/multipart.ts';
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

  const upload = (session: TestSession, content: Buffer, query = '') => {
    const form = multipart([{ name: 'file', filename: 'plant.csv', contentType: 'text/csv', content }]);
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
});
