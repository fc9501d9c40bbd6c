import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import { addComponent, getComponent, listComponents, removeComponent, updateComponent } from './components.service.ts';
import {
  componentListView,
  componentParamsSchema,
  componentView,
  createComponentBodySchema,
  includeRemovedQuerySchema,
  machineParamsSchema,
  updateComponentBodySchema,
} from './machines.schema.ts';

const tags = ['inventory'];

/** Software/firmware components of machines, under /api/v1. */
export function componentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/machines/:machine_id/components',
      { schema: { tags, params: machineParamsSchema, querystring: includeRemovedQuerySchema, response: { 200: componentListView } } },
      async (request) => {
        const actor = requireActor(request);
        return { items: await listComponents(ctx, actor, { machineId: request.params.machine_id, includeRemoved: request.query.include_removed === 'true' }) };
      },
    );

    app.post(
      '/machines/:machine_id/components',
      { schema: { tags, params: machineParamsSchema, body: createComponentBodySchema, response: { 201: componentView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const component = await addComponent(ctx, actor, { machineId: request.params.machine_id, component: request.body });
        setEtag(reply, component.version);
        return reply.status(201).send(component);
      },
    );

    app.get('/components/:id', { schema: { tags, params: componentParamsSchema, response: { 200: componentView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const component = await getComponent(ctx, actor, request.params.id);
      setEtag(reply, component.version);
      return component;
    });

    app.patch(
      '/components/:id',
      { schema: { tags, params: componentParamsSchema, body: updateComponentBodySchema, response: { 200: componentView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const component = await updateComponent(ctx, actor, { componentId: request.params.id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, component.version);
        return component;
      },
    );

    app.post('/components/:id/remove', { schema: { tags, params: componentParamsSchema, response: { 200: componentView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const component = await removeComponent(ctx, actor, { componentId: request.params.id, expectedVersion: expectedVersion(request) });
      setEtag(reply, component.version);
      return component;
    });
    return Promise.resolve();
  };
}
