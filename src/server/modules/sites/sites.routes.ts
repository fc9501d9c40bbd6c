import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';

/** Routes of the sites module under /api/v1. */
export function sitesRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
