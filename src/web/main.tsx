// Entry point: i18n first, then providers and the router.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The DOM RouterProvider lets a navigation ask for flushSync, which fields bound to the URL need.
import { RouterProvider } from 'react-router/dom';
import { onUnauthenticated, setCsrfToken } from './app/api-client.ts';
import { initI18n } from './app/i18n.ts';
import { createQueryClient } from './app/query-client.ts';
import { createAppRouter } from './app/router.tsx';
import { cssVariablesResolver, theme } from './app/theme.ts';
import { meQueryKey } from './features/auth/auth.api.ts';

const queryClient = createQueryClient();
onUnauthenticated(() => {
  setCsrfToken(null);
  queryClient.setQueryData(meQueryKey, null);
});

void initI18n().then(() => {
  const router = createAppRouter();
  const container = document.getElementById('root');
  if (!container) throw new Error('missing #root');
  createRoot(container).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
});
