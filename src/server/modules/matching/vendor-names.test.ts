import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { relatedVendors, vendorAliases } from './vendor-aliases.ts';
import { foldLetters, repairMojibake, sameVendor, stripLegalForms, vendorKey, vendorKeys, vendorRelation } from './vendor-names.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

const cisa = path.join(corpusDir, 'cisa-csaf/csaf_files');
const corpusMissing = existsSync(cisa) ? false : `corpus folder ${cisa} is missing (CI has it): vendor names of the corpus not checked`;
if (corpusMissing) console.log(`# SKIP vendor-names corpus tests: ${corpusMissing}`);

describe('repairMojibake', () => {
  it('re-decodes UTF-8 that was read as Latin-1, as in the corpus', () => {
    assert.equal(repairMojibake('GeutebrÃ¼ck'), 'Geutebrück'); // ICSA-21-208-03 and others
    assert.equal(repairMojibake('LCDS - LeÃ£o Consultoria'), 'LCDS - Leão Consultoria');
    assert.equal(repairMojibake('Innokas YhtymÃ¤ Oy'), 'Innokas Yhtymä Oy');
  });

  it('leaves proper text and text that lost its bytes alone', () => {
    assert.equal(repairMojibake('Müller'), 'Müller');
    assert.equal(repairMojibake('Ã alone'), 'Ã alone');
    assert.equal(repairMojibake('Processinformation i G\uFFFDteborg'), 'Processinformation i G\uFFFDteborg');
  });
});

describe('foldLetters', () => {
  it('spells German letters out so both spellings compare equal', () => {
    assert.equal(foldLetters('Hammer und Meißel'), 'hammer und meissel');
    assert.equal(foldLetters('Müller'), foldLetters('Mueller'));
    assert.equal(foldLetters('WEIDMÜLLER'), 'weidmueller');
    assert.equal(foldLetters('Dräger'), 'draeger');
  });

  it('drops other diacritics and composes decomposed letters first', () => {
    assert.equal(foldLetters('Leão Société'), 'leao societe');
    assert.equal(foldLetters('Mu\u0308ller'), 'mueller');
  });
});

describe('stripLegalForms', () => {
  const strip = (text: string): string => stripLegalForms(text.split(' ')).join(' ');
  it('takes single and compound legal forms off the end', () => {
    assert.equal(strip('siemens ag'), 'siemens');
    assert.equal(strip('phoenix contact gmbh & co kg'), 'phoenix contact');
    assert.equal(strip('trumpf se + co kg'), 'trumpf');
    assert.equal(strip('fuji electric co ltd'), 'fuji electric');
    assert.equal(strip('tel ster sp z o o'), 'tel ster');
    assert.equal(strip('leao consultoria ltda me'), 'leao consultoria');
  });

  it('keeps words that only look like legal forms inside a name', () => {
    assert.equal(strip('ag software'), 'ag software');
    assert.equal(strip('johnson & johnson'), 'johnson & johnson');
  });
});

