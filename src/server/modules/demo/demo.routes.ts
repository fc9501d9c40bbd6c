import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/request.ts';
import { demoLoadBodySchema, demoLoadResultSchema, loadDemoPlant } from './demo-load.service.ts';

const tags = ['demo'];

/** The demo plant, under /api/v1. */
export function demoRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/demo/load',
      {
        schema: {
          tags,
          summary: 'Add the demo plant “Hammer und Meißel” (admin for all sites); a non-empty inventory needs force',
          body: demoLoadBodySchema.nullish(),
          response: { 200: demoLoadResultSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return loadDemoPlant(ctx, actor, request.body ?? {});
      },
    );
  };
}
