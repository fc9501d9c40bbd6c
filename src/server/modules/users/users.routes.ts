import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';

/** Routes of the users module under /api/v1. */
export function usersRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
