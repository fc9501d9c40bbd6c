import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrsOverlap, formatIp, ipInCidr, parseCidr, parseIp } from './cidr.ts';

describe('parseCidr', () => {
  it('keeps a normalised IPv4 network as it is', () => {
    assert.deepEqual(parseCidr('10.20.0.0/24'), { version: 4, network: 0x0a140000n, prefix: 24, text: '10.20.0.0/24' });
    assert.equal(parseCidr('0.0.0.0/0')?.text, '0.0.0.0/0');
    assert.equal(parseCidr('192.168.1.17/32')?.text, '192.168.1.17/32');
  });

  it('clears host bits and trims surrounding spaces', () => {
    assert.equal(parseCidr(' 10.20.0.7/24 ')?.text, '10.20.0.0/24');
    assert.equal(parseCidr('172.16.255.255/12')?.text, '172.16.0.0/12');
    assert.equal(parseCidr('255.255.255.255/1')?.text, '128.0.0.0/1');
  });

  it('writes IPv6 networks in the RFC 5952 form', () => {
    assert.equal(parseCidr('2001:DB8:0:0:0:0:0:1/64')?.text, '2001:db8::/64');
    assert.equal(parseCidr('2001:0db8:0000:0001:0000:0000:0000:0000/64')?.text, '2001:db8:0:1::/64');
    assert.equal(parseCidr('fe80::1/10')?.text, 'fe80::/10');
    assert.equal(parseCidr('::/0')?.text, '::/0');
    assert.equal(parseCidr('2001:db8:0:0:1:0:0:1/128')?.text, '2001:db8::1:0:0:1/128');
    assert.equal(parseCidr('::ffff:10.0.0.1/128')?.text, '::ffff:a00:1/128');
    assert.equal(parseCidr('1:0:1:0:1:0:1:0/128')?.text, '1:0:1:0:1:0:1:0/128');
  });

  it('rejects what is not a network', () => {
    for (const text of [
      '', '10.20.0.0', '10.20.0.0/', '/24', '10.20.0.0/33', '10.20.0.0/024', '10.20.0.0/-1', '10.20.0.0/2 4',
      '10.20.0/24', '010.20.0.0/24', '256.0.0.0/8', '10.20.0.0/24/1', '2001:db8::/129', 'fe80::1%eth0/64',
      '2001:db8:::1/64', '1:2:3:4:5:6:7:8:9/64', 'example.com/24', '10.0.0.0 /8', '10.0.0.0/8.0',
    ]) {
      assert.equal(parseCidr(text), null, text);
    }
  });
});

describe('parseIp and formatIp', () => {
  it('round-trips addresses of both families', () => {
    assert.deepEqual(parseIp('10.0.0.1'), { version: 4, value: 0x0a000001n });
    assert.equal(formatIp(parseIp('10.0.0.1')!), '10.0.0.1');
    assert.equal(formatIp(parseIp('2001:DB8::0001')!), '2001:db8::1');
    assert.equal(formatIp(parseIp('::')!), '::');
    assert.equal(parseIp('10.0.0.01'), null);
    assert.equal(parseIp('fe80::1%eth0'), null);
  });
});

describe('ipInCidr', () => {
  it('tells whether an address lies in a network', () => {
    assert.equal(ipInCidr('10.20.0.77', '10.20.0.0/24'), true);
    assert.equal(ipInCidr('10.20.1.1', '10.20.0.0/24'), false);
    assert.equal(ipInCidr('10.20.1.1', '0.0.0.0/0'), true);
    assert.equal(ipInCidr('2001:db8::42', '2001:db8::/64'), true);
    assert.equal(ipInCidr('2001:db9::42', '2001:db8::/64'), false);
  });

  it('is false across families and for unparsable input', () => {
    assert.equal(ipInCidr('10.20.0.1', '::/0'), false);
    assert.equal(ipInCidr('not-an-ip', '10.0.0.0/8'), false);
    assert.equal(ipInCidr('10.0.0.1', 'nonsense'), false);
  });
});

describe('cidrsOverlap', () => {
  it('is true when one IPv4 network contains the other, either way round, and for equal networks', () => {
    assert.equal(cidrsOverlap('10.20.0.0/16', '10.20.5.0/24'), true);
    assert.equal(cidrsOverlap('10.20.5.0/24', '10.20.0.0/16'), true);
    assert.equal(cidrsOverlap('10.20.0.0/24', '10.20.0.7/24'), true);
    assert.equal(cidrsOverlap('0.0.0.0/0', '192.168.1.1/32'), true);
    assert.equal(cidrsOverlap('10.20.0.128/25', '10.20.0.200/32'), true);
  });

  it('is false for IPv4 neighbours that touch but do not share an address', () => {
    assert.equal(cidrsOverlap('10.20.0.0/24', '10.20.1.0/24'), false);
    assert.equal(cidrsOverlap('10.20.0.0/25', '10.20.0.128/25'), false);
    assert.equal(cidrsOverlap('10.0.0.0/8', '11.0.0.0/8'), false);
    assert.equal(cidrsOverlap('10.20.0.127/32', '10.20.0.128/25'), false);
  });

  it('compares IPv6 networks the same way', () => {
    assert.equal(cidrsOverlap('2001:db8::/32', '2001:db8:1::/48'), true);
    assert.equal(cidrsOverlap('2001:db8:1::/48', '2001:DB8::/32'), true);
    assert.equal(cidrsOverlap('2001:db8::/64', '2001:db8:0:1::/64'), false);
    assert.equal(cidrsOverlap('::/0', 'fe80::1/128'), true);
  });

  it('never lets networks of different families or unparsable text overlap', () => {
    assert.equal(cidrsOverlap('0.0.0.0/0', '::/0'), false);
    assert.equal(cidrsOverlap('10.0.0.0/8', '::ffff:10.0.0.0/104'), false);
    assert.equal(cidrsOverlap('10.0.0.0/8', 'nonsense'), false);
    assert.equal(cidrsOverlap('', '10.0.0.0/8'), false);
  });
});
