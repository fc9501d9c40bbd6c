import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database, JobsTable } from '../../db/schema.ts';
import { nextCronRun } from './cron.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  errorText,
  toRegistration,
  type EnqueueOptions,
  type JobHandler,
  type JobRunner,
  type RegisterOptions,
  type Registration,
} from './job-runner.ts';

export interface SqliteJobRunnerOptions {
  /** Milliseconds between polls once started (default 1000). */
  pollIntervalMs?: number;
  /** Jobs claimed per tick (default 10). */
  batchSize?: number;
  /** Names this worker in `jobs.locked_by` (default a random id). */
  workerId?: string;
  /** First retry delay of a retryable job; doubles per attempt, capped at one hour (default 10 s). */
  retryBackoffMs?: number;
}

type Job = Selectable<JobsTable>;

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * The job queue in the `jobs` and `job_schedules` tables, used on SQLite (its SQL is portable, so
 * its tests also run on PostgreSQL). Time comes from the injected clock; `tick()` does one poll so
 * tests drive it without timers.
 *
 * At most once: a job is claimed by one conditional UPDATE (`status = 'pending'`) inside a write
 * transaction, so only one worker gets it. A run that throws is final unless the job was registered
 * `retryable` and attempts remain; then it returns to `pending` with exponential backoff. A run
 * whose lock (`timeoutMs`) expires — its worker crashed or hung — is marked failed by the next
 * tick of any worker, or put back to `pending` under the same retryable rule; it is never handed to
 * a second worker while locked. A late finish of an expired run changes nothing.
 *
 * Cron: each due schedule enqueues one job for its occurrence and advances `next_run_at` in the same
 * transaction; the UPDATE is conditional on the old `next_run_at`, so of two processes only one
 * enqueues. Occurrences missed while no process ran are coalesced into one run.
 */
