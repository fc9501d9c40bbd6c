import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import {
  createTemplateBodySchema,
  replaceTemplateBodySchema,
  templateIdParamsSchema,
  templateListQuerySchema,
  templateListSchema,
  templateView,
} from './test-templates.schema.ts';
import { createTemplate, getTemplate, listTemplates, replaceTemplate } from './test-templates.service.ts';

const tags = ['inventory'];

/** Commissioning test templates of contracts and of machine types, under /api/v1 (registered by contractsRoutes). */
export function testTemplatesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/test-templates',
      {
        schema: {
          tags,
          summary: 'Test templates of a contract, of a site’s machine types, or those a machine’s commissioning test uses',
          querystring: templateListQuerySchema,
          response: { 200: templateListSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return listTemplates(ctx, actor, { contractId: request.query.contract, siteKey: request.query.site, machineId: request.query.machine });
      },
    );

    app.post('/test-templates', { schema: { tags, summary: 'Add a test template to a contract or a machine type', body: createTemplateBodySchema, response: { 201: templateView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const template = await createTemplate(ctx, actor, request.body);
      setEtag(reply, template.version);
      return reply.status(201).send(template);
    });

    app.get('/test-templates/:id', { schema: { tags, params: templateIdParamsSchema, response: { 200: templateView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const template = await getTemplate(ctx, actor, request.params.id);
      setEtag(reply, template.version);
      return template;
    });

    app.put(
      '/test-templates/:id',
      { schema: { tags, summary: 'Replace a test template’s name and items', params: templateIdParamsSchema, body: replaceTemplateBodySchema, response: { 200: templateView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const template = await replaceTemplate(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request), template: request.body });
        setEtag(reply, template.version);
        return template;
      },
    );
  };
}
