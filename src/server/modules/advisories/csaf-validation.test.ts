import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CSAF_MAX_BYTES,
  CSAF_MAX_DEPTH,
  CSAF_MAX_FINDINGS_PER_TEST,
  jsonDepthExceeds,
  prohibitedCategoryFinding,
  sizeRefusal,
  testIdOf,
  verdictOf,
  type CsafTestOutcome,
} from './csaf-checks.ts';
import { createCsafValidator, type CsafValidator } from './csaf-validation.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

// Real data: ../shared/corpus (relative to the project root). Tests that need it are skipped with
// the reason printed when it is missing.
const corpus = corpusDir;
const oasisData = path.join(corpus, 'oasis-csaf/csaf_2.0/test/validator/data');
const cisaFiles = path.join(corpus, 'cisa-csaf/csaf_files');
const oasisMissing = existsSync(path.join(oasisData, 'testcases.json')) ? false : `the OASIS CSAF test data is missing (${oasisData})`;
const cisaMissing = existsSync(cisaFiles) ? false : `the CISA CSAF corpus is missing (${cisaFiles})`;
for (const reason of [oasisMissing, cisaMissing]) if (reason) console.log(`# SKIP: ${reason}`);

interface Branch {
  category: string;
  name: string;
  branches?: Branch[];
  product?: { name: string; product_id: string };
}

interface Fixture {
  document: Record<string, unknown>;
  product_tree: { branches: Branch[] };
  vulnerabilities?: unknown[];
}

/** A small valid CSAF 2.0 document (profile CSAF Base); `change` edits a copy. */
function minimalDocument(change: (document: Fixture) => void = () => {}): Fixture {
  const document: Fixture = {
    document: {
      category: 'csaf_base',
      csaf_version: '2.0',
      lang: 'de-DE',
      publisher: { category: 'vendor', name: 'Beispiel AG', namespace: 'https://beispiel.example' },
      title: 'Beispielmeldung',
      tracking: {
        current_release_date: '2024-05-01T10:00:00.000Z',
        id: 'BSP-2024-0001',
        initial_release_date: '2024-05-01T10:00:00.000Z',
        revision_history: [{ date: '2024-05-01T10:00:00.000Z', number: '1', summary: 'Erstveröffentlichung' }],
        status: 'final',
        version: '1',
      },
    },
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Beispiel AG',
          branches: [{ category: 'product_name', name: 'Steuerung S1', branches: [{ category: 'product_version', name: '2.4.1', product: { name: 'Beispiel AG Steuerung S1 2.4.1', product_id: 'S1-241' } }] }],
        },
      ],
    },
  };
  change(document);
  return document;
}

const text = (document: unknown): string => JSON.stringify(document, null, 2);

let validator: CsafValidator;

before(async () => {
  validator = await createCsafValidator();
  await validator.ready;
});

after(async () => {
  await validator.close();
});

