/** The source of "now" for everything that records or compares time; tests inject their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests that only moves when told to. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-11-26T08:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}

/** ISO 8601 UTC with milliseconds and `Z`, the one stored instant format. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
