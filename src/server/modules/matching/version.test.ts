import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, notAVersion, parseVersion, type ParsedVersion } from './version.ts';

/** Asserts that every version sorts before every later one in the list, and equals itself. */
function assertAscending(versions: string[]): void {
  for (const [i, left] of versions.entries()) {
    for (const [j, right] of versions.entries()) {
      const expected = i < j ? -1 : i > j ? 1 : 0;
      assert.equal(Math.sign(compareVersions(left, right) ?? Number.NaN), expected, `${left} vs ${right}`);
    }
  }
}

function parsed(text: string): ParsedVersion {
  const result = parseVersion(text);
  assert.ok(!result.unparsable, `${text}: ${result.unparsable ? result.reason : ''}`);
  return result;
}

const number = (value: number) => ({ kind: 'number' as const, value: BigInt(value) });
const letters = (value: string) => ({ kind: 'letters' as const, value });

describe('parseVersion', () => {
  it('reads the release part and the qualifier sections of Siemens-style versions', () => {
    assert.deepEqual(parsed('V5.2 SP3 HF15'), {
      unparsable: false,
      text: 'V5.2 SP3 HF15',
      release: [number(5), number(2)],
      qualifiers: [{ kind: 'service-pack', word: 'sp', parts: [number(3)] }, { kind: 'hotfix', word: 'hf', parts: [number(15)] }],
      metadata: null,
    });
    assert.deepEqual(parsed('V7.5 SP2 Update 12').qualifiers.map((section) => section.kind), ['service-pack', 'update']);
    assert.deepEqual(parsed('V16 Update 4').release, [number(16)]);
    assert.deepEqual(parsed('v5.2 service pack 3 hot fix 15').qualifiers.map((section) => section.kind), ['service-pack', 'hotfix']);
  });

  it('drops decoration: V and R prefixes, leading words, R between numbers, build metadata', () => {
    assert.deepEqual(parsed('V2.9.4').release, [number(2), number(9), number(4)]);
    assert.deepEqual(parsed('R2024.1').release, [number(2024), number(1)]);
    assert.deepEqual(parsed('2024 R1').release, [number(2024), number(1)]);
    assert.deepEqual(parsed('V22R2').release, [number(22), number(2)]);
    assert.deepEqual(parsed('Version 3.1').release, [number(3), number(1)]);
    assert.deepEqual(parsed('Rev. B').release, [letters('b')]);
    const withMetadata = parsed('1.0.0+20240101');
    assert.deepEqual(withMetadata.release, [number(1), number(0), number(0)]);
    assert.equal(withMetadata.metadata, '20240101');
  });

  it('reads numbers without leading zeros and beyond 2^53, letters in lowercase', () => {
    assert.deepEqual(parsed('01.02.03').release, [number(1), number(2), number(3)]);
    assert.deepEqual(parsed('V3.0.1.2').release, [number(3), number(0), number(1), number(2)]);
    assert.deepEqual(parsed('4.0C').release, [number(4), number(0), letters('c')]);
    assert.deepEqual(parsed('15.2(4)E7').release, [number(15), number(2), number(4), letters('e'), number(7)]);
    assert.deepEqual(parsed('FH').release, [letters('fh')]);
    assert.equal(parsed('9007199254740993').release[0]!.value, 9007199254740993n);
  });

  it('reads pre-releases and build numbers as qualifiers', () => {
    assert.deepEqual(parsed('1.0-rc1').qualifiers, [{ kind: 'rc', word: 'rc', parts: [number(1)] }]);
    assert.deepEqual(parsed('1.0 beta').qualifiers, [{ kind: 'beta', word: 'beta', parts: [] }]);
    assert.deepEqual(parsed('2.1.0-build123').qualifiers, [{ kind: 'build', word: 'build', parts: [number(123)] }]);
  });

  it('reads a single u or p as update or patch only before a number', () => {
    assert.deepEqual(parsed('8u201').qualifiers.map((section) => section.kind), ['update']);
    assert.deepEqual(parsed('V3.1 P2').qualifiers.map((section) => section.kind), ['patch']);
    assert.deepEqual(parsed('9.1U').release, [number(9), number(1), letters('u')]);
  });

  it('reads a version that starts with a qualifier as one without a release part', () => {
    const servicePack = parsed('SP2');
    assert.deepEqual(servicePack.release, []);
    assert.deepEqual(servicePack.qualifiers, [{ kind: 'service-pack', word: 'sp', parts: [number(2)] }]);
  });

  it('refuses what is no version, with the reason', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['   ', /empty/],
      ['V2.x', /wildcard/],
      ['2.1.*', /unexpected character '\*'/],
      ['April 2021', /date/],
      ['13/04/2023 (April)', /date/],
      ['CVE-2021-44228', /CVE identifier/],
      ['only if used', /unknown word 'only'/],
      ['9.9 and 9.9', /the word 'and'/],
      ['UDP', /name, not a revision code/],
      ['a3b04b7bc4872a5a39e5', /commit hash/],
      ['1.0/2.0', /unexpected character '\/'/],
      ['...', /no digits or letters/],
    ];
    for (const [text, reason] of cases) {
      const result = parseVersion(text);
      assert.ok(result.unparsable, JSON.stringify(text));
      assert.match(result.reason, reason, JSON.stringify(text));
    }
  });

  it('names dates and CVE identifiers as other things than versions', () => {
    assert.match(notAVersion('<= production date December 2020') ?? '', /month/);
    assert.match(notAVersion('CVE-2019-10943') ?? '', /CVE/);
    assert.equal(notAVersion('V4.3 SP1'), null);
  });
});

