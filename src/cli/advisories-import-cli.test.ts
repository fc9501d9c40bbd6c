import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import * as openpgp from 'openpgp';
import { cisaWhite, corpusMissing } from '../server/modules/advisories/advisory-import.fixture.ts';
import { describeEachDialect, type TestDatabase } from '../test-support/databases.ts';
import { cliJson, databaseEnv, runCli, type CliRun as Run } from '../test-support/cli.ts';

/** Runs `patchwerk …` against `database` (stdout and stderr are pipes, not terminals). */
const patchwerk = (database: TestDatabase, args: string[]): Promise<Run> => runCli(args, { env: databaseEnv(database) });
const json = (run: Run): ImportResult => cliJson<ImportResult>(run);

interface ImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  flagged: { file: string; tracking_id: string; errors: { code: string; message: string }[] }[];
  rejected: { file: string; errors: { code: string; message: string }[] }[];
  skipped: { file: string; reason: string }[];
  findings_created: number;
}

describeEachDialect('patchwerk advisories import', (database) => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-advisories-import-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a folder, prints exactly the INTERFACES.md shape on stdout and exits 1 when a file is rejected', { skip: corpusMissing }, async () => {
    const good = readFileSync(path.join(cisaWhite, '2023/icsa-23-005-01.json'));
    writeFileSync(path.join(dir, 'good.json'), good);
    writeFileSync(path.join(dir, 'good.json.sha512'), `${createHash('sha512').update(good).digest('hex')}  good.json\n`);
    writeFileSync(path.join(dir, 'feed.json'), readFileSync(path.join(cisaWhite, 'cisa-csaf-ot-feed-tlp-white.json')));

    const first = await patchwerk(database(), ['advisories', 'import', dir, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, '');
    const result = json(first);
    assert.deepEqual(Object.keys(result).sort(), ['findings_created', 'flagged', 'imported', 'rejected', 'skipped', 'unchanged', 'updated']);
    assert.deepEqual(result, { imported: 1, updated: 0, unchanged: 0, flagged: [], rejected: [], skipped: [{ file: path.join(dir, 'feed.json'), reason: 'rolie_feed' }], findings_created: 0 });

    writeFileSync(path.join(dir, 'tampered.json'), readFileSync(path.join(cisaWhite, '2023/icsa-23-005-02.json')));
    writeFileSync(path.join(dir, 'tampered.json.sha512'), `${createHash('sha512').update('something else').digest('hex')}\n`);
    const second = await patchwerk(database(), ['advisories', 'import', dir, '--json']);
    assert.equal(second.code, 1);
    const rejected = json(second);
    assert.deepEqual([rejected.imported, rejected.unchanged], [0, 1]);
    assert.deepEqual(rejected.rejected.map((entry) => [entry.file, entry.errors.map((error) => error.code)]), [[path.join(dir, 'tampered.json'), ['ADVISORY_HASH_MISMATCH']]]);
    assert.equal(Number((await database().db.selectFrom('advisory_documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 1);
  });

  it('verifies signatures with --key FILE, and refuses a key file without a key before reading anything', { skip: corpusMissing }, async () => {
    const provider = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Provider PSIRT' }], format: 'object' });
    const keyFile = path.join(dir, 'provider.asc');
    writeFileSync(keyFile, provider.publicKey.armor());
    const folder = mkdtempSync(path.join(dir, 'signed-'));
    const bytes = readFileSync(path.join(cisaWhite, '2023/icsa-23-005-03.json'));
    writeFileSync(path.join(folder, 'signed.json'), bytes);
    writeFileSync(path.join(folder, 'signed.json.asc'), (await openpgp.sign({ message: await openpgp.createMessage({ binary: bytes }), signingKeys: provider.privateKey, detached: true })) as string);

    const run = await patchwerk(database(), ['advisories', 'import', folder, '--key', keyFile, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(json(run).imported, 1);
    const row = await database().db.selectFrom('advisory_documents').select(['signature_status', 'signature_key_fingerprint']).where('file_name', '=', 'signed.json').executeTakeFirstOrThrow();
    assert.deepEqual(row, { signature_status: 'verified', signature_key_fingerprint: provider.publicKey.getFingerprint().toUpperCase() });

    writeFileSync(path.join(dir, 'not-a-key.asc'), 'hello');
    const refused = await patchwerk(database(), ['advisories', 'import', folder, '--key', path.join(dir, 'not-a-key.asc'), '--json']);
    assert.equal(refused.code, 1);
    assert.equal(cliJson<{ code: string }>(refused).code, 'ADVISORY_KEY_FILE_INVALID');
  });

  it('without --json reports on stderr in German and English, nothing on stdout, and no progress bar off a terminal', { skip: corpusMissing }, async () => {
    const run = await patchwerk(database(), ['advisories', 'import', path.join(dir, 'good.json'), path.join(dir, 'missing.json')]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^Neu \/ imported: 0, aktualisiert \/ updated: 0, unverändert \/ unchanged: 1, markiert \/ flagged: 0, abgelehnt \/ rejected: 1, übersprungen \/ skipped: 0\n/);
    assert.match(run.stderr, /Abgelehnt \/ rejected: .*missing\.json\n {4}The file cannot be read: ENOENT/);
    assert.doesNotMatch(run.stderr, /\r|\[#/);
  });
});
