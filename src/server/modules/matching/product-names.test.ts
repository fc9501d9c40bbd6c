import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  coreWords,
  isAcronymOf,
  looksLikeModelOfLine,
  matchProductName,
  parseProductName,
  prefixLength,
  productKey,
  productWords,
  readNotes,
  splitFamily,
  splitTrailingVersion,
  withBrandOf,
  withImpliedLine,
  withoutVendorPrefix,
  type NamedProduct,
  type ProductNameMatch,
} from './product-names.ts';
import { sameVendor } from './vendor-names.ts';
import { affected, notAffected } from '../demo/hammer-und-meissel.affected.ts';
import { hammerUndMeissel } from '../demo/hammer-und-meissel.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

const corpus = path.join(corpusDir, 'cisa-csaf');
const corpusMissing = existsSync(corpus) ? false : `corpus folder ${corpus} is missing (CI has it): product names of real advisories not checked`;
if (corpusMissing) console.log(`# SKIP product-names corpus tests: ${corpusMissing}`);

interface Branch { category: string; name: string; product?: { product_id: string; name: string }; branches?: Branch[] }

function branchPath(branches: readonly Branch[], productId: string): Branch[] | null {
  for (const branch of branches) {
    if (branch.product?.product_id === productId) return [branch];
    const below = branchPath(branch.branches ?? [], productId);
    if (below) return [branch, ...below];
  }
  return null;
}

/** The vendor and product_name branches of a product of a corpus advisory (`file` relative to cisa-csaf/csaf_files/OT/white). */
function advisoryProduct(file: string, productId: string): NamedProduct {
  const relative = file.startsWith('csaf_files/') ? file : `csaf_files/OT/white/${file}`;
  const doc = JSON.parse(readFileSync(path.join(corpus, relative), 'utf8')) as { product_tree: { branches?: Branch[] } };
  const trail = branchPath(doc.product_tree.branches ?? [], productId);
  assert.ok(trail, `${productId} is in ${file}`);
  const vendor = trail.find((branch) => branch.category === 'vendor');
  const product = trail.find((branch) => branch.category === 'product_name');
  assert.ok(vendor && product, `${file} ${productId} has vendor and product_name branches`);
  return { vendor: vendor.name, name: product.name };
}

const siemens = (name: string): NamedProduct => ({ vendor: 'Siemens', name });
const match = (advisory: NamedProduct, component: NamedProduct): ProductNameMatch['match'] => matchProductName(advisory, component).match;
const rule = (advisory: NamedProduct, component: NamedProduct): ProductNameMatch['rule'] => matchProductName(advisory, component).rule;

describe('productWords', () => {
  it('splits at punctuation and spacing but keeps a version whole', () => {
    assert.deepEqual(productWords('SIMATIC S7-1500 CPU 1516-3 PN/DP'), ['simatic', 's7', '1500', 'cpu', '1516', '3', 'pn', 'dp']);
    assert.deepEqual(productWords('SINUMERIK 828D HW PU.4'), ['sinumerik', '828d', 'hw', 'pu', '4']);
    assert.deepEqual(productWords('SINUMERIK 840D sl V4.8.'), ['sinumerik', '840d', 'sl', 'v4.8']);
    assert.deepEqual(productWords('Schleifmaschine Größe 3'), ['schleifmaschine', 'groesse', '3']);
  });
});

describe('prefixLength', () => {
  it('counts the words that spell a prefix, whatever the spacing', () => {
    assert.equal(prefixLength(['simatic', 's7', '1500', 'cpu'], ['simatic', 's71500']), 3);
    assert.equal(prefixLength(['simatic', 's71500'], ['simatic', 's7', '1500']), 2);
    assert.equal(prefixLength(['scalance', 'xc208eec'], ['scalance', 'xc208']), null);
    assert.equal(prefixLength(['a'], []), 0);
  });
});

