// Manual vendor notices: the notice of an advisory, recording and revising it (then its new
// attachments, one upload each), linking it to a CSAF advisory, and the attachment downloads.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiDownload, apiRequest } from '../../app/api-client.ts';
import type { AdvisoryListView, ManualNoticeBody, ManualNoticeView, NoticeAttachmentView } from '../../app/api-types.ts';

const enc = encodeURIComponent;

/** One attachment that could not be stored after the notice was saved. */
export interface UploadFailure {
  file: string;
  message: string;
}

/** What saving the form did: the notice as saved, and the files that could not be attached. */
export interface SavedNotice {
  notice: ManualNoticeView;
  failures: UploadFailure[];
}

/** The notice of a manual advisory. */
export function useManualNotice(advisoryId: string) {
  return useQuery({
    queryKey: ['advisories', 'manual', advisoryId],
    queryFn: () => apiRequest<ManualNoticeView>(`/advisories/manual/${enc(advisoryId)}`),
  });
}

function uploadAttachment(advisoryId: string, file: File): Promise<NoticeAttachmentView> {
  const formData = new FormData();
  formData.append('file', file, file.name);
  return apiRequest<NoticeAttachmentView>(`/advisories/manual/${enc(advisoryId)}/attachments`, { method: 'POST', formData });
}

/** Attaches the files one after another; a file that fails is reported, the others still go. */
async function attachAll(advisoryId: string, files: readonly File[]): Promise<UploadFailure[]> {
  const failures: UploadFailure[] = [];
  for (const file of files) {
    try {
      await uploadAttachment(advisoryId, file);
    } catch (error) {
      failures.push({ file: file.name, message: error instanceof ApiError ? error.detail : String(error) });
    }
  }
  return failures;
}

/** Records a notice (or, with `advisoryId` and `version`, saves the next revision), then attaches the files. */
export function useSaveManualNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, files, advisoryId, version }: { body: ManualNoticeBody; files: readonly File[]; advisoryId?: string; version?: number }): Promise<SavedNotice> => {
      const notice = advisoryId
        ? await apiRequest<ManualNoticeView>(`/advisories/manual/${enc(advisoryId)}`, { method: 'PUT', body, version })
        : await apiRequest<ManualNoticeView>('/advisories/manual', { method: 'POST', body });
      return { notice, failures: await attachAll(notice.advisory_id, files) };
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['advisories'] }),
  });
}

/** Attaches files to a stored notice. */
export function useAttachFiles(advisoryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: readonly File[]) => attachAll(advisoryId, files),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['advisories'] }),
  });
}

/** Links the notice to a CSAF advisory, or removes the link (null). */
export function useLinkManualNotice(advisoryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, version }: { target: string | null; version: number }) =>
      apiRequest<ManualNoticeView>(`/advisories/manual/${enc(advisoryId)}/link`, { method: 'POST', body: { advisory_id: target }, version }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['advisories'] }),
  });
}

/** Downloads one attachment. */
export function useDownloadAttachment(advisoryId: string) {
  return useMutation({
    mutationFn: (attachment: NoticeAttachmentView) => apiDownload(`/advisories/manual/${enc(advisoryId)}/attachments/${enc(attachment.id)}/download`, {}, attachment.original_name),
  });
}

/** CSAF advisories whose tracking id, title, product or CVE match, for the link picker (first 10). */
export function useCsafAdvisorySearch(search: string) {
  return useQuery({
    queryKey: ['advisories', 'link-search', search],
    queryFn: async () => (await apiRequest<AdvisoryListView>('/advisories', { query: { source: 'csaf', q: search.trim(), limit: 10 } })).items,
    placeholderData: keepPreviousData,
  });
}
