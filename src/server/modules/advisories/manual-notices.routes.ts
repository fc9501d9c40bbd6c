import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import { contentDisposition } from '../artifacts/artifact-download.ts';
import { receiveUpload, registerUploads } from '../artifacts/artifact-upload.ts';
import {
  manualNoticeAttachmentParamsSchema, manualNoticeBodySchema, manualNoticeLinkBodySchema, manualNoticeParamsSchema, manualNoticeView, noticeAttachmentView,
} from './manual-notices.schema.ts';
import {
  addNoticeAttachment, createManualNotice, getManualNotice, linkManualNotice, NOTICE_ATTACHMENT_MAX_BYTES, openNoticeAttachment, updateManualNotice,
} from './manual-notices.service.ts';

const tags = ['advisories'];

/** Manual vendor notices under /api/v1/advisories/manual: record, read, revise, link, attachments. */
export function manualNoticesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await registerUploads(app);

    app.post(
      '/advisories/manual',
      {
        schema: {
          tags,
          summary: 'Record a vendor notice (phone, e-mail, …) as an advisory with source `manual`; it is written as a CSAF 2.0 document with tracking id PW-MAN-YYYY-NNNN',
          body: manualNoticeBodySchema,
          response: { 201: manualNoticeView },
        },
      },
      async (request, reply) => {
        const notice = await createManualNotice(ctx, requireActor(request), request.body);
        setEtag(reply, notice.version);
        return reply.status(201).send(notice);
      },
    );

    app.get(
      '/advisories/manual/:advisory_id',
      { schema: { tags, summary: 'One vendor notice: the current form fields, who reported it, attachments, the linked CSAF advisory', params: manualNoticeParamsSchema, response: { 200: manualNoticeView } } },
      async (request, reply) => {
        const notice = await getManualNotice(ctx, requireActor(request), request.params.advisory_id);
        setEtag(reply, notice.version);
        return notice;
      },
    );

    app.put(
      '/advisories/manual/:advisory_id',
      {
        schema: {
          tags,
          summary: 'Revise a vendor notice: the whole form as it reads now becomes the next revision (tracking version + 1); the older one stays as history',
          params: manualNoticeParamsSchema,
          body: manualNoticeBodySchema,
          response: { 200: manualNoticeView },
        },
      },
      async (request, reply) => {
        const notice = await updateManualNotice(ctx, requireActor(request), { advisoryId: request.params.advisory_id, expectedVersion: expectedVersion(request), body: request.body });
        setEtag(reply, notice.version);
        return notice;
      },
    );

    app.post(
      '/advisories/manual/:advisory_id/link',
      {
        schema: {
          tags,
          summary: 'Link the vendor notice to the CSAF advisory that covers it (`advisory_id`), or remove the link (`null`)',
          params: manualNoticeParamsSchema,
          body: manualNoticeLinkBodySchema,
          response: { 200: manualNoticeView },
        },
      },
      async (request, reply) => {
        const notice = await linkManualNotice(ctx, requireActor(request), { advisoryId: request.params.advisory_id, expectedVersion: expectedVersion(request), body: request.body });
        setEtag(reply, notice.version);
        return notice;
      },
    );

    app.post(
      '/advisories/manual/:advisory_id/attachments',
      {
        schema: {
          tags,
          summary: 'Attach a file to the vendor notice (multipart/form-data, part `file`, at most 50 MiB), e.g. the supplier’s e-mail as .eml or a PDF',
          consumes: ['multipart/form-data'],
          params: manualNoticeParamsSchema,
          response: { 201: noticeAttachmentView },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const upload = await receiveUpload(request, { maxBytes: NOTICE_ATTACHMENT_MAX_BYTES });
        const attachment = await addNoticeAttachment(ctx, actor, { advisoryId: request.params.advisory_id, source: upload.source, originalName: upload.fileName, mediaType: upload.mediaType });
        return reply.status(201).send(attachment);
      },
    );

    app.get(
      '/advisories/manual/:advisory_id/attachments/:attachment_id/download',
      {
        schema: {
          tags,
          summary: 'Download an attachment of the vendor notice (always an attachment of type application/octet-stream)',
          params: manualNoticeAttachmentParamsSchema,
          produces: ['application/octet-stream'],
        },
      },
      async (request, reply) => {
        const { attachment, content } = await openNoticeAttachment(ctx, requireActor(request), request.params.advisory_id, request.params.attachment_id);
        // As every stored upload leaves: an attachment, never rendered by the browser.
        return reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', contentDisposition(attachment.original_name))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('content-length', String(attachment.size))
          .header('etag', `"${attachment.sha256}"`)
          .header('cache-control', 'private, no-store')
          .send(content);
      },
    );
  };
}
