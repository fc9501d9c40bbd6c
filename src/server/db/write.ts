import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { appendAuditEvent, type AuditInput } from '../modules/audit/audit.service.ts';
import type { AuditHead } from '../modules/audit/audit-anchor.ts';
import type { Database } from './schema.ts';

/** The handle a use case writes through: the transaction and the audit log of the same transaction. */
export interface WriteScope {
  trx: Kysely<Database>;
  /** Appends an audit event in this transaction. */
  audit: (input: AuditInput) => Promise<void>;
}

/**
 * Runs one use case's writes in a write transaction and records its audit events in it. After the
 * commit the audit anchor file is advanced (file I/O never happens inside the transaction); a
 * failure to do so is logged, not thrown.
 */
export async function withWrite<T>(
  ctx: Pick<AppContext, 'db' | 'adapter' | 'clock' | 'auditAnchor' | 'logger'>,
  work: (scope: WriteScope) => Promise<T>,
): Promise<T> {
  let head: AuditHead | null = null;
  let result: T;
  try {
    result = await ctx.adapter.writeTransaction(ctx.db, (trx) =>
      work({
        trx,
        audit: async (input) => {
          head = await appendAuditEvent(trx, ctx.adapter, ctx.clock, input);
        },
      }),
    );
  } catch (error) {
    // Use cases check keys before writing; a unique index still catches a key taken in between.
    if (ctx.adapter.isUniqueViolation(error)) throw new AppError('DUPLICATE');
    throw error;
  }
  if (head) {
    try {
      ctx.auditAnchor.advance(head);
    } catch (error) {
      // The change is committed and its event is in the chain; a stale anchor shows up in
      // `audit verify` as events beyond the anchor. Failing the request now would invite a retry.
      ctx.logger.error({ err: error, head }, 'audit anchor file could not be updated');
    }
  }
  return result;
}
