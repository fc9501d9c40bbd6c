// Machines: the server-paged list, one machine with interfaces and components, the versioned writes,
// and the inventory import/export files.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../app/api-client.ts';
import type {
  AuditItem,
  ComponentView,
  CreateComponentBody,
  CreateMachineBody,
  InventoryImportResult,
  ItemList,
  MachineDetailView,
  MachinePage,
  UpdateComponentBody,
  UpdateMachineBody,
} from '../../app/api-types.ts';
import type { MachineFilter, MachineSortKey } from './machine-filter.ts';

const enc = encodeURIComponent;

/** Rows per page (the server allows up to 200). */
export const machinePageSize = 100;

function listQuery(filter: MachineFilter, cursor: string | null, limit: number) {
  return {
    limit,
    cursor,
    sort: `${filter.descending ? '-' : ''}${filter.sort}`,
    q: filter.q.trim(),
    site: filter.site,
    segment: filter.segment,
    criticality: filter.criticality,
    network_state: filter.network_state,
    updatable: filter.updatable,
    matching_incomplete: filter.matching_incomplete,
  };
}

/** True when the server paged and filtered the answer (it reports `total`); older servers send every machine. */
export function isServerPaged(page: MachinePage): boolean {
  return typeof page.total === 'number';
}

const fold = (value: string | null | undefined): string => (value ?? '').normalize('NFKC').toLocaleLowerCase('de');

function sortValue(machine: MachinePage['items'][number], key: MachineSortKey): string | number {
  switch (key) {
    case 'site':
      return fold(machine.site_key);
    case 'criticality':
      return machine.criticality ? ['low', 'medium', 'high'].indexOf(machine.criticality) : -1;
    default:
      return fold(machine[key]);
  }
}

/**
 * Filters and sorts an unpaged answer in the browser, for servers without list paging. The segment
 * filter needs the interfaces and the matching data filter the components, which the list does not
 * carry, so both are left to the server (the page offers them only when it pages).
 */
export function applyLocally(items: MachinePage['items'], filter: MachineFilter): MachinePage['items'] {
  const words = fold(filter.q).split(/\s+/).filter(Boolean);
  const kept = items.filter((machine) => {
    if (filter.site && machine.site_key !== filter.site) return false;
    if (filter.criticality && machine.criticality !== filter.criticality) return false;
    if (filter.network_state && machine.network_state !== filter.network_state) return false;
    if (filter.updatable && String(machine.updatable) !== filter.updatable) return false;
    const text = fold([machine.machine_id, machine.name, machine.vendor, machine.model, machine.machine_type].join(' '));
    return words.every((word) => text.includes(word));
  });
  const direction = filter.descending ? -1 : 1;
  return kept.sort((a, b) => {
    const left = sortValue(a, filter.sort);
    const right = sortValue(b, filter.sort);
    if (left < right) return -direction;
    if (left > right) return direction;
    return fold(a.machine_id) < fold(b.machine_id) ? -1 : 1;
  });
}

/** The machines list, page by page with the server's cursor. */
export function useMachineList(filter: MachineFilter) {
  return useInfiniteQuery({
    queryKey: ['machines', 'list', filter],
    queryFn: ({ pageParam }) => apiRequest<MachinePage>('/machines', { query: listQuery(filter, pageParam, machinePageSize) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (isServerPaged(last) ? (last.next_cursor ?? undefined) : undefined),
    placeholderData: keepPreviousData,
  });
}

/** Every machine matching the filter in the list's order, for the table export (all pages). */
export async function fetchAllMachines(filter: MachineFilter): Promise<MachinePage['items']> {
  const items: MachinePage['items'] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: MachinePage = await apiRequest<MachinePage>('/machines', { query: listQuery(filter, cursor, 200) });
    if (!isServerPaged(page)) return applyLocally(page.items, filter);
    items.push(...page.items);
    if (!page.next_cursor) return items;
    cursor = page.next_cursor;
  }
}

/** One machine with interfaces and components (removed ones too when asked). */
export function useMachine(machineId: string, includeRemoved: boolean) {
  return useQuery({
    queryKey: ['machines', 'detail', machineId, includeRemoved],
    queryFn: () => apiRequest<MachineDetailView>(`/machines/${enc(machineId)}`, { query: { include_removed: includeRemoved ? 'true' : null } }),
    placeholderData: keepPreviousData,
  });
}

/** The audit history of a machine (by its database id), newest first. */
export function useMachineHistory(id: string | undefined) {
  return useQuery({
    queryKey: ['machines', 'history', id],
    enabled: id !== undefined,
    queryFn: async () => (await apiRequest<ItemList<AuditItem>>(`/audit/objects/machine/${enc(id ?? '')}`)).items.slice().reverse(),
  });
}

/** A machine write; success refreshes every cached machine (list, detail, history) and the findings, which the server re-matched. */
function useMachineWrite<TInput, TResult>(request: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['machines'] });
      void queryClient.invalidateQueries({ queryKey: ['findings'] });
    },
  });
}

