// The audit log: pages of events (newest first) and the chain verification.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type { AuditList, AuditVerification } from '../../app/api-types.ts';

/** Filters of the audit log. */
export interface AuditFilter {
  object_type: string;
  object_id: string;
  action: string;
}

/** Number of events per page. */
export const auditPageSize = 50;

/** One page of audit events before `beforeSeq` (null: the newest). */
export function useAuditPage(filter: AuditFilter, beforeSeq: number | null) {
  return useQuery({
    queryKey: ['audit', filter, beforeSeq],
    queryFn: () =>
      apiRequest<AuditList>('/audit', {
        query: { limit: auditPageSize, before_seq: beforeSeq, object_type: filter.object_type, object_id: filter.object_id, action: filter.action },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Verifies the hash chain of the whole log. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => apiRequest<AuditVerification>('/audit/verify') });
}

/** Every event matching the filter, newest first (all pages), for the table export. */
export async function fetchAllAudit(filter: AuditFilter): Promise<AuditList['items']> {
  const items: AuditList['items'] = [];
  let beforeSeq: number | null = null;
  for (;;) {
    const page: AuditList = await apiRequest<AuditList>('/audit', {
      query: { limit: 500, before_seq: beforeSeq, object_type: filter.object_type, object_id: filter.object_id, action: filter.action },
    });
    items.push(...page.items);
    if (!page.next_before_seq || page.items.length === 0) return items;
    beforeSeq = page.next_before_seq;
  }
}
