import type { AppContext } from '../../context.ts';
import { deliverOutbox } from '../notifications/outbox.ts';
import { configuredDeliverers } from '../notifications/smtp-deliverer.ts';

/** Sends due outbox notifications; scheduled every minute. */
export const OUTBOX_DELIVER_JOB = 'outbox.deliver';

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
}
