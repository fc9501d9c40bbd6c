import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import { areasRoutes } from './areas.routes.ts';
import { segmentsRoutes } from './segments.routes.ts';
import { createSiteBodySchema, siteKeyParamsSchema, siteListSchema, siteView, updateSiteBodySchema } from './sites.schema.ts';
import { createSite, getSite, listSiteViews, updateSite } from './sites.service.ts';

const tags = ['inventory'];

/** Sites with their calendars, their areas and network segments, under /api/v1. */
export function sitesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/sites', { schema: { tags, summary: 'The sites in the caller’s scope', response: { 200: siteListSchema } } }, async (request) => {
      const actor = requireActor(request);
      return listSiteViews(ctx, actor);
    });

    app.post('/sites', { schema: { tags, summary: 'Create a site (admin for all sites)', body: createSiteBodySchema, response: { 201: siteView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const site = await createSite(ctx, actor, request.body);
      setEtag(reply, site.version);
      return reply.status(201).send(site);
    });

    app.get('/sites/:key', { schema: { tags, params: siteKeyParamsSchema, response: { 200: siteView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const site = await getSite(ctx, actor, request.params.key);
      setEtag(reply, site.version);
      return site;
    });

    app.patch(
      '/sites/:key',
      { schema: { tags, summary: 'Change a site’s name, time zone or calendar', params: siteKeyParamsSchema, body: updateSiteBodySchema, response: { 200: siteView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const site = await updateSite(ctx, actor, { key: request.params.key, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, site.version);
        return site;
      },
    );

    await app.register(areasRoutes(ctx));
    await app.register(segmentsRoutes(ctx));
  };
}
