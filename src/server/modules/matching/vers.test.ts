import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions } from './version.ts';
import { formatVers, parseVers, versContains, versMeaning, type VersRange } from './vers.ts';

function parsed(text: string): VersRange {
  const result = parseVers(text);
  assert.ok(!result.unparsable, `${text}: ${result.unparsable ? result.reason : ''}`);
  return result;
}

const contains = (text: string, version: string): boolean | null => versContains(parsed(text), version, compareVersions);

describe('parseVers', () => {
  it('reads the specification example: scheme, an equality and two bounds, no issues', () => {
    assert.deepEqual(parsed('vers:npm/1.2.3|>=2.0.0|<5.0.0'), {
      unparsable: false,
      scheme: 'npm',
      star: false,
      constraints: [
        { comparator: '=', version: '1.2.3' },
        { comparator: '>=', version: '2.0.0' },
        { comparator: '<', version: '5.0.0' },
      ],
      issues: [],
    });
    assert.deepEqual(parsed('vers:gem/>=2.2.0|!=2.2.1|<2.3.0').constraints.map((constraint) => constraint.comparator), ['>=', '!=', '<']);
  });

  it('reads the star alone as every version', () => {
    assert.deepEqual(parsed('vers:all/*'), { unparsable: false, scheme: 'all', star: true, constraints: [], issues: [] });
    assert.deepEqual(parsed('vers:none/*').star, true);
  });

  it('decodes percent-encoded versions and refuses malformed encodings', () => {
    assert.deepEqual(parsed('vers:generic/<1.0%7C2|>=0.5%3C').constraints, [
      { comparator: '<', version: '1.0|2' },
      { comparator: '>=', version: '0.5<' },
    ]);
    const malformed = parseVers('vers:generic/<1.0%zz');
    assert.ok(malformed.unparsable);
    assert.match(malformed.reason, /percent-encoding/);
  });

  it('refuses texts without a reading', () => {
    const cases: [string, RegExp][] = [
      ['npm/1.0', /vers:/],
      ['version:npm/1.0', /vers:/],
      ['vers:', /'\/'/],
      ['vers:npm', /'\/'/],
      ['vers:/1.0', /no versioning scheme/],
      ['vers:n p$m/1.0', /no versioning scheme/],
      ['vers:npm/', /no constraints/],
      ['vers:npm/ | |', /no constraints/],
      ['vers:npm/>=', /no version/],
      ['vers:npm/1.0|<', /no version/],
    ];
    for (const [text, reason] of cases) {
      const result = parseVers(text);
      assert.ok(result.unparsable, text);
      assert.match(result.reason, reason, text);
    }
  });

  it('reads the Siemens forms of the corpus leniently and reports each deviation', () => {
    const siemens = parsed('vers:all/<V6.24');
    assert.deepEqual(siemens.constraints, [{ comparator: '<', version: 'V6.24' }]);
    assert.deepEqual(siemens.issues, ["the scheme 'all' allows only '*'; its constraints were read anyway"]);

    const runTogether = parsed('vers:all/>=V1.16.4<V1.17.3');
    assert.deepEqual(runTogether.constraints, [
      { comparator: '>=', version: 'V1.16.4' },
      { comparator: '<', version: 'V1.17.3' },
    ]);
    assert.ok(runTogether.issues.some((issue) => /2 constraints without '\|'/.test(issue)));

    const spaced = parsed('vers:all/<V17 Update 6');
    assert.deepEqual(spaced.constraints, [{ comparator: '<', version: 'V17Update6' }]);
    assert.ok(spaced.issues.includes('spaces are not significant and were removed'));
  });

  it('reports uppercase, stray pipes, a star among constraints, an explicit =, repetitions and unknown schemes', () => {
    const issuesOf = (text: string): string[] => parsed(text).issues;
    assert.deepEqual(issuesOf('VERS:NPM/1.0'), ["the URI scheme 'vers' must be lowercase", "the versioning scheme 'NPM' must be lowercase"]);
    assert.deepEqual(issuesOf('vers:npm/|>=1.0||<2.0|'), ["empty constraints (leading, trailing or doubled '|') were ignored"]);
    const starred = parsed('vers:npm/*|>=1.0');
    assert.equal(starred.star, true);
    assert.deepEqual(starred.issues, ["'*' must stand alone; the other constraints were ignored"]);
    assert.match(issuesOf('vers:npm/=1.0')[0]!, /explicit '='/);
    assert.deepEqual(parsed('vers:npm/<2.0|<2.0').constraints, [{ comparator: '<', version: '2.0' }]);
    assert.match(issuesOf('vers:npm/<2.0|<2.0')[0]!, /repeated/);
    assert.match(issuesOf('vers:acme/1.0')[0]!, /'acme' is not one the specification names/);
    assert.match(issuesOf('vers:npm/1.0*')[0]!, /must be percent-encoded/);
    assert.match(issuesOf('vers:npm/1.0ä')[0]!, /printable ASCII/);
  });
});

describe('formatVers', () => {
  it('writes the canonical form: lowercase, no spaces, no = sign, encoded separators', () => {
    assert.equal(formatVers(parsed('VERS:NPM/ >= 2.0.0 | < 5.0.0 | 1.2.3')), 'vers:npm/>=2.0.0|<5.0.0|1.2.3');
    assert.equal(formatVers(parsed('vers:generic/<1.0%7C2')), 'vers:generic/<1.0%7C2');
    assert.equal(formatVers(parsed('vers:all/*')), 'vers:all/*');
    assert.equal(formatVers({ scheme: 'vendor', star: false, constraints: [{ comparator: '<', version: 'V5.2 SP3 HF15' }] }), 'vers:vendor/<V5.2SP3HF15');
  });

  it('round-trips what it writes', () => {
    for (const text of ['vers:npm/1.2.3|>=2.0.0|<5.0.0', 'vers:generic/!=1.0%3E|>2', 'vers:none/*']) {
      assert.equal(formatVers(parsed(formatVers(parsed(text)))), formatVers(parsed(text)));
    }
  });
});

