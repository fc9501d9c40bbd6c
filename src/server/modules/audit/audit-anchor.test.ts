import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { AuditAnchor } from './audit-anchor.ts';

describe('AuditAnchor', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-anchor-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads null before the first append', () => {
    assert.equal(new AuditAnchor(path.join(dir, 'empty')).read(), null);
  });

  it('only moves forward', () => {
    const anchor = new AuditAnchor(path.join(dir, 'forward'));
    anchor.advance({ seq: 2, hash: 'b' });
    anchor.advance({ seq: 1, hash: 'a' });
    assert.deepEqual(anchor.read(), { seq: 2, hash: 'b' });
    anchor.advance({ seq: 3, hash: 'c' });
    assert.deepEqual(anchor.read(), { seq: 3, hash: 'c' });
    assert.equal(existsSync(`${anchor.file}.lock`), false);
  });

  it('breaks a lock left behind by a crashed process', () => {
    const anchor = new AuditAnchor(path.join(dir, 'stale'));
    anchor.advance({ seq: 1, hash: 'a' });
    writeFileSync(`${anchor.file}.lock`, '');
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(`${anchor.file}.lock`, longAgo, longAgo);
    anchor.advance({ seq: 2, hash: 'b' });
    assert.deepEqual(anchor.read(), { seq: 2, hash: 'b' });
  });
});
