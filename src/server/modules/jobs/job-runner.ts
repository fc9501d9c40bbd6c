/** A job handler; it must be idempotent enough to survive a crash between work and completion. */
export type JobHandler = (payload: unknown, job: { id: string; name: string }) => Promise<void>;

export interface EnqueueOptions {
  /** Run no earlier than this instant. */
  runAt?: Date;
  /** Run no earlier than this many milliseconds from now (by the runner's clock). */
  delayMs?: number;
}

/**
 * One job runner for both dialects: pg-boss on PostgreSQL, a table queue on SQLite. Durable,
 * delayed and cron-scheduled jobs; each job runs at most once across processes.
 */
export interface JobRunner {
  /** Registers the handler of a job name; call before `start`. */
  register(name: string, handler: JobHandler): void;
  /** Queues a job; returns its id. */
  enqueue(name: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /** Runs `name` on a cron schedule (5 fields) in the given IANA zone; idempotent across processes. */
  schedule(name: string, cron: string, options?: { timeZone?: string }): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
