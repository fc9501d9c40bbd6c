import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cvssSeverity, scoreCvssVector, type CvssResult, type CvssScore } from './cvss.ts';
import { corpusDir } from '../../../test-support/corpus.ts';

const corpus = path.join(corpusDir, 'cisa-csaf');
const corpusMissing = existsSync(corpus) ? false : `real-data test skipped: ${corpus} is missing (see ../shared/corpus/README.md)`;
if (corpusMissing) console.log(`# ${corpusMissing}`);

function scored(result: CvssResult): CvssScore {
  assert.ok(result.valid, `not scored: ${JSON.stringify(result)}`);
  return result;
}

/** Every CSAF document below `folder` (in the year folders: not the ROLIE feed, not sidecars). */
function csafFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json') && /^\d{4}$/.test(path.basename(dir))) files.push(full);
    }
  };
  walk(folder);
  return files;
}

interface CsafScore {
  cvss_v3?: { version: string; vectorString: string; baseScore: number; baseSeverity: string };
}

describe('CVSS v3.x against real CSAF documents', { skip: corpusMissing }, () => {
  it('computes the baseScore and baseSeverity every cisa-csaf document states for its cvss_v3 vectors', () => {
    const files = csafFiles(corpus);
    assert.ok(files.length > 2000, `${files.length} documents`);
    let checked = 0;
    const versions = new Set<string>();
    const wrong: string[] = [];
    for (const file of files) {
      const document = JSON.parse(readFileSync(file, 'utf8')) as { vulnerabilities?: { scores?: CsafScore[] }[] };
      for (const vulnerability of document.vulnerabilities ?? []) {
        for (const { cvss_v3: cvss } of vulnerability.scores ?? []) {
          if (!cvss) continue;
          checked += 1;
          versions.add(cvss.version);
          const result = scoreCvssVector(cvss.vectorString);
          if (!result.valid || result.base_score !== cvss.baseScore || result.base_severity !== cvss.baseSeverity.toLowerCase() || result.version !== cvss.version) {
            wrong.push(`${path.basename(file)} ${cvss.vectorString}: document ${cvss.baseScore} ${cvss.baseSeverity}, computed ${JSON.stringify(result)}`);
          }
        }
      }
    }
    console.log(`${checked} cvss_v3 scores in ${files.length} documents checked`);
    assert.ok(checked > 6000, `${checked} scores`);
    assert.deepEqual([...versions].sort(), ['3.0', '3.1']);
    assert.deepEqual(wrong.slice(0, 20), []);
  });

  it('matches named documents (v3.1 and v3.0)', () => {
    const cases: [string, number, string][] = [];
    for (const name of ['icsa-23-012-03.json', 'icsa-17-012-01.json']) {
      const file = csafFiles(corpus).find((candidate) => path.basename(candidate) === name);
      assert.ok(file, `${name} in the corpus`);
      const document = JSON.parse(readFileSync(file, 'utf8')) as { vulnerabilities: { scores?: CsafScore[] }[] };
      const cvss = document.vulnerabilities.flatMap((vulnerability) => vulnerability.scores ?? []).find((score) => score.cvss_v3)?.cvss_v3;
      assert.ok(cvss, `${name} has a cvss_v3 score`);
      cases.push([cvss.vectorString, cvss.baseScore, cvss.baseSeverity.toLowerCase()]);
    }
    for (const [vector, score, severity] of cases) {
      const result = scored(scoreCvssVector(vector));
      assert.equal(result.base_score, score, vector);
      assert.equal(result.base_severity, severity, vector);
    }
  });
});

