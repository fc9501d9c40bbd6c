import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { SiteRow } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { sendProblem } from '../../http/problem.ts';
import '../../http/request.ts';
import type { Actor } from '../../policies/actor.ts';
import { createUserWithSession, type TestSession } from '../../../test-support/actors.ts';
import { createTestContext } from '../../../test-support/context.ts';
import { describeEachDialect } from '../../../test-support/databases.ts';
import { insertSite } from '../../../test-support/factories.ts';
import { multipart, type MultipartPart } from '../../../test-support/multipart.ts';
import { receiveUpload, registerUploads } from './artifact-upload.ts';
import { contentDisposition, sendArtifactDownload } from './artifact-download.ts';
import type { ArtifactView } from './artifacts.schema.ts';
import { readArtifact, storeArtifact } from './artifacts.service.ts';
import type { LocalArtifactStore } from './local-artifact-store.ts';

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describeEachDialect('artifacts routes', (database) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let siteA: SiteRow;
  let siteB: SiteRow;
  let admin: TestSession;
  let maintenanceA: TestSession;
  let maintenanceB: TestSession;
  let auditor: TestSession;
  let noGrants: TestSession;

  before(async () => {
    ctx = await createTestContext(database());
    app = await buildApp(ctx);
    const now = ctx.clock.now();
    siteA = await insertSite(ctx.db, { key: 'HAM' });
    siteB = await insertSite(ctx.db, { key: 'MUC' });
    admin = await createUserWithSession(ctx.db, { username: 'admin', role: 'admin' }, now);
    maintenanceA = await createUserWithSession(ctx.db, { username: 'maint-ham', role: 'maintenance', scope: { kind: 'site', siteIds: [siteA.id] } }, now);
    maintenanceB = await createUserWithSession(ctx.db, { username: 'maint-muc', role: 'maintenance', scope: { kind: 'site', siteIds: [siteB.id] } }, now);
    auditor = await createUserWithSession(ctx.db, { username: 'auditor', role: 'auditor' }, now);
    noGrants = await createUserWithSession(ctx.db, { username: 'nobody' }, now);
  });
  after(async () => {
    await app.close();
    await ctx.jobs.stop();
  });

  const upload = async (session: TestSession | null, parts: MultipartPart[]) => {
    const body = multipart(parts);
    return app.inject({
      method: 'POST',
      url: '/api/v1/artifacts',
      headers: { ...(session?.headers ?? {}), 'content-type': body.contentType },
      payload: body.payload,
    });
  };
  const get = (session: TestSession | null, url: string) => app.inject({ method: 'GET', url, headers: session?.headers ?? {} });
  const countRows = async (): Promise<number> => Number((await ctx.db.selectFrom('artifacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const tmpDir = (): string => (ctx.artifacts as LocalArtifactStore).tmpDir;
  const tmpFiles = (): string[] => (existsSync(tmpDir()) ? readdirSync(tmpDir()) : []);

  it('uploads a file to a site, shows it and downloads the same bytes as an attachment', async () => {
    const content = Buffer.from('%PDF-1.7 acceptance protocol of DM-3\n');
    const response = await upload(maintenanceA, [
      { name: 'site_key', value: 'ham' },
      { name: 'file', filename: 'Abnahme DM-3.pdf', contentType: 'application/pdf', content },
    ]);
    assert.equal(response.statusCode, 201, response.body);
    const artifact = response.json<ArtifactView>();
    assert.equal(artifact.sha256, sha256Of(content));
    assert.equal(artifact.size, content.length);
    assert.equal(artifact.media_type, 'application/pdf');
    assert.equal(artifact.original_name, 'Abnahme DM-3.pdf');
    assert.equal(artifact.uploaded_by, maintenanceA.userId);
    assert.equal(artifact.site_id, siteA.id);
    assert.equal(artifact.site_key, 'HAM');
    assert.equal(artifact.created_at, ctx.clock.now().toISOString());
    assert.deepEqual(artifact.allowed_actions, ['artifact.read']);

    const event = await ctx.db.selectFrom('audit_events').selectAll().where('object_id', '=', artifact.id).executeTakeFirstOrThrow();
    assert.equal(event.action, 'artifact.upload');
    assert.equal(event.actor_id, maintenanceA.userId);
    assert.equal(event.role, 'maintenance');
    assert.equal(event.site_id, siteA.id);

    const shown = await get(maintenanceA, `/api/v1/artifacts/${artifact.id}`);
    assert.equal(shown.statusCode, 200);
    assert.deepEqual(shown.json(), artifact);

    const download = await get(maintenanceA, `/api/v1/artifacts/${artifact.id}/download`);
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, content);
    assert.equal(download.headers['content-type'], 'application/octet-stream');
    assert.equal(download.headers['content-disposition'], `attachment; filename="Abnahme DM-3.pdf"; filename*=UTF-8''Abnahme%20DM-3.pdf`);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.headers['content-length'], String(content.length));
    assert.equal(download.headers.etag, `"${artifact.sha256}"`);
    assert.equal(download.headers['cache-control'], 'private, no-store');
  });

  it('serves an uploaded HTML page as an octet-stream attachment, never inline', async () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const response = await upload(admin, [{ name: 'file', filename: '<b>report</b>.html', contentType: 'text/html', content: html }]);
    assert.equal(response.statusCode, 201, response.body);
    const artifact = response.json<ArtifactView>();
    assert.equal(artifact.media_type, 'text/html');
    assert.equal(artifact.site_id, null);
    const download = await get(admin, `/api/v1/artifacts/${artifact.id}/download`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/octet-stream');
    assert.match(String(download.headers['content-disposition']), /^attachment; /);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-security-policy']), /sandbox/);
    assert.deepEqual(download.rawPayload, html);
  });

  it('stores the same content once on disk, with one row per upload', async () => {
    const content = randomBytes(4096);
    const rowsBefore = await countRows();
    const first = (await upload(admin, [{ name: 'file', filename: 'a.bin', content }])).json<ArtifactView>();
    const second = (await upload(admin, [{ name: 'file', filename: 'b.bin', content }])).json<ArtifactView>();
    assert.notEqual(first.id, second.id);
    assert.equal(first.sha256, second.sha256);
    assert.equal(await countRows(), rowsBefore + 2);
    const blobPath = (ctx.artifacts as LocalArtifactStore).blobPath(first.sha256);
    assert.deepEqual(readdirSync(path.dirname(blobPath)), [first.sha256]);
    assert.deepEqual(tmpFiles(), []);
  });

  it('answers 500 ARTIFACT_CORRUPT instead of the bytes when the blob was changed on disk', async () => {
    const content = Buffer.from('machine configuration backup v1');
    const artifact = (await upload(admin, [{ name: 'file', filename: 'config.bak', content }])).json<ArtifactView>();
    writeFileSync((ctx.artifacts as LocalArtifactStore).blobPath(artifact.sha256), 'machine configuration backup v2');
    const download = await get(admin, `/api/v1/artifacts/${artifact.id}/download`);
    assert.equal(download.statusCode, 500);
    assert.equal(download.json<{ code: string }>().code, 'ARTIFACT_CORRUPT');
    assert.match(String(download.headers['content-type']), /^application\/problem\+json/);
    assert.equal(download.headers['content-disposition'], undefined);
    assert.doesNotMatch(download.body, /backup v2/);
  });

  it('hides artifacts of other sites (404) and installation-wide ones from users without any grant', async () => {
    const siteArtifact = (await upload(maintenanceA, [
      { name: 'site_key', value: 'HAM' },
      { name: 'file', filename: 'ham.txt', content: Buffer.from('ham only') },
    ])).json<ArtifactView>();
    for (const url of [`/api/v1/artifacts/${siteArtifact.id}`, `/api/v1/artifacts/${siteArtifact.id}/download`]) {
      const response = await get(maintenanceB, url);
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json<{ code: string }>().code, 'NOT_FOUND');
    }
    assert.equal((await get(admin, `/api/v1/artifacts/${siteArtifact.id}`)).statusCode, 200);
    assert.equal((await get(auditor, `/api/v1/artifacts/${siteArtifact.id}`)).statusCode, 200);

    const global = (await upload(admin, [{ name: 'file', filename: 'global.txt', content: Buffer.from('for everyone') }])).json<ArtifactView>();
    assert.equal((await get(maintenanceB, `/api/v1/artifacts/${global.id}`)).statusCode, 200);
    assert.equal((await get(noGrants, `/api/v1/artifacts/${global.id}`)).statusCode, 404);
    assert.equal((await get(admin, '/api/v1/artifacts/no-such-id')).statusCode, 404);
  });

  it('refuses uploads by a role without artifact.upload (403) and to sites outside the scope (404)', async () => {
    const rowsBefore = await countRows();
    const forbidden = await upload(auditor, [{ name: 'file', filename: 'x.txt', content: Buffer.from('x') }]);
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json<{ code: string }>().code, 'FORBIDDEN');
    const otherSite = await upload(maintenanceB, [{ name: 'site_key', value: 'HAM' }, { name: 'file', filename: 'x.txt', content: Buffer.from('x') }]);
    assert.equal(otherSite.statusCode, 404);
    const unknownSite = await upload(admin, [{ name: 'site_key', value: 'NOPE' }, { name: 'file', filename: 'x.txt', content: Buffer.from('x') }]);
    assert.equal(unknownSite.statusCode, 404);
    assert.equal(await countRows(), rowsBefore);
  });

  it('answers 401 without a session and 403 CSRF_FAILED without the CSRF header', async () => {
    const anonymous = await upload(null, [{ name: 'file', filename: 'x.txt', content: Buffer.from('x') }]);
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json<{ code: string }>().code, 'UNAUTHENTICATED');
    assert.equal((await get(null, `/api/v1/artifacts/whatever`)).statusCode, 401);
    assert.equal((await get(null, `/api/v1/artifacts/whatever/download`)).statusCode, 401);
    const body = multipart([{ name: 'file', filename: 'x.txt', content: Buffer.from('x') }]);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/artifacts',
      headers: { cookie: admin.headers.cookie ?? '', 'content-type': body.contentType },
      payload: body.payload,
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json<{ code: string }>().code, 'CSRF_FAILED');
  });

  it('answers 400 for a form without a file, an unknown field, or a field after the file, and stores nothing', async () => {
    const rowsBefore = await countRows();
    const noFile = await upload(admin, [{ name: 'site_key', value: 'HAM' }]);
    assert.equal(noFile.statusCode, 400);
    assert.equal(noFile.json<{ errors: { path: string }[] }>().errors[0]?.path, '/file');
    const unknownField = await upload(admin, [{ name: 'machine', value: 'DM-3' }, { name: 'file', filename: 'x.txt', content: Buffer.from('x') }]);
    assert.equal(unknownField.statusCode, 400);
    const trailing = await upload(admin, [{ name: 'file', filename: 'late.txt', content: Buffer.from('site comes too late') }, { name: 'site_key', value: 'HAM' }]);
    assert.equal(trailing.statusCode, 400);
    assert.equal(trailing.json<{ errors: { path: string }[] }>().errors[0]?.path, '/site_key');
    const json = await app.inject({ method: 'POST', url: '/api/v1/artifacts', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{}' });
    assert.equal(json.statusCode, 415);
    assert.equal(await countRows(), rowsBefore);
    assert.deepEqual(tmpFiles(), []);
  });

  it('refuses a file over the route limit with 413 and leaves no temporary file and no row', async () => {
    // A route of its own with a small limit, built from the same helpers the real routes use.
    const limited = Fastify();
    limited.decorateRequest('actor', null);
    const actor = adminActor('web');
    limited.addHook('onRequest', (request, _reply, done) => {
      request.actor = actor;
      done();
    });
    limited.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
    await limited.register(async (scope) => {
      await registerUploads(scope);
      scope.post('/upload', async (request, reply) => {
        const received = await receiveUpload(request, { maxBytes: 1000 });
        const stored = await storeArtifact(ctx, actor, { source: received.source, originalName: received.fileName, mediaType: received.mediaType, siteId: null, maxBytes: 1000 });
        return reply.status(201).send(stored);
      });
    });
    try {
      const rowsBefore = await countRows();
      const send = (content: Buffer) => {
        const body = multipart([{ name: 'file', filename: 'big.bin', content }]);
        return limited.inject({ method: 'POST', url: '/upload', headers: { 'content-type': body.contentType }, payload: body.payload });
      };
      const tooLarge = await send(randomBytes(1001));
      assert.equal(tooLarge.statusCode, 413);
      assert.equal(tooLarge.json<{ code: string }>().code, 'PAYLOAD_TOO_LARGE');
      const muchTooLarge = await send(randomBytes(200_000));
      assert.equal(muchTooLarge.statusCode, 413);
      assert.equal(await countRows(), rowsBefore);
      assert.deepEqual(tmpFiles(), []);
      const exact = await send(randomBytes(1000));
      assert.equal(exact.statusCode, 201, exact.body);
      assert.equal(await countRows(), rowsBefore + 1);
    } finally {
      await limited.close();
    }
  });

  /** The test admin as an actor calling the use cases directly. */
  const adminActor = (via: Actor['via']): Actor => ({
    kind: 'user',
    userId: admin.userId,
    name: 'admin',
    via,
    grants: [{ role: 'admin', scope: { kind: 'all' }, expiresAt: null }],
    language: 'en',
  });

  it('drops the connection before the last bytes when a blob streamed without prior verification is corrupt', async () => {
    const actor = adminActor('web');
    const content = Buffer.alloc(2 * 1024 * 1024, 7);
    const artifact = await storeArtifact(ctx, actor, { source: Readable.from([content]), originalName: 'image.bin', mediaType: 'application/octet-stream', siteId: null, maxBytes: content.length });
    const tampered = Buffer.from(content);
    tampered[tampered.length - 1] = 8;
    writeFileSync((ctx.artifacts as LocalArtifactStore).blobPath(artifact.sha256), tampered);
    // A real socket: the streaming path (blobs above VERIFY_BEFORE_SEND_MAX_BYTES) cut short on mismatch.
    const server = Fastify();
    server.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
    server.get('/download', async (_request, reply) => {
      const { artifact: view, content: stream } = await readArtifact(ctx, actor, artifact.id, { verifyFirstUpTo: 0 });
      return sendArtifactDownload(reply, view, stream);
    });
    try {
      const address = await server.listen({ port: 0, host: '127.0.0.1' });
      const response = await fetch(`${address}/download`);
      assert.equal(response.headers.get('content-length'), String(content.length));
      let received = 0;
      let failure: unknown = null;
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.length;
      } catch (error) {
        failure = error;
      }
      assert.ok(failure, 'the transfer is aborted');
      assert.ok(received < content.length, `received ${received} of ${content.length} bytes`);
    } finally {
      await server.close();
    }
  });

  it('refuses a stream over maxBytes in storeArtifact itself, writing no row and no audit event', async () => {
    const actor = adminActor('api');
    const rowsBefore = await countRows();
    const eventsBefore = (await ctx.db.selectFrom('audit_events').select('seq').execute()).length;
    await assert.rejects(
      storeArtifact(ctx, actor, { source: Readable.from([randomBytes(64)]), originalName: 'x', mediaType: 'text/plain', siteId: null, maxBytes: 63 }),
      (error: unknown) => (error as { code?: string }).code === 'PAYLOAD_TOO_LARGE',
    );
    assert.equal(await countRows(), rowsBefore);
    assert.equal((await ctx.db.selectFrom('audit_events').select('seq').execute()).length, eventsBefore);
    assert.deepEqual(tmpFiles(), []);
  });
});

it('writes Content-Disposition with an ASCII fallback and the UTF-8 name, without quotes or paths', () => {
  assert.equal(
    contentDisposition('C:\\Users\\x\\Prüfbericht "Linie 3" 100%.pdf'),
    `attachment; filename="Prufbericht _Linie 3_ 100_.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%22Linie%203%22%20100%25.pdf`,
  );
  assert.equal(contentDisposition('evil\r\nSet-Cookie: x=1'), `attachment; filename="evilSet-Cookie: x=1"; filename*=UTF-8''evilSet-Cookie%3A%20x%3D1`);
  assert.equal(contentDisposition('../..'), `attachment; filename="upload"; filename*=UTF-8''upload`);
  assert.equal(contentDisposition('invoice\u202Efdp.exe'), `attachment; filename="invoicefdp.exe"; filename*=UTF-8''invoicefdp.exe`);
});
