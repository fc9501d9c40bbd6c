import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { corpusDir } from '../../../test-support/corpus.ts';
import {
  normaliseRangeText,
  parseVersionRange,
  rangeContains,
  versionTextKind,
  type ParsedVersionRange,
  type RangeForm,
} from './version-range.ts';

function parsed(text: string): ParsedVersionRange {
  const result = parseVersionRange(text);
  assert.ok(!result.unparsable, `${JSON.stringify(text)}: ${result.unparsable ? result.reason : ''}`);
  return result;
}

/** Whether the range text contains the version; fails the test when the answer is null. */
function contains(text: string, version: string): boolean {
  const result = rangeContains(parseVersionRange(text), version);
  assert.notEqual(result.contains, null, `${text} ∋ ${version}: ${result.reason}`);
  return result.contains!;
}

describe('parseVersionRange', () => {
  it('reads every form the corpus writes into one vers range, saying how it read it', () => {
    const cases: [string, string, RangeForm][] = [
      ['<V3.1', 'vers:vendor/<V3.1', 'comparators'],
      ['<= 2.4', 'vers:vendor/<=2.4', 'comparators'],
      ['>= 1.0 | <= 2.0', 'vers:vendor/>=1.0|<=2.0', 'comparators'],
      ['All versions < V2.2', 'vers:vendor/<V2.2', 'comparators'],
      ['All versions', 'vers:vendor/*', 'all'],
      ['prior to 5.2', 'vers:vendor/<5.2', 'prose'],
      ['All versions prior to V1.5.1', 'vers:vendor/<V1.5.1', 'prose'],
      ['before V4.0', 'vers:vendor/<V4.0', 'prose'],
      ['V2.0 and later', 'vers:vendor/>=V2.0', 'prose'],
      ['5.2 and prior', 'vers:vendor/<=5.2', 'prose'],
      ['up to and including 3.1', 'vers:vendor/<=3.1', 'prose'],
      ['>= V3.0 < V3.2', 'vers:vendor/>=V3.0|<V3.2', 'comparators'],
      ['>=V3.0_and_<V3.2', 'vers:vendor/>=V3.0|<V3.2', 'comparators'],
      ['vers:all/>=2.0|<2.4', 'vers:all/>=2.0|<2.4', 'vers'],
      ['vers:all/*', 'vers:all/*', 'all'],
      ['< V5.2 SP3 HF15', 'vers:vendor/<V5.2SP3HF15', 'comparators'],
      ['<V5.2_SP3_HF15', 'vers:vendor/<V5.2SP3HF15', 'comparators'],
      ['V1.0 - V2.3', 'vers:vendor/>=V1.0|<=V2.3', 'interval'],
      ['V175-V189', 'vers:vendor/>=V175|<=V189', 'interval'],
      ['Versions 2.00 to 6.11', 'vers:vendor/>=2.00|<=6.11', 'interval'],
      ['between 1.0 and 1.4', 'vers:vendor/>=1.0|<=1.4', 'interval'],
      ['from 1.0 to 2.0', 'vers:vendor/>=1.0|<=2.0', 'interval'],
      ['from V3.0', 'vers:vendor/>=V3.0', 'prose'],
      ['since 2.1 onwards', 'vers:vendor/>=2.1', 'prose'],
      ['later than 4.2', 'vers:vendor/>4.2', 'prose'],
      ['All versions between V2.5 (including) and V2.7 (excluding)', 'vers:vendor/>=V2.5|<V2.7', 'interval'],
      ['V6.20', 'vers:vendor/V6.20', 'exact'],
      ['V1.1, V1.2, and V1.3', 'vers:vendor/V1.1|V1.2|V1.3', 'list'],
      ['1.1 | 1.2 | 1.3', 'vers:vendor/1.1|1.2|1.3', 'list'],
      ['V3.x', 'vers:vendor/>=V3|<V4', 'wildcard'],
      ['<=V2.x', 'vers:vendor/<V3', 'comparators'],
      ['>= 4.0.x | <= 4.6.4', 'vers:vendor/>=4.0|<=4.6.4', 'comparators'],
      ['>FW16_up_to_and_including_FW26', 'vers:vendor/>FW16|<=FW26', 'comparators'],
    ];
    for (const [text, canonical, form] of cases) {
      const result = parsed(text);
      assert.equal(result.canonical, canonical, text);
      assert.equal(result.form, form, text);
    }
  });

  it('sets conditions aside as notes instead of dropping them', () => {
    const notesOf = (text: string): string[] => parsed(text).notes;
    assert.deepEqual(notesOf('all versions < V3.0 (only affected by CVE-2021-44228)'), ['only affected by CVE-2021-44228']);
    assert.deepEqual(notesOf('<V10.4.1_only_if_web_components_are_used'), ['only if web components are used']);
    assert.deepEqual(notesOf('All_versions_with_option_G28'), ['with option G28']);
    assert.deepEqual(notesOf('<BIOS_V1.4.0'), ['BIOS']);
    assert.deepEqual(notesOf('NMC2 <= 6.9.6'), ['NMC2']);
    assert.deepEqual(notesOf('<=V2.5.0_and_Function_State_FS_10'), ['and Function State FS 10']);
    assert.deepEqual(notesOf('SCADA Web Server Version 2.02.0007 and prior'), ['SCADA Web Server']);
    assert.deepEqual(notesOf('2.2.0 *'), ['footnote *']);
    assert.deepEqual(notesOf('<V3.1 only on Windows'), ['only on Windows']);
    assert.equal(parsed('All_versions_with_option_G28').range.star, true);
  });

  it('keeps a build number in parentheses as part of the version', () => {
    assert.equal(parsed('1.01.14 (build 172)').canonical, 'vers:vendor/1.01.14build172');
  });

  it('reports the deviations it forgave', () => {
    assert.match(parsed('>=V1.0<V1.1').range.issues.join(), /joins 2 constraints without '\|'/);
    assert.match(parsed('<vers:/_V22.2_HotfixRev5').range.issues.join(), /stray 'vers:\/'/);
    assert.match(parsed('>=R6.01.01 -| <=R8.03.01').range.issues.join(), /dangling connector/);
    assert.match(parsed('< 1.28.16 | < 1.24.69').range.issues.join(), /not sorted/);
    assert.match(parsed('vers:all/<V6.24').range.issues.join(), /scheme 'all' allows only '\*'/);
    assert.deepEqual(parsed('<= 2.4').range.issues, []);
  });

  it('tolerates spaces, case, the V prefix, unicode comparators and trailing punctuation', () => {
    const same = ['<=V2.4', ' <= V2.4 ', '<=v2.4', '≤ V2.4', '=< 2.4', '<=\u00a0V2.4', '<= V2.4.', '<=_V2.4'];
    for (const text of same) {
      assert.equal(contains(text, '2.4'), true, text);
      assert.equal(contains(text, 'V2.4.1'), false, text);
    }
    assert.equal(parsed('≥ 3.0').canonical, 'vers:vendor/>=3.0');
    assert.equal(parsed('ALL VERSIONS').range.star, true);
    assert.equal(parsed('Prior To V5.0').canonical, 'vers:vendor/<V5.0');
    assert.equal(parsed('VERS:ALL/<V2.0').canonical, 'vers:all/<V2.0');
  });

  it('refuses what has no honest reading, with the reason', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['   ', /empty/],
      ['<=', /without a version/],
      ['>= <= 2.2 | 2.5.1', /without a version/],
      ['<April/13/2023', /date/],
      ['< January 31 2014', /date/],
      ['>= 5.0.0 | CVE-2019-18340', /CVE identifier/],
      ['<=with_OIS_running_on_Debian_9', /unknown word 'with'/],
      ['<=the_first_5_digits_of_serial_number_24031', /the word 'the'/],
      ['vers:all/including_affected_DNS_modules', /unknown word 'including'/],
      ['vers:all/', /no constraints/],
      ['A10 < A11', /text before the comparator/],
      ['16 <= 20', /text before the comparator/],
      ['< 9 Linux Image 2019-12-13', /unknown word 'linux'/],
      ['<V3.1 some trailing text', /unknown word 'some'/],
      ['prior to April 2021', /date/],
      ['<> V1.0 and V1.6', /without a version/],
      ['(FOX615 System Release R14A)', /only a remark/],
      ['|', /no version or range/],
    ];
    for (const [text, reason] of cases) {
      const result = parseVersionRange(text);
      assert.ok(result.unparsable, JSON.stringify(text));
      assert.match(result.reason, reason, JSON.stringify(text));
    }
  });

  it('normalises the spellings of free text', () => {
    assert.deepEqual(normaliseRangeText('>=V2.0_and_=<V2.5'), { text: '>=V2.0 and <=V2.5', issues: [] });
    assert.deepEqual(normaliseRangeText('V1.0–V2.0'), { text: 'V1.0 - V2.0', issues: [] });
  });
});

