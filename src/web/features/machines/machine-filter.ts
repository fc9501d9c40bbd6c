// Search, filters and sort of the machines list as they stand in the URL
// (`/machines?criticality=high&matching_incomplete=true&sort=-name`), so a link (the dashboard's count
// of machines with incomplete matching data) opens the list filtered and a filtered view can be shared.
// The parameters are named as GET /machines names them.
import { criticalities, networkStates, type MachineListQuery } from '../../app/api-types.ts';

/** Sortable columns of the machines list (`sort=<key>` ascending, `sort=-<key>` descending), as the server offers them. */
export const machineSortKeys = ['machine_id', 'name', 'site', 'criticality'] as const satisfies readonly MachineListQuery['sort'][];
export type MachineSortKey = (typeof machineSortKeys)[number];

/** Search, filters and sort of the machines list; empty strings mean "any". */
export interface MachineFilter {
  q: string;
  /** Site key. */
  site: string;
  /** Segment key, within the chosen site. */
  segment: string;
  criticality: string;
  network_state: string;
  /** 'true', 'false' or '' (any). */
  updatable: string;
  /** 'true': only machines whose matching data is incomplete; '' (any). */
  matching_incomplete: string;
  sort: MachineSortKey;
  descending: boolean;
}

export const emptyMachineFilter: MachineFilter = {
  q: '', site: '', segment: '', criticality: '', network_state: '', updatable: '', matching_incomplete: '', sort: 'machine_id', descending: false,
};

const textKeys = ['q', 'site', 'segment'] as const;
const codeKeys = ['criticality', 'network_state', 'updatable', 'matching_incomplete'] as const;
const allowedCodes: Record<(typeof codeKeys)[number], readonly string[]> = {
  criticality: criticalities,
  network_state: networkStates,
  updatable: ['true', 'false'],
  matching_incomplete: ['true'],
};

const oneOf = (value: string | null, allowed: readonly string[]): string => (value !== null && allowed.includes(value) ? value : '');

/** The filter a URL's query names; unknown codes and sorts count as "any" and the default sort, so a stale link still opens. */
export function machineFilterOf(search: URLSearchParams): MachineFilter {
  const filter: MachineFilter = { ...emptyMachineFilter };
  for (const key of textKeys) filter[key] = search.get(key) ?? '';
  for (const key of codeKeys) filter[key] = oneOf(search.get(key), allowedCodes[key]);
  const sort = search.get('sort') ?? '';
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  if ((machineSortKeys as readonly string[]).includes(key)) {
    filter.sort = key as MachineSortKey;
    filter.descending = descending;
  }
  return filter;
}

/** The URL query of a filter, leaving out what is "any" and the default sort. */
export function machineSearchOf(filter: MachineFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of [...textKeys, ...codeKeys]) {
    if (filter[key] !== '') search.set(key, filter[key]);
  }
  if (filter.sort !== emptyMachineFilter.sort || filter.descending) search.set('sort', `${filter.descending ? '-' : ''}${filter.sort}`);
  return search;
}

/** True when the search or a filter narrows the list (the sort does not). */
export function isMachineListFiltered(filter: MachineFilter): boolean {
  return [...textKeys, ...codeKeys].some((key) => filter[key] !== '');
}
