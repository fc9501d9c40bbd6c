// Framework contracts and commissioning test templates: lists, details, versioned writes, and the
// machine search the contract form picks machines with.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type {
  AuditItem,
  ContractList,
  ContractView,
  CreateContractBody,
  CreateTemplateBody,
  ItemList,
  MachinePage,
  ReplaceTemplateBody,
  TemplateList,
  TemplateView,
  UpdateContractBody,
} from '../../app/api-types.ts';

const enc = encodeURIComponent;

/** The contracts in scope, or those of one machine (its machine_id). */
export function useContracts(machineId?: string) {
  return useQuery({
    queryKey: ['contracts', 'list', machineId ?? null],
    queryFn: () => apiRequest<ContractList>('/contracts', { query: { machine: machineId } }),
  });
}

/** One contract. */
export function useContract(id: string) {
  return useQuery({ queryKey: ['contracts', 'detail', id], queryFn: () => apiRequest<ContractView>(`/contracts/${enc(id)}`) });
}

/** The history of a contract and its test templates, oldest first (under ['contracts'], so every contract or template write refreshes it). */
export function useContractHistory(id: string) {
  return useQuery({ queryKey: ['contracts', 'history', id], queryFn: async () => (await apiRequest<ItemList<AuditItem>>(`/contracts/${enc(id)}/history`)).items });
}

/** Which templates to list: of a contract, of a site's machine types, or those a machine's commissioning test uses. */
export type TemplateFilter = { contract: string } | { site: string } | { machine: string };

/** Test templates by filter; disabled while the filter names nothing. */
export function useTemplates(filter: TemplateFilter) {
  const value = Object.values(filter)[0] as string;
  return useQuery({
    queryKey: ['test-templates', 'list', filter],
    enabled: value !== '',
    queryFn: () => apiRequest<TemplateList>('/test-templates', { query: filter }),
  });
}

/** A write that refreshes every cached contract and template (a contract's machines decide template rights). */
function useContractWrite<TInput, TResult>(request: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['contracts'] });
      await queryClient.invalidateQueries({ queryKey: ['test-templates'] });
    },
  });
}

/** Records a contract. */
export function useCreateContract() {
  return useContractWrite((input: CreateContractBody) => apiRequest<ContractView>('/contracts', { method: 'POST', body: input }));
}

/** Changes a contract; `machine_ids` replaces its machines. */
export function useUpdateContract(id: string) {
  return useContractWrite(({ input, version }: { input: UpdateContractBody; version: number }) =>
    apiRequest<ContractView>(`/contracts/${enc(id)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Adds a test template to a contract or a machine type. */
export function useCreateTemplate() {
  return useContractWrite((input: CreateTemplateBody) => apiRequest<TemplateView>('/test-templates', { method: 'POST', body: input }));
}

/** Replaces a template's name and items. */
export function useReplaceTemplate(id: string) {
  return useContractWrite(({ input, version }: { input: ReplaceTemplateBody; version: number }) =>
    apiRequest<TemplateView>(`/test-templates/${enc(id)}`, { method: 'PUT', body: input, version }),
  );
}

/** Machines whose id, name or components match the search words (first 20), for the machine picker. */
export function useMachineSearch(search: string) {
  return useQuery({
    queryKey: ['machines', 'search', search],
    queryFn: async () => (await apiRequest<MachinePage>('/machines', { query: { q: search.trim(), limit: 20 } })).items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
