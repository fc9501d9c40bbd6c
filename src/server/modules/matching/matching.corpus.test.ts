import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { ManualClock } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { cliActor } from '../../policies/actor.ts';
import { createCsafValidator, type CsafValidator } from '../advisories/csaf-validation.ts';
import { affected } from '../demo/hammer-und-meissel.affected.ts';
import { loadDemoPlant } from '../demo/demo-load.service.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { cisaDir, importAndMatch } from './matching.fixture.ts';
import { rematchAll } from './matching.service.ts';

// The whole CISA corpus (2,035 documents) against the demo plant. The fixture says which machines
// real advisories affect; every finding elsewhere must be one checked by hand and listed here.

const cli = cliActor('test');
const white = path.join(cisaDir, 'csaf_files/OT/white');
const corpusMissing = existsSync(white) ? false : `corpus folder ${white} is missing (CI has it): the corpus is not matched`;

/** Findings on machines outside the fixture, checked by hand against their documents. */
const handChecked: { machine: string; tracking_id: string; product_id: string; confidence: string; why: string }[] = [
  {
    machine: 'HUM-LS-SPS-01',
    tracking_id: 'ICSA-20-065-01',
    product_id: 'CSAFPID-0001',
    confidence: 'low',
    why:
      'WAGO > Series PFC200 > product_version "750-82xx/xxx-xxx": the version branch holds order numbers, no firmware version, so the PFC200 ' +
      '(FW27) cannot be ruled out from the document alone (the text says "FW 15 or above" fixes it). A low finding for a person to dismiss.',
  },
];

describeEachDialect('matching: the whole corpus against the demo plant', (database) => {
  let ctx: AppContext;
  let validator: CsafValidator;

  before(async () => {
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-27T08:00:00.000Z')) });
    validator = await createCsafValidator({ tests: 'validity' });
    await loadDemoPlant(ctx, cli);
    if (corpusMissing) return;
    const result = await importAndMatch(ctx, cli, [cisaDir], validator);
    assert.equal(result.imported, 2035);
  });
  after(async () => {
    await validator.close();
  });

  it('finds the fixture, and outside its machines only the findings checked by hand', { skip: corpusMissing }, async () => {
    const findings = await ctx.db
      .selectFrom('findings as f')
      .innerJoin('machines as m', 'm.id', 'f.machine_id')
      .innerJoin('advisories as a', 'a.id', 'f.advisory_id')
      .select(['m.machine_id as machine', 'a.tracking_id', 'f.cve', 'f.product_ids', 'f.status', 'f.confidence'])
      .execute();
    for (const entry of affected) {
      for (const cve of entry.cves) {
        assert.ok(
          findings.some((row) => row.machine === entry.machine_id && row.tracking_id === entry.tracking_id && row.cve === cve && row.status === 'known_affected' && (JSON.parse(row.product_ids) as string[]).includes(entry.product_id)),
          `${entry.machine_id} ${entry.tracking_id} ${entry.product_id} ${cve}`,
        );
      }
    }
    const fixtureMachines = new Set(affected.map((entry) => entry.machine_id));
    const elsewhere = findings.filter((row) => !fixtureMachines.has(row.machine));
    const unexplained = elsewhere.filter(
      (row) => !handChecked.some((entry) => entry.machine === row.machine && entry.tracking_id === row.tracking_id && entry.confidence === row.confidence && (JSON.parse(row.product_ids) as string[]).includes(entry.product_id)),
    );
    assert.deepEqual(unexplained, []);
    for (const entry of handChecked) assert.ok(elsewhere.some((row) => row.machine === entry.machine && row.tracking_id === entry.tracking_id), `${entry.machine} ${entry.tracking_id} is still found`);
  });

  it('comes to the same findings when everything is re-matched', { skip: corpusMissing }, async () => {
    const counts = await rematchAll(ctx);
    assert.ok(counts.pairs_evaluated > 10_000, `${counts.pairs_evaluated} pairs`);
    assert.deepEqual({ ...counts, pairs_evaluated: 0 }, { pairs_evaluated: 0, created: 0, updated: 0, removed: 0 });
  });
});
