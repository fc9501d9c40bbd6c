// First-run setup: is it still required, and completing it with the one-time token.
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client.ts';
import type { SessionResponse, SetupInput } from '../../app/api-types.ts';
import { useAcceptSession } from '../auth/auth.api.ts';

/** Whether the installation still has no user. */
export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => apiRequest<{ required: boolean }>('/setup'),
    staleTime: 0,
  });
}

/** Creates the first administrator with the setup token and signs them in. */
export function useCompleteSetup() {
  const acceptSession = useAcceptSession();
  return useMutation({
    mutationFn: (input: SetupInput) => apiRequest<SessionResponse>('/setup', { method: 'POST', body: input }),
    onSuccess: acceptSession,
  });
}
