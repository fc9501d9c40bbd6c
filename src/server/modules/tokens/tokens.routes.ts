import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';

/** Routes of the tokens module under /api/v1. */
export function tokensRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
