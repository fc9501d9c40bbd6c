import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The newest (seq, hash) of the audit chain, kept outside the event table. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** A lock older than this is left over from a crashed process and is broken. */
const STALE_LOCK_MS = 10_000;
const LOCK_RETRY_MS = 2;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The anchor file `audit-anchor.json` in the data directory; detects deletion of newest events. */
export class AuditAnchor {
  readonly file: string;
  private readonly lockFile: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'audit-anchor.json');
    this.lockFile = `${this.file}.lock`;
  }

  /** The recorded head, or null when nothing was ever appended. */
  read(): AuditHead | null {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<AuditHead>;
      return typeof parsed.seq === 'number' && typeof parsed.hash === 'string' ? { seq: parsed.seq, hash: parsed.hash } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * Records `head` unless the file already holds a newer one. Several processes may append: the
   * read-compare-replace runs under a lock file, otherwise a slower process could overwrite a newer
   * head with an older one and verification would report the newest events as inserted.
   */
  advance(head: AuditHead): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    this.withLock(() => {
      const current = this.read();
      if (current && current.seq >= head.seq) return;
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(head)}\n`);
      const fd = openSync(temporary, 'r');
      fsyncSync(fd);
      closeSync(fd);
      renameSync(temporary, this.file);
    });
  }

  private withLock(work: () => void): void {
    let fd: number | null = null;
    while (fd === null) {
      try {
        fd = openSync(this.lockFile, 'wx');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        this.breakStaleLock();
        // advance() is synchronous (it runs right after the commit); the lock is held for a few
        // file operations only, so a short blocking wait is cheaper than making callers async.
        Atomics.wait(sleeper, 0, 0, LOCK_RETRY_MS);
      }
    }
    try {
      work();
    } finally {
      closeSync(fd);
      unlinkSync(this.lockFile);
    }
  }

  private breakStaleLock(): void {
    try {
      if (Date.now() - statSync(this.lockFile).mtimeMs > STALE_LOCK_MS) unlinkSync(this.lockFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
