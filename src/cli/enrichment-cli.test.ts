import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { generatedEpssGz, kevFile, kevMissing, smallCatalog, smallEpss } from '../server/modules/enrichment/enrichment.fixture.ts';
import { describeEachDialect, type TestDatabase } from '../test-support/databases.ts';
import { cliJson as json, databaseEnv, runCli, type CliRun as Run } from '../test-support/cli.ts';

/** Runs `patchwerk …` against `database`. */
const patchwerk = (database: TestDatabase, args: string[]): Promise<Run> => runCli(args, { env: databaseEnv(database) });


interface Detail {
  code: string;
  message: string;
  file?: string;
  row?: number;
  column?: string;
  value?: string;
  path?: string;
}

interface Failure {
  code: string;
  message: string;
  errors?: Detail[];
}

describeEachDialect('patchwerk kev import / epss import', (database, dialect) => {
  let dir: string;
  const file = (name: string, content: string | Buffer): string => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-enrichment-cli-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the real KEV catalog: exit 0 and {entries, date}', { skip: kevMissing }, async () => {
    const run = await patchwerk(database(), ['kev', 'import', kevFile, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json(run), { entries: 1404, date: '2025-08-25T17:04:19.979Z', version: '2025.08.25', added: 1404, removed: 0 });
    const human = await patchwerk(database(), ['kev', 'import', kevFile]);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, '');
    assert.match(human.stderr, /KEV catalog imported: 2025\.08\.25 \(2025-08-25T17:04:19\.979Z\), 1404 entries, \+0 -0/);
  });

  it('refuses a KEV file of the wrong shape: exit 1 with error objects and JSON pointers', async () => {
    const broken = smallCatalog({ count: 2 }) as { vulnerabilities: Record<string, unknown>[] };
    broken.vulnerabilities[1]!.dueDate = '23.01.2025';
    const run = await patchwerk(database(), ['kev', 'import', file('kev-broken.json', JSON.stringify(broken)), '--json']);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(json<Failure>(run), {
      code: 'KEV_FILE_INVALID',
      message: 'The file is not a valid CISA KEV catalog; nothing was stored.',
      errors: [{ code: 'KEV_DATE_INVALID', file: 'kev-broken.json', path: '/vulnerabilities/1/dueDate', message: 'Not a valid date (YYYY-MM-DD).' }],
    });
  });

  it('refuses a KEV catalog older than the stored one (exit 1) unless --allow-older', async () => {
    const newer = file('kev-newer.json', JSON.stringify(smallCatalog({ catalogVersion: '2026.01.09', dateReleased: '2026-01-09T15:00:00.000Z' })));
    assert.equal((await patchwerk(database(), ['kev', 'import', newer, '--json'])).code, 0);
    const older = file('kev-older.json', JSON.stringify(smallCatalog()));
    const refused = await patchwerk(database(), ['kev', 'import', older, '--json']);
    assert.equal(refused.code, 1, refused.stderr);
    assert.deepEqual(json<Failure>(refused), {
      code: 'ENRICHMENT_OLDER_THAN_STORED',
      message: 'The file is of 2025-01-02T15:00:00.000Z, the stored data of 2026-01-09T15:00:00.000Z: older data would replace newer; nothing was stored (on purpose: --allow-older).',
    });
    const allowed = await patchwerk(database(), ['kev', 'import', older, '--allow-older', '--json']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(json<{ date: string }>(allowed).date, '2025-01-02T15:00:00.000Z');
  });

  it('refuses a URL and a missing file as usage errors (exit 2)', async () => {
    const url = await patchwerk(database(), ['kev', 'import', 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json', '--json']);
    assert.equal(url.code, 2, url.stderr);
    const failure = json<Failure>(url);
    assert.equal(failure.code, 'USAGE');
    assert.match(failure.message, /URLs come with the provider sync and its egress client/);
    const missing = await patchwerk(database(), ['epss', 'import', path.join(dir, 'nope.csv.gz'), '--json']);
    assert.equal(missing.code, 2, missing.stderr);
    assert.equal(json<Failure>(missing).code, 'USAGE');
    const noArgument = await patchwerk(database(), ['epss', 'import', '--json']);
    assert.equal(noArgument.code, 2, noArgument.stderr);
  });

  it('imports a small EPSS file (.csv and .csv.gz): exit 0 and {entries, date}', async () => {
    const plain = await patchwerk(database(), ['epss', 'import', file('epss.csv', smallEpss()), '--json']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(json(plain), { entries: 3, date: '2025-08-25T00:00:00.000Z', version: 'v2025.03.14' });
    const gz = await patchwerk(database(), ['epss', 'import', file('epss_scores-2025-08-25.csv.gz', gzipSync(smallEpss())), '--json']);
    assert.equal(gz.code, 0, gz.stderr);
    assert.deepEqual(json(gz), { entries: 3, date: '2025-08-25T00:00:00.000Z', version: 'v2025.03.14' });
  });

  it('refuses bad EPSS files: exit 1 with row numbers (header = row 1)', async () => {
    const rows = await patchwerk(database(), ['epss', 'import', file('epss-bad.csv', smallEpss(['CVE-2021-44228,0.9,0.9', 'CVE-2021-44229,0,9,0.9'])), '--json']);
    assert.equal(rows.code, 1, rows.stderr);
    assert.deepEqual(json<Failure>(rows).errors, [
      { code: 'EPSS_COLUMN_COUNT', file: 'epss-bad.csv', row: 3, value: 'CVE-2021-44229,0,9,0.9', message: 'Expected 3 values (cve,epss,percentile), found 4.' },
    ]);
    const notGzip = await patchwerk(database(), ['epss', 'import', file('epss-plain.csv.gz', smallEpss()), '--json']);
    assert.equal(notGzip.code, 1, notGzip.stderr);
    assert.deepEqual(json<Failure>(notGzip).errors?.map((detail) => detail.code), ['EPSS_NOT_GZIP']);
    const human = await patchwerk(database(), ['epss', 'import', file('epss-nocomment.csv', 'cve,epss,percentile\nCVE-2021-44228,0.9,0.9\n')]);
    assert.equal(human.code, 1);
    assert.equal(human.stdout, '');
    assert.match(human.stderr, /EPSS_FILE_INVALID/);
  });

  it('imports a generated 300,000-row EPSS file through the CLI', async () => {
    const target = file('epss_scores-generated.csv.gz', generatedEpssGz(300_000));
    const started = performance.now();
    const run = await patchwerk(database(), ['epss', 'import', target, '--json']);
    console.log(`[${dialect}] patchwerk epss import, 300000 rows, whole process: ${((performance.now() - started) / 1000).toFixed(2)} s`);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json(run), { entries: 300_000, date: '2025-08-25T00:00:00.000Z', version: 'v2025.03.14' });
  });
});
