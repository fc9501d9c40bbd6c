import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { AppContext } from '../context.ts';
import type { MachineRow, SiteRow } from '../db/schema.ts';
import { cliActor } from '../policies/actor.ts';
import { roles, type Role } from '../policies/roles.ts';
import { storeArtifact } from '../modules/artifacts/artifacts.service.ts';
import { addComponent } from '../modules/machines/components.service.ts';
import { createArea } from '../modules/sites/areas.service.ts';
import { createSegment } from '../modules/sites/segments.service.ts';
import { API_TOKEN_PREFIX } from '../modules/auth/authenticate.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { hashSecret, newSecret } from '../modules/auth/secrets.ts';
import { insertSession, insertUser } from '../../test-support/actors.ts';
import { createTestContext } from '../../test-support/context.ts';
import { describeEachDialect } from '../../test-support/databases.ts';
import { insertMachine, insertSite } from '../../test-support/factories.ts';
import { multipart } from '../../test-support/multipart.ts';
import { importAdvisories } from '../modules/advisories/advisory-import.service.ts';
import { createCsafValidator } from '../modules/advisories/csaf-validation.ts';
import type { ManualNoticeBody } from '../modules/advisories/manual-notices.schema.ts';
import { addNoticeAttachment, createManualNotice } from '../modules/advisories/manual-notices.service.ts';
import { matchDocuments } from '../modules/matching/matching.service.ts';
import { tinySources } from '../modules/matching/matching.fixture.ts';
import { withWrite } from '../db/write.ts';
import { buildApp } from './app.ts';
import { matrixColumns, parseMatrixRow, routeMatrix } from './route-matrix.ts';

// Calls every registered route as every role — each a user whose grant covers the "own" site (the
// vendor: one machine there) — against an object in the own site and one in the other site, and as
// an anonymous caller, and compares the statuses with the checked-in table in route-matrix.ts.
// Writes to versioned objects send a stale If-Match, so permitted callers get 412 and nothing
// changes between calls.

type Side = 'own' | 'other';

interface SideObjects {
  site: SiteRow;
  machine: MachineRow;
  /** A maintenance user whose only grant is on this side's site. */
  userId: string;
  grantId: string;
  artifactId: string;
  areaId: string;
  segmentId: string;
  componentId: string;
  /** A conduit from this side's segment to the internet. */
  conduitId: string;
  brokerId: string;
  partnerSystemId: string;
  /** A contract on this side's machine, with a test template. */
  contractId: string;
  contractTemplateId: string;
  /** A machine-type template in this side's site. */
  typeTemplateId: string;
  sparePartId: string;
}

interface Fixture {
  ctx: AppContext;
  own: SideObjects;
  other: SideObjects;
  /** The user acting in the current call, or null when anonymous. */
  callerId: string | null;
  callerRole: Role | null;
  /** A token owned by the caller (own side) or by the other side's user (other side). */
  tokenId: string;
  sequence: number;
}

type RequestBuilder = (fixture: Fixture, side: Side) => InjectOptions | Promise<InjectOptions>;

const STALE = { 'if-match': '"0"' };
const PASSWORD = 'matrix password 123';

function scopeText(fixture: Fixture, side: Side, role: Role | null): string {
  return role === 'vendor' ? `machine:${fixture[side].machine.machine_id}` : `site:${fixture[side].site.key}`;
}

/** A tiny valid CSAF base document; TLP AMBER ones are visible to admin and security_officer only. */
function tinyCsaf(trackingId: string, tlp: 'WHITE' | 'AMBER'): Buffer {
  const date = '2026-01-01T00:00:00.000Z';
  return Buffer.from(JSON.stringify({
    document: {
      category: 'csaf_base', csaf_version: '2.0', title: `Matrix ${trackingId}`, distribution: { tlp: { label: tlp } },
      publisher: { category: 'vendor', name: 'Matrix', namespace: 'https://matrix.example' },
      tracking: { id: trackingId, version: '1', status: 'final', initial_release_date: date, current_release_date: date, revision_history: [{ number: '1', date, summary: 'Initial' }] },
    },
  }));
}

const matrixAdvisories = new WeakMap<AppContext, Promise<Record<Side, { advisoryId: string; documentId: string }>>>();

