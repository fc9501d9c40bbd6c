import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { after, before, it } from 'node:test';
import * as openpgp from 'openpgp';
import type { AppContext } from '../../context.ts';
import { ManualClock } from '../../clock.ts';
import { AppError } from '../../errors/app-error.ts';
import { cliActor, type Actor } from '../../policies/actor.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { collectAdvisoryFiles } from './advisory-files.ts';
import { cisaRoot, cisaWhite, corpusDocument, corpusMissing, countProducts, oasisExamples, olderRevision, type CsafJson } from './advisory-import.fixture.ts';
import { importAdvisories } from './advisory-import.service.ts';
import { readVerificationKeys } from './csaf-signature.ts';
import { createCsafValidator, type CsafValidator } from './csaf-validation.ts';

const cli = cliActor('test');
const sha512 = (bytes: Buffer | string): string => createHash('sha512').update(bytes).digest('hex');
const count = async (ctx: AppContext, table: 'advisories' | 'advisory_documents' | 'advisory_products' | 'advisory_vulnerabilities' | 'advisory_product_status' | 'advisory_remediations' | 'audit_events'): Promise<number> =>
  Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A fresh temporary folder, removed after the suite. */
function tempFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), `patchwerk-${prefix}-`));
  after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

async function importPaths(ctx: AppContext, paths: string[], validator?: CsafValidator, actor: Actor = cli) {
  return importAdvisories(ctx, actor, { sources: await collectAdvisoryFiles(paths), via: 'file', ...(validator ? { validator } : {}) });
}

