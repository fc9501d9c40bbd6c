// Sites and machines every signed-in user may read: for scope pickers and site time zones.
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client.ts';
import type { ItemList, MachineView, SiteView } from './api-types.ts';

/** All sites the user can see. */
export function useSites() {
  return useQuery({
    queryKey: ['sites'],
    queryFn: async () => (await apiRequest<ItemList<SiteView>>('/sites')).items,
    staleTime: 60_000,
  });
}

/** All machines the user can see. */
export function useMachines() {
  return useQuery({
    queryKey: ['machines'],
    queryFn: async () => (await apiRequest<ItemList<MachineView>>('/machines')).items,
    staleTime: 60_000,
  });
}

/** Maps site ids to their IANA time zones (empty until the sites are loaded). */
export function useSiteZones(): ReadonlyMap<string, string> {
  const sites = useSites();
  return new Map((sites.data ?? []).map((site) => [site.id, site.time_zone]));
}
