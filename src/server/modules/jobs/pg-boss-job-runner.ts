import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { AppContext } from '../../context.ts';
import { nextCronRun } from './cron.ts';
import {
  toRegistration,
  type EnqueueOptions,
  type JobHandler,
  type JobRunner,
  type RegisterOptions,
  type Registration,
} from './job-runner.ts';

export interface PgBossJobRunnerOptions {
  /** The PostgreSQL connection string pg-boss opens its own pool with. */
  databaseUrl: string;
  /** pg-boss settings over the defaults; tests shorten the cron and polling intervals. */
  boss?: Partial<PgBoss.ConstructorOptions>;
}

/** Advisory-lock key that serialises pg-boss setup across processes (an arbitrary constant). */
const SETUP_LOCK_KEY = '5786329163458723';

/** What pg-boss stores as job data: the payload wrapped, so any JSON value round-trips. */
interface JobData {
  payload?: unknown;
}

/**
 * The job runner on PostgreSQL: pg-boss 10 in the schema `<current_schema>_jobs`, so databases
 * (and parallel test schemas) never share queues. Each registered name is a queue; delayed jobs use
 * `startAfter`, cron schedules `boss.schedule`, which pg-boss fires once per occurrence across all
 * processes. pg-boss fetches with SKIP LOCKED, so a job goes to one worker; a run that throws or
 * exceeds `timeoutMs` is retried only when registered `retryable`.
 *
 * Timing is pg-boss's own (the database clock, real time): the injected Clock does not move it.
 * Before `start` (CLI commands), `enqueue` and `schedule` use a send-only pg-boss instance that
 * runs no workers, cron monitor or maintenance.
 */
export class PgBossJobRunner implements JobRunner {
  private readonly registrations = new Map<string, Registration>();
  private readonly createdQueues = new Set<string>();
  private boss: Promise<PgBoss> | null = null;
  private working = false;

  constructor(
    private readonly deps: Pick<AppContext, 'db' | 'logger'>,
    private readonly options: PgBossJobRunnerOptions,
  ) {}

  register(name: string, handler: JobHandler, options?: RegisterOptions): void {
    this.registrations.set(name, toRegistration(name, handler, options));
  }

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const boss = await this.connection();
    await this.ensureQueue(boss, name);
    const data: JobData = { payload: payload ?? null };
    // A relative delay goes to pg-boss in seconds so it is measured on the database clock.
    const startAfter = options.runAt ?? (options.delayMs ? Math.ceil(options.delayMs / 1000) : undefined);
    const id = await boss.send(name, data, startAfter === undefined ? {} : { startAfter });
    if (!id) throw new Error(`pg-boss did not accept job ${name}`);
    return id;
  }

  async schedule(name: string, cron: string, options: { timeZone?: string } = {}): Promise<void> {
    const timeZone = options.timeZone ?? 'UTC';
    nextCronRun(cron, timeZone, new Date());
    const boss = await this.connection();
    await this.ensureQueue(boss, name);
    await this.serialised(() => boss.schedule(name, cron, { payload: null } satisfies JobData, { tz: timeZone }));
  }

  async start(): Promise<void> {
    if (this.working) return;
    if (this.boss) {
      // Replace the send-only instance by one that works, schedules and maintains.
      const sender = await this.boss;
      this.boss = null;
      await sender.stop({ graceful: false });
      // Queues the sender created before their handlers were registered still need their settings.
      this.createdQueues.clear();
    }
    this.working = true;
    const boss = await this.connection();
    for (const [name, registration] of this.registrations) {
      await this.ensureQueue(boss, name);
      await boss.work<JobData>(name, { batchSize: 1 }, async (jobs) => {
        for (const job of jobs) {
          try {
            await registration.handler(job.data?.payload ?? null, { id: job.id, name: job.name });
          } catch (error) {
            this.deps.logger.warn({ err: error, job: name, jobId: job.id }, 'job failed');
            throw error;
          }
        }
      });
    }
  }

  pruneFinished(): Promise<number> {
    // pg-boss archives completed jobs and deletes the archive by its own retention settings.
    return Promise.resolve(0);
  }

  async stop(): Promise<void> {
    const pending = this.boss;
    this.boss = null;
    this.working = false;
    this.createdQueues.clear();
    if (!pending) return;
    const boss = await pending;
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  private connection(): Promise<PgBoss> {
    this.boss ??= this.open(this.working).catch((error: unknown) => {
      this.boss = null;
      throw error;
    });
    return this.boss;
  }

  private async open(working: boolean): Promise<PgBoss> {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.deps.db);
    const schema = `${rows[0]?.schema ?? 'public'}_jobs`;
    const boss = new PgBoss({
      connectionString: this.options.databaseUrl,
      schema,
      max: working ? 5 : 2,
      supervise: working,
      schedule: working,
      migrate: true,
      ...this.options.boss,
    });
    boss.on('error', (error) => this.deps.logger.error({ err: error }, 'pg-boss error'));
    await this.serialised(() => boss.start());
    return boss;
  }

  private async ensureQueue(boss: PgBoss, name: string): Promise<void> {
    if (this.createdQueues.has(name)) return;
    const registration = this.registrations.get(name);
    await this.serialised(async () => {
      await boss.createQueue(name);
      if (registration) {
        // The registering process owns the queue's retry and expiry settings.
        await boss.updateQueue(name, {
          name,
          retryLimit: registration.maxAttempts - 1,
          retryDelay: 10,
          retryBackoff: true,
          expireInSeconds: Math.max(1, Math.ceil(registration.timeoutMs / 1000)),
        });
      }
    });
    this.createdQueues.add(name);
  }

  /**
   * Runs pg-boss setup (install, queues, schedules) under a session advisory lock: pg-boss
   * deadlocks when several processes create its schema, queues or schedules at the same time.
   * Not re-entrant: `work` must not call `serialised` again.
   */
  private async serialised<T>(work: () => Promise<T>): Promise<T> {
    return this.deps.db.connection().execute(async (connection) => {
      await sql`SELECT pg_advisory_lock(${sql.lit(SETUP_LOCK_KEY)}::bigint)`.execute(connection);
      try {
        return await work();
      } finally {
        await sql`SELECT pg_advisory_unlock(${sql.lit(SETUP_LOCK_KEY)}::bigint)`.execute(connection);
      }
    });
  }
}
