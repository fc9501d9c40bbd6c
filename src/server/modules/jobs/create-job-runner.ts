import type { AppContext } from '../../context.ts';
import type { JobRunner } from './job-runner.ts';

// PLACEHOLDER — replaced by the job runner implementation.
export interface JobRunnerDependencies extends Omit<AppContext, 'jobs'> {
  databaseUrl: string | null;
}

export function createJobRunner(_deps: JobRunnerDependencies): Promise<JobRunner> {
  const runner: JobRunner = {
    register() {},
    enqueue: () => Promise.resolve(''),
    schedule: () => Promise.resolve(),
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
  return Promise.resolve(runner);
}
