import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  ANY,
  ATTRIBUTES,
  NA,
  bindFormattedString,
  bindUri,
  checkVersionRange,
  compareAttribute,
  compareNames,
  isDisjoint,
  isEqual,
  isSubset,
  isSuperset,
  parseCpe,
  wfnValueToText,
  type Attribute,
  type AttributeValue,
  type VersionComparator,
  type Wfn,
} from './cpe.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

/** A WFN with the given values and ANY elsewhere, as IR 7695 writes them (`wfn:[part="a",…]`). */
const wfn = (values: Partial<Record<Attribute, AttributeValue>>): Wfn =>
  Object.fromEntries(ATTRIBUTES.map((attribute) => [attribute, values[attribute] ?? ANY])) as Wfn;

/** A deterministic pseudo-random source (mulberry32): a whole number below the argument. */
function seededRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32) * below);
  };
}

function parsed(text: string): Wfn {
  const result = parseCpe(text);
  assert.ok(result.ok, `${text} should parse: ${result.ok ? '' : result.reason}`);
  return result.wfn;
}

function rejected(text: string): string {
  const result = parseCpe(text);
  assert.ok(!result.ok, `${text} should be rejected`);
  // The matcher shows the reason to people: one English sentence.
  assert.match(result.reason, /^[A-Z].*\.$/);
  return result.reason;
}

