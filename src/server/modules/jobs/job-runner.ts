/** A job handler; it must be idempotent enough to survive a crash between work and completion. */
export type JobHandler = (payload: unknown, job: { id: string; name: string }) => Promise<void>;

export interface EnqueueOptions {
  /** Run no earlier than this instant. */
  runAt?: Date;
  /** Run no earlier than this many milliseconds from now (by the runner's clock). */
  delayMs?: number;
}

export interface RegisterOptions {
  /**
   * Whether a run that threw, or that a crashed worker abandoned, may be tried again. Only for
   * handlers that are safe to repeat; default false (a failed run is final).
   */
  retryable?: boolean;
  /** Attempts in total when retryable (default 3). */
  maxAttempts?: number;
  /** Longest a run may take; after it the run counts as abandoned (default 15 minutes). */
  timeoutMs?: number;
}

/**
 * One job runner for both dialects: pg-boss on PostgreSQL, a table queue on SQLite. Durable,
 * delayed and cron-scheduled jobs; each job runs at most once across processes.
 */
export interface JobRunner {
  /** Registers the handler of a job name; call before `start`. */
  register(name: string, handler: JobHandler, options?: RegisterOptions): void;
  /** Queues a job; returns its id. */
  enqueue(name: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /** Runs `name` on a cron schedule (5 fields) in the given IANA zone; idempotent across processes. */
  schedule(name: string, cron: string, options?: { timeZone?: string }): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Deletes finished jobs older than `olderThanMs`; returns how many (pg-boss archives its own: 0). */
  pruneFinished(now: Date, olderThanMs: number): Promise<number>;
}

/** Registration settings with their defaults applied. */
export interface Registration {
  handler: JobHandler;
  retryable: boolean;
  maxAttempts: number;
  timeoutMs: number;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_JOB_TIMEOUT_MS = 15 * 60 * 1000;

/** Applies the defaults of `RegisterOptions`. */
export function toRegistration(name: string, handler: JobHandler, options: RegisterOptions = {}): Registration {
  if (!/^[a-z][a-z0-9_.-]*$/i.test(name)) throw new Error(`Invalid job name "${name}"`);
  const maxAttempts = options.retryable ? (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) : 1;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`Job ${name}: maxAttempts must be a positive integer`);
  return { handler, retryable: options.retryable === true, maxAttempts, timeoutMs: options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS };
}

/** The message of a thrown value, shortened for storage. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.slice(0, 2000);
}
