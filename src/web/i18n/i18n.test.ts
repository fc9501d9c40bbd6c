import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

// The web app ships in German and English: both files carry the same keys, and every literal key
// the code passes to t() exists (keys built at run time, `t(\`x.${y}\`)`, are not checked here).

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

it('has the same keys in German and English', () => {
  const german = new Set(keysOf(de));
  const english = new Set(keysOf(en));
  assert.deepEqual([...german].filter((key) => !english.has(key)), [], 'keys only in de.json');
  assert.deepEqual([...english].filter((key) => !german.has(key)), [], 'keys only in en.json');
});

it('has a text for every literal key the web app uses', () => {
  const known = new Set(keysOf(de));
  // i18next plural forms: `key` is satisfied by `key_one` / `key_other`.
  const has = (key: string) => known.has(key) || known.has(`${key}_one`) || known.has(`${key}_other`);
  const missing: string[] = [];
  let checked = 0;
  for (const file of sourceFiles(path.resolve(import.meta.dirname, '..'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
      checked += 1;
      if (!has(match[1]!)) missing.push(`${path.basename(file)}: ${match[1]}`);
    }
  }
  assert.ok(checked > 200, `only ${checked} keys found: the pattern no longer matches how the code calls t()`);
  assert.deepEqual(missing, []);
});

it('labels every action and object type the server writes to the audit log', () => {
  const audit = de as unknown as { auditActions: Record<string, Record<string, string>>; audit: { objectTypes: Record<string, string> } };
  const missing: string[] = [];
  let found = 0;
  for (const file of sourceFiles(path.resolve(import.meta.dirname, '../../server')).filter((name) => !/\.(test|fixture)\.ts$/.test(name))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/action: '([a-z_]+)\.([a-z_]+)',\s*objectType: '([a-z_]+)'/g)) {
      const [, noun, verb, objectType] = match as unknown as [string, string, string, string];
      found += 1;
      if (!audit.auditActions[noun]?.[verb]) missing.push(`auditActions.${noun}.${verb}`);
      if (!audit.audit.objectTypes[objectType]) missing.push(`audit.objectTypes.${objectType}`);
    }
  }
  assert.ok(found > 30, `only ${found} audit calls found: the pattern no longer matches how the server audits`);
  assert.deepEqual([...new Set(missing)], []);
});
