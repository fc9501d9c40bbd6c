import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { requestLanguage } from '../../http/problem.ts';
import { requireActor } from '../../http/request.ts';
import { contentDisposition } from '../artifacts/artifact-download.ts';
import { topologyQuerySchema } from './topology.schema.ts';
import { topologyJson, topologySvg } from './topology.service.ts';

const tags = ['network'];

/** The topology drawing under /api/v1: SVG (an attachment, never rendered on our origin) or JSON. */
export function topologyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/topology',
      {
        schema: {
          tags,
          summary: 'The network topology of one site (or of all sites in scope) as an SVG download or as JSON (format=json)',
          querystring: topologyQuerySchema,
          produces: ['image/svg+xml', 'application/json'],
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { site, format = 'svg', lang = requestLanguage(request) } = request.query;
        const input = { siteKey: site, lang };
        if (format === 'json') return reply.header('cache-control', 'private, no-store').send(await topologyJson(ctx, actor, input));
        const { svg, fileName } = await topologySvg(ctx, actor, input);
        // User text inside an SVG must never run as a document on our origin: an attachment, no
        // sniffing, and a sandboxing policy without scripts should a browser open it anyway.
        return reply
          .header('content-type', 'image/svg+xml; charset=utf-8')
          .header('content-disposition', contentDisposition(fileName))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(svg);
      },
    );
  };
}
