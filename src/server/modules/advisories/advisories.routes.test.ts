import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { multipart } from '../../../test-support/multipart.ts';
import { kevEntry, smallCatalog } from '../enrichment/enrichment.fixture.ts';
import { importKevCatalog } from '../enrichment/enrichment.service.ts';
import type { AdvisoryDetailView, AdvisoryListView } from './advisories.schema.ts';
import { cisaWhite, corpusMissing } from './advisory-import.fixture.ts';
import type { AdvisoryImportResult } from './advisory-import.schema.ts';
import { importAdvisories } from './advisory-import.service.ts';

const cli = cliActor('test');
const hostileTitle = `<script>alert("title")</script>'; DROP TABLE advisories; --`;
const hostileNote = `<img src=x onerror=alert(1)>\n<b>bold</b> & "quotes"`;

const read = (relative: string): Buffer => readFileSync(path.join(cisaWhite, relative));
const json = (relative: string): Record<string, unknown> & { document: Record<string, unknown> & { notes: { text: string }[]; distribution: { tlp: { label: string } } } } =>
  JSON.parse(read(relative).toString('utf8')) as never;
const source = (name: string, bytes: Buffer) => ({ name, read: () => Promise.resolve(bytes), size: () => Promise.resolve(bytes.length), sidecars: {} });

