import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createCsafValidator, type CsafValidator } from '../advisories/csaf-validation.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { loadDemoPlant } from '../demo/demo-load.service.ts';
import type { FindingListView, FindingSummaryView, FindingView } from './findings.schema.ts';
import { bytesSource, cisaDir, importAndMatch, tinyAdvisory } from './matching.fixture.ts';

// One vulnerability, several advisories: CISA's ICSA-23-348-11 republishes Siemens' SSA-280603
// (CVE-2023-46156 in SINUMERIK ONE, which the lathe HUM-RS-DRE-01 of the demo plant runs at V6.20).
// The vendor's own document is CISA's with the vendor's tracking id, publisher and title; a third
// copy is labelled TLP AMBER. Each advisory gives the lathe's control its own finding, each finding
// names the other advisories (as far as the caller may see them), and the summary counts the
// vulnerability once — the one work item it will become.

const cli = cliActor('test');
const cisaFile = path.join(cisaDir, 'csaf_files/OT/white/2023/icsa-23-348-11.json');
const corpusMissing = existsSync(cisaFile) ? false : `corpus file ${cisaFile} is missing (CI has it): advisories carrying one CVE not tested`;
const cve = 'CVE-2023-46156';

interface CsafDocument {
  document: {
    title: string;
    publisher: Record<string, string>;
    tracking: { id: string };
    distribution: { tlp: { label: string } };
  };
}

/** CISA's document as another publisher issued it: same vulnerabilities and product tree, its own tracking id, publisher, title and TLP. */
function reissued(cisa: CsafDocument, changes: { trackingId: string; title: string; publisher: Record<string, string>; tlp?: string }): Buffer {
  const copy = structuredClone(cisa);
  copy.document.tracking.id = changes.trackingId;
  copy.document.title = changes.title;
  copy.document.publisher = changes.publisher;
  if (changes.tlp !== undefined) copy.document.distribution.tlp.label = changes.tlp;
  return Buffer.from(JSON.stringify(copy));
}

/** The same vendor advisory without a CVE: its vulnerability is known by its position only. */
function withoutCve(trackingId: string): Buffer {
  const document = JSON.parse(tinyAdvisory({ trackingId, vendor: 'Siemens', product: 'SINUMERIK ONE', range: '<V6.24', cve: 'CVE-2000-0001' }).toString('utf8')) as { vulnerabilities: Record<string, unknown>[] };
  delete document.vulnerabilities[0]!.cve;
  return Buffer.from(JSON.stringify(document));
}

