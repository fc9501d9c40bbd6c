// Conduits, message brokers and the IP register: lists (all sites in scope, or one), and the
// versioned writes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type { BrokerList, BrokerView, ConduitList, ConduitView, CreateBrokerBody, CreateConduitBody, IpRegister, UpdateBrokerBody, UpdateConduitBody } from '../../app/api-types.ts';

const enc = encodeURIComponent;

/** The conduits touching one site (or every site in scope), with the list's allowed actions (`conduit.create`). */
export function useConduits(siteKey: string | null) {
  return useQuery({ queryKey: ['network', 'conduits', siteKey ?? '*'], queryFn: () => apiRequest<ConduitList>('/conduits', { query: { site: siteKey } }) });
}

/** The brokers of one site (or every site in scope), with the list's allowed actions (`broker.create`). */
export function useBrokers(siteKey: string | null) {
  return useQuery({ queryKey: ['network', 'brokers', siteKey ?? '*'], queryFn: () => apiRequest<BrokerList>('/brokers', { query: { site: siteKey } }) });
}

/** The IP register of one site (or every site in scope). */
export function useIpRegister(siteKey: string | null) {
  return useQuery({ queryKey: ['network', 'ip-register', siteKey ?? '*'], queryFn: () => apiRequest<IpRegister>('/ip-register', { query: { site: siteKey } }) });
}

/** A write whose success refreshes every cached network list (brokers feed the IP register). */
function useNetworkWrite<TInput, TResult>(request: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['network'] });
      void queryClient.invalidateQueries({ queryKey: ['topology'] });
    },
  });
}

/** Documents a conduit. */
export function useCreateConduit() {
  return useNetworkWrite((input: CreateConduitBody) => apiRequest<ConduitView>('/conduits', { method: 'POST', body: input }));
}

/** Changes a conduit. */
export function useUpdateConduit() {
  return useNetworkWrite(({ id, input, version }: { id: string; input: UpdateConduitBody; version: number }) =>
    apiRequest<ConduitView>(`/conduits/${enc(id)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Deletes a conduit. */
export function useDeleteConduit() {
  return useNetworkWrite(({ id, version }: { id: string; version: number }) => apiRequest<undefined>(`/conduits/${enc(id)}`, { method: 'DELETE', version }));
}

/** Registers a broker. */
export function useCreateBroker() {
  return useNetworkWrite((input: CreateBrokerBody) => apiRequest<BrokerView>('/brokers', { method: 'POST', body: input }));
}

/** Changes a broker. */
export function useUpdateBroker() {
  return useNetworkWrite(({ id, input, version }: { id: string; input: UpdateBrokerBody; version: number }) =>
    apiRequest<BrokerView>(`/brokers/${enc(id)}`, { method: 'PATCH', body: input, version }),
  );
}

/** Deletes a broker. */
export function useDeleteBroker() {
  return useNetworkWrite(({ id, version }: { id: string; version: number }) => apiRequest<undefined>(`/brokers/${enc(id)}`, { method: 'DELETE', version }));
}