describe('vendorKey', () => {
  it('ignores case, spacing, punctuation and legal forms', () => {
    assert.equal(vendorKey('Siemens AG'), 'siemens');
    assert.equal(vendorKey(' Hitachi Energy '), 'hitachienergy');
    assert.equal(vendorKey('Control By Web'), vendorKey('ControlByWeb'));
    assert.equal(vendorKey('Triangle MicroWorks'), vendorKey('Triangle Microworks'));
    assert.equal(vendorKey('PEPPERL+FUCHS'), vendorKey('Pepperl+Fuchs'));
    assert.equal(vendorKey('Digi International, Inc. '), vendorKey('Digi International'));
    assert.equal(vendorKey('Bachmann Electronic, GmbH'), 'bachmannelectronic');
    assert.equal(vendorKey('Schneider Electric S.A.'), 'schneiderelectric');
    assert.equal(vendorKey('Innokas YhtymÃ¤ Oy'), 'innokasyhtymae');
  });

  it('compares German letters spelled either way', () => {
    assert.equal(vendorKey('Weidmüller Interface GmbH & Co. KG'), vendorKey('Weidmueller'));
    assert.equal(vendorKey('Hammer und Meißel GmbH'), vendorKey('Hammer und Meissel'));
    assert.equal(vendorKey('GeutebrÃ¼ck GmbH'), vendorKey('Geutebrück'));
  });

  it('resolves aliases to one key', () => {
    assert.equal(vendorKey('Allen-Bradley'), 'rockwellautomation');
    assert.equal(vendorKey('Schneider Electric Software, LLC'), 'schneiderelectric');
    assert.equal(vendorKey('3S-Smart Software Solutions GmbH'), vendorKey('CODESYS, GmbH'));
    assert.equal(vendorKey('PHOENIX CONTACT, Innominate Security Technologies'), 'phoenixcontact');
    assert.equal(vendorKey('LS ELECTRIC, LS Industrial Systems (LSIS) Co. Ltd-'), vendorKey('LS Electric'));
  });

  it('is empty for an empty name', () => {
    assert.equal(vendorKey(''), '');
    assert.deepEqual(vendorKeys('  '), []);
  });
});

describe('vendorKeys', () => {
  it('adds one key per company a list names, and per abbreviation in parentheses', () => {
    assert.deepEqual(vendorKeys('ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO').slice(1), ['abb', 'phoenixcontact', 'schneiderelectric', 'siemens', 'wago']);
    assert.deepEqual(vendorKeys('General Electric (GE)'), ['generalelectric']);
    assert.deepEqual(vendorKeys('Schweitzer Engineering Laboratories, Inc. (SEL)'), ['schweitzerengineeringlaboratories', 'sel']);
    assert.deepEqual(vendorKeys('PSI GridConnect GmbH (formerly PSI Nentec GmbH)'), ['psigridconnect', 'psinentec']);
  });

  it('names the parent of "X, a subsidiary of Y"', () => {
    assert.deepEqual(vendorKeys('Sensormatic Electronics, LLC, a subsidiary of Johnson Controls Inc.').slice(1), ['sensormaticelectronics', 'johnsoncontrols']);
  });

  it('hands out a fresh list each time, so a caller cannot change the next answer', () => {
    vendorKeys('Matrikon, Honeywell').push('siemens');
    assert.deepEqual(vendorKeys('Matrikon, Honeywell'), ['matrikonhoneywell', 'matrikon', 'honeywell']);
  });

  it('leaves out lone generic words a split leaves behind', () => {
    assert.deepEqual(vendorKeys('Hirschmann Automation and Control GmbH, Belden Inc.').slice(1), ['hirschmannautomation', 'belden']);
  });
});

