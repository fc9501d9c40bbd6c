import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import { machineParamsSchema } from './machines.schema.ts';
import {
  createPartnerSystemBodySchema,
  partnerSystemListView,
  partnerSystemParamsSchema,
  partnerSystemView,
  updatePartnerSystemBodySchema,
} from './partner-systems.schema.ts';
import { addPartnerSystem, deletePartnerSystem, listPartnerSystems, updatePartnerSystem } from './partner-systems.service.ts';

const tags = ['inventory'];

/** Partner systems of machines (MES, ERP, file shares, brokers, OPC UA endpoints), under /api/v1. */
export function partnerSystemsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/machines/:machine_id/partner-systems',
      { schema: { tags, summary: 'The partner systems of a machine', params: machineParamsSchema, response: { 200: partnerSystemListView } } },
      async (request) => {
        const actor = requireActor(request);
        return listPartnerSystems(ctx, actor, request.params.machine_id);
      },
    );

    app.post(
      '/machines/:machine_id/partner-systems',
      { schema: { tags, summary: 'Add a partner system to a machine', params: machineParamsSchema, body: createPartnerSystemBodySchema, response: { 201: partnerSystemView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const system = await addPartnerSystem(ctx, actor, { machineId: request.params.machine_id, partnerSystem: request.body });
        setEtag(reply, system.version);
        return reply.status(201).send(system);
      },
    );

    app.patch(
      '/partner-systems/:id',
      { schema: { tags, summary: 'Change a partner system', params: partnerSystemParamsSchema, body: updatePartnerSystemBodySchema, response: { 200: partnerSystemView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const system = await updatePartnerSystem(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, system.version);
        return system;
      },
    );

    app.delete(
      '/partner-systems/:id',
      { schema: { tags, summary: 'Delete a partner system', params: partnerSystemParamsSchema, response: { 204: z.null() } } },
      async (request, reply) => {
        const actor = requireActor(request);
        await deletePartnerSystem(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request) });
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
