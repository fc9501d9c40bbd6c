import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';

/** Routes of the audit module under /api/v1. */
export function auditRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