describeEachDialect('advisory import: the CISA corpus', (database, dialect) => {
  let ctx: AppContext;
  before(async () => {
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-26T09:00:00.000Z')) });
  });

  it('imports all 2,035 documents: 2,032 valid, 3 flagged on 6.1.11, none rejected, the ROLIE feed skipped, every .sha512 checked', { skip: corpusMissing }, async (t) => {
    const started = performance.now();
    const result = await importPaths(ctx, [cisaRoot]);
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(`${dialect}: 2035 documents imported in ${seconds.toFixed(1)} s (${(2035 / seconds).toFixed(0)} documents/s, validator load included)`);

    assert.deepEqual(Object.keys(result).sort(), ['findings_created', 'flagged', 'imported', 'rejected', 'skipped', 'unchanged', 'updated']);
    assert.equal(result.imported, 2035);
    assert.equal(result.updated, 0);
    assert.equal(result.unchanged, 0);
    assert.deepEqual(result.rejected, []);
    assert.equal(result.findings_created, 0);
    assert.deepEqual(result.skipped, [{ file: path.join(cisaWhite, 'cisa-csaf-ot-feed-tlp-white.json'), reason: 'rolie_feed' }]);
    assert.deepEqual(result.flagged.map((entry) => [path.basename(entry.file), entry.tracking_id]), [
      ['icsa-19-099-04.json', 'ICSA-19-099-04'],
      ['icsa-21-068-10.json', 'ICSA-21-068-10'],
      ['icsa-21-259-01.json', 'ICSA-21-259-01'],
    ]);
    for (const entry of result.flagged) {
      assert.ok(entry.errors.length > 0 && entry.errors.every((error) => error.test === '6.1.11' && /\/cwe\/name$/.test(error.path ?? '')), JSON.stringify(entry.errors));
    }

    const documents = await ctx.db.selectFrom('advisory_documents').select(['validation_status', 'hash_sidecars', 'signature_status', 'is_current', 'variant']).execute();
    assert.equal(documents.length, 2035);
    assert.equal(documents.filter((document) => document.validation_status === 'valid').length, 2032);
    assert.equal(documents.filter((document) => document.validation_status === 'flagged').length, 3);
    assert.ok(documents.every((document) => Number(document.is_current) === 1 && Number(document.variant) === 0));
    // Every .sha512 sidecar of the corpus was read and matched its document.
    const sidecars = readdirSync(cisaRoot, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json.sha512'));
    assert.equal(sidecars.length, 2035);
    assert.equal(documents.filter((document) => document.hash_sidecars === 'sha512').length, sidecars.length);
    assert.equal(documents.filter((document) => document.signature_status === 'not_checked').length, 2035);

    // The normalised data, counted independently over the raw JSON.
    assert.equal(await count(ctx, 'advisories'), 2035);
    assert.equal(await count(ctx, 'advisory_products'), 14177);
    assert.equal(await count(ctx, 'advisory_vulnerabilities'), 6637);
    assert.equal(await count(ctx, 'advisory_product_status'), 36075);
    assert.equal(await count(ctx, 'advisory_remediations'), 29676);
    assert.equal(await count(ctx, 'audit_events'), 2035);

    // The raw bytes are in the artifact store unchanged, under the SHA-256 recorded.
    const file = path.join(cisaWhite, '2023/icsa-23-005-01.json');
    const bytes = readFileSync(file);
    const stored = await ctx.db.selectFrom('advisory_documents').select(['sha256', 'size', 'file_name', 'tracking_version', 'title', 'tlp_label', 'publisher_name']).where('tracking_id', '=', 'ICSA-23-005-01').executeTakeFirstOrThrow();
    assert.equal(stored.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(Number(stored.size), bytes.length);
    assert.equal(stored.file_name, 'icsa-23-005-01.json');
    assert.equal(await text(await ctx.artifacts.open(stored.sha256)), bytes.toString('utf8'));
    assert.deepEqual([stored.tlp_label, stored.publisher_name], ['WHITE', 'CISA']);
  });

  it('re-importing the corpus changes nothing: 2,035 unchanged, the same 3 flagged, no audit events', { skip: corpusMissing }, async () => {
    const before = { documents: await count(ctx, 'advisory_documents'), events: await count(ctx, 'audit_events'), products: await count(ctx, 'advisory_products') };
    const versions = await ctx.db.selectFrom('advisories').select(['id', 'version', 'updated_at']).orderBy('id').execute();
    const result = await importPaths(ctx, [cisaRoot]);
    assert.equal(result.imported, 0);
    assert.equal(result.updated, 0);
    assert.equal(result.unchanged, 2035);
    assert.deepEqual(result.flagged.map((entry) => entry.tracking_id), ['ICSA-19-099-04', 'ICSA-21-068-10', 'ICSA-21-259-01']);
    assert.ok(result.flagged.every((entry) => entry.errors.every((error) => error.test === '6.1.11')));
    assert.deepEqual(result.rejected, []);
    assert.equal(result.skipped.length, 1);
    assert.deepEqual({ documents: await count(ctx, 'advisory_documents'), events: await count(ctx, 'audit_events'), products: await count(ctx, 'advisory_products') }, before);
    assert.deepEqual(await ctx.db.selectFrom('advisories').select(['id', 'version', 'updated_at']).orderBy('id').execute(), versions);
  });
});

describeEachDialect('advisory import: revisions', (database) => {
  let ctx: AppContext;
  let clock: ManualClock;
  let validator: CsafValidator;
  before(async () => {
    clock = new ManualClock(new Date('2026-11-26T09:00:00.000Z'));
    ctx = await createTestContext(database(), { clock });
    validator = await createCsafValidator();
  });
  after(async () => {
    await validator?.close();
  });

  /** Writes `document` to `<folder>/<name>` and returns the path. */
  function write(folder: string, name: string, document: CsafJson): string {
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, name);
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    return file;
  }

  async function stateOf(trackingId: string) {
    const advisory = await ctx.db.selectFrom('advisories').selectAll().where('tracking_id', '=', trackingId).execute();
    const documents = await ctx.db
      .selectFrom('advisory_documents')
      .select(['id', 'tracking_version', 'is_current', 'variant', 'variant_of_document_id', 'validation_status'])
      .where('tracking_id', '=', trackingId)
      .orderBy('tracking_version')
      .orderBy('variant')
      .execute();
    const products = new Map<string, number>();
    for (const document of documents) products.set(document.id, (await ctx.db.selectFrom('advisory_products').select('id').where('document_id', '=', document.id).execute()).length);
    return { advisory, documents: documents.map((document) => ({ ...document, is_current: Number(document.is_current), variant: Number(document.variant), products: products.get(document.id) })) };
  }

  for (const [label, relative, newerFirst] of [
    ['newer first, then the older one', '2021/icsa-21-131-15.json', true],
    ['older first, then the newer one', '2019/icsa-19-211-01.json', false],
  ] as const) {
    it(`keeps the newer revision current and the older as history: ${label}`, { skip: corpusMissing }, async () => {
      const newer = corpusDocument(relative);
      const { older, droppedProductId } = olderRevision(newer);
      const trackingId = newer.document.tracking.id;
      const productCount = countProducts(newer.product_tree.branches);
      assert.ok(Number(newer.document.tracking.version) > Number(older.document.tracking.version));
      assert.equal(countProducts(older.product_tree.branches), productCount - 1);
      const folder = tempFolder('revisions');
      const newerFile = write(path.join(folder, 'newer'), path.basename(relative), newer);
      const olderFile = write(path.join(folder, 'older'), path.basename(relative), older);
      const [first, second] = newerFirst ? [newerFile, olderFile] : [olderFile, newerFile];

      const firstResult = await importPaths(ctx, [first], validator);
      assert.deepEqual(firstResult, { imported: 1, updated: 0, unchanged: 0, flagged: [], rejected: [], skipped: [], findings_created: 0 });
      clock.advance(60_000);
      const secondResult = await importPaths(ctx, [second], validator);
      assert.deepEqual(secondResult, { imported: 0, updated: 1, unchanged: 0, flagged: [], rejected: [], skipped: [], findings_created: 0 });

      const state = await stateOf(trackingId);
      assert.equal(state.advisory.length, 1);
      const [old, current] = state.documents;
      assert.deepEqual(
        state.documents.map(({ tracking_version, is_current, variant, products, validation_status }) => ({ tracking_version, is_current, variant, products, validation_status })),
        [
          { tracking_version: older.document.tracking.version, is_current: 0, variant: 0, products: productCount - 1, validation_status: 'valid' },
          { tracking_version: newer.document.tracking.version, is_current: 1, variant: 0, products: productCount, validation_status: 'valid' },
        ],
      );
      assert.equal(state.advisory[0]!.current_document_id, current!.id);
      assert.equal(Number(state.advisory[0]!.version), 2);
      const history = await ctx.db.selectFrom('advisory_products').select('product_id').where('document_id', '=', old!.id).execute();
      assert.ok(!history.some((row) => row.product_id === droppedProductId));

      const events = await ctx.db.selectFrom('audit_events').select(['action', 'object_type', 'object_id', 'summary', 'actor_id', 'via', 'role']).where('object_id', '=', state.advisory[0]!.id).orderBy('seq').execute();
      assert.equal(events.length, 2);
      assert.ok(events.every((event) => event.action === 'advisory.import' && event.object_type === 'advisory' && event.actor_id === 'cli:test' && event.via === 'cli' && event.role === 'admin'));
      assert.match(events[0]!.summary, /\(new advisory\)/);
      assert.match(events[1]!.summary, newerFirst ? /\(older revision, kept as history\)/ : /\(newer revision, now current\)/);

      // Both again, in either order: nothing changes.
      const again = await importPaths(ctx, [second, first], validator);
      assert.deepEqual(again, { imported: 0, updated: 0, unchanged: 2, flagged: [], rejected: [], skipped: [], findings_created: 0 });
      assert.deepEqual(await stateOf(trackingId), state);
    });
  }

  it('stores the same version with other bytes as a flagged variant; the current document stays', { skip: corpusMissing }, async () => {
    const original = corpusDocument('2021/icsa-21-131-15.json');
    const variant = structuredClone(original);
    variant.document.title = `${variant.document.title} (corrected)`;
    const before = await stateOf('ICSA-21-131-15');
    assert.equal(before.documents.length, 2); // from the first revision test
    const file = write(tempFolder('variant'), 'icsa-21-131-15.json', variant);
    const result = await importPaths(ctx, [file], validator);
    assert.equal(result.updated, 1);
    assert.deepEqual(result.flagged.map((entry) => [entry.file, entry.tracking_id, entry.errors.map((error) => error.code)]), [[file, 'ICSA-21-131-15', ['ADVISORY_VARIANT']]]);
    const after = await stateOf('ICSA-21-131-15');
    const current = before.documents.find((document) => document.is_current === 1)!;
    assert.equal(after.advisory[0]!.current_document_id, current.id);
    const stored = after.documents.find((document) => document.variant === 1)!;
    assert.deepEqual([stored.tracking_version, stored.is_current, stored.variant_of_document_id], ['2', 0, current.id]);
    // Importing the variant again changes nothing.
    assert.equal((await importPaths(ctx, [file], validator)).unchanged, 1);
    assert.equal((await stateOf('ICSA-21-131-15')).documents.length, 3);
  });
});

describeEachDialect('advisory import: bad input', (database) => {
  let ctx: AppContext;
  let validator: CsafValidator;
  before(async () => {
    ctx = await createTestContext(database(), { clock: new ManualClock(new Date('2026-11-26T09:00:00.000Z')) });
    validator = await createCsafValidator();
  });
  after(async () => {
    await validator?.close();
  });

  it('reports each bad file clearly, stores nothing of it, and goes on with the next', { skip: corpusMissing }, async () => {
    const folder = tempFolder('bad-input');
    const real = (relative: string): Buffer => readFileSync(path.join(cisaWhite, relative));
    const put = (name: string, content: Buffer | string): void => writeFileSync(path.join(folder, name), content);

    const good = real('2023/icsa-23-005-01.json');
    put('a-good.json', good);
    put('a-good.json.sha512', `${sha512(good)}  a-good.json\n`);
    put('a-good.json.asc', '-----BEGIN PGP SIGNATURE-----\n…\n-----END PGP SIGNATURE-----\n');
    const truncated = real('2023/icsa-23-005-02.json');
    put('b-truncated.json', truncated.subarray(0, Math.floor(truncated.length / 2)));
    put('c-not-json.json', '<html><script>alert(1)</script></html>');
    put('d-mismatch.json', real('2023/icsa-23-005-03.json'));
    put('d-mismatch.json.sha512', `${sha512('other bytes')}  d-mismatch.json\n`);
    put('e-bad-sidecar.json', real('2022/icsa-22-013-02.json'));
    put('e-bad-sidecar.json.sha256', 'not a hash\n');
    put('f-folder-sidecar.json', real('2021/icsa-21-222-07.json'));
    mkdirSync(path.join(folder, 'f-folder-sidecar.json.sha512'));
    symlinkSync(path.join(folder, 'nowhere.json'), path.join(folder, 'g-dangling.json'));
    const wrongVersion = corpusDocument('2021/icsa-21-257-06.json');
    wrongVersion.document.csaf_version = '2.1';
    put('h-wrong-version.json', JSON.stringify(wrongVersion));
    // A product id defined twice: mandatory test 6.1.2 fails; the document is stored, flagged.
    const duplicate = corpusDocument('2021/icsa-21-131-15.json');
    const siemens = duplicate.product_tree.branches[0]!.branches!;
    const leaf = structuredClone(siemens[1]!);
    leaf.branches![0]!.product!.product_id = 'CSAFPID-0001';
    siemens.push(leaf);
    put('i-duplicate-ids.json', JSON.stringify(duplicate));
    let deep = '{"document":{}}';
    for (let depth = 0; depth < 10_000; depth += 1) deep = `{"x":${deep}}`;
    put('j-deep.json', deep);
    put('k-provider-metadata.json', readFileSync(path.join(oasisExamples, 'provider-metadata/example-01-provider-metadata.json')));
    put('l-aggregator.json', readFileSync(path.join(oasisExamples, 'aggregator/example-01-aggregator.json')));

    const result = await importPaths(ctx, [folder], validator);
    const at = (name: string): string => path.join(folder, name);
    assert.equal(result.imported, 2);
    assert.equal(result.updated, 0);
    assert.equal(result.unchanged, 0);
    assert.deepEqual(result.skipped, [{ file: at('k-provider-metadata.json'), reason: 'provider_metadata' }, { file: at('l-aggregator.json'), reason: 'aggregator' }]);
    assert.deepEqual(result.flagged.map((entry) => [entry.file, entry.tracking_id, [...new Set(entry.errors.map((error) => error.test))]]), [[at('i-duplicate-ids.json'), 'ICSA-21-131-15', ['6.1.2']]]);
    assert.deepEqual(
      result.rejected.map((entry) => [path.basename(entry.file), entry.errors.map((error) => `${error.code}${error.test ? ` [${error.test}]` : ''}`)]),
      [
        ['b-truncated.json', ['CSAF_NOT_JSON [json]']],
        ['c-not-json.json', ['CSAF_NOT_JSON [json]']],
        ['d-mismatch.json', ['ADVISORY_HASH_MISMATCH']],
        ['e-bad-sidecar.json', ['ADVISORY_HASH_SIDECAR_INVALID']],
        ['f-folder-sidecar.json', ['ADVISORY_HASH_SIDECAR_UNREADABLE']],
        ['g-dangling.json', ['CSAF_FILE_UNREADABLE']],
        ['h-wrong-version.json', ['CSAF_VERSION_UNSUPPORTED [schema]']],
        ['j-deep.json', ['CSAF_TOO_DEEP [json]']],
      ],
    );
    const messages = new Map(result.rejected.map((entry) => [path.basename(entry.file), entry.errors[0]!.message]));
    assert.equal(messages.get('d-mismatch.json'), `The file does not match its hash in d-mismatch.json.sha512 (SHA512 is ${sha512(real('2023/icsa-23-005-03.json'))}, expected ${sha512('other bytes')}).`);
    assert.match(messages.get('f-folder-sidecar.json')!, /f-folder-sidecar\.json\.sha512 cannot be read: EISDIR/);
    assert.match(messages.get('g-dangling.json')!, /^The file cannot be read: ENOENT/);

    // Only the good and the flagged document are stored, each complete; nothing of the rejected ones.
    const stored = await ctx.db.selectFrom('advisory_documents').select(['id', 'tracking_id', 'validation_status', 'signature_status', 'hash_sidecars', 'validation_infos']).orderBy('tracking_id').execute();
    assert.deepEqual(stored.map((row) => [row.tracking_id, row.validation_status, row.signature_status, row.hash_sidecars]), [
      ['ICSA-21-131-15', 'flagged', 'absent', null],
      ['ICSA-23-005-01', 'valid', 'not_checked', 'sha512'],
    ]);
    const infos = JSON.parse(stored[1]!.validation_infos) as { code: string; message: string }[];
    assert.ok(infos.some((info) => info.code === 'ADVISORY_SIGNATURE_NOT_CHECKED' && info.message.includes('a-good.json.asc')));
    assert.equal(await count(ctx, 'advisories'), 2);
    assert.equal(await count(ctx, 'audit_events'), 2);
    const products = await ctx.db.selectFrom('advisory_products').select(['document_id', 'product_id']).where('document_id', '=', stored[0]!.id).orderBy('position').execute();
    assert.deepEqual(products.map((row) => row.product_id), ['CSAFPID-0001', 'CSAFPID-0002', 'CSAFPID-0001']);
  });

  it('verifies .asc signatures against --key: stores verified documents with the key and the signature, rejects the rest', { skip: corpusMissing }, async () => {
    const provider = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Provider PSIRT' }], format: 'object' });
    const stranger = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Stranger' }], format: 'object' });
    const sign = async (bytes: Buffer, key: openpgp.PrivateKey): Promise<string> =>
      (await openpgp.sign({ message: await openpgp.createMessage({ binary: bytes }), signingKeys: key, detached: true })) as string;
    const folder = tempFolder('signatures');
    const put = (name: string, content: Buffer | string): void => writeFileSync(path.join(folder, name), content);
    const real = (relative: string): Buffer => readFileSync(path.join(cisaWhite, relative));
    const signed = real('2020/icsa-20-014-01.json');
    put('a-signed.json', signed);
    put('a-signed.json.asc', await sign(signed, provider.privateKey));
    const tampered = real('2020/icsa-20-014-02.json');
    put('b-tampered.json', Buffer.concat([tampered, Buffer.from('\n')]));
    put('b-tampered.json.asc', await sign(tampered, provider.privateKey));
    const foreign = real('2020/icsa-20-014-03.json');
    put('c-foreign.json', foreign);
    put('c-foreign.json.asc', await sign(foreign, stranger.privateKey));
    put('d-unsigned.json', real('2020/icsa-20-014-04.json'));

    const keys = await readVerificationKeys(Buffer.from(provider.publicKey.armor()));
    const result = await importAdvisories(ctx, cli, { sources: await collectAdvisoryFiles([folder]), via: 'file', validator, keys });
    assert.equal(result.imported, 2);
    assert.deepEqual(
      result.rejected.map((entry) => [path.basename(entry.file), entry.errors.map((error) => error.code)]),
      [['b-tampered.json', ['ADVISORY_SIGNATURE_INVALID']], ['c-foreign.json', ['ADVISORY_SIGNATURE_UNKNOWN_KEY']]],
    );
    assert.match(result.rejected[1]!.errors[0]!.message, new RegExp(stranger.publicKey.getKeyID().toHex(), 'i'));
    const stored = await ctx.db
      .selectFrom('advisory_documents')
      .select(['file_name', 'signature_status', 'signature_key_fingerprint', 'signature_sha256', 'validation_infos'])
      .where('file_name', 'in', ['a-signed.json', 'd-unsigned.json'])
      .orderBy('file_name')
      .execute();
    assert.deepEqual(stored.map((row) => [row.file_name, row.signature_status, row.signature_key_fingerprint]), [
      ['a-signed.json', 'verified', provider.publicKey.getFingerprint().toUpperCase()],
      ['d-unsigned.json', 'absent', null],
    ]);
    // The signature file is kept in the artifact store beside the document.
    const asc = readFileSync(path.join(folder, 'a-signed.json.asc'));
    assert.equal(stored[0]!.signature_sha256, createHash('sha256').update(asc).digest('hex'));
    assert.equal(await ctx.artifacts.has(stored[0]!.signature_sha256 ?? ''), true);
    // A document without a signature while keys were given is stored with an info saying so.
    assert.ok((JSON.parse(stored[1]!.validation_infos) as { code: string }[]).some((info) => info.code === 'ADVISORY_SIGNATURE_MISSING'));
  });

  it('refuses an actor without advisory.import and stores nothing', { skip: corpusMissing }, async () => {
    const engineer: Actor = { kind: 'user', userId: null, name: 'eng', via: 'web', grants: [{ role: 'engineering', scope: { kind: 'all' }, expiresAt: null }], language: 'en' };
    const before = await count(ctx, 'advisory_documents');
    await assert.rejects(importPaths(ctx, [path.join(cisaWhite, '2017')], validator, engineer), (error: unknown) => error instanceof AppError && error.code === 'FORBIDDEN');
    const officer: Actor = { ...engineer, name: 'sec', grants: [{ role: 'security_officer', scope: { kind: 'all' }, expiresAt: null }] };
    assert.equal(await count(ctx, 'advisory_documents'), before);
    const file = path.join(cisaWhite, '2017/icsa-17-124-01.json');
    const result = await importPaths(ctx, [file], validator, officer);
    assert.equal(result.imported, 1);
    const event = await ctx.db.selectFrom('audit_events').select(['role', 'actor_id']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.deepEqual(event, { role: 'security_officer', actor_id: 'sec' });
  });
});
