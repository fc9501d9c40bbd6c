// The filters of the findings page as they stand in the URL (`/findings?status=known_affected&site=HUM-RS`),
// so a link (the dashboard's counts) opens the page filtered and a filtered view can be shared.
import { findingConfidences, findingStatuses } from '../../app/api-types.ts';

/** Filters of a findings list; empty strings mean "any". */
export interface FindingFilter {
  status: string;
  confidence: string;
  /** Site key. */
  site: string;
  /** Machine id (plant key), matched exactly, case-insensitively. */
  machine: string;
  /** Advisory id or tracking id. */
  advisory: string;
  /** Also list findings marked as false matches. */
  falseMatches: boolean;
}

export const emptyFindingFilter: FindingFilter = { status: '', confidence: '', site: '', machine: '', advisory: '', falseMatches: false };

const oneOf = (value: string | null, allowed: readonly string[]): string => (value !== null && allowed.includes(value) ? value : '');

/** The filter and page a URL's query names; unknown codes and pages count as "any" and 1, so a stale link still opens. */
export function findingFilterOf(search: URLSearchParams): { filter: FindingFilter; page: number } {
  const page = Number(search.get('page'));
  return {
    filter: {
      status: oneOf(search.get('status'), findingStatuses),
      confidence: oneOf(search.get('confidence'), findingConfidences),
      site: search.get('site') ?? '',
      machine: search.get('machine') ?? '',
      advisory: search.get('advisory') ?? '',
      falseMatches: search.get('false_matches') === 'true',
    },
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The URL query of a filter and page, leaving out what is "any" and the first page. */
export function findingSearchOf(filter: FindingFilter, page: number): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of ['status', 'confidence', 'site', 'machine', 'advisory'] as const) {
    if (filter[key] !== '') search.set(key, filter[key]);
  }
  if (filter.falseMatches) search.set('false_matches', 'true');
  if (page > 1) search.set('page', String(page));
  return search;
}

/** True when any filter narrows the list. */
export function isFiltered(filter: FindingFilter): boolean {
  return Object.entries(filter).some(([key, value]) => (key === 'falseMatches' ? value === true : value !== ''));
}

/** The query of GET /findings for one page of `pageSize` rows (blank text left out). */
export function findingListQuery(filter: FindingFilter, page: number, pageSize: number): Record<string, string | number> {
  const query: Record<string, string | number> = { limit: pageSize, offset: (page - 1) * pageSize };
  for (const key of ['status', 'confidence', 'site', 'machine', 'advisory'] as const) {
    const value = filter[key].trim();
    if (value !== '') query[key] = value;
  }
  if (filter.falseMatches) query.include_false_matches = 'true';
  return query;
}