/** Own side: a TLP WHITE advisory; other side: a TLP AMBER one (imported once per database). */
function matrixAdvisory(fixture: Fixture, side: Side): Promise<{ advisoryId: string; documentId: string }> {
  let stored = matrixAdvisories.get(fixture.ctx);
  if (!stored) {
    stored = (async () => {
      const sources = (['own', 'other'] as const).map((name) => {
        const bytes = tinyCsaf(`MATRIX-${name}`, name === 'own' ? 'WHITE' : 'AMBER');
        return { name: `${name}.json`, read: () => Promise.resolve(bytes), sidecars: {} };
      });
      const result = await importAdvisories(fixture.ctx, cliActor('matrix'), { sources, via: 'file' });
      assert.equal(result.imported, 2, JSON.stringify(result));
      const rows = await fixture.ctx.db.selectFrom('advisories').select(['id', 'tracking_id', 'current_document_id']).where('tracking_id', 'in', ['MATRIX-own', 'MATRIX-other']).execute();
      const of = (name: Side) => {
        const row = rows.find((candidate) => candidate.tracking_id === `MATRIX-${name}`)!;
        return { advisoryId: row.id, documentId: row.current_document_id! };
      };
      return { own: of('own'), other: of('other') };
    })();
    matrixAdvisories.set(fixture.ctx, stored);
  }
  return stored.then((both) => both[side]);
}

/** The form of a vendor notice, as the matrix records it. */
function matrixNotice(vendor: string, tlp: 'WHITE' | 'AMBER'): ManualNoticeBody {
  return {
    vendor, product: 'S7-1500', affected_versions: '< V3.1', description: 'Reported by phone', reporter_name: 'Jonas Weber',
    reported_at: '2026-01-01T00:00:00.000Z', channel: 'phone', tlp,
  };
}

const matrixNotices = new WeakMap<AppContext, Promise<Record<Side, { advisoryId: string; attachmentId: string }>>>();

/** Own side: a TLP WHITE vendor notice with an attachment; other side: a TLP AMBER one (recorded once per database). */
function matrixNoticeOf(fixture: Fixture, side: Side): Promise<{ advisoryId: string; attachmentId: string }> {
  let stored = matrixNotices.get(fixture.ctx);
  if (!stored) {
    stored = (async () => {
      const cli = cliActor('matrix');
      const validator = await createCsafValidator({ workers: 1, tests: 'validity' });
      try {
        const of = async (name: Side) => {
          const notice = await createManualNotice(fixture.ctx, cli, matrixNotice(`Matrix ${name}`, name === 'own' ? 'WHITE' : 'AMBER'), { validator });
          const attachment = await addNoticeAttachment(fixture.ctx, cli, { advisoryId: notice.advisory_id, source: Readable.from([Buffer.from(`mail of ${name}`)]), originalName: `${name}.eml`, mediaType: 'message/rfc822' });
          return { advisoryId: notice.advisory_id, attachmentId: attachment.id };
        };
        return { own: await of('own'), other: await of('other') };
      } finally {
        await validator.close();
      }
    })();
    matrixNotices.set(fixture.ctx, stored);
  }
  return stored.then((both) => both[side]);
}

const matrixFindings = new WeakMap<AppContext, Promise<Record<Side, string>>>();

/** A finding on each side's machine: a component matched by a TLP WHITE advisory (created once per database). */
function matrixFindingOf(fixture: Fixture, side: Side): Promise<string> {
  let stored = matrixFindings.get(fixture.ctx);
  if (!stored) {
    stored = (async () => {
      const cli = cliActor('matrix');
      const components: Record<Side, string> = { own: '', other: '' };
      for (const name of ['own', 'other'] as const) {
        const added = await addComponent(fixture.ctx, cli, { machineId: fixture[name].machine.machine_id, component: { component_type: 'plc', vendor: 'Matrix Automation', name: 'Matrix PLC', component_version: '1.0' } });
        components[name] = added.id;
      }
      const sources = tinySources([{ trackingId: 'MATRIX-FINDING', vendor: 'Matrix Automation', product: 'Matrix PLC', range: '<2.0', cve: 'CVE-2026-0001' }]);
      const result = await importAdvisories(fixture.ctx, cli, { sources, via: 'file' });
      assert.equal(result.imported, 1, JSON.stringify(result));
      const documents = await fixture.ctx.db.selectFrom('advisory_documents').select('id').where('tracking_id', '=', 'MATRIX-FINDING').execute();
      await withWrite(fixture.ctx, ({ trx }) => matchDocuments(trx, documents.map((row) => row.id)));
      const rows = await fixture.ctx.db.selectFrom('findings').select(['id', 'component_id']).where('component_id', 'in', [components.own, components.other]).execute();
      const of = (name: Side) => rows.find((row) => row.component_id === components[name])!.id;
      return { own: of('own'), other: of('other') };
    })();
    matrixFindings.set(fixture.ctx, stored);
  }
  return stored.then((both) => both[side]);
}

function inDays(fixture: Fixture, days: number): string {
  return new Date(fixture.ctx.clock.now().getTime() + days * 86_400_000).toISOString();
}

