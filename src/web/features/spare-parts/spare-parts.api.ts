// Spare parts and spare devices per site: the list, the machines of a site to pick from, and the
// versioned writes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type { CreateSparePartBody, MachinePage, SparePartList, SparePartView, UpdateSparePartBody } from '../../app/api-types.ts';

const enc = encodeURIComponent;

/** The spare parts of one site (or all in scope) with the list's allowed actions (`spare_part.create`). */
export function useSpareParts(siteKey: string | null) {
  return useQuery({
    queryKey: ['spare-parts', siteKey ?? '*'],
    queryFn: () => apiRequest<SparePartList>('/spare-parts', { query: { site: siteKey } }),
  });
}

/** Every machine of a site (all pages), for picking the machines a part fits. */
export function useSiteMachines(siteKey: string) {
  return useQuery({
    queryKey: ['machines', 'of-site', siteKey],
    enabled: siteKey !== '',
    queryFn: async () => {
      const items: MachinePage['items'] = [];
      let cursor: string | null = null;
      for (;;) {
        const page: MachinePage = await apiRequest<MachinePage>('/machines', { query: { site: siteKey, limit: 200, cursor } });
        items.push(...page.items);
        if (!page.next_cursor) return items;
        cursor = page.next_cursor;
      }
    },
  });
}

/** A spare-part write; success or failure refreshes every cached spare-part list. */
function useSparePartWrite<TInput, TResult>(request: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['spare-parts'] }),
  });
}

/** Adds a spare part or device to a site. */
export function useCreateSparePart() {
  return useSparePartWrite((input: CreateSparePartBody) => apiRequest<SparePartView>('/spare-parts', { method: 'POST', body: input }));
}

/** Changes a spare part (its machines too: the list is replaced). */
export function useUpdateSparePart() {
  return useSparePartWrite(({ id, input, version }: { id: string; input: UpdateSparePartBody; version: number }) =>
    apiRequest<SparePartView>(`/spare-parts/${enc(id)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Deletes a spare part. */
export function useDeleteSparePart() {
  return useSparePartWrite(({ id, version }: { id: string; version: number }) => apiRequest<void>(`/spare-parts/${enc(id)}`, { method: 'DELETE', version }));
}
