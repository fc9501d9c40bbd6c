import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatBytes } from '../../errors/format-bytes.ts';
import { requireActor } from '../../http/request.ts';
import { contentDisposition } from '../artifacts/artifact-download.ts';
import { receiveUpload, registerUploads } from '../artifacts/artifact-upload.ts';
import { exportInventory, inventoryTemplate, type InventoryExport } from './inventory-export.service.ts';
import { authorizeImport, importInventory } from './inventory-import.service.ts';
import { exportQuerySchema, importQuerySchema, importResultView, INVENTORY_UPLOAD_MAX_BYTES, templateQuerySchema } from './inventory.schema.ts';

const tags = ['inventory'];

function sendFile(reply: FastifyReply, file: InventoryExport): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}

/** Reads the whole upload into memory (inventory files are small; the limit is 50 MiB). */
async function readAll(source: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > INVENTORY_UPLOAD_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(INVENTORY_UPLOAD_MAX_BYTES) });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Routes of inventory files under /api/v1: import (multipart), export and template downloads. */
export function inventoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await registerUploads(app);

    app.post(
      '/inventory/import',
      {
        schema: {
          tags,
          summary: 'Import a CSV, XLSX or CycloneDX 1.6 JSON inventory file (multipart part `file`); a rejected import answers 200 with `errors` and writes nothing',
          consumes: ['multipart/form-data'],
          querystring: importQuerySchema,
          response: { 200: importResultView },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        authorizeImport(actor);
        const upload = await receiveUpload(request, { maxBytes: INVENTORY_UPLOAD_MAX_BYTES });
        const bytes = await readAll(upload.source);
        return importInventory(ctx, actor, { files: [{ name: upload.fileName, bytes }], dryRun: request.query.dry_run === 'true' });
      },
    );

    app.get(
      '/inventory/export',
      {
        schema: {
          tags,
          summary: 'Download the inventory the caller may read as CSV or XLSX, or one machine (`machine`, required) as a CycloneDX 1.6 BOM',
          querystring: exportQuerySchema,
          produces: ['text/csv', 'application/octet-stream', 'application/vnd.cyclonedx+json'],
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { format, machine, delimiter } = request.query;
        const file = await exportInventory(ctx, actor, { format, ...(machine !== undefined ? { machineId: machine } : {}), ...(delimiter !== undefined ? { delimiter } : {}) });
        return sendFile(reply, file);
      },
    );

    app.get(
      '/inventory/template',
      { schema: { tags, summary: 'Download the import template (header and one example row)', querystring: templateQuerySchema } },
      async (request, reply) => sendFile(reply, await inventoryTemplate(requireActor(request), request.query.format)),
    );
  };
}
