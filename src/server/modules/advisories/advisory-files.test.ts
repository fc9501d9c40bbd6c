import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { collectAdvisoryFiles, nonAdvisoryKind, pairUploads, parseHashSidecar, readFailureReason } from './advisory-files.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

const oasis = path.join(corpusDir, 'oasis-csaf/csaf_2.0/examples');

describe('advisory files', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'patchwerk-advisory-files-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('walks folders recursively in name order, takes *.json with the sidecars beside each', async () => {
    const folder = path.join(root, 'walk');
    mkdirSync(path.join(folder, '2023', 'deeper'), { recursive: true });
    writeFileSync(path.join(folder, 'b.json'), '{}');
    writeFileSync(path.join(folder, 'b.json.sha512'), 'x');
    writeFileSync(path.join(folder, 'b.json.asc'), 'x');
    writeFileSync(path.join(folder, 'a.JSON'), '{}');
    writeFileSync(path.join(folder, 'a.JSON.sha256'), 'x');
    writeFileSync(path.join(folder, 'index.txt'), 'x');
    writeFileSync(path.join(folder, 'changes.csv'), 'x');
    writeFileSync(path.join(folder, '2023', 'c.json'), '{}');
    writeFileSync(path.join(folder, '2023', 'deeper', 'd.json'), '{}');
    // A folder whose name ends in .json is walked, not read.
    mkdirSync(path.join(folder, 'e.json'));
    writeFileSync(path.join(folder, 'e.json', 'f.json'), '{}');
    const sources = await collectAdvisoryFiles([folder]);
    assert.deepEqual(sources.map((source) => path.relative(folder, source.name)), ['2023/c.json', '2023/deeper/d.json', 'a.JSON', 'b.json', 'e.json/f.json']);
    const [, , a, b] = sources;
    assert.deepEqual(Object.keys(a!.sidecars), ['sha256']);
    assert.deepEqual(Object.keys(b!.sidecars), ['sha512', 'asc']);
    assert.equal((await b!.sidecars.sha512!.read()).toString(), 'x');
    assert.equal((await a!.read()).toString(), '{}');
  });

  it('takes a file named on its own as it is, with its sidecars', async () => {
    const file = path.join(root, 'single.csaf');
    writeFileSync(file, '{}');
    writeFileSync(`${file}.sha256`, 'x');
    const [source] = await collectAdvisoryFiles([file]);
    assert.equal(source!.name, file);
    assert.deepEqual(Object.keys(source!.sidecars), ['sha256']);
  });

  it('turns a missing path, a dangling link and a folder as sidecar into sources that fail when read', async () => {
    const folder = path.join(root, 'broken');
    mkdirSync(folder);
    symlinkSync(path.join(folder, 'nowhere.json'), path.join(folder, 'dangling.json'));
    writeFileSync(path.join(folder, 'ok.json'), '{}');
    mkdirSync(path.join(folder, 'ok.json.sha512'));
    const sources = await collectAdvisoryFiles([path.join(root, 'missing'), folder]);
    assert.deepEqual(sources.map((source) => path.basename(source.name)), ['missing', 'dangling.json', 'ok.json']);
    await assert.rejects(sources[0]!.read(), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
    await assert.rejects(sources[1]!.read(), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
    await assert.rejects(sources[2]!.sidecars.sha512!.read(), (error: NodeJS.ErrnoException) => error.code === 'EISDIR');
    assert.match(readFailureReason(Object.assign(new Error('x'), { code: 'EISDIR' })), /^EISDIR, a folder where a file was expected/);
  });

  it('follows symbolic links to folders once, without looping', async () => {
    const folder = path.join(root, 'loop');
    mkdirSync(path.join(folder, 'sub'), { recursive: true });
    writeFileSync(path.join(folder, 'sub', 'x.json'), '{}');
    symlinkSync(folder, path.join(folder, 'sub', 'back'));
    const sources = await collectAdvisoryFiles([folder]);
    assert.deepEqual(sources.map((source) => path.relative(folder, source.name)), ['sub/x.json']);
  });

  it('reads hash sidecars: the hex digest first, a file name may follow; anything else is refused', () => {
    const sha512 = 'A'.repeat(128);
    assert.equal(parseHashSidecar(`${sha512}  icsa-23-005-01.json`, 'sha512'), 'a'.repeat(128));
    assert.equal(parseHashSidecar(`${'0'.repeat(64)}\n`, 'sha256'), '0'.repeat(64));
    assert.equal(parseHashSidecar(`\uFEFF${'f'.repeat(64)} *x.json`, 'sha256'), 'f'.repeat(64));
    for (const [content, algorithm] of [
      ['0'.repeat(64), 'sha512'], ['0'.repeat(128), 'sha256'], ['g'.repeat(64), 'sha256'], ['', 'sha256'], [`SHA256 (x.json) = ${'0'.repeat(64)}`, 'sha256'],
    ] as const) assert.equal(parseHashSidecar(content, algorithm), null, content);
  });

  it('recognises the OASIS examples of ROLIE, provider metadata and aggregator files, and not an advisory', { skip: existsSync(oasis) ? false : `corpus not found at ${oasis}` }, () => {
    const read = (file: string): unknown => JSON.parse(readFileSync(path.join(oasis, file), 'utf8'));
    assert.equal(nonAdvisoryKind(read('ROLIE/example-01-feed-tlp-white.json')), 'rolie_feed');
    assert.equal(nonAdvisoryKind(read('ROLIE/example-01-service.json')), 'rolie_service_document');
    assert.equal(nonAdvisoryKind(read('ROLIE/example-01-category.json')), 'rolie_category_document');
    assert.equal(nonAdvisoryKind(read('provider-metadata/example-01-provider-metadata.json')), 'provider_metadata');
    assert.equal(nonAdvisoryKind(read('aggregator/example-01-aggregator.json')), 'aggregator');
    assert.equal(nonAdvisoryKind(read('csaf/bsi-2022-0001.json')), null);
    for (const value of [null, [], 'feed', { feed: 'x' }, { document: {}, feed: {} }]) assert.equal(nonAdvisoryKind(value), null, JSON.stringify(value));
  });

  it('pairs uploaded files as a folder pairs them: sidecars beside their document, orphans named', async () => {
    const file = (name: string, text = name) => ({ name, bytes: Buffer.from(text), truncated: false });
    const { sources, orphans } = pairUploads(
      [file('a.json'), file('a.json.sha512'), file('a.json.asc'), file('b.json'), file('c.json.sha256'), file('notes.txt'), { name: 'huge.json', bytes: Buffer.alloc(0), truncated: true }],
      1000,
    );
    assert.deepEqual(sources.map((source) => [source.name, Object.keys(source.sidecars)]), [['a.json', ['sha512', 'asc']], ['b.json', []], ['notes.txt', []], ['huge.json', []]]);
    assert.equal((await sources[0]!.sidecars.sha512!.read()).toString(), 'a.json.sha512');
    assert.equal(await sources[3]!.size!(), 1000, 'a file not kept reads as too large');
    assert.deepEqual(orphans, ['c.json.sha256']);
  });
});
