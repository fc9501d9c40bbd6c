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