/** How each route is called; a route without an entry here fails the test. */
const requests: Record<string, RequestBuilder> = {
  'GET /healthz': () => ({ method: 'GET', url: '/healthz' }),
  'GET /readyz': () => ({ method: 'GET', url: '/readyz' }),
  'GET /metrics': () => ({ method: 'GET', url: '/metrics' }),
  'GET /api/openapi.json': () => ({ method: 'GET', url: '/api/openapi.json' }),
  'GET /api/v1/setup': () => ({ method: 'GET', url: '/api/v1/setup' }),
  'POST /api/v1/setup': (f) => ({
    method: 'POST',
    url: '/api/v1/setup',
    payload: { token: newSecret(), username: `setup${f.sequence}`, password: PASSWORD, display_name: 'Setup' },
  }),
  'POST /api/v1/auth/login': () => ({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'wrong password 123' } }),
  'POST /api/v1/auth/logout': () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
  'GET /api/v1/auth/me': () => ({ method: 'GET', url: '/api/v1/auth/me' }),
  'PATCH /api/v1/auth/me': () => ({ method: 'PATCH', url: '/api/v1/auth/me', headers: STALE, payload: { display_name: 'Changed' } }),
  'POST /api/v1/auth/password': () => ({
    method: 'POST',
    url: '/api/v1/auth/password',
    payload: { current_password: 'not the password', new_password: 'another password 123' },
  }),
  'GET /api/v1/users': () => ({ method: 'GET', url: '/api/v1/users' }),
  'POST /api/v1/users': (f, side) => ({
    method: 'POST',
    url: '/api/v1/users',
    payload: { username: `new${f.sequence}`, password: PASSWORD, display_name: 'New', grants: [{ role: 'operator', scope: scopeText(f, side, null) }] },
  }),
  'GET /api/v1/users/:id': (f, side) => ({ method: 'GET', url: `/api/v1/users/${f[side].userId}` }),
  'PATCH /api/v1/users/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/users/${f[side].userId}`, headers: STALE, payload: { display_name: 'Changed' } }),
  'POST /api/v1/users/:id/disable': (f, side) => ({ method: 'POST', url: `/api/v1/users/${f[side].userId}/disable`, headers: STALE }),
  'POST /api/v1/users/:id/enable': (f, side) => ({ method: 'POST', url: `/api/v1/users/${f[side].userId}/enable`, headers: STALE }),
  'POST /api/v1/users/:id/grants': (f, side) => ({
    method: 'POST',
    url: `/api/v1/users/${f[side].userId}/grants`,
    headers: STALE,
    payload: { role: 'operator', scope: scopeText(f, side, null) },
  }),
  'DELETE /api/v1/users/:id/grants/:grant_id': (f, side) => ({
    method: 'DELETE',
    url: `/api/v1/users/${f[side].userId}/grants/${f[side].grantId}`,
    headers: STALE,
  }),
  'POST /api/v1/users/:id/password': (f, side) => ({
    method: 'POST',
    url: `/api/v1/users/${f[side].userId}/password`,
    headers: STALE,
    payload: { new_password: 'reset password 123' },
  }),
  'GET /api/v1/users/:id/history': (f, side) => ({ method: 'GET', url: `/api/v1/users/${f[side].userId}/history` }),
  'GET /api/v1/tokens': () => ({ method: 'GET', url: '/api/v1/tokens' }),
  'POST /api/v1/tokens': (f, side) => ({
    method: 'POST',
    url: '/api/v1/tokens',
    payload: { name: 'Script', role: f.callerRole ?? 'operator', scope: scopeText(f, side, f.callerRole), expires_at: inDays(f, 30) },
  }),
  'POST /api/v1/tokens/:id/revoke': (f) => ({ method: 'POST', url: `/api/v1/tokens/${f.tokenId}/revoke` }),
  'GET /api/v1/audit': () => ({ method: 'GET', url: '/api/v1/audit' }),
  'GET /api/v1/audit/verify': () => ({ method: 'GET', url: '/api/v1/audit/verify' }),
  'GET /api/v1/audit/objects/:object_type/:object_id': (f, side) => ({ method: 'GET', url: `/api/v1/audit/objects/site/${f[side].site.id}` }),
  'POST /api/v1/artifacts': (f, side) => {
    const body = multipart([
      { name: 'site_key', value: f[side].site.key },
      { name: 'file', filename: 'evidence.txt', contentType: 'text/plain', content: Buffer.from(`evidence ${f.sequence}`) },
    ]);
    return { method: 'POST', url: '/api/v1/artifacts', payload: body.payload, headers: { 'content-type': body.contentType } };
  },
  'GET /api/v1/artifacts/:id': (f, side) => ({ method: 'GET', url: `/api/v1/artifacts/${f[side].artifactId}` }),
  'GET /api/v1/artifacts/:id/download': (f, side) => ({ method: 'GET', url: `/api/v1/artifacts/${f[side].artifactId}/download` }),
  'GET /api/v1/sites': () => ({ method: 'GET', url: '/api/v1/sites' }),
  'POST /api/v1/sites': (f) => ({ method: 'POST', url: '/api/v1/sites', payload: { key: `SITE-${f.sequence}`, name: 'New site', time_zone: 'Europe/Berlin' } }),
  'GET /api/v1/sites/:key': (f, side) => ({ method: 'GET', url: `/api/v1/sites/${f[side].site.key}` }),
  'PATCH /api/v1/sites/:key': (f, side) => ({ method: 'PATCH', url: `/api/v1/sites/${f[side].site.key}`, headers: STALE, payload: { name: 'Changed' } }),
  'GET /api/v1/sites/:key/areas': (f, side) => ({ method: 'GET', url: `/api/v1/sites/${f[side].site.key}/areas` }),
  'POST /api/v1/sites/:key/areas': (f, side) => ({ method: 'POST', url: `/api/v1/sites/${f[side].site.key}/areas`, payload: { key: `AREA-${f.sequence}`, name: 'Area' } }),
  'PATCH /api/v1/areas/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/areas/${f[side].areaId}`, headers: STALE, payload: { name: 'Changed' } }),
  'GET /api/v1/segments': () => ({ method: 'GET', url: '/api/v1/segments' }),
  'POST /api/v1/segments': (f, side) => ({
    method: 'POST',
    url: '/api/v1/segments',
    payload: { site_key: f[side].site.key, key: `SEG-${f.sequence}`, name: 'Segment', zone_type: 'ot_cell' },
  }),
  'GET /api/v1/segments/:id': (f, side) => ({ method: 'GET', url: `/api/v1/segments/${f[side].segmentId}` }),
  'PATCH /api/v1/segments/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/segments/${f[side].segmentId}`, headers: STALE, payload: { name: 'Changed' } }),
  'GET /api/v1/machines': () => ({ method: 'GET', url: '/api/v1/machines' }),
  'POST /api/v1/machines': (f, side) => ({ method: 'POST', url: '/api/v1/machines', payload: { machine_id: `NEW-${f.sequence}`, name: 'New machine', site_key: f[side].site.key } }),
  'GET /api/v1/machines/:machine_id': (f, side) => ({ method: 'GET', url: `/api/v1/machines/${f[side].machine.machine_id}` }),
  'PATCH /api/v1/machines/:machine_id': (f, side) => ({ method: 'PATCH', url: `/api/v1/machines/${f[side].machine.machine_id}`, headers: STALE, payload: { name: 'Changed' } }),
  'POST /api/v1/machines/:machine_id/decommission': (f, side) => ({ method: 'POST', url: `/api/v1/machines/${f[side].machine.machine_id}/decommission`, headers: STALE }),
  'PUT /api/v1/machines/:machine_id/interfaces': (f, side) => ({ method: 'PUT', url: `/api/v1/machines/${f[side].machine.machine_id}/interfaces`, headers: STALE, payload: { interfaces: [] } }),
  'GET /api/v1/machines/:machine_id/components': (f, side) => ({ method: 'GET', url: `/api/v1/machines/${f[side].machine.machine_id}/components` }),
  'POST /api/v1/machines/:machine_id/components': (f, side) => ({
    method: 'POST',
    url: `/api/v1/machines/${f[side].machine.machine_id}/components`,
    payload: { component_type: 'other', name: `C-${f.sequence}` },
  }),
  'GET /api/v1/components/:id': (f, side) => ({ method: 'GET', url: `/api/v1/components/${f[side].componentId}` }),
  'PATCH /api/v1/components/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/components/${f[side].componentId}`, headers: STALE, payload: { component_version: '2' } }),
  'POST /api/v1/inventory/import': (f, side) => {
    const columns = 'site,machine_id,machine_name,machine_vendor,machine_model,serial_number,machine_type,criticality,segment,ip,component_type,component_vendor,component_name,component_version,model_number,cpe,purl';
    const row = `${f[side].site.key},IMP-${f.sequence},Press,,,,,,,,plc,Siemens,S7,1.0,,,`;
    const body = multipart([{ name: 'file', filename: 'inventory.csv', contentType: 'text/csv', content: Buffer.from(`${columns}\r\n${row}\r\n`) }]);
    return { method: 'POST', url: '/api/v1/inventory/import?dry_run=true', payload: body.payload, headers: { 'content-type': body.contentType } };
  },
  'GET /api/v1/inventory/export': () => ({ method: 'GET', url: '/api/v1/inventory/export?format=csv' }),
  'GET /api/v1/inventory/template': () => ({ method: 'GET', url: '/api/v1/inventory/template?format=csv' }),
  'POST /api/v1/components/:id/remove': (f, side) => ({ method: 'POST', url: `/api/v1/components/${f[side].componentId}/remove`, headers: STALE }),
  'GET /api/v1/conduits': (f, side) => ({ method: 'GET', url: `/api/v1/conduits?site=${f[side].site.key}` }),
  'POST /api/v1/conduits': (f, side) => ({ method: 'POST', url: '/api/v1/conduits', payload: { from_segment_id: f[side].segmentId, to_segment_id: null, protocol: 'tcp', ports: '443', purpose: `Matrix ${f.sequence}` } }),
  'GET /api/v1/conduits/:id': (f, side) => ({ method: 'GET', url: `/api/v1/conduits/${f[side].conduitId}` }),
  'PATCH /api/v1/conduits/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/conduits/${f[side].conduitId}`, headers: STALE, payload: { purpose: 'Changed' } }),
  'DELETE /api/v1/conduits/:id': (f, side) => ({ method: 'DELETE', url: `/api/v1/conduits/${f[side].conduitId}`, headers: STALE }),
  'GET /api/v1/brokers': (f, side) => ({ method: 'GET', url: `/api/v1/brokers?site=${f[side].site.key}` }),
  'POST /api/v1/brokers': (f, side) => ({ method: 'POST', url: '/api/v1/brokers', payload: { segment_id: f[side].segmentId, name: `Broker ${f.sequence}`, kind: 'mqtt', host: 'broker.local' } }),
  'GET /api/v1/brokers/:id': (f, side) => ({ method: 'GET', url: `/api/v1/brokers/${f[side].brokerId}` }),
  'PATCH /api/v1/brokers/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/brokers/${f[side].brokerId}`, headers: STALE, payload: { name: 'Changed' } }),
  'DELETE /api/v1/brokers/:id': (f, side) => ({ method: 'DELETE', url: `/api/v1/brokers/${f[side].brokerId}`, headers: STALE }),
  'GET /api/v1/ip-register': (f, side) => ({ method: 'GET', url: `/api/v1/ip-register?site=${f[side].site.key}` }),
  'GET /api/v1/machines/:machine_id/partner-systems': (f, side) => ({ method: 'GET', url: `/api/v1/machines/${f[side].machine.machine_id}/partner-systems` }),
  'POST /api/v1/machines/:machine_id/partner-systems': (f, side) => ({
    method: 'POST',
    url: `/api/v1/machines/${f[side].machine.machine_id}/partner-systems`,
    payload: { name: `PS-${f.sequence}`, kind: 'opcua', url: 'opc.tcp://10.0.0.5:4840' },
  }),
  'PATCH /api/v1/partner-systems/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/partner-systems/${f[side].partnerSystemId}`, headers: STALE, payload: { name: 'Changed' } }),
  'DELETE /api/v1/partner-systems/:id': (f, side) => ({ method: 'DELETE', url: `/api/v1/partner-systems/${f[side].partnerSystemId}`, headers: STALE }),
  'GET /api/v1/spare-parts': (f, side) => ({ method: 'GET', url: `/api/v1/spare-parts?site=${f[side].site.key}` }),
  'POST /api/v1/spare-parts': (f, side) => ({
    method: 'POST',
    url: '/api/v1/spare-parts',
    payload: { site_key: f[side].site.key, kind: 'part', name: `SP-${f.sequence}`, quantity: 1, machine_ids: [f[side].machine.machine_id] },
  }),
  'GET /api/v1/spare-parts/:id': (f, side) => ({ method: 'GET', url: `/api/v1/spare-parts/${f[side].sparePartId}` }),
  'PATCH /api/v1/spare-parts/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/spare-parts/${f[side].sparePartId}`, headers: STALE, payload: { quantity: 2 } }),
  'DELETE /api/v1/spare-parts/:id': (f, side) => ({ method: 'DELETE', url: `/api/v1/spare-parts/${f[side].sparePartId}`, headers: STALE }),
  'GET /api/v1/contracts': () => ({ method: 'GET', url: '/api/v1/contracts' }),
  'POST /api/v1/contracts': (f, side) => ({ method: 'POST', url: '/api/v1/contracts', payload: { reference: `RV-NEW-${f.sequence}`, supplier: 'Maschinenbau AG', responsibility: 'supplier', machine_ids: [f[side].machine.machine_id] } }),
  'GET /api/v1/contracts/:id': (f, side) => ({ method: 'GET', url: `/api/v1/contracts/${f[side].contractId}` }),
  'GET /api/v1/contracts/:id/history': (f, side) => ({ method: 'GET', url: `/api/v1/contracts/${f[side].contractId}/history` }),
  'PATCH /api/v1/contracts/:id': (f, side) => ({ method: 'PATCH', url: `/api/v1/contracts/${f[side].contractId}`, headers: STALE, payload: { sla: '4 h' } }),
  'GET /api/v1/test-templates': (f, side) => ({ method: 'GET', url: `/api/v1/test-templates?machine=${f[side].machine.machine_id}` }),
  'POST /api/v1/test-templates': (f, side) => ({ method: 'POST', url: '/api/v1/test-templates', payload: { site_key: f[side].site.key, machine_type: 'Fräse', name: 'Fräse', items: [{ key: 'S1', group: 'safety_function', description_de: 'Not-Halt', expected_de: 'Stillstand' }] } }),
  'GET /api/v1/test-templates/:id': (f, side) => ({ method: 'GET', url: `/api/v1/test-templates/${f[side].contractTemplateId}` }),
  'PUT /api/v1/test-templates/:id': (f, side) => ({ method: 'PUT', url: `/api/v1/test-templates/${f[side].contractTemplateId}`, headers: STALE, payload: { name: 'Abnahme', items: [{ key: 'S1', group: 'safety_function', description_de: 'Not-Halt', expected_de: 'Stillstand' }] } }),
  'GET /api/v1/topology': (f, side) => ({ method: 'GET', url: `/api/v1/topology?site=${f[side].site.key}&format=svg` }),
  'POST /api/v1/demo/load': () => ({ method: 'POST', url: '/api/v1/demo/load', payload: {} }),
  'GET /api/v1/settings/advisory-visibility': () => ({ method: 'GET', url: '/api/v1/settings/advisory-visibility' }),
  'PUT /api/v1/settings/advisory-visibility': () => ({ method: 'PUT', url: '/api/v1/settings/advisory-visibility', payload: { restricted_tlp_roles: ['admin', 'security_officer'] } }),
  'GET /api/v1/advisories': () => ({ method: 'GET', url: '/api/v1/advisories' }),
  'POST /api/v1/advisories/import': (_f, side) => {
    const body = multipart([{ name: 'file', filename: `${side}.json`, contentType: 'application/json', content: tinyCsaf('MATRIX-upload', 'WHITE') }]);
    return { method: 'POST', url: '/api/v1/advisories/import', payload: body.payload, headers: { 'content-type': body.contentType } };
  },
  'GET /api/v1/advisories/:advisory_id': async (f, side) => ({ method: 'GET', url: `/api/v1/advisories/${(await matrixAdvisory(f, side)).advisoryId}` }),
  'GET /api/v1/advisories/:advisory_id/documents/:document_id/raw': async (f, side) => {
    const { advisoryId, documentId } = await matrixAdvisory(f, side);
    return { method: 'GET', url: `/api/v1/advisories/${advisoryId}/documents/${documentId}/raw` };
  },
  'POST /api/v1/advisories/manual': (f, side) => ({ method: 'POST', url: '/api/v1/advisories/manual', payload: matrixNotice(`Vendor ${f.sequence}`, side === 'own' ? 'WHITE' : 'AMBER') }),
  'GET /api/v1/advisories/manual/:advisory_id': async (f, side) => ({ method: 'GET', url: `/api/v1/advisories/manual/${(await matrixNoticeOf(f, side)).advisoryId}` }),
  'PUT /api/v1/advisories/manual/:advisory_id': async (f, side) => ({
    method: 'PUT', url: `/api/v1/advisories/manual/${(await matrixNoticeOf(f, side)).advisoryId}`, headers: STALE, payload: matrixNotice('Changed', 'WHITE'),
  }),
  'POST /api/v1/advisories/manual/:advisory_id/link': async (f, side) => ({
    method: 'POST', url: `/api/v1/advisories/manual/${(await matrixNoticeOf(f, side)).advisoryId}/link`, headers: STALE, payload: { advisory_id: null },
  }),
  'POST /api/v1/advisories/manual/:advisory_id/attachments': async (f, side) => {
    const body = multipart([{ name: 'file', filename: 'mail.eml', contentType: 'message/rfc822', content: Buffer.from(`mail ${f.sequence}`) }]);
    return { method: 'POST', url: `/api/v1/advisories/manual/${(await matrixNoticeOf(f, side)).advisoryId}/attachments`, payload: body.payload, headers: { 'content-type': body.contentType } };
  },
  'GET /api/v1/findings': () => ({ method: 'GET', url: '/api/v1/findings' }),
  'GET /api/v1/findings/summary': () => ({ method: 'GET', url: '/api/v1/findings/summary' }),
  // An empty reason: permitted callers get REASON_REQUIRED and nothing changes between calls.
  'POST /api/v1/findings/:finding_id/false-match': async (f, side) => ({ method: 'POST', url: `/api/v1/findings/${await matrixFindingOf(f, side)}/false-match`, payload: { reason: '' } }),
  // The finding is not marked: permitted callers get INVALID_TRANSITION.
  'DELETE /api/v1/findings/:finding_id/false-match': async (f, side) => ({ method: 'DELETE', url: `/api/v1/findings/${await matrixFindingOf(f, side)}/false-match` }),
  'GET /api/v1/advisories/manual/:advisory_id/attachments/:attachment_id/download': async (f, side) => {
    const { advisoryId, attachmentId } = await matrixNoticeOf(f, side);
    return { method: 'GET', url: `/api/v1/advisories/manual/${advisoryId}/attachments/${attachmentId}/download` };
  },
};

