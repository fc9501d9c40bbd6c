import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireActor, setEtag } from '../../http/request.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, scopeFilter, type Action } from '../../policies/policies.ts';
import type { SiteRow } from '../../db/schema.ts';
import { findSiteByKey, listSites } from './sites.repository.ts';
import { siteView, type SiteView } from './sites.schema.ts';

const siteActions: Action[] = ['site.read'];

function presentSite(actor: Actor, site: SiteRow): SiteView {
  return {
    id: site.id,
    key: site.key,
    name: site.name,
    time_zone: site.time_zone,
    version: site.version,
    allowed_actions: allowedActions(actor, siteActions, { siteId: site.id }),
  };
}

/** Sites under /api/v1. */
export function sitesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/sites', { schema: { tags: ['inventory'], response: { 200: z.object({ items: z.array(siteView) }) } } }, async (request) => {
      const actor = requireActor(request);
      const sites = await listSites(ctx.db, scopeFilter(actor, 'site.read'));
      return { items: sites.map((site) => presentSite(actor, site)) };
    });

    app.get(
      '/sites/:key',
      { schema: { tags: ['inventory'], params: z.object({ key: z.string().min(1) }), response: { 200: siteView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const site = await findSiteByKey(ctx.db, request.params.key);
        if (!site) throw new AppError('NOT_FOUND');
        authorize(actor, 'site.read', { siteId: site.id });
        setEtag(reply, site.version);
        return presentSite(actor, site);
      },
    );
  };
}
