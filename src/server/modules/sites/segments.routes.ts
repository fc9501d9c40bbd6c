import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import {
  createSegmentBodySchema,
  segmentIdParamsSchema,
  segmentListQuerySchema,
  segmentListSchema,
  segmentView,
  updateSegmentBodySchema,
} from './segments.schema.ts';
import { createSegment, getSegment, listSegmentViews, updateSegment } from './segments.service.ts';

const tags = ['inventory'];

/** Network segments, under /api/v1 (registered by sitesRoutes). */
export function segmentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/segments',
      { schema: { tags, summary: 'Network segments in the caller’s scope, optionally of one site', querystring: segmentListQuerySchema, response: { 200: segmentListSchema } } },
      async (request) => {
        const actor = requireActor(request);
        return listSegmentViews(ctx, actor, request.query.site);
      },
    );

    app.post('/segments', { schema: { tags, summary: 'Add a network segment', body: createSegmentBodySchema, response: { 201: segmentView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const segment = await createSegment(ctx, actor, request.body);
      setEtag(reply, segment.version);
      return reply.status(201).send(segment);
    });

    app.get('/segments/:id', { schema: { tags, params: segmentIdParamsSchema, response: { 200: segmentView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const segment = await getSegment(ctx, actor, request.params.id);
      setEtag(reply, segment.version);
      return segment;
    });

    app.patch(
      '/segments/:id',
      { schema: { tags, summary: 'Change a network segment', params: segmentIdParamsSchema, body: updateSegmentBodySchema, response: { 200: segmentView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const segment = await updateSegment(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, segment.version);
        return segment;
      },
    );
  };
}