describe('CSAF validation: documents', () => {
  it('passes a small valid document and returns it parsed', async () => {
    const result = await validator.validateText(text(minimalDocument()));
    assert.deepEqual(result.errors, []);
    assert.equal(result.valid, true);
    assert.equal(result.schemaValid, true);
    assert.equal((result.document as { document: { tracking: { id: string } } }).document.tracking.id, 'BSP-2024-0001');
  });

  it('reports a schema violation with its pointer and keeps running the mandatory tests', async () => {
    const result = await validator.validateText(
      text(
        minimalDocument((document) => {
          document.document.unexpected = true;
          document.product_tree.branches[0]!.branches![0]!.branches!.push({ category: 'product_version', name: '2.5', product: { name: 'S1 2.5', product_id: 'S1-241' } });
        }),
      ),
    );
    assert.equal(result.valid, false);
    assert.equal(result.schemaValid, false);
    const schema = result.errors.filter((error) => error.test === 'schema');
    assert.deepEqual(schema.map((error) => [error.code, error.path, error.value]), [['CSAF_SCHEMA', '/document/unexpected', 'unexpected']]);
    // 6.1.2: the product id is defined twice; found although the schema failed.
    const duplicate = result.errors.find((error) => error.test === '6.1.2');
    assert.equal(duplicate?.code, 'CSAF_MANDATORY_TEST');
    assert.match(duplicate.path ?? '', /^\/product_tree\/branches\/0\/branches\/0\/branches\/[01]\/product\/product_id$/);
    assert.match(duplicate.message, /^Mandatory test 6\.1\.2 failed: /);
  });

  it('reports CVSS schema violations as test 6.1.8, not as schema errors', async () => {
    const result = await validator.validateText(
      text(
        minimalDocument((document) => {
          document.vulnerabilities = [
            {
              cve: 'CVE-2024-0001',
              product_status: { known_affected: ['S1-241'] },
              scores: [{ products: ['S1-241'], cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, baseSeverity: 'GIGANTIC' } }],
            },
          ];
        }),
      ),
    );
    assert.equal(result.valid, false);
    assert.equal(result.schemaValid, true, JSON.stringify(result.errors));
    assert.ok(!result.errors.some((error) => error.test === 'schema'));
    const cvss = result.errors.filter((error) => error.test === '6.1.8');
    assert.ok(cvss.every((error) => error.code === 'CSAF_MANDATORY_TEST' && error.path?.startsWith('/vulnerabilities/0/scores/0/cvss_v3')), JSON.stringify(cvss));
    assert.ok(cvss.some((error) => error.path === '/vulnerabilities/0/scores/0/cvss_v3/baseSeverity'), JSON.stringify(cvss));
    // (6.1.9 also fails: the severity does not match the score.)
  });

  it('files optional findings as warnings and informative ones as infos, neither affecting validity', async () => {
    const result = await validator.validateText(text(minimalDocument((document) => delete document.document.lang)));
    assert.equal(result.valid, true);
    const warning = result.warnings.find((problem) => problem.test === '6.2.12');
    assert.deepEqual([warning?.code, warning?.path], ['CSAF_OPTIONAL_TEST', '/document']);
    assert.ok(result.warnings.every((problem) => problem.code === 'CSAF_OPTIONAL_TEST' && problem.test.startsWith('6.2.')));
    const withoutCve = await validator.validateText(text(minimalDocument((document) => (document.vulnerabilities = [{ title: 'Ohne CVE', product_status: { known_affected: ['S1-241'] } }]))));
    const info = withoutCve.infos.find((problem) => problem.test === '6.3.3');
    assert.deepEqual([info?.code, info?.path], ['CSAF_INFORMATIVE_TEST', '/vulnerabilities/0']);
  });

  it('does not run the informative tests that reach the network (6.3.6, 6.3.7) or spawn hunspell (6.3.8)', async () => {
    const result = await validator.validateText(
      text(minimalDocument((document) => (document.document.references = [{ category: 'external', summary: 'x', url: 'https://unreachable.invalid/a' }]))),
    );
    const tests = new Set([...result.errors, ...result.warnings, ...result.infos].map((problem) => problem.test));
    for (const test of ['6.3.6', '6.3.7', '6.3.8']) assert.ok(!tests.has(test), test);
  });

  it('refuses 6.1.26 categories that equal another profile’s value, once (our supplement to the library)', async () => {
    const ours = await validator.validateText(text(minimalDocument((document) => (document.document.category = 'csafsecurityadvisory'))));
    assert.equal(ours.schemaValid, true);
    assert.deepEqual(
      ours.errors.map((error) => [error.code, error.test, error.path]),
      [['CSAF_MANDATORY_TEST', '6.1.26', '/document/category']],
    );
    // The library's own finding is not doubled by ours.
    const library = await validator.validateText(text(minimalDocument((document) => (document.document.category = 'Security_Advisory'))));
    assert.deepEqual(library.errors.map((error) => [error.test, error.message]), [['6.1.26', 'Mandatory test 6.1.26 failed: value prohibited']]);
    const fine = await validator.validateText(text(minimalDocument((document) => (document.document.category = 'Siemens Security Advisory'))));
    assert.equal(fine.valid, true, JSON.stringify(fine.errors));
  });
});

