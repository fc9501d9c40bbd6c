import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  isModelNumberPattern,
  looksLikeModelNumber,
  modelNumberMatches,
  modelNumberRegExp,
  modelNumbersInName,
  normaliseModelNumber,
  placeholderValues,
  usesPlaceholderLetters,
} from './model-numbers.ts';
import { hammerUndMeissel } from '../demo/hammer-und-meissel.ts';
import { affected } from '../demo/hammer-und-meissel.affected.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

const cisa = path.join(corpusDir, 'cisa-csaf');
const oasis = path.join(corpusDir, 'oasis-csaf/csaf_2.1/test/validator/data/mandatory');
const corpusMissing = existsSync(cisa) && existsSync(oasis) ? false : `corpus folder ${corpusDir} is missing (CI has it): model numbers of the corpus not checked`;
if (corpusMissing) console.log(`# SKIP model-numbers corpus tests: ${corpusMissing}`);

interface FullProductName {
  product_id: string;
  name: string;
  product_identification_helper?: { model_numbers?: string[]; skus?: string[]; serial_numbers?: string[] };
}
interface Branch { category: string; name: string; product?: FullProductName; branches?: Branch[] }
interface CsafDocument { product_tree?: { branches?: Branch[]; full_product_names?: FullProductName[] } }

function* productsOf(branches: Branch[] | undefined, trail: Branch[] = []): Generator<{ product: FullProductName; trail: Branch[] }> {
  for (const branch of branches ?? []) {
    const here = [...trail, branch];
    if (branch.product) yield { product: branch.product, trail: here };
    yield* productsOf(branch.branches, here);
  }
}

const readDocument = (file: string): CsafDocument => JSON.parse(readFileSync(path.join(cisa, file), 'utf8')) as CsafDocument;

/** The product_name branch of a product, read from the corpus document. */
function productName(file: string, productId: string): string {
  for (const { product, trail } of productsOf(readDocument(file).product_tree?.branches)) {
    if (product.product_id === productId) return trail.find((branch) => branch.category === 'product_name')!.name;
  }
  throw new Error(`${productId} not in ${file}`);
}

describe('normaliseModelNumber', () => {
  it('ignores spaces, hyphens, dashes, underscores and case', () => {
    assert.equal(normaliseModelNumber('6ES7 516-3AN01-0AB0'), normaliseModelNumber('6ES7516-3AN01-0AB0'));
    assert.equal(normaliseModelNumber('6es7516–3an01–0ab0'), '6ES75163AN010AB0');
    assert.equal(normaliseModelNumber(' 750-880/025-000 '), '750880/025000');
    assert.equal(normaliseModelNumber('ＢＭＸＰ３４２０２０'), 'BMXP342020');
  });

  it('keeps slashes and dots, which separate real parts', () => {
    assert.notEqual(normaliseModelNumber('750-8202/025-001'), normaliseModelNumber('750-82020/25-001'));
  });
});

describe('usesPlaceholderLetters', () => {
  it('reads lower-case x, y, z as placeholders only where no other lower-case letter is', () => {
    assert.ok(usesPlaceholderLetters('750-880/xxx-xxx'));
    assert.ok(usesPlaceholderLetters('FX5U-xMy/z'));
    assert.ok(usesPlaceholderLetters('6ED1052-xyyxx-0BA8'));
    assert.ok(!usesPlaceholderLetters('6es7412-1xj07-0ab0'));
    assert.ok(!usesPlaceholderLetters('6ES7412-1XJ07-0AB0'));
  });
});

describe('isModelNumberPattern', () => {
  it('tells patterns from plain model numbers', () => {
    assert.ok(isModelNumberPattern('6ES7516-3AN0*'));
    assert.ok(isModelNumberPattern('6AV2124-0GC01-0AX?'));
    assert.ok(isModelNumberPattern('ATV6xx'));
    assert.ok(isModelNumberPattern('*P\\*\\*?\\*'));
    assert.ok(!isModelNumberPattern('6ES7516-3AN01-0AB0'));
    assert.ok(!isModelNumberPattern('P\\*\\*'));
  });
});

