import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostAddress, isHostName, normaliseHost } from './host.ts';

describe('hosts', () => {
  it('keeps host names as entered and writes addresses canonically', () => {
    assert.equal(normaliseHost(' broker.werk1.local '), 'broker.werk1.local');
    assert.equal(normaliseHost('MQTT-01'), 'MQTT-01');
    assert.equal(normaliseHost('opc_ua.plant.example.'), 'opc_ua.plant.example');
    assert.equal(normaliseHost('10.20.0.5'), '10.20.0.5');
    assert.equal(normaliseHost('2001:DB8:0::5'), '2001:db8::5');
  });

  it('refuses what is neither a host name nor an address', () => {
    for (const text of ['', ' ', 'broker local', 'http://broker', 'broker:1883', '-broker', 'broker-', 'a..b', '10.0.0.300', '999', '[::1]', 'fe80::1%eth0', `${'a'.repeat(64)}.local`, `${'a.'.repeat(127)}ab`]) {
      assert.equal(normaliseHost(text), null, text);
    }
    assert.equal(isHostName('x'.repeat(63)), true);
  });

  it('names the address of a host written as an IP', () => {
    assert.equal(hostAddress('10.20.0.5'), '10.20.0.5');
    assert.equal(hostAddress('2001:db8:0:0::5'), '2001:db8::5');
    assert.equal(hostAddress('broker.local'), null);
  });
});
