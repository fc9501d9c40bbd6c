import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliJson as json, runCli, type CliRun as Run } from '../test-support/cli.ts';

/** Runs `patchwerk …` in `cwd` with its own data folder there. */
const patchwerk = (args: string[], cwd: string): Promise<Run> => runCli(args, { cwd, env: { PATCHWERK_DATA_DIR: path.join(cwd, 'data') } });

// `patchwerk advisories validate` needs no database: it reads, validates and reports.

interface Detail {
  code: string;
  message: string;
  test?: string;
  path?: string;
}

interface FileResult {
  file: string;
  valid: boolean;
  errors: Detail[];
  warnings: Detail[];
  infos: Detail[];
}

function advisory(category: string): string {
  return JSON.stringify({
    document: {
      category,
      csaf_version: '2.0',
      lang: 'en',
      publisher: { category: 'vendor', name: 'Example Ltd', namespace: 'https://example.com' },
      title: 'Example advisory <script>alert(1)</script>',
      tracking: {
        current_release_date: '2024-05-01T10:00:00.000Z',
        id: 'EX-2024-0001',
        initial_release_date: '2024-05-01T10:00:00.000Z',
        revision_history: [{ date: '2024-05-01T10:00:00.000Z', number: '1', summary: 'Initial release' }],
        status: 'final',
        version: '1',
      },
    },
  });
}

let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-advisories-cli-'));
  writeFileSync(path.join(dir, 'valid.json'), advisory('csaf_base'));
  writeFileSync(path.join(dir, 'flagged.json'), advisory('csafsecurityadvisory'));
  writeFileSync(path.join(dir, 'truncated.json'), advisory('csaf_base').slice(0, 100));
  mkdirSync(path.join(dir, 'folder'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('patchwerk advisories validate', () => {
  it('prints one result per file in order and exits 1 when any file is invalid', async () => {
    const run = await patchwerk(['--json', 'advisories', 'validate', 'valid.json', 'flagged.json', 'truncated.json', 'missing.json', 'folder'], dir);
    assert.equal(run.code, 1, run.stderr);
    const results = json<FileResult[]>(run);
    assert.deepEqual(results.map((result) => [result.file, result.valid]), [
      ['valid.json', true],
      ['flagged.json', false],
      ['truncated.json', false],
      ['missing.json', false],
      ['folder', false],
    ]);
    for (const result of results) {
      assert.deepEqual(Object.keys(result).sort(), ['errors', 'file', 'infos', 'valid', 'warnings']);
      for (const detail of [...result.errors, ...result.warnings, ...result.infos]) {
        assert.equal(typeof detail.code, 'string');
        assert.equal(typeof detail.message, 'string');
        assert.ok(!('params' in detail), 'error objects carry no internal fields');
      }
    }
    const [valid, flagged, truncated, missing, folder] = results;
    assert.deepEqual(valid!.errors, []);
    assert.ok(valid!.warnings.every((warning) => warning.code === 'CSAF_OPTIONAL_TEST'));
    assert.deepEqual(flagged!.errors.map((error) => [error.code, error.test, error.path]), [['CSAF_MANDATORY_TEST', '6.1.26', '/document/category']]);
    assert.deepEqual(truncated!.errors.map((error) => [error.code, error.test]), [['CSAF_NOT_JSON', 'json']]);
    assert.deepEqual(missing!.errors.map((error) => error.code), ['CSAF_FILE_UNREADABLE']);
    assert.match(missing!.errors[0]!.message, /^The file cannot be read: .*ENOENT/);
    assert.deepEqual(folder!.errors.map((error) => error.code), ['CSAF_FILE_UNREADABLE']);
    assert.equal(run.stderr, '', 'with --json nothing human goes to stderr');
  });

  it('exits 0 when every file is valid and reports to stderr only without --json', async () => {
    const run = await patchwerk(['advisories', 'validate', 'valid.json'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /gültig \/ valid: valid\.json \(0 errors, \d+ warnings, \d+ infos\)/);
    assert.match(run.stderr, /1 gültig \/ valid, 0 ungültig \/ invalid/);
  });

  it('exits 2 with a USAGE error object without files', async () => {
    const run = await patchwerk(['--json', 'advisories', 'validate'], dir);
    assert.equal(run.code, 2);
    const error = json<{ code: string; message: string }>(run);
    assert.equal(error.code, 'USAGE');
    assert.match(error.message, /files/);
  });
});
