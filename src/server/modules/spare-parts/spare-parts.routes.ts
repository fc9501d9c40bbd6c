import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import {
  createSparePartBodySchema,
  sparePartIdParamsSchema,
  sparePartListQuerySchema,
  sparePartListView,
  sparePartView,
  updateSparePartBodySchema,
} from './spare-parts.schema.ts';
import { createSparePart, deleteSparePart, getSparePart, listSparePartViews, updateSparePart } from './spare-parts.service.ts';

const tags = ['inventory'];

/** Spare parts and spare devices per site, under /api/v1. */
export function sparePartsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/spare-parts',
      { schema: { tags, summary: 'Spare parts and devices in the caller’s scope, optionally of one site', querystring: sparePartListQuerySchema, response: { 200: sparePartListView } } },
      async (request) => {
        const actor = requireActor(request);
        return listSparePartViews(ctx, actor, request.query.site);
      },
    );

    app.post('/spare-parts', { schema: { tags, summary: 'Add a spare part or device', body: createSparePartBodySchema, response: { 201: sparePartView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const part = await createSparePart(ctx, actor, request.body);
      setEtag(reply, part.version);
      return reply.status(201).send(part);
    });

    app.get('/spare-parts/:id', { schema: { tags, params: sparePartIdParamsSchema, response: { 200: sparePartView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const part = await getSparePart(ctx, actor, request.params.id);
      setEtag(reply, part.version);
      return part;
    });

    app.patch(
      '/spare-parts/:id',
      { schema: { tags, summary: 'Change a spare part or device', params: sparePartIdParamsSchema, body: updateSparePartBodySchema, response: { 200: sparePartView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const part = await updateSparePart(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, part.version);
        return part;
      },
    );

    app.delete(
      '/spare-parts/:id',
      { schema: { tags, summary: 'Delete a spare part or device', params: sparePartIdParamsSchema, response: { 204: z.null() } } },
      async (request, reply) => {
        const actor = requireActor(request);
        await deleteSparePart(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request) });
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
