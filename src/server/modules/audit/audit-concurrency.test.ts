import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { it } from 'node:test';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { verifyAuditLog } from './audit-verify.ts';

const FIXTURE = path.join(import.meta.dirname, 'audit-append.fixture.ts');
const PER_PROCESS = 200;

interface Appender {
  child: ChildProcessWithoutNullStreams;
  /** Resolves on the first stdout line equal to `text`. */
  line(text: string): Promise<void>;
  exit: Promise<number | null>;
  stderr: () => string;
}

function startAppender(dataDir: string, databaseUrl: string | null, name: string): Appender {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, databaseUrl ?? '-', String(PER_PROCESS), name], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const seen = new Set<string>();
  const waiters = new Map<string, () => void>();
  lines.on('line', (text) => {
    seen.add(text);
    waiters.get(text)?.();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exit,
    stderr: () => stderr,
    line: (text) => new Promise<void>((resolve, reject) => {
      if (seen.has(text)) return resolve();
      waiters.set(text, resolve);
      void exit.then((code) => reject(new Error(`appender ${name} exited with ${code} before "${text}": ${stderr}`)));
    }),
  };
}

// Two processes append to one database and share one data dir (and so one anchor file). The
// chain lock (advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite) must give one intact chain.
describeEachDialect('concurrent audit appends from two processes', (database) => {
  it('produces one intact chain with contiguous seqs', async (t) => {
    const { dataDir, databaseUrl, db } = database();
    const appenders = [startAppender(dataDir, databaseUrl, 'alpha'), startAppender(dataDir, databaseUrl, 'beta')];
    await Promise.all(appenders.map((appender) => appender.line('ready')));
    for (const appender of appenders) appender.child.stdin.end('go\n');
    const codes = await Promise.all(appenders.map((appender) => appender.exit));
    assert.deepEqual(codes, [0, 0], appenders.map((appender) => appender.stderr()).join('\n'));

    const ctx = await createTestContext(database());
    assert.deepEqual(await verifyAuditLog(ctx), { ok: true, events: 2 * PER_PROCESS, first_bad_seq: null, kind: null });
    const rows = await db.selectFrom('audit_events').select(['seq', 'actor_id']).orderBy('seq').execute();
    assert.deepEqual(rows.map((row) => Number(row.seq)), Array.from({ length: 2 * PER_PROCESS }, (_, i) => i + 1));
    assert.equal(rows.filter((row) => row.actor_id === 'cli:alpha').length, PER_PROCESS);
    assert.equal(rows.filter((row) => row.actor_id === 'cli:beta').length, PER_PROCESS);
    assert.equal(ctx.auditAnchor.read()?.seq, 2 * PER_PROCESS);
    const switches = rows.filter((row, i) => i > 0 && row.actor_id !== rows[i - 1]!.actor_id).length;
    t.diagnostic(`writers alternated ${switches} times`);
  });
});