describe('withoutVendorPrefix', () => {
  it('drops the vendor, an alias of it or a brand that is the vendor', () => {
    assert.deepEqual(withoutVendorPrefix(['siemens', 'sinumerik', '840d', 'sl'], ['Siemens']), ['sinumerik', '840d', 'sl']);
    assert.deepEqual(withoutVendorPrefix(['allen', 'bradley', 'stratix', '5900'], ['Rockwell Automation']), ['stratix', '5900']);
    assert.deepEqual(withoutVendorPrefix(['heidenhain', 'tnc', '640'], ['DR. JOHANNES HEIDENHAIN GmbH']), ['tnc', '640']);
  });

  it('keeps a name that is only the vendor, and words of another vendor', () => {
    assert.deepEqual(withoutVendorPrefix(['moxa'], ['Moxa']), ['moxa']);
    assert.deepEqual(withoutVendorPrefix(['mitsubishi', 'electric', 'melsoft'], ['M&M Software GmbH']), ['mitsubishi', 'electric', 'melsoft']);
  });
});

describe('splitTrailingVersion', () => {
  it('takes a trailing version with its service pack or update off', () => {
    assert.deepEqual(splitTrailingVersion(['simatic', 'wincc', 'v16']), { words: ['simatic', 'wincc'], version: 'v16' });
    assert.deepEqual(splitTrailingVersion(['wincc', 'runtime', 'v15.1', 'update', '6']), { words: ['wincc', 'runtime'], version: 'v15.1 update 6' });
    assert.deepEqual(splitTrailingVersion(['sinamics', 'g150', 'v5.1', 'sp1']), { words: ['sinamics', 'g150'], version: 'v5.1 sp1' });
  });

  it('leaves model numbers and a bare version alone', () => {
    assert.deepEqual(splitTrailingVersion(['handheld', 'terminal', 'ht', '10']), { words: ['handheld', 'terminal', 'ht', '10'], version: null });
    assert.deepEqual(splitTrailingVersion(['v3']), { words: ['v3'], version: null });
  });
});

describe('splitFamily', () => {
  it('reads a trailing family or series word, and drops "series" inside a name', () => {
    assert.deepEqual(splitFamily(['simatic', 's7', '1500', 'cpu', 'family']), { words: ['simatic', 's7', '1500', 'cpu'], family: true });
    assert.deepEqual(splitFamily(['relion', '670', 'series']), { words: ['relion', '670'], family: true });
    assert.deepEqual(splitFamily(['siprotec', '5', '7sa87', 'devices']), { words: ['siprotec', '5', '7sa87'], family: true });
    assert.deepEqual(splitFamily(['melsec', 'iq', 'r', 'series', 'safety', 'cpu', 'r08sfcpu']), { words: ['melsec', 'iq', 'r', 'safety', 'cpu', 'r08sfcpu'], family: false });
  });
});

describe('coreWords', () => {
  it('drops trailing words that do not change the product, never the last word', () => {
    assert.deepEqual(coreWords(['igss', 'software']), ['igss']);
    assert.deepEqual(coreWords(['750', '881', 'firmware']), ['750', '881']);
    assert.deepEqual(coreWords(['simatic', 's7', '1500', 'software', 'controller']), ['simatic', 's7', '1500', 'software', 'controller']);
    assert.deepEqual(coreWords(['firmware']), ['firmware']);
  });
});

describe('readNotes', () => {
  it('sorts notes into model numbers, inclusions, family notes and qualifiers', () => {
    assert.deepEqual(readNotes(['incl. related ET200 CPUs and SIPLUS variants']).includes, [['related', 'et200', 'cpus'], ['siplus', 'variants']]);
    assert.deepEqual(readNotes(['incl. S615, MUM-800 and RM1224']).includes, [['s615'], ['mum', '800'], ['rm1224']]);
    assert.deepEqual(readNotes(["incl.'SIPLUS variants"]).includes, [['siplus', 'variants']]);
    assert.deepEqual(readNotes(['6GK5208-0BA00-2AC2']), { includes: [], qualifiers: [], models: ['6GK5208-0BA00-2AC2'], family: false });
    assert.deepEqual(readNotes(['TIA Portal', 'Discontinued product', 'formerly known as Wonderware MES']).qualifiers, [['tia', 'portal']]);
    assert.equal(readNotes(['All models']).family, true);
  });
});