describe('CSAF validation: bad input', () => {
  it('reports truncated and non-JSON text as one error with test json', async () => {
    const full = text(minimalDocument());
    for (const input of [full.slice(0, Math.floor(full.length / 2)), '<html><script>alert(1)</script></html>', '', '{"document": {}} trailing']) {
      const result = await validator.validateText(input);
      assert.equal(result.valid, false);
      assert.equal(result.schemaValid, false);
      assert.equal(result.document, undefined);
      assert.equal(result.errors.length, 1, input.slice(0, 40));
      assert.deepEqual([result.errors[0]!.code, result.errors[0]!.test], ['CSAF_NOT_JSON', 'json']);
      assert.deepEqual([result.warnings, result.infos], [[], []]);
    }
  });

  it('refuses a 50 MB document before parsing it, as text and as bytes', async () => {
    const note = 'A'.repeat(50 * 1024 * 1024);
    const huge = text(minimalDocument((document) => (document.document.notes = [{ category: 'summary', text: note }])));
    const result = await validator.validateText(huge);
    assert.equal(result.valid, false);
    assert.equal(result.document, undefined);
    assert.deepEqual(result.errors.map((error) => [error.code, error.test]), [['CSAF_DOCUMENT_TOO_LARGE', 'json']]);
    assert.equal(result.errors[0]!.params?.limit, CSAF_MAX_BYTES);
    assert.equal(result.errors[0]!.params?.size, Buffer.byteLength(huge));
    const bytes = await validator.validateBytes(Buffer.from(huge));
    assert.deepEqual(bytes.errors.map((error) => error.code), ['CSAF_DOCUMENT_TOO_LARGE']);
  });

  it('has its size limit at CSAF_MAX_BYTES exactly', () => {
    assert.equal(sizeRefusal(CSAF_MAX_BYTES, 'en'), undefined);
    assert.equal(sizeRefusal(CSAF_MAX_BYTES + 1, 'en')?.errors[0]?.code, 'CSAF_DOCUMENT_TOO_LARGE');
    assert.match(sizeRefusal(CSAF_MAX_BYTES + 1, 'de')!.errors[0]!.message, /zu groß \(20971521 Bytes, höchstens 20971520\)/);
  });

  it('refuses JSON nested 10,000 deep without crashing, and keeps validating afterwards', async () => {
    const arrays = '['.repeat(10_000) + ']'.repeat(10_000);
    const inDocument = `{"document": {"category": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`;
    for (const input of [arrays, inDocument]) {
      const result = await validator.validateText(input);
      assert.deepEqual(result.errors.map((error) => [error.code, error.test]), [['CSAF_TOO_DEEP', 'json']]);
      assert.equal(result.document, undefined);
    }
    assert.equal((await validator.validateText(text(minimalDocument()))).valid, true);
  });

  it('hands a document nested up to the limit to the library without trouble', async () => {
    // Branches 48 deep: depth 2 (document, product_tree) + 2 per branch + 1 (product) = 99.
    const deep = minimalDocument((document) => {
      let branch: Branch = { category: 'product_version', name: '1.0', product: { name: 'Tief 1.0', product_id: 'DEEP-1' } };
      for (let level = 1; level < 48; level++) branch = { category: 'product_family', name: `Ebene ${level}`, branches: [branch] };
      document.product_tree = { branches: [branch] };
    });
    assert.equal(jsonDepthExceeds(JSON.stringify(deep), CSAF_MAX_DEPTH), false);
    const result = await validator.validateText(text(deep));
    assert.deepEqual(result.errors, []);
    assert.equal(result.valid, true);
  });

  it('refuses another csaf_version clearly, without the library’s follow-up noise', async () => {
    for (const version of ['2.1', 2]) {
      const result = await validator.validateText(text(minimalDocument((document) => (document.document.csaf_version = version))));
      assert.equal(result.schemaValid, false);
      assert.deepEqual(result.errors.map((error) => [error.code, error.test, error.path, error.value]), [['CSAF_VERSION_UNSUPPORTED', 'schema', '/document/csaf_version', String(version)]]);
      assert.ok(result.document, 'the parsed JSON is still returned');
    }
  });

  it('refuses JSON that is not an object', async () => {
    for (const input of ['[]', '"csaf"', '42', 'null']) {
      const result = await validator.validateText(input);
      assert.deepEqual(result.errors.map((error) => [error.code, error.test, error.path]), [['CSAF_SCHEMA', 'schema', '']]);
    }
  });

  it('reads bytes as strict UTF-8 and allows a byte order mark', async () => {
    const latin1 = Buffer.from(text(minimalDocument((document) => (document.document.title = 'Störung'))), 'latin1');
    const bad = await validator.validateBytes(latin1);
    assert.deepEqual(bad.errors.map((error) => [error.code, error.test]), [['CSAF_NOT_UTF8', 'json']]);
    const withBom = await validator.validateBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(minimalDocument()))]));
    assert.equal(withBom.valid, true);
    assert.ok(withBom.document);
  });

  it('checks validity alone with `tests: validity`: the same errors, no warnings or infos', async () => {
    const quick = await createCsafValidator({ workers: 1, tests: 'validity' });
    try {
      const input = text(minimalDocument((document) => {
        delete document.document.lang;
        document.document.category = 'csafvex';
      }));
      const [full, lean] = [await validator.validateText(input), await quick.validateText(input)];
      assert.ok(full.warnings.length > 0);
      assert.deepEqual([lean.valid, lean.schemaValid, lean.errors, lean.warnings, lean.infos], [full.valid, full.schemaValid, full.errors, [], []]);
      assert.deepEqual(lean.errors.map((error) => error.test), ['6.1.26']);
    } finally {
      await quick.close();
    }
  });

  it('rejects validations after close', async () => {
    const closing = await createCsafValidator({ workers: 1 });
    await closing.close();
    await assert.rejects(closing.validateText('{}'), /closed/);
  });
});

