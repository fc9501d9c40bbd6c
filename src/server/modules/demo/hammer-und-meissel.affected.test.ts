import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { affected, notAffected, type AdvisoryFixtureEntry } from './hammer-und-meissel.affected.ts';
import { hammerUndMeissel } from './hammer-und-meissel.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

// Checks every entry of the demo plant's advisory fixture against the real CSAF document in the
// corpus: the tracking id, the product in the product tree (vendor and product named on its branch
// path), the product listed as affected for each named CVE, and the installed version inside (or,
// for `notAffected`, outside) the branch's version or range as the advisory writes it.

const corpus = path.join(corpusDir, 'cisa-csaf');
const corpusMissing = existsSync(corpus) ? false : `corpus folder ${corpus} is missing (CI has it): advisory fixture not checked`;

interface Branch {
  category: string;
  name: string;
  product?: { product_id: string; name: string };
  branches?: Branch[];
}

interface CsafDocument {
  document: { tracking: { id: string } };
  product_tree: { branches?: Branch[] };
  vulnerabilities?: { cve?: string; product_status?: Record<string, string[] | undefined> }[];
}

/** The branches from the root down to the product with `productId`, or null. */
function branchPath(branches: readonly Branch[], productId: string): Branch[] | null {
  for (const branch of branches) {
    if (branch.product?.product_id === productId) return [branch];
    const below = branchPath(branch.branches ?? [], productId);
    if (below) return [branch, ...below];
  }
  return null;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** A product name without its parenthesised notes and a trailing "family" / "series". */
const productCore = (name: string): string => fold(name.replace(/\([^)]*\)/g, ' ')).replace(/\b(family|series)$/u, '').trim();

/** Version tokens: numbers as numbers, words lower-cased; a "V" before a digit is dropped. */
function versionTokens(version: string): (number | string)[] {
  return (fold(version).replace(/\bv(?=\d)/g, '').match(/[a-z]+|\d+/g) ?? []).map((token) => (/^\d+$/.test(token) ? Number(token) : token));
}

