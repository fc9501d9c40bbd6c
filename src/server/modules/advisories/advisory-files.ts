import { readFileSync, statSync } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

// Where advisory documents come from: files and folders named on the command line (folders walked
// recursively, `*.json`) or the files of a web upload, each with the sidecars published beside it
// (`.sha256`, `.sha512`, `.asc`; CSAF 2.0 §7.1.18–19). Also the pure checks on what was read: hash sidecar contents and the
// distribution files that are not advisories (ROLIE feeds, provider metadata, aggregators).

/** Bytes that are read on demand (a file on disk, or an upload already in memory). */
export interface ByteSource {
  /** File name (path as walked, or the uploaded name). */
  name: string;
  read(): Promise<Buffer>;
  /** The size in bytes without reading, where that is cheap (files on disk). */
  size?(): Promise<number>;
}

/** One candidate document and the sidecars found beside it. */
export interface AdvisoryFileSource extends ByteSource {
  sidecars: { sha256?: ByteSource; sha512?: ByteSource; asc?: ByteSource };
}

/** Files up to this size are read synchronously (see fileSource). */
const SYNC_READ_MAX_BYTES = 1024 * 1024;

export const sidecarExtensions = ['sha256', 'sha512', 'asc'] as const;

/**
 * A file on disk. Small files are read synchronously: advisories are mostly tens of kilobytes, and
 * four thread-pool round trips per file (open, stat, read, close) cost more than the read itself
 * (2,035 corpus files: about 2.5 s asynchronously, a tenth of that synchronously).
 */
const fileSource = (name: string): ByteSource => ({
  name,
  read: async () => {
    const size = statSync(name).size;
    return size <= SYNC_READ_MAX_BYTES ? readFileSync(name) : readFile(name);
  },
  size: async () => statSync(name).size,
});

/** A source that fails when read (a path that is missing, dangling, or a folder that cannot be listed). */
const failingSource = (name: string, error: unknown): AdvisoryFileSource => ({
  name,
  read: () => Promise.reject(error instanceof Error ? error : new Error(String(error))),
  sidecars: {},
});

/** A file of a web upload: its name and bytes, or too large to have been kept. */
export interface UploadedFile {
  name: string;
  bytes: Buffer;
  /** Over the per-file limit: the bytes were not kept. */
  truncated: boolean;
}

const inMemory = (file: UploadedFile, tooLarge: number): ByteSource => ({
  name: file.name,
  read: () => Promise.resolve(file.truncated ? Buffer.alloc(0) : file.bytes),
  size: () => Promise.resolve(file.truncated ? tooLarge : file.bytes.length),
});

/**
 * Pairs the files of one upload as a folder pairs them: `X.sha256`, `X.sha512` and `X.asc` are the
 * sidecars of the uploaded `X`, every other file is a document. A file too large to keep reads as
 * `tooLarge` bytes, so the import rejects it. `orphans` names sidecars whose document was not uploaded.
 */
export function pairUploads(files: readonly UploadedFile[], tooLarge: number): { sources: AdvisoryFileSource[]; orphans: string[] } {
  const names = new Set(files.map((file) => file.name));
  const documentOf = (name: string): string | null => {
    const extension = sidecarExtensions.find((candidate) => name.endsWith(`.${candidate}`));
    return extension === undefined ? null : name.slice(0, -(extension.length + 1));
  };
  const sources: AdvisoryFileSource[] = [];
  const orphans: string[] = [];
  for (const file of files) {
    const document = documentOf(file.name);
    if (document === null) {
      const sidecars: AdvisoryFileSource['sidecars'] = {};
      for (const extension of sidecarExtensions) {
        const sidecar = files.find((candidate) => candidate.name === `${file.name}.${extension}`);
        if (sidecar) sidecars[extension] = inMemory(sidecar, tooLarge);
      }
      sources.push({ ...inMemory(file, tooLarge), sidecars });
    } else if (!names.has(document)) {
      orphans.push(file.name);
    }
  }
  return { sources, orphans };
}

async function exists(name: string): Promise<boolean> {
  try {
    await lstat(name);
    return true;
  } catch {
    return false;
  }
}

