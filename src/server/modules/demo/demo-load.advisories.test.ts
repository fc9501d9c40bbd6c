import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { cisaWhite, corpusMissing } from '../advisories/advisory-import.fixture.ts';
import type { AdvisoryImportResult } from '../advisories/advisory-import.schema.ts';
import { cliJson, databaseEnv, runCli } from '../../../test-support/cli.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { hammerUndMeissel as plant } from './hammer-und-meissel.ts';
import type { DemoLoadWithAdvisoriesResult } from './demo-load.service.ts';

// `patchwerk demo load --advisories PATH` (INTERFACES.md): the plant, then the CSAF documents under
// PATH through the advisory import use case; the real CLI in a child process, on both dialects.

describeEachDialect('patchwerk demo load --advisories', (database, dialect) => {
  let dir: string;
  const documents = ['icsa-23-005-01.json', 'icsa-23-005-02.json', 'icsa-23-005-03.json'];

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-demo-advisories-'));
    if (corpusMissing) return;
    for (const name of documents) copyFileSync(path.join(cisaWhite, '2023', name), path.join(dir, name));
    // Schema-invalid: no document, tracking or publisher.
    writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ hello: 'world' }));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the plant, imports the documents, reports the broken file and exits 1; a refused plant imports nothing', { skip: corpusMissing }, async () => {
    const env = databaseEnv(database());
    const run = await runCli(['demo', 'load', '--advisories', dir, '--json'], { env });
    assert.equal(run.code, 1, run.stderr);
    const result = cliJson<DemoLoadWithAdvisoriesResult>(run);
    assert.deepEqual(result.site_keys, plant.sites.map((site) => site.key));
    assert.equal(result.machines, plant.machines.length);
    assert.equal(result.advisories_imported, 3);
    const report: AdvisoryImportResult = result.advisory_import;
    assert.equal(report.imported, 3);
    assert.equal(report.updated, 0);
    assert.deepEqual(report.rejected.map((entry) => path.basename(entry.file)), ['broken.json']);
    assert.ok(report.rejected[0]!.errors.every((error) => error.code === 'CSAF_SCHEMA'), JSON.stringify(report.rejected[0]!.errors));

    const db = database().db;
    const stored = await db.selectFrom('advisory_documents').select('tracking_id').orderBy('tracking_id').execute();
    assert.deepEqual(stored.map((row) => row.tracking_id), ['ICSA-23-005-01', 'ICSA-23-005-02', 'ICSA-23-005-03']);
    const audits = await db.selectFrom('audit_events').select('action').where('action', 'in', ['demo.load', 'advisory.import']).execute();
    assert.equal(audits.filter((event) => event.action === 'demo.load').length, 1);
    assert.equal(audits.filter((event) => event.action === 'advisory.import').length, 3);

    // The plant is there: without --force it is refused before anything is imported.
    const again = await runCli(['demo', 'load', '--advisories', dir, '--json'], { env });
    assert.equal(again.code, 1);
    assert.equal(cliJson<{ code: string }>(again).code, 'INVENTORY_NOT_EMPTY');
    const after = await db.selectFrom('audit_events').select('action').where('action', '=', 'advisory.import').execute();
    assert.equal(after.length, 3);
  });

  // The report text does not depend on the dialect: SQLite only, in a data dir of its own.
  it('prints the counts and the rejected file in the human report', { skip: corpusMissing || (dialect !== 'sqlite' && 'SQLite only') }, async (t) => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'patchwerk-demo-advisories-human-'));
    t.after(() => rmSync(fresh, { recursive: true, force: true }));
    const run = await runCli(['demo', 'load', '--advisories', dir], { env: { PATCHWERK_DATA_DIR: fresh } });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /demo plant loaded: sites /);
    assert.match(run.stderr, /imported 3, aktualisiert \/ updated 0, .*abgelehnt \/ rejected 1/);
    assert.match(run.stderr, /rejected: .*broken\.json/);
  });
});
