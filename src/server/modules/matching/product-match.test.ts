import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { normaliseCsaf } from '../advisories/csaf-normalise.ts';
import { affected, notAffected } from '../demo/hammer-und-meissel.affected.ts';
import { hammerUndMeissel } from '../demo/hammer-und-meissel.ts';
import { products as catalogProducts } from '../demo/plant-catalog.ts';
import { matchProductName } from './product-names.ts';
import { sameVendor } from './vendor-names.ts';
import {
  componentMatchKeys, conditionNotes, createJudge, impliedVendor, judgeMatch, leadingWordKeys, namedVersionVerdict, nameTokens, productMatchKeys, productModelNumbers,
  productVersionVerdict, rangeVerdict, sharesToken, type AdvisoryProductFacts, type ComponentFacts, type MatchVerdict,
} from './product-match.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

const white = path.join(corpusDir, 'cisa-csaf/csaf_files/OT/white');
const corpusMissing = existsSync(white) ? false : `corpus folder ${white} is missing (CI has it): real advisory products not judged`;

const noHelpers = { cpe: null, purls: [], model_numbers: [], serial_numbers: [], skus: [] };

function product(fields: Partial<AdvisoryProductFacts> & Pick<AdvisoryProductFacts, 'vendor' | 'product_name'>): AdvisoryProductFacts {
  return { name: fields.product_name ?? '', product_version: null, product_version_range: null, ...fields, helpers: { ...noHelpers, ...fields.helpers } };
}

function component(fields: Partial<ComponentFacts> & Pick<ComponentFacts, 'name'>): ComponentFacts {
  return { vendor: null, version: null, model_number: null, cpe: null, purl: null, serial_number: null, ...fields };
}

/** A product of a corpus advisory (`file` relative to cisa-csaf/csaf_files/OT/white), as matching reads it. */
function corpusProduct(file: string, productId: string): AdvisoryProductFacts {
  const document = normaliseCsaf(JSON.parse(readFileSync(path.join(white, file), 'utf8')));
  const found = document.products.find((candidate) => candidate.product_id === productId);
  assert.ok(found, `${productId} is in ${file}`);
  return found;
}

const siemens = (name: string, version: string | null, model_number: string | null = null): ComponentFacts => component({ vendor: 'Siemens', name, version, model_number });
const summary = (verdict: MatchVerdict | null): string | null => (verdict ? `${verdict.matched_by}/${verdict.confidence}/${verdict.specificity}` : null);

