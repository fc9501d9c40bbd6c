// Partner systems of a machine (MES, ERP, file share, broker, OPC UA endpoint): the list and the
// versioned writes, and the machine's SBOM as CycloneDX.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type { CreatePartnerSystemBody, PartnerSystemList, PartnerSystemView, UpdatePartnerSystemBody } from '../../app/api-types.ts';
import { downloadInventory } from './machines.api.ts';

const enc = encodeURIComponent;

// Under ['machines'], so that machine writes (decommissioning) refresh the list's allowed actions.
const listKey = (machineId: string) => ['machines', 'partner-systems', machineId];

/** The partner systems of a machine with the list's allowed actions (`partner_system.create`). */
export function usePartnerSystems(machineId: string) {
  return useQuery({ queryKey: listKey(machineId), queryFn: () => apiRequest<PartnerSystemList>(`/machines/${enc(machineId)}/partner-systems`) });
}

/** A partner-system write; success or failure refreshes the machine's list. */
function usePartnerSystemWrite<TInput, TResult>(machineId: string, request: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: listKey(machineId) }),
  });
}

/** Adds a partner system to a machine. */
export function useAddPartnerSystem(machineId: string) {
  return usePartnerSystemWrite(machineId, (input: CreatePartnerSystemBody) =>
    apiRequest<PartnerSystemView>(`/machines/${enc(machineId)}/partner-systems`, { method: 'POST', body: input }),
  );
}

/** Changes a partner system. */
export function useUpdatePartnerSystem(machineId: string) {
  return usePartnerSystemWrite(machineId, ({ id, input, version }: { id: string; input: UpdatePartnerSystemBody; version: number }) =>
    apiRequest<PartnerSystemView>(`/partner-systems/${enc(id)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Deletes a partner system. */
export function useDeletePartnerSystem(machineId: string) {
  return usePartnerSystemWrite(machineId, ({ id, version }: { id: string; version: number }) => apiRequest<void>(`/partner-systems/${enc(id)}`, { method: 'DELETE', version }));
}

/** Downloads the machine's SBOM (its components) as CycloneDX JSON. */
export function useDownloadSbom(machineId: string) {
  return useMutation({
    mutationFn: () => downloadInventory('cyclonedx', { machine: machineId }),
  });
}
