// API tokens: list, create (secret shown once), revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type { CreatedToken, CreateTokenInput, ItemList, TokenView } from '../../app/api-types.ts';

/** The caller's API tokens. */
export function useTokens() {
  return useQuery({
    queryKey: ['tokens'],
    queryFn: async () => (await apiRequest<ItemList<TokenView>>('/tokens')).items,
  });
}

/** Creates a token; the answer carries the secret once. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) =>
      apiRequest<CreatedToken>('/tokens', { method: 'POST', body: input }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

/** Revokes a token. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => apiRequest<TokenView | undefined>(`/tokens/${encodeURIComponent(tokenId)}/revoke`, { method: 'POST' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
