import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cliJson as json, runCli as patchwerk } from '../test-support/cli.ts';
import { describeEachDialect } from '../test-support/databases.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/patchwerk.js');
const PASSWORD = 'correct horse battery staple';

/** This process's environment without Patchwerk settings, plus `env`; English messages. */
function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PATCHWERK_') && !['DATABASE_URL', 'PORT', 'HOST'].includes(name)),
  );
  return { ...inherited, LANG: 'C', LC_ALL: 'C', PATCHWERK_LOG_LEVEL: 'warn', ...env };
}

interface ErrorObject {
  code: string;
  message: string;
}

function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchwerk-cli-'));
  return work(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('patchwerk CLI: usage', () => {
  it('prints help and exits 0', async () => {
    const run = await patchwerk(['--help']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Usage: patchwerk/);
    for (const command of ['serve', 'migrate', 'users', 'audit']) assert.match(run.stdout, new RegExp(`\\n\\s+${command}\\b`));
  });

  it('exits 2 on an unknown option and prints a USAGE error object with --json', async () => {
    const plain = await patchwerk(['--bogus']);
    assert.equal(plain.code, 2);
    assert.equal(plain.stdout, '');
    assert.match(plain.stderr, /unknown option '--bogus'/);
    const run = await patchwerk(['users', 'list', '--bogus', '--json']);
    assert.equal(run.code, 2);
    const error = json<ErrorObject>(run);
    assert.equal(error.code, 'USAGE');
    assert.match(error.message, /--bogus/);
  });

  it('exits 2 for a command group without its command', async () => {
    const run = await patchwerk(['users', '--json']);
    assert.equal(run.code, 2);
    assert.equal(json<ErrorObject>(run).code, 'USAGE');
  });

  it('refuses users add without --password-stdin as a usage error, never taking a password argument', async () => {
    const missing = await patchwerk(['users', 'add', '--username', 'anna', '--role', 'admin', '--json']);
    assert.equal(missing.code, 2);
    assert.equal(json<ErrorObject>(missing).code, 'USAGE');
    assert.match(json<ErrorObject>(missing).message, /--password-stdin/);
    const asArgument = await patchwerk(['users', 'add', '--username', 'anna', '--role', 'admin', '--password', PASSWORD]);
    assert.equal(asArgument.code, 2);
  });

  it('exits 3 with CONFIG_INVALID for an invalid PORT', async () => {
    await withTempDir(async (dir) => {
      const run = await patchwerk(['users', 'list', '--json'], { env: { PATCHWERK_DATA_DIR: dir, PORT: 'eighty' } });
      assert.equal(run.code, 3);
      assert.equal(json<ErrorObject>(run).code, 'CONFIG_INVALID');
    });
  });

  it('exits 3 with DATABASE_UNAVAILABLE when PostgreSQL cannot be reached', async () => {
    await withTempDir(async (dir) => {
      const run = await patchwerk(['users', 'list', '--json'], { env: { PATCHWERK_DATA_DIR: dir, DATABASE_URL: 'postgres://127.0.0.1:1/x' } });
      assert.equal(run.code, 3);
      const error = json<ErrorObject>(run);
      assert.equal(error.code, 'DATABASE_UNAVAILABLE');
      assert.match(error.message, /ECONNREFUSED/);
    });
  });
});

void void describe('patchwerk serve', () => {
  it('serves until SIGTERM, prints the setup link, and shuts down with exit 0', async () => {
    await withTempDir(async (dir) => {
      const child = spawn(process.execPath, [bin, 'serve'], {
        env: cleanEnv({ PATCHWERK_DATA_DIR: dir, HOST: '127.0.0.1', PORT: '0' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
          const match = /is running: (http:\/\/\S+)/.exec(stderr);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('close', () => reject(new Error(`serve ended early:\n${stderr}`)));
      });
      try {
        const response = await fetch(`${url}/healthz`);
        assert.equal(response.status, 200);
        assert.match(stderr, /nicht eingerichtet/);
        assert.match(stderr, new RegExp(`http://localhost:${new URL(url).port}/setup\\?token=`));
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited, 0, stderr);
    });
  });
});

describe('patchwerk migrate', () => {
  it('applies the migrations of an empty data directory once', async () => {
    await withTempDir(async (dir) => {
      const first = await patchwerk(['migrate', '--json'], { env: { PATCHWERK_DATA_DIR: dir } });
      assert.equal(first.code, 0, first.stderr);
      const applied = json<{ applied: string[] }>(first).applied;
      assert.ok(applied.includes('20261126090000_create-foundation'), applied.join(', '));
      const second = await patchwerk(['migrate', '--json'], { env: { PATCHWERK_DATA_DIR: dir } });
      assert.deepEqual(json(second), { applied: [] });
    });
  });
});

describeEachDialect('patchwerk users and audit', (database) => {
  const env = (): Record<string, string> => ({
    PATCHWERK_DATA_DIR: database().dataDir,
    ...(database().databaseUrl ? { DATABASE_URL: database().databaseUrl! } : {}),
  });
  const addUser = (username: string, role: string, password: string, extra: string[] = []) =>
    patchwerk(['users', 'add', '--username', username, '--role', role, ...extra, '--password-stdin', '--json'], { env: env(), input: `${password}\n` });

  it('creates a user from the password on stdin and prints its grants', async () => {
    const run = await addUser('anna', 'admin', PASSWORD, ['--email', 'anna@example.com', '--display-name', 'Anna Admin']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json(run), { username: 'anna', grants: [{ role: 'admin', scope: 'all', expires_at: null }] });
    assert.ok(!run.stdout.includes(PASSWORD) && !run.stderr.includes(PASSWORD), 'the password is never printed');
  });

  it('rejects a password under 12 characters with exit 1', async () => {
    const run = await addUser('bob', 'admin', 'short');
    assert.equal(run.code, 1);
    assert.equal(json<ErrorObject>(run).code, 'PASSWORD_TOO_SHORT');
  });

  it('rejects an existing username with exit 1', async () => {
    const run = await addUser('ANNA', 'admin', PASSWORD);
    assert.equal(run.code, 1);
    assert.equal(json<ErrorObject>(run).code, 'CONFLICT');
  });

  it('rejects a vendor grant without machine scope and expiry with exit 1', async () => {
    const run = await addUser('victor', 'vendor', PASSWORD);
    assert.equal(run.code, 1);
    assert.equal(json<ErrorObject>(run).code, 'VENDOR_GRANT_INVALID');
  });

  it('rejects an unknown role as invalid input with exit 1', async () => {
    const run = await addUser('rita', 'superuser', PASSWORD);
    assert.equal(run.code, 1);
    assert.equal(json<ErrorObject>(run).code, 'VALIDATION_FAILED');
  });

  it('lists the users as JSON', async () => {
    const run = await patchwerk(['users', 'list', '--json'], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    const users = json<{ username: string; display_name: string; email: string | null; disabled: boolean; grants: unknown[] }[]>(run);
    assert.deepEqual(users.map((user) => user.username), ['anna']);
    assert.deepEqual(users[0], {
      username: 'anna',
      display_name: 'Anna Admin',
      email: 'anna@example.com',
      disabled: false,
      grants: [{ role: 'admin', scope: 'all', expires_at: null }],
    });
  });

  it('prints the human list on stderr and nothing on stdout without --json', async () => {
    const run = await patchwerk(['users', 'list'], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^username\s+display_name/m);
    assert.match(run.stderr, /^anna\s+Anna Admin\s+anna@example\.com\s+no\s+admin \(all\)$/m);
  });

  it('exits 4 when disabling an unknown user', async () => {
    const run = await patchwerk(['users', 'disable', 'nobody', '--json'], { env: env() });
    assert.equal(run.code, 4);
    assert.equal(json<ErrorObject>(run).code, 'NOT_FOUND');
  });

  it('refuses to disable the last all-sites admin, then disables a second admin', async () => {
    const last = await patchwerk(['users', 'disable', 'anna', '--json'], { env: env() });
    assert.equal(last.code, 1);
    assert.equal(json<ErrorObject>(last).code, 'LAST_ADMIN');
    assert.equal((await addUser('bert', 'admin', PASSWORD)).code, 0);
    const run = await patchwerk(['users', 'disable', 'bert', '--json'], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json(run), { username: 'bert', disabled: true });
    const list = json<{ username: string; disabled: boolean }[]>(await patchwerk(['users', 'list', '--json'], { env: env() }));
    assert.deepEqual(list.map(({ username, disabled }) => ({ username, disabled })), [
      { username: 'anna', disabled: false },
      { username: 'bert', disabled: true },
    ]);
  });

  it('verifies the audit log the CLI wrote, with the CLI as actor', async () => {
    const run = await patchwerk(['audit', 'verify', '--json'], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    const report = json<{ ok: boolean; events: number; first_bad_seq: number | null; kind: string | null }>(run);
    assert.equal(report.ok, true);
    assert.equal(report.first_bad_seq, null);
    assert.equal(report.kind, null);
    assert.ok(report.events >= 5, `events: ${report.events}`);
    const events = await database().db.selectFrom('audit_events').select(['actor_id', 'via']).execute();
    assert.ok(events.every((event) => event.via === 'cli' && event.actor_id?.startsWith('cli:')), JSON.stringify(events));
  });

  it('exits 1 when the anchor shows events were cut off', async () => {
    writeFileSync(path.join(database().dataDir, 'audit-anchor.json'), `${JSON.stringify({ seq: 999, hash: 'f'.repeat(64) })}\n`);
    const run = await patchwerk(['audit', 'verify', '--json'], { env: env() });
    assert.equal(run.code, 1);
    const report = json<{ ok: boolean; kind: string | null }>(run);
    assert.equal(report.ok, false);
    assert.equal(report.kind, 'truncated');
  });
});
