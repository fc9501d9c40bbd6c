// TanStack Query client: no retries on 4xx, short staleness, no refetch storms on focus.
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';

/** Creates the app's query client. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