describe('isAcronymOf', () => {
  it('recognises a note that abbreviates the name', () => {
    assert.ok(isAcronymOf(['chs'], ['conprosys', 'hmi', 'system']));
    assert.ok(!isAcronymOf(['en'], ['simatic', 'wincc']));
    assert.ok(!isAcronymOf(['tia', 'portal'], ['tia', 'portal']));
  });
});

describe('withImpliedLine and withBrandOf', () => {
  it('completes a Siemens CPU name with its product line', () => {
    assert.deepEqual(withImpliedLine(['cpu', '1516', '3', 'pn', 'dp'], 'Siemens'), ['simatic', 's7', '1500', 'cpu', '1516', '3', 'pn', 'dp']);
    assert.deepEqual(withImpliedLine(['cpu', '1214c', 'dc', 'dc', 'dc'], 'Siemens AG'), ['simatic', 's7', '1200', 'cpu', '1214c', 'dc', 'dc', 'dc']);
    assert.deepEqual(withImpliedLine(['cpu', '1512sp', '1', 'pn'], 'Siemens'), ['cpu', '1512sp', '1', 'pn']);
    assert.deepEqual(withImpliedLine(['cpu', '1516', '3', 'pn', 'dp'], 'Moxa'), ['cpu', '1516', '3', 'pn', 'dp']);
  });

  it('lends the other name\'s brand to a name without one', () => {
    assert.deepEqual(withBrandOf(['s7', '1500'], ['simatic', 's7', '1500', 'cpu'], 'Siemens'), ['simatic', 's7', '1500']);
    assert.deepEqual(withBrandOf(['siplus', 's7', '1500'], ['simatic', 's7', '1500'], 'Siemens'), ['siplus', 's7', '1500']);
    assert.deepEqual(withBrandOf(['m340'], ['modicon', 'm340'], 'Schneider Electric Software, LLC'), ['modicon', 'm340']);
    assert.deepEqual(withBrandOf(['s7', '1500'], ['simatic', 's7', '1500'], 'Omron'), ['s7', '1500']);
  });
});

describe('looksLikeModelOfLine', () => {
  it('accepts model designations and rejects hardware parts and other products', () => {
    assert.ok(looksLikeModelOfLine(['bmx', 'p34', '2020']));
    assert.ok(looksLikeModelOfLine(['cpu', 'sr20']));
    assert.ok(looksLikeModelOfLine(['d435', '2', 'dp']));
    assert.ok(!looksLikeModelOfLine(['hw', 'pu', '4']));
    assert.ok(!looksLikeModelOfLine(['sinumerik', '840d', 'sl', 'handheld', 'terminal', 'ht', '10']));
    assert.ok(!looksLikeModelOfLine(['oa']));
    assert.ok(!looksLikeModelOfLine(['compact']));
    assert.ok(!looksLikeModelOfLine([]));
  });
});

describe('parseProductName and productKey', () => {
  it('reads every part of a name', () => {
    assert.deepEqual(parseProductName('HEIDENHAIN TNC 640 controlling a HARTFORD 5A-65E CNC machine', ['HEIDENHAIN']), {
      words: ['tnc', '640'], family: false, includes: [], qualifiers: [], models: [], version: null, setting: 'controlling a HARTFORD 5A-65E CNC machine',
    });
    assert.deepEqual(parseProductName('SIMATIC STEP 7 (TIA Portal) V13', ['Siemens']), {
      words: ['simatic', 'step', '7'], family: false, includes: [], qualifiers: [['tia', 'portal']], models: [], version: 'v13', setting: null,
    });
    assert.equal(parseProductName('M340 CPUs with firmware').family, true);
  });

  it('gives one key to one product however it is written', () => {
    assert.equal(productKey('Siemens SIMATIC S7-1500 CPU 1516-3 PN/DP', 'Siemens'), productKey('SIMATIC S7-1500 CPU 1516-3 PN/DP'));
    assert.equal(productKey('simatic  s7 1500 cpu 1516-3 pn/dp'), productKey('SIMATIC S7-1500 CPU 1516-3 PN/DP (6ES7516-3AN01-0AB0)'));
    assert.equal(productKey('IGSS Software'), 'igss');
    assert.notEqual(productKey('SCALANCE XC208'), productKey('SCALANCE XC208EEC'));
  });
});

