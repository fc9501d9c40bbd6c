import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import { brokerListSchema, brokerView, createBrokerBodySchema, updateBrokerBodySchema } from './brokers.schema.ts';
import { createBroker, deleteBroker, getBroker, listBrokerViews, updateBroker } from './brokers.service.ts';
import { conduitListSchema, conduitView, createConduitBodySchema, updateConduitBodySchema } from './conduits.schema.ts';
import { createConduit, deleteConduit, getConduit, listConduitViews, updateConduit } from './conduits.service.ts';
import { ipRegisterView } from './ip-register.schema.ts';
import { readIpRegister } from './ip-register.service.ts';
import { networkIdParamsSchema, networkListQuerySchema } from './network.schema.ts';

const tags = ['network'];

/** Network documentation under /api/v1: conduits, message brokers per segment, the IP register. */
export function networkRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/conduits',
      { schema: { tags, summary: 'Conduits with an end in the caller’s scope, optionally touching one site', querystring: networkListQuerySchema, response: { 200: conduitListSchema } } },
      async (request) => listConduitViews(ctx, requireActor(request), request.query.site),
    );

    app.post(
      '/conduits',
      { schema: { tags, summary: 'Document an allowed flow between segments or to the internet', body: createConduitBodySchema, response: { 201: conduitView } } },
      async (request, reply) => {
        const conduit = await createConduit(ctx, requireActor(request), request.body);
        setEtag(reply, conduit.version);
        return reply.status(201).send(conduit);
      },
    );

    app.get('/conduits/:id', { schema: { tags, params: networkIdParamsSchema, response: { 200: conduitView } } }, async (request, reply) => {
      const conduit = await getConduit(ctx, requireActor(request), request.params.id);
      setEtag(reply, conduit.version);
      return conduit;
    });

    app.patch(
      '/conduits/:id',
      { schema: { tags, summary: 'Change a conduit', params: networkIdParamsSchema, body: updateConduitBodySchema, response: { 200: conduitView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const conduit = await updateConduit(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, conduit.version);
        return conduit;
      },
    );

    app.delete(
      '/conduits/:id',
      { schema: { tags, summary: 'Delete a conduit (the audit log keeps it)', params: networkIdParamsSchema, response: { 204: z.null() } } },
      async (request, reply) => {
        const actor = requireActor(request);
        await deleteConduit(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request) });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/brokers',
      { schema: { tags, summary: 'Message brokers per segment in the caller’s scope, optionally of one site', querystring: networkListQuerySchema, response: { 200: brokerListSchema } } },
      async (request) => listBrokerViews(ctx, requireActor(request), request.query.site),
    );

    app.post('/brokers', { schema: { tags, summary: 'Register a message broker in a segment', body: createBrokerBodySchema, response: { 201: brokerView } } }, async (request, reply) => {
      const broker = await createBroker(ctx, requireActor(request), request.body);
      setEtag(reply, broker.version);
      return reply.status(201).send(broker);
    });

    app.get('/brokers/:id', { schema: { tags, params: networkIdParamsSchema, response: { 200: brokerView } } }, async (request, reply) => {
      const broker = await getBroker(ctx, requireActor(request), request.params.id);
      setEtag(reply, broker.version);
      return broker;
    });

    app.patch(
      '/brokers/:id',
      { schema: { tags, summary: 'Change a message broker', params: networkIdParamsSchema, body: updateBrokerBodySchema, response: { 200: brokerView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const broker = await updateBroker(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, broker.version);
        return broker;
      },
    );

    app.delete(
      '/brokers/:id',
      { schema: { tags, summary: 'Delete a message broker (the audit log keeps it)', params: networkIdParamsSchema, response: { 204: z.null() } } },
      async (request, reply) => {
        const actor = requireActor(request);
        await deleteBroker(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request) });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/ip-register',
      {
        schema: {
          tags,
          summary: 'Every documented address per site and segment, with duplicates, addresses outside their segment and gaps flagged',
          querystring: networkListQuerySchema,
          response: { 200: ipRegisterView },
        },
      },
      async (request) => readIpRegister(ctx, requireActor(request), request.query.site),
    );
    return Promise.resolve();
  };
}