/** Compares two versions token by token; a version with more tokens is the later one. */
function compareVersions(a: string, b: string): number {
  const left = versionTokens(a);
  const right = versionTokens(b);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const x = left[index];
    const y = right[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    assert.ok(typeof x === typeof y, `cannot compare version tokens ${String(x)} and ${String(y)} (${a} vs ${b})`);
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** True when `version` lies in the branch as written: an exact product_version or a range. */
function versionMatches(branch: Branch, version: string): boolean {
  if (branch.category === 'product_version') {
    // Exactly the version, or the version followed by prose ("340590 07 SP5 Running HEROS …").
    if (branch.name === version) return true;
    const rest = branch.name.startsWith(`${version} `) ? branch.name.slice(version.length + 1) : null;
    return rest !== null && /^[A-Za-z]+(\s|$)/.test(rest);
  }
  assert.equal(branch.category, 'product_version_range', `unexpected branch category ${branch.category}`);
  // A trailing remark such as "(only affected by CVE-2019-10943)" is no part of the range.
  const range = branch.name.replace(/^vers:[a-z]+\//, '').replace(/\s*\([^)]*\)\s*$/, '');
  if (range === '*') return true;
  const upTo = /^>(\S+?)_up_to_and_including_(\S+)$/.exec(range);
  if (upTo) return compareVersions(version, upTo[1]!) > 0 && compareVersions(version, upTo[2]!) <= 0;
  return range.split('|').every((constraint) => {
    const parsed = /^\s*(<=|>=|<|>|=)?\s*(.+?)\s*$/.exec(constraint);
    assert.ok(parsed, `unparsed range constraint "${constraint}"`);
    const order = compareVersions(version, parsed[2]!);
    switch (parsed[1]) {
      case '<': return order < 0;
      case '<=': return order <= 0;
      case '>': return order > 0;
      case '>=': return order >= 0;
      default: return order === 0;
    }
  });
}

function check(entry: AdvisoryFixtureEntry, expectAffected: boolean): void {
  const file = path.join(corpus, entry.advisory);
  assert.ok(existsSync(file), `${entry.machine_id}: ${entry.advisory} exists in the corpus`);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as CsafDocument;
  assert.equal(doc.document.tracking.id, entry.tracking_id, `${entry.advisory}: tracking id`);

  const trail = branchPath(doc.product_tree.branches ?? [], entry.product_id);
  assert.ok(trail, `${entry.tracking_id}: ${entry.product_id} is in the product tree`);
  const shown = trail.map((branch) => `${branch.category}=${branch.name}`).join(' > ');
  const vendor = trail.find((branch) => branch.category === 'vendor');
  const product = trail.find((branch) => branch.category === 'product_name');
  assert.ok(vendor && product, `${shown}: has a vendor and a product_name branch`);
  const wantVendor = fold(entry.component.vendor);
  assert.ok(fold(vendor.name).includes(wantVendor) || wantVendor.includes(fold(vendor.name)), `${shown}: names vendor ${entry.component.vendor}`);
  const wantName = fold(entry.component.name);
  const core = productCore(product.name);
  assert.ok(fold(product.name).includes(wantName) || wantName.includes(core), `${shown}: names product ${entry.component.name}`);

  for (const cve of entry.cves) {
    const vulnerability = doc.vulnerabilities?.find((candidate) => candidate.cve === cve);
    assert.ok(vulnerability, `${entry.tracking_id}: has ${cve}`);
    const listed = ['known_affected', 'first_affected'].some((status) => vulnerability.product_status?.[status]?.includes(entry.product_id));
    assert.ok(listed, `${entry.tracking_id} ${cve}: ${entry.product_id} is known_affected or first_affected`);
  }

  const leaf = trail.at(-1)!;
  assert.equal(versionMatches(leaf, entry.component.version), expectAffected, `${entry.machine_id} ${entry.component.name} ${entry.component.version} ${expectAffected ? 'inside' : 'outside'} ${shown}`);
}

describe('the version check itself', () => {
  const range = (name: string): Branch => ({ category: 'product_version_range', name });
  it('reads the range forms the fixture relies on', () => {
    assert.ok(versionMatches(range('vers:all/<V6.24'), 'V6.20'));
    assert.ok(!versionMatches(range('vers:all/<V6.24'), 'V6.24'));
    assert.ok(versionMatches(range('<V4.94'), 'V4.93'));
    assert.ok(!versionMatches(range('<V4.8.6'), 'V4.93'));
    assert.ok(!versionMatches(range('<V4.95'), 'V4.95 SP1'));
    assert.ok(versionMatches(range('< 2.07.2'), '2.05.3'));
    assert.ok(!versionMatches(range('<V17_Update_5'), 'V17 Update 5'));
    assert.ok(versionMatches(range('<V17_Update_5'), 'V17 Update 4'));
    assert.ok(versionMatches(range('>= 4.4.0 (only affected by CVE-2019-10943)'), 'V4.4.0'));
    assert.ok(!versionMatches(range('>= 4.4.0 (only affected by CVE-2019-10943)'), 'V4.3'));
    assert.ok(versionMatches(range('>FW16_up_to_and_including_FW26'), 'FW26'));
    assert.ok(!versionMatches(range('>FW16_up_to_and_including_FW26'), 'FW27'));
    assert.ok(!versionMatches(range('>FW16_up_to_and_including_FW26'), 'FW16'));
    assert.ok(versionMatches({ category: 'product_version', name: '340590 07 SP5 Running HEROS 5.08.3' }, '340590 07 SP5'));
    assert.ok(!versionMatches({ category: 'product_version', name: '340590 07 SP5 Running HEROS 5.08.3' }, '340590 07'));
  });
});

describe('Hammer und Meißel advisory fixture', () => {
  it('names components the demo plant really has, with the same vendor and version', () => {
    for (const entry of [...affected, ...notAffected]) {
      const machine = hammerUndMeissel.machines.find((candidate) => candidate.machine_id === entry.machine_id);
      assert.ok(machine, `${entry.machine_id} is a demo machine`);
      const component = machine.components.find((candidate) => candidate.name === entry.component.name);
      assert.ok(component, `${entry.machine_id} has ${entry.component.name}`);
      assert.equal(component.vendor, entry.component.vendor, `${entry.machine_id} ${entry.component.name}: vendor`);
      assert.equal(component.component_version, entry.component.version, `${entry.machine_id} ${entry.component.name}: version`);
    }
  });

  it('affects at least 8 machines, none of them also listed as not affected by the same advisory product', () => {
    const machines = new Set(affected.map((entry) => entry.machine_id));
    assert.ok(machines.size >= 8, `${machines.size} affected machines`);
    for (const entry of notAffected) {
      assert.ok(!affected.some((other) => other.machine_id === entry.machine_id && other.advisory === entry.advisory && other.product_id === entry.product_id), `${entry.machine_id} ${entry.tracking_id}`);
    }
  });

  it('matches every affected entry against its real advisory', { skip: corpusMissing }, () => {
    for (const entry of affected) check(entry, true);
  });

  it('finds every not-affected entry outside the advisory range it names', { skip: corpusMissing }, () => {
    for (const entry of notAffected) check(entry, false);
  });
});
