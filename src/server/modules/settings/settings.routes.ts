import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/request.ts';
import { advisoryVisibilitySchema, advisoryVisibilityView } from './settings.schema.ts';
import { getAdvisoryVisibility, setAdvisoryVisibility } from './settings.service.ts';

const tags = ['settings'];

/** Installation-wide settings under /api/v1/settings. */
export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/settings/advisory-visibility',
      { schema: { tags, summary: 'Which roles see advisories labelled TLP AMBER or RED', response: { 200: advisoryVisibilityView } } },
      async (request) => getAdvisoryVisibility(ctx, requireActor(request)),
    );
    app.put(
      '/settings/advisory-visibility',
      { schema: { tags, summary: 'Set which roles see advisories labelled TLP AMBER or RED (admin; admin always does)', body: advisoryVisibilitySchema, response: { 200: advisoryVisibilityView } } },
      async (request) => setAdvisoryVisibility(ctx, requireActor(request), request.body),
    );
    return Promise.resolve();
  };
}