async function insertToken(fixture: Fixture, userId: string, role: Role, side: Side): Promise<string> {
  const id = randomUUID();
  const at = fixture.ctx.clock.now().toISOString();
  await fixture.ctx.db.insertInto('api_tokens').values({
    id,
    user_id: userId,
    name: 'matrix',
    token_hash: hashSecret(newSecret(API_TOKEN_PREFIX)),
    prefix: API_TOKEN_PREFIX,
    role,
    scope_kind: 'site',
    expires_at: inDays(fixture, 10),
    created_at: at,
    last_used_at: null,
    revoked_at: null,
  }).execute();
  await fixture.ctx.db.insertInto('api_token_sites').values({ token_id: id, site_id: fixture[side].site.id }).execute();
  return id;
}

async function sideObjects(ctx: AppContext, key: string): Promise<SideObjects> {
  const site = await insertSite(ctx.db, { key });
  const machine = await insertMachine(ctx.db, { machine_id: `${key}-M1`, site_id: site.id });
  const now = ctx.clock.now();
  const userId = await insertUser(ctx.db, { username: `target.${key}`, role: 'maintenance', scope: { kind: 'site', siteIds: [site.id] } }, now);
  const grant = await ctx.db.selectFrom('grants').select('id').where('user_id', '=', userId).executeTakeFirstOrThrow();
  const artifact = await storeArtifact(ctx, cliActor('matrix'), {
    source: Readable.from([Buffer.from(`artifact of ${key}`)]),
    originalName: `${key}.txt`,
    mediaType: 'text/plain',
    siteId: site.id,
    maxBytes: 1024,
  });
  const cli = cliActor('matrix');
  const area = await createArea(ctx, cli, { site_key: key, key: 'HALLE-1', name: 'Halle 1' });
  const segment = await createSegment(ctx, cli, { site_key: key, key: 'ZELLE-1', name: 'Zelle 1', zone_type: 'ot_cell' });
  const component = await addComponent(ctx, cli, { machineId: machine.machine_id, component: { component_type: 'plc', name: 'S7' } });
  return { site, machine, userId, grantId: grant.id, artifactId: artifact.id, areaId: area.id, segmentId: segment.id, componentId: component.id, ...(await networkAndContractRows(ctx, site, machine, segment.id)) };
}

