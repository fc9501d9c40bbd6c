import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { cliActor } from '../../policies/actor.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { scoreCvssVector } from '../enrichment/cvss.ts';
import { importAdvisories } from './advisory-import.service.ts';
import { createCsafValidator, type CsafValidator } from './csaf-validation.ts';
import { MANUAL_NAMESPACE } from './manual-notice-csaf.ts';
import type { ManualNoticeBody } from './manual-notices.schema.ts';
import { createManualNotice, cvssFieldProblem, documentProblems, nextRevisionNumber, updateManualNotice } from './manual-notices.service.ts';

const cli = cliActor('test');

const notice: ManualNoticeBody = {
  vendor: 'WAGO',
  product: 'PFC200',
  affected_versions: 'FW < 04.02.13',
  description: 'Per E-Mail: Authentifizierung der Weboberfläche umgehbar.',
  reporter_name: 'Anna Schmidt',
  reported_at: '2026-11-25T15:00:00Z',
  channel: 'email',
};

describe('manual notices: field rules', () => {
  it('accepts CVSS v3.0 and v3.1 vectors and names what is wrong with any other', () => {
    assert.equal(cvssFieldProblem(scoreCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')), null);
    assert.equal(cvssFieldProblem(scoreCvssVector('CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N')), null);
    const problem = (vector: string) => {
      const found = cvssFieldProblem(scoreCvssVector(vector));
      return found ? [found.code, found.path, found.params ?? {}] : null;
    };
    assert.deepEqual(problem('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), ['CVSS_VERSION_NOT_IN_CSAF20', '/cvss_vector', {}]);
    assert.deepEqual(problem('AV:N/AC:L/Au:N/C:P/I:P/A:P'), ['CVSS_VERSION_NOT_IN_CSAF20', '/cvss_vector', {}]);
    assert.deepEqual(problem('CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), ['CVSS_METRIC_REPEATED', '/cvss_vector', { metric: 'AV' }]);
    assert.deepEqual(problem('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H'), ['CVSS_BASE_INCOMPLETE', '/cvss_vector', { metric: 'A' }]);
    assert.deepEqual(problem('9.8 critical'), ['CVSS_VECTOR_INVALID', '/cvss_vector', {}]);
  });

  it('places findings of the generated document at the form field they come from, else at the root', () => {
    const problems = documentProblems([
      { code: 'CSAF_MANDATORY_TEST', message: 'Mandatory test 6.1.31 failed: version range in product version', test: '6.1.31', path: '/product_tree/branches/0/branches/0/branches/1/name', params: { test: '6.1.31', message: 'version range in product version' } },
      { code: 'CSAF_MANDATORY_TEST', message: 'Mandatory test 6.1.16 failed', test: '6.1.16', path: '/document/tracking/version' },
    ]);
    assert.deepEqual(problems, [
      { code: 'MANUAL_NOTICE_CSAF_TEST', path: '/fixed_version', params: { test: '6.1.31', message: 'version range in product version' } },
      { code: 'MANUAL_NOTICE_CSAF_TEST', path: '/', params: { test: '6.1.16', message: 'Mandatory test 6.1.16 failed' } },
    ]);
  });

  it('counts revisions on from the current version', () => {
    assert.equal(nextRevisionNumber('1', 1), '2');
    assert.equal(nextRevisionNumber('7', 7), '8');
    // A current document that is not an integer version (a document imported into the notice's key).
    assert.equal(nextRevisionNumber('1.0.0', 3), '4');
    assert.equal(nextRevisionNumber('2', 5), '6');
  });
});

describeEachDialect('manual notices: numbering and revisions', (database) => {
  let ctx: AppContext;
  let validator: CsafValidator;

  before(async () => {
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-26T09:00:00.000Z')) });
    validator = await createCsafValidator({ workers: 1, tests: 'validity' });
  });
  after(async () => {
    await validator?.close();
  });

  it('skips a number whose tracking id an imported document already holds', async () => {
    const date = '2026-11-01T00:00:00.000Z';
    const bytes = Buffer.from(JSON.stringify({
      document: {
        category: 'csaf_base', csaf_version: '2.0', title: 'Re-imported notice', distribution: { tlp: { label: 'WHITE' } },
        publisher: { category: 'user', name: 'Patchwerk', namespace: MANUAL_NAMESPACE },
        tracking: { id: 'PW-MAN-2026-0001', version: '1', status: 'final', initial_release_date: date, current_release_date: date, revision_history: [{ number: '1', date, summary: 'Initial' }] },
      },
    }));
    const imported = await importAdvisories(ctx, cli, { via: 'file', validator, sources: [{ name: 'pw-man-2026-0001.json', read: () => Promise.resolve(bytes), sidecars: {} }] });
    assert.equal(imported.imported, 1);
    const created = await createManualNotice(ctx, cli, notice, { validator });
    assert.equal(created.tracking_id, 'PW-MAN-2026-0002');
    const numbers = await ctx.db.selectFrom('manual_notices').select(['year', 'number']).execute();
    assert.deepEqual(numbers.map((row) => [Number(row.year), Number(row.number)]), [[2026, 2]]);
  });

  it('keeps every revision with its form fields; the CLI edits without If-Match', async () => {
    const created = await createManualNotice(ctx, cli, { ...notice, vendor: 'Phoenix Contact', product: 'AXC F 2152' }, { validator });
    (ctx.clock as ManualClock).advance(3_600_000);
    const second = await updateManualNotice(ctx, cli, { advisoryId: created.advisory_id, expectedVersion: null, body: { ...notice, vendor: 'Phoenix Contact', product: 'AXC F 2152', fixed_version: '2024.0.1', channel: 'phone' } }, { validator });
    (ctx.clock as ManualClock).advance(3_600_000);
    const third = await updateManualNotice(ctx, cli, { advisoryId: created.advisory_id, expectedVersion: second.version, body: { ...notice, vendor: 'Phoenix Contact', product: 'AXC F 2152', fixed_version: '2024.0.2', channel: 'phone', revision_summary: 'Fix moved' } }, { validator });
    assert.deepEqual([second.tracking_version, third.tracking_version, third.version], ['2', '3', 3]);
    const revisions = await ctx.db.selectFrom('manual_notice_revisions').select(['tracking_version', 'fixed_version', 'channel', 'revision_summary']).where('advisory_id', '=', created.advisory_id).orderBy('recorded_at').execute();
    assert.deepEqual(revisions, [
      { tracking_version: '1', fixed_version: null, channel: 'email', revision_summary: 'Initial version, recorded from the vendor notice.' },
      { tracking_version: '2', fixed_version: '2024.0.1', channel: 'phone', revision_summary: 'Updated from a further vendor notice.' },
      { tracking_version: '3', fixed_version: '2024.0.2', channel: 'phone', revision_summary: 'Fix moved' },
    ]);
    const documents = await ctx.db.selectFrom('advisory_documents').select(['tracking_version', 'is_current']).where('advisory_id', '=', created.advisory_id).orderBy('tracking_version').execute();
    assert.deepEqual(documents.map((document) => [document.tracking_version, Number(document.is_current)]), [['1', 0], ['2', 0], ['3', 1]]);
    await assert.rejects(
      updateManualNotice(ctx, cli, { advisoryId: created.advisory_id, expectedVersion: 2, body: notice }, { validator }),
      (error: unknown) => error instanceof AppError && error.code === 'STALE_OBJECT',
    );
  });
});
