import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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
import type { AdvisoryDetailView, AdvisoryListView } from './advisories.schema.ts';
import { importAdvisories } from './advisory-import.service.ts';
import { createCsafValidator } from './csaf-validation.ts';
import { AFFECTED_PRODUCT_ID, FIXED_PRODUCT_ID, MANUAL_NAMESPACE } from './manual-notice-csaf.ts';
import type { ManualNoticeBody, ManualNoticeView, NoticeAttachmentView } from './manual-notices.schema.ts';
import { createManualNotice } from './manual-notices.service.ts';

// The vendor notice over HTTP: recorded through the form's API, it is an advisory like an imported
// one (list, detail, normalised rows, raw document), revised by editing, linked to a CSAF advisory,
// with attachments; refused with field paths when invalid and with 403 for roles without the right.

const cli = cliActor('test');

/** A small CSAF advisory of the vendor, imported to link the notice to. */
function vendorCsaf(trackingId: string, tlp: 'WHITE' | 'AMBER'): Buffer {
  const date = '2026-11-20T00:00:00.000Z';
  return Buffer.from(JSON.stringify({
    document: {
      category: 'csaf_base', csaf_version: '2.0', title: `Siemens ${trackingId}`, distribution: { tlp: { label: tlp } },
      publisher: { category: 'vendor', name: 'Siemens ProductCERT', namespace: 'https://www.siemens.com' },
      tracking: { id: trackingId, version: '1', status: 'final', initial_release_date: date, current_release_date: date, revision_history: [{ number: '1', date, summary: 'Initial' }] },
    },
  }));
}

const notice: ManualNoticeBody = {
  vendor: 'Siemens',
  product: 'SIMATIC S7-1500 CPU 1516-3 PN/DP',
  model_number: '6ES7516-3AN02-0AB0',
  affected_versions: '< V3.1',
  fixed_version: 'V3.1',
  description: 'Herr Weber (Siemens Service) meldet telefonisch einen Pufferüberlauf im Webserver der CPU.',
  cve: 'cve-2026-12345',
  cvss_vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  reporter_name: 'Jonas Weber',
  reporter_organisation: 'Siemens AG, Service',
  reporter_contact: '+49 911 123456',
  reported_at: '2026-11-26T07:45:00+01:00',
  channel: 'phone',
};