async function sidecarsBeside(file: string, present: (name: string) => boolean | Promise<boolean>): Promise<AdvisoryFileSource['sidecars']> {
  const sidecars: AdvisoryFileSource['sidecars'] = {};
  for (const extension of sidecarExtensions) {
    const name = `${file}.${extension}`;
    if (await present(path.basename(name))) sidecars[extension] = fileSource(name);
  }
  return sidecars;
}

const isJsonName = (name: string): boolean => name.toLowerCase().endsWith('.json');

async function walkFolder(folder: string, seen: Set<string>, out: AdvisoryFileSource[]): Promise<void> {
  let real: string;
  let entries;
  try {
    real = await realpath(folder);
    if (seen.has(real)) return; // a symlink loop or a folder named twice
    seen.add(real);
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    out.push(failingSource(folder, error));
    return;
  }
  const names = new Set(entries.map((entry) => entry.name));
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(folder, entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDirectory = (await stat(full)).isDirectory();
      } catch {
        isDirectory = false; // dangling: reported when read, if it is a .json name
      }
    }
    if (isDirectory) await walkFolder(full, seen, out);
    else if (isJsonName(entry.name)) out.push({ ...fileSource(full), sidecars: await sidecarsBeside(full, (name) => names.has(name)) });
  }
}

/**
 * The candidate documents under `paths`: a file is taken as named (whatever its extension), a folder
 * is walked recursively in name order for `*.json`. A path that cannot be read becomes a source that
 * fails when read, so it is reported with the others and the import goes on.
 */
export async function collectAdvisoryFiles(paths: readonly string[]): Promise<AdvisoryFileSource[]> {
  const out: AdvisoryFileSource[] = [];
  const seen = new Set<string>();
  for (const target of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(target)).isDirectory();
    } catch (error) {
      out.push(failingSource(target, error));
      continue;
    }
    if (isDirectory) await walkFolder(target, seen, out);
    else out.push({ ...fileSource(target), sidecars: await sidecarsBeside(target, (name) => exists(path.join(path.dirname(target), name))) });
  }
  return out;
}

/** Why a read failed, for people: the system error code and what it means, without a stack. */
export function readFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const known: Record<string, string> = {
    ENOENT: 'ENOENT, no such file (or a symbolic link to nothing)',
    EISDIR: 'EISDIR, a folder where a file was expected',
    EACCES: 'EACCES, permission denied',
    EPERM: 'EPERM, operation not permitted',
    ELOOP: 'ELOOP, too many symbolic links',
    EIO: 'EIO, input/output error',
  };
  if (code && known[code]) return known[code];
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

export type HashAlgorithm = 'sha256' | 'sha512';
const hexLength: Record<HashAlgorithm, number> = { sha256: 64, sha512: 128 };

/**
 * The digest a hash sidecar states, in lower case: its first whitespace-separated token, which must
 * be hex of the algorithm's length (the file name may follow). Null when it is not.
 */
export function parseHashSidecar(content: string, algorithm: HashAlgorithm): string | null {
  const token = content.replace(/^\uFEFF/, '').trim().split(/\s+/, 1)[0] ?? '';
  return new RegExp(`^[0-9a-fA-F]{${hexLength[algorithm]}}$`).test(token) ? token.toLowerCase() : null;
}

/** Distribution files that are JSON but not advisories (CSAF 2.0 §7.1.7, 7.1.15–17, 7.1.21). */
export type NonAdvisoryKind = 'rolie_feed' | 'rolie_service_document' | 'rolie_category_document' | 'provider_metadata' | 'aggregator';

/** Recognises a parsed JSON value as a distribution file that is not an advisory; null otherwise. */
export function nonAdvisoryKind(value: unknown): NonAdvisoryKind | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const object = value as Record<string, unknown>;
  if ('document' in object) return null;
  const isObject = (key: string): boolean => typeof object[key] === 'object' && object[key] !== null;
  if (isObject('feed')) return 'rolie_feed';
  if (isObject('service')) return 'rolie_service_document';
  if (isObject('categories')) return 'rolie_category_document';
  if (isObject('aggregator') && 'csaf_providers' in object) return 'aggregator';
  if ('canonical_url' in object && 'metadata_version' in object && isObject('publisher')) return 'provider_metadata';
  return null;
}
