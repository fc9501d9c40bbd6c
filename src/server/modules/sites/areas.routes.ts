import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import { areaIdParamsSchema, areaListSchema, areaView, createAreaBodySchema, updateAreaBodySchema } from './areas.schema.ts';
import { createArea, listAreaViews, updateArea } from './areas.service.ts';
import { siteKeyParamsSchema } from './sites.schema.ts';

const tags = ['inventory'];

/** Areas of a site, under /api/v1 (registered by sitesRoutes). */
export function areasRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/sites/:key/areas', { schema: { tags, params: siteKeyParamsSchema, response: { 200: areaListSchema } } }, async (request) => {
      const actor = requireActor(request);
      return listAreaViews(ctx, actor, request.params.key);
    });

    app.post(
      '/sites/:key/areas',
      { schema: { tags, summary: 'Add an area to a site', params: siteKeyParamsSchema, body: createAreaBodySchema, response: { 201: areaView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const area = await createArea(ctx, actor, { ...request.body, site_key: request.params.key });
        setEtag(reply, area.version);
        return reply.status(201).send(area);
      },
    );

    app.patch(
      '/areas/:id',
      { schema: { tags, summary: 'Rename an area', params: areaIdParamsSchema, body: updateAreaBodySchema, response: { 200: areaView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const area = await updateArea(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, area.version);
        return area;
      },
    );
  };
}