describe('formatted string binding (IR 7695 §6.2)', () => {
  it('unbinds the examples of §6.2.3 into WFNs', () => {
    assert.deepEqual(parsed('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'), wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.0\\.6001', update: 'beta' }));
    assert.deepEqual(parsed('cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*'), wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.*', update: 'sp?' }));
    assert.deepEqual(
      parsed('cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*'),
      wfn({ part: 'a', vendor: 'hp', product: 'insight_diagnostics', version: '7\\.4\\.0\\.1570', update: NA, sw_edition: 'online', target_sw: 'win2003', target_hw: 'x64' }),
    );
    assert.deepEqual(parsed('cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*'), wfn({ part: 'a', vendor: 'hp', product: 'openview_network_manager', version: '7\\.51', target_sw: 'linux' }));
    assert.deepEqual(
      parsed('cpe:2.3:a:foo\\\\bar:big\\$money_manager_2010:*:*:*:*:special:ipod_touch:80gb:*'),
      wfn({ part: 'a', vendor: 'foo\\\\bar', product: 'big\\$money_manager_2010', sw_edition: 'special', target_sw: 'ipod_touch', target_hw: '80gb' }),
    );
  });

  it('binds the WFNs of §6.2.2 into formatted strings', () => {
    assert.equal(bindFormattedString(wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.0\\.6001', update: 'beta' })), 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*');
    assert.equal(bindFormattedString(wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.*', update: 'sp?' })), 'cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*');
    assert.equal(
      bindFormattedString(wfn({ part: 'a', vendor: 'hp', product: 'insight', version: '7\\.4\\.0\\.1570', update: NA, sw_edition: 'online', target_sw: 'win2003', target_hw: 'x64' })),
      'cpe:2.3:a:hp:insight:7.4.0.1570:-:*:*:online:win2003:x64:*',
    );
    assert.equal(bindFormattedString(wfn({ part: 'a', vendor: 'hp', product: 'openview_network_manager', version: '7\\.51', target_sw: 'linux' })), 'cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*');
    assert.equal(
      bindFormattedString(wfn({ part: 'a', vendor: 'foo\\\\bar', product: 'big\\$money_2010', sw_edition: 'special', target_sw: 'ipod_touch', target_hw: '80gb' })),
      'cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*',
    );
  });

  it('tells ANY (*) from NA (-) and from text that merely contains those characters', () => {
    const name = parsed('cpe:2.3:a:vendor:product:-:*:-1:*:\\*:\\-:a-:*x');
    assert.equal(name.version, NA);
    assert.equal(name.update, ANY);
    assert.equal(name.edition, '\\-1');
    assert.equal(name.language, ANY);
    assert.equal(name.sw_edition, '\\*'); // a quoted asterisk is the character, not ANY
    assert.equal(name.target_sw, '\\-'); // a quoted lone hyphen is the character, not NA
    assert.equal(name.target_hw, 'a\\-');
    assert.equal(name.other, '*x');
    assert.equal(bindFormattedString(name), 'cpe:2.3:a:vendor:product:-:*:-1:*:\\*:\\-:a-:*x');
  });

  it('keeps quoted characters, including colons and backslashes, inside their value', () => {
    const name = parsed('cpe:2.3:a:foo\\:bar:big\\$money\\!:1\\\\2:*:*:*:*:*:*:*');
    assert.equal(name.vendor, 'foo\\:bar');
    assert.equal(name.product, 'big\\$money\\!');
    assert.equal(name.version, '1\\\\2');
    assert.equal(wfnValueToText(name.vendor as string), 'foo:bar');
    assert.equal(wfnValueToText(name.version as string), '1\\2');
    // `.`, `-` and `_` need no quoting in this binding; quoted they mean the same and bind unquoted.
    assert.deepEqual(parsed('cpe:2.3:a:a\\-b\\.c\\_d:x:*:*:*:*:*:*:*:*'), parsed('cpe:2.3:a:a-b.c_d:x:*:*:*:*:*:*:*:*'));
    assert.equal(bindFormattedString(parsed('cpe:2.3:a:a\\-b\\.c\\_d:x:*:*:*:*:*:*:*:*')), 'cpe:2.3:a:a-b.c_d:x:*:*:*:*:*:*:*:*');
  });

  it('accepts wildcards at the start and end of a value: one * or a run of ?', () => {
    for (const value of ['*soft', 'micro*', '*cros*', '?icrosoft', 'microsof?', '??crosoft', 'micros???', '*other????', '???0\\*', '?\\??', '?\\\\*']) {
      assert.equal(parsed(`cpe:2.3:a:${value}:x:*:*:*:*:*:*:*:*`).vendor, value, value);
    }
  });

  it('rejects wildcards inside a value, mixed at one end, or alone', () => {
    assert.match(rejected('cpe:2.3:a:foo:bar:12.*.1234:*:*:*:*:*:*:*'), /version value "12\.\*\.1234" has the wildcard "\*"/);
    assert.match(rejected('cpe:2.3:a:mi?soft:x:*:*:*:*:*:*:*:*'), /vendor value "mi\?soft" has the wildcard "\?"/);
    for (const value of ['*?x', 'x?*', '?*x']) assert.match(rejected(`cpe:2.3:a:${value}:x:*:*:*:*:*:*:*:*`), /has the wildcard/, value);
    for (const value of ['???', '**', '?*', '?']) assert.match(rejected(`cpe:2.3:a:${value}:x:*:*:*:*:*:*:*:*`), /consists only of wildcards/, value);
  });

  it('rejects a wrong number of components', () => {
    assert.equal(rejected('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*'), 'The formatted string "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*" has 10 components after "cpe:2.3:", but CPE 2.3 requires 11 (part to other).');
    assert.match(rejected('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*:*'), /has 12 components/);
    assert.match(rejected('cpe:2.3:a:microsoft'), /has 2 components/);
  });

  it('rejects unquoted punctuation, spaces, non-ASCII and control characters, quoted letters and a lone backslash', () => {
    assert.equal(rejected('cpe:2.3:a:foo@bar:x:*:*:*:*:*:*:*:*'), 'The vendor value "foo@bar" contains an unquoted "@"; in a formatted string it must be written as "\\@".');
    assert.match(rejected('cpe:2.3:a:foo:big$money:*:*:*:*:*:*:*:*'), /product value "big\$money" contains an unquoted "\$"/);
    assert.match(rejected('cpe:2.3:a:foo bar:x:*:*:*:*:*:*:*:*'), /contains a space; CPE names hold only printable ASCII/);
    assert.match(rejected('cpe:2.3:a:müller:x:*:*:*:*:*:*:*:*'), /contains the character U\+00FC/);
    assert.match(rejected('cpe:2.3:a:foo\tbar:x:*:*:*:*:*:*:*:*'), /contains the character U\+0009/);
    assert.match(rejected('cpe:2.3:a:foo\\ bar:x:*:*:*:*:*:*:*:*'), /contains a space/);
    assert.match(rejected('cpe:2.3:a:foo\\bar:x:*:*:*:*:*:*:*:*'), /quotes "b"; only punctuation characters may follow a backslash/);
    assert.match(rejected('cpe:2.3:a:foo:x:*:*:*:*:*:*:*:bar\\'), /other value "bar\\" ends with a lone backslash/);
    assert.match(rejected('cpe:2.3:a::x:*:*:*:*:*:*:*:*'), /vendor component is empty; a formatted string writes ANY as "\*" and NA as "-"/);
  });

  it('rejects a part other than a, o or h and a language that is no language tag', () => {
    assert.equal(rejected('cpe:2.3:x:foo:bar:*:*:*:*:*:*:*:*'), 'The part "x" must be "a" (application), "o" (operating system) or "h" (hardware).');
    assert.match(rejected('cpe:2.3:A:foo:bar:*:*:*:*:*:*:*:*'), /part "A"/);
    for (const language of ['en', 'ger', 'de-DE', 'es-419']) assert.equal(wfnValueToText(parsed(`cpe:2.3:a:foo:bar:*:*:*:${language}:*:*:*:*`).language as string), language);
    for (const language of ['english', 'e', 'en-', 'en-u', 'es-41', 'en-1234', 'e*', 'en\\_us']) assert.match(rejected(`cpe:2.3:a:foo:bar:*:*:*:${language}:*:*:*:*`), /is not a language tag/, language);
  });

  it('rejects text that is no CPE name at all', () => {
    for (const text of ['', 'microsoft internet explorer', 'cpe:2.2:a:microsoft', 'CPE:2.3:a:microsoft:ie:*:*:*:*:*:*:*:*', 'PREFIXcpe:/o:redhat:rhel_aus:7.6::server', 'cpe:a:microsoft']) {
      assert.match(rejected(text), /^The text ".*" is not a CPE name: it must start with "cpe:2\.3:" \(formatted string\) or "cpe:\/" \(URI\)\./, text);
    }
  });
});

describe('URI binding (IR 7695 §6.1)', () => {
  it('unbinds the examples of §6.1.3', () => {
    assert.deepEqual(parsed('cpe:/a:microsoft:internet_explorer:8.0.6001:beta'), wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.0\\.6001', update: 'beta' }));
    assert.deepEqual(parsed('cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f'), wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.\\*', update: 'sp\\?' }));
    assert.deepEqual(parsed('cpe:/a:microsoft:internet_explorer:8.%02:sp%01'), wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.*', update: 'sp?' }));
    assert.deepEqual(
      parsed('cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~'),
      wfn({ part: 'a', vendor: 'hp', product: 'insight_diagnostics', version: '7\\.4\\.0\\.1570', sw_edition: 'online', target_sw: 'win2003', target_hw: 'x64' }),
    );
    assert.deepEqual(parsed('cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~'), wfn({ part: 'a', vendor: 'hp', product: 'openview_network_manager', version: '7\\.51', update: NA, target_sw: 'linux' }));
    assert.equal(rejected('cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~'), 'The product value "big%24money_2010%07" contains "%07", which is not a percent-encoding the URI binding allows.');
    assert.deepEqual(parsed('cpe:/a:foo~bar:big%7emoney_2010'), wfn({ part: 'a', vendor: 'foo\\~bar', product: 'big\\~money_2010' }));
    assert.match(rejected('cpe:/a:foo:bar:12.%02.1234'), /version value "12\.%02\.1234" has the wildcard "\*"/);
  });

  it('binds the WFNs of §6.1.2 into URIs, packing the extended attributes into the edition', () => {
    assert.equal(bindUri(wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.0\\.6001', update: 'beta' })), 'cpe:/a:microsoft:internet_explorer:8.0.6001:beta');
    assert.equal(bindUri(wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.*', update: 'sp?' })), 'cpe:/a:microsoft:internet_explorer:8.%02:sp%01');
    assert.equal(
      bindUri(wfn({ part: 'a', vendor: 'hp', product: 'insight_diagnostics', version: '7\\.4\\.0\\.1570', update: NA, sw_edition: 'online', target_sw: 'win2003', target_hw: 'x64' })),
      'cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~',
    );
    assert.equal(bindUri(wfn({ part: 'a', vendor: 'hp', product: 'openview_network_manager', version: '7\\.51', target_sw: 'linux' })), 'cpe:/a:hp:openview_network_manager:7.51::~~~linux~~');
    assert.equal(
      bindUri(wfn({ part: 'a', vendor: 'foo\\\\bar', product: 'big\\$money_2010', sw_edition: 'special', target_sw: 'ipod_touch', target_hw: '80gb' })),
      'cpe:/a:foo%5cbar:big%24money_2010:::~~special~ipod_touch~80gb~',
    );
    // NA in an extended attribute is not ANY, so it is packed too; the tilde in a value is encoded.
    assert.equal(bindUri(wfn({ part: 'o', vendor: 'a\\~b', other: NA })), 'cpe:/o:a%7eb::::~~~~~-');
    assert.equal(bindUri(wfn({})), 'cpe:/');
  });

  it('folds letters to lower case and reads missing trailing components as ANY', () => {
    assert.deepEqual(parsed('cpe:/A:Microsoft:Internet_Explorer:8.%2A'), wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.\\*' }));
    assert.deepEqual(parsed('cpe:/'), wfn({}));
    assert.deepEqual(parsed('cpe:/o:redhat:rhel_aus:7.6::server'), wfn({ part: 'o', vendor: 'redhat', product: 'rhel_aus', version: '7\\.6', edition: 'server' }));
  });

  it('rejects too many components, a malformed packed edition and characters the binding encodes', () => {
    assert.equal(rejected('cpe:/o:redhat:rhel_aus:7.6::server::SUFFIX'), 'The URI "cpe:/o:redhat:rhel_aus:7.6::server::SUFFIX" has 8 components after "cpe:/", but at most 7 (part to language).');
    assert.match(rejected('cpe:/a:hp:insight:7.4::~~online~win2003'), /packed edition "~~online~win2003" must hold five values/);
    assert.match(rejected('cpe:/a:hp:insight:7.4::~a~b~c~d~e~f'), /packed edition/);
    assert.match(rejected('cpe:/a:big$money:x'), /vendor value "big\$money" contains "\$", which the URI binding writes percent-encoded/);
    assert.match(rejected('cpe:/a:microsoft:ie:8.*'), /contains "\*", which the URI binding writes percent-encoded/);
    assert.match(rejected('cpe:/a:foo bar'), /contains a space/);
    assert.match(rejected('cpe:/a:foo%2'), /contains "%2"/);
    assert.match(rejected('cpe:/x:foo'), /part "x"/);
    assert.match(rejected('cpe:/a:%02'), /consists only of wildcards/);
    assert.match(rejected('cpe:/a:foo:bar:*:*:english'), /contains "\*"/);
    assert.match(rejected('cpe:/a:foo:bar:1:2:3:english'), /language "english" is not a language tag/);
  });
});

describe('conversion between the bindings through the WFN (IR 7695 §7)', () => {
  const pairs = [
    ['cpe:/a:microsoft:internet_explorer:8.0.6001:beta', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'],
    ['cpe:/a:microsoft:internet_explorer:8.%02:sp%01', 'cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*'],
    ['cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~', 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*'],
    ['cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~', 'cpe:2.3:a:hp:openview_network_manager:7.51:-:*:*:*:linux:*:*'],
    ['cpe:/a:foo%5cbar:big%24money_2010:::~~special~ipod_touch~80gb~', 'cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*'],
    ['cpe:/a:foo%7ebar:big%7emoney_2010', 'cpe:2.3:a:foo\\~bar:big\\~money_2010:*:*:*:*:*:*:*:*'],
    ['cpe:/h:siemens:6es7516-3an01-0ab0:-', 'cpe:2.3:h:siemens:6es7516-3an01-0ab0:-:*:*:*:*:*:*:*'],
    ['cpe:/a:vendor:product:1.0:::de-de', 'cpe:2.3:a:vendor:product:1.0:*:*:de-de:*:*:*:*'],
  ] as const;

  it('turns each URI into its formatted string and back', () => {
    for (const [uri, formattedString] of pairs) {
      assert.equal(bindFormattedString(parsed(uri)), formattedString, uri);
      assert.equal(bindUri(parsed(formattedString)), uri, formattedString);
      assert.deepEqual(parsed(uri), parsed(formattedString), uri);
    }
  });

  it('round-trips generated names through both bindings', () => {
    const random = seededRandom(7695);
    const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;
    const letters = 'abcxyzABCXYZ0189_';
    const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~';
    const unit = (): string => (random(3) === 0 ? `\\${pick([...punctuation])}` : pick([...letters]));
    const ends = (): string => pick(['', '', '', '*', '?', '??']);
    const text = (): string => ends() + Array.from({ length: 1 + random(5) }, unit).join('') + ends();
    const value = (attribute: Attribute): AttributeValue => {
      const roll = random(10);
      if (roll < 3) return ANY;
      if (roll < 4) return NA;
      if (attribute === 'part') return pick(['a', 'o', 'h']);
      if (attribute === 'language') return pick(['en', 'ger', 'de\\-DE', 'es\\-419']);
      return roll === 4 ? '\\-' : text();
    };
    const lowerCased = (name: Wfn): Wfn => wfn(Object.fromEntries(ATTRIBUTES.map((attribute) => [attribute, typeof name[attribute] === 'string' ? name[attribute].toLowerCase() : name[attribute]])));
    for (let round = 0; round < 2000; round += 1) {
      const name = wfn(Object.fromEntries(ATTRIBUTES.map((attribute) => [attribute, value(attribute)])));
      const formattedString = bindFormattedString(name);
      assert.deepEqual(parsed(formattedString), name, formattedString);
      // The URI binding folds letters to lower case (§6.1.3).
      const uri = bindUri(name);
      assert.deepEqual(parsed(uri), lowerCased(name), uri);
    }
  });
});

describe('CPE names of OT vendors as NVD writes them', () => {
  const names = [
    'cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:*:*:*:*:*:*:*:*',
    'cpe:2.3:h:siemens:6es7516-3an01-0ab0:-:*:*:*:*:*:*:*',
    'cpe:2.3:o:siemens:simatic_s7-1500_cpu_1518-4_pn\\/dp_mfp_firmware:*:*:*:*:*:*:*:*',
    'cpe:2.3:h:siemens:simatic_et_200sp_open_controller_cpu_1515sp_pc2_\\(incl._siplus_variants\\):-:*:*:*:*:*:*:*',
    'cpe:2.3:a:siemens:totally_integrated_automation_portal:16:update4:*:*:*:*:*:*',
    'cpe:2.3:o:schneider-electric:modicon_m580_firmware:2.90:*:*:*:*:*:*:*',
    'cpe:2.3:o:rockwellautomation:controllogix_5580_firmware:33.011:*:*:*:*:*:*:*',
    'cpe:2.3:o:phoenixcontact:axc_f_2152_firmware:2022.0:*:*:*:lts:*:*:*',
    'cpe:2.3:o:wago:750-8202_firmware:*:*:*:*:*:*:*:*',
    'cpe:2.3:a:codesys:runtime_toolkit:*:*:*:*:*:*:*:*',
    'cpe:2.3:a:microsoft:visual_c\\+\\+:2005:sp1:*:*:*:*:*:*',
  ];

  it('parses each and binds it back unchanged', () => {
    for (const name of names) assert.equal(bindFormattedString(parsed(name)), name);
  });

  it('gives the product text without quoting', () => {
    assert.equal(wfnValueToText(parsed(names[2]!).product as string), 'simatic_s7-1500_cpu_1518-4_pn/dp_mfp_firmware');
    assert.equal(wfnValueToText(parsed(names[3]!).product as string), 'simatic_et_200sp_open_controller_cpu_1515sp_pc2_(incl._siplus_variants)');
    assert.equal(wfnValueToText(parsed(names[10]!).product as string), 'visual_c++');
    assert.equal(parsed(names[1]!).version, NA);
  });
});

describe('attribute comparison (IR 7696 §6.1, Table 6-2)', () => {
  // i: a text value without wildcards, k: another, m + wild cards: a value with wildcards.
  const rows: Array<[number, AttributeValue, AttributeValue, string]> = [
    [1, ANY, ANY, 'EQUAL'],
    [2, ANY, NA, 'SUPERSET'],
    [3, ANY, 'foo', 'SUPERSET'],
    [4, ANY, 'fo*', 'UNDEFINED'],
    [5, NA, ANY, 'SUBSET'],
    [6, NA, NA, 'EQUAL'],
    [7, NA, 'foo', 'DISJOINT'],
    [8, NA, 'fo*', 'UNDEFINED'],
    [9, 'foo', ANY, 'SUBSET'],
    [10, 'foo', NA, 'DISJOINT'],
    [11, 'foo', 'foo', 'EQUAL'],
    [12, 'foo', 'bar', 'DISJOINT'],
    [13, 'foo', '?oo', 'UNDEFINED'],
    [14, 'fo*', ANY, 'SUBSET'],
    [15, 'fo*', NA, 'DISJOINT'],
    [16, 'fo*', 'foo', 'SUPERSET'],
    [17, 'fo*', 'bar', 'DISJOINT'],
    [18, 'fo*', 'fo*', 'UNDEFINED'],
  ];

  it('gives the relation of every row of the table', () => {
    for (const [row, source, target, relation] of rows) assert.equal(compareAttribute(source, target), relation, `row ${row}`);
  });

  it('compares without regard to case', () => {
    assert.equal(compareAttribute('Microsoft', 'microsoft'), 'EQUAL');
    assert.equal(compareAttribute('MICRO*', 'microsoft'), 'SUPERSET');
    assert.equal(compareAttribute('de\\-DE', 'de\\-de'), 'EQUAL');
  });

  it('lets * take any run of characters and a run of n ? at most n (compare_strings)', () => {
    const cases: Array<[string, string, string]> = [
      ['*soft', 'microsoft', 'SUPERSET'],
      ['*soft', 'softer', 'DISJOINT'],
      ['micro*', 'microsoft', 'SUPERSET'],
      ['micro*', 'micro', 'SUPERSET'],
      ['*cros*', 'microsoft', 'SUPERSET'],
      ['?icrosoft', 'microsoft', 'SUPERSET'],
      ['?icrosoft', 'icrosoft', 'SUPERSET'],
      ['?icrosoft', 'xmicrosoft', 'DISJOINT'],
      ['sp?', 'sp2', 'SUPERSET'],
      ['sp?', 'sp', 'SUPERSET'],
      ['sp?', 'sp23', 'DISJOINT'],
      ['??x??', 'abxcd', 'SUPERSET'],
      ['??x??', 'abcxde', 'DISJOINT'],
      ['*x?', 'aaaxb', 'SUPERSET'],
      ['*x?', 'xab', 'DISJOINT'],
      // The second occurrence of the middle fits where the first does not.
      ['*ab?', 'abxxab1', 'SUPERSET'],
      // Quoted characters count as one character and are no wildcards.
      ['8\\.*', '8\\.0\\.6001', 'SUPERSET'],
      ['*\\.6001', '8\\.0\\.6001', 'SUPERSET'],
      ['???\\.6001', '8\\.0\\.6001', 'SUPERSET'],
      ['??\\.6001', '8\\.0\\.6001', 'DISJOINT'],
      ['8\\.\\*', '8\\.\\*', 'EQUAL'],
      ['8\\.\\*', '8\\.0', 'DISJOINT'],
      ['\\*x*', '\\*xy', 'SUPERSET'],
      ['\\*x*', 'axy', 'DISJOINT'],
    ];
    for (const [source, target, relation] of cases) assert.equal(compareAttribute(source, target), relation, `${source} vs ${target}`);
  });
});

describe('name comparison (IR 7696 §6.2)', () => {
  it('finds a component among the products an advisory names (source superset of target)', () => {
    const advisory = parsed('cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:*:*:*:*:*:*:*:*');
    const component = parsed('cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*');
    assert.equal(isSuperset(advisory, component), true);
    assert.equal(isSubset(advisory, component), false);
    assert.equal(isSubset(component, advisory), true);
    assert.equal(isDisjoint(advisory, component), false);
    assert.equal(isEqual(advisory, component), false);
    assert.deepEqual(compareNames(advisory, component), {
      part: 'EQUAL', vendor: 'EQUAL', product: 'EQUAL', version: 'SUPERSET', update: 'EQUAL', edition: 'EQUAL',
      language: 'EQUAL', sw_edition: 'EQUAL', target_sw: 'EQUAL', target_hw: 'EQUAL', other: 'EQUAL',
    });
    // A component CPE that leaves the part open is wider than the advisory's: no superset.
    assert.equal(isSuperset(advisory, parsed('cpe:2.3:*:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*')), false);
  });

  it('matches hardware by order number regardless of case, and keeps other order numbers apart', () => {
    const advisory = parsed('cpe:2.3:h:siemens:6es7516-3an01-0ab0:-:*:*:*:*:*:*:*');
    assert.equal(isEqual(advisory, parsed('cpe:2.3:h:siemens:6ES7516-3AN01-0AB0:-:*:*:*:*:*:*:*')), true);
    assert.equal(isDisjoint(advisory, parsed('cpe:2.3:h:siemens:6es7516-3an02-0ab0:-:*:*:*:*:*:*:*')), true);
    assert.match(rejected('cpe:2.3:h:siemens:6es7516-3an0?-0ab0:*:*:*:*:*:*:*:*'), /has the wildcard "\?"/); // wildcards only at the ends
    assert.equal(isSuperset(parsed('cpe:2.3:h:siemens:6es7516-3an01-*:*:*:*:*:*:*:*:*'), advisory), true);
  });

  it('decides the examples of the reference implementation', () => {
    const explorer = wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.0\\.6001', update: 'beta', language: 'sp2' });
    const anyExplorer = wfn({ part: 'a', vendor: 'microsoft', product: 'internet_explorer' });
    assert.deepEqual([isDisjoint(explorer, anyExplorer), isEqual(explorer, anyExplorer), isSubset(explorer, anyExplorer), isSuperset(explorer, anyExplorer)], [false, false, true, false]);
    const adobe = parsed('cpe:2.3:a:adobe:*:9.*:*:PalmOS:*:*:*:*:*');
    const reader = parsed('cpe:/a::Reader:9.3.2:-:-');
    assert.deepEqual([isDisjoint(adobe, reader), isEqual(adobe, reader), isSubset(adobe, reader), isSuperset(adobe, reader)], [true, false, false, false]);
  });

  it('treats names with wildcards on the target side as undefined, neither superset nor disjoint', () => {
    const source = parsed('cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*');
    const target = parsed('cpe:2.3:a:microsoft:internet_explorer:8.*:*:*:*:*:*:*:*');
    assert.equal(compareNames(source, target).version, 'UNDEFINED');
    assert.deepEqual([isDisjoint(source, target), isEqual(source, target), isSubset(source, target), isSuperset(source, target)], [false, false, false, false]);
  });
});

// A dotted-number order for the tests; the vendor-style comparator lives elsewhere and is passed in.
const dotted: VersionComparator = (a, b) => {
  if (!/^\d+(\.\d+)*$/.test(a) || !/^\d+(\.\d+)*$/.test(b)) return null;
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const order = (left[index] ?? 0) - (right[index] ?? 0);
    if (order !== 0) return order;
  }
  return 0;
};

describe('checkVersionRange (NVD cpeMatch bounds)', () => {
  const firmware = parsed('cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:*:*:*:*:*:*:*:*');

  it('matches a version below versionEndExcluding and not the bound itself', () => {
    const range = { cpe: firmware, versionEndExcluding: '2.9.2' };
    assert.deepEqual(checkVersionRange(range, '2.9.1', dotted), { outcome: 'match', reason: 'Version 2.9.1 lies in the range < 2.9.2.' });
    assert.deepEqual(checkVersionRange(range, '2.9.2', dotted), { outcome: 'no_match', reason: 'Version 2.9.2 is outside the range: it is not < 2.9.2 (versionEndExcluding).' });
    assert.equal(checkVersionRange(range, '2.10', dotted).outcome, 'no_match'); // by number, not by text
    assert.equal(checkVersionRange(range, '2.8.99', dotted).outcome, 'match');
  });

  it('includes or excludes each bound as named', () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ versionStartIncluding: '2.0' }, '2.0', 'match'],
      [{ versionStartIncluding: '2.0' }, '1.9', 'no_match'],
      [{ versionStartExcluding: '2.0' }, '2.0', 'no_match'],
      [{ versionStartExcluding: '2.0' }, '2.0.1', 'match'],
      [{ versionEndIncluding: '3.0' }, '3.0', 'match'],
      [{ versionEndIncluding: '3.0' }, '3.0.1', 'no_match'],
      [{ versionStartIncluding: '2.0', versionEndExcluding: '3.0' }, '2.5', 'match'],
      [{ versionStartIncluding: '2.0', versionEndExcluding: '3.0' }, '3.0', 'no_match'],
      [{ versionStartIncluding: '2.0', versionEndExcluding: '3.0' }, '1.0', 'no_match'],
    ];
    for (const [bounds, version, outcome] of cases) assert.equal(checkVersionRange({ cpe: firmware, ...bounds }, version, dotted).outcome, outcome, `${version} ${JSON.stringify(bounds)}`);
    assert.equal(checkVersionRange({ cpe: firmware, versionStartIncluding: '2.0', versionEndExcluding: '3.0' }, '2.5', dotted).reason, 'Version 2.5 lies in the range >= 2.0 and < 3.0.');
  });

  it('says unknown, never match, when the comparator cannot order the versions', () => {
    assert.deepEqual(checkVersionRange({ cpe: firmware, versionEndExcluding: '2.9.2' }, 'V2.9', dotted), { outcome: 'unknown', reason: 'Version V2.9 cannot be compared with the range bound < 2.9.2.' });
    assert.equal(checkVersionRange({ cpe: firmware, versionStartIncluding: '1.0', versionEndIncluding: 'beta' }, '1.5', dotted).outcome, 'unknown');
    // A bound that certainly fails outweighs one that cannot be compared.
    assert.equal(checkVersionRange({ cpe: firmware, versionStartIncluding: 'beta', versionEndExcluding: '2.0' }, '3.0', dotted).outcome, 'no_match');
    assert.deepEqual(checkVersionRange({ cpe: firmware }, '', dotted), { outcome: 'unknown', reason: 'The component has no version to compare with the range.' });
  });

  it('refuses a range that names both kinds of the same bound', () => {
    assert.deepEqual(checkVersionRange({ cpe: firmware, versionStartIncluding: '1.0', versionStartExcluding: '1.0' }, '1.5', dotted), {
      outcome: 'unknown',
      reason: 'The range gives both versionStartIncluding and versionStartExcluding, so its start is ambiguous.',
    });
    assert.equal(checkVersionRange({ cpe: firmware, versionEndIncluding: '1.0', versionEndExcluding: null }, '0.5', dotted).outcome, 'match');
  });

  it('without bounds, holds the version against the CPE version itself', () => {
    const withVersion = (version: string): Wfn => parsed(`cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:${version}:*:*:*:*:*:*:*`);
    const never: VersionComparator = () => null;
    assert.deepEqual(checkVersionRange({ cpe: firmware }, '2.9.4', dotted), { outcome: 'match', reason: 'The CPE covers every version (*), so also 2.9.4.' });
    assert.equal(checkVersionRange({ cpe: withVersion('-') }, '2.9.4', dotted).outcome, 'no_match');
    assert.deepEqual(checkVersionRange({ cpe: withVersion('2.9') }, '2.9.0', dotted), { outcome: 'match', reason: 'Version 2.9.0 equals the CPE version 2.9.' });
    assert.equal(checkVersionRange({ cpe: withVersion('2.9') }, '2.9.1', dotted).outcome, 'no_match');
    assert.equal(checkVersionRange({ cpe: withVersion('V2.9') }, '2.9', dotted).outcome, 'unknown');
    assert.deepEqual(checkVersionRange({ cpe: withVersion('V2.9') }, 'v2.9', never), { outcome: 'match', reason: 'Version v2.9 is the CPE version.' });
    assert.deepEqual(checkVersionRange({ cpe: withVersion('2.*') }, '2.9.4', never), { outcome: 'match', reason: 'Version 2.9.4 fits the CPE version pattern 2.*.' });
    assert.equal(checkVersionRange({ cpe: withVersion('2.*') }, '12.9', never).outcome, 'no_match');
    // Bounds and a CPE version both have to hold.
    assert.equal(checkVersionRange({ cpe: withVersion('2.*'), versionEndExcluding: '2.5' }, '2.7', dotted).outcome, 'no_match');
  });
});

// Real data from ../shared/corpus: CSAF product_identification_helper.cpe values, and the CPE test
// lists and schema pattern of the OASIS CSAF 2.1 work.
const cisa = path.join(corpusDir, 'cisa-csaf/csaf_files');
const oasis = path.join(corpusDir, 'oasis-csaf');
const missing = existsSync(cisa) && existsSync(oasis) ? false : `corpus not found at ${corpusDir}: the real-data CPE tests cannot run`;
if (missing) console.log(`# SKIP cpe corpus tests: ${missing}`);

function helperCpes(folder: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'product_identification_helper' && typeof (child as { cpe?: unknown }).cpe === 'string') found.push((child as { cpe: string }).cpe);
        visit(child);
      }
    }
  };
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    if (text.includes('"cpe"')) visit(JSON.parse(text));
  }
  return found;
}

describe('CPE names in the shared corpus', { skip: missing }, () => {
  it('parses every CPE in the product identification helpers of the CISA and OASIS documents', () => {
    // CISA's ICS advisories identify products by name, version and model number only.
    assert.equal(helperCpes(cisa).length, 0);
    const cpes = helperCpes(oasis);
    assert.equal(cpes.length, 44);
    assert.equal(new Set(cpes).size, 33);
    for (const cpe of cpes) parsed(cpe);
    assert.deepEqual(parsed('cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha'), wfn({ part: 'a', vendor: 'csaf\\-tools', product: 'cvrf\\-csaf\\-converter', version: '1\\.0\\.0\\-alpha' }));
  });

  it('accepts the valid and rejects the invalid names of the OASIS CPE test lists', () => {
    const list = (kind: string): string[] => readFileSync(path.join(oasis, `csaf_2.1/test/cpe/data/${kind}/cpe.txt`), 'utf8').split('\n').filter((line) => line !== '');
    const valid = list('valid');
    const invalid = list('invalid');
    assert.equal(valid.length, 10);
    assert.equal(invalid.length, 9);
    for (const cpe of valid) parsed(cpe);
    for (const cpe of invalid) rejected(cpe);
  });

  it('agrees with the CPE 2.3 pattern of the CSAF 2.1 schema on generated formatted strings', () => {
    const schema = JSON.parse(readFileSync(path.join(oasis, 'csaf_2.1/json_schema/csaf.json'), 'utf8')) as {
      $defs: { full_product_name_t: { properties: { product_identification_helper: { properties: { cpe: { pattern: string } } } } } };
    };
    const pattern = new RegExp(schema.$defs.full_product_name_t.properties.product_identification_helper.properties.cpe.pattern);
    const units = [...'aZ0_-.aZ0_-.aZ0_-.aZ0_-.', '*', '?', '*', '?', '\\*', '\\?', '\\\\', '\\:', '\\!', '\\~', '@', '$', ' ', '\\a', '\\', 'é'];
    const random = seededRandom(7696);
    const value = (): string => Array.from({ length: random(8) === 0 ? 0 : 1 + random(4) }, () => units[random(units.length)]).join('');
    let accepted = 0;
    let compared = 0;
    for (let round = 0; round < 5000; round += 1) {
      const part = ['a', 'o', 'h', '*', '-', 'a', 'o', 'h', 'x', 'A', '?'][random(11)]!;
      const language = ['en', 'de-DE', 'es-419', '*', '-', 'en', '*', 'e', 'en-', 'e*', 'x1'][random(11)]!;
      const cpe = `cpe:2.3:${part}:${value()}:${random(2) ? 'product' : value()}:*:*:*:${language}:*:*:*:${random(2) ? '*' : value()}`;
      // A quoted `-`, `.` or `_` is where the two differ on purpose: the pattern refuses it, the
      // unbinding of §6.2.3 reads it as the plain character.
      if (/(?<!\\)(\\\\)*\\[-._]/.test(cpe)) continue;
      compared += 1;
      const result = parseCpe(cpe);
      assert.equal(result.ok, pattern.test(cpe), `${cpe}: ${result.ok ? 'accepted' : result.reason}`);
      if (result.ok) accepted += 1;
    }
    // Both outcomes occur often enough for the agreement to mean something.
    assert.ok(accepted > 500 && compared - accepted > 500, `accepted ${accepted} of ${compared}`);
  });
});
