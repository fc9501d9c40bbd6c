// Sites with their calendars, areas and network segments: lists, detail and the versioned writes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type {
  AreaList,
  AreaView,
  CreateAreaBody,
  CreateSegmentBody,
  CreateSiteBody,
  SegmentList,
  SegmentView,
  SiteList,
  SiteView,
  UpdateAreaBody,
  UpdateSegmentBody,
  UpdateSiteBody,
} from '../../app/api-types.ts';

const enc = encodeURIComponent;

/** The sites in scope with the list's allowed actions (`site.create`). */
export function useSiteList() {
  return useQuery({ queryKey: ['sites', 'list'], queryFn: () => apiRequest<SiteList>('/sites') });
}

/** One site by key. */
export function useSite(key: string) {
  return useQuery({ queryKey: ['sites', 'detail', key], queryFn: () => apiRequest<SiteView>(`/sites/${enc(key)}`) });
}

/** The areas of one site with the list's allowed actions (`area.create`). */
export function useAreas(siteKey: string) {
  return useQuery({ queryKey: ['sites', 'areas', siteKey], queryFn: () => apiRequest<AreaList>(`/sites/${enc(siteKey)}/areas`) });
}

/** The segments of one site (or all in scope) with the list's allowed actions (`segment.create`). */
export function useSegments(siteKey: string | null) {
  return useQuery({
    queryKey: ['segments', siteKey ?? '*'],
    queryFn: () => apiRequest<SegmentList>('/segments', { query: { site: siteKey } }),
  });
}

/** A write whose success refreshes every cached site, area and segment. */
function useInventoryWrite<TInput, TResult>(request: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['sites'] });
      void queryClient.invalidateQueries({ queryKey: ['segments'] });
    },
  });
}

/** Creates a site. */
export function useCreateSite() {
  return useInventoryWrite((input: CreateSiteBody) => apiRequest<SiteView>('/sites', { method: 'POST', body: input }));
}

/** Changes a site (name, zone, calendar). */
export function useUpdateSite(key: string) {
  return useInventoryWrite(({ input, version }: { input: UpdateSiteBody; version: number }) =>
    apiRequest<SiteView>(`/sites/${enc(key)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Adds an area to a site. */
export function useCreateArea(siteKey: string) {
  return useInventoryWrite((input: CreateAreaBody) => apiRequest<AreaView>(`/sites/${enc(siteKey)}/areas`, { method: 'POST', body: input }));
}

/** Renames an area. */
export function useUpdateArea() {
  return useInventoryWrite(({ id, input, version }: { id: string; input: UpdateAreaBody; version: number }) =>
    apiRequest<AreaView>(`/areas/${enc(id)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Adds a network segment. */
export function useCreateSegment() {
  return useInventoryWrite((input: CreateSegmentBody) => apiRequest<SegmentView>('/segments', { method: 'POST', body: input }));
}

/** Changes a network segment. */
export function useUpdateSegment() {
  return useInventoryWrite(({ id, input, version }: { id: string; input: UpdateSegmentBody; version: number }) =>
    apiRequest<SegmentView>(`/segments/${enc(id)}`, { method: 'PATCH', body: input, version }),
  );
}
