import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';

const statusSchema = z.object({ status: z.enum(['ok']) });

/** Liveness, readiness, Prometheus metrics and the OpenAPI document; all public. */
export function systemRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const plugin: FastifyPluginAsyncZod = async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'patchwerk_' });
    const requests = new Counter({
      name: 'patchwerk_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    const durations = new Histogram({
      name: 'patchwerk_http_request_duration_seconds',
      help: 'HTTP request duration by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });

    const hidden = { hide: true };
    app.get('/healthz', { config: { public: true }, schema: { ...hidden, response: { 200: statusSchema } } }, () => ({ status: 'ok' as const }));
    app.get('/readyz', { config: { public: true }, schema: { ...hidden, response: { 200: statusSchema } } }, async () => {
      try {
        await sql`SELECT 1`.execute(ctx.db);
      } catch {
        throw new AppError('NOT_READY');
      }
      return { status: 'ok' as const };
    });
    app.get('/metrics', { config: { public: true }, schema: hidden }, async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    });
    app.get('/api/openapi.json', { config: { public: true }, schema: hidden }, () => app.swagger());
  };
  // Not encapsulated, so the metrics hook sees every request of the application.
  return Object.assign(plugin, { [Symbol.for('skip-override')]: true });
}
