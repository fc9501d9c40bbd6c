import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireActor } from '../../http/request.ts';
import { findSiteByKey } from '../sites/sites.repository.ts';
import { sendArtifactDownload, VERIFY_BEFORE_SEND_MAX_BYTES } from './artifact-download.ts';
import { EVIDENCE_UPLOAD_MAX_BYTES, receiveUpload, registerUploads } from './artifact-upload.ts';
import { artifactParams, artifactUploadForm, artifactView } from './artifacts.schema.ts';
import { getArtifact, readArtifact, storeArtifact } from './artifacts.service.ts';

/** Routes of the artifacts module under /api/v1: upload, metadata, download. */
export function artifactsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await registerUploads(app);

    app.post(
      '/artifacts',
      {
        schema: {
          tags: ['artifacts'],
          summary: 'Upload a file (multipart/form-data: optional field site_key, then the part file)',
          consumes: ['multipart/form-data'],
          body: artifactUploadForm,
          response: { 201: artifactView },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const upload = await receiveUpload(request, { maxBytes: EVIDENCE_UPLOAD_MAX_BYTES, fields: ['site_key'] });
        const siteKey = upload.fields.site_key?.trim();
        let siteId: string | null = null;
        if (siteKey) {
          const site = await findSiteByKey(ctx.db, siteKey);
          if (!site) throw new AppError('NOT_FOUND');
          siteId = site.id;
        }
        const artifact = await storeArtifact(ctx, actor, {
          source: upload.source,
          originalName: upload.fileName,
          mediaType: upload.mediaType,
          siteId,
          maxBytes: EVIDENCE_UPLOAD_MAX_BYTES,
        });
        return reply.status(201).send(artifact);
      },
    );

    app.get(
      '/artifacts/:id',
      { schema: { tags: ['artifacts'], params: artifactParams, response: { 200: artifactView } } },
      async (request) => getArtifact(ctx, requireActor(request), request.params.id),
    );

    app.get(
      '/artifacts/:id/download',
      {
        schema: {
          tags: ['artifacts'],
          summary: 'Download the bytes (always an attachment of type application/octet-stream)',
          params: artifactParams,
          produces: ['application/octet-stream'],
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { artifact, content } = await readArtifact(ctx, actor, request.params.id, { verifyFirstUpTo: VERIFY_BEFORE_SEND_MAX_BYTES });
        return sendArtifactDownload(reply, artifact, content);
      },
    );
  };
}