describe('versionTextKind', () => {
  it('tells an exact version from a range and from all versions', () => {
    assert.equal(versionTextKind('V6.20'), 'exact');
    assert.equal(versionTextKind('V5.2 SP3 HF15'), 'exact');
    assert.equal(versionTextKind('<V3.1'), 'range');
    assert.equal(versionTextKind('V1.0 | V1.2'), 'range');
    assert.equal(versionTextKind('V2.x'), 'range');
    assert.equal(versionTextKind('All versions'), 'all');
    assert.equal(versionTextKind('vers:all/*'), 'all');
    assert.equal(versionTextKind('vers:none/*'), 'range');
    assert.equal(versionTextKind('Gemini TF Big Bore'), 'unparsable');
    assert.equal(versionTextKind(''), 'unparsable');
  });
});

describe('rangeContains', () => {
  it('decides the forms of the issue with the vendor ordering', () => {
    assert.equal(contains('vers:all/<V6.24', 'V6.20'), true);
    assert.equal(contains('vers:all/<V6.24', 'V6.24'), false);
    assert.equal(contains('<V5.2_SP3_HF15', 'V5.2 SP3'), true);
    assert.equal(contains('<V5.2_SP3_HF15', 'V5.2 SP3 HF14'), true);
    assert.equal(contains('<V5.2_SP3_HF15', 'V5.2 SP3 HF15'), false);
    assert.equal(contains('<V5.2_SP3_HF15', 'V5.2 SP4'), false);
    assert.equal(contains('<V4.95', 'V4.94'), true);
    assert.equal(contains('<V4.95', '4.100'), false);
    assert.equal(contains('V1.0 - V2.3', 'V2.3'), true);
    assert.equal(contains('V1.0 - V2.3', 'V2.3.1'), false);
    assert.equal(contains('V2.0 and later', 'V10'), true);
    assert.equal(contains('prior to 5.2', '5.2-rc1'), true);
    assert.equal(contains('V3.x', '3.9.9'), true);
    assert.equal(contains('V3.x', '4.0'), false);
    assert.equal(contains('V6.20', 'v6.20'), true);
    assert.equal(contains('V6.20', 'V6.2'), false);
    assert.equal(contains('All versions', 'whatever the machine reports'), true);
    assert.equal(contains('>FW16_up_to_and_including_FW26', 'FW26'), true);
    assert.equal(contains('>FW16_up_to_and_including_FW26', 'FW27'), false);
    assert.equal(contains('>FW16_up_to_and_including_FW26', 'FW16'), false);
  });

  it('answers null with a reason when the range cannot be read', () => {
    const result = rangeContains(parseVersionRange('<April/13/2023'), '1.0');
    assert.equal(result.contains, null);
    assert.match(result.reason ?? '', /cannot be read: .*date/);
  });

  it('answers null with a reason when the version cannot be read or compared', () => {
    const unreadable = rangeContains(parseVersionRange('<V3.1'), 'unknown');
    assert.equal(unreadable.contains, null);
    assert.match(unreadable.reason ?? '', /the version 'unknown' cannot be read/);
    const incomparable = rangeContains(parseVersionRange('<V3.1'), 'FH');
    assert.equal(incomparable.contains, null);
    assert.equal(incomparable.reason, "the version 'FH' cannot be compared with 'V3.1'");
    const build = rangeContains(parseVersionRange('<= 4.0 Build 12'), '4.0');
    assert.equal(build.contains, null);
  });

  it('answers null for vers schemes with another ordering', () => {
    const npm = rangeContains(parseVersionRange('vers:npm/<1.0.0'), '0.9.0');
    assert.equal(npm.contains, null);
    assert.match(npm.reason ?? '', /scheme 'npm'/);
    assert.equal(rangeContains(parseVersionRange('vers:intdot/<10.234.5'), '10.9').contains, true);
  });
});