describe('matchProductName', () => {
  const family = siemens('SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS variants)');

  it('finds a concrete product in the family that covers it, however the plant names it', () => {
    assert.equal(rule(family, siemens('SIMATIC S7-1500 CPU 1516-3 PN/DP')), 'family-member');
    assert.equal(rule(family, siemens('CPU 1516-3 PN/DP')), 'family-member');
    assert.equal(rule(family, siemens('S7-1500 CPU 1516-3 PN/DP')), 'family-member');
    assert.equal(rule(family, { vendor: 'Siemens AG', name: 'Siemens SIMATIC S7-1500 CPU 1516-3 PN/DP' }), 'family-member');
    assert.equal(rule(family, siemens('SIMATIC S7-1500')), 'family-named');
  });

  it('covers variants only where the advisory includes them', () => {
    assert.equal(rule(family, siemens('SIPLUS S7-1500 CPU 1516-3 PN/DP')), 'included-variant');
    assert.equal(rule(family, siemens('SIMATIC ET 200SP CPU 1512SP-1 PN')), 'included-variant');
    assert.equal(match(family, siemens('SIMATIC ET 200SP Open Controller CPU 1515SP PC2')), 'none');
    assert.equal(match(siemens('SIMATIC S7-1500 CPU 1516-3 PN/DP'), siemens('SIPLUS S7-1500 CPU 1516-3 PN/DP')), 'none');
    assert.equal(rule(siemens('SCALANCE M-800 family (incl. S615, MUM-800 and RM1224)'), siemens('SCALANCE S615')), 'included-variant');
  });

  it('says exact for the same product, notes and model numbers aside', () => {
    assert.equal(rule(siemens('SINAMICS S120 (incl. SIPLUS variants)'), siemens('SINAMICS S120')), 'same-name');
    assert.equal(rule(siemens('SCALANCE XC208 (6GK5208-0BA00-2AC2)'), siemens('Scalance XC-208')), 'same-name');
    assert.equal(rule(siemens('SIMATIC STEP 7 (TIA Portal) V13'), siemens('SIMATIC STEP 7 (TIA Portal)')), 'same-name');
  });

  it('hands a version in the advisory\'s product name on to the version check', () => {
    const result = matchProductName(siemens('SIMATIC WinCC Runtime Advanced V16'), siemens('SIMATIC WinCC Runtime Advanced'));
    assert.equal(result.match, 'exact');
    assert.equal(result.versionInName, 'v16');
  });

  it('does not give a general name what the advisory says of a more specific product', () => {
    assert.equal(rule(siemens('SINUMERIK 828D HW PU.4'), siemens('SINUMERIK 828D')), 'advisory-more-specific');
    assert.equal(rule(siemens('SINUMERIK ONE / SINUMERIK 840D sl Handheld Terminal HT 10'), siemens('SINUMERIK ONE')), 'advisory-more-specific');
    assert.equal(rule(siemens('SIMATIC STEP 7 (TIA Portal) V13'), siemens('SIMATIC STEP 7 V5.6')), 'advisory-more-specific');
    assert.equal(rule(siemens('SIMATIC S7-1500 CPU 1516-3 PN/DP'), siemens('SIMATIC S7-1500')), 'advisory-more-specific');
  });

  it('takes a model of a line for a member, and another product with the same start for none', () => {
    assert.equal(rule({ vendor: 'Schneider Electric', name: 'Modicon M340' }, { vendor: 'Schneider Electric', name: 'Modicon M340 BMX P34 2020' }), 'line-member');
    assert.equal(rule(siemens('SIMATIC WinCC'), siemens('SIMATIC WinCC OA')), 'different-product');
    assert.equal(rule(siemens('SINUMERIK 828D'), siemens('SINUMERIK 828D HW PU.4')), 'different-product');
  });

  it('tells sibling products apart', () => {
    assert.equal(match(siemens('SCALANCE XC208EEC'), siemens('SCALANCE XC208')), 'none');
    assert.equal(match(siemens('SIMATIC S7-1500 CPU 1516-3 PN/DP'), siemens('SIMATIC S7-1500 CPU 1516F-3 PN/DP')), 'none');
    assert.equal(match(family, siemens('SIMATIC S7-1500 Software Controller')), 'none');
    assert.equal(match(siemens('SIMATIC S7-1200 CPU family'), siemens('SIMATIC S7-1500 CPU 1516-3 PN/DP')), 'none');
  });

  it('refuses another vendor\'s product of the same name', () => {
    const result = matchProductName({ vendor: 'Moxa', name: 'NPort 5110' }, { vendor: 'Phoenix Contact', name: 'NPort 5110' });
    assert.equal(result.rule, 'different-vendor');
    assert.equal(result.match, 'none');
  });
});

