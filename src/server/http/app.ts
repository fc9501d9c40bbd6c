import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { API_TOKEN_PREFIX, SESSION_COOKIE, actorFromToken, resolveSession } from '../modules/auth/authenticate.ts';
import { safeEqual } from '../modules/auth/secrets.ts';
import { apiRoutes } from './routes.ts';
import { sendProblem } from './problem.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import './request.ts';

/** Header that carries the session's CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Folder of the built web app (vite build output). */
export const webDistDir = path.resolve(import.meta.dirname, '../../../dist/web');

/** One route as registered: the policy matrix test checks every one of them. */
export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the application, in registration order. */
    registeredRoutes: RegisteredRoute[];
  }
}

export interface BuildAppOptions {
  /** TLS key and certificate for built-in HTTPS. */
  https?: { key: Buffer; cert: Buffer } | null;
}

/**
 * Builds the HTTP application: security headers, authentication, the API under /api/v1, OpenAPI,
 * health and metrics, and the web app. One error handler renders every failure as problem+json.
 */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger,
    trustProxy: ctx.config.trustProxy as boolean | string,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    // Errors Fastify raises before routing (e.g. a malformed URL) get the same problem response.
    frameworkErrors: (error, request, reply) => void sendProblem(request, reply, error),
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: options.https ? [] : null,
      },
    },
    hsts: options.https ? undefined : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Patchwerk API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });

  const registeredRoutes: RegisteredRoute[] = [];
  let collectingRoutes = true;
  app.addHook('onRoute', (route) => {
    if (!collectingRoutes) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') registeredRoutes.push({ method, url: route.url, public: route.config?.public === true });
    }
  });
  app.decorate('registeredRoutes', registeredRoutes);

  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request) => {
    const now = ctx.clock.now();
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const token = authorization.slice('Bearer '.length).trim();
      request.actor = token.startsWith(API_TOKEN_PREFIX) ? await actorFromToken(ctx.db, token, now) : null;
      if (!request.actor) throw new AppError('UNAUTHENTICATED');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await resolveSession(ctx.db, cookie, now);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
  });

  app.addHook('preHandler', (request, _reply, done) => {
    if (!request.routeOptions.config.public && request.routeOptions.url?.startsWith('/api/v1') && !request.actor) {
      done(new AppError('UNAUTHENTICATED'));
      return;
    }
    if (request.csrfToken && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, request.csrfToken)) {
        done(new AppError('CSRF_FAILED'));
        return;
      }
    }
    done();
  });

  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));

  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(systemRoutes(ctx));
  await typed.register(apiRoutes(ctx), { prefix: '/api/v1' });

  // The web app's static files are not API routes.
  collectingRoutes = false;
  const hasWeb = existsSync(path.join(webDistDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && hasWeb && !pathname.startsWith('/api/') && !path.extname(pathname)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(request, reply, new AppError('ROUTE_NOT_FOUND'));
  });
  return app;
}
