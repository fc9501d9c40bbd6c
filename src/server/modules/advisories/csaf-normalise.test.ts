import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { normaliseCsaf } from './csaf-normalise.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

// Real documents from ../shared/corpus (CISA's CSAF feed and the OASIS examples and test files).
const corpus = corpusDir;
const cisa = path.join(corpus, 'cisa-csaf/csaf_files/OT/white');
const oasis = path.join(corpus, 'oasis-csaf/csaf_2.0');
const missing = existsSync(cisa) && existsSync(oasis) ? false : `corpus not found at ${corpus}: the real-document tests cannot run`;
if (missing) console.log(`# SKIP csaf-normalise: ${missing}`);

const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('normaliseCsaf on real documents', { skip: missing }, () => {
  it('reads a Siemens advisory republished by CISA: publisher, tracking, TLP, notes, products with helpers, vulnerabilities', () => {
    const advisory = normaliseCsaf(read(path.join(cisa, '2021/icsa-21-131-15.json')));
    assert.equal(advisory.csaf_version, '2.0');
    assert.equal(advisory.category, 'Siemens Security Advisory'); // non-standard, valid as csaf_base
    assert.deepEqual(advisory.publisher, { name: 'CISA', namespace: 'https://www.cisa.gov/', category: 'other', contact_details: 'central@cisa.dhs.gov' });
    assert.equal(advisory.tracking.id, 'ICSA-21-131-15');
    assert.equal(advisory.tracking.version, '2');
    assert.equal(advisory.tracking.status, 'final');
    assert.equal(advisory.tracking.initial_release_date, '2021-05-11T00:00:00.000000Z');
    assert.equal(advisory.tracking.current_release_date, '2022-03-08T00:00:00.000000Z');
    assert.deepEqual(advisory.tracking.revision_history.map((revision) => revision.number), ['1', '2']);
    assert.equal(advisory.tlp_label, 'WHITE');
    assert.ok(advisory.title?.startsWith('Siemens'));
    assert.ok(advisory.notes.length > 0 && advisory.notes.every((note) => note.text.length > 0));

    assert.equal(advisory.products.length, 2);
    const [first, second] = advisory.products;
    assert.deepEqual(first!.branch_path, [
      { category: 'vendor', name: 'Siemens' },
      { category: 'product_name', name: 'SIMATIC S7-1500 CPU 1518-4 PN/DP MFP (MLFB: 6ES7518-4AX00-1AC0, 6AG1518-4AX00-4AC0, incl. SIPLUS variant)' },
      { category: 'product_version_range', name: 'vers:all/*' },
    ]);
    assert.equal(first!.product_id, 'CSAFPID-0001');
    assert.equal(first!.source, 'branch');
    assert.equal(first!.vendor, 'Siemens');
    assert.equal(first!.vendor_norm, 'siemens');
    assert.equal(first!.product_version, null);
    assert.equal(first!.product_version_range, 'vers:all/*');
    assert.equal(second!.product_name, 'SIMATIC S7-1500 CPU 1518F-4 PN/DP MFP');
    assert.equal(second!.product_name_norm, 'simatic s7-1500 cpu 1518f-4 pn/dp mfp');
    assert.deepEqual(second!.helpers.model_numbers, ['6ES7518-4FX00-1AC0']);
    assert.deepEqual(advisory.identifiers, [{ product_id: 'CSAFPID-0002', kind: 'model_number', value: '6ES7518-4FX00-1AC0', value_norm: '6es7518-4fx00-1ac0' }]);

    assert.equal(advisory.vulnerabilities.length, 2);
    const vulnerability = advisory.vulnerabilities[0]!;
    assert.equal(vulnerability.cve, 'CVE-2020-0591');
    assert.equal(vulnerability.cwe_id, 'CWE-119');
    assert.equal(vulnerability.cwe_name, 'Improper Restriction of Operations within the Bounds of a Memory Buffer');
    assert.deepEqual(vulnerability.scores, [{
      cvss_version: '3.1', vector: 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C', base_score: 6.7, base_severity: 'MEDIUM', product_ids: ['CSAFPID-0001', 'CSAFPID-0002'],
    }]);
    assert.deepEqual(vulnerability.product_status, [{ status: 'known_affected', product_id: 'CSAFPID-0001' }, { status: 'known_affected', product_id: 'CSAFPID-0002' }]);
    assert.deepEqual(vulnerability.remediations.map((remediation) => [remediation.category, remediation.product_ids]), [
      ['no_fix_planned', ['CSAFPID-0001', 'CSAFPID-0002']],
      ['mitigation', ['CSAFPID-0001', 'CSAFPID-0002']],
    ]);
  });

  it('keeps version ranges as written and the not-affected products per vulnerability', () => {
    const advisory = normaliseCsaf(read(path.join(cisa, '2019/icsa-19-211-01.json')));
    const byId = new Map(advisory.products.map((product) => [product.product_id, product]));
    assert.equal(byId.get('CSAFPID-0001')!.product_version, '6.9.4.11');
    assert.equal(byId.get('CSAFPID-0009')!.product_version_range, '>=5.3|<=6.4');
    assert.equal(byId.get('CSAFPID-0012')!.product_version_range, '>=MCE_3.x_Cert_Edition');
    assert.equal(byId.get('CSAFPID-0009')!.product_name, 'VxWorks');
    assert.equal(byId.get('CSAFPID-0009')!.vendor, 'Wind River');
    const first = advisory.vulnerabilities[0]!;
    assert.deepEqual(first.product_status.filter((entry) => entry.status === 'known_not_affected').map((entry) => entry.product_id), ['CSAFPID-0008', 'CSAFPID-0009', 'CSAFPID-0010', 'CSAFPID-0011', 'CSAFPID-0012']);
    const fix = first.remediations.find((remediation) => remediation.category === 'vendor_fix')!;
    assert.equal(fix.url, 'mailto:PSIRT@windriver.com');
  });

  it('flattens relationships into products that name the two products they combine', () => {
    const advisory = normaliseCsaf(read(path.join(oasis, 'examples/csaf/rhsa-2021_5186.json')));
    const combined = advisory.products.filter((product) => product.source === 'relationship');
    assert.equal(combined.length, 3);
    assert.equal(combined[0]!.relationship!.category, 'default_component_of');
    assert.equal(combined[0]!.relationship!.relates_to_product_reference, '8Base-RHOSE-4.6');
    assert.ok(advisory.products.some((product) => product.product_id === combined[0]!.relationship!.product_reference));
  });

  it('adds the members of product groups to a threat that names only the group', () => {
    const advisory = normaliseCsaf(read(path.join(oasis, 'test/validator/data/mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-04-11.json')));
    assert.deepEqual(advisory.product_groups, [{ group_id: 'CSAFGID-1020301', summary: null, product_ids: ['CSAFPID-9080700', 'CSAFPID-9080701'] }]);
    assert.deepEqual(advisory.products.map((product) => [product.source, product.name]), [['full_product_name', 'Product A'], ['full_product_name', 'Product B']]);
    const threat = advisory.vulnerabilities[0]!.threats[0]!;
    assert.deepEqual(threat.group_ids, ['CSAFGID-1020301']);
    assert.deepEqual(threat.product_ids, ['CSAFPID-9080700', 'CSAFPID-9080701']);
  });

  it('reads every corpus document: the flattened counts equal the documents’ own', () => {
    const files = readdirSync(cisa, { recursive: true, encoding: 'utf8' }).filter((name) => /^\d{4}[/\\].*\.json$/.test(name));
    assert.equal(files.length, 2035);
    let products = 0;
    let vulnerabilities = 0;
    let statuses = 0;
    let remediations = 0;
    let modelNumbers = 0;
    for (const file of files) {
      const advisory = normaliseCsaf(read(path.join(cisa, file)));
      assert.ok(advisory.tracking.id && advisory.tracking.version && advisory.publisher.namespace, file);
      assert.ok(advisory.products.every((product) => product.branch_path.length > 0 && product.name.length > 0), file);
      products += advisory.products.length;
      vulnerabilities += advisory.vulnerabilities.length;
      statuses += advisory.vulnerabilities.reduce((sum, vulnerability) => sum + vulnerability.product_status.length, 0);
      remediations += advisory.vulnerabilities.reduce((sum, vulnerability) => sum + vulnerability.remediations.length, 0);
      modelNumbers += advisory.products.filter((product) => product.helpers.model_numbers.length > 0).length;
    }
    // Counted independently over the raw JSON (python) when the corpus was added.
    assert.deepEqual({ products, vulnerabilities, statuses, remediations, modelNumbers }, { products: 14177, vulnerabilities: 6637, statuses: 36075, remediations: 29676, modelNumbers: 4509 });
  });
});