describeEachDialect('manual vendor notices over HTTP', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let admin: TestSession;
  let officer: TestSession;
  let operator: TestSession;
  let engineer: TestSession;
  let vendorUser: TestSession;
  const csaf = { white: '', amber: '' };
  let noticeId = '';

  before(async () => {
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-26T09:00:00.000Z')) });
    app = await buildApp(ctx);
    const now = ctx.clock.now();
    admin = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    officer = await createUserWithSession(ctx.db, { username: 'sec', role: 'security_officer', displayName: 'Sina Security' }, now);
    operator = await createUserWithSession(ctx.db, { username: 'op', role: 'operator' }, now);
    engineer = await createUserWithSession(ctx.db, { username: 'eng', role: 'engineering' }, now);
    vendorUser = await createUserWithSession(ctx.db, { username: 'ven', role: 'vendor' }, now);
    const sources = [['SSA-100001', 'WHITE'], ['SSA-100002', 'AMBER']].map(([trackingId, tlp]) => {
      const bytes = vendorCsaf(trackingId!, tlp as 'WHITE' | 'AMBER');
      return { name: `${trackingId}.json`, read: () => Promise.resolve(bytes), sidecars: {} };
    });
    const validator = await createCsafValidator({ workers: 1, tests: 'validity' });
    try {
      const result = await importAdvisories(ctx, cli, { sources, via: 'file', validator });
      assert.equal(result.imported, 2, JSON.stringify(result));
    } finally {
      await validator.close();
    }
    const rows = await ctx.db.selectFrom('advisories').select(['id', 'tracking_id']).execute();
    csaf.white = rows.find((row) => row.tracking_id === 'SSA-100001')!.id;
    csaf.amber = rows.find((row) => row.tracking_id === 'SSA-100002')!.id;
  });
  after(async () => {
    await app?.close();
  });

  const send = (session: TestSession | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { ...(session?.headers ?? {}), ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const create = (session: TestSession | null, body: unknown) => send(session, 'POST', '/api/v1/advisories/manual', body);
  const detail = async (session: TestSession, id: string) => {
    const response = await send(session, 'GET', `/api/v1/advisories/${id}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<AdvisoryDetailView>();
  };
  const view = async (session: TestSession, id: string) => {
    const response = await send(session, 'GET', `/api/v1/advisories/manual/${id}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<ManualNoticeView>();
  };
  const errorsOf = (body: string) => (JSON.parse(body) as { errors: { code: string; path: string }[] }).errors.map((error) => [error.path, error.code]);

  it('records a notice as an advisory with source manual: list, detail, normalised rows, raw CSAF document, audit', async () => {
    const response = await create(officer, notice);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers.etag, '"1"');
    const created = response.json<ManualNoticeView>();
    noticeId = created.advisory_id;
    assert.deepEqual(
      [created.tracking_id, created.tracking_version, created.version, created.cve, created.cvss_base_score, created.cvss_base_severity, created.reported_at, created.tlp, created.recorded_by],
      ['PW-MAN-2026-0001', '1', 1, 'CVE-2026-12345', 9.8, 'critical', '2026-11-26T06:45:00.000Z', 'WHITE', 'Sina Security'],
    );
    assert.deepEqual(created.reporter, { name: 'Jonas Weber', organisation: 'Siemens AG, Service', contact: '+49 911 123456' });
    assert.deepEqual(created.allowed_actions, ['advisory.manual_update', 'advisory.manual_link']);

    const list = (await send(operator, 'GET', '/api/v1/advisories')).json<AdvisoryListView>();
    const item = list.items.find((entry) => entry.id === noticeId)!;
    assert.deepEqual([item.source, item.tracking_id, item.publisher_namespace, item.cve_count, item.max_cvss, item.validation_status], ['manual', 'PW-MAN-2026-0001', MANUAL_NAMESPACE, 1, 9.8, 'valid']);
    assert.equal(list.items[0]!.id, noticeId, 'newest release first');
    assert.deepEqual((await send(operator, 'GET', '/api/v1/advisories?source=manual')).json<AdvisoryListView>().items.map((entry) => entry.tracking_id), ['PW-MAN-2026-0001']);
    assert.deepEqual((await send(operator, 'GET', '/api/v1/advisories?source=csaf')).json<AdvisoryListView>().items.map((entry) => entry.source), ['csaf']);
    assert.deepEqual((await send(operator, 'GET', '/api/v1/advisories?q=CVE-2026-12345')).json<AdvisoryListView>().items.map((entry) => entry.id), [noticeId]);
    assert.deepEqual((await send(admin, 'GET', '/api/v1/advisories')).json<AdvisoryListView>().allowed_actions, ['advisory.import', 'advisory.manual_create']);
    assert.deepEqual((await send(operator, 'GET', '/api/v1/advisories')).json<AdvisoryListView>().allowed_actions, []);

    const shown = await detail(operator, noticeId);
    assert.deepEqual([shown.source, shown.category, shown.tlp, shown.linked_advisory, shown.linked_notices], ['manual', 'csaf_base', 'WHITE', null, []]);
    const vulnerability = shown.vulnerabilities[0]!;
    assert.deepEqual([vulnerability.cve, vulnerability.known_affected, vulnerability.fixed], [
      'CVE-2026-12345', ['Siemens SIMATIC S7-1500 CPU 1516-3 PN/DP < V3.1'], ['Siemens SIMATIC S7-1500 CPU 1516-3 PN/DP V3.1'],
    ]);
    assert.deepEqual(vulnerability.scores.map((entry) => [entry.base_score, entry.computed_base_score, entry.score_mismatch]), [[9.8, 9.8, false]]);
    assert.deepEqual(vulnerability.remediations.map((remediation) => [remediation.category, remediation.details]), [['vendor_fix', 'Update to V3.1.']]);
    assert.deepEqual(shown.products.map((product) => [product.vendor, product.product_name, product.version_range, product.version]), [
      ['Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', '< V3.1', null],
      ['Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', null, 'V3.1'],
    ]);

    // The rows matching joins on, exactly as for an imported document.
    const documentId = shown.document_id;
    const products = await ctx.db.selectFrom('advisory_products').select(['product_id', 'vendor_norm', 'product_name_norm', 'product_version_range', 'product_version']).where('document_id', '=', documentId).orderBy('position').execute();
    assert.deepEqual(products, [
      { product_id: AFFECTED_PRODUCT_ID, vendor_norm: 'siemens', product_name_norm: 'simatic s7-1500 cpu 1516-3 pn/dp', product_version_range: '< V3.1', product_version: null },
      { product_id: FIXED_PRODUCT_ID, vendor_norm: 'siemens', product_name_norm: 'simatic s7-1500 cpu 1516-3 pn/dp', product_version_range: null, product_version: 'V3.1' },
    ]);
    const statuses = await ctx.db.selectFrom('advisory_product_status').select(['status', 'product_id']).where('document_id', '=', documentId).orderBy('status').execute();
    assert.deepEqual(statuses, [{ status: 'fixed', product_id: FIXED_PRODUCT_ID }, { status: 'known_affected', product_id: AFFECTED_PRODUCT_ID }]);
    const identifiers = await ctx.db.selectFrom('advisory_product_identifiers').select(['kind', 'value_norm']).where('document_id', '=', documentId).where('product_id', '=', AFFECTED_PRODUCT_ID).execute();
    assert.deepEqual(identifiers, [{ kind: 'model_number', value_norm: '6es7516-3an02-0ab0' }]);

    const raw = await send(operator, 'GET', `/api/v1/advisories/${noticeId}/documents/${documentId}/raw`);
    assert.equal(raw.statusCode, 200);
    assert.match(String(raw.headers['content-disposition']), /filename="pw-man-2026-0001\.json"/);
    assert.equal(createHash('sha256').update(raw.rawPayload).digest('hex'), shown.revisions[0]!.sha256);
    const document = JSON.parse(raw.body) as { document: { category: string; publisher: { category: string; namespace: string }; tracking: { id: string } } };
    assert.deepEqual([document.document.category, document.document.publisher.category, document.document.publisher.namespace, document.document.tracking.id], ['csaf_base', 'user', MANUAL_NAMESPACE, 'PW-MAN-2026-0001']);

    const events = await ctx.db.selectFrom('audit_events').select(['action', 'object_type', 'object_id', 'role', 'summary']).where('action', '=', 'advisory.manual_create').execute();
    assert.equal(events.length, 1);
    assert.deepEqual([events[0]!.object_type, events[0]!.object_id, events[0]!.role], ['advisory', noticeId, 'security_officer']);
    assert.match(events[0]!.summary, /PW-MAN-2026-0001.*"Siemens".*by phone/);
  });

  it('numbers notices per year and keeps the reporter from roles that may not see supplier contacts', async () => {
    const second = await create(admin, { ...notice, fixed_version: null, cve: null, cvss_vector: null, model_number: null, channel: 'email' });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json<ManualNoticeView>().tracking_id, 'PW-MAN-2026-0002');
    (ctx.clock as ManualClock).set(new Date('2027-01-02T08:00:00.000Z'));
    try {
      // The sessions of the suite end after a day: the CLI records this one.
      const nextYear = await createManualNotice(ctx, cli, { ...notice, reported_at: '2027-01-02T07:00:00Z' });
      assert.deepEqual([nextYear.tracking_id, nextYear.recorded_by], ['PW-MAN-2027-0001', 'cli:test']);
    } finally {
      (ctx.clock as ManualClock).set(new Date('2026-11-26T09:00:00.000Z'));
    }
    assert.notEqual((await view(engineer, noticeId)).reporter, null);
    assert.equal((await view(operator, noticeId)).reporter, null);
    assert.equal((await view(vendorUser, noticeId)).reporter, null);
    assert.deepEqual((await view(operator, noticeId)).allowed_actions, []);
  });

  it('refuses invalid input with the field paths and stores nothing', async () => {
    const before = (await ctx.db.selectFrom('advisories').select('id').execute()).length;
    const cases: [unknown, [string, string][]][] = [
      [{ ...notice, vendor: undefined, product: '  ' }, [['/vendor', 'VALUE_REQUIRED'], ['/product', 'VALUE_BLANK']]],
      [{ ...notice, cve: 'CVE-26-1' }, [['/cve', 'CVE_ID_INVALID']]],
      [{ ...notice, channel: 'fax' }, [['/channel', 'INVALID_VALUE']]],
      [{ ...notice, reported_at: 'yesterday' }, [['/reported_at', 'INVALID_VALUE']]],
      [{ ...notice, reported_at: '2026-11-27T09:00:00Z' }, [['/reported_at', 'REPORTED_AT_IN_FUTURE']]],
      [{ ...notice, cvss_vector: 'CVSS:3.1/AV:N/AC:L' }, [['/cvss_vector', 'CVSS_BASE_INCOMPLETE']]],
      [{ ...notice, cvss_vector: 'high' }, [['/cvss_vector', 'CVSS_VECTOR_INVALID']]],
      [{ ...notice, cvss_vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }, [['/cvss_vector', 'CVSS_VERSION_NOT_IN_CSAF20']]],
      [{ ...notice, fixed_version: 'V3.1 and later' }, [['/fixed_version', 'MANUAL_NOTICE_CSAF_TEST']]],
      [{ ...notice, extra: 1 }, [['/extra', 'UNKNOWN_FIELD']]],
    ];
    for (const [body, expected] of cases) {
      const response = await create(officer, body);
      assert.equal(response.statusCode, 400, response.body);
      assert.deepEqual(errorsOf(response.body), expected, JSON.stringify(body));
    }
    const csafTest = await create(officer, { ...notice, fixed_version: 'V3.1 and later' });
    assert.match(csafTest.json<{ errors: { message: string }[] }>().errors[0]!.message, /6\.1\.31/);
    assert.equal((await ctx.db.selectFrom('advisories').select('id').execute()).length, before);
  });

  it('refuses recording, editing, linking and attaching to roles without the right (403) and anonymous callers (401)', async () => {
    for (const session of [operator, engineer, vendorUser]) {
      assert.equal((await create(session, notice)).statusCode, 403);
      assert.equal((await send(session, 'PUT', `/api/v1/advisories/manual/${noticeId}`, notice, { 'if-match': '"1"' })).statusCode, 403);
      assert.equal((await send(session, 'POST', `/api/v1/advisories/manual/${noticeId}/link`, { advisory_id: csaf.white }, { 'if-match': '"1"' })).statusCode, 403);
      const form = multipart([{ name: 'file', filename: 'mail.eml', content: Buffer.from('From: x') }]);
      assert.equal((await send(session, 'POST', `/api/v1/advisories/manual/${noticeId}/attachments`, form.payload, { 'content-type': form.contentType })).statusCode, 403);
    }
    assert.equal((await create(null, notice)).statusCode, 401);
    assert.equal((await send(null, 'GET', `/api/v1/advisories/manual/${noticeId}`)).statusCode, 401);
    assert.equal((await send(operator, 'GET', `/api/v1/advisories/manual/${csaf.white}`)).statusCode, 404, 'a CSAF advisory is no manual notice');
  });

  it('revises a notice as the next tracking version, keeps the older one as history, and writes nothing for an unchanged form', async () => {
    const url = `/api/v1/advisories/manual/${noticeId}`;
    assert.equal((await send(officer, 'PUT', url, notice)).statusCode, 428);
    assert.equal((await send(officer, 'PUT', url, notice, { 'if-match': '"7"' })).statusCode, 412);
    const unchanged = await send(officer, 'PUT', url, { ...notice, revision_summary: 'nothing' }, { 'if-match': '"1"' });
    assert.equal(unchanged.statusCode, 200, unchanged.body);
    assert.deepEqual([unchanged.json<ManualNoticeView>().version, unchanged.json<ManualNoticeView>().tracking_version], [1, '1']);

    const revised = await send(officer, 'PUT', url, { ...notice, fixed_version: 'V3.1.2', affected_versions: '< V3.1.2', revision_summary: 'Vendor e-mail: fixed in V3.1.2' }, { 'if-match': '"1"' });
    assert.equal(revised.statusCode, 200, revised.body);
    assert.equal(revised.headers.etag, '"2"');
    assert.deepEqual([revised.json<ManualNoticeView>().tracking_version, revised.json<ManualNoticeView>().fixed_version], ['2', 'V3.1.2']);
    const shown = await detail(operator, noticeId);
    assert.deepEqual(shown.revisions.map((revision) => [revision.tracking_version, revision.is_current, revision.validation_status]), [['2', true, 'valid'], ['1', false, 'valid']]);
    assert.deepEqual(shown.vulnerabilities[0]!.fixed, ['Siemens SIMATIC S7-1500 CPU 1516-3 PN/DP V3.1.2']);
    const ranges = await ctx.db.selectFrom('advisory_products').select('product_version_range').where('document_id', '=', shown.document_id).where('product_version_range', 'is not', null).execute();
    assert.deepEqual(ranges, [{ product_version_range: '< V3.1.2' }]);
    const raw = await send(operator, 'GET', `/api/v1/advisories/${noticeId}/documents/${shown.document_id}/raw`);
    const history = (JSON.parse(raw.body) as { document: { tracking: { revision_history: { number: string; summary: string }[] } } }).document.tracking.revision_history;
    assert.deepEqual(history.map((entry) => [entry.number, entry.summary]), [['1', 'Initial version, recorded from the vendor notice.'], ['2', 'Vendor e-mail: fixed in V3.1.2']]);
    const stale = await send(officer, 'PUT', url, notice, { 'if-match': '"1"' });
    assert.equal(stale.statusCode, 412);
    const events = await ctx.db.selectFrom('audit_events').select('summary').where('action', '=', 'advisory.manual_update').execute();
    assert.equal(events.length, 1);
    assert.match(events[0]!.summary, /version 2 \(changed: affected_versions, fixed_version\)/);
  });

  it('links the notice to a later CSAF advisory; both details show it; only CSAF advisories the caller sees qualify', async () => {
    const url = `/api/v1/advisories/manual/${noticeId}/link`;
    const version = (await view(officer, noticeId)).version;
    const manualOther = (await send(officer, 'GET', '/api/v1/advisories?source=manual')).json<AdvisoryListView>().items.find((item) => item.id !== noticeId)!.id;
    assert.deepEqual(errorsOf((await send(officer, 'POST', url, { advisory_id: manualOther }, { 'if-match': `"${version}"` })).body), [['/advisory_id', 'MANUAL_NOTICE_LINK_NOT_CSAF']]);
    assert.deepEqual(errorsOf((await send(officer, 'POST', url, { advisory_id: 'missing' }, { 'if-match': `"${version}"` })).body), [['/advisory_id', 'MANUAL_NOTICE_LINK_UNKNOWN']]);
    assert.equal((await send(officer, 'POST', url, { advisory_id: csaf.white })).statusCode, 428);

    const linked = await send(officer, 'POST', url, { advisory_id: csaf.white }, { 'if-match': `"${version}"` });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.deepEqual(linked.json<ManualNoticeView>().linked_advisory, { id: csaf.white, tracking_id: 'SSA-100001', title: 'Siemens SSA-100001', source: 'csaf' });
    assert.equal(linked.json<ManualNoticeView>().version, version + 1);
    assert.deepEqual((await detail(operator, noticeId)).linked_advisory?.tracking_id, 'SSA-100001');
    assert.deepEqual((await detail(operator, csaf.white)).linked_notices.map((entry) => [entry.tracking_id, entry.source]), [['PW-MAN-2026-0001', 'manual']]);

    // Re-linked to the AMBER advisory: operators see neither the link target nor (on the WHITE one) the notice any more.
    const relinked = await send(officer, 'POST', url, { advisory_id: csaf.amber }, { 'if-match': `"${version + 1}"` });
    assert.equal(relinked.statusCode, 200, relinked.body);
    assert.equal((await detail(operator, noticeId)).linked_advisory, null);
    assert.equal((await detail(officer, noticeId)).linked_advisory?.tracking_id, 'SSA-100002');
    assert.deepEqual((await detail(operator, csaf.white)).linked_notices, []);

    const unlinked = await send(officer, 'POST', url, { advisory_id: null }, { 'if-match': `"${version + 2}"` });
    assert.equal(unlinked.statusCode, 200, unlinked.body);
    assert.equal(unlinked.json<ManualNoticeView>().linked_advisory, null);
    const events = await ctx.db.selectFrom('audit_events').select('summary').where('action', '=', 'advisory.manual_link').orderBy('seq').execute();
    assert.deepEqual(events.map((event) => event.summary), [
      'Linked vendor notice "PW-MAN-2026-0001" to CSAF advisory "SSA-100001"',
      'Linked vendor notice "PW-MAN-2026-0001" to CSAF advisory "SSA-100002" (before: "SSA-100001")',
      'Removed the link of vendor notice "PW-MAN-2026-0001" to CSAF advisory "SSA-100002"',
    ]);
  });

  it('stores attachments in the artifact store by SHA-256, lists them and serves them as downloads', async () => {
    const eml = Buffer.from('From: jonas.weber@siemens.example\r\nSubject: Sicherheitslücke S7-1500\r\n\r\nSiehe Anhang.\r\n');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 7)]);
    const upload = async (name: string, contentType: string, bytes: Buffer) => {
      const form = multipart([{ name: 'file', filename: name, contentType, content: bytes }]);
      const response = await send(officer, 'POST', `/api/v1/advisories/manual/${noticeId}/attachments`, form.payload, { 'content-type': form.contentType });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<NoticeAttachmentView>();
    };
    const mail = await upload('Meldung Siemens.eml', 'message/rfc822', eml);
    const letter = await upload('../../brief.pdf', 'application/pdf', pdf);
    assert.deepEqual([mail.sha256, mail.size, mail.original_name, mail.media_type, mail.uploaded_by], [createHash('sha256').update(eml).digest('hex'), eml.length, 'Meldung Siemens.eml', 'message/rfc822', 'Sina Security']);
    assert.equal(letter.original_name, 'brief.pdf');
    assert.ok(await ctx.artifacts.has(mail.sha256));

    assert.deepEqual((await view(operator, noticeId)).attachments.map((attachment) => attachment.id), [mail.id, letter.id]);
    const download = await send(operator, 'GET', `/api/v1/advisories/manual/${noticeId}/attachments/${mail.id}/download`);
    assert.equal(download.statusCode, 200);
    assert.ok(download.rawPayload.equals(eml));
    assert.equal(download.headers['content-type'], 'application/octet-stream');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="Meldung Siemens\.eml"/);
    assert.equal((await send(operator, 'GET', `/api/v1/advisories/manual/${noticeId}/attachments/missing/download`)).statusCode, 404);
    assert.equal((await send(null, 'GET', `/api/v1/advisories/manual/${noticeId}/attachments/${mail.id}/download`)).statusCode, 401);
    const events = await ctx.db.selectFrom('audit_events').select('summary').where('action', '=', 'advisory.manual_attach').execute();
    assert.equal(events.length, 2);
    const noFile = multipart([{ name: 'note', value: 'x' }]);
    assert.equal((await send(officer, 'POST', `/api/v1/advisories/manual/${noticeId}/attachments`, noFile.payload, { 'content-type': noFile.contentType })).statusCode, 400);
  });

  it('hides a TLP AMBER notice, its attachments and its document from everyone but admin and security officer', async () => {
    const response = await create(officer, { ...notice, tlp: 'AMBER', vendor: 'Beckhoff', product: 'TwinCAT', cve: null, cvss_vector: null });
    assert.equal(response.statusCode, 201, response.body);
    const amber = response.json<ManualNoticeView>();
    const form = multipart([{ name: 'file', filename: 'vertraulich.pdf', content: Buffer.from('%PDF confidential') }]);
    const attachment = (await send(admin, 'POST', `/api/v1/advisories/manual/${amber.advisory_id}/attachments`, form.payload, { 'content-type': form.contentType })).json<NoticeAttachmentView>();
    for (const session of [operator, engineer]) {
      assert.equal((await send(session, 'GET', `/api/v1/advisories/manual/${amber.advisory_id}`)).statusCode, 404);
      assert.equal((await send(session, 'GET', `/api/v1/advisories/${amber.advisory_id}`)).statusCode, 404);
      assert.equal((await send(session, 'GET', `/api/v1/advisories/manual/${amber.advisory_id}/attachments/${attachment.id}/download`)).statusCode, 404);
      assert.ok(!(await send(session, 'GET', '/api/v1/advisories?source=manual')).json<AdvisoryListView>().items.some((item) => item.id === amber.advisory_id));
    }
    assert.equal((await detail(admin, amber.advisory_id)).tlp, 'AMBER');
    assert.equal((await send(admin, 'GET', `/api/v1/advisories/manual/${amber.advisory_id}/attachments/${attachment.id}/download`)).statusCode, 200);
  });
});
