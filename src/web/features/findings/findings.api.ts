// Findings: one page by filter (plant-wide, of one machine, of one advisory) and its count, the
// dashboard counts, and marking a finding as a false match and undoing it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type { FindingListView, FindingSummaryView, FindingView } from '../../app/api-types.ts';
import { findingListQuery, type FindingFilter } from './finding-filter.ts';

const enc = encodeURIComponent;

/** Rows per page (the server allows up to 200). */
export const findingPageSize = 50;
/** Rows per request of the export (the server's maximum). */
const exportPageSize = 200;

/** One page of findings (offset paging). */
export function useFindingList(filter: FindingFilter, page: number) {
  return useQuery({
    queryKey: ['findings', 'list', filter, page],
    queryFn: () => apiRequest<FindingListView>('/findings', { query: findingListQuery(filter, page, findingPageSize) }),
    placeholderData: keepPreviousData,
  });
}

/** How many findings the filter holds (the list's `total`, read from a one-row page). */
export function useFindingCount(filter: FindingFilter) {
  return useQuery({
    queryKey: ['findings', 'count', filter],
    queryFn: async () => (await apiRequest<FindingListView>('/findings', { query: findingListQuery(filter, 1, 1) })).total,
  });
}

/** Every finding of the filter in the list's order, for the table export (all pages). */
export async function fetchAllFindings(filter: FindingFilter): Promise<FindingView[]> {
  const items: FindingView[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await apiRequest<FindingListView>('/findings', { query: findingListQuery(filter, page, exportPageSize) });
    items.push(...answer.items);
    if (answer.items.length < exportPageSize || items.length >= answer.total) return items;
  }
}

/** Counts for the dashboard: findings by status, affected vulnerabilities per component, false matches, machines with incomplete matching data. */
export function useFindingSummary() {
  return useQuery({ queryKey: ['findings', 'summary'], queryFn: () => apiRequest<FindingSummaryView>('/findings/summary') });
}

/** A false-match write; success refreshes every cached finding list and the counts. */
function useFalseMatchWrite<TInput>(request: (input: TInput) => Promise<FindingView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['findings'] }),
  });
}

/** Marks a finding as a false match, with the reason (the server refuses a blank one with REASON_REQUIRED). */
export function useMarkFalseMatch() {
  return useFalseMatchWrite(({ findingId, reason }: { findingId: string; reason: string }) =>
    apiRequest<FindingView>(`/findings/${enc(findingId)}/false-match`, { method: 'POST', body: { reason } }),
  );
}

/** Undoes the false-match mark of a finding. */
export function useUndoFalseMatch() {
  return useFalseMatchWrite(({ findingId }: { findingId: string }) => apiRequest<FindingView>(`/findings/${enc(findingId)}/false-match`, { method: 'DELETE' }));
}
