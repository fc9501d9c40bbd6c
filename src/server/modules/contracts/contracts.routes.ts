import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import {
  contractIdParamsSchema,
  contractListQuerySchema,
  contractListSchema,
  contractView,
  createContractBodySchema,
  updateContractBodySchema,
} from './contracts.schema.ts';
import { objectHistorySchema } from '../audit/audit.schema.ts';
import { contractHistory, createContract, getContract, listContracts, updateContract } from './contracts.service.ts';
import { testTemplatesRoutes } from './test-templates.routes.ts';

const tags = ['inventory'];

/** Framework contracts and (via testTemplatesRoutes) commissioning test templates, under /api/v1. */
export function contractsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/contracts',
      { schema: { tags, summary: 'Framework contracts in the caller’s scope, optionally of one machine', querystring: contractListQuerySchema, response: { 200: contractListSchema } } },
      async (request) => {
        const actor = requireActor(request);
        return listContracts(ctx, actor, { machineId: request.query.machine });
      },
    );

    app.post('/contracts', { schema: { tags, summary: 'Record a framework contract', body: createContractBodySchema, response: { 201: contractView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const contract = await createContract(ctx, actor, request.body);
      setEtag(reply, contract.version);
      return reply.status(201).send(contract);
    });

    app.get('/contracts/:id', { schema: { tags, params: contractIdParamsSchema, response: { 200: contractView } } }, async (request, reply) => {
      const actor = requireActor(request);
      const contract = await getContract(ctx, actor, request.params.id);
      setEtag(reply, contract.version);
      return contract;
    });

    app.get(
      '/contracts/:id/history',
      { schema: { tags, summary: 'The audit history of a contract and its test templates, oldest first', params: contractIdParamsSchema, response: { 200: objectHistorySchema } } },
      async (request) => {
        const actor = requireActor(request);
        return { items: await contractHistory(ctx, actor, request.params.id) };
      },
    );

    app.patch(
      '/contracts/:id',
      { schema: { tags, summary: 'Change a framework contract; machine_ids replaces the set', params: contractIdParamsSchema, body: updateContractBodySchema, response: { 200: contractView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const contract = await updateContract(ctx, actor, { id: request.params.id, expectedVersion: expectedVersion(request), changes: request.body });
        setEtag(reply, contract.version);
        return contract;
      },
    );

    await app.register(testTemplatesRoutes(ctx));
  };
}