describe('sameVendor', () => {
  // The brief's list: how a plant writes the vendor, and how an advisory does.
  const same: [string, string][] = [
    ['Schneider Electric Software, LLC', 'Schneider Electric'],
    ['Siemens AG', 'Siemens'],
    ['Allen-Bradley', 'Rockwell Automation'],
    ['Mitsubishi Electric Corporation', 'Mitsubishi Electric'],
    ['Phoenix Contact GmbH & Co. KG', 'PHOENIX CONTACT, Innominate Security Technologies'],
    ['WAGO Kontakttechnik GmbH & Co. KG', 'WAGO'],
    ['B&R', 'B&R Industrial Automation'],
    ['Bernecker + Rainer Industrie-Elektronik Ges.m.b.H.', 'B&R Industrial Automation'],
    ['Hitachi ABB Power Grids', 'Hitachi Energy'],
    ['ABB Ltd', 'ABB'],
    ['Beckhoff Automation GmbH & Co. KG', 'Beckhoff'],
    ['Moxa Inc.', 'MOXA'],
    ['HMS Industrial Networks AB', 'HMS Networks'],
    ['eWON', 'HMS Networks'],
    ['Pilz', 'Pilz GmbH & Co. KG (Pilz)'],
    ['Festo SE & Co. KG', 'Festo'],
    ['Bosch Rexroth AG', 'Rexroth'],
    ['TRUMPF SE + Co. KG', 'Trumpf'],
    ['DR. JOHANNES HEIDENHAIN GmbH', 'HEIDENHAIN'],
    ['FANUC Corporation', 'FANUC '],
    ['OMRON Corporation', 'Omron'],
    ['Yokogawa Electric Corporation', 'Yokogawa'],
    ['Honeywell International Inc.', 'Honeywell'],
    ['Emerson Electric Co.', 'Emerson'],
    ['GE', 'General Electric (GE)'],
    ['General Electric Company', 'General Electric (GE)'],
    ['AVEVA Group plc', 'AVEVA Software, LLC'],
    ['Haas Automation', 'Haas Automation, Inc'],
  ];
  for (const [a, b] of same) it(`"${a}" is "${b}"`, () => assert.ok(sameVendor(a, b)));

  it('finds a company in a list of companies', () => {
    assert.ok(sameVendor('Siemens', 'ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO'));
    assert.ok(sameVendor('Emerson', 'General Electric (GE) and Emerson'));
    assert.ok(sameVendor('Johnson Controls', 'Exacq Technologies, Johnson Controls Inc.'));
    assert.ok(sameVendor('Siemens', 'Siemens Healthineers, Siemens'));
  });

  // Pairs of different companies whose names start alike, all from the corpus.
  const different: [string, string][] = [
    ['Siemens Energy', 'Siemens'],
    ['Hitachi Energy', 'Hitachi'],
    ['Hitachi Energy', 'ABB'],
    ['Datalogic', 'Datalogics'],
    ['Contec', 'Contec Health'],
    ['Delta Controls', 'Delta Electronics'],
    ['Phoenix Contact', 'Phoenix Broadband Technologies LLC'],
    ['Johnson & Johnson', 'Johnson Controls'],
    ['GE Digital', 'General Electric'],
    ['Mitsubishi Electric India', 'Mitsubishi Electric'],
    ['AVEVA', 'Schneider Electric'],
    ['', ''],
  ];
  for (const [a, b] of different) it(`"${a}" is not "${b}"`, () => assert.ok(!sameVendor(a, b)));
});

describe('vendorRelation', () => {
  it('tells related companies from the same and from unrelated ones', () => {
    assert.deepEqual(vendorRelation('Rockwell Automation', 'Allen-Bradley'), { relation: 'same', why: null });
    const energy = vendorRelation('Siemens', 'Siemens Energy AG');
    assert.equal(energy.relation, 'related');
    assert.match(energy.why ?? '', /spun off/);
    assert.equal(vendorRelation('Hitachi Energy', 'ABB Ltd').relation, 'related');
    assert.equal(vendorRelation('Schneider Electric Software, LLC', 'AVEVA').relation, 'related');
    assert.deepEqual(vendorRelation('Datalogic', 'Datalogics'), { relation: 'different', why: null });
  });

  it('has every related pair as two different keys', () => {
    for (const pair of relatedVendors) assert.notEqual(vendorKey(pair.a), vendorKey(pair.b), `${pair.a} / ${pair.b}`);
  });
});

describe('vendor alias data', () => {
  it('gives no spelling to two companies', () => {
    const owner = new Map<string, string>();
    for (const entry of vendorAliases) {
      for (const spelling of [entry.name, ...entry.aliases]) {
        const key = vendorKey(spelling);
        assert.equal(key, vendorKey(entry.name), `${spelling} resolves to ${entry.name}`);
        const previous = owner.get(spelling.toLowerCase());
        assert.ok(previous === undefined || previous === entry.name, `${spelling} is listed under ${previous} and ${entry.name}`);
        owner.set(spelling.toLowerCase(), entry.name);
      }
    }
  });
});

