import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityFacts, matchIdentityOf, type IdentitySource } from './match-identity.ts';

const s7: IdentitySource = {
  vendor: 'Siemens AG',
  name: 'SIMATIC S7-1500 CPU 1516-3 PN/DP',
  component_version: 'V2.9.4',
  model_number: '6ES7516-3AN02-0AB0',
  cpe: null,
  purl: null,
};

describe('matchIdentityOf', () => {
  it('gives equal facts the same fingerprint, whoever built the machine', () => {
    assert.equal(matchIdentityOf(s7, 'Maschinenbau Huber GmbH').fingerprint, matchIdentityOf({ ...s7 }, 'Other Builder KG').fingerprint);
    assert.equal(matchIdentityOf(s7, 'Maschinenbau Huber GmbH').facts.machine_vendor, null);
  });

  it('tells apart every fact the judge reads', () => {
    const base = matchIdentityOf(s7, null).fingerprint;
    for (const change of [
      { vendor: 'Siemens' }, { name: 'SIMATIC S7-1500 CPU 1515-2 PN' }, { component_version: 'V2.9.7' }, { component_version: null },
      { model_number: '6ES7516-3AN01-0AB0' }, { cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*' }, { purl: 'pkg:generic/siemens/s7@2.9.4' },
    ] satisfies Partial<IdentitySource>[]) {
      assert.notEqual(matchIdentityOf({ ...s7, ...change }, null).fingerprint, base, JSON.stringify(change));
    }
  });

  it('does not confuse a missing value with a text that reads the same', () => {
    assert.notEqual(matchIdentityOf({ ...s7, model_number: null }, null).fingerprint, matchIdentityOf({ ...s7, model_number: 'null' }, null).fingerprint);
  });

  it('keeps the machine builder of a component without vendor, whose keys it is found under', () => {
    const hmi = { ...s7, vendor: null, name: 'Bedienpanel' };
    const huber = matchIdentityOf(hmi, 'Maschinenbau Huber GmbH');
    assert.equal(huber.facts.machine_vendor, 'Maschinenbau Huber GmbH');
    assert.notEqual(huber.fingerprint, matchIdentityOf(hmi, 'Other Builder KG').fingerprint);
    assert.ok(huber.keys.some((key) => key.includes('huber')), huber.keys.join());
  });

  it('looks a component up under its vendor keys and those of related companies', () => {
    const keys = matchIdentityOf(s7, null).keys;
    assert.equal(keys[0], 'siemens');
    assert.ok(keys.includes('siemensenergy'), keys.join());
  });
});

describe('identityFacts', () => {
  it('hands the judge the identity with one machine\'s serial number', () => {
    assert.deepEqual(identityFacts(matchIdentityOf(s7, null).facts, 'S-1234'), {
      vendor: 'Siemens AG', name: s7.name, version: 'V2.9.4', model_number: '6ES7516-3AN02-0AB0', cpe: null, purl: null, serial_number: 'S-1234',
    });
  });
});
