import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, it } from 'node:test';
import type { Kysely } from 'kysely';
import { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import type { AppError } from '../../errors/app-error.ts';
import { cliActor } from '../../policies/actor.ts';
import { importAdvisories } from '../advisories/advisory-import.service.ts';
import { createCsafValidator, type CsafValidator } from '../advisories/csaf-validation.ts';
import { affected, notAffected } from '../demo/hammer-und-meissel.affected.ts';
import { loadDemoPlant } from '../demo/demo-load.service.ts';
import { addComponent, removeComponent, updateComponent } from '../machines/components.service.ts';
import { createMachine, decommissionMachine } from '../machines/machines.service.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { findingSummary, listFindingPage, listFindingRows, markFalseMatch, unmarkFalseMatch } from './findings.service.ts';
import { allDocumentIds, cisaDir, fixtureAdvisoryFiles, importAndMatch, tinySources } from './matching.fixture.ts';
import { matchDocuments, rematchAll, rematchComponents } from './matching.service.ts';

// The demo plant with the advisories of its fixture (hammer-und-meissel.affected.ts), imported and
// matched: the findings are the fixture's, and every change re-matches only what it touches.

const cli = cliActor('test');
const corpusMissing = existsSync(cisaDir) ? false : `corpus folder ${cisaDir} is missing (CI has it): matching of real advisories not tested`;

interface StoredFinding {
  id: string;
  machine_key: string;
  tracking_id: string;
  cve: string | null;
  status: string;
  product_ids: string;
  component_id: string;
}

async function storedFindings(db: Kysely<Database>): Promise<StoredFinding[]> {
  return db
    .selectFrom('findings as f')
    .innerJoin('machines as m', 'm.id', 'f.machine_id')
    .innerJoin('advisories as a', 'a.id', 'f.advisory_id')
    .select(['f.id', 'm.machine_id as machine_key', 'a.tracking_id', 'f.cve', 'f.status', 'f.product_ids', 'f.component_id'])
    .execute();
}

async function componentId(db: Kysely<Database>, machineKey: string, name: string): Promise<string> {
  const row = await db
    .selectFrom('components as c')
    .innerJoin('machines as m', 'm.id', 'c.machine_id')
    .select('c.id')
    .where('m.machine_id', '=', machineKey)
    .where('c.name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The candidate pairs of one component: products of current documents with a status that share one of its identity's vendor keys. */
async function candidateProducts(db: Kysely<Database>, id: string): Promise<number> {
  const keys = (
    await db
      .selectFrom('components as c')
      .innerJoin('match_identity_keys as k', 'k.identity_id', 'c.match_identity_id')
      .select('k.vendor_key')
      .where('c.id', '=', id)
      .where('k.vendor_key', '<>', '')
      .execute()
  ).map((row) => row.vendor_key);
  const rows = await db
    .selectFrom('advisory_product_match_keys as k')
    .innerJoin('advisory_products as p', 'p.id', 'k.product_row_id')
    .innerJoin('advisory_documents as d', 'd.id', 'p.document_id')
    .select('p.id')
    .distinct()
    .where('d.is_current', '=', 1)
    .where('k.vendor_key', 'in', keys)
    .where((eb) => eb.exists(eb.selectFrom('advisory_product_status as s').select('s.product_id').whereRef('s.document_id', '=', 'p.document_id').whereRef('s.product_id', '=', 'p.product_id')))
    .execute();
  return rows.length;
}

const has = (findings: StoredFinding[], machine: string, trackingId: string, productId?: string, cve?: string): StoredFinding | undefined =>
  findings.find((row) => row.machine_key === machine && row.tracking_id === trackingId && (cve === undefined || row.cve === cve) && (productId === undefined || (JSON.parse(row.product_ids) as string[]).includes(productId)));

describeEachDialect('matching: the demo plant and the advisories of its fixture', (database) => {
  let ctx: AppContext;
  let validator: CsafValidator;

  before(async () => {
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-27T08:00:00.000Z')) });
    validator = await createCsafValidator({ tests: 'validity' });
    await loadDemoPlant(ctx, cli);
    if (corpusMissing) return;
    const result = await importAndMatch(ctx, cli, fixtureAdvisoryFiles(), validator);
    assert.deepEqual(result.rejected, []);
  });
  after(async () => {
    await validator.close();
  });

  it('finds every affected entry of the fixture, on its 13 machines only, and none of the not-affected ones', { skip: corpusMissing }, async () => {
    const findings = await storedFindings(ctx.db);
    for (const entry of affected) {
      for (const cve of entry.cves) {
        const found = has(findings, entry.machine_id, entry.tracking_id, entry.product_id, cve);
        assert.ok(found, `${entry.machine_id} ${entry.tracking_id} ${entry.product_id} ${cve}`);
        assert.equal(found.status, 'known_affected');
      }
    }
    for (const entry of notAffected) {
      assert.equal(has(findings, entry.machine_id, entry.tracking_id, entry.product_id), undefined, `${entry.machine_id} ${entry.tracking_id} ${entry.product_id}`);
    }
    assert.deepEqual([...new Set(findings.map((row) => row.machine_key))].sort(), [...new Set(affected.map((entry) => entry.machine_id))].sort());
    assert.equal(new Set(affected.map((entry) => entry.machine_id)).size, 13);
  });

  it('lists them as INTERFACES.md says (findings list), by machine and by advisory', { skip: corpusMissing }, async () => {
    const rows = await listFindingRows(ctx, cli, { machine: 'hum-rs-dre-01' });
    assert.ok(rows.length >= 3, JSON.stringify(rows));
    assert.ok(rows.every((row) => row.machine_id === 'HUM-RS-DRE-01'));
    assert.deepEqual(
      rows.find((row) => row.tracking_id === 'ICSA-23-348-11'),
      { machine_id: 'HUM-RS-DRE-01', tracking_id: 'ICSA-23-348-11', cve: 'CVE-2023-46156', status: 'known_affected', component_name: 'SINUMERIK ONE', component_version: 'V6.20', matched_by: 'name_version', confidence: 'medium' },
    );
    const xc208 = await listFindingRows(ctx, cli, { advisory: 'icsa-23-320-08' });
    assert.equal(xc208.length, 13);
    assert.ok(xc208.every((row) => row.machine_id === 'HUM-RS-NET-01' && row.matched_by === 'model_number' && row.confidence === 'high'));
    const page = await listFindingPage(ctx, cli, { machine: 'HUM-RS-DRE-01', advisory: 'ICSA-23-348-11' });
    assert.equal(page.total, 1);
    const [item] = page.items;
    assert.equal(item!.component.name, 'SINUMERIK ONE');
    assert.deepEqual(item!.branch_path.map((step) => step.category), ['vendor', 'product_name', 'product_version_range']);
    assert.ok(item!.remediations.some((remediation) => remediation.category === 'vendor_fix'), JSON.stringify(item!.remediations));
    assert.equal(item!.cvss?.base_score, 7.5);
  });

  it('changes nothing when the same documents are matched again', { skip: corpusMissing }, async () => {
    const counts = await withWrite(ctx, async ({ trx }) => matchDocuments(trx, await allDocumentIds(trx)));
    assert.ok(counts.pairs_evaluated > 0);
    assert.deepEqual({ ...counts, pairs_evaluated: 0 }, { pairs_evaluated: 0, created: 0, updated: 0, removed: 0 });
  });

  it('re-matches only the candidate pairs of a changed component; its finding goes and comes back', { skip: corpusMissing }, async () => {
    const id = await componentId(ctx.db, 'HUM-RS-DRE-02', 'SINUMERIK 828D');
    const candidates = await candidateProducts(ctx.db, id);
    assert.ok(candidates > 0);
    const fixed = await withWrite(ctx, async ({ trx }) => {
      await trx.updateTable('components').set({ component_version: 'V4.95' }).where('id', '=', id).execute();
      return rematchComponents(trx, [id]);
    });
    assert.deepEqual(fixed, { pairs_evaluated: candidates, created: 0, updated: 0, removed: 1 });
    assert.equal(has(await storedFindings(ctx.db), 'HUM-RS-DRE-02', 'ICSA-21-287-04'), undefined);
    assert.ok(has(await storedFindings(ctx.db), 'HUM-RS-DRE-03', 'ICSA-21-287-04'), 'the twin keeps its finding');

    const all = await rematchAll(ctx);
    assert.ok(all.pairs_evaluated > candidates, `${all.pairs_evaluated} pairs for all`);
    assert.deepEqual({ ...all, pairs_evaluated: 0 }, { pairs_evaluated: 0, created: 0, updated: 0, removed: 0 });

    // Through the use case: the component's update re-matches it in the same transaction.
    await updateComponent(ctx, cli, { componentId: id, expectedVersion: null, changes: { component_version: 'V4.94' } });
    assert.ok(has(await storedFindings(ctx.db), 'HUM-RS-DRE-02', 'ICSA-21-287-04', 'CSAFPID-0002', 'CVE-2021-37199'));
  });

  it('keeps a false-match mark across re-matching until it is undone', { skip: corpusMissing }, async () => {
    const finding = has(await storedFindings(ctx.db), 'HUM-RS-DRE-01', 'ICSA-23-348-11')!;
    await assert.rejects(markFalseMatch(ctx, cli, { findingId: finding.id, body: { reason: '  ' } }), (error: AppError) => error.code === 'REASON_REQUIRED');
    const marked = await markFalseMatch(ctx, cli, { findingId: finding.id, body: { reason: 'The lathe runs a SINUMERIK ONE of the 2024 retrofit' } });
    assert.equal(marked.false_match?.reason, 'The lathe runs a SINUMERIK ONE of the 2024 retrofit');
    assert.equal(marked.false_match?.by, 'cli:test');
    await assert.rejects(markFalseMatch(ctx, cli, { findingId: finding.id, body: { reason: 'again' } }), (error: AppError) => error.code === 'INVALID_TRANSITION');
    assert.equal((await listFindingRows(ctx, cli, { advisory: 'ICSA-23-348-11' })).length, 0, 'false matches are left out');

    // The finding leaves with a fixed version and returns with the old one: a new row, the same mark.
    const id = finding.component_id;
    await updateComponent(ctx, cli, { componentId: id, expectedVersion: null, changes: { component_version: 'V6.24' } });
    assert.equal(has(await storedFindings(ctx.db), 'HUM-RS-DRE-01', 'ICSA-23-348-11'), undefined);
    await updateComponent(ctx, cli, { componentId: id, expectedVersion: null, changes: { component_version: 'V6.20' } });
    await rematchAll(ctx);
    const back = has(await storedFindings(ctx.db), 'HUM-RS-DRE-01', 'ICSA-23-348-11')!;
    assert.notEqual(back.id, finding.id);
    const page = await listFindingPage(ctx, cli, { advisory: 'ICSA-23-348-11', include_false_matches: 'true' });
    assert.equal(page.items[0]?.false_match?.reason, 'The lathe runs a SINUMERIK ONE of the 2024 retrofit');
    assert.equal((await findingSummary(ctx, cli)).false_matches, 1);

    const undone = await unmarkFalseMatch(ctx, cli, { findingId: back.id });
    assert.equal(undone.false_match, null);
    await assert.rejects(unmarkFalseMatch(ctx, cli, { findingId: back.id }), (error: AppError) => error.code === 'INVALID_TRANSITION');
    assert.equal((await listFindingRows(ctx, cli, { advisory: 'ICSA-23-348-11' })).length, 1);
    const events = await ctx.db.selectFrom('audit_events').select(['action', 'object_type', 'object_id']).where('action', 'like', 'finding.%').orderBy('seq').execute();
    assert.deepEqual(events.map((event) => [event.action, event.object_type]), [['finding.mark_false_match', 'finding'], ['finding.unmark_false_match', 'finding']]);
    assert.deepEqual(events.map((event) => event.object_id), [finding.id, back.id]);
  });

  it('drops the findings of removed components and decommissioned machines', { skip: corpusMissing }, async () => {
    const xc208 = await componentId(ctx.db, 'HUM-RS-NET-01', 'SCALANCE XC208');
    await removeComponent(ctx, cli, { componentId: xc208, expectedVersion: null });
    assert.equal(has(await storedFindings(ctx.db), 'HUM-RS-NET-01', 'ICSA-23-320-08'), undefined);
    await decommissionMachine(ctx, cli, { machineId: 'HUM-LS-FW-01', expectedVersion: null });
    assert.equal((await storedFindings(ctx.db)).filter((row) => row.machine_key === 'HUM-LS-FW-01').length, 0);
    const all = await rematchAll(ctx);
    assert.equal(all.created, 0, 'a full run brings none back');
  });

  it('matches a flagged document too, and recomputes an advisory when a revision changes its range', async () => {
    const flagged = await importAdvisories(ctx, cli, { via: 'file', validator, sources: tinySources([{ trackingId: 'FLAGGED-1', vendor: 'Siemens', product: 'SINUMERIK 840D sl', range: '<V4.94', cve: 'CVE-2026-2001', flagged: true }]) });
    assert.equal(flagged.flagged.length, 1, JSON.stringify(flagged));
    const flaggedDocument = await ctx.db.selectFrom('advisory_documents').select(['id', 'validation_status']).where('tracking_id', '=', 'FLAGGED-1').executeTakeFirstOrThrow();
    assert.equal(flaggedDocument.validation_status, 'flagged');
    await withWrite(ctx, ({ trx }) => matchDocuments(trx, [flaggedDocument.id]));
    assert.ok(has(await storedFindings(ctx.db), 'HUM-RS-SLF-01', 'FLAGGED-1', 'CSAFPID-0001', 'CVE-2026-2001'));

    const xc216 = { trackingId: 'REVISED-1', vendor: 'Siemens', product: 'SCALANCE XC216', cve: 'CVE-2026-2002' };
    await importAdvisories(ctx, cli, { via: 'file', validator, sources: tinySources([{ ...xc216, range: '<V4.6' }]) });
    const first = await ctx.db.selectFrom('advisory_documents').select('id').where('tracking_id', '=', 'REVISED-1').executeTakeFirstOrThrow();
    await withWrite(ctx, ({ trx }) => matchDocuments(trx, [first.id]));
    const before = (await storedFindings(ctx.db)).filter((row) => row.tracking_id === 'REVISED-1').map((row) => row.machine_key).sort();
    assert.deepEqual(before, ['HUM-LS-NET-01', 'HUM-RS-NET-02']);
    await importAdvisories(ctx, cli, { via: 'file', validator, sources: tinySources([{ ...xc216, range: '<V4.5', version: 2 }]) });
    const second = await ctx.db.selectFrom('advisory_documents').select('id').where('tracking_id', '=', 'REVISED-1').where('is_current', '=', 1).executeTakeFirstOrThrow();
    assert.notEqual(second.id, first.id);
    // Matching the old document stands for its advisory, which is matched from its current document.
    await withWrite(ctx, ({ trx }) => matchDocuments(trx, [first.id]));
    assert.equal((await storedFindings(ctx.db)).filter((row) => row.tracking_id === 'REVISED-1').length, 0, 'V4.5 is outside <V4.5');
  });

  it('judges a firmware once however many machines run it, and a product listing serial numbers machine by machine', async () => {
    const site = await ctx.db.selectFrom('sites').select('key').orderBy('key').executeTakeFirstOrThrow();
    for (const twin of ['01', '02']) {
      await createMachine(ctx, cli, { machine_id: `TWIN-${twin}`, name: `Zwilling ${twin}`, site_key: site.key, serial_number: `SN-TWIN-${twin}` });
      await addComponent(ctx, cli, { machineId: `TWIN-${twin}`, component: { component_type: 'plc', vendor: 'Acme Steuerungen GmbH', name: 'AC-900 PLC', component_version: '1.2' } });
    }
    const machinesOf = async (trackingId: string) =>
      (await storedFindings(ctx.db)).filter((row) => row.tracking_id === trackingId).map((row) => row.machine_key).sort();

    await importAdvisories(ctx, cli, { via: 'file', validator, sources: tinySources([{ trackingId: 'ONCE-1', vendor: 'Acme Steuerungen', product: 'AC-900 PLC', range: '<1.5', cve: 'CVE-2026-2003' }]) });
    assert.deepEqual(await machinesOf('ONCE-1'), ['TWIN-01', 'TWIN-02']);
    const once = await ctx.db.selectFrom('advisory_documents').select('id').where('tracking_id', '=', 'ONCE-1').executeTakeFirstOrThrow();
    await withWrite(ctx, ({ trx }) => trx.deleteFrom('findings').where('document_id', '=', once.id).execute());
    const counts = await withWrite(ctx, ({ trx }) => matchDocuments(trx, [once.id]));
    assert.deepEqual(counts, { pairs_evaluated: 1, created: 2, updated: 0, removed: 0 }, 'one product, one identity, two components');

    await importAdvisories(ctx, cli, {
      via: 'file', validator,
      sources: tinySources([{ trackingId: 'SERIAL-1', vendor: 'Acme Steuerungen', product: 'AC-900 PLC', range: '<1.5', cve: 'CVE-2026-2004', serialNumbers: ['SN-TWIN-02'] }]),
    });
    // We know the machine's serial number, not the controller's: another serial does not exclude, it leaves the name to decide.
    const serial = await ctx.db
      .selectFrom('findings as f')
      .innerJoin('advisories as a', 'a.id', 'f.advisory_id')
      .innerJoin('machines as m', 'm.id', 'f.machine_id')
      .select(['m.machine_id', 'f.matched_by'])
      .where('a.tracking_id', '=', 'SERIAL-1')
      .orderBy('m.machine_id')
      .execute();
    assert.deepEqual(serial, [{ machine_id: 'TWIN-01', matched_by: 'name_version' }, { machine_id: 'TWIN-02', matched_by: 'serial_number' }]);
    for (const twin of ['01', '02']) await decommissionMachine(ctx, cli, { machineId: `TWIN-${twin}`, expectedVersion: null });
  });

  it('counts machines with incomplete matching data and findings by status for the dashboard', async () => {
    const before = await findingSummary(ctx, cli);
    // Every demo machine has components with vendor and version; HUM-RS-NET-01 lost its only one above.
    assert.equal(before.machines_incomplete, corpusMissing ? 0 : 1);
    const findings = await storedFindings(ctx.db);
    assert.equal(before.by_status.known_affected, findings.filter((row) => row.status === 'known_affected').length);
    const site = await ctx.db.selectFrom('sites').select('key').orderBy('key').executeTakeFirstOrThrow();
    await createMachine(ctx, cli, { machine_id: 'HUM-NEU-01', name: 'Neue Säge', site_key: site.key });
    await addComponent(ctx, cli, { machineId: 'HUM-RS-KMG-01', component: { component_type: 'application', vendor: 'ZEISS', name: 'PiWeb' } });
    const afterwards = await findingSummary(ctx, cli);
    assert.equal(afterwards.machines_incomplete, before.machines_incomplete + 2);
  });
});