describeEachDialect('findings: one vulnerability in a vendor advisory and its republications', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let validator: CsafValidator;
  const sessions = {} as Record<'admin' | 'engineerRs', TestSession>;

  before(async () => {
    if (corpusMissing) return;
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-27T08:00:00.000Z')) });
    app = await buildApp(ctx);
    validator = await createCsafValidator({ tests: 'validity' });
    await loadDemoPlant(ctx, cli);
    const site = await ctx.db.selectFrom('sites').select('id').where('key', '=', 'HUM-RS').executeTakeFirstOrThrow();
    const now = ctx.clock.now();
    sessions.admin = await createUserWithSession(ctx.db, { username: 'root', role: 'admin' }, now);
    // Engineering does not see TLP AMBER advisories (the default setting).
    sessions.engineerRs = await createUserWithSession(ctx.db, { username: 'eng', role: 'engineering', scope: { kind: 'site', siteIds: [site.id] } }, now);

    const cisaBytes = readFileSync(cisaFile);
    const cisa = JSON.parse(cisaBytes.toString('utf8')) as CsafDocument;
    const vendor = reissued(cisa, {
      trackingId: 'SSA-280603',
      title: 'SSA-280603: Denial of Service Vulnerability in SINUMERIK ONE and SINUMERIK MC',
      publisher: { category: 'vendor', name: 'Siemens ProductCERT', namespace: 'https://www.siemens.com' },
    });
    const amber = reissued(cisa, {
      trackingId: 'CERT-AMBER-2023-0815',
      title: 'SINUMERIK ONE: denial of service (partner copy)',
      publisher: { category: 'coordinator', name: 'Werks-CERT', namespace: 'https://cert.example' },
      tlp: 'AMBER',
    });
    const result = await importAndMatch(ctx, cli, [
      bytesSource('icsa-23-348-11.json', cisaBytes), bytesSource('ssa-280603.json', vendor), bytesSource('cert-amber-2023-0815.json', amber),
    ], validator);
    assert.deepEqual([result.rejected, result.flagged], [[], []]);
  });
  after(async () => {
    await app?.close();
    await validator?.close();
  });

  const call = (session: TestSession, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    app.inject({ method, url, headers: session.headers, ...(payload === undefined ? {} : { payload }) });
  const list = async (session: TestSession, query: string): Promise<FindingView[]> => {
    const response = await call(session, 'GET', `/api/v1/findings${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<FindingListView>().items;
  };
  const summary = async (session: TestSession): Promise<FindingSummaryView> => {
    const response = await call(session, 'GET', '/api/v1/findings/summary');
    assert.equal(response.statusCode, 200, response.body);
    return response.json<FindingSummaryView>();
  };
  /** The lathe's findings of the CVE, by tracking id, with the tracking ids each names in `also_in`. */
  const latheFindings = async (session: TestSession, query = ''): Promise<Map<string, { finding: FindingView; alsoIn: string[] }>> => {
    const items = (await list(session, `?machine=HUM-RS-DRE-01${query}`)).filter((item) => item.cve === cve);
    return new Map(items.map((finding) => [finding.advisory.tracking_id, { finding, alsoIn: finding.also_in.map((other) => other.tracking_id) }]));
  };

  it('gives the lathe one finding per advisory, each naming the others, the AMBER one only to who may see it', { skip: corpusMissing }, async () => {
    const all = await latheFindings(sessions.admin);
    assert.deepEqual([...all.keys()].sort(), ['CERT-AMBER-2023-0815', 'ICSA-23-348-11', 'SSA-280603']);
    const components = new Set([...all.values()].map(({ finding }) => finding.component.name));
    assert.deepEqual([...components], ['SINUMERIK ONE'], 'one component, found three times');
    assert.equal(new Set([...all.values()].map(({ finding }) => finding.component.id)).size, 1);
    assert.deepEqual(all.get('ICSA-23-348-11')?.alsoIn, ['CERT-AMBER-2023-0815', 'SSA-280603']);
    assert.deepEqual(all.get('SSA-280603')?.alsoIn, ['CERT-AMBER-2023-0815', 'ICSA-23-348-11']);
    assert.deepEqual(all.get('CERT-AMBER-2023-0815')?.alsoIn, ['ICSA-23-348-11', 'SSA-280603']);
    const vendor = all.get('SSA-280603')!.finding;
    assert.deepEqual(all.get('ICSA-23-348-11')?.finding.also_in.find((other) => other.tracking_id === 'SSA-280603'), { advisory_id: vendor.advisory.id, tracking_id: 'SSA-280603' });

    const engineer = await latheFindings(sessions.engineerRs);
    assert.deepEqual([...engineer.keys()].sort(), ['ICSA-23-348-11', 'SSA-280603']);
    assert.deepEqual(engineer.get('ICSA-23-348-11')?.alsoIn, ['SSA-280603']);
    assert.deepEqual(engineer.get('SSA-280603')?.alsoIn, ['ICSA-23-348-11']);
  });

  it('counts the vulnerability once per component in the summary, however many advisories carry it', { skip: corpusMissing }, async () => {
    const admin = await summary(sessions.admin);
    assert.equal(admin.by_status.known_affected, 3);
    assert.equal(admin.vulnerabilities_affected, 1);
    const engineer = await summary(sessions.engineerRs);
    assert.equal(engineer.by_status.known_affected, 2);
    assert.equal(engineer.vulnerabilities_affected, 1);
  });

  it('leaves a finding marked as a false match out of the others’ also_in, and the count, until the mark is undone', { skip: corpusMissing }, async () => {
    const vendor = (await latheFindings(sessions.admin)).get('SSA-280603')!.finding;
    const url = `/api/v1/findings/${vendor.id}/false-match`;
    const marked = await call(sessions.engineerRs, 'POST', url, { reason: 'Checked: the statement of SSA-280603 does not apply to this retrofit' });
    assert.equal(marked.statusCode, 200, marked.body);
    // The marked finding still names where else the CVE stands.
    assert.deepEqual(marked.json<FindingView>().also_in.map((other) => other.tracking_id), ['ICSA-23-348-11']);

    assert.deepEqual((await latheFindings(sessions.engineerRs)).get('ICSA-23-348-11')?.alsoIn, []);
    assert.deepEqual((await latheFindings(sessions.admin)).get('ICSA-23-348-11')?.alsoIn, ['CERT-AMBER-2023-0815']);
    assert.deepEqual((await latheFindings(sessions.engineerRs, '&include_false_matches=true')).get('SSA-280603')?.alsoIn, ['ICSA-23-348-11']);
    assert.equal((await summary(sessions.engineerRs)).vulnerabilities_affected, 1, 'ICSA-23-348-11 still carries it');

    const cisaFinding = (await latheFindings(sessions.engineerRs)).get('ICSA-23-348-11')!.finding;
    assert.equal((await call(sessions.engineerRs, 'POST', `/api/v1/findings/${cisaFinding.id}/false-match`, { reason: 'Same statement, republished' })).statusCode, 200);
    assert.equal((await summary(sessions.engineerRs)).vulnerabilities_affected, 0);
    assert.equal((await summary(sessions.admin)).vulnerabilities_affected, 1, 'the AMBER copy still carries it');

    assert.equal((await call(sessions.engineerRs, 'DELETE', `/api/v1/findings/${cisaFinding.id}/false-match`)).statusCode, 200);
    assert.equal((await call(sessions.engineerRs, 'DELETE', url)).statusCode, 200);
    assert.deepEqual((await latheFindings(sessions.engineerRs)).get('ICSA-23-348-11')?.alsoIn, ['SSA-280603']);
    assert.equal((await summary(sessions.engineerRs)).vulnerabilities_affected, 1);
  });

  it('keeps vulnerabilities without CVE apart: their position keys name nothing across advisories', { skip: corpusMissing }, async () => {
    const before = await summary(sessions.admin);
    const result = await importAndMatch(ctx, cli, [bytesSource('no-cve-1.json', withoutCve('NO-CVE-1')), bytesSource('no-cve-2.json', withoutCve('NO-CVE-2'))], validator);
    assert.deepEqual(result.rejected, []);
    const first = await list(sessions.admin, '?machine=HUM-RS-DRE-01&advisory=NO-CVE-1');
    const second = await list(sessions.admin, '?machine=HUM-RS-DRE-01&advisory=NO-CVE-2');
    assert.equal(first.length, 1);
    assert.equal(second.length, 1);
    assert.equal(first[0]!.cve, null);
    assert.equal(first[0]!.vulnerability_key, second[0]!.vulnerability_key, 'the same position key in both');
    assert.equal(first[0]!.component.id, second[0]!.component.id);
    assert.deepEqual([first[0]!.also_in, second[0]!.also_in], [[], []]);
    const added = (await list(sessions.admin, '?advisory=NO-CVE-1')).length + (await list(sessions.admin, '?advisory=NO-CVE-2')).length;
    assert.equal((await summary(sessions.admin)).vulnerabilities_affected, before.vulnerabilities_affected + added, 'each counts on its own');
  });
});
