import type { Readable } from 'node:stream';

/** What a stored blob is: its Patchwerk-computed SHA-256 (hex) and size in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Content-addressed blob storage (local folder by default; an S3-compatible backend can follow).
 * Implementations stream, write to a temporary file + fsync + rename, and verify on read.
 */
export interface ArtifactStore {
  /** Streams `source` into the store; rejects with PAYLOAD_TOO_LARGE past `maxBytes`. */
  put(source: Readable, options: { maxBytes: number }): Promise<StoredBlob>;
  /** A stream of the blob that errors with ARTIFACT_CORRUPT when the bytes no longer match. */
  open(sha256: string): Promise<Readable>;
  /** True when the blob is present. */
  has(sha256: string): Promise<boolean>;
  /** Removes unfinished uploads older than `olderThanMs`; returns how many. */
  sweepTemporaryFiles(now: Date, olderThanMs: number): Promise<number>;
}