// Real ranges: every product_version_range and product_version value of the CISA CSAF corpus.
const cisa = path.join(corpusDir, 'cisa-csaf/csaf_files/OT/white');
const corpusMissing = existsSync(cisa) ? false : `corpus not found at ${cisa}: the real-range tests cannot run (see ../shared/corpus/README.md)`;
if (corpusMissing) console.log(`# SKIP version-range corpus tests: ${corpusMissing}`);

interface Branch {
  category?: string;
  name?: string;
  product?: { product_id?: string };
  branches?: Branch[];
}
interface CsafDocument {
  product_tree?: { branches?: Branch[] };
  vulnerabilities?: { product_status?: Record<string, string[]> }[];
}

const readDocument = (file: string): CsafDocument => JSON.parse(readFileSync(file, 'utf8')) as CsafDocument;

/** Every CSAF document below the year folders (not the ROLIE feed, not sidecars). */
function csafFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{4}$/.test(entry.name))
    .flatMap((year) => readdirSync(path.join(folder, year.name)).filter((name) => name.endsWith('.json')).map((name) => path.join(folder, year.name, name)));
}

/** Every branch with its path from the root. */
function* branchPaths(branches: Branch[] | undefined, trail: Branch[] = []): Generator<Branch[]> {
  for (const branch of branches ?? []) {
    yield [...trail, branch];
    yield* branchPaths(branch.branches, [...trail, branch]);
  }
}