describe('modelNumberMatches', () => {
  it('matches the same number however it is spaced or cased', () => {
    assert.ok(modelNumberMatches('6ES7516-3AN01-0AB0', '6ES7 516-3AN01-0AB0'));
    assert.ok(modelNumberMatches('6es7516-3an01-0ab0', '6ES7516-3AN01-0AB0'));
    assert.ok(!modelNumberMatches('6ES7516-3AN01-0AB0', '6ES7516-3AN02-0AB0'));
  });

  it('reads * as any run of characters and ? as exactly one', () => {
    assert.ok(modelNumberMatches('6ES7516-3AN0*', '6ES7 516-3AN01-0AB0'));
    assert.ok(modelNumberMatches('6ES7516-3AN0*', '6ES7516-3AN0'));
    assert.ok(!modelNumberMatches('6ES7516-3AN0*', '6ES7516-3FN01-0AB0'));
    assert.ok(modelNumberMatches('6AV2124-0GC01-0AX?', '6AV2124-0GC01-0AX0'));
    assert.ok(!modelNumberMatches('6AV2124-0GC01-0AX?', '6AV2124-0GC01-0AX'));
    assert.ok(!modelNumberMatches('6AV2124-0GC01-0AX?', '6AV2124-0GC01-0AX10'));
  });

  it('treats an upper-case X as the letter it is in Siemens order numbers', () => {
    assert.ok(modelNumberMatches('6ES7412-1XJ07-0AB0', '6ES7412-1XJ07-0AB0'));
    assert.ok(!modelNumberMatches('6ES7412-1XJ07-0AB0', '6ES7412-1AJ07-0AB0'));
    assert.ok(!modelNumberMatches('6es7412-1xj07-0ab0', '6ES7412-1AJ07-0AB0'));
  });

  it('reads the corpus placeholders: a run of x, y or z is one varying part', () => {
    assert.ok(modelNumberMatches('750-880/xxx-xxx', '750-880/025-000'));
    assert.ok(!modelNumberMatches('750-880/xxx-xxx', '750-881/025-000'));
    assert.ok(modelNumberMatches('ATV6xx', 'ATV630'));
    assert.ok(!modelNumberMatches('ATV6xx', 'ATV320'));
    assert.ok(!modelNumberMatches('ATV6xx', 'ATV6'));
    assert.ok(modelNumberMatches('140CPU65xxxxx', '140CPU65150'));
    assert.ok(modelNumberMatches('FX5U-xMy/z', 'FX5U-32MR/ES'));
  });

  it('narrows placeholders to the values an advisory lists', () => {
    const values = { x: ['32', '64', '80'], y: ['T', 'R'], z: ['ES', 'DS', 'ESS', 'DSS'] };
    assert.ok(modelNumberMatches('FX5U-xMy/z', 'FX5U-64MT/DSS', values));
    assert.ok(!modelNumberMatches('FX5U-xMy/z', 'FX5U-48MT/DSS', values));
    assert.ok(!modelNumberMatches('FX5U-xMy/z', 'FX5U-32MR/DS-TS', values));
  });

  it('matches nothing when either side is empty', () => {
    assert.ok(!modelNumberMatches('', ''));
    assert.ok(!modelNumberMatches('*', ''));
    assert.ok(!modelNumberMatches('-', '-'));
  });

  it('builds an anchored expression that escapes everything but the wildcards', () => {
    assert.equal(modelNumberRegExp('A.B*').source, '^A\\.B.*$');
    assert.ok(!modelNumberRegExp('A.B').test('AXB'));
  });
});

describe('placeholderValues', () => {
  it('reads comma-separated value lists and skips lists that ran together', () => {
    assert.deepEqual(placeholderValues('FX5U-xMy/z x=32,64,80, y=T,R, z=ES,DS,ESS,DSS with serial number 17X****'), { x: ['32', '64', '80'], y: ['T', 'R'], z: ['ES', 'DS', 'ESS', 'DSS'] });
    assert.deepEqual(placeholderValues('FX5UJ-xMy/ES-A x=24,40,60, y=T.R'), { x: ['24', '40', '60'], y: ['T', 'R'] });
    assert.deepEqual(placeholderValues('FX5U-xMy/z x=326480 y=TR z=ESDSESSDSS'), {});
  });
});