/** Creates a machine. */
export function useCreateMachine() {
  return useMachineWrite((input: CreateMachineBody) => apiRequest<MachineDetailView>('/machines', { method: 'POST', body: input }));
}

/** Changes a machine. */
export function useUpdateMachine(machineId: string) {
  return useMachineWrite(({ input, version }: { input: UpdateMachineBody; version: number }) =>
    apiRequest<MachineDetailView>(`/machines/${enc(machineId)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Decommissions a machine (it is never deleted). */
export function useDecommissionMachine(machineId: string) {
  return useMachineWrite(({ version }: { version: number }) => apiRequest<MachineDetailView>(`/machines/${enc(machineId)}/decommission`, { method: 'POST', version }));
}

/** Adds a component to a machine. */
export function useAddComponent(machineId: string) {
  return useMachineWrite((input: CreateComponentBody) => apiRequest<ComponentView>(`/machines/${enc(machineId)}/components`, { method: 'POST', body: input }));
}

/** Changes a component. */
export function useUpdateComponent() {
  return useMachineWrite(({ id, input, version }: { id: string; input: UpdateComponentBody; version: number }) =>
    apiRequest<ComponentView>(`/components/${enc(id)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Marks a component removed (history is kept). */
export function useRemoveComponent() {
  return useMachineWrite(({ id, version }: { id: string; version: number }) => apiRequest<ComponentView>(`/components/${enc(id)}/remove`, { method: 'POST', version }));
}

/** Sends an inventory file: a dry run checks it, otherwise it is imported (all or nothing). */
export function useImportInventory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const formData = new FormData();
      formData.append('file', file, file.name);
      return apiRequest<InventoryImportResult>('/inventory/import', { method: 'POST', query: { dry_run: String(dryRun) }, formData });
    },
    onSuccess: (_result, { dryRun }) => {
      if (!dryRun) {
        void queryClient.invalidateQueries({ queryKey: ['machines'] });
        void queryClient.invalidateQueries({ queryKey: ['segments'] });
        void queryClient.invalidateQueries({ queryKey: ['sites'] });
        void queryClient.invalidateQueries({ queryKey: ['findings'] });
      }
    },
  });
}

/** Downloads the inventory file (all machines, or one) in CSV or XLSX, or one machine's CycloneDX 1.6 BOM (`machine` required). */
export function downloadInventory(format: 'csv' | 'xlsx' | 'cyclonedx', options: { machine?: string; delimiter?: ';' } = {}): Promise<void> {
  const fallbackName = format === 'cyclonedx' ? `${(options.machine ?? 'machine').replace(/[^A-Za-z0-9._-]/g, '_')}.cdx.json` : `inventory.${format}`;
  return apiDownload('/inventory/export', { query: { format, machine: options.machine, delimiter: options.delimiter } }, fallbackName);
}

/** Downloads the import template with its example row. */
export function downloadTemplate(format: 'csv' | 'xlsx'): Promise<void> {
  return apiDownload('/inventory/template', { query: { format } }, `inventory-template.${format}`);
}

/** One interface as sent: empty values are null. */
export interface InterfaceInput {
  ip: string | null;
  mac: string | null;
  hostname: string | null;
  segment_key: string | null;
}

/** Replaces the interfaces of a machine (the whole list, in order; If-Match of the machine). */
export function useReplaceInterfaces(machineId: string) {
  return useMachineWrite(({ interfaces, version }: { interfaces: InterfaceInput[]; version: number }) =>
    apiRequest<MachineDetailView>(`/machines/${enc(machineId)}/interfaces`, { method: 'PUT', body: { interfaces }, version }),
  );
}
