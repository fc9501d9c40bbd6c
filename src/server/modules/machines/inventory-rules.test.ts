import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCpe23, isPurl, normaliseMac } from './inventory-rules.ts';

describe('inventory rules', () => {
  it('normalises MAC addresses to lower-case colon form', () => {
    assert.equal(normaliseMac('00:1B:1B:AA:BB:CC'), '00:1b:1b:aa:bb:cc');
    assert.equal(normaliseMac('00-1b-1b-aa-bb-cc'), '00:1b:1b:aa:bb:cc');
    assert.equal(normaliseMac('001b.1baa.bbcc'), '00:1b:1b:aa:bb:cc');
    assert.equal(normaliseMac(' 001B1BAABBCC '), '00:1b:1b:aa:bb:cc');
    for (const mac of ['00:1b:1b:aa:bb', '00:1b-1b:aa:bb:cc', '00:1b:1b:aa:bb:cg', '001b1baabbcc00', '']) assert.equal(normaliseMac(mac), null, mac);
  });

  it('accepts CPE 2.3 formatted strings with wildcards and escapes', () => {
    for (const cpe of [
      'cpe:2.3:o:siemens:simatic_s7-1500_firmware:2.9.4:*:*:*:*:*:*:*',
      'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*',
      'cpe:2.3:h:phoenixcontact:axc_f_2152:-:*:*:*:*:*:*:*',
      'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*',
      'cpe:2.3:a:foo\\:bar:baz\\\\qux:1.0:*:*:de-de:*:*:*:*',
      'cpe:2.3:a:vendor:prod*:1.?:*:*:en:*:*:*:*',
    ]) assert.equal(isCpe23(cpe), true, cpe);
  });

  it('refuses CPE strings with the wrong prefix, part, count or characters', () => {
    for (const cpe of [
      'cpe:/o:siemens:simatic_s7-1500_firmware:2.9.4',
      'cpe:2.2:o:siemens:x:1:*:*:*:*:*:*:*',
      'cpe:2.3:x:siemens:x:1:*:*:*:*:*:*:*',
      'cpe:2.3:o:siemens:x:1:*:*:*:*:*:*',
      'cpe:2.3:o:siemens:x:1:*:*:*:*:*:*:*:*',
      'cpe:2.3:o:siemens:x y:1:*:*:*:*:*:*:*',
      'cpe:2.3:o:siemens::1:*:*:*:*:*:*:*',
      'cpe:2.3:o:siemens:x:1:*:*:english:*:*:*:*',
      'cpe:2.3:o:siemens:x\\:1:*:*:*:*:*:*:*',
      'cpe:2.3:o:sie*mens:x:1:*:*:*:*:*:*:*',
    ]) assert.equal(isCpe23(cpe), false, cpe);
  });

  it('accepts package URLs that packageurl-js parses, without whitespace', () => {
    for (const purl of ['pkg:npm/%40angular/core@17.0.0', 'pkg:pypi/django@1.11.1', 'pkg:generic/openssl@3.0.7?download_url=https://x', 'pkg:maven/org.apache/log4j-core@2.17.1'])
      assert.equal(isPurl(purl), true, purl);
    for (const purl of ['npm/left-pad', 'pkg:', 'pkg:npm', 'pkg:npm/', 'pkg:1npm/x', 'pkg:npm/left pad']) assert.equal(isPurl(purl), false, purl);
  });
});