describe('rangeVerdict', () => {
  it('decides versions inside and outside the ranges the corpus writes', () => {
    assert.equal(rangeVerdict('vers:all/<V6.24', 'V6.20').holds, true);
    assert.equal(rangeVerdict('vers:all/<V6.24', 'V6.24').holds, false);
    assert.equal(rangeVerdict('<V5.2_SP3_HF15', 'V5.2 SP3').holds, true);
    assert.equal(rangeVerdict('>FW16_up_to_and_including_FW26', 'FW27').holds, false);
    assert.equal(rangeVerdict('2.1', '2.1').holds, true);
    assert.equal(rangeVerdict('2.1', '2.2').holds, false);
    assert.match(rangeVerdict('vers:all/<V6.24', 'V6.24').reason, /outside/);
  });

  it('takes all versions, also for a component without a version', () => {
    assert.deepEqual(rangeVerdict('vers:all/*', null), { holds: true, reason: "the advisory names all versions ('vers:all/*')" });
    assert.equal(rangeVerdict('All versions', 'V1').holds, true);
  });

  it('cannot decide an unparsable range, incomparable versions or a missing version, and says why', () => {
    const unreadable = rangeVerdict('see vendor notice', 'V1.0');
    assert.equal(unreadable.holds, null);
    assert.match(unreadable.reason, /cannot be read/);
    const incomparable = rangeVerdict('<V4.95', 'FH');
    assert.equal(incomparable.holds, null);
    assert.match(incomparable.reason, /cannot be compared|cannot be read/);
    assert.deepEqual(rangeVerdict('<V4.95', null), { holds: null, reason: "the component has no version to compare with '<V4.95'" });
    assert.deepEqual(rangeVerdict('<V4.95', '  '), { holds: null, reason: "the component has no version to compare with '<V4.95'" });
  });

  it('matches an unreadable exact text only with the same text', () => {
    assert.equal(rangeVerdict('Build Alpha/7', 'build alpha/7').holds, true);
    assert.equal(rangeVerdict('Build Alpha/7', 'Build Alpha/8').holds, null);
  });

  it('names order numbers written where the version belongs (ICSA-20-065-01: WAGO "750-82xx/xxx-xxx")', () => {
    const verdict = rangeVerdict('750-82xx/xxx-xxx', 'FW27');
    assert.equal(verdict.holds, null);
    assert.match(verdict.reason, /holds order numbers/);
  });

  it('cannot decide a range that holds only under a condition, but ignores notes naming the CVE', () => {
    const conditional = rangeVerdict('<V3.1 only if web components are used', 'V3.0');
    assert.equal(conditional.holds, null);
    assert.match(conditional.reason, /only under the condition/);
    assert.equal(rangeVerdict('<V3.1 only if web components are used', 'V3.1').holds, false);
    assert.equal(rangeVerdict('>= 4.4.0 (only affected by CVE-2019-10943)', 'V4.7').holds, true);
    assert.deepEqual(conditionNotes(['only affected by CVE-2019-10943', 'footnote *', 'CVE-2020-1 and CVE-2020-2', 'BIOS']), ['BIOS']);
  });
});

describe('namedVersionVerdict and productVersionVerdict', () => {
  it('takes versions of the release a product name carries', () => {
    assert.equal(namedVersionVerdict('V16', 'V16 Update 4').holds, true);
    assert.equal(namedVersionVerdict('V16', '16.0.1').holds, true);
    assert.equal(namedVersionVerdict('V16', 'V17').holds, false);
    assert.equal(namedVersionVerdict('V1.6', 'V16').holds, false);
    assert.equal(namedVersionVerdict('V16', null).holds, null);
  });

  it('prefers the range, then the version branch, then the version in the name; without any every version', () => {
    assert.equal(productVersionVerdict({ product_version: null, product_version_range: '<V2' }, 'V3', 'V1').holds, true);
    assert.equal(productVersionVerdict({ product_version: 'V1.0', product_version_range: null }, null, 'V1.1').holds, false);
    assert.equal(productVersionVerdict({ product_version: null, product_version_range: null }, 'V3', 'V1').holds, false);
    assert.equal(productVersionVerdict({ product_version: null, product_version_range: null }, null, null).holds, true);
  });
});

