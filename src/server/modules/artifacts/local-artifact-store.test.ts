import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../errors/app-error.ts';
import { LocalArtifactStore } from './local-artifact-store.ts';

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Reads a stream to the end; returns the bytes received and the error it ended with, if any. */
async function drain(stream: Readable): Promise<{ bytes: Buffer; error: unknown }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks), error: null };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error };
  }
}

/** A stream of `count` chunks of `size` bytes each, generated lazily. */
function generated(count: number, size: number, fill = 0x61): Readable {
  return Readable.from(
    (function* () {
      for (let index = 0; index < count; index += 1) yield Buffer.alloc(size, fill + (index % 20));
    })(),
    { objectMode: false },
  );
}

const isAppError = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

describe('LocalArtifactStore', () => {
  let dataDir: string;
  let store: LocalArtifactStore;

  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'patchwerk-artifacts-'));
    store = new LocalArtifactStore(dataDir);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores a stream under its SHA-256 and reads the same bytes back', async () => {
    const bytes = Buffer.from('Firmware 4.2.1 for the press line\n');
    const blob = await store.put(Readable.from([bytes]), { maxBytes: 1024 });
    assert.deepEqual(blob, { sha256: sha256Of(bytes), size: bytes.length });
    const expectedPath = path.join(dataDir, 'artifacts', 'sha256', blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256);
    assert.equal(store.blobPath(blob.sha256), expectedPath);
    assert.deepEqual(readFileSync(expectedPath), bytes);
    assert.equal(await store.has(blob.sha256), true);
    const read = await drain(await store.open(blob.sha256));
    assert.equal(read.error, null);
    assert.deepEqual(read.bytes, bytes);
  });

  it('streams a multi-chunk file and reports its size', async () => {
    const blob = await store.put(generated(40, 64 * 1024), { maxBytes: 40 * 64 * 1024 });
    assert.equal(blob.size, 40 * 64 * 1024);
    const read = await drain(await store.open(blob.sha256));
    assert.equal(read.error, null);
    assert.equal(read.bytes.length, blob.size);
    assert.equal(sha256Of(read.bytes), blob.sha256);
  });

  it('stores an empty file', async () => {
    const blob = await store.put(Readable.from([]), { maxBytes: 10 });
    assert.deepEqual(blob, { sha256: sha256Of(Buffer.alloc(0)), size: 0 });
    const read = await drain(await store.open(blob.sha256));
    assert.equal(read.error, null);
    assert.equal(read.bytes.length, 0);
  });

  it('keeps one copy on disk when the same content is stored twice', async () => {
    const bytes = Buffer.from('same bytes, uploaded twice');
    const first = await store.put(Readable.from([bytes]), { maxBytes: 1024 });
    const second = await store.put(Readable.from([Buffer.from(bytes)]), { maxBytes: 1024 });
    assert.deepEqual(second, first);
    const shard = path.dirname(store.blobPath(first.sha256));
    assert.deepEqual(readdirSync(shard), [first.sha256]);
    assert.deepEqual(readdirSync(store.tmpDir), []);
  });

  it('accepts a file of exactly maxBytes', async () => {
    const blob = await store.put(Readable.from([Buffer.alloc(100, 1)]), { maxBytes: 100 });
    assert.equal(blob.size, 100);
  });

  it('refuses a file over maxBytes with PAYLOAD_TOO_LARGE and leaves no temporary file or blob', async () => {
    const oversized = Buffer.alloc(1001, 2);
    await assert.rejects(store.put(generated(10, 1000, 0x30), { maxBytes: 5000 }), (error: unknown) => {
      assert.ok(isAppError('PAYLOAD_TOO_LARGE')(error));
      assert.match((error as AppError).message, /4\.9 KiB/);
      return true;
    });
    await assert.rejects(store.put(Readable.from([oversized]), { maxBytes: 1000 }), isAppError('PAYLOAD_TOO_LARGE'));
    assert.deepEqual(readdirSync(store.tmpDir), []);
    assert.equal(await store.has(sha256Of(oversized)), false);
  });

  it('removes the temporary file when the source fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(10, 3));
        this.destroy(new Error('client went away'));
      },
    });
    await assert.rejects(store.put(failing, { maxBytes: 1000 }), /client went away/);
    assert.deepEqual(readdirSync(store.tmpDir), []);
  });

  it('fails a read with ARTIFACT_CORRUPT when the blob changed on disk, without delivering it complete', async () => {
    const original = Buffer.alloc(300 * 1024, 0x41);
    const blob = await store.put(Readable.from([original]), { maxBytes: original.length });
    const tampered = Buffer.from(original);
    tampered[tampered.length - 1] = 0x42;
    writeFileSync(store.blobPath(blob.sha256), tampered);
    const read = await drain(await store.open(blob.sha256));
    assert.ok(isAppError('ARTIFACT_CORRUPT')(read.error), `expected ARTIFACT_CORRUPT, got ${String(read.error)}`);
    assert.ok(read.bytes.length < tampered.length, 'the final bytes are withheld');
  });

  it('fails a read of a single-chunk blob with ARTIFACT_CORRUPT before any byte is delivered', async () => {
    const blob = await store.put(Readable.from([Buffer.from('protocol text')]), { maxBytes: 100 });
    writeFileSync(store.blobPath(blob.sha256), 'protocol TEXT');
    const read = await drain(await store.open(blob.sha256));
    assert.ok(isAppError('ARTIFACT_CORRUPT')(read.error));
    assert.equal(read.bytes.length, 0);
  });

  it('answers NOT_FOUND for a missing blob and for anything that is not a SHA-256', async () => {
    await assert.rejects(store.open('0'.repeat(64)), isAppError('NOT_FOUND'));
    await assert.rejects(store.open('../../../etc/passwd'), isAppError('NOT_FOUND'));
    await assert.rejects(store.open('A'.repeat(64)), isAppError('NOT_FOUND'));
    assert.equal(await store.has('0'.repeat(64)), false);
    assert.equal(await store.has('../x'), false);
  });
});
