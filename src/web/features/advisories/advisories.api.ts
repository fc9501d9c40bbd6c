// Advisories: the server-paged list, one advisory with its revisions, the raw document download and
// the upload import of CSAF files.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../app/api-client.ts';
import type { AdvisoryDetailView, AdvisoryImportResult, AdvisoryListView } from '../../app/api-types.ts';

const enc = encodeURIComponent;

/** Search and filters of the advisories list; empty strings mean "any". */
export interface AdvisoryFilter {
  q: string;
  kev: string;
  min_cvss: string;
  vendor: string;
  from: string;
  to: string;
  status: string;
  /** `csaf` or `manual`. */
  source: string;
}

export const emptyAdvisoryFilter: AdvisoryFilter = { q: '', kev: '', min_cvss: '', vendor: '', from: '', to: '', status: '', source: '' };

/** Rows per page (the server allows up to 200). */
export const advisoryPageSize = 50;

/** One page of advisories (offset paging). */
export function useAdvisoryList(filter: AdvisoryFilter, page: number) {
  return useQuery({
    queryKey: ['advisories', 'list', filter, page],
    queryFn: () =>
      apiRequest<AdvisoryListView>('/advisories', {
        query: { ...filter, q: filter.q.trim(), vendor: filter.vendor.trim(), limit: advisoryPageSize, offset: (page - 1) * advisoryPageSize },
      }),
    placeholderData: keepPreviousData,
  });
}

/** One advisory with its current document and revisions. */
export function useAdvisory(advisoryId: string) {
  return useQuery({ queryKey: ['advisories', 'detail', advisoryId], queryFn: () => apiRequest<AdvisoryDetailView>(`/advisories/${enc(advisoryId)}`) });
}

/** Downloads one stored document unchanged. */
export function useDownloadRawDocument(advisoryId: string) {
  return useMutation({
    mutationFn: ({ documentId, fileName }: { documentId: string; fileName: string }) =>
      apiDownload(`/advisories/${enc(advisoryId)}/documents/${enc(documentId)}/raw`, {}, fileName),
  });
}

/** Uploads CSAF JSON files; answers what `advisories import --json` reports. */
export function useImportAdvisories() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: readonly File[]) => {
      const formData = new FormData();
      for (const file of files) formData.append('file', file, file.name);
      return apiRequest<AdvisoryImportResult>('/advisories/import', { method: 'POST', formData });
    },
    // The import matches the new documents against the inventory.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['advisories'] });
      void queryClient.invalidateQueries({ queryKey: ['findings'] });
    },
  });
}