describe('normaliseCsaf on constructed shapes', () => {
  it('walks a product tree nested 10,000 branches deep without overflowing the stack', () => {
    let branch: Record<string, unknown> = { category: 'product_version', name: '1.0', product: { name: 'Deep 1.0', product_id: 'P1' } };
    for (let depth = 0; depth < 10_000; depth += 1) branch = { category: 'product_family', name: `f${depth}`, branches: [branch] };
    const advisory = normaliseCsaf({ document: {}, product_tree: { branches: [branch] } });
    assert.equal(advisory.products.length, 1);
    assert.equal(advisory.products[0]!.branch_path.length, 10_001);
    assert.equal(advisory.products[0]!.product_family, 'f0');
    assert.equal(advisory.products[0]!.product_version, '1.0');
  });

  it('reads CSAF 2.1 metrics (CVSS v4), cwes and purls', () => {
    const advisory = normaliseCsaf({
      document: { csaf_version: '2.1' },
      product_tree: { full_product_names: [{ name: 'App 2', product_id: 'A2', product_identification_helper: { purls: ['pkg:npm/app@2.0.0'], cpe: 'cpe:2.3:a:acme:app:2.0:*:*:*:*:*:*:*' } }] },
      vulnerabilities: [{
        cwes: [{ id: 'CWE-79', name: 'XSS', version: '4.13' }],
        metrics: [{ products: ['A2'], content: { cvss_v4: { version: '4.0', vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', baseScore: 9.3, baseSeverity: 'CRITICAL' } } }],
        product_status: { unknown: ['A2'] },
      }],
    });
    const vulnerability = advisory.vulnerabilities[0]!;
    assert.equal(vulnerability.cwe_id, 'CWE-79');
    assert.deepEqual(vulnerability.scores.map((score) => [score.cvss_version, score.base_score, score.product_ids]), [['4.0', 9.3, ['A2']]]);
    assert.deepEqual(vulnerability.product_status, [{ status: 'unknown', product_id: 'A2' }]);
    assert.deepEqual(advisory.identifiers.map((identifier) => identifier.kind), ['cpe', 'purl']);
  });

  it('keeps a product id defined twice as two products (a flagged document is stored as written)', () => {
    const advisory = normaliseCsaf({ product_tree: { full_product_names: [{ name: 'A', product_id: 'P' }, { name: 'B', product_id: 'P' }] } });
    assert.deepEqual(advisory.products.map((product) => product.name), ['A', 'B']);
  });

  it('returns an empty record for something that is not a CSAF document', () => {
    const advisory = normaliseCsaf([1, 2, 3]);
    assert.equal(advisory.tracking.id, null);
    assert.deepEqual([advisory.products, advisory.vulnerabilities, advisory.notes], [[], [], []]);
  });
});
