import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';

/** Routes of the auth module under /api/v1. */
export function authRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