/** The demo plant's components, by machine id and component name. */
function demoComponent(machineId: string, name: string): NamedProduct {
  const machine = hammerUndMeissel.machines.find((candidate) => candidate.machine_id === machineId);
  const component = machine?.components.find((candidate) => candidate.name === name);
  assert.ok(component, `${machineId} has ${name}`);
  return { vendor: component.vendor, name: component.name };
}

describe('the demo plant against its real advisories', { skip: corpusMissing }, () => {
  it('finds the vendor the same and the product exact or family for every affected component', () => {
    for (const entry of affected) {
      const advisory = advisoryProduct(entry.advisory, entry.product_id);
      const component = demoComponent(entry.machine_id, entry.component.name);
      assert.ok(sameVendor(component.vendor, advisory.vendor), `${entry.machine_id}: ${component.vendor} = ${advisory.vendor}`);
      const result = matchProductName(advisory, component);
      assert.ok(result.match === 'exact' || result.match === 'family', `${entry.machine_id} ${entry.tracking_id}: "${component.name}" vs "${advisory.name}": ${result.rule}, ${result.reason}`);
    }
  });

  it('finds the product named for every not-affected component, which only its version takes out', () => {
    for (const entry of notAffected) {
      const advisory = advisoryProduct(entry.advisory, entry.product_id);
      const component = demoComponent(entry.machine_id, entry.component.name);
      assert.notEqual(matchProductName(advisory, component).match, 'none', `${entry.machine_id} ${entry.tracking_id}`);
    }
  });

  it('says none where the names only look alike: panel hardware, handheld terminal, siblings, other vendors', () => {
    const cases: { advisory: NamedProduct; component: NamedProduct; rule: ProductNameMatch['rule'] }[] = [
      // icsa-21-222-05 CSAFPID-0021: "SINUMERIK 828D HW PU.4", the panel hardware, is not the control on HUM-RS-DRE-02.
      { advisory: advisoryProduct('2021/icsa-21-222-05.json', 'CSAFPID-0021'), component: demoComponent('HUM-RS-DRE-02', 'SINUMERIK 828D'), rule: 'advisory-more-specific' },
      // icsa-22-132-05 CSAFPID-0018: the handheld terminal of SINUMERIK ONE / 840D sl is not the lathe's SINUMERIK ONE …
      { advisory: advisoryProduct('2022/icsa-22-132-05.json', 'CSAFPID-0018'), component: demoComponent('HUM-RS-DRE-01', 'SINUMERIK ONE'), rule: 'advisory-more-specific' },
      // … nor the grinder's SINUMERIK 840D sl.
      { advisory: advisoryProduct('2022/icsa-22-132-05.json', 'CSAFPID-0018'), component: demoComponent('HUM-RS-SLF-01', 'SINUMERIK 840D sl'), rule: 'different-product' },
      // icsa-23-320-08 CSAFPID-0027: the XC208 entry is not the sibling XC216 on HUM-RS-NET-02.
      { advisory: advisoryProduct('2023/icsa-23-320-08.json', 'CSAFPID-0027'), component: demoComponent('HUM-RS-NET-02', 'SCALANCE XC216'), rule: 'different-product' },
      // icsa-22-349-03 CSAFPID-0031: the standard CPU 1516-3 is not the press's fail-safe CPU 1516F-3.
      { advisory: advisoryProduct('2022/icsa-22-349-03.json', 'CSAFPID-0031'), component: demoComponent('HUM-LS-PRS-01', 'SIMATIC S7-1500 CPU 1516F-3 PN/DP'), rule: 'different-product' },
      // icsa-23-250-02 CSAFPID-0002: the AT&T variant "TC ROUTER 3002T-4G ATT" is more than the plant's TC ROUTER 3002T-4G says.
      { advisory: advisoryProduct('2023/icsa-23-250-02.json', 'CSAFPID-0002'), component: demoComponent('HUM-LS-FW-01', 'TC ROUTER 3002T-4G'), rule: 'advisory-more-specific' },
      // icsa-18-352-03 CSAFPID-00011: CODESYS' "CODESYS Control for PFC200" is another vendor's product than WAGO's PFC200.
      { advisory: advisoryProduct('2018/icsa-18-352-03.json', 'CSAFPID-00011'), component: demoComponent('HUM-LS-SPS-01', 'PFC200'), rule: 'different-vendor' },
      // icsa-22-069-12 CSAFPID-0102: Siemens' "RUGGEDCOM RS8000TNC" shares letters, not the vendor, with HEIDENHAIN's TNC 640.
      { advisory: advisoryProduct('2022/icsa-22-069-12.json', 'CSAFPID-0102'), component: demoComponent('HUM-RS-FRA-01', 'TNC 640'), rule: 'different-vendor' },
    ];
    for (const { advisory, component, rule: expected } of cases) {
      const result = matchProductName(advisory, component);
      assert.equal(result.match, 'none', `"${component.name}" vs "${advisory.name}": ${result.reason}`);
      assert.equal(result.rule, expected, `"${component.name}" vs "${advisory.name}": ${result.reason}`);
    }
  });
});

