import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import path from 'node:path';

/** The newest (seq, hash) of the audit chain, kept outside the event table. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** The anchor file `audit-anchor.json` in the data directory; detects deletion of newest events. */
export class AuditAnchor {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'audit-anchor.json');
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

  /** Records `head` unless the file already holds a newer one (several processes may append). */
  advance(head: AuditHead): void {
    const current = this.read();
    if (current && current.seq >= head.seq) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(head)}\n`);
    const fd = openSync(temporary, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, this.file);
  }
}
