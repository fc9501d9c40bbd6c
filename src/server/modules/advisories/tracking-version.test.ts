import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareTrackingVersions, parseTrackingVersion } from './tracking-version.ts';

describe('CSAF tracking versions', () => {
  it('parses integer and semantic versions and refuses everything else', () => {
    assert.deepEqual(parseTrackingVersion('12'), { kind: 'integer', major: 12n, minor: 0n, patch: 0n, preRelease: [], build: null });
    assert.deepEqual(parseTrackingVersion('1.2.3-rc.1+build.7'), { kind: 'semantic', major: 1n, minor: 2n, patch: 3n, preRelease: ['rc', '1'], build: 'build.7' });
    for (const text of ['', '01', '1.0', 'v1', '1.0.0.0', '1.02.0', '1.0.0-', '1.0.0-01', ' 1', '1 ', '-1', '1.0.0+']) {
      assert.equal(parseTrackingVersion(text), null, JSON.stringify(text));
    }
  });

  it('orders integer versions numerically, not as text, even beyond 2^53', () => {
    assert.equal(compareTrackingVersions('2', '10'), -1);
    assert.equal(compareTrackingVersions('10', '9'), 1);
    assert.equal(compareTrackingVersions('7', '7'), 0);
    assert.equal(compareTrackingVersions('9007199254740993', '9007199254740992'), 1);
  });

  it('orders semantic versions by precedence: numbers, then pre-release, build metadata ignored', () => {
    const ascending = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0'];
    for (let i = 0; i < ascending.length; i += 1) {
      for (let j = 0; j < ascending.length; j += 1) {
        const expected = i < j ? -1 : i > j ? 1 : 0;
        assert.equal(compareTrackingVersions(ascending[i]!, ascending[j]!), expected, `${ascending[i]} vs ${ascending[j]}`);
      }
    }
    assert.equal(compareTrackingVersions('1.0.0+build.1', '1.0.0+build.2'), 0);
    assert.equal(compareTrackingVersions('1.0.0+x', '1.0.0'), 0);
  });

  it('compares an integer version like N.0.0 against a semantic one', () => {
    assert.equal(compareTrackingVersions('2', '2.0.0'), 0);
    assert.equal(compareTrackingVersions('2', '1.9.9'), 1);
    assert.equal(compareTrackingVersions('1', '1.0.1'), -1);
    assert.equal(compareTrackingVersions('1', '1.0.0-rc.1'), 1);
  });

  it('puts invalid text before every valid version and keeps the order total', () => {
    assert.equal(compareTrackingVersions('draft', '0'), -1);
    assert.equal(compareTrackingVersions('0', 'draft'), 1);
    assert.equal(compareTrackingVersions('a', 'b'), -1);
    assert.equal(compareTrackingVersions('b', 'b'), 0);
  });
});