describe('hand-checked pairs from the corpus', { skip: corpusMissing }, () => {
  const pairs: { advisory: [string, string]; component: NamedProduct; match: ProductNameMatch['match']; rule: ProductNameMatch['rule'] }[] = [
    // icsa-17-129-02 CSAFPID-0078 "SIMATIC S7-1500 CPU family (incl. related ET200 CPUs and SIPLUS variants)": a CPU as the plant lists it.
    { advisory: ['2017/icsa-17-129-02.json', 'CSAFPID-0078'], component: siemens('CPU 1516-3 PN/DP'), match: 'family', rule: 'family-member' },
    // icsa-17-129-02 CSAFPID-0078 again: the SIPLUS variant of a CPU 1516-3.
    { advisory: ['2017/icsa-17-129-02.json', 'CSAFPID-0078'], component: siemens('SIPLUS S7-1500 CPU 1516-3 PN/DP'), match: 'family', rule: 'included-variant' },
    // icsa-17-129-02 CSAFPID-0078 again: an ET 200SP CPU, one of the "related ET200 CPUs".
    { advisory: ['2017/icsa-17-129-02.json', 'CSAFPID-0078'], component: siemens('SIMATIC ET 200SP CPU 1512SP-1 PN'), match: 'family', rule: 'included-variant' },
    // icsa-17-129-02 CSAFPID-0079 "SIMATIC S7-1500 Software Controller": listed beside the CPU family, and only itself.
    { advisory: ['2017/icsa-17-129-02.json', 'CSAFPID-0079'], component: siemens('SIMATIC S7-1500 Software Controller'), match: 'exact', rule: 'same-name' },
    { advisory: ['2017/icsa-17-129-02.json', 'CSAFPID-0079'], component: siemens('SIMATIC S7-1500 CPU 1516-3 PN/DP'), match: 'none', rule: 'different-product' },
    // icsa-17-129-02 CSAFPID-0006 "SCALANCE M-800 family (incl. S615, MUM-800 and RM1224)": the S615 is named in the note.
    { advisory: ['2017/icsa-17-129-02.json', 'CSAFPID-0006'], component: siemens('SCALANCE S615'), match: 'family', rule: 'included-variant' },
    // icsa-21-194-03 CSAFPID-0303 "SIPLUS NET SCALANCE XC208 (6AG1208-0BA00-7AC2)": the SIPLUS variant is not the plain XC208.
    { advisory: ['2021/icsa-21-194-03.json', 'CSAFPID-0303'], component: siemens('SCALANCE XC208'), match: 'none', rule: 'different-product' },
    // icsa-19-085-01 CSAFPID-0081 "SCALANCE XC208EEC": a sibling of the XC208.
    { advisory: ['2019/icsa-19-085-01.json', 'CSAFPID-0081'], component: siemens('SCALANCE XC208'), match: 'none', rule: 'different-product' },
    // icsa-22-167-14 CSAFPID-0522 "SIPLUS S7-1500 CPU 1516F-3 PN/DP RAIL (6AG2516-3FN02-2AB0)": the rail variant, no SIPLUS note to widen it.
    { advisory: ['2022/icsa-22-167-14.json', 'CSAFPID-0522'], component: siemens('SIMATIC S7-1500 CPU 1516F-3 PN/DP'), match: 'none', rule: 'different-product' },
    // icsa-21-194-02 CSAFPID-0003 "Modicon M340 CPU (part numbers BMXP34*)" of "Schneider Electric Software, LLC": a plant's M340 CPU.
    { advisory: ['2021/icsa-21-194-02.json', 'CSAFPID-0003'], component: { vendor: 'Schneider Electric', name: 'Modicon M340 BMX P34 2020' }, match: 'family', rule: 'line-member' },
    // icsa-17-208-04 CSAFPID-0002 "Allen-Bradley Stratix 5900 Services Router" of Rockwell Automation, written by its brand.
    { advisory: ['2017/icsa-17-208-04.json', 'CSAFPID-0002'], component: { vendor: 'Allen-Bradley', name: 'Stratix 5900 Services Router' }, match: 'exact', rule: 'same-name' },
    // icsa-21-250-01 CSAFPID-0005 "MELSEC iQ-R series Safety CPU R08SFCPU" of "Mitsubishi Electric Corporation".
    { advisory: ['2021/icsa-21-250-01.json', 'CSAFPID-0005'], component: { vendor: 'Mitsubishi Electric', name: 'MELSEC iQ-R Safety CPU R08SFCPU' }, match: 'exact', rule: 'same-name' },
    // icsa-22-347-03 CSAFPID-0001 "CONPROSYS HMI System (CHS)": the note only abbreviates the name.
    { advisory: ['2022/icsa-22-347-03.json', 'CSAFPID-0001'], component: { vendor: 'CONTEC', name: 'CONPROSYS HMI System' }, match: 'exact', rule: 'same-name' },
    // icsma-22-244-01 CSAFPID-0001, vendor "Contec Health": a patient monitor maker, not CONTEC.
    { advisory: ['2022/icsma-22-244-01.json', 'CSAFPID-0001'], component: { vendor: 'CONTEC', name: 'CMS8000' }, match: 'none', rule: 'different-vendor' },
    // icsa-20-065-01 CSAFPID-0001 "Series PFC200" of WAGO: "Series" before the name changes nothing.
    { advisory: ['2020/icsa-20-065-01.json', 'CSAFPID-0001'], component: { vendor: 'WAGO Kontakttechnik GmbH & Co. KG', name: 'PFC200' }, match: 'exact', rule: 'same-name' },
    // icsa-17-129-01 CSAFPID-0006 "SIMATIC STEP 7 (TIA Portal) V13": classic STEP 7 V5 is another product.
    { advisory: ['2017/icsa-17-129-01.json', 'CSAFPID-0006'], component: siemens('SIMATIC STEP 7 V5.6'), match: 'none', rule: 'advisory-more-specific' },
    // icsa-17-320-01 CSAFPID-0001 "NPort 5150" of Moxa: a sibling of the plant's NPort 5110.
    { advisory: ['2017/icsa-17-320-01.json', 'CSAFPID-0001'], component: { vendor: 'Moxa', name: 'NPort 5110' }, match: 'none', rule: 'different-product' },
  ];
  for (const pair of pairs) {
    it(`${pair.advisory.join(' ')} vs "${pair.component.name}": ${pair.match}`, () => {
      const advisory = advisoryProduct(...pair.advisory);
      const result = matchProductName(advisory, pair.component);
      assert.equal(result.match, pair.match, `"${advisory.name}" vs "${pair.component.name}": ${result.reason}`);
      assert.equal(result.rule, pair.rule, result.reason);
    });
  }
});