describe('judgeMatch: identifiers', () => {
  it('matches a CPE whose name covers the component, with the version in the range: high', () => {
    const advisory = product({ vendor: 'Siemens', product_name: 'Something else', product_version_range: '<V3.1', helpers: { ...noHelpers, cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_firmware:*:*:*:*:*:*:*:*' } });
    const ours = component({ vendor: 'Siemens', name: 'S7-1500 CPU', version: 'V2.9.4', cpe: 'cpe:2.3:o:siemens:simatic_s7-1500_firmware:2.9.4:*:*:*:*:*:*:*' });
    assert.equal(summary(judgeMatch(advisory, ours)), 'cpe/high/exact');
    assert.equal(judgeMatch(advisory, { ...ours, version: 'V3.1' }), null, 'the range excludes V3.1');
    // The CPE's own version stands in for a component without one.
    assert.equal(summary(judgeMatch(advisory, { ...ours, version: null })), 'cpe/high/exact');
  });

  it('compares a CPE version the advisory fixes, and falls back to names when the CPE names another product', () => {
    const advisory = product({ vendor: 'Microsoft', product_name: 'Windows 10 IoT Enterprise LTSC 2019', helpers: { ...noHelpers, cpe: 'cpe:2.3:o:microsoft:windows_10_1809:10.0.17763.5936:*:*:*:*:*:*:*' } });
    const windows = hammerUndMeissel.machines.find((machine) => machine.machine_id === 'HUM-RS-DRE-01')!.components.find((entry) => entry.vendor === 'Microsoft')!;
    const ours = component({ vendor: windows.vendor, name: windows.name, version: windows.component_version, cpe: windows.cpe });
    assert.equal(summary(judgeMatch(advisory, ours)), 'cpe/high/exact');
    assert.equal(judgeMatch(advisory, { ...ours, version: '10.0.17763.6000', cpe: 'cpe:2.3:o:microsoft:windows_10_1809:10.0.17763.6000:*:*:*:*:*:x64:*' }), null);
    const otherCpe = { ...advisory, helpers: { ...noHelpers, cpe: 'cpe:2.3:o:microsoft:windows_server_2019:*:*:*:*:*:*:*:*' } };
    assert.equal(summary(judgeMatch(otherCpe, ours)), 'name_version/medium/exact', 'the names still match');
  });

  it('matches package URLs by type, namespace, name and version; qualifiers the advisory gives must agree', () => {
    const advisory = product({ vendor: 'CODESYS', product_name: 'Runtime Toolkit', helpers: { ...noHelpers, purls: ['pkg:generic/codesys/runtime-toolkit@3.5.17?arch=arm'] } });
    const ours = component({ vendor: 'CODESYS', name: 'Laufzeit', version: '3.5.17', purl: 'pkg:generic/codesys/runtime-toolkit@3.5.17?arch=arm' });
    assert.equal(summary(judgeMatch(advisory, ours)), 'purl/high/exact');
    assert.equal(judgeMatch(advisory, { ...ours, purl: 'pkg:generic/codesys/runtime-toolkit@3.5.18?arch=arm', version: '3.5.18' }), null);
    assert.equal(judgeMatch(advisory, { ...ours, purl: 'pkg:generic/codesys/runtime-toolkit@3.5.17?arch=x86' }), null);
  });

  it('matches model numbers with wildcards, and excludes a component whose model number the product does not list', () => {
    const advisory = product({ vendor: 'Schneider Electric', product_name: 'Modicon M340 CPU', product_version_range: '<V3.40', helpers: { ...noHelpers, model_numbers: ['BMXP34*'] } });
    assert.equal(summary(judgeMatch(advisory, component({ vendor: 'Schneider Electric', name: 'M340', version: 'V3.30', model_number: 'BMXP342020' }))), 'model_number/high/exact');
    assert.equal(judgeMatch(advisory, component({ vendor: 'Schneider Electric', name: 'Modicon M340 CPU', version: 'V3.30', model_number: 'BMXP581020' })), null);
    // A component without a model number is judged by its name.
    assert.equal(summary(judgeMatch(advisory, component({ vendor: 'Schneider Electric', name: 'Modicon M340 CPU', version: 'V3.30' }))), 'name_version/medium/exact');
  });

  it('matches a serial number of the machine; identifiers never cross vendors', () => {
    const advisory = product({ vendor: 'Haas Automation', product_name: 'Haas Controller', helpers: { ...noHelpers, serial_numbers: ['1234*'] } });
    assert.equal(summary(judgeMatch(advisory, component({ vendor: 'Haas', name: 'Steuerung', version: '100.20', serial_number: '1234567' }))), 'serial_number/high/exact');
    const model = product({ vendor: 'Siemens', product_name: 'SCALANCE XC208', helpers: { ...noHelpers, model_numbers: ['6GK5208-0BA00-2AC2'] } });
    assert.equal(judgeMatch(model, component({ vendor: 'Phoenix Contact', name: 'Switch', version: '1.0', model_number: '6GK5208-0BA00-2AC2' })), null);
  });

  it('reads model numbers from the helpers, the SKUs and the names, but not CVE ids', () => {
    assert.deepEqual(
      productModelNumbers({ product_name: 'SCALANCE XC208 (6GK5208-0BA00-2AC2)', name: 'SCALANCE XC208 (CVE-2019-10943)', helpers: { ...noHelpers, skus: ['6GK5208-0BA00-2AB2'] } }),
      ['6GK5208-0BA00-2AB2', '6GK5208-0BA00-2AC2'],
    );
  });
});

describe('judgeMatch: names', () => {
  const s120 = product({ vendor: 'Siemens', product_name: 'SINAMICS S120 (incl. SIPLUS variants)', product_version_range: '<V5.2_SP3_HF15' });

  it('matches the same vendor and product with the version inside: medium', () => {
    assert.equal(summary(judgeMatch(s120, siemens('SINAMICS S120', 'V5.2 SP3'))), 'name_version/medium/exact');
    assert.equal(judgeMatch(s120, siemens('SINAMICS S120', 'V5.2 SP4')), null);
  });

  it('never lets an unparsable range match as medium', () => {
    const unreadable = { ...s120, product_version_range: 'firmware of the second generation' };
    const verdict = judgeMatch(unreadable, siemens('SINAMICS S120', 'V5.2 SP3'));
    assert.equal(summary(verdict), 'name_version/low/exact');
    assert.match(verdict!.reason, /cannot be read/);
  });

  it('is low for a component without version or vendor, and for related companies', () => {
    assert.equal(summary(judgeMatch(s120, siemens('SINAMICS S120', null))), 'name_version/low/exact');
    const vendorless = judgeMatch(s120, component({ name: 'Siemens SINAMICS S120', version: 'V5.2 SP3' }));
    assert.equal(summary(vendorless), 'name_version/low/exact');
    assert.match(vendorless!.reason, /has no vendor/);
    const energy = product({ vendor: 'Siemens Energy', product_name: 'SICAM A8000', product_version_range: '<V5' });
    assert.equal(summary(judgeMatch(energy, siemens('SICAM A8000', 'V4'))), 'name_version/low/exact');
  });

  it('is no match for another vendor, another product or a product outside any vendor branch of another vendor', () => {
    assert.equal(judgeMatch(s120, component({ vendor: 'ABB', name: 'SINAMICS S120', version: 'V5.2 SP3' })), null);
    assert.equal(judgeMatch(s120, siemens('SINAMICS G120', 'V5.2 SP3')), null);
    const full = product({ vendor: null, product_name: null, name: 'Siemens SINAMICS S120 V5.2' });
    assert.equal(judgeMatch(full, component({ vendor: 'ABB', name: 'SINAMICS S120', version: 'V5.2' })), null);
  });

  it('reads the vendor of a product outside any branch from the start of its name', () => {
    assert.equal(impliedVendor('Siemens SINAMICS S120', 'Siemens AG'), 'Siemens');
    assert.equal(impliedVendor('Phoenix Contact TC ROUTER 3002T-4G', 'PHOENIX CONTACT GmbH & Co. KG'), 'Phoenix Contact');
    assert.equal(impliedVendor('SINAMICS S120', 'Siemens'), null);
    const full = product({ vendor: null, product_name: null, name: 'Siemens SINAMICS S120' });
    assert.equal(summary(judgeMatch(full, siemens('SINAMICS S120', 'V5.2'))), 'name_version/medium/exact');
  });

  it('remembers verdicts within a run', () => {
    const judge = createJudge();
    const first = judge(s120, siemens('SINAMICS S120', 'V5.2 SP3'));
    assert.ok(first);
    assert.equal(judge(s120, siemens('SINAMICS S120', 'V5.2 SP3')), first);
    assert.equal(judge(s120, siemens('SINAMICS S120', 'V5.2 SP4')), null);
  });
});

describe('the name pre-check of a run', () => {
  it('reads letter and digit runs across word breaks and the implied product line', () => {
    assert.deepEqual([...nameTokens('S7-1500', 'Siemens')].sort(), ['1500', '7', '71500', 's']);
    assert.ok(nameTokens('CPU 1516-3 PN/DP', 'Siemens').has('simatic'));
    assert.ok(sharesToken(nameTokens('PFC 200', 'WAGO'), nameTokens('PFC200', 'WAGO')));
    assert.ok(!sharesToken(nameTokens('SINAMICS S120', 'Siemens'), nameTokens('SCALANCE XC208', 'Siemens')));
  });

  it('keeps out only the bare-brand matches of the name comparison: every corpus product name against the demo plant and the generator catalog', { skip: corpusMissing }, () => {
    const components = [
      ...hammerUndMeissel.machines.flatMap((machine) => machine.components.map((entry) => ({ vendor: entry.vendor, name: entry.name }))),
      ...catalogProducts.map((entry) => ({ vendor: entry.vendor, name: entry.name })),
      // Names as technicians shorten them.
      { vendor: 'Siemens', name: 'CPU 1516-3 PN/DP' }, { vendor: 'Siemens', name: 'S7-1500' }, { vendor: 'Siemens', name: 'SIPLUS S7-1500 CPU 1516-3 PN/DP' },
      { vendor: 'Siemens', name: 'ET 200SP CPU 1512SP-1 PN' }, { vendor: 'WAGO', name: 'PFC 200' }, { vendor: 'Moxa', name: 'NPort5110' },
    ];
    const named = new Map<string, { vendor: string; name: string }>();
    for (const file of readdirSync(white, { recursive: true, encoding: 'utf8' }).filter((entry) => entry.endsWith('.json') && !entry.includes('feed'))) {
      const document = normaliseCsaf(JSON.parse(readFileSync(path.join(white, file), 'utf8')));
      for (const entry of document.products) {
        if (entry.vendor !== null && entry.product_name !== null) named.set(`${entry.vendor}\u0000${entry.product_name}`, { vendor: entry.vendor, name: entry.product_name });
      }
    }
    let matching = 0;
    const rejected = new Set<string>();
    for (const advisory of named.values()) {
      for (const ours of components.filter((entry) => sameVendor(entry.vendor, advisory.vendor))) {
        if (matchProductName(advisory, ours).match === 'none') continue;
        matching += 1;
        if (!sharesToken(nameTokens(advisory.name, advisory.vendor), nameTokens(ours.name, advisory.vendor))) rejected.add(`${advisory.name} × ${ours.name}`);
      }
    }
    assert.ok(matching > 50, `${matching} matching name pairs`);
    // The comparison puts SIMOTION or SINAMICS before the brand-less names and takes them for models of that line.
    assert.deepEqual([...rejected].sort(), ['SIMOTION × ET 200SP CPU 1512SP-1 PN', 'SIMOTION × S7-1500', 'SINAMICS V90 × ET 200SP CPU 1512SP-1 PN', 'SINAMICS V90 × S7-1500']);
    assert.equal(judgeMatch(product({ vendor: 'Siemens', product_name: 'SIMOTION' }), siemens('S7-1500', 'V2.9')), null);
  });
});

describe('vendor keys of both sides', () => {
  it('keys a product by its vendor, or by the leading words of its name', () => {
    assert.deepEqual(productMatchKeys({ vendor: 'Siemens AG', name: 'x' }), ['siemens']);
    assert.deepEqual(productMatchKeys({ vendor: 'PHOENIX CONTACT, Innominate Security Technologies', name: 'x' }), ['phoenixcontact']);
    assert.deepEqual(leadingWordKeys('Siemens SINAMICS S120'), ['siemens', 'siemenssinamics', 'siemenssinamicss120']);
    assert.deepEqual(productMatchKeys({ vendor: null, name: 'Moxa NPort' }), ['moxa', 'moxanport']);
  });

  it('keys a component by its vendor and related companies, or without a vendor by its name and its machine builder', () => {
    assert.deepEqual(componentMatchKeys({ vendor: 'Allen-Bradley', name: 'ControlLogix' }, 'Schuler'), ['rockwellautomation']);
    assert.ok(componentMatchKeys({ vendor: 'Siemens', name: 'SICAM' }, null).includes('siemensenergy'));
    assert.ok(componentMatchKeys({ vendor: 'Hitachi Energy', name: 'Relion 670' }, null).includes('abb'));
    assert.deepEqual(componentMatchKeys({ vendor: null, name: 'CELOS' }, 'DMG MORI'), ['celos', 'dmgmori']);
    assert.deepEqual(componentMatchKeys({ vendor: '  ', name: 'Siemens S7' }, null), ['siemens', 'siemenss7']);
  });
});

describe('the demo plant fixture against its real advisories', { skip: corpusMissing }, () => {
  const fixtureFile = (advisory: string): string => advisory.replace(/^csaf_files\/OT\/white\//, '');
  const ofMachine = (machineId: string, name: string): ComponentFacts => {
    const machine = hammerUndMeissel.machines.find((candidate) => candidate.machine_id === machineId)!;
    const entry = machine.components.find((candidate) => candidate.name === name)!;
    return component({ vendor: entry.vendor, name: entry.name, version: entry.component_version, model_number: entry.model_number, cpe: entry.cpe, purl: entry.purl, serial_number: machine.serial_number ?? null });
  };

  it('matches every affected entry', () => {
    for (const entry of affected) {
      const verdict = judgeMatch(corpusProduct(fixtureFile(entry.advisory), entry.product_id), ofMachine(entry.machine_id, entry.component.name));
      assert.ok(verdict, `${entry.machine_id} ${entry.component.name} × ${entry.tracking_id} ${entry.product_id}`);
    }
  });

  it('matches no not-affected entry', () => {
    for (const entry of notAffected) {
      const verdict = judgeMatch(corpusProduct(fixtureFile(entry.advisory), entry.product_id), ofMachine(entry.machine_id, entry.component.name));
      assert.equal(verdict, null, `${entry.machine_id} ${entry.component.name} × ${entry.tracking_id} ${entry.product_id}: ${verdict?.reason}`);
    }
  });
});

describe('hand-checked pairs of components and real advisory products', { skip: corpusMissing }, () => {
  it('matches the affected pairs, each as expected', () => {
    const pairs: [string, string, ComponentFacts, string][] = [
      // 2022/icsa-22-314-04.json CSAFPID-0002: SINUMERIK ONE <V6.21; V6.20 is below the fix.
      ['2022/icsa-22-314-04.json', 'CSAFPID-0002', siemens('SINUMERIK ONE', 'V6.20'), 'name_version/medium/exact'],
      // 2023/icsa-23-348-06.json CSAFPID-0002: SINUMERIK ONE <V6.22; V6.20 is below.
      ['2023/icsa-23-348-06.json', 'CSAFPID-0002', siemens('SINUMERIK ONE', 'V6.20'), 'name_version/medium/exact'],
      // 2022/icsa-22-104-06.json CSAFPID-0056: SINAMICS S120 (incl. SIPLUS variants) <V5.2_SP3_HF13; SP3 without hotfix is below HF13.
      ['2022/icsa-22-104-06.json', 'CSAFPID-0056', siemens('SINAMICS S120', 'V5.2 SP3'), 'name_version/medium/exact'],
      // 2023/icsa-23-257-05.json CSAFPID-0004: SIMATIC IPC677E vers:all/<V25.02.14; BIOS V25.02.10 is below.
      ['2023/icsa-23-257-05.json', 'CSAFPID-0004', siemens('SIMATIC IPC677E', 'V25.02.10'), 'name_version/medium/exact'],
      // 2020/icsa-20-196-04.json CSAFPID-0006: SIMATIC WinCC Runtime Advanced vers:all/*: every version, V17 Update 6 too.
      ['2020/icsa-20-196-04.json', 'CSAFPID-0006', siemens('SIMATIC WinCC Runtime Advanced', 'V17 Update 6'), 'name_version/medium/exact'],
      // 2020/icsa-20-252-02.json CSAFPID-0001: SINUMERIK 840D sl with product_version vers:all/* (a range in the version branch).
      ['2020/icsa-20-252-02.json', 'CSAFPID-0001', siemens('SINUMERIK 840D sl', 'V4.93'), 'name_version/medium/exact'],
      // 2022/icsa-22-167-14.json CSAFPID-0406: the CPU's order number 6ES7516-3FN01-0AB0 is the helper's; vers:all/<V2.9.7.
      ['2022/icsa-22-167-14.json', 'CSAFPID-0406', siemens('SIMATIC S7-1500 CPU 1516F-3 PN/DP', 'V2.9.4', '6ES7516-3FN01-0AB0'), 'model_number/high/exact'],
      // 2019/icsa-19-344-06.json CSAFPID-0007: the S7-1500 CPU family, >= 2.8.1 (the note only names the CVE); the 1516F is a member.
      ['2019/icsa-19-344-06.json', 'CSAFPID-0007', siemens('SIMATIC S7-1500 CPU 1516F-3 PN/DP', 'V2.9.4', '6ES7516-3FN01-0AB0'), 'name_version/medium/family'],
      // 2023/icsa-23-075-01.json CSAFPID-0019: SCALANCE S615 (6GK5615-0AA00-2AA2) <V7.2; V7.1.1 is below, the order number matches.
      ['2023/icsa-23-075-01.json', 'CSAFPID-0019', siemens('SCALANCE S615', 'V7.1.1', '6GK5615-0AA00-2AA2'), 'model_number/high/exact'],
      // 2020/icsa-20-287-01.json CSAFPID-0001: MOXA "NPort" <= 2.1 names the whole line; the NPort 5110 with 2.1 is in it.
      ['2020/icsa-20-287-01.json', 'CSAFPID-0001', component({ vendor: 'Moxa', name: 'NPort 5110', version: '2.1', model_number: 'NPort 5110' }), 'name_version/medium/family'],
      // 2023/icsa-23-320-08.json CSAFPID-0034: SCALANCE XC216 (6GK5216-0BA00-2AC2) <V4.5; a XC216 still on V4.4 is affected.
      ['2023/icsa-23-320-08.json', 'CSAFPID-0034', siemens('SCALANCE XC216', 'V4.4', '6GK5216-0BA00-2AC2'), 'model_number/high/exact'],
      // 2023/icsa-23-262-05.json CSAFPID-0002: OMRON Smart Security Manager <= 1.5; the vendor written "OMRON" or "Omron" alike.
      ['2023/icsa-23-262-05.json', 'CSAFPID-0002', component({ vendor: 'Omron', name: 'Smart Security Manager', version: '1.5' }), 'name_version/medium/exact'],
      // 2022/icsa-22-349-03.json CSAFPID-0033: "CPU 1516F-3 PN/DP" as the plant writes it is the SIMATIC S7-1500 CPU the advisory names.
      ['2022/icsa-22-349-03.json', 'CSAFPID-0033', siemens('CPU 1516F-3 PN/DP', 'V2.9.4'), 'name_version/medium/exact'],
      // 2019/icsa-19-330-02.json CSAFPID-0003: ABB Relion 670 series <= 2.0.0.11, now sold by Hitachi Energy: related companies, low.
      ['2019/icsa-19-330-02.json', 'CSAFPID-0003', component({ vendor: 'Hitachi Energy', name: 'Relion 670 series', version: '2.0.0.10' }), 'name_version/low/family'],
    ];
    for (const [file, productId, ours, expected] of pairs) {
      const verdict = judgeMatch(corpusProduct(file, productId), ours);
      assert.equal(summary(verdict), expected, `${file} ${productId} × ${ours.name} ${ours.version}: ${verdict?.reason}`);
    }
  });

  it('does not match the non-matching pairs', () => {
    const pairs: [string, string, ComponentFacts][] = [
      // Version already fixed — 2022/icsa-22-286-11.json CSAFPID-0019: SCALANCE S615 vers:all/<V7.1.2; V7.1.2 is the fix.
      ['2022/icsa-22-286-11.json', 'CSAFPID-0019', siemens('SCALANCE S615', 'V7.1.2', '6GK5615-0AA00-2AA2')],
      // Version already fixed — 2023/icsa-23-348-05.json CSAFPID-0007: SINAMICS S120 <V5.2_SP3_HF15; HF15 is the fix.
      ['2023/icsa-23-348-05.json', 'CSAFPID-0007', siemens('SINAMICS S120', 'V5.2 SP3 HF15')],
      // Version already fixed — 2023/icsa-23-047-09.json CSAFPID-0008: SIMATIC IPC677E <V25.02.14; BIOS V25.02.14 is the fix.
      ['2023/icsa-23-047-09.json', 'CSAFPID-0008', siemens('SIMATIC IPC677E', 'V25.02.14')],
      // Version already fixed — 2023/icsa-23-348-06.json CSAFPID-0002: SINUMERIK ONE <V6.22; V6.22 is the fix.
      ['2023/icsa-23-348-06.json', 'CSAFPID-0002', siemens('SINUMERIK ONE', 'V6.22')],
      // Sibling product — 2021/icsa-21-222-05.json CSAFPID-0021: "SINUMERIK 828D HW PU.4" is the panel hardware, not the 828D control.
      ['2021/icsa-21-222-05.json', 'CSAFPID-0021', siemens('SINUMERIK 828D', 'V4.94')],
      // Sibling product — 2021/icsa-21-222-05.json CSAFPID-0023: the HT 10 handheld terminal of SINUMERIK ONE / 840D sl, not the control.
      ['2021/icsa-21-222-05.json', 'CSAFPID-0023', siemens('SINUMERIK 840D sl', 'V4.93')],
      // Sibling product — 2023/icsa-23-320-08.json CSAFPID-0027: SCALANCE XC208; a XC216 of the same family is another product.
      ['2023/icsa-23-320-08.json', 'CSAFPID-0027', siemens('SCALANCE XC216', 'V4.4', '6GK5216-0BA00-2AC2')],
      // Sibling product — 2019/icsa-19-344-06.json CSAFPID-0007: the S7-1500 CPU family does not cover an S7-1200 CPU.
      ['2019/icsa-19-344-06.json', 'CSAFPID-0007', siemens('SIMATIC S7-1200 CPU 1214C DC/DC/DC', 'V4.7', '6ES7214-1AG40-0XB0')],
      // Same name, other vendor — 2018/icsa-18-191-02.json CSAFPID-0002: "Compass" by SEL; Priva sells a "Compass" too.
      ['2018/icsa-18-191-02.json', 'CSAFPID-0002', component({ vendor: 'Priva', name: 'Compass', version: '2.0' })],
      // Same name, other vendor — 2017/icsa-17-040-01.json CSAFPID-0001: Hanwha Techwin's "Smart Security Manager", not Omron's.
      ['2017/icsa-17-040-01.json', 'CSAFPID-0001', component({ vendor: 'Omron', name: 'Smart Security Manager', version: '1.5' })],
      // Order number not listed — 2023/icsa-23-320-08.json CSAFPID-0027: only 6GK5208-0BA00-2AC2; this XC208 is 6GK5208-0BA00-2AB2.
      ['2023/icsa-23-320-08.json', 'CSAFPID-0027', siemens('SCALANCE XC208', 'V4.4', '6GK5208-0BA00-2AB2')],
      // Order number not listed — 2022/icsa-22-349-03.json CSAFPID-0033: only 6ES7516-3FN01-0AB0; this 1516F is the -3FN02- generation.
      ['2022/icsa-22-349-03.json', 'CSAFPID-0033', siemens('SIMATIC S7-1500 CPU 1516F-3 PN/DP', 'V2.9.4', '6ES7516-3FN02-0AB0')],
    ];
    for (const [file, productId, ours] of pairs) {
      const verdict = judgeMatch(corpusProduct(file, productId), ours);
      assert.equal(verdict, null, `${file} ${productId} × ${ours.vendor} ${ours.name} ${ours.version}: ${verdict?.reason}`);
    }
  });
});