/** Occurrence counts of the names of all branches of one category across the corpus. */
function namesOf(category: string, documents: CsafDocument[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const document of documents) {
    for (const trail of branchPaths(document.product_tree?.branches)) {
      const branch = trail.at(-1)!;
      if (branch.category === category && typeof branch.name === 'string') counts.set(branch.name, (counts.get(branch.name) ?? 0) + 1);
    }
  }
  return counts;
}

/** Share of distinct texts and of occurrences that parse. */
function parseShare(counts: Map<string, number>): { distinct: number; occurrences: number; unparsable: string[] } {
  let parsedOccurrences = 0;
  let total = 0;
  const unparsable: string[] = [];
  for (const [text, count] of counts) {
    total += count;
    if (parseVersionRange(text).unparsable) unparsable.push(text);
    else parsedOccurrences += count;
  }
  return { distinct: 1 - unparsable.length / counts.size, occurrences: parsedOccurrences / total, unparsable };
}

const percent = (share: number): string => `${(share * 100).toFixed(2)} %`;

/** Versions an inventory might report, of every shape the vendor ordering knows. */
const PROBES = ['0', '1.0', 'V2.2', 'V4.94', 'V5.2 SP3', 'V6.20', 'R4.01.00', '2024 R1', '99.99.99', 'FH', 'A', '1.0-rc1'];

