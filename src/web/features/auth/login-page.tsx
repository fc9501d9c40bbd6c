// Login with username and password; works by keyboard alone (Tab, type, Enter).
import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { PublicLayout } from '../../app/public-layout.tsx';
import { useSetupStatus } from '../setup/setup.api.ts';
import { UsernameInput } from './account-fields.tsx';
import { useLogin, useMe } from './auth.api.ts';

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The login page. */
export function LoginPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const setup = useSetupStatus();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(searchParams.get('next'));

  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  return (
    <PublicLayout title={t('auth.loginTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {setup.data?.required && (
            <Alert color="blue" variant="light" title={t('setup.requiredTitle')}>
              {t('setup.requiredHint')}
            </Alert>
          )}
          <ProblemAlert error={login.error} title={t('auth.loginFailed')} />
          <UsernameInput
            name="username"
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label={t('auth.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.login')}
          </Button>
          {setup.data?.required && (
            <Anchor component={Link} to="/setup" size="sm">
              {t('setup.goToSetup')}
            </Anchor>
          )}
        </Stack>
      </form>
    </PublicLayout>
  );
}
