import { createHash, randomUUID, type Hash } from 'node:crypto';
import { open, mkdir, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline as pipelineCallback, Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors/app-error.ts';
import { formatBytes } from '../../errors/format-bytes.ts';
import type { ArtifactStore, StoredBlob } from './artifact-store.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True when `value` is a lower-case hex SHA-256 digest. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Counts and hashes what passes through; fails with PAYLOAD_TOO_LARGE past `maxBytes`. */
class MeteringStream extends Transform {
  readonly hash: Hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(this.maxBytes) }));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/**
 * Hashes what passes through and compares the digest at the end. The last chunk is held back until
 * the digest is known, so a corrupted blob is never delivered complete: the reader gets
 * ARTIFACT_CORRUPT instead of the final bytes.
 */
class VerifyingStream extends Transform {
  readonly #hash = createHash('sha256');
  #held: Buffer | null = null;

  constructor(private readonly expected: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    const previous = this.#held;
    this.#held = chunk;
    callback(null, previous ?? undefined);
  }

  override _flush(callback: TransformCallback): void {
    const actual = this.#hash.digest('hex');
    if (actual !== this.expected) {
      callback(new AppError('ARTIFACT_CORRUPT', { sha256: this.expected }));
      return;
    }
    callback(null, this.#held ?? undefined);
  }
}

// Directory fsync makes the rename durable; some platforms and file systems refuse it on a directory.
async function fsyncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

async function fileExists(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * The default artifact store: blobs in `<dataDir>/artifacts/sha256/ab/cd/<hex>`, written through a
 * temporary file in `<dataDir>/artifacts/tmp` (same file system, so the rename is atomic).
 */
export class LocalArtifactStore implements ArtifactStore {
  readonly root: string;
  readonly tmpDir: string;

  constructor(readonly dataDir: string) {
    this.root = path.join(dataDir, 'artifacts', 'sha256');
    this.tmpDir = path.join(dataDir, 'artifacts', 'tmp');
  }

  /** Where the blob with this digest lives (whether or not it exists). */
  blobPath(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, options: { maxBytes: number }): Promise<StoredBlob> {
    await mkdir(this.tmpDir, { recursive: true });
    const tempPath = path.join(this.tmpDir, `${randomUUID()}.part`);
    const meter = new MeteringStream(options.maxBytes);
    // Opened before the pipeline runs, so the file exists whenever the cleanup below removes it.
    const handle = await open(tempPath, 'wx', 0o640);
    try {
      // `flush` fsyncs the file before the stream closes it.
      await pipeline(source, meter, handle.createWriteStream({ flush: true }));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }

    const sha256 = meter.hash.digest('hex');
    const finalPath = this.blobPath(sha256);
    const directory = path.dirname(finalPath);
    try {
      await mkdir(directory, { recursive: true });
      if (await fileExists(finalPath)) {
        // Same digest, same bytes: the stored blob stays, the new copy is dropped.
        await rm(tempPath, { force: true });
      } else {
        await rename(tempPath, finalPath);
        await fsyncDirectory(directory);
      }
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { sha256, size: meter.size };
  }

  async open(sha256: string): Promise<Readable> {
    if (!isSha256Hex(sha256)) throw new AppError('NOT_FOUND');
    let handle: FileHandle;
    try {
      handle = await open(this.blobPath(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND');
      throw error;
    }
    const verifier = new VerifyingStream(sha256);
    // The callback form returns the last stream; its errors (and early destruction by the reader,
    // which closes the file) travel through the pipeline, so nothing more is needed here.
    return pipelineCallback(handle.createReadStream(), verifier, () => {});
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256Hex(sha256)) return false;
    return fileExists(this.blobPath(sha256));
  }

  /**
   * Removes temporary files older than `olderThanMs` (left by a process that died mid-upload);
   * younger ones may belong to an upload still running in another process. Returns how many.
   */
  async sweepTemporaryFiles(now: Date, olderThanMs: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names.filter((entry) => entry.endsWith('.part'))) {
      const file = path.join(this.tmpDir, name);
      const info = await stat(file).catch(() => null);
      if (info && now.getTime() - info.mtimeMs > olderThanMs) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
