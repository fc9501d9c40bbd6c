import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { requireActor } from '../../http/request.ts';
import { authorize, scopeFilter } from '../../policies/policies.ts';
import { listAuditLog, readObjectHistory } from './audit.service.ts';
import { verifyAuditLog } from './audit-verify.ts';
import { auditListQuerySchema, auditListSchema, auditVerificationSchema, objectHistoryParamsSchema, objectHistorySchema } from './audit.schema.ts';

/** Routes of the audit module under /api/v1: the log, its verification and per-object history. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get('/audit', {
      schema: { tags: ['audit'], summary: 'The audit log the caller may read, newest first', querystring: auditListQuerySchema, response: { 200: auditListSchema } },
    }, async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'audit.read', 'global');
      return listAuditLog(ctx.db, scopeFilter(actor, 'audit.read'), request.query);
    });

    app.get('/audit/verify', {
      schema: { tags: ['audit'], summary: 'Verify the hash chain against its anchor', response: { 200: auditVerificationSchema } },
    }, async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'audit.verify', 'global');
      // The whole chain is checked, so only someone who may see the whole log may run it.
      if (!scopeFilter(actor, 'audit.verify').all) throw new AppError('FORBIDDEN');
      return verifyAuditLog(ctx);
    });

    app.get('/audit/objects/:object_type/:object_id', {
      schema: { tags: ['audit'], summary: 'The history of one object, oldest first', params: objectHistoryParamsSchema, response: { 200: objectHistorySchema } },
    }, async (request) => {
      const actor = requireActor(request);
      const { object_type: objectType, object_id: objectId } = request.params;
      return { items: await readObjectHistory(ctx.db, actor, objectType, objectId) };
    });
    return Promise.resolve();
  };
}
