import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPortList, normalisePorts, parsePortList } from './ports.ts';

describe('port lists', () => {
  it('parses single ports, lists and ranges', () => {
    assert.deepEqual(parsePortList('443'), [{ from: 443, to: 443 }]);
    assert.deepEqual(parsePortList('102, 502'), [{ from: 102, to: 102 }, { from: 502, to: 502 }]);
    assert.deepEqual(parsePortList('49152-65535'), [{ from: 49152, to: 65535 }]);
    assert.deepEqual(parsePortList('1'), [{ from: 1, to: 1 }]);
  });

  it('normalises spacing, separators and dashes, keeping the order', () => {
    assert.equal(normalisePorts(' 102 ,502;4840 '), '102, 502, 4840');
    assert.equal(normalisePorts('49152 - 65535'), '49152-65535');
    assert.equal(normalisePorts('20–21, 80'), '20-21, 80');
    assert.equal(normalisePorts('500-500'), '500');
    assert.equal(formatPortList([{ from: 80, to: 80 }, { from: 8000, to: 8080 }]), '80, 8000-8080');
  });

  it('refuses ports outside 1–65535, backward ranges, empty entries and words', () => {
    for (const text of ['', ' ', '0', '65536', '443,', ',443', '102,,502', '600-500', '1-70000', 'https', '443/tcp', '-5', '1e3', '4 43', '99999999']) {
      assert.equal(parsePortList(text), null, text);
      assert.equal(normalisePorts(text), null, text);
    }
  });
});