describe('CSAF validation: pure checks', () => {
  it('measures JSON depth outside strings only', () => {
    assert.equal(jsonDepthExceeds('[[[]]]', 3), false);
    assert.equal(jsonDepthExceeds('[[[[]]]]', 3), true);
    assert.equal(jsonDepthExceeds('{"a":{"b":{"c":1}}}', 3), false);
    assert.equal(jsonDepthExceeds('{"a":{"b":{"c":{}}}}', 3), true);
    assert.equal(jsonDepthExceeds(`["${'['.repeat(50)}"]`, 1), false, 'brackets in strings do not count');
    assert.equal(jsonDepthExceeds('["\\"[[[[", "\\\\", [[]]]', 3), false, 'escaped quotes and backslashes');
    assert.equal(jsonDepthExceeds('["\\\\"[[[[', 3), true, 'an escaped backslash ends the string');
    assert.equal(jsonDepthExceeds('["unterminated [[[[', 1), false);
  });

  it('tells 6.1.26 categories apart as CSAF 2.0 words the test', () => {
    const category = (value: unknown) => prohibitedCategoryFinding({ document: { category: value } });
    for (const prohibited of ['csafsecurityadvisory', 'Csaf Security Advisory', 'CSAF-VEX', 'csafinformationaladvisory', 'CSAF Security-Incident Response', 'Security—Advisory', 'security advisory', 'V-E-X']) {
      assert.equal(category(prohibited)?.instancePath, '/document/category', prohibited);
      assert.match(category(prohibited)!.message!, /^value prohibited: it matches the profile "/, prohibited);
    }
    assert.equal(category('csaf_BASE')?.message, 'reserved prefix used');
    assert.equal(category('CSAF_Vex')?.message, 'reserved prefix used');
    for (const allowed of ['csaf_base', 'csaf_vex', 'csaf_security_advisory', 'csaf_informational_advisory', 'csaf_security_incident_response', 'CSAF Base', 'csafbase', 'Siemens Security Advisory', 'OASIS CSAF TC Security Incident Response', 'Advisory']) {
      assert.equal(category(allowed), undefined, allowed);
    }
    assert.equal(category(42), undefined);
    assert.equal(prohibitedCategoryFinding({}), undefined);
    assert.equal(prohibitedCategoryFinding(null), undefined);
  });

  it('maps library results: test ids, groups, CVSS paths, thrown tests, the cap per test, both languages', () => {
    assert.equal(testIdOf('mandatoryTest_6_1_27_10'), '6.1.27.10');
    assert.equal(testIdOf('csaf_2_0_strict'), 'schema');
    const many = Array.from({ length: CSAF_MAX_FINDINGS_PER_TEST + 5 }, (_, index) => ({ instancePath: `/vulnerabilities/${index}/cve`, message: 'is duplicate' }));
    const outcomes: CsafTestOutcome[] = [
      { name: 'csaf_2_0_strict', group: 'schema', result: { isValid: false, errors: [{ instancePath: '/vulnerabilities/0/scores/0/cvss_v2/accessVector', message: 'must be equal to one of the allowed values', keyword: 'enum', params: { allowedValues: ['NETWORK', 'LOCAL'] } }] } },
      { name: 'mandatoryTest_6_1_3', group: 'mandatory', result: { isValid: false, errors: many } },
      { name: 'mandatoryTest_6_1_4', group: 'mandatory', thrown: 'boom' },
      { name: 'optionalTest_6_2_1', group: 'optional', result: { isValid: true, warnings: [{ instancePath: '/product_tree', message: 'unused' }] } },
      { name: 'optionalTest_6_2_2', group: 'optional', thrown: 'boom' },
      { name: 'informativeTest_6_3_1', group: 'informative', result: { infos: [{ instancePath: '/vulnerabilities/0', message: 'cvss v2 only' }] } },
    ];
    const verdict = verdictOf(outcomes, 'en');
    assert.equal(verdict.valid, false);
    assert.equal(verdict.schemaValid, true, 'CVSS findings are test 6.1.8, not schema errors');
    assert.deepEqual(verdict.errors[0], {
      code: 'CSAF_MANDATORY_TEST',
      message: 'Mandatory test 6.1.8 failed: must be equal to one of the allowed values: NETWORK, LOCAL',
      test: '6.1.8',
      path: '/vulnerabilities/0/scores/0/cvss_v2/accessVector',
      params: { test: '6.1.8', message: 'must be equal to one of the allowed values: NETWORK, LOCAL' },
    });
    assert.equal(verdict.errors.filter((error) => error.test === '6.1.3' && error.code === 'CSAF_MANDATORY_TEST').length, CSAF_MAX_FINDINGS_PER_TEST);
    assert.deepEqual(
      verdict.errors.filter((error) => error.code !== 'CSAF_MANDATORY_TEST').map((error) => [error.code, error.test, error.message]),
      [
        ['CSAF_TEST_NOT_RUN', '6.1.4', 'Test 6.1.4 could not run: boom'],
        ['CSAF_MORE_FINDINGS', '6.1.3', '5 more findings of test 6.1.3 are not listed.'],
      ],
    );
    assert.deepEqual(verdict.warnings.map((warning) => [warning.code, warning.test]), [['CSAF_OPTIONAL_TEST', '6.2.1'], ['CSAF_TEST_NOT_RUN', '6.2.2']]);
    assert.deepEqual(verdict.infos.map((info) => [info.code, info.test, info.path]), [['CSAF_INFORMATIVE_TEST', '6.3.1', '/vulnerabilities/0']]);

    const schema = verdictOf([{ name: 'csaf_2_0_strict', group: 'schema', result: { isValid: false, errors: [{ instancePath: '/document/tracking', message: "must have required property 'id'", keyword: 'required', params: { missingProperty: 'id' } }] } }], 'de');
    assert.equal(schema.schemaValid, false);
    assert.deepEqual(schema.errors.map((error) => [error.code, error.test, error.path, error.value, error.message]), [
      ['CSAF_SCHEMA', 'schema', '/document/tracking', 'id', "Verstößt gegen das CSAF-2.0-Schema: must have required property 'id'"],
    ]);
  });
});

/** The OASIS test documents of one mandatory test: those that must fail it and those that must not. */
interface OasisTestCase {
  id: string;
  group: string;
  failures?: { name: string }[];
  valid?: { name: string }[];
}

const oasisCases: OasisTestCase[] = oasisMissing
  ? []
  : (JSON.parse(readFileSync(path.join(oasisData, 'testcases.json'), 'utf8')) as { tests: OasisTestCase[] }).tests.filter((test) => test.group === 'mandatory');

describe('CSAF validation: the 147 OASIS mandatory-test documents, judged per test', { skip: oasisMissing }, () => {
  it('indexes 147 files for 43 mandatory tests', () => {
    assert.equal(oasisCases.length, 43);
    assert.equal(oasisCases.reduce((sum, test) => sum + (test.failures ?? []).length + (test.valid ?? []).length, 0), 147);
  });

  for (const testCase of oasisCases) {
    it(`test ${testCase.id}: ${(testCase.failures ?? []).length} failing and ${(testCase.valid ?? []).length} passing examples`, async () => {
      const judged = async (name: string) => {
        const result = await validator.validateText(readFileSync(path.join(oasisData, name), 'utf8'));
        return new Set(result.errors.map((error) => error.test));
      };
      for (const { name } of testCase.failures ?? []) {
        const failed = await judged(name);
        assert.ok(failed.has(testCase.id), `${name} must fail test ${testCase.id}; failed: ${[...failed].join(', ') || 'none'}`);
      }
      for (const { name } of testCase.valid ?? []) {
        const failed = await judged(name);
        assert.ok(!failed.has(testCase.id), `${name} must pass test ${testCase.id}; failed: ${[...failed].join(', ')}`);
      }
    });
  }
});

describe('CSAF validation: the OASIS optional and informative test documents', { skip: oasisMissing }, () => {
  it('files each as a warning or info of its test, except 6.3.6–6.3.8, which are not run', async () => {
    const cases = oasisMissing ? [] : (JSON.parse(readFileSync(path.join(oasisData, 'testcases.json'), 'utf8')) as { tests: OasisTestCase[] }).tests.filter((test) => test.group !== 'mandatory');
    const misjudged: string[] = [];
    let judged = 0;
    for (const testCase of cases) {
      for (const [expected, list] of [['fail', testCase.failures ?? []], ['pass', testCase.valid ?? []]] as const) {
        for (const { name } of list) {
          const result = await validator.validateText(readFileSync(path.join(oasisData, name), 'utf8'));
          const findings = result.warnings.concat(result.infos).filter((problem) => problem.test === testCase.id);
          const ownList = testCase.group === 'optional' ? result.warnings : result.infos;
          if ((expected === 'fail') !== findings.length > 0 || findings.some((problem) => !ownList.includes(problem))) misjudged.push(`${testCase.id} ${expected} ${path.basename(name)}`);
          judged++;
        }
      }
    }
    assert.equal(judged, 92);
    assert.deepEqual(misjudged, [
      '6.3.6 fail oasis_csaf_tc-csaf_2_0-2021-6-3-06-01.json',
      '6.3.6 fail oasis_csaf_tc-csaf_2_0-2021-6-3-06-02.json',
      '6.3.7 fail oasis_csaf_tc-csaf_2_0-2021-6-3-07-01.json',
      '6.3.8 fail oasis_csaf_tc-csaf_2_0-2021-6-3-08-01.json',
      '6.3.8 fail oasis_csaf_tc-csaf_2_0-2021-6-3-08-02.json',
    ]);
  });
});

/** The advisories of the CISA corpus: the JSON files in the year folders (the ROLIE feed lies beside them). */
function cisaAdvisories(): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json') && /^\d{4}$/.test(path.basename(folder))) files.push(full);
    }
  };
  walk(cisaFiles);
  return files.sort();
}

