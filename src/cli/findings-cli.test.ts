import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import { cliActor } from '../server/policies/actor.ts';
import { loadDemoPlant } from '../server/modules/demo/demo-load.service.ts';
import type { FindingCliRow } from '../server/modules/matching/findings.schema.ts';
import { cisaDir, importAndMatch } from '../server/modules/matching/matching.fixture.ts';
import { createTestContext } from '../test-support/context.ts';
import { cliJson, databaseEnv, runCli } from '../test-support/cli.ts';
import { describeEachDialect } from '../test-support/databases.ts';

// `patchwerk findings list [--machine ID] [--advisory TRACKING_ID] --json` (INTERFACES.md): the real
// CLI in a child process against the demo plant with three advisories of its fixture, matched.

const white = path.join(cisaDir, 'csaf_files/OT/white');
const corpusMissing = existsSync(white) ? false : `corpus folder ${white} is missing (CI has it): findings list not tested`;
const files = ['2023/icsa-23-348-11.json', '2022/icsa-22-298-01.json', '2023/icsa-23-320-08.json'].map((file) => path.join(white, file));

describeEachDialect('patchwerk findings list', (database) => {
  before(async () => {
    if (corpusMissing) return;
    const ctx = await createTestContext(database());
    await loadDemoPlant(ctx, cliActor('test'));
    await importAndMatch(ctx, cliActor('test'), files);
  });

  it('prints every finding with the fields INTERFACES.md names', { skip: corpusMissing }, async () => {
    const run = await runCli(['findings', 'list', '--json'], { env: databaseEnv(database()) });
    assert.equal(run.code, 0, run.stderr);
    const rows = cliJson<FindingCliRow[]>(run);
    assert.deepEqual(rows.find((row) => row.tracking_id === 'ICSA-23-348-11'), {
      machine_id: 'HUM-RS-DRE-01', tracking_id: 'ICSA-23-348-11', cve: 'CVE-2023-46156', status: 'known_affected', component_name: 'SINUMERIK ONE', component_version: 'V6.20', matched_by: 'name_version', confidence: 'medium',
    });
    assert.deepEqual([...new Set(rows.map((row) => row.machine_id))].sort(), ['HUM-RS-DRE-01', 'HUM-RS-FRA-02', 'HUM-RS-NET-01']);
    assert.ok(rows.every((row) => Object.keys(row).join() === 'machine_id,tracking_id,cve,status,component_name,component_version,matched_by,confidence'));
  });

  it('filters by machine and by advisory, case-insensitively', { skip: corpusMissing }, async () => {
    const env = databaseEnv(database());
    const machine = cliJson<FindingCliRow[]>(await runCli(['findings', 'list', '--machine', 'hum-rs-net-01', '--json'], { env }));
    assert.equal(machine.length, 13);
    assert.ok(machine.every((row) => row.machine_id === 'HUM-RS-NET-01' && row.tracking_id === 'ICSA-23-320-08' && row.matched_by === 'model_number' && row.confidence === 'high'));
    const advisory = cliJson<FindingCliRow[]>(await runCli(['findings', 'list', '--advisory', 'icsa-22-298-01', '--json'], { env }));
    assert.deepEqual(advisory.map((row) => row.cve), ['CVE-2022-2474', 'CVE-2022-2475', 'CVE-2022-41636']);
    assert.ok(advisory.every((row) => row.machine_id === 'HUM-RS-FRA-02' && row.component_name === 'Haas Controller'));
    const none = await runCli(['findings', 'list', '--machine', 'NO-SUCH-MACHINE', '--json'], { env });
    assert.equal(none.code, 0);
    assert.deepEqual(cliJson(none), []);
  });

  it('prints a table on stderr without --json', { skip: corpusMissing }, async () => {
    const run = await runCli(['findings', 'list', '--advisory', 'ICSA-23-348-11'], { env: databaseEnv(database()) });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /machine_id\s+tracking_id\s+cve\s+status/);
    assert.match(run.stderr, /HUM-RS-DRE-01\s+ICSA-23-348-11\s+CVE-2023-46156\s+known_affected\s+SINUMERIK ONE\s+V6\.20\s+name_version\s+medium/);
  });
});
