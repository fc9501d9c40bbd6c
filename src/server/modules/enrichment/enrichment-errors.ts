import type { DetailSource } from '../../errors/app-error.ts';

/** At most this many details are reported per file; the rest are counted in one last detail. */
export const MAX_REPORTED_ERRORS = 100;

/** Collects the problems of one file, keeping the first MAX_REPORTED_ERRORS and counting the rest. */
export class ErrorCollector {
  readonly details: DetailSource[] = [];
  private dropped = 0;

  constructor(private readonly file: string) {}

  add(detail: Omit<DetailSource, 'file'>): void {
    if (this.details.length < MAX_REPORTED_ERRORS) this.details.push({ file: this.file, ...detail });
    else this.dropped += 1;
  }

  get count(): number {
    return this.details.length + this.dropped;
  }

  /** The details to report, with a closing ENRICHMENT_MORE_ERRORS when some were dropped. */
  report(): DetailSource[] {
    return this.dropped === 0 ? this.details : [...this.details, { code: 'ENRICHMENT_MORE_ERRORS', file: this.file, params: { count: this.dropped } }];
  }
}
