import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/request.ts';
import { falseMatchBodySchema, findingListQuerySchema, findingListView, findingParamsSchema, findingSummaryView, findingView } from './findings.schema.ts';
import { findingSummary, listFindingPage, markFalseMatch, unmarkFalseMatch } from './findings.service.ts';

const tags = ['findings'];

/** Findings of matching advisories against the inventory, under /api/v1: list, summary, false-match marks. */
export function findingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/findings',
      { schema: { tags, summary: 'One page of findings in the caller\'s scope, by machine, advisory and CVE', querystring: findingListQuerySchema, response: { 200: findingListView } } },
      async (request) => listFindingPage(ctx, requireActor(request), request.query),
    );

    app.get(
      '/findings/summary',
      { schema: { tags, summary: 'Finding counts by status, false matches and machines with incomplete matching data, in the caller\'s scope', response: { 200: findingSummaryView } } },
      async (request) => findingSummary(ctx, requireActor(request)),
    );

    app.post(
      '/findings/:finding_id/false-match',
      { schema: { tags, summary: 'Mark a finding as a false match, with a reason (audited; survives re-matching)', params: findingParamsSchema, body: falseMatchBodySchema, response: { 200: findingView } } },
      async (request) => markFalseMatch(ctx, requireActor(request), { findingId: request.params.finding_id, body: request.body }),
    );

    app.delete(
      '/findings/:finding_id/false-match',
      { schema: { tags, summary: 'Undo the false-match mark of a finding (audited)', params: findingParamsSchema, response: { 200: findingView } } },
      async (request) => unmarkFalseMatch(ctx, requireActor(request), { findingId: request.params.finding_id }),
    );
    return Promise.resolve();
  };
}
