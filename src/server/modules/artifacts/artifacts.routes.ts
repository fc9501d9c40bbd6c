import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';

/** Routes of the artifacts module under /api/v1. */
export function artifactsRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
