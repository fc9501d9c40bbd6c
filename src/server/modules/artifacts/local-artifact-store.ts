import type { Readable } from 'node:stream';
import { AppError } from '../../errors/app-error.ts';
import type { ArtifactStore, StoredBlob } from './artifact-store.ts';

// PLACEHOLDER — replaced by the artifact store implementation.
export class LocalArtifactStore implements ArtifactStore {
  constructor(readonly dataDir: string) {}
  put(_source: Readable, _options: { maxBytes: number }): Promise<StoredBlob> {
    return Promise.reject(new AppError('INTERNAL_ERROR'));
  }
  open(_sha256: string): Promise<Readable> {
    return Promise.reject(new AppError('INTERNAL_ERROR'));
  }
  has(_sha256: string): Promise<boolean> {
    return Promise.resolve(false);
  }
}
