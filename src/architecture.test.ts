import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

// docs/ARCHITECTURE.md stays true to the tree: every folder under src/, src/server/ and the domain
// modules is named in it.

const root = path.resolve(import.meta.dirname, '..');
const architecture = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');

function folders(relative: string): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

it('names every top-level source folder, server folder and domain module', () => {
  const expected = [
    ...folders('src').map((name) => `${name}/`),
    ...folders('src/server').map((name) => `${name}/`),
    ...folders('src/server/modules').map((name) => `${name}/`),
    ...folders('src/web/features').map((name) => name),
  ];
  const missing = expected.filter((name) => !architecture.includes(name));
  assert.deepEqual(missing, []);
});