describe('CVSS v3.x', () => {
  it('scores base, temporal and environmental vectors', () => {
    assert.deepEqual(scoreCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), {
      valid: true, version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', base_score: 9.8, base_severity: 'critical', score: 9.8, severity: 'critical',
    });
    assert.equal(scored(scoreCvssVector('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).base_score, 9.8);
    assert.equal(scored(scoreCvssVector('CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:L')).base_score, 4.6);
    assert.equal(scored(scoreCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).base_severity, 'none');
    // Temporal metrics lower the vector's score, not its base score; any metric order is allowed in v3.
    const temporal = scored(scoreCvssVector(' CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H/E:U '));
    assert.equal(temporal.vector, 'CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H/E:U');
    assert.equal(temporal.base_score, 9.8);
    assert.equal(temporal.score, 9.0);
  });
});

describe('CVSS v4.0', () => {
  it('scores the FIRST specification examples and calculator reference values', () => {
    const cases: [string, number, number][] = [
      // FIRST "CVSS v4.0 Examples": Heartbleed (CVE-2014-0160), phpMyAdmin XSS (CVE-2013-1937), nginx (CVE-2022-41741).
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N', 8.7, 8.7],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', 5.1, 5.1],
      ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5, 8.5],
      // FIRST calculator values: all high, vulnerable system only, subsequent system only, nothing.
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10, 10],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3, 9.3],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H', 7.9, 7.9],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0, 0],
      ['CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 1.0, 1.0],
      // Threat and environmental metrics change the vector's score (CVSS-BT, CVSS-BE), not the base score.
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U', 10, 9.1],
      ['CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:N/VC:N/VI:N/VA:H/SC:H/SI:H/SA:H/CR:L/IR:L/AR:L', 7.2, 5.8],
      ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:N/VI:H/VA:H/SC:N/SI:L/SA:L/E:P/CR:H/IR:M/AR:H/MAV:A/MAT:P/MPR:N/MVI:H/MVA:N/MSI:H/MSA:N/S:N/V:C/U:Amber', 5.2, 4.7],
    ];
    for (const [vector, base, score] of cases) {
      const result = scored(scoreCvssVector(vector));
      assert.equal(result.version, '4.0');
      assert.equal(result.base_score, base, `${vector} base`);
      assert.equal(result.score, score, `${vector} score`);
      assert.equal(result.base_severity, cvssSeverity(base));
    }
  });
});

describe('invalid vectors', () => {
  it('are reported with a reason, never scored and never thrown', () => {
    const cases: [unknown, string, string | null, string?][] = [
      ['', 'not_cvss', null],
      ['garbage', 'not_cvss', null],
      ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 'unsupported_version', '2.0'],
      ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unsupported_version', '3.2'],
      ['CVSS:3.1/', 'malformed', '3.1', ''],
      ['CVSS:3.1/AV:N', 'base_incomplete', '3.1', 'AC'],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'base_incomplete', '3.1', 'A'],
      ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'malformed', '3.1', 'AV:Q'],
      ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'malformed', '3.1', 'AV:X'],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:X', 'malformed', '3.1', 'XX:X'],
      ['cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h', 'not_cvss', null],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L', 'metric_repeated', '3.1', 'A'],
      ['CVSS:4.0/AV:F/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N', 'malformed', '4.0', 'AV:F'],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/ui:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N', 'malformed', '4.0', 'ui:N'],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/SC:N/SI:N/SA:N', 'base_incomplete', '4.0', 'VA'],
      ['CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N', 'malformed', '4.0'],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:U', 'metric_repeated', '4.0', 'E'],
      [null, 'not_cvss', null],
    ];
    for (const [vector, reason, version, metric] of cases) {
      const result = scoreCvssVector(vector as string);
      assert.equal(result.valid, false, `${String(vector)} must not be scored`);
      assert.ok(!result.valid);
      assert.equal(result.reason, reason, String(vector));
      assert.equal(result.version, version, String(vector));
      assert.equal(result.metric, metric, String(vector));
      assert.ok(!('base_score' in result));
    }
  });

  it('rates severities on the v3/v4 bands', () => {
    assert.deepEqual([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(cvssSeverity), ['none', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});
