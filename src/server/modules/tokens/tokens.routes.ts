import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/request.ts';
import { createTokenBodySchema, createdTokenSchema, tokenListSchema, tokenParamsSchema, tokenViewSchema } from './tokens.schema.ts';
import { createToken, listOwnTokens, revokeToken } from './tokens.service.ts';

const tags = ['tokens'];

/** The caller's own API tokens, under /api/v1. */
export function tokensRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get('/tokens', { schema: { tags, response: { 200: tokenListSchema } } }, async (request) => {
      const actor = requireActor(request);
      return { items: await listOwnTokens(ctx, actor) };
    });

    app.post('/tokens', { schema: { tags, body: createTokenBodySchema, response: { 201: createdTokenSchema } } }, async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await createToken(ctx, actor, request.body));
    });

    app.post('/tokens/:id/revoke', { schema: { tags, params: tokenParamsSchema, response: { 200: tokenViewSchema } } }, async (request) => {
      const actor = requireActor(request);
      return revokeToken(ctx, actor, request.params.id);
    });
    return Promise.resolve();
  };
}
