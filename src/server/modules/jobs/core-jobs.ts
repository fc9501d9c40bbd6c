import type { AppContext } from '../../context.ts';
import { deliverOutbox } from '../notifications/outbox.ts';
import { configuredDeliverers } from '../notifications/smtp-deliverer.ts';
import { LOGIN_WINDOW_MS } from '../auth/login-rules.ts';
import { pruneAuthenticationRecords } from '../auth/sessions.repository.ts';

/** Sends due outbox notifications; scheduled every minute. */
export const OUTBOX_DELIVER_JOB = 'outbox.deliver';

/** Removes expired sessions, stale login failures and spent setup tokens; scheduled hourly. */
export const AUTH_PRUNE_JOB = 'auth.prune';

/** Registers and schedules the server's own jobs; the server calls it once before `ctx.jobs.start()`. */
export async function registerCoreJobs(ctx: AppContext): Promise<void> {
  const deliverers = configuredDeliverers(ctx.config, ctx.logger);
  ctx.jobs.register(
    OUTBOX_DELIVER_JOB,
    async () => {
      const result = await deliverOutbox(ctx, deliverers);
      if (result.sent + result.retried + result.failed > 0) ctx.logger.info({ ...result }, 'outbox delivery pass');
    },
    { timeoutMs: 10 * 60 * 1000 },
  );
  await ctx.jobs.schedule(OUTBOX_DELIVER_JOB, '* * * * *');

  ctx.jobs.register(AUTH_PRUNE_JOB, async () => {
    const removed = await pruneAuthenticationRecords(ctx.db, ctx.clock.now(), LOGIN_WINDOW_MS);
    if (removed > 0) ctx.logger.info({ removed }, 'pruned authentication records');
  });
  await ctx.jobs.schedule(AUTH_PRUNE_JOB, '17 * * * *');
}
