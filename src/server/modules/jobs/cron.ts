import { Cron } from 'croner';

/** The first occurrence of a 5-field cron pattern in an IANA zone strictly after `after`; throws on a bad pattern or zone. */
export function nextCronRun(cron: string, timeZone: string, after: Date): Date {
  const next = new Cron(cron, { timezone: timeZone, mode: '5-part' }).nextRun(after);
  if (!next) throw new Error(`Cron pattern "${cron}" has no future occurrence`);
  return next;
}