describe('looksLikeModelNumber', () => {
  it('accepts order numbers and part-number patterns and rejects words', () => {
    for (const token of ['6GK5208-0BA00-2AC2', 'BMXNOR0200H', 'BMXP34*', '2404671', '750-8202/025-001']) assert.ok(looksLikeModelNumber(token), token);
    for (const token of ['TIA Portal', 'EN', '4G', 'Q5', '-P', 'coated', 'Annex']) assert.ok(!looksLikeModelNumber(token), token);
  });
});

describe('modelNumbersInName', () => {
  it('reads order numbers, labelled part numbers and MLFB lists from parentheses', () => {
    assert.deepEqual(modelNumbersInName('SCALANCE XC208 (6GK5208-0BA00-2AC2)'), ['6GK5208-0BA00-2AC2']);
    assert.deepEqual(modelNumbersInName('Modicon M580 CPU Safety (part numbers BMEP58*S and BMEH58*S)'), ['BMEP58*S', 'BMEH58*S']);
    assert.deepEqual(modelNumbersInName('ILC 2050 BI-L (Article number 2404671)'), ['2404671']);
    assert.deepEqual(modelNumbersInName('SIMATIC S7-1500 CPU 1518-4 PN/DP MFP (MLFB: 6ES7518-4AX00-1AC0, 6AG1518-4AX00-4AC0, incl. SIPLUS variant)'), ['6ES7518-4AX00-1AC0', '6AG1518-4AX00-4AC0']);
    assert.deepEqual(modelNumbersInName('SIMATIC STEP 7 (TIA Portal) V13'), []);
  });
});

