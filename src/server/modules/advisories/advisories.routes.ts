import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatBytes } from '../../errors/format-bytes.ts';
import { invalidField, jsonPointer } from '../../errors/validation.ts';
import { requireActor } from '../../http/request.ts';
import { authorize } from '../../policies/policies.ts';
import { contentDisposition } from '../artifacts/artifact-download.ts';
import { registerUploads } from '../artifacts/artifact-upload.ts';
import { getAdvisory, listAdvisoryPage, openRawAdvisoryDocument } from './advisories.service.ts';
import { advisoryDetailView, advisoryDocumentParamsSchema, advisoryListQuerySchema, advisoryListView, advisoryParamsSchema } from './advisories.schema.ts';
import { pairUploads, type AdvisoryFileSource, type UploadedFile } from './advisory-files.ts';
import { advisoryImportResultView } from './advisory-import.schema.ts';
import { importAdvisories } from './advisory-import.service.ts';
import { sharedCsafValidator } from './csaf-validation.ts';
import { CSAF_MAX_BYTES } from './csaf-checks.ts';

const tags = ['advisories'];

/** Files per upload request (documents with their hash and signature files). */
const MAX_UPLOAD_FILES = 96;
/** Bytes of all files of one upload request together (each file may have up to CSAF_MAX_BYTES). */
const MAX_UPLOAD_TOTAL_BYTES = 100 * 1024 * 1024;

/**
 * Reads every file part (field `file`, repeatable) of a multipart upload into memory and pairs
 * documents with their `.sha256`/`.sha512`/`.asc` files (`pairUploads`). A file above the CSAF
 * limit is not kept: it becomes a source whose size is over the limit, so the import rejects it like
 * the CLI does, and the other files still go through. A hash or signature file without its
 * document refuses the upload: it was meant to check something that is missing.
 */
async function receiveCsafFiles(request: FastifyRequest): Promise<AdvisoryFileSource[]> {
  const files: UploadedFile[] = [];
  let total = 0;
  let parts: AsyncIterableIterator<Multipart>;
  try {
    // throwFileSizeLimit is honoured per call (index.js) though the typings do not list it.
    const options = { throwFileSizeLimit: false, limits: { fileSize: CSAF_MAX_BYTES, files: MAX_UPLOAD_FILES, parts: MAX_UPLOAD_FILES, fields: MAX_UPLOAD_FILES } };
    parts = request.parts(options);
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  try {
    for await (const part of parts) {
      if (part.type === 'field') throw invalidField('UNKNOWN_FIELD', jsonPointer([part.fieldname]));
      if (part.fieldname !== 'file') throw invalidField('MULTIPART_FILE_FIELD', jsonPointer([part.fieldname]), { params: { field: 'file' } });
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (total > MAX_UPLOAD_TOTAL_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(MAX_UPLOAD_TOTAL_BYTES) });
      files.push({ name: part.filename || `upload-${files.length + 1}.json`, bytes, truncated: part.file.truncated });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    switch ((error as { code?: unknown } | null)?.code) {
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
      case 'FST_FILES_LIMIT':
        throw invalidField('MULTIPART_TOO_MANY_PARTS', '/', { params: { max: MAX_UPLOAD_FILES } });
      default:
        if (error instanceof Error && !('statusCode' in error && Number(error.statusCode) >= 500)) throw invalidField('MULTIPART_MALFORMED', '/');
        throw error;
    }
  }
  const { sources, orphans } = pairUploads(files, CSAF_MAX_BYTES + 1);
  if (orphans.length > 0) throw invalidField('ADVISORY_SIDECAR_WITHOUT_DOCUMENT', jsonPointer(['file']), { value: orphans[0]!, params: { file: orphans[0]! } });
  if (sources.length === 0) throw invalidField('MULTIPART_NO_FILE', jsonPointer(['file']));
  return sources;
}

/** Reads a stream completely (documents are at most 20 MiB), so a corrupt blob fails before any header is sent. */
async function readAll(source: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Routes of CSAF advisories under /api/v1: list, detail, raw document download and upload import. */
export function advisoriesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await registerUploads(app);

    app.get(
      '/advisories',
      { schema: { tags, summary: 'One page of advisories (current documents), newest release first', querystring: advisoryListQuerySchema, response: { 200: advisoryListView } } },
      async (request) => listAdvisoryPage(ctx, requireActor(request), request.query),
    );

    app.post(
      '/advisories/import',
      {
        schema: {
          tags,
          summary: 'Import one or more CSAF 2.0 JSON documents (multipart, repeated part `file`, at most 20 MiB each), each with its `.sha256`/`.sha512`/`.asc` files if uploaded beside it; the result is that of `advisories import --json`',
          consumes: ['multipart/form-data'],
          response: { 200: advisoryImportResultView },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        authorize(actor, 'advisory.import', 'global');
        const sources = await receiveCsafFiles(request);
        return importAdvisories(ctx, actor, { sources, via: 'upload', validator: await sharedCsafValidator(actor.language) });
      },
    );

    app.get(
      '/advisories/:advisory_id',
      { schema: { tags, summary: 'One advisory with its current document, CVE enrichment and revisions', params: advisoryParamsSchema, response: { 200: advisoryDetailView } } },
      async (request) => getAdvisory(ctx, requireActor(request), request.params.advisory_id),
    );

    app.get(
      '/advisories/:advisory_id/documents/:document_id/raw',
      { schema: { tags, summary: 'Download the stored CSAF document unchanged, as an attachment', params: advisoryDocumentParamsSchema, produces: ['application/json'] } },
      async (request, reply) => {
        const raw = await openRawAdvisoryDocument(ctx, requireActor(request), request.params.advisory_id, request.params.document_id);
        const bytes = await readAll(raw.content);
        return reply
          .header('content-type', 'application/json')
          .header('content-disposition', contentDisposition(raw.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('etag', `"${raw.sha256}"`)
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
  };
}