describe('compareVersions', () => {
  it('orders service packs, hotfixes and updates after their release and before the next one', () => {
    assertAscending(['V4.3', 'V4.3 SP1', 'V4.3 SP2', 'V4.4']);
    assertAscending(['V5.2', 'V5.2 SP3', 'V5.2 SP3 HF1', 'V5.2 SP3 HF15', 'V5.2 SP4', 'V5.3']);
    assertAscending(['V7.5 SP2', 'V7.5 SP2 Update 1', 'V7.5 SP2 Update 12', 'V7.5 SP3']);
    assertAscending(['V16', 'V16 Update 4', 'V16 Update 10', 'V17']);
  });

  it('puts a hotfix of the base release before the next service pack', () => {
    assert.ok(compareVersions('V5.2 HF15', 'V5.2 SP1')! < 0);
    assert.ok(compareVersions('V5.2 SP1', 'V5.2 Update 9')! > 0);
  });

  it('orders pre-releases before their release: dev, alpha, beta, preview, rc', () => {
    assertAscending(['0.9', '1.0-dev', '1.0-alpha', '1.0-beta', '1.0-beta2', '1.0-preview', '1.0-rc1', '1.0-rc2', '1.0', '1.0.1']);
  });

  it('compares numeric components as numbers: V6.20 is newer than V6.3, V4.100 than V4.95', () => {
    assertAscending(['V6.3', 'V6.9', 'V6.20', 'V6.24', 'V7']);
    assertAscending(['V4.94', 'V4.95', 'V4.100']);
    assert.ok(compareVersions('9007199254740993', '9007199254740992')! > 0);
  });

  it('orders letter revisions after their absence and alphabetically', () => {
    assertAscending(['4.0', '4.0A', '4.0B', '4.0C', '4.1']);
    assertAscending(['15.2(4)E7', '15.2(4)E10', '15.2(5)E1']);
    assertAscending(['A', 'B', 'F']);
    assertAscending(['FB', 'FH', 'LF']);
    assertAscending(['V1.1', 'V1.1.B']);
  });

  it('orders year releases', () => {
    assertAscending(['2023 R2', '2024', '2024 R1', '2024 R2', 'R2024.3', '2025 R1']);
  });

  it('treats spellings of one version as equal', () => {
    const spellings = [
      ['V2.9.4', '2.9.4', 'v2.9.4', ' V2.9.4 ', 'Version 2.9.4'],
      ['V5.2 SP3 HF15', 'V5.2_SP3_HF15', 'V5.2SP3HF15', 'v5.2 service pack 3 hotfix 15', 'V5.2-SP3-HF15'],
      ['R2024.1', '2024 R1', '2024.1'],
      ['01.02.03', '1.2.3', '1.2.3.0'],
      ['V17 Update 6', 'V17Update6', 'V17 Upd 6', 'v17_update_6'],
      ['1.0.0+20240101', '1.0.0', '1.0.0+build.7'],
      ['4.0C', '4.0 C', '4.0.c'],
    ];
    for (const group of spellings) {
      for (const other of group) assert.equal(compareVersions(group[0]!, other), 0, `${group[0]} = ${other}`);
    }
  });

  it('compares build numbers with each other but not with their absence', () => {
    assertAscending(['2.1.0-build122', '2.1.0-build123', '2.1.1']);
    assert.equal(compareVersions('2.1.0-build123', '2.1.0'), null);
    assert.equal(compareVersions('4.0', '4.0 build 12'), null);
    assert.ok(compareVersions('4.0 build 12', '3.9')! > 0);
  });

  it('refuses to guess: letters against numbers, different letter lengths, sibling qualifiers, release against none', () => {
    const incomparable: [string, string][] = [
      ['A', '2.0'],
      ['FH', 'A'],
      ['1.1.B', '1.1.2'],
      ['15.2(4)E7', '15.2(4)EA7'],
      ['V16 Update 4', 'V16 HF2'],
      ['V7.1 SP1', 'V7.1 FP1'],
      ['SP2', '5.2'],
      ['1.0 beta', '1.0 build 3'],
      ['V2.x', 'V2.0'],
      ['', '1.0'],
    ];
    for (const [a, b] of incomparable) {
      assert.equal(compareVersions(a, b), null, `${a} vs ${b}`);
      assert.equal(compareVersions(b, a), null, `${b} vs ${a}`);
    }
  });

  it('is antisymmetric over a mixed set of versions', () => {
    const versions = ['V4.3', 'V4.3 SP1', '1.0-rc1', '1.0', 'FH', 'A', '2.1.0-build123', '2024 R1', 'V5.2 HF15', 'V5.2 SP1', '4.0C', 'SP2', '15.2(4)E7'];
    for (const a of versions) {
      for (const b of versions) {
        const forward = compareVersions(a, b);
        const backward = compareVersions(b, a);
        if (forward === null) assert.equal(backward, null, `${a} vs ${b}`);
        else assert.equal(Math.sign(forward) + Math.sign(backward!), 0, `${a} vs ${b}`);
      }
    }
  });

  it('accepts parsed versions as well as texts', () => {
    assert.equal(compareVersions(parsed('V4.3 SP1'), 'V4.3 SP2'), -1);
  });
});