describe('model numbers of the corpus', { skip: corpusMissing }, () => {
  it('matches every model_numbers value of the CISA corpus in its printed form, and no other', (t) => {
    const values = new Set<string>();
    const shapes = new Map<string, number>();
    let skus = 0;
    for (const file of readdirSync(cisa, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'))) {
      const tree = readDocument(file).product_tree;
      const products = [...productsOf(tree?.branches)].map((entry) => entry.product).concat(tree?.full_product_names ?? []);
      for (const product of products) {
        for (const value of product.product_identification_helper?.model_numbers ?? []) values.add(value);
        skus += product.product_identification_helper?.skus?.length ?? 0;
      }
    }
    for (const value of values) {
      const shape = value.replace(/[A-Z]/g, 'A').replace(/\d/g, '9');
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    }
    t.diagnostic(`${values.size} distinct model_numbers, ${skus} skus; shapes: ${[...shapes].map(([shape, count]) => `${shape} ×${count}`).join(', ')}`);
    assert.ok(values.size > 500, `${values.size} model numbers read`);
    const list = [...values];
    for (const [index, value] of list.entries()) {
      assert.ok(!isModelNumberPattern(value), `${value} has no wildcard`);
      // Siemens prints the MLFB with a space after the fourth character: "6ES7 516-3AN01-0AB0".
      assert.ok(modelNumberMatches(value, `${value.slice(0, 4)} ${value.slice(4)}`), value);
      const neighbour = list[(index + 1) % list.length]!;
      assert.equal(modelNumberMatches(value, neighbour), normaliseModelNumber(value) === normaliseModelNumber(neighbour), `${value} / ${neighbour}`);
    }
  });

  it('reads the wildcard forms the CISA corpus writes into product names', () => {
    // icsa-21-194-02 CSAFPID-0003: "Modicon M340 CPU (part numbers BMXP34*)".
    const m340 = modelNumbersInName(productName('csaf_files/OT/white/2021/icsa-21-194-02.json', 'CSAFPID-0003'));
    assert.deepEqual(m340, ['BMXP34*']);
    assert.ok(modelNumberMatches(m340[0]!, 'BMXP342020'));
    assert.ok(!modelNumberMatches(m340[0]!, 'BMEP582040'));
    // icsa-23-201-01 CSAFPID-0005: "Modicon M580 CPU Safety (part numbers BMEP58*S and BMEH58*S)".
    const m580 = modelNumbersInName(productName('csaf_files/OT/white/2023/icsa-23-201-01.json', 'CSAFPID-0005'));
    assert.ok(m580.some((pattern) => modelNumberMatches(pattern, 'BMEP584040S')));
    assert.ok(!m580.some((pattern) => modelNumberMatches(pattern, 'BMEP584040')));
    // icsa-20-308-01 CSAFPID-0005: the product name is the pattern "750-880/xxx-xxx".
    assert.ok(modelNumberMatches(productName('csaf_files/OT/white/2020/icsa-20-308-01.json', 'CSAFPID-0005'), '750-880/025-002'));
    // icsa-23-262-05 CSAFPID-0004: Omron "CJ2M-CPU**".
    assert.ok(modelNumberMatches(productName('csaf_files/OT/white/2023/icsa-23-262-05.json', 'CSAFPID-0004'), 'CJ2M-CPU33'));
    // icsa-22-139-01 CSAFPID-0009: "MELSEC iQ-F FX5U-xMy/z x=32,64,80, y=T,R, z=ES,DS,ESS,DSS with serial number 17X**** or later".
    const fx5u = productName('csaf_files/OT/white/2022/icsa-22-139-01.json', 'CSAFPID-0009');
    const values = placeholderValues(fx5u);
    assert.ok(modelNumberMatches('FX5U-xMy/z', 'FX5U-80MR/ESS', values));
    assert.ok(!modelNumberMatches('FX5U-xMy/z', 'FX5U-80MR/ES-A', values));
  });

  it('applies the CSAF 2.1 wildcard and escape rules of the OASIS test documents', () => {
    const pattern = (name: string): string => {
      const doc = JSON.parse(readFileSync(path.join(oasis, name), 'utf8')) as CsafDocument;
      const helper = doc.product_tree!.full_product_names![0]!.product_identification_helper!;
      return (helper.model_numbers ?? helper.skus)![0]!;
    };
    // "*P\*\*?\*": anything, P, two literal stars, one character, a literal star.
    const starred = pattern('oasis_csaf_tc-csaf_2_1-2024-6-1-43-12.json');
    assert.ok(modelNumberMatches(starred, 'ABP**X*'));
    assert.ok(!modelNumberMatches(starred, 'ABPXYX*'));
    // "P\*\*\\?": P, two literal stars, a literal backslash, one character.
    const escaped = pattern('oasis_csaf_tc-csaf_2_1-2024-6-1-43-13.json');
    assert.ok(modelNumberMatches(escaped, 'P**\\A'));
    assert.ok(!modelNumberMatches(escaped, 'P**A'));
    // "NL?12*" (a SKU): one character between NL and 12.
    const sku = JSON.parse(readFileSync(path.join(oasis, 'oasis_csaf_tc-csaf_2_1-2024-6-1-61-11.json'), 'utf8')) as CsafDocument;
    const skus = sku.product_tree!.full_product_names![0]!.product_identification_helper!.skus!;
    assert.deepEqual(skus.filter((candidate) => modelNumberMatches(candidate, 'NLA12-0042')), ['NL?12*']);
  });

  it('matches the demo plant\'s model numbers against the advisories that affect them', () => {
    const checked: string[] = [];
    for (const entry of affected) {
      const machine = hammerUndMeissel.machines.find((candidate) => candidate.machine_id === entry.machine_id)!;
      const component = machine.components.find((candidate) => candidate.name === entry.component.name)!;
      if (component.model_number === null) continue;
      const found = [...productsOf(readDocument(entry.advisory).product_tree?.branches)].find(({ product }) => product.product_id === entry.product_id)!;
      const written = [...(found.product.product_identification_helper?.model_numbers ?? []), ...modelNumbersInName(found.product.name)];
      if (written.length === 0) continue;
      assert.ok(written.some((pattern) => modelNumberMatches(pattern, component.model_number!)), `${entry.machine_id} ${component.model_number} in ${written.join(', ')}`);
      checked.push(component.model_number);
    }
    // The SCALANCE XC208 and S615 and the S7-1500 F-CPU carry their order numbers in the advisory.
    assert.deepEqual(checked.sort(), ['6ES7516-3FN01-0AB0', '6GK5208-0BA00-2AC2', '6GK5615-0AA00-2AA2']);
  });
});