describeEachDialect('advisories: list, detail, raw download and upload', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let admin: TestSession;
  let officer: TestSession;
  let operator: TestSession;
  let engineer: TestSession;
  // Read in the suite body: without the corpus every test below is skipped with its reason.
  const sinumerik = corpusMissing ? Buffer.alloc(0) : read('2023/icsa-23-348-11.json');
  let hostileBytes: Buffer;
  let amberBytes: Buffer;
  const ids: Record<'sinumerik' | 'hostile' | 'amber', string> = { sinumerik: '', hostile: '', amber: '' };

  before(async () => {
    if (corpusMissing) return;
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-26T09:00:00.000Z')) });
    app = await buildApp(ctx);
    const now = ctx.clock.now();
    admin = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    officer = await createUserWithSession(ctx.db, { username: 'sec', role: 'security_officer' }, now);
    operator = await createUserWithSession(ctx.db, { username: 'op', role: 'operator' }, now);
    engineer = await createUserWithSession(ctx.db, { username: 'eng', role: 'engineering' }, now);

    const hostile = json('2022/icsa-22-006-01.json');
    hostile.document.title = hostileTitle;
    hostile.document.notes[0]!.text = hostileNote;
    hostileBytes = Buffer.from(JSON.stringify(hostile));
    const amber = json('2021/icsa-21-131-15.json');
    amber.document.distribution.tlp.label = 'AMBER';
    amberBytes = Buffer.from(JSON.stringify(amber, null, 2));
    const result = await importAdvisories(ctx, cli, {
      via: 'file',
      sources: [source('icsa-23-348-11.json', sinumerik), source('hostile.json', hostileBytes), source('amber.json', amberBytes)],
    });
    assert.equal(result.imported, 3, JSON.stringify(result));
    await importKevCatalog(ctx, cli, { name: 'kev.json', bytes: Buffer.from(JSON.stringify(smallCatalog({ count: 1, vulnerabilities: [kevEntry('CVE-2023-46156', 'Known')] }))) });
    const rows = await ctx.db.selectFrom('advisories').select(['id', 'tracking_id']).execute();
    const idOf = (trackingId: string) => rows.find((row) => row.tracking_id === trackingId)!.id;
    ids.sinumerik = idOf('ICSA-23-348-11');
    ids.hostile = idOf('ICSA-22-006-01');
    ids.amber = idOf('ICSA-21-131-15');
  });
  after(async () => {
    await app?.close();
  });

  const get = (session: TestSession | null, url: string) => app.inject({ method: 'GET', url, headers: session?.headers ?? {} });
  const list = async (session: TestSession, query = '') => {
    const response = await get(session, `/api/v1/advisories${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<AdvisoryListView>();
  };
  const trackingIds = (view: AdvisoryListView) => view.items.map((item) => item.tracking_id);

  it('lists current documents newest first, paged, with CVE count, max CVSS and KEV', { skip: corpusMissing }, async () => {
    const all = await list(admin);
    assert.equal(all.total, 3);
    assert.deepEqual(trackingIds(all), ['ICSA-23-348-11', 'ICSA-21-131-15', 'ICSA-22-006-01']);
    assert.deepEqual(all.allowed_actions, ['advisory.import', 'advisory.manual_create']);
    const first = all.items[0]!;
    assert.deepEqual(
      { ...first, id: undefined },
      {
        id: undefined, source: 'csaf', tracking_id: 'ICSA-23-348-11', publisher: 'CISA', publisher_namespace: 'https://www.cisa.gov/', title: 'Siemens SINUMERIK', tlp: 'WHITE',
        current_release_date: '2024-09-10T00:00:00.000000Z', tracking_version: '2', validation_status: 'valid', cve_count: 1, max_cvss: 7.5, kev: true,
        allowed_actions: ['advisory.import'],
      },
    );
    assert.equal(all.items[1]!.kev, false);
    const page1 = await list(admin, '?limit=1');
    const page2 = await list(admin, '?limit=1&offset=1');
    const page3 = await list(admin, '?limit=1&offset=2');
    const page4 = await list(admin, '?limit=1&offset=3');
    assert.deepEqual([page1, page2, page3, page4].map(trackingIds), [['ICSA-23-348-11'], ['ICSA-21-131-15'], ['ICSA-22-006-01'], []]);
    assert.deepEqual([page1.total, page4.total], [3, 3]);
    assert.deepEqual((await list(operator)).allowed_actions, []);
  });

  it('filters by search text, KEV, minimum CVSS, vendor, release dates and validation status', { skip: corpusMissing }, async () => {
    assert.deepEqual(trackingIds(await list(admin, '?q=cve-2023-46156')), ['ICSA-23-348-11']);
    assert.deepEqual(trackingIds(await list(admin, '?q=CVE-2022-21137')), ['ICSA-22-006-01']);
    assert.deepEqual(trackingIds(await list(admin, '?q=sinumerik')), ['ICSA-23-348-11']);
    assert.deepEqual(trackingIds(await list(admin, '?q=icsa-22-006')), ['ICSA-22-006-01']);
    assert.deepEqual(trackingIds(await list(admin, '?q=drop table')), ['ICSA-22-006-01'], 'title text');
    assert.deepEqual(trackingIds(await list(admin, '?q=100%25')), [], 'LIKE wildcards are literal');
    assert.deepEqual(trackingIds(await list(admin, '?kev=true')), ['ICSA-23-348-11']);
    assert.deepEqual(trackingIds(await list(admin, '?min_cvss=7.6')).includes('ICSA-23-348-11'), false);
    assert.ok(trackingIds(await list(admin, '?min_cvss=7.8')).includes('ICSA-22-006-01'));
    assert.deepEqual(trackingIds(await list(admin, '?vendor=OMRON')), ['ICSA-22-006-01']);
    assert.deepEqual(trackingIds(await list(admin, '?vendor=siemens')), ['ICSA-23-348-11', 'ICSA-21-131-15']);
    assert.deepEqual(trackingIds(await list(admin, '?from=2023-01-01')), ['ICSA-23-348-11']);
    assert.deepEqual(trackingIds(await list(admin, '?to=2022-03-08')), ['ICSA-21-131-15', 'ICSA-22-006-01']);
    assert.deepEqual(trackingIds(await list(admin, '?from=2022-01-07&to=2024-09-09')), ['ICSA-21-131-15']);
    assert.deepEqual(trackingIds(await list(admin, '?status=flagged')), []);
    assert.equal((await list(admin, '?status=valid')).total, 3);
    const bad = await get(admin, '/api/v1/advisories?from=yesterday&limit=0');
    assert.equal(bad.statusCode, 400);
  });

  it('shows TLP AMBER documents to admin and security officer only: 404 for everyone else', { skip: corpusMissing }, async () => {
    assert.deepEqual(trackingIds(await list(officer)), ['ICSA-23-348-11', 'ICSA-21-131-15', 'ICSA-22-006-01']);
    const forOperator = await list(operator);
    assert.deepEqual([trackingIds(forOperator), forOperator.total], [['ICSA-23-348-11', 'ICSA-22-006-01'], 2]);
    assert.deepEqual(trackingIds(await list(engineer, '?q=ICSA-21-131-15')), []);
    assert.equal((await get(officer, `/api/v1/advisories/${ids.amber}`)).statusCode, 200);
    assert.equal((await get(admin, `/api/v1/advisories/${ids.amber}`)).json<AdvisoryDetailView>().tlp, 'AMBER');
    const documentId = (await get(admin, `/api/v1/advisories/${ids.amber}`)).json<AdvisoryDetailView>().document_id;
    for (const session of [operator, engineer]) {
      assert.equal((await get(session, `/api/v1/advisories/${ids.amber}`)).statusCode, 404);
      assert.equal((await get(session, `/api/v1/advisories/${ids.amber}/documents/${documentId}/raw`)).statusCode, 404);
    }
    const raw = await get(officer, `/api/v1/advisories/${ids.amber}/documents/${documentId}/raw`);
    assert.equal(raw.statusCode, 200);
    assert.ok(raw.rawPayload.equals(amberBytes));
  });

  it('shows TLP AMBER documents to the roles an admin allows: engineering in, security officer out, and back', { skip: corpusMissing }, async () => {
    const visibility = (roles: string[]) =>
      app.inject({ method: 'PUT', url: '/api/v1/settings/advisory-visibility', headers: admin.headers, payload: { restricted_tlp_roles: roles } });
    assert.equal((await visibility(['admin', 'engineering'])).statusCode, 200);
    try {
      assert.deepEqual(trackingIds(await list(engineer, '?q=ICSA-21-131-15')), ['ICSA-21-131-15']);
      assert.equal((await get(engineer, `/api/v1/advisories/${ids.amber}`)).statusCode, 200);
      assert.equal((await get(officer, `/api/v1/advisories/${ids.amber}`)).statusCode, 404);
      assert.deepEqual(trackingIds(await list(officer, '?q=ICSA-21-131-15')), []);
      assert.equal((await get(admin, `/api/v1/advisories/${ids.amber}`)).statusCode, 200);
    } finally {
      assert.equal((await visibility(['admin', 'security_officer'])).statusCode, 200);
    }
    assert.equal((await get(engineer, `/api/v1/advisories/${ids.amber}`)).statusCode, 404);
    assert.equal((await get(officer, `/api/v1/advisories/${ids.amber}`)).statusCode, 200);
  });

  it('returns the detail of a real document: header, notes, CVEs with scores and KEV, remediations, products, revisions', { skip: corpusMissing }, async () => {
    const response = await get(operator, `/api/v1/advisories/${ids.sinumerik}`);
    assert.equal(response.statusCode, 200, response.body);
    const detail = response.json<AdvisoryDetailView>();
    const csaf = JSON.parse(sinumerik.toString('utf8')) as { document: { notes: { text: string }[] }; product_tree: unknown };
    assert.deepEqual([detail.tracking_id, detail.title, detail.tlp, detail.category, detail.csaf_version], ['ICSA-23-348-11', 'Siemens SINUMERIK', 'WHITE', 'csaf_security_advisory', '2.0']);
    assert.deepEqual(detail.notes.map((note) => note.text), csaf.document.notes.map((note) => note.text));
    assert.equal(detail.vulnerabilities.length, 1);
    const vulnerability = detail.vulnerabilities[0]!;
    assert.deepEqual([vulnerability.cve, vulnerability.cwe_id, vulnerability.cwe_name], ['CVE-2023-46156', 'CWE-416', 'Use After Free']);
    assert.deepEqual(vulnerability.scores.map((score) => [score.vector, score.base_score, score.computed_base_score, score.vector_invalid, score.score_mismatch]), [
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H/E:P/RL:O/RC:C', 7.5, 7.5, null, false],
    ]);
    assert.equal(vulnerability.enrichment.kev?.ransomware, true);
    assert.equal(vulnerability.enrichment.epss, null);
    assert.deepEqual(vulnerability.remediations.map((remediation) => remediation.category), ['mitigation', 'vendor_fix', 'vendor_fix']);
    assert.ok(vulnerability.remediations[1]!.products.length > 0);
    assert.ok(vulnerability.remediations[1]!.products.every((name) => !name.startsWith('CSAFPID')), 'product names, not ids');
    assert.ok(vulnerability.known_affected.length > 0);
    assert.ok(detail.products.length > 0);
    assert.ok(detail.products.every((product) => product.branch_path.length > 0 && product.branch_path[0]!.name === 'Siemens'));
    assert.ok(detail.products.some((product) => product.version_range !== null || product.version !== null));
    assert.deepEqual(detail.revisions.map((revision) => [revision.tracking_version, revision.is_current, revision.variant, revision.sha256, revision.validation_status, revision.size]), [
      ['2', true, false, createHash('sha256').update(sinumerik).digest('hex'), 'valid', sinumerik.length],
    ]);
    assert.deepEqual(detail.revisions[0]!.validation_errors, []);
    assert.equal((await get(operator, '/api/v1/advisories/does-not-exist')).statusCode, 404);
    assert.equal((await get(null, `/api/v1/advisories/${ids.sinumerik}`)).statusCode, 401);
  });

  it('returns hostile title and notes as data, unchanged', { skip: corpusMissing }, async () => {
    const detail = (await get(operator, `/api/v1/advisories/${ids.hostile}`)).json<AdvisoryDetailView>();
    assert.equal(detail.title, hostileTitle);
    assert.equal(detail.notes[0]!.text, hostileNote);
    const listed = (await list(operator, '?q=icsa-22-006')).items[0]!;
    assert.equal(listed.title, hostileTitle);
  });

  it('downloads the raw document as a JSON attachment with nosniff', { skip: corpusMissing }, async () => {
    const detail = (await get(operator, `/api/v1/advisories/${ids.sinumerik}`)).json<AdvisoryDetailView>();
    const response = await get(operator, `/api/v1/advisories/${ids.sinumerik}/documents/${detail.document_id}/raw`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/json');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="icsa-23-348-11\.json"/);
    assert.ok(response.rawPayload.equals(sinumerik));
    assert.equal((await get(operator, `/api/v1/advisories/${ids.sinumerik}/documents/${(await get(admin, `/api/v1/advisories/${ids.hostile}`)).json<AdvisoryDetailView>().document_id}/raw`)).statusCode, 404, 'a document of another advisory');
    assert.equal((await get(null, `/api/v1/advisories/${ids.sinumerik}/documents/${detail.document_id}/raw`)).statusCode, 401);
  });

  it('imports uploaded files (valid, unchanged, invalid → rejected), audited; refuses anonymous and roles without advisory.import', { skip: corpusMissing }, async () => {
    const upload = (session: TestSession | null, files: { filename: string; content: Buffer }[]) => {
      const form = multipart(files.map((file) => ({ name: 'file', filename: file.filename, contentType: 'application/json', content: file.content })));
      return app.inject({ method: 'POST', url: '/api/v1/advisories/import', headers: { ...(session?.headers ?? {}), 'content-type': form.contentType }, payload: form.payload });
    };
    const omron = read('2022/icsa-22-041-01.json');
    const files = [
      { filename: 'icsa-22-041-01.json', content: omron },
      { filename: 'icsa-23-348-11.json', content: sinumerik },
      { filename: 'broken.json', content: Buffer.from('{"document": ') },
      { filename: 'not-csaf.json', content: Buffer.from('{"hello": "world"}') },
    ];
    assert.equal((await upload(null, files)).statusCode, 401);
    for (const session of [operator, engineer]) assert.equal((await upload(session, files)).statusCode, 403);
    assert.equal(await ctx.db.selectFrom('advisories').select('id').where('tracking_id', '=', 'ICSA-22-041-01').executeTakeFirst(), undefined);

    const response = await upload(officer, files);
    assert.equal(response.statusCode, 200, response.body);
    const result = response.json<AdvisoryImportResult>();
    assert.deepEqual([result.imported, result.updated, result.unchanged, result.flagged.length], [1, 0, 1, 0]);
    assert.deepEqual(result.rejected.map((rejected) => rejected.file), ['broken.json', 'not-csaf.json']);
    assert.ok(result.rejected.every((rejected) => rejected.errors.length > 0 && rejected.errors[0]!.code.length > 0));
    const stored = await ctx.db.selectFrom('advisory_documents').select(['received_via', 'file_name']).where('tracking_id', '=', 'ICSA-22-041-01').execute();
    assert.deepEqual(stored, [{ received_via: 'upload', file_name: 'icsa-22-041-01.json' }]);
    const events = await ctx.db.selectFrom('audit_events').select(['actor_id', 'role', 'via']).where('action', '=', 'advisory.import').where('actor_id', '=', officer.userId).execute();
    assert.deepEqual(events, [{ actor_id: officer.userId, role: 'security_officer', via: 'web' }]);

    const tooLarge = await upload(admin, [{ filename: 'huge.json', content: Buffer.alloc(20 * 1024 * 1024 + 1, 0x20) }, { filename: 'again.json', content: omron }]);
    assert.equal(tooLarge.statusCode, 200, tooLarge.body);
    const tooLargeResult = tooLarge.json<AdvisoryImportResult>();
    assert.deepEqual(tooLargeResult.rejected.map((rejected) => [rejected.file, rejected.errors.map((error) => error.code)]), [['huge.json', ['CSAF_DOCUMENT_TOO_LARGE']]]);
    assert.equal(tooLargeResult.unchanged, 1, 'the other file of the request still went through');

    const empty = multipart([{ name: 'other', filename: 'x.json', content: omron }]);
    const wrongField = await app.inject({ method: 'POST', url: '/api/v1/advisories/import', headers: { ...admin.headers, 'content-type': empty.contentType }, payload: empty.payload });
    assert.equal(wrongField.statusCode, 400);
    const notMultipart = await app.inject({ method: 'POST', url: '/api/v1/advisories/import', headers: admin.headers, payload: { file: 'x' } });
    assert.ok([400, 415].includes(notMultipart.statusCode), notMultipart.body);
  });

  it('checks the hash and signature files uploaded beside a document, and refuses one without its document', { skip: corpusMissing }, async () => {
    const upload = (files: { filename: string; content: Buffer }[]) => {
      const form = multipart(files.map((file) => ({ name: 'file', filename: file.filename, contentType: 'application/octet-stream', content: file.content })));
      return app.inject({ method: 'POST', url: '/api/v1/advisories/import', headers: { ...admin.headers, 'content-type': form.contentType }, payload: form.payload });
    };
    const first = 'icsa-21-005-01.json';
    const second = 'icsa-21-005-02.json';
    const response = await upload([
      { filename: first, content: read(`2021/${first}`) },
      { filename: `${first}.sha512`, content: read(`2021/${first}.sha512`) },
      { filename: `${first}.asc`, content: read(`2021/${first}.asc`) },
      { filename: second, content: read(`2021/${second}`) },
      // Another document's hash: the bytes do not match it.
      { filename: `${second}.sha512`, content: read(`2021/${first}.sha512`) },
    ]);
    assert.equal(response.statusCode, 200, response.body);
    const result = response.json<AdvisoryImportResult>();
    assert.equal(result.imported, 1);
    assert.deepEqual(result.rejected.map((rejected) => [rejected.file, rejected.errors.map((error) => error.code)]), [[second, ['ADVISORY_HASH_MISMATCH']]]);
    const stored = await ctx.db.selectFrom('advisories').select('id').where('tracking_id', '=', 'ICSA-21-005-01').executeTakeFirstOrThrow();
    const detail = (await get(admin, `/api/v1/advisories/${stored.id}`)).json<AdvisoryDetailView>();
    assert.deepEqual(detail.revisions.map((revision) => revision.hash_sidecars), [['sha512']]);
    assert.ok(
      detail.revisions[0]!.validation_infos.some((info) => info.code === 'ADVISORY_SIGNATURE_NOT_CHECKED'),
      JSON.stringify(detail.revisions[0]!.validation_infos),
    );

    const orphan = await upload([{ filename: `${second}.asc`, content: read(`2021/${second}.asc`) }, { filename: first, content: read(`2021/${first}`) }]);
    assert.equal(orphan.statusCode, 400, orphan.body);
    assert.deepEqual(orphan.json<{ errors: { code: string; value: string }[] }>().errors.map(({ code, value }) => ({ code, value })), [{ code: 'ADVISORY_SIDECAR_WITHOUT_DOCUMENT', value: `${second}.asc` }]);
  });
});
