import type { AppContext } from '../../context.ts';
import { deliverOutbox } from '../notifications/outbox.ts';
import { configuredDeliverers } from '../notifications/smtp-deliverer.ts';
import { LOGIN_WINDOW_MS } from '../auth/login-rules.ts';
import { pruneAuthenticationRecords } from '../auth/sessions.repository.ts';

/** Sends due outbox notifications; scheduled every minute. */
export const OUTBOX_DELIVER_JOB = 'outbox.deliver';

/**
 * Removes expired sessions, stale login failures, spent setup tokens, uploads abandoned for a day
 * and jobs finished a week ago; scheduled hourly.
 */
export const HOUSEKEEPING_JOB = 'housekeeping';

const ABANDONED_UPLOAD_MS = 24 * 3_600_000;
const FINISHED_JOB_RETENTION_MS = 7 * 24 * 3_600_000;

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

  ctx.jobs.register(HOUSEKEEPING_JOB, async () => {
    const now = ctx.clock.now();
    const records = await pruneAuthenticationRecords(ctx.db, now, LOGIN_WINDOW_MS);
    const uploads = await ctx.artifacts.sweepTemporaryFiles(now, ABANDONED_UPLOAD_MS);
    const jobs = await ctx.jobs.pruneFinished(now, FINISHED_JOB_RETENTION_MS);
    if (records + uploads + jobs > 0) ctx.logger.info({ records, uploads, jobs }, 'housekeeping removed stale records, uploads and jobs');
  });
  await ctx.jobs.schedule(HOUSEKEEPING_JOB, '17 * * * *');
}