describe('version ranges of the CISA CSAF corpus', { skip: corpusMissing }, () => {
  const documents = corpusMissing ? [] : csafFiles(cisa).map(readDocument);

  // The range texts that stay unparsable (about 145 of 3,117 distinct) are not version ranges:
  // dates (`<April/13/2023`, `< January 31 2014`, `<=production_date_December_2020`), serial
  // numbers (`<=the_first_5_digits_of_serial_number_24031`), conditions without a version
  // (`<=with_OIS_running_on_Debian_9`, `<only_when_running_on_ROX_II_V2.15.1`), product names with
  // several versions (`<= PI AF Client 2018 SP3 Patch 1 Version 2.10.7.283`, `< 9 Linux Image
  // 2019-12-13`), lists hidden in conditions (`6.x (Wireless Battery Modules (16 | 16D38 | …)`), a
  // commit hash, a CVE where a version belongs, texts before a comparator that could be a lower
  // bound (`A10 < A11`, `16 <= 20`), slashes between alternatives (`<=2.0.11_/_3.0.11`) and
  // `vers:all/including_affected_DNS_modules`.
  it('reads at least 97 % of the product_version_range occurrences and 95 % of the distinct texts', () => {
    const ranges = namesOf('product_version_range', documents);
    const share = parseShare(ranges);
    console.log(`product_version_range: ${ranges.size} distinct texts, ${percent(share.distinct)} parse; ${percent(share.occurrences)} of occurrences; ${share.unparsable.length} unparsable`);
    assert.ok(ranges.size > 3000, `${ranges.size} distinct range texts`);
    assert.ok(share.occurrences >= 0.97, percent(share.occurrences));
    assert.ok(share.distinct >= 0.95, percent(share.distinct));
  });

  // Most product_version values that stay unparsable are product names (`CODESYS Control for
  // Linux`, `Accu-Chek Inform II`, `DH-IPC-HDBW13A0SN,`, `882476 Gemini TF Big Bore`).
  it('reads at least 80 % of the distinct product_version values, as exact versions or hidden ranges', () => {
    const versions = namesOf('product_version', documents);
    const share = parseShare(versions);
    const kinds = new Map<string, number>();
    for (const text of versions.keys()) kinds.set(versionTextKind(text), (kinds.get(versionTextKind(text)) ?? 0) + 1);
    console.log(`product_version: ${versions.size} distinct texts, ${percent(share.distinct)} parse; ${percent(share.occurrences)} of occurrences; kinds ${JSON.stringify(Object.fromEntries(kinds))}`);
    assert.ok(versions.size > 800, `${versions.size} distinct version texts`);
    assert.ok(share.distinct >= 0.8, percent(share.distinct));
    assert.ok((kinds.get('range') ?? 0) > 0 && (kinds.get('all') ?? 0) > 0, 'product_version also holds ranges and "all versions"');
  });

  it('never lets an unparsable text contain a version, nor a parsed range contain one it cannot read', () => {
    const texts = [...namesOf('product_version_range', documents).keys(), ...namesOf('product_version', documents).keys()];
    let unparsable = 0;
    for (const text of texts) {
      const range = parseVersionRange(text);
      if (range.unparsable) {
        unparsable += 1;
        for (const probe of PROBES) assert.equal(rangeContains(range, probe).contains, null, `${text} ∋ ${probe}`);
      } else if (!range.range.star) {
        assert.equal(rangeContains(range, 'not a version at all').contains, null, text);
      }
    }
    assert.ok(unparsable > 0);
  });

  it('decides hand-checked products as their advisories state them', () => {
    // [file, product_id, range text as written, versions inside, versions outside]
    const checked: [string, string, string, string[], string[]][] = [
      ['2023/icsa-23-348-11.json', 'CSAFPID-0002', 'vers:all/<V6.24', ['V6.20', 'V6.23.1', 'V4.8'], ['V6.24', 'V6.24.1', 'V7.0']],
      ['2023/icsa-23-348-05.json', 'CSAFPID-0007', '<V5.2_SP3_HF15', ['V5.2 SP3', 'V5.2 SP3 HF14', 'V5.2', 'V5.1 SP1'], ['V5.2 SP3 HF15', 'V5.2 SP4', 'V5.3']],
      ['2021/icsa-21-287-04.json', 'CSAFPID-0002', '<V4.95', ['V4.94', 'V4.94 HF5', 'V4.8'], ['V4.95', 'V4.95 SP1', 'V4.100']],
      ['2023/icsa-23-075-05.json', 'CSAFPID-0001', 'vers:all/>=V1.17.3<V1.18.0', ['V1.17.3', 'V1.17.9'], ['V1.17.2', 'V1.18.0', 'V1.16.4']],
      ['2020/icsa-20-224-01.json', 'CSAFPID-0002', '>= R4.01.00 | <= R6.07.00 (Including CENTUM VP Entry Class)', ['R4.01.00', 'R5.04.20', 'R6.07.00'], ['R3.09.50', 'R6.07.01', 'R6.08.00']],
      ['2022/icsa-22-286-02.json', 'CSAFPID-0001', 'All versions prior to V1.5.1', ['V1.5.0', 'V1.4'], ['V1.5.1', 'V1.6']],
      ['2017/icsa-17-250-01.json', 'CSAFPID-0001', 'SCADA Web Server Version 2.02.0007 and prior', ['2.02.0007', '2.01', '2.1'], ['2.02.0008', '2.3']],
      ['2020/icsa-20-051-02.json', 'CSAFPID-0001', 'Versions 2.00 to 6.11', ['2.00', '6.11', '5.9'], ['1.99', '6.12']],
      ['2021/icsa-21-131-06.json', 'CSAFPID-0001', '<V16_Update_4', ['V16', 'V16 Update 3', 'V15.1 Update 5'], ['V16 Update 4', 'V17']],
      ['2017/icsa-17-031-01a.json', 'CSAFPID-0001', 'vers:all/*', ['1.0', 'FH'], []],
    ];
    for (const [file, productId, text, inside, outside] of checked) {
      const document = readDocument(path.join(cisa, file));
      const trail = [...branchPaths(document.product_tree?.branches)].find((candidate) => candidate.at(-1)!.product?.product_id === productId);
      assert.ok(trail, `${file} ${productId}`);
      assert.equal(trail.at(-1)!.name, text, `${file} ${productId}`);
      const affected = document.vulnerabilities?.some((vulnerability) => vulnerability.product_status?.known_affected?.includes(productId));
      assert.ok(affected, `${file}: ${productId} is known_affected`);
      const range = parseVersionRange(text);
      for (const version of inside) assert.deepEqual(rangeContains(range, version), { contains: true, reason: null }, `${file}: ${text} ∋ ${version}`);
      for (const version of outside) assert.deepEqual(rangeContains(range, version), { contains: false, reason: null }, `${file}: ${text} ∌ ${version}`);
    }
  });
});