/** Every vendor branch name of the CISA corpus, with the file it first occurs in. */
function corpusVendors(): Map<string, string> {
  const vendors = new Map<string, string>();
  interface Branch { category?: string; name?: string; branches?: Branch[] }
  const walk = (branches: Branch[] | undefined, file: string): void => {
    for (const branch of branches ?? []) {
      if (branch.category === 'vendor' && typeof branch.name === 'string' && !vendors.has(branch.name)) vendors.set(branch.name, file);
      walk(branch.branches, file);
    }
  };
  const files = readdirSync(cisa, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json')).sort();
  for (const file of files) {
    const doc = JSON.parse(readFileSync(path.join(cisa, file), 'utf8')) as { product_tree?: { branches?: Branch[] } };
    walk(doc.product_tree?.branches, file);
  }
  return vendors;
}

describe('vendor names of the CISA corpus', { skip: corpusMissing }, () => {
  it('groups the spellings of one company under one key and keeps near-misses apart', (t) => {
    const vendors = corpusVendors();
    const groups = new Map<string, string[]>();
    for (const name of vendors.keys()) groups.set(vendorKey(name), [...(groups.get(vendorKey(name)) ?? []), name]);
    t.diagnostic(`${vendors.size} distinct vendor spellings → ${groups.size} vendor keys`);
    assert.ok(vendors.size >= 400, `${vendors.size} spellings read`);
    assert.ok(groups.size <= vendors.size - 50, `${groups.size} keys for ${vendors.size} spellings`);

    // Spelling groups found in the corpus, each one company.
    const oneKey = [
      ['Mitsubishi Electric', ' Mitsubishi Electric', 'Mitsubishi Electric ', 'Mitsubishi Electric Corporation'],
      ['Schneider Electric', ' Schneider Electric', 'Schneider Electric ', 'Schneider Electric Software, LLC'],
      ['Rockwell Automation', 'Rockwell Automation '],
      ['Hitachi Energy', ' Hitachi Energy', 'Hitachi Energy '],
      ['Moxa', 'MOXA'],
      ['AVEVA', 'AVEVA Software, LLC'],
      ['3S-Smart Software Solutions GmbH', 'CODESYS, GmbH'],
      ['General Electric', 'General Electric (GE)'],
      ['GeutebrÃ¼ck', 'GeutebrÃ¼ck GmbH'],
      ['Johnson Controls', 'Johnson Controls Inc', 'Johnson Controls Inc.'],
      ['Keysight ', 'Keysight Technologies', 'Keysight Technologies, Inc.'],
      ['LCDS - LeÃ£o Consultoria e Desenvolvimento de Sistemas Ltda ME', 'LCDS LeÃ£o Consultoria e Desenvolvimento de Sistemas LTDA ME'],
      ['Philips', 'Phillips'],
      ['Fr. Sauter AG', 'SAUTER', 'SAUTER Controls'],
      ['Sensormatic Electronics, LLC, Johnson Controls Inc.', 'Sensormatic Electronics, a subsidiary of Johnson Controls, Inc.'],
      ['Hangzhou Xiongmai Technology Co, Ltd', 'Xiongmai Technology'],
      ['B. Braun', 'B. Braun Medical', 'B. Braun Melsungen AG'],
      ['Franklin Electric Fueling Systems ', 'Franklin Fueling System '],
    ];
    for (const group of oneKey) {
      for (const name of group) assert.ok(vendors.has(name), `"${name}" is a vendor branch of the corpus`);
      assert.equal(new Set(group.map(vendorKey)).size, 1, `one key for ${JSON.stringify(group)}`);
    }
    for (const [a, b] of [['Datalogic', 'Datalogics'], ['Contec', 'Contec Health'], ['Delta Controls', 'Delta Electronics'], ['Phoenix Contact', 'Phoenix Broadband Technologies LLC'], ['Fujitsu Limited', 'Fujitsu Software'], ['JTEKT Corporation', 'JTEKT ELECTRONICS CORPORATION']] as const) {
      assert.ok(vendors.has(a) && vendors.has(b), `${a} and ${b} are vendor branches of the corpus`);
      assert.notEqual(vendorKey(a), vendorKey(b), `${a} / ${b}`);
    }
  });

  it('gives every vendor spelling a key', () => {
    for (const [name, file] of corpusVendors()) assert.notEqual(vendorKey(name), '', `${name} (${file})`);
  });
});
