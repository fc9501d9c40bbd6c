// Gate for pages behind the login: shows a loader, sends signed-out visitors to /login.
import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { takeSignedOutOnPurpose, useMe } from '../features/auth/auth.api.ts';
import { ProblemAlert } from './problem-alert.tsx';

/** Renders `children` only with a session; otherwise redirects to the login page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) {
    return (
      <Center component="main" h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center component="main" h="100vh" p="md">
        <ProblemAlert error={me.error} />
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const fresh = takeSignedOutOnPurpose() || next === '/';
    return <Navigate to={fresh ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