/** Conduit, broker, partner system, contract with template, machine-type template and spare part of one side. */
async function networkAndContractRows(ctx: AppContext, site: SiteRow, machine: MachineRow, segmentId: string) {
  const stamps = { version: 1, created_at: ctx.clock.now().toISOString(), updated_at: ctx.clock.now().toISOString() };
  const ids = {
    conduitId: randomUUID(), brokerId: randomUUID(), partnerSystemId: randomUUID(), contractId: randomUUID(),
    contractTemplateId: randomUUID(), typeTemplateId: randomUUID(), sparePartId: randomUUID(),
  };
  const db = ctx.db;
  await db.insertInto('conduits').values({ id: ids.conduitId, site_id: site.id, from_segment_id: segmentId, to_segment_id: null, protocol: 'tcp', ports: '443', service: 'HTTPS', purpose: 'Fernwartung', firewall_rule: null, ...stamps }).execute();
  await db.insertInto('brokers').values({ id: ids.brokerId, segment_id: segmentId, name: 'MQTT', kind: 'mqtt', host: 'broker.local', port: 8883, notes: null, ...stamps }).execute();
  await db.insertInto('partner_systems').values({ id: ids.partnerSystemId, machine_id: machine.id, name: 'MES', kind: 'mes', host: 'mes.local', port: 443, url: null, server_reachable: null, notes: null, ...stamps }).execute();
  await db.insertInto('contracts').values({ id: ids.contractId, reference: `RV-${site.key}`, reference_norm: `rv-${site.key.toLowerCase()}`, supplier: 'Maschinenbau AG', responsibility: 'supplier', responsible_user_id: null, update_obligation: null, update_method: null, sla: null, valid_from: null, valid_until: null, notes: null, ...stamps }).execute();
  await db.insertInto('contract_machines').values({ contract_id: ids.contractId, machine_id: machine.id }).execute();
  await db.insertInto('test_templates').values({ id: ids.contractTemplateId, contract_id: ids.contractId, site_id: null, machine_type: null, machine_type_norm: null, name: 'Abnahme', ...stamps }).execute();
  await db.insertInto('test_templates').values({ id: ids.typeTemplateId, contract_id: null, site_id: site.id, machine_type: 'Drehmaschine', machine_type_norm: 'drehmaschine', name: 'Drehmaschine', ...stamps }).execute();
  for (const templateId of [ids.contractTemplateId, ids.typeTemplateId]) {
    await db.insertInto('test_template_items').values({ template_id: templateId, position: 0, item_key: 'S1', item_group: 'safety_function', description_de: 'Not-Halt', description_en: null, expected_de: 'Spindel steht', expected_en: null }).execute();
  }
  await db.insertInto('spare_parts').values({ id: ids.sparePartId, site_id: site.id, kind: 'device', name: 'CPU 1516', vendor: 'Siemens', model_number: '6ES7516-3AN02-0AB0', firmware_version: 'V2.9.4', quantity: 1, storage_location: null, notes: null, ...stamps }).execute();
  await db.insertInto('spare_part_machines').values({ spare_part_id: ids.sparePartId, machine_id: machine.id }).execute();
  return ids;
}