export class SqliteJobRunner implements JobRunner {
  private readonly registrations = new Map<string, Registration>();
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly workerId: string;
  private readonly retryBackoffMs: number;
  private started = false;
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly deps: Pick<AppContext, 'db' | 'adapter' | 'clock' | 'logger'>,
    options: SqliteJobRunnerOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 10;
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.retryBackoffMs = options.retryBackoffMs ?? 10_000;
  }

  register(name: string, handler: JobHandler, options?: RegisterOptions): void {
    this.registrations.set(name, toRegistration(name, handler, options));
  }

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const id = randomUUID();
    await this.deps.adapter.writeTransaction(this.deps.db, async (trx) => {
      const now = this.deps.clock.now();
      const runAt = options.runAt ?? new Date(now.getTime() + (options.delayMs ?? 0));
      await this.insertJob(trx, { id, name, payload, runAt: runAt.toISOString(), now: now.toISOString() });
    });
    return id;
  }

  async schedule(name: string, cron: string, options: { timeZone?: string } = {}): Promise<void> {
    const timeZone = options.timeZone ?? 'UTC';
    nextCronRun(cron, timeZone, this.deps.clock.now());
    await this.deps.adapter.writeTransaction(this.deps.db, async (trx) => {
      const now = this.deps.clock.now();
      const nextRunAt = nextCronRun(cron, timeZone, now).toISOString();
      // An unchanged schedule keeps its next_run_at, so a process starting later cannot move an
      // occurrence that another process is about to enqueue.
      await trx
        .insertInto('job_schedules')
        .values({ name, cron, time_zone: timeZone, next_run_at: nextRunAt, updated_at: now.toISOString() })
        .onConflict((conflict) =>
          conflict
            .column('name')
            .doUpdateSet((eb) => ({
              cron: eb.ref('excluded.cron'),
              time_zone: eb.ref('excluded.time_zone'),
              next_run_at: eb.ref('excluded.next_run_at'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where((eb) =>
              eb.or([
                eb('job_schedules.cron', '<>', eb.ref('excluded.cron')),
                eb('job_schedules.time_zone', '<>', eb.ref('excluded.time_zone')),
              ]),
            ),
        )
        .execute();
    });
  }

  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.started = true;
    this.loop = this.poll();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.loop;
    this.loop = null;
  }

  /** One poll: expires abandoned runs, enqueues due schedule occurrences, runs due jobs; returns the jobs run. */
  async pruneFinished(now: Date, olderThanMs: number): Promise<number> {
    const result = await this.deps.db
      .deleteFrom('jobs')
      .where('status', 'in', ['done', 'failed'])
      .where('finished_at', '<=', new Date(now.getTime() - olderThanMs).toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async tick(): Promise<number> {
    await this.expireAbandonedJobs();
    await this.enqueueDueSchedules();
    return this.runDueJobs();
  }

  /** Claims and runs due jobs of registered names, up to one batch; returns how many ran. */
  async runDueJobs(): Promise<number> {
    // Each job is claimed right before it runs: a batch claimed up front would start its lock
    // (timeoutMs) early, and the last jobs of a slow batch would expire while still waiting.
    let ran = 0;
    while (ran < this.batchSize) {
      const [job] = await this.claimDueJobs(1);
      if (!job) break;
      await this.runJob(job);
      ran += 1;
    }
    return ran;
  }

  private async poll(): Promise<void> {
    let ran = 0;
    try {
      ran = await this.tick();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'job runner poll failed');
    }
    if (!this.started) return;
    // A full batch suggests more due jobs: poll again at once.
    this.timer = setTimeout(() => {
      this.loop = this.poll();
    }, ran >= this.batchSize ? 0 : this.pollIntervalMs);
  }

  private async insertJob(
    trx: Kysely<Database>,
    job: { id: string; name: string; payload: unknown; runAt: string; now: string },
  ): Promise<void> {
    await trx
      .insertInto('jobs')
      .values({
        id: job.id,
        name: job.name,
        payload: JSON.stringify(job.payload ?? null),
        run_at: job.runAt,
        status: 'pending',
        attempts: 0,
        max_attempts: this.registrations.get(job.name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        created_at: job.now,
      })
      .execute();
  }

  private async enqueueDueSchedules(): Promise<void> {
    await this.deps.adapter.writeTransaction(this.deps.db, async (trx) => {
      const now = this.deps.clock.now();
      const due = await trx.selectFrom('job_schedules').selectAll().where('next_run_at', '<=', now.toISOString()).execute();
      for (const schedule of due) {
        let next: string;
        try {
          next = nextCronRun(schedule.cron, schedule.time_zone, now).toISOString();
        } catch (error) {
          this.deps.logger.error({ err: error, schedule: schedule.name }, 'invalid job schedule skipped');
          continue;
        }
        const advanced = await trx
          .updateTable('job_schedules')
          .set({ next_run_at: next, updated_at: now.toISOString() })
          .where('name', '=', schedule.name)
          .where('next_run_at', '=', schedule.next_run_at)
          .executeTakeFirst();
        if (Number(advanced.numUpdatedRows) !== 1) continue;
        await this.insertJob(trx, {
          id: randomUUID(),
          name: schedule.name,
          payload: null,
          runAt: schedule.next_run_at,
          now: now.toISOString(),
        });
      }
    });
  }

  private async claimDueJobs(limit: number): Promise<Job[]> {
    const names = [...this.registrations.keys()];
    if (names.length === 0) return [];
    return this.deps.adapter.writeTransaction(this.deps.db, async (trx) => {
      const now = this.deps.clock.now();
      const candidates = await trx
        .selectFrom('jobs')
        .select(['id', 'name'])
        .where('status', '=', 'pending')
        .where('run_at', '<=', now.toISOString())
        .where('name', 'in', names)
        .orderBy('run_at')
        .orderBy('created_at')
        .limit(this.batchSize)
        .execute();
      const claimed: Job[] = [];
      for (const candidate of candidates) {
        const registration = this.registrations.get(candidate.name);
        if (!registration) continue;
        const job = await trx
          .updateTable('jobs')
          .set((eb) => ({
            status: 'running',
            attempts: eb('attempts', '+', 1),
            locked_by: this.workerId,
            locked_until: new Date(now.getTime() + registration.timeoutMs).toISOString(),
          }))
          .where('id', '=', candidate.id)
          .where('status', '=', 'pending')
          .where('run_at', '<=', now.toISOString())
          .returningAll()
          .executeTakeFirst();
        if (job) claimed.push(job);
        if (claimed.length >= limit) break;
      }
      return claimed;
    });
  }

  private async runJob(job: Job): Promise<void> {
    const registration = this.registrations.get(job.name);
    if (!registration) return;
    let failure: unknown = null;
    try {
      await registration.handler(JSON.parse(job.payload) as unknown, { id: job.id, name: job.name });
    } catch (error) {
      failure = error;
      this.deps.logger.warn({ err: error, job: job.name, jobId: job.id, attempt: job.attempts }, 'job failed');
    }
    const updated = await this.deps.adapter.writeTransaction(this.deps.db, async (trx) => {
      const now = this.deps.clock.now();
      const retry = failure !== null && registration.retryable && job.attempts < job.max_attempts;
      const finished = failure === null
        ? { status: 'done' as const, finished_at: now.toISOString(), last_error: null }
        : retry
          ? { status: 'pending' as const, run_at: new Date(now.getTime() + this.backoffMs(job.attempts)).toISOString(), last_error: errorText(failure) }
          : { status: 'failed' as const, finished_at: now.toISOString(), last_error: errorText(failure) };
      return trx
        .updateTable('jobs')
        .set({ ...finished, locked_by: null, locked_until: null })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('locked_by', '=', this.workerId)
        .where('locked_until', '=', job.locked_until)
        .executeTakeFirst();
    });
    if (Number(updated.numUpdatedRows) !== 1) {
      this.deps.logger.warn({ job: job.name, jobId: job.id }, 'job finished after its lock had expired; result discarded');
    }
  }

  private async expireAbandonedJobs(): Promise<void> {
    await this.deps.adapter.writeTransaction(this.deps.db, async (trx) => {
      const now = this.deps.clock.now();
      const abandoned = await trx
        .selectFrom('jobs')
        .select(['id', 'name', 'attempts', 'max_attempts', 'locked_until'])
        .where('status', '=', 'running')
        .where('locked_until', '<', now.toISOString())
        .execute();
      for (const job of abandoned) {
        const retry = this.registrations.get(job.name)?.retryable === true && job.attempts < job.max_attempts;
        const lastError = 'run abandoned: its lock expired (worker crashed or exceeded its timeout)';
        await trx
          .updateTable('jobs')
          .set(
            retry
              ? { status: 'pending', run_at: new Date(now.getTime() + this.backoffMs(job.attempts)).toISOString(), last_error: lastError, locked_by: null, locked_until: null }
              : { status: 'failed', finished_at: now.toISOString(), last_error: lastError, locked_by: null, locked_until: null },
          )
          .where('id', '=', job.id)
          .where('status', '=', 'running')
          .where('locked_until', '=', job.locked_until)
          .execute();
        this.deps.logger.warn({ job: job.name, jobId: job.id, retry }, 'abandoned job run expired');
      }
    });
  }

  private backoffMs(attempts: number): number {
    return Math.min(this.retryBackoffMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  }
}
