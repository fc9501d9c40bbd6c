import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { AppContext } from '../../context.ts';
import { ManualClock } from '../../clock.ts';
import { AppError } from '../../errors/app-error.ts';
import { cliActor, type Actor } from '../../policies/actor.ts';
import type { Role } from '../../policies/roles.ts';
import { insertUser } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { enrichmentFor, importEpssScores, importKevCatalog, isOlderThanStored } from './enrichment.service.ts';
import { generatedCve, generatedEpssGz, kevEntry, kevFile, kevMissing, smallCatalog, smallEpss } from './enrichment.fixture.ts';

const cli = cliActor('test');
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

/** The code and detail codes of the AppError `work` rejects with. */
async function refusal(work: () => Promise<unknown>): Promise<{ code: string; details: string[] }> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return { code: error.code, details: error.details.map((detail) => detail.code) };
  }
  assert.fail('accepted');
}

describeEachDialect('enrichment: KEV and EPSS import', (database, dialect) => {
  let ctx: AppContext;
  let clock: ManualClock;

  before(async () => {
    clock = new ManualClock(new Date('2026-01-10T08:00:00.000Z'));
    ctx = await createTestContext(database(), { clock });
  });

  /** What the tables hold now: listed and removed KEV CVEs, EPSS rows, the source rows, import events. */
  async function state() {
    const kev = await ctx.db.selectFrom('kev_entries').select(['cve', 'removed_at', 'catalog_version']).orderBy('cve').execute();
    return {
      listed: kev.filter((row) => row.removed_at === null).length,
      removed: kev.filter((row) => row.removed_at !== null).map((row) => row.cve),
      epss: Number((await ctx.db.selectFrom('epss_scores').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      sources: await ctx.db.selectFrom('enrichment_sources').selectAll().orderBy('source').execute(),
      events: await ctx.db.selectFrom('audit_events').select(['action', 'object_type', 'object_id', 'site_id', 'role', 'actor_id', 'via', 'summary']).where('action', 'in', ['kev.import', 'epss.import']).orderBy('seq').execute(),
    };
  }

  /** An actor with one all-sites grant of `role`, backed by a real user. */
  async function userActor(username: string, role: Role): Promise<Actor> {
    const userId = await insertUser(ctx.db, { username, role }, clock.now());
    return { kind: 'user', userId, name: username, via: 'web', grants: [{ role, scope: { kind: 'all' }, expiresAt: null }], language: 'en' };
  }

  it('imports the real CISA KEV catalog (1,404 entries, version 2025.08.25) and audits it', { skip: kevMissing }, async () => {
    const result = await importKevCatalog(ctx, cli, { name: 'known_exploited_vulnerabilities.json', bytes: readFileSync(kevFile) });
    assert.deepEqual(result, { entries: 1404, date: '2025-08-25T17:04:19.979Z', version: '2025.08.25', added: 1404, removed: 0 });
    const now = await state();
    assert.equal(now.listed, 1404);
    assert.deepEqual(now.removed, []);
    assert.deepEqual(now.sources, [{ source: 'kev', version: '2025.08.25', date: '2025-08-25T17:04:19.979Z', entries: 1404, file_name: 'known_exploited_vulnerabilities.json', imported_at: '2026-01-10T08:00:00.000Z' }]);
    assert.deepEqual(now.events, [{
      action: 'kev.import', object_type: 'installation', object_id: null, site_id: null, role: 'admin', actor_id: 'cli:test', via: 'cli',
      summary: 'Imported KEV catalog 2025.08.25 (released 2025-08-25T17:04:19.979Z) from "known_exploited_vulnerabilities.json": 1404 entries, 1404 added, 0 removed',
    }]);
    const git = await ctx.db.selectFrom('kev_entries').selectAll().where('cve', '=', 'CVE-2025-48384').executeTakeFirstOrThrow();
    assert.equal(git.product, 'Git');
    assert.equal(git.due_date, '2025-09-15');
    assert.deepEqual(JSON.parse(git.cwes), ['CWE-59', 'CWE-436']);
  });

  it('replaces the catalog on re-import: dropped CVEs are marked removed, new and changed ones written', { skip: kevMissing }, async () => {
    const real = JSON.parse(readFileSync(kevFile, 'utf8')) as { vulnerabilities: Record<string, unknown>[]; count: number };
    const dropped = [real.vulnerabilities[0]!.cveID, real.vulnerabilities[1]!.cveID] as string[];
    const changedCve = real.vulnerabilities[2]!.cveID as string;
    const next = {
      ...real,
      catalogVersion: '2025.08.26',
      dateReleased: '2025-08-26T12:00:00.000Z',
      count: real.count - 1,
      vulnerabilities: [
        kevEntry('CVE-2025-99999', 'Known'),
        { ...real.vulnerabilities[2]!, dueDate: '2025-12-31', knownRansomwareCampaignUse: 'Known' },
        ...real.vulnerabilities.slice(3),
      ],
    };
    clock.advance(60_000);
    const result = await importKevCatalog(ctx, cli, { name: 'kev-next.json', bytes: json(next) });
    assert.deepEqual(result, { entries: 1403, date: '2025-08-26T12:00:00.000Z', version: '2025.08.26', added: 1, removed: 2 });
    const now = await state();
    assert.equal(now.listed, 1403);
    assert.deepEqual(now.removed, [...dropped].sort());
    assert.equal(now.sources[0]!.version, '2025.08.26');
    assert.equal(now.events.length, 2);
    const enrichment = await enrichmentFor(ctx.db, [dropped[0]!, changedCve, 'CVE-2025-99999']);
    assert.deepEqual(enrichment.get(dropped[0]!), { kev: null, epss: null });
    assert.equal(enrichment.get(changedCve)?.kev?.due_date, '2025-12-31');
    assert.equal(enrichment.get(changedCve)?.kev?.ransomware, true);
    assert.deepEqual(enrichment.get('CVE-2025-99999')?.kev, { date_added: '2025-01-02', due_date: '2025-01-23', ransomware: true, required_action: 'Apply updates per vendor instructions.' });

    // The catalog before is older than the stored one: refused, nothing changes.
    clock.advance(60_000);
    const unchanged = await state();
    const older = await refusal(() => importKevCatalog(ctx, cli, { name: 'known_exploited_vulnerabilities.json', bytes: readFileSync(kevFile) }));
    assert.equal(older.code, 'ENRICHMENT_OLDER_THAN_STORED');
    assert.deepEqual(await state(), unchanged);

    // Asked for on purpose, it comes back: the dropped CVEs are listed again, the new one removed.
    const back = await importKevCatalog(ctx, cli, { name: 'known_exploited_vulnerabilities.json', bytes: readFileSync(kevFile), allowOlder: true });
    assert.deepEqual([back.added, back.removed], [2, 1]);
    const afterwards = await state();
    assert.deepEqual(afterwards.removed, ['CVE-2025-99999']);
    assert.match(afterwards.events.at(-1)!.summary, /replaced newer data of 2025-08-26T12:00:00\.000Z on purpose/);
    assert.notEqual((await enrichmentFor(ctx.db, [dropped[0]!])).get(dropped[0]!)?.kev, null);
  });

  it('stores nothing from a KEV file of the wrong shape', async () => {
    const before = await state();
    const broken = smallCatalog() as { vulnerabilities: Record<string, unknown>[] };
    delete broken.vulnerabilities[1]!.cveID;
    for (const bytes of [json(broken), json(smallCatalog({ count: 7 })), Buffer.from('<html>not json</html>'), json({ vulnerabilities: 'none' })]) {
      const { code } = await refusal(() => importKevCatalog(ctx, cli, { name: 'kev.json', bytes }));
      assert.equal(code, 'KEV_FILE_INVALID');
    }
    assert.deepEqual(await state(), before);
  });

  it('imports a small EPSS file, plain and gzip, replacing all scores and recording the score date', async () => {
    const plain = await importEpssScores(ctx, cli, { name: 'epss.csv', source: Readable.from([Buffer.from(smallEpss())]) });
    assert.deepEqual(plain, { entries: 3, date: '2025-08-25T00:00:00.000Z', version: 'v2025.03.14' });
    const gz = await importEpssScores(ctx, cli, {
      name: 'epss_scores-2025-08-26.csv.gz',
      source: Readable.from([gzipSync(smallEpss(['CVE-2021-44228,0.94400,0.99960', 'CVE-2025-99999,0.5,0.9']).replace('2025-08-25T00', '2025-08-26T00'))]),
    });
    assert.deepEqual(gz, { entries: 2, date: '2025-08-26T00:00:00.000Z', version: 'v2025.03.14' });
    const now = await state();
    assert.equal(now.epss, 2);
    assert.deepEqual(now.sources.find((source) => source.source === 'epss'), {
      source: 'epss', version: 'v2025.03.14', date: '2025-08-26T00:00:00.000Z', entries: 2, file_name: 'epss_scores-2025-08-26.csv.gz', imported_at: clock.now().toISOString(),
    });
    assert.deepEqual(now.events.filter((event) => event.action === 'epss.import').map((event) => [event.object_type, event.role, event.summary]), [
      ['installation', 'admin', 'Imported EPSS scores (model v2025.03.14, score date 2025-08-25T00:00:00.000Z) from "epss.csv": 3 CVEs'],
      ['installation', 'admin', 'Imported EPSS scores (model v2025.03.14, score date 2025-08-26T00:00:00.000Z) from "epss_scores-2025-08-26.csv.gz": 2 CVEs'],
    ]);
    const enrichment = await enrichmentFor(ctx.db, ['cve-2021-44228', 'CVE-2024-0001', 'CVE-2025-99999']);
    const log4shell = enrichment.get('cve-2021-44228');
    assert.ok(log4shell);
    assert.deepEqual(log4shell.epss, { score: 0.944, percentile: 0.9996, date: '2025-08-26T00:00:00.000Z' });
    if (kevMissing) assert.equal(log4shell.kev, null);
    else {
      assert.ok(log4shell.kev);
      const { required_action: action, ...kev } = log4shell.kev;
      assert.deepEqual(kev, { date_added: '2021-12-10', due_date: '2021-12-24', ransomware: true });
      assert.match(action, /^For all affected software assets for which updates exist/);
    }
    assert.deepEqual(enrichment.get('CVE-2024-0001'), { kev: null, epss: null });
    assert.deepEqual(enrichment.get('CVE-2025-99999')?.epss, { score: 0.5, percentile: 0.9, date: '2025-08-26T00:00:00.000Z' });
  });

  it('stores nothing from a bad EPSS file', async () => {
    const before = await state();
    const bad: [string, Buffer][] = [
      ['epss.csv', Buffer.from('cve,epss,percentile\nCVE-2021-44228,0.9,0.9\n')],
      ['epss.csv', Buffer.from(smallEpss(['CVE-2021-44228,0.9,0.9', 'CVE-2021-44229,zero,0.9']))],
      ['epss.csv.gz', Buffer.from(smallEpss())],
      ['epss.csv.gz', gzipSync(smallEpss()).subarray(0, 40)],
      ['epss.csv', Buffer.from(`${smallEpss([])}`)],
    ];
    const codes = [];
    for (const [name, bytes] of bad) {
      const { code, details } = await refusal(() => importEpssScores(ctx, cli, { name, source: Readable.from([bytes]) }));
      assert.equal(code, 'EPSS_FILE_INVALID');
      codes.push(details[0]);
    }
    assert.deepEqual(codes, ['EPSS_COMMENT_MISSING', 'EPSS_NUMBER_INVALID', 'EPSS_NOT_GZIP', 'EPSS_GZIP_CORRUPT', 'ENRICHMENT_EMPTY']);
    assert.deepEqual(await state(), before);
  });

  it('imports a generated EPSS file of 300,000 rows in one transaction', async () => {
    const rows = 300_000;
    const gz = generatedEpssGz(rows, '2025-08-27');
    const started = performance.now();
    const result = await importEpssScores(ctx, cli, { name: 'epss_scores-generated.csv.gz', source: Readable.from([gz.subarray(0, 1 << 20), gz.subarray(1 << 20)]) });
    const seconds = (performance.now() - started) / 1000;
    console.log(`[${dialect}] EPSS import of ${rows} rows (${(gz.length / 1e6).toFixed(1)} MB gzip): ${seconds.toFixed(2)} s`);
    assert.deepEqual(result, { entries: rows, date: '2025-08-27T00:00:00.000Z', version: 'v2025.03.14' });
    const now = await state();
    assert.equal(now.epss, rows);
    const last = generatedCve(rows - 1);
    const enrichment = await enrichmentFor(ctx.db, [generatedCve(0), last, 'CVE-2021-44228']);
    assert.deepEqual(enrichment.get(generatedCve(0))?.epss, { score: 0, percentile: 0, date: '2025-08-27T00:00:00.000Z' });
    assert.deepEqual(enrichment.get(last)?.epss, { score: 0.999, percentile: 1, date: '2025-08-27T00:00:00.000Z' });
    // The file replaced every score: the earlier ones are gone.
    assert.equal(enrichment.get('CVE-2021-44228')?.epss, null);
  });

  it('refuses EPSS scores older than the stored ones unless asked for', async () => {
    const before = await state();
    const older = await refusal(() => importEpssScores(ctx, cli, { name: 'epss.csv', source: Readable.from([Buffer.from(smallEpss())]) }));
    assert.equal(older.code, 'ENRICHMENT_OLDER_THAN_STORED');
    assert.deepEqual(await state(), before);
    // The same score date again is no older: re-importing a file is allowed (10,000 rows serve the next test).
    const again = await importEpssScores(ctx, cli, { name: 'epss_scores-generated.csv.gz', source: Readable.from([generatedEpssGz(10_000, '2025-08-27')]) });
    assert.equal(again.entries, 10_000);
  });

  it('answers enrichmentFor for many CVEs and for none', async () => {
    const cves = Array.from({ length: 1200 }, (_, index) => generatedCve(index * 7));
    const enrichment = await enrichmentFor(ctx.db, cves);
    assert.equal(enrichment.size, 1200);
    assert.ok([...enrichment.values()].every((entry) => entry.epss !== null));
    assert.equal((await enrichmentFor(ctx.db, [])).size, 0);
  });

  it('lets admins and security officers import, not other roles', async () => {
    const maintenance = await userActor('mia.maintenance', 'maintenance');
    const engineering = await userActor('eric.engineering', 'engineering');
    for (const actor of [maintenance, engineering]) {
      assert.equal((await refusal(() => importKevCatalog(ctx, actor, { name: 'kev.json', bytes: json(smallCatalog()) }))).code, 'FORBIDDEN');
      assert.equal((await refusal(() => importEpssScores(ctx, actor, { name: 'epss.csv', source: Readable.from([Buffer.from(smallEpss())]) }))).code, 'FORBIDDEN');
    }
    const officer = await userActor('sofia.security', 'security_officer');
    const result = await importKevCatalog(ctx, officer, { name: 'kev.json', bytes: json(smallCatalog({ catalogVersion: '2026.01.09', dateReleased: '2026-01-09T15:00:00.000Z' })) });
    assert.equal(result.entries, 2);
    const event = (await state()).events.at(-1)!;
    assert.deepEqual([event.action, event.role, event.actor_id, event.via], ['kev.import', 'security_officer', officer.userId, 'web']);
    const newer = smallEpss().replace('2025-08-25T00', '2026-01-09T00');
    assert.equal((await importEpssScores(ctx, officer, { name: 'epss.csv', source: Readable.from([Buffer.from(newer)]) })).entries, 3);
  });
});

describe('isOlderThanStored', () => {
  it('is true only for a file dated before the stored data', () => {
    assert.equal(isOlderThanStored('2025-08-25T00:00:00.000Z', undefined), false);
    assert.equal(isOlderThanStored('2025-08-25T00:00:00.000Z', { date: '2025-08-26T00:00:00.000Z' }), true);
    assert.equal(isOlderThanStored('2025-08-26T00:00:00.000Z', { date: '2025-08-26T00:00:00.000Z' }), false);
    assert.equal(isOlderThanStored('2025-08-27T00:00:00.000Z', { date: '2025-08-26T00:00:00.000Z' }), false);
  });
});
