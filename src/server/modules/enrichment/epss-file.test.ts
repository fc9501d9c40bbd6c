import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { AppError, type ErrorDetail } from '../../errors/app-error.ts';
import { epssComment, smallEpss } from './enrichment.fixture.ts';
import { parseEpssFile } from './epss-file.ts';

/** `bytes` as a stream of chunks of `size` bytes (lines and multi-byte characters split across chunks). */
function chunks(bytes: Buffer | string, size = 7): Readable {
  const buffer = Buffer.from(bytes);
  const parts: Buffer[] = [];
  for (let start = 0; start < buffer.length; start += size) parts.push(buffer.subarray(start, start + size));
  return Readable.from(parts);
}

/** The details of the EPSS_FILE_INVALID the parse rejects with. */
async function rejection(name: string, bytes: Buffer | string): Promise<ErrorDetail[]> {
  try {
    await parseEpssFile(name, chunks(bytes));
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'EPSS_FILE_INVALID');
    return error.detailsIn('en');
  }
  assert.fail('the file was accepted');
}

const brief = (details: ErrorDetail[]) => details.map(({ code, row, column, value }) => ({ code, ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}), ...(value !== undefined ? { value } : {}) }));

describe('EPSS file', () => {
  it('reads the comment line, header and rows (plain, CRLF, BOM, gzip)', async () => {
    const expected = {
      version: 'v2025.03.14',
      date: '2025-08-25T00:00:00.000Z',
      cves: ['CVE-2021-44228', 'CVE-2024-0001', 'CVE-1999-0001'],
      scores: [0.94358, 0.00043, 0.01025],
      percentiles: [0.99957, 0.11734, 0.76796],
    };
    assert.deepEqual(await parseEpssFile('epss.csv', chunks(smallEpss())), expected);
    assert.deepEqual(await parseEpssFile('epss.csv', chunks(`\uFEFF${smallEpss().replace(/\n/g, '\r\n')}`)), expected);
    assert.deepEqual(await parseEpssFile('epss_scores-2025-08-25.csv.gz', chunks(gzipSync(smallEpss()), 5)), expected);
    // A gzip file is recognised by its content whatever its name; no final newline is needed.
    assert.deepEqual(await parseEpssFile('download', chunks(gzipSync(smallEpss().trimEnd()))), expected);
  });

  it('takes the columns in any order, upper-cases CVE ids, skips blank lines', async () => {
    const parsed = await parseEpssFile('epss.csv', chunks(`${epssComment}\npercentile,CVE,epss\n\n0.5,cve-2020-1234,1\n0.25,CVE-2020-1235,0\n\n`));
    assert.deepEqual([parsed.cves, parsed.scores, parsed.percentiles], [['CVE-2020-1234', 'CVE-2020-1235'], [1, 0], [0.5, 0.25]]);
  });

  it('refuses a file without the comment line, naming no row for it', async () => {
    const details = await rejection('epss.csv', 'cve,epss,percentile\nCVE-2021-44228,0.94358,0.99957\n');
    assert.deepEqual(brief(details), [{ code: 'EPSS_COMMENT_MISSING', value: 'cve,epss,percentile' }]);
    assert.equal(details[0]!.message, 'The first line must be "#model_version:…,score_date:…".');
    assert.deepEqual(brief(await rejection('epss.csv', '#score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\nCVE-2021-44228,0.9,0.9\n')), [
      { code: 'EPSS_COMMENT_MISSING', value: '#score_date:2025-08-25T00:00:00+0000' },
    ]);
    assert.deepEqual(brief(await rejection('epss.csv', '#model_version:v2025.03.14,score_date:25.08.2025\ncve,epss,percentile\nCVE-2021-44228,0.9,0.9\n')), [
      { code: 'EPSS_SCORE_DATE_INVALID', value: '25.08.2025' },
    ]);
  });

  it('refuses a missing or wrong header as row 1', async () => {
    assert.deepEqual(brief(await rejection('epss.csv', `${epssComment}\nCVE-2021-44228,0.94358,0.99957\n`)), [
      { code: 'EPSS_HEADER_MISSING', row: 1, value: 'CVE-2021-44228,0.94358,0.99957' },
    ]);
    assert.deepEqual(brief(await rejection('epss.csv', `${epssComment}\ncve,epss\n`)), [{ code: 'EPSS_HEADER_MISSING', row: 1, value: 'cve,epss' }]);
    assert.deepEqual(brief(await rejection('epss.csv', `${epssComment}\n`)), [{ code: 'EPSS_HEADER_MISSING', row: 1 }]);
    assert.deepEqual(brief(await rejection('epss.csv', '')), [{ code: 'EPSS_COMMENT_MISSING' }]);
  });

  it('names bad rows by number (header = row 1) and column', async () => {
    const details = await rejection('epss.csv', smallEpss([
      'CVE-2021-44228,0.94358,0.99957',
      'CVE-2021-44229,1.5,0.5',
      'CVE-2021-44230,abc,-0.1',
      'not-a-cve,0.1,0.1',
      'CVE-2021-44231,0.1',
      'CVE-2021-44228,0.2,0.2',
      'CVE-2021-44232,NaN,1e-3',
    ]));
    assert.deepEqual(brief(details), [
      { code: 'EPSS_NUMBER_INVALID', row: 3, column: 'epss', value: '1.5' },
      { code: 'EPSS_NUMBER_INVALID', row: 4, column: 'epss', value: 'abc' },
      { code: 'EPSS_NUMBER_INVALID', row: 4, column: 'percentile', value: '-0.1' },
      { code: 'EPSS_CVE_INVALID', row: 5, column: 'cve', value: 'not-a-cve' },
      { code: 'EPSS_COLUMN_COUNT', row: 6, value: 'CVE-2021-44231,0.1' },
      { code: 'EPSS_CVE_REPEATED', row: 7, column: 'cve', value: 'CVE-2021-44228' },
      { code: 'EPSS_NUMBER_INVALID', row: 8, column: 'epss', value: 'NaN' },
    ]);
    assert.ok(details.every((detail) => detail.file === 'epss.csv'));
    assert.equal(details[5]!.message, 'CVE-2021-44228 is listed more than once (first in row 2).');
    assert.equal(details[4]!.message, 'Expected 3 values (cve,epss,percentile), found 2.');
  });

  it('refuses a file with a header but no rows', async () => {
    assert.deepEqual(brief(await rejection('epss.csv', `${epssComment}\ncve,epss,percentile\n`)), [{ code: 'ENRICHMENT_EMPTY' }]);
  });

  it('refuses a .gz file that is not gzip, and a damaged gzip file', async () => {
    assert.deepEqual(brief(await rejection('epss.csv.gz', smallEpss())), [{ code: 'EPSS_NOT_GZIP' }]);
    assert.deepEqual(brief(await rejection('epss.csv.gz', '')), [{ code: 'EPSS_NOT_GZIP' }]);
    const gz = gzipSync(smallEpss());
    const truncated = await rejection('epss.csv.gz', gz.subarray(0, gz.length - 12));
    assert.deepEqual(truncated.map((detail) => detail.code), ['EPSS_GZIP_CORRUPT']);
    assert.match(truncated[0]!.message, /^The gzip file is damaged or truncated: /);
    const garbled = Buffer.from(gz);
    garbled.fill(0x55, 12, 30);
    assert.deepEqual((await rejection('epss.csv.gz', garbled)).map((detail) => detail.code), ['EPSS_GZIP_CORRUPT']);
  });

  it('stops reading a file whose text outgrows the bound, compressed or not (a gzip bomb)', async () => {
    // 64 MiB of zeros compress to about 64 KiB; the parse gives up once 1 MiB of text has come out.
    const bomb = gzipSync(Buffer.concat([Buffer.from(`${epssComment}\ncve,epss,percentile\n`), Buffer.alloc(64 * 2 ** 20, 0x30)]));
    assert.ok(bomb.length < 2 ** 20, `${bomb.length} bytes compressed`);
    for (const [name, bytes] of [['epss.csv.gz', bomb], ['epss.csv', Buffer.from(smallEpss(Array.from({ length: 60_000 }, (_, index) => `CVE-2024-${100000 + index},0.1,0.1`)))]] as const) {
      try {
        await parseEpssFile(name, Readable.from([bytes]), 2 ** 20);
        assert.fail(`${name} was accepted`);
      } catch (error) {
        assert.ok(error instanceof AppError, String(error));
        assert.deepEqual(error.detailsIn('en'), [{ code: 'EPSS_FILE_TOO_LARGE', file: name, message: "The file's text is larger than 1 MiB (FIRST's file has about 10 MB); nothing was stored." }]);
      }
    }
    // Below the bound the same rows are read.
    assert.equal((await parseEpssFile('epss.csv', Readable.from([Buffer.from(smallEpss(['CVE-2024-10000,0.1,0.1']))]), 2 ** 20)).cves.length, 1);
  });

  it('reports at most 100 problems and counts the rest', async () => {
    const details = await rejection('epss.csv', smallEpss(Array.from({ length: 250 }, (_, index) => `CVE-2021-${10000 + index},2,0.5`)));
    assert.equal(details.length, 101);
    assert.deepEqual(brief(details.slice(0, 1)), [{ code: 'EPSS_NUMBER_INVALID', row: 2, column: 'epss', value: '2' }]);
    assert.deepEqual(details.at(-1), { code: 'ENRICHMENT_MORE_ERRORS', file: 'epss.csv', message: '150 more errors are not listed.' });
  });
});
