import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AppError, type ErrorDetail } from '../../errors/app-error.ts';
import { kevFile, kevMissing, smallCatalog } from './enrichment.fixture.ts';
import { parseKevCatalog } from './kev-file.ts';

/** The details of the KEV_FILE_INVALID `work` throws. */
function rejection(work: () => unknown): ErrorDetail[] {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'KEV_FILE_INVALID');
    return error.detailsIn('en');
  }
  assert.fail('the file was accepted');
}

const bytes = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('KEV catalog file', () => {
  it('reads the real CISA catalog (1,404 entries, version 2025.08.25)', { skip: kevMissing }, () => {
    const catalog = parseKevCatalog('known_exploited_vulnerabilities.json', readFileSync(kevFile));
    assert.equal(catalog.records.length, 1404);
    assert.equal(catalog.version, '2025.08.25');
    assert.equal(catalog.date, '2025-08-25T17:04:19.979Z');
    const git = catalog.records.find((record) => record.cve === 'CVE-2025-48384');
    assert.ok(git);
    assert.equal(git.vendor_project, 'Git');
    assert.equal(git.date_added, '2025-08-25');
    assert.equal(git.due_date, '2025-09-15');
    assert.equal(catalog.records.filter((record) => record.ransomware === 1).length, 293);
  });

  it('reads a small catalog with a BOM, keeps unknown fields out, stores CWEs as JSON', () => {
    const catalog = parseKevCatalog('kev.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(smallCatalog({ extra: true }))]));
    assert.deepEqual(catalog.records.map((record) => [record.cve, record.ransomware, record.notes, record.cwes]), [
      ['CVE-2024-0001', 1, null, '["CWE-20"]'],
      ['CVE-2024-0002', 0, null, '["CWE-20"]'],
    ]);
  });

  it('refuses a file that is not JSON', () => {
    assert.deepEqual(rejection(() => parseKevCatalog('kev.json', bytes('{"catalogVersion": "2025.'))), [
      { code: 'KEV_NOT_JSON', file: 'kev.json', path: '/', message: 'The file is not valid JSON.' },
    ]);
  });

  it('names every shape problem by its JSON pointer', () => {
    const catalog = smallCatalog({ dateReleased: 'yesterday', count: '2' }) as { vulnerabilities: Record<string, unknown>[] };
    delete catalog.vulnerabilities[0]!.dueDate;
    catalog.vulnerabilities[0]!.cveID = 'CVE-24-1';
    catalog.vulnerabilities[1]!.dateAdded = '2025-02-30';
    catalog.vulnerabilities[1]!.knownRansomwareCampaignUse = 'Maybe';
    catalog.vulnerabilities[1]!.cwes = ['NVD-CWE-Other'];
    const details = rejection(() => parseKevCatalog('kev.json', bytes(catalog)));
    assert.deepEqual(details.map((detail) => [detail.path, detail.code]).sort(), [
      ['/count', 'INVALID_VALUE'],
      ['/dateReleased', 'KEV_INSTANT_INVALID'],
      ['/vulnerabilities/0/cveID', 'KEV_CVE_INVALID'],
      ['/vulnerabilities/0/dueDate', 'VALUE_REQUIRED'],
      ['/vulnerabilities/1/cwes/0', 'KEV_CWE_INVALID'],
      ['/vulnerabilities/1/dateAdded', 'KEV_DATE_INVALID'],
      ['/vulnerabilities/1/knownRansomwareCampaignUse', 'KEV_RANSOMWARE_VALUE'],
    ]);
    assert.ok(details.every((detail) => detail.file === 'kev.json' && detail.message.length > 0));
  });

  it('refuses other JSON (the catalog schema, an array) and an empty catalog', () => {
    assert.deepEqual(rejection(() => parseKevCatalog('kev.json', bytes([smallCatalog()]))).map((detail) => [detail.path, detail.code]), [['/', 'INVALID_VALUE']]);
    assert.deepEqual(
      rejection(() => parseKevCatalog('schema.json', bytes({ $schema: 'x', type: 'object' }))).map((detail) => detail.path),
      ['/catalogVersion', '/dateReleased', '/count', '/vulnerabilities'],
    );
    assert.deepEqual(rejection(() => parseKevCatalog('kev.json', bytes(smallCatalog({ count: 0, vulnerabilities: [] })))).map((detail) => detail.code), ['ENRICHMENT_EMPTY']);
  });

  it('refuses a count that does not match and a CVE listed twice', () => {
    const catalog = smallCatalog({ count: 3 }) as { vulnerabilities: Record<string, unknown>[] };
    catalog.vulnerabilities.push({ ...catalog.vulnerabilities[0]! });
    assert.deepEqual(rejection(() => parseKevCatalog('kev.json', bytes(smallCatalog({ count: 5 })))), [
      { code: 'KEV_COUNT_MISMATCH', file: 'kev.json', path: '/count', message: '"count" says 5 entries but the list has 2; the file is probably incomplete.' },
    ]);
    assert.deepEqual(rejection(() => parseKevCatalog('kev.json', bytes(catalog))), [
      { code: 'KEV_CVE_REPEATED', file: 'kev.json', path: '/vulnerabilities/2/cveID', value: 'CVE-2024-0001', message: 'CVE-2024-0001 is listed more than once (first at /vulnerabilities/0).' },
    ]);
  });

  it('reports at most 100 problems and counts the rest', () => {
    const entries = Array.from({ length: 150 }, (_, index) => ({ cveID: `CVE-2024-${String(index + 1000)}` }));
    const details = rejection(() => parseKevCatalog('kev.json', bytes(smallCatalog({ count: 150, vulnerabilities: entries }))));
    assert.equal(details.length, 101);
    assert.deepEqual(details.at(-1), { code: 'ENRICHMENT_MORE_ERRORS', file: 'kev.json', message: `${150 * 7 - 100} more errors are not listed.` });
  });
});