describe('CSAF validation: the CISA corpus', { skip: cisaMissing }, () => {
  it('finds 2,032 valid documents and 3 that fail only 6.1.11 (a CWE name)', async () => {
    const files = cisaAdvisories();
    assert.equal(files.length, 2035);
    const results = await Promise.all(files.map(async (file) => ({ file: path.basename(file), result: await validator.validateText(readFileSync(file, 'utf8')) })));
    const invalid = results.filter(({ result }) => !result.valid);
    assert.deepEqual(invalid.map(({ file }) => file), ['icsa-19-099-04.json', 'icsa-21-068-10.json', 'icsa-21-259-01.json']);
    for (const { file, result } of invalid) {
      assert.equal(result.schemaValid, true, file);
      assert.ok(result.errors.length > 0);
      for (const error of result.errors) {
        assert.deepEqual([error.code, error.test], ['CSAF_MANDATORY_TEST', '6.1.11'], `${file}: ${JSON.stringify(error)}`);
        assert.match(error.path ?? '', /^\/vulnerabilities\/\d+\/cwe\/name$/);
      }
    }
    assert.equal(results.filter(({ result }) => result.valid).length, 2032);
    for (const { file, result } of results) assert.equal(typeof (result.document as { document?: { tracking?: { id?: unknown } } }).document?.tracking?.id, 'string', file);
  });
});
