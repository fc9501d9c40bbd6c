import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { expectedVersion, requireActor, setEtag } from '../../http/request.ts';
import type { Actor } from '../../policies/actor.ts';
import { getMe, updateOwnProfile } from '../users/users.service.ts';
import { meViewSchema, passwordSchema, updateOwnProfileBodySchema } from '../users/users.schema.ts';
import { SESSION_COOKIE, resolveSession } from './authenticate.ts';
import { login } from './login.service.ts';
import { changeOwnPassword } from './password.service.ts';
import { deleteSession, type NewSession } from './sessions.repository.ts';
import { completeSetup, setupBodySchema, setupRequired } from './setup.service.ts';

const sessionResponseSchema = z.object({ user: meViewSchema, csrf_token: z.string().nullable() });

const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

const changePasswordBodySchema = z.strictObject({
  current_password: z.string().min(1).max(1024),
  new_password: passwordSchema,
});

const tags = ['auth'];

function cookieOptions(request: FastifyRequest) {
  // request.protocol honours X-Forwarded-Proto only when trust proxy is on.
  return { httpOnly: true, sameSite: 'strict' as const, path: '/', secure: request.protocol === 'https' };
}

/** Sets the session cookie and returns the logged-in user with the session's CSRF token. */
async function startSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, session: NewSession) {
  reply.setCookie(SESSION_COOKIE, session.cookieValue, { ...cookieOptions(request), expires: new Date(session.expiresAt) });
  const resolved = await resolveSession(ctx.db, session.cookieValue, ctx.clock.now());
  if (!resolved) throw new AppError('UNAUTHENTICATED');
  const user = await getMe(ctx, resolved.actor);
  setEtag(reply, user.version);
  return { user, csrf_token: session.csrfToken };
}

function clientOf(request: FastifyRequest): { ip: string; userAgent: string | null } {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

async function meResponse(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, actor: Actor) {
  const user = await getMe(ctx, actor);
  setEtag(reply, user.version);
  return { user, csrf_token: request.csrfToken };
}

/** First-run setup, login, logout, the current user and password change, under /api/v1. */
export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/setup',
      { config: { public: true }, schema: { tags, response: { 200: z.object({ required: z.boolean() }) } } },
      async () => ({ required: await setupRequired(ctx) }),
    );

    app.post(
      '/setup',
      { config: { public: true }, schema: { tags, body: setupBodySchema, response: { 201: sessionResponseSchema } } },
      async (request, reply) => {
        const { session } = await completeSetup(ctx, request.body, clientOf(request));
        const body = await startSession(ctx, request, reply, session);
        return reply.status(201).send(body);
      },
    );

    app.post(
      '/auth/login',
      { config: { public: true }, schema: { tags, body: loginBodySchema, response: { 200: sessionResponseSchema } } },
      async (request, reply) => {
        const { session } = await login(ctx, { ...request.body, ...clientOf(request) });
        return startSession(ctx, request, reply, session);
      },
    );

    app.post('/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (request, reply) => {
      const actor = requireActor(request);
      if (actor.sessionId) await deleteSession(ctx.db, actor.sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
      return reply.status(204).send(null);
    });

    app.get('/auth/me', { schema: { tags, response: { 200: sessionResponseSchema } } }, async (request, reply) => {
      const actor = requireActor(request);
      return meResponse(ctx, request, reply, actor);
    });

    app.patch(
      '/auth/me',
      { schema: { tags, body: updateOwnProfileBodySchema, response: { 200: sessionResponseSchema } } },
      async (request, reply) => {
        const actor = requireActor(request);
        await updateOwnProfile(ctx, actor, expectedVersion(request), request.body);
        return meResponse(ctx, request, reply, actor);
      },
    );

    app.post(
      '/auth/password',
      { schema: { tags, body: changePasswordBodySchema, response: { 204: z.null() } } },
      async (request, reply) => {
        const actor = requireActor(request);
        await changeOwnPassword(ctx, actor, { currentPassword: request.body.current_password, newPassword: request.body.new_password });
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