describe('versMeaning', () => {
  it('sorts constraints into intervals, equalities and exclusions', () => {
    const meaning = versMeaning(parsed('vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1'), compareVersions);
    assert.equal(meaning.intervals.length, 4);
    assert.deepEqual(meaning.intervals[0], { lower: { version: '1.0.0-beta1', inclusive: true }, upper: { version: '1.7.5', inclusive: true } });
    assert.deepEqual(meaning.issues, []);
    const mixed = versMeaning(parsed('vers:gem/>=2.2.0|!=2.2.1|<2.3.0|2.4'), compareVersions);
    assert.deepEqual(mixed.equal, ['2.4']);
    assert.deepEqual(mixed.unequal, ['2.2.1']);
  });

  it('reports unsorted constraints and duplicate versions', () => {
    assert.deepEqual(versMeaning(parsed('vers:all/<2.0|>=1.0'), compareVersions).issues, ['the constraints are not sorted by version']);
    assert.deepEqual(versMeaning(parsed('vers:all/>=V2.0|<2.0'), compareVersions).issues, ["the version '2.0' occurs in more than one constraint"]);
  });

  it('simplifies comparators out of turn as the specification does, reporting them', () => {
    const lowers = versMeaning(parsed('vers:all/>=1.0|>=2.4'), compareVersions);
    assert.deepEqual(lowers.intervals, [{ lower: { version: '1.0', inclusive: true }, upper: null }]);
    assert.match(lowers.issues[0]!, /'>=2.4' follows another lower bound/);
    const uppers = versMeaning(parsed('vers:all/<1.5|<2.3'), compareVersions);
    assert.deepEqual(uppers.intervals, [{ lower: null, upper: { version: '2.3', inclusive: false } }]);
    assert.match(uppers.issues[0]!, /'<2.3' follows another upper bound/);
    assert.match(versMeaning(parsed('vers:all/1.0|<2.0'), compareVersions).issues[0]!, /'=1.0' lies below '<2.0'/);
  });

  it('keeps the written order when two versions cannot be compared', () => {
    const meaning = versMeaning(parsed('vers:all/>=A|<2.0'), compareVersions);
    assert.match(meaning.issues[0]!, /cannot all be compared/);
    assert.deepEqual(meaning.intervals, [{ lower: { version: 'A', inclusive: true }, upper: { version: '2.0', inclusive: false } }]);
  });
});

describe('versContains', () => {
  it('reads a single upper bound, which the specification’s pairwise loop leaves without a pair', () => {
    assert.equal(contains('vers:all/<V6.24', 'V6.20'), true);
    assert.equal(contains('vers:all/<V6.24', 'V6.24'), false);
    assert.equal(contains('vers:all/<=V6.24', 'V6.24'), true);
    assert.equal(contains('vers:all/>V6.24', 'V6.24'), false);
    assert.equal(contains('vers:all/>=V6.24', 'V6.24.1'), true);
  });

  it('honours the ends of an interval', () => {
    assert.equal(contains('vers:all/>=2.0|<2.4', '1.9'), false);
    assert.equal(contains('vers:all/>=2.0|<2.4', '2.0'), true);
    assert.equal(contains('vers:all/>=2.0|<2.4', '2.3.9'), true);
    assert.equal(contains('vers:all/>=2.0|<2.4', '2.4'), false);
    assert.equal(contains('vers:all/>2.0|<=2.4', '2.0'), false);
    assert.equal(contains('vers:all/>2.0|<=2.4', '2.4'), true);
  });

  it('checks every branch of a multi-interval range', () => {
    const tomee = 'vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1';
    assert.equal(contains(tomee, '1.0.0-alpha'), false);
    assert.equal(contains(tomee, '1.7.5'), true);
    assert.equal(contains(tomee, '5.0'), false);
    assert.equal(contains(tomee, '7.0.8'), false);
    assert.equal(contains(tomee, '7.1.1'), true);
    assert.equal(contains(tomee, '8.0.2'), false);
  });

  it('applies equalities and exclusions', () => {
    assert.equal(contains('vers:gem/>=2.2.0|!=2.2.1|<2.3.0', '2.2.1'), false);
    assert.equal(contains('vers:gem/>=2.2.0|!=2.2.1|<2.3.0', '2.2.2'), true);
    assert.equal(contains('vers:pypi/0.0.1|1.0|2.0', '1.0.0'), true);
    assert.equal(contains('vers:pypi/0.0.1|1.0|2.0', '1.5'), false);
    assert.equal(contains('vers:all/!=1.0', '1.0'), false);
    assert.equal(contains('vers:all/!=1.0', '1.1'), false);
  });

  it('treats the star as every version, and none/* as no version', () => {
    assert.equal(contains('vers:all/*', 'anything at all'), true);
    assert.equal(contains('vers:none/*', '1.0'), false);
  });

  it('answers null when the answer hangs on a comparison that fails, and decides when another constraint settles it', () => {
    assert.equal(contains('vers:all/<V2.0', 'A'), null);
    assert.equal(contains('vers:all/>=2.0|<2.4', '2.1.0-build5'), true);
    assert.equal(contains('vers:all/<2.0|>=A', '1.0'), true);
    assert.equal(contains('vers:all/>=1.0|!=B', '1.5'), null);
    assert.equal(contains('vers:all/<1.0|!=B', '1.5'), false);
  });
});
