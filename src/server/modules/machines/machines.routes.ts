import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import { componentsRoutes } from './components.routes.ts';
import {
  createMachineBodySchema,
  includeRemovedQuerySchema,
  machineDetailView,
  machineListQuerySchema,
  machineListView,
  machineParamsSchema,
  replaceInterfacesBodySchema,
  updateMachineBodySchema,
} from './machines.schema.ts';
import { listMachinePageViews } from './machines-list.service.ts';
import { createMachine, decommissionMachine, getMachine, replaceInterfaces, updateMachine } from './machines.service.ts';

const tags = ['inventory'];

/** Machines, their interfaces and (via componentsRoutes) their components, under /api/v1. */
export function machinesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/machines', { schema: { tags, querystring: machineListQuerySchema, response: { 200: machineListView } } }, async (request) => {
      const actor = requireActor(request);
      return listMachinePageViews(ctx, actor, request.query);
    });

    app.post('/machines', { schema: { tags, body: createMachineBodySchema, response: { 201: machineDetailView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const machine = await createMachine(ctx, actor, request.body);
      setEtag(reply, machine.version);
      return reply.status(201).send(machine);
    });

    app.get(
      '/machines/:machine_id',
      { schema: { tags, params: machineParamsSchema, querystring: includeRemovedQuerySchema, response: { 200: machineDetailView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const machine = await getMachine(ctx, actor, { machineId: request.params.machine_id, includeRemoved: request.query.include_removed === 'true' });
        setEtag(reply, machine.version);
        return machine;
      },
    );

    app.patch(
      '/machines/:machine_id',
      { schema: { tags, params: machineParamsSchema, body: updateMachineBodySchema, response: { 200: machineDetailView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const machine = await updateMachine(ctx, actor, { machineId: request.params.machine_id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, machine.version);
        return machine;
      },
    );

    app.post(
      '/machines/:machine_id/decommission',
      { schema: { tags, params: machineParamsSchema, response: { 200: machineDetailView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const machine = await decommissionMachine(ctx, actor, { machineId: request.params.machine_id, expectedVersion: expectedVersion(request) });
        setEtag(reply, machine.version);
        return machine;
      },
    );

    app.put(
      '/machines/:machine_id/interfaces',
      { schema: { tags, params: machineParamsSchema, body: replaceInterfacesBodySchema, response: { 200: machineDetailView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const machine = await replaceInterfaces(ctx, actor, {
          machineId: request.params.machine_id,
          expectedVersion: expectedVersion(request),
          interfaces: request.body.interfaces,
        });
        setEtag(reply, machine.version);
        return machine;
      },
    );

    await app.register(componentsRoutes(ctx));
  };
}
