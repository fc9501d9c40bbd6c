import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { objectHistorySchema } from '../audit/audit.schema.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import {
  createUserBodySchema,
  grantInputSchema,
  grantParamsSchema,
  resetPasswordBodySchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userListSchema,
  userViewSchema,
} from './users.schema.ts';
import {
  addGrant,
  createUser,
  disableUser,
  enableUser,
  getUser,
  listUsers,
  resetPassword,
  revokeGrant,
  updateUser,
  userHistory,
} from './users.service.ts';

const tags = ['users'];

/** Users, their grants, admin password reset and per-user history, under /api/v1. */
export function usersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get('/users', { schema: { tags, response: { 200: userListSchema } } }, async (request) => {
      const actor = requireActor(request);
      return { items: await listUsers(ctx, actor) };
    });

    app.post('/users', { schema: { tags, body: createUserBodySchema, response: { 201: userViewSchema } } }, async (request, reply) => {
      const actor = requireActor(request);
      const user = await createUser(ctx, actor, request.body);
      setEtag(reply, user.version);
      return reply.status(201).send(user);
    });

    app.get('/users/:id', { schema: { tags, params: userIdParamsSchema, response: { 200: userViewSchema } } }, async (request, reply) => {
      const actor = requireActor(request);
      const user = await getUser(ctx, actor, request.params.id);
      setEtag(reply, user.version);
      return user;
    });

    app.patch(
      '/users/:id',
      { schema: { tags, params: userIdParamsSchema, body: updateUserBodySchema, response: { 200: userViewSchema } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const user = await updateUser(ctx, actor, request.params.id, expectedVersion(request), request.body);
        setEtag(reply, user.version);
        return user;
      },
    );

    app.post('/users/:id/disable', { schema: { tags, params: userIdParamsSchema, response: { 200: userViewSchema } } }, async (request, reply) => {
      const actor = requireActor(request);
      const user = await disableUser(ctx, actor, request.params.id, expectedVersion(request));
      setEtag(reply, user.version);
      return user;
    });

    app.post('/users/:id/enable', { schema: { tags, params: userIdParamsSchema, response: { 200: userViewSchema } } }, async (request, reply) => {
      const actor = requireActor(request);
      const user = await enableUser(ctx, actor, request.params.id, expectedVersion(request));
      setEtag(reply, user.version);
      return user;
    });

    app.post(
      '/users/:id/grants',
      { schema: { tags, params: userIdParamsSchema, body: grantInputSchema, response: { 200: userViewSchema } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const user = await addGrant(ctx, actor, request.params.id, expectedVersion(request), request.body);
        setEtag(reply, user.version);
        return user;
      },
    );

    app.delete(
      '/users/:id/grants/:grant_id',
      { schema: { tags, params: grantParamsSchema, response: { 200: userViewSchema } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const user = await revokeGrant(ctx, actor, request.params.id, request.params.grant_id, expectedVersion(request));
        setEtag(reply, user.version);
        return user;
      },
    );

    app.post(
      '/users/:id/password',
      { schema: { tags, params: userIdParamsSchema, body: resetPasswordBodySchema, response: { 204: z.null() } } },
      async (request, reply) => {
        const actor = requireActor(request);
        await resetPassword(ctx, actor, request.params.id, expectedVersion(request), request.body.new_password);
        return reply.status(204).send(null);
      },
    );

    app.get('/users/:id/history', { schema: { tags, params: userIdParamsSchema, response: { 200: objectHistorySchema } } }, async (request) => {
      const actor = requireActor(request);
      return { items: await userHistory(ctx, actor, request.params.id) };
    });
    return Promise.resolve();
  };
}
