import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestDatabase } from './databases.ts';

// Runs the real `patchwerk` command (node bin/patchwerk.js) in a child process, with this
// process's environment minus every Patchwerk setting, English messages and quiet logs.

const bin = path.resolve(import.meta.dirname, '../../bin/patchwerk.js');

/** What one run printed and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Settings for the run, e.g. PATCHWERK_DATA_DIR or DATABASE_URL. */
  env?: Record<string, string>;
  /** Text on standard input (closed when done). */
  input?: string;
  cwd?: string;
}

/** The environment of a run against a test database: its data dir and (PostgreSQL) connection string. */
export function databaseEnv(database: TestDatabase): Record<string, string> {
  return { PATCHWERK_DATA_DIR: database.dataDir, ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) };
}

/** Runs `patchwerk …args` and waits for it to end. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PATCHWERK_') && !['DATABASE_URL', 'PORT', 'HOST'].includes(name)),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      env: { ...inherited, LANG: 'C', LC_ALL: 'C', PATCHWERK_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The one JSON document a `--json` run printed on stdout. */
export function cliJson<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    assert.fail(`stdout is not one JSON document:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
