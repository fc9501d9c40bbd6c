import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareIps, countFlags, duplicateAddresses, flagEntries, isOutsideCidr, type RegisterEntryFacts } from './ip-register.ts';

const entry = (ip: string, fields: Partial<RegisterEntryFacts> = {}): RegisterEntryFacts => ({
  ip, site_id: 's1', site_key: 'WERK1', segment_key: 'ZELLE-1', cidr: '10.20.0.0/24', label: ip, ...fields,
});

describe('IP register rules', () => {
  it('orders addresses numerically, IPv4 before IPv6', () => {
    const sorted = ['10.20.0.10', '2001:db8::2', '10.20.0.9', '10.3.0.1', '2001:db8::10', '9.255.255.255'].sort(compareIps);
    assert.deepEqual(sorted, ['9.255.255.255', '10.3.0.1', '10.20.0.9', '10.20.0.10', '2001:db8::2', '2001:db8::10']);
    assert.equal(compareIps('10.0.0.1', '10.0.0.1'), 0);
  });

  it('finds an address twice in the same site, not across sites', () => {
    const duplicates = duplicateAddresses([
      entry('10.20.0.5'), entry('10.20.0.5', { segment_key: 'ZELLE-2' }), entry('10.20.0.6'), entry('10.20.0.6', { site_id: 's2', site_key: 'WERK2' }),
    ]);
    assert.deepEqual([...duplicates], ['s1 10.20.0.5']);
  });

  it('flags an address outside its segment network; no segment, no network or another family is no flag', () => {
    assert.equal(isOutsideCidr(entry('10.20.1.5')), true);
    assert.equal(isOutsideCidr(entry('10.20.0.5')), false);
    assert.equal(isOutsideCidr(entry('10.20.1.5', { cidr: null })), false);
    assert.equal(isOutsideCidr(entry('2001:db8::1')), false);
    assert.equal(isOutsideCidr(entry('2001:db9::1', { cidr: '2001:db8::/64' })), true);
    assert.equal(isOutsideCidr(entry('2001:db8::1', { cidr: '2001:db8::/64' })), false);
  });

  it('sorts by site, segment (none last), address and flags every entry; counts per flag', () => {
    const flagged = flagEntries([
      entry('10.20.0.20', { label: 'M-2' }),
      entry('10.20.9.1', { label: 'M-3' }),
      entry('10.20.0.20', { segment_key: null, cidr: null, label: 'M-4' }),
      entry('10.20.0.3', { segment_key: 'ALPHA', cidr: null, label: 'B-1' }),
      entry('192.168.0.1', { site_id: 's0', site_key: 'ALTWERK', label: 'M-0' }),
    ]);
    assert.deepEqual(
      flagged.map((item) => [item.site_key, item.segment_key, item.ip, item.flags]),
      [
        ['ALTWERK', 'ZELLE-1', '192.168.0.1', ['outside_cidr']],
        ['WERK1', 'ALPHA', '10.20.0.3', []],
        ['WERK1', 'ZELLE-1', '10.20.0.20', ['duplicate']],
        ['WERK1', 'ZELLE-1', '10.20.9.1', ['outside_cidr']],
        ['WERK1', null, '10.20.0.20', ['duplicate']],
      ],
    );
    assert.deepEqual(countFlags(flagged), { duplicate: 2, outside_cidr: 2 });
    assert.deepEqual(countFlags([]), { duplicate: 0, outside_cidr: 0 });
  });
});