describeEachDialect('route × role matrix', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let own: SideObjects;
  let other: SideObjects;
  const callers = new Map<Role, string>();

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    own = await sideObjects(ctx, 'WERK1');
    other = await sideObjects(ctx, 'WERK2');
    const now = ctx.clock.now();
    for (const role of roles) {
      const scope = role === 'vendor' ? { kind: 'machine' as const, machineIds: [own.machine.id] } : { kind: 'site' as const, siteIds: [own.site.id] };
      const expiresAt = role === 'vendor' ? new Date(now.getTime() + 30 * 86_400_000).toISOString() : null;
      callers.set(role, await insertUser(ctx.db, { username: `matrix.${role}`, role, scope, expiresAt }, now));
    }
    await ctx.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  });
  after(async () => {
    await app.close();
  });

  it('lists every registered route in the table and every table row is a registered route', () => {
    const registered = app.registeredRoutes.map((route) => `${route.method} ${route.url}`);
    const missingFromTable = registered.filter((route) => !(route in routeMatrix));
    const missingRequest = registered.filter((route) => !(route in requests));
    const stale = Object.keys(routeMatrix).filter((route) => !registered.includes(route));
    assert.deepEqual(missingFromTable, [], 'routes without an expected row in route-matrix.ts');
    assert.deepEqual(missingRequest, [], 'routes without a request in route-matrix.test.ts');
    assert.deepEqual(stale, [], 'rows in route-matrix.ts for routes that do not exist');
  });

  it('answers every route with the expected status for every role, in and out of scope', async () => {
    let sequence = 0;
    const differences: string[] = [];
    const observedRows: string[] = [];
    for (const route of app.registeredRoutes) {
      const key = `${route.method} ${route.url}`;
      const build = requests[key];
      const row = routeMatrix[key as keyof typeof routeMatrix] as string | undefined;
      if (!build) continue;
      const expected = row ? parseMatrixRow(row) : null;
      const observed: Record<string, number> = {};
      for (const column of matrixColumns) {
        const role = column.role;
        sequence += 1;
        const callerId = role ? callers.get(role)! : null;
        const fixture: Fixture = {
          ctx, own, other, callerId, callerRole: role, sequence,
          tokenId: '',
        };
        fixture.tokenId = role && column.side === 'own' ? await insertToken(fixture, callerId!, role, 'own') : await insertToken(fixture, other.userId, 'maintenance', 'other');
        const options = await build(fixture, column.side);
        const session = callerId ? await insertSession(ctx.db, callerId, ctx.clock.now()) : null;
        const response = await app.inject({
          ...options,
          // A distinct source address per call keeps the per-IP login limit out of the matrix.
          remoteAddress: `127.1.${Math.floor(sequence / 250)}.${sequence % 250}`,
          headers: { ...(options.headers ?? {}), ...(session?.headers ?? {}) },
        });
        observed[column.name] = response.statusCode;
        if (expected && response.statusCode !== expected[column.name]) {
          differences.push(`${key} as ${column.name}: expected ${expected[column.name]}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
      }
      observedRows.push(`  '${key}': '${matrixColumns.map((c) => observed[c.name]).join(' ')}',`);
    }
    // PATCHWERK_MATRIX_PRINT=1 prints the observed rows, to review and paste when routes change.
    if (process.env.PATCHWERK_MATRIX_PRINT) console.log(observedRows.join('\n'));
    assert.deepEqual(differences, []);
  });
});
