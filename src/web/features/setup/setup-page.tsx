// First-run setup: the one-time URL printed by the server opens this form for the first admin.
import { Alert, Anchor, Button, Center, Loader, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Language } from '../../app/api-types.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { fieldError, ProblemAlert } from '../../app/problem-alert.tsx';
import { PublicLayout } from '../../app/public-layout.tsx';
import { LanguageSelect, NewPasswordInput, passwordLongEnough, PasswordRepeatInput, UsernameInput } from '../auth/account-fields.tsx';
import { useCompleteSetup, useSetupStatus } from './setup.api.ts';

/** The first-run setup page. */
export function SetupPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const status = useSetupStatus();

  return (
    <PublicLayout title={t('setup.title')}>
      {status.isPending ? (
        <Center>
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : status.isError ? (
        <ProblemAlert error={status.error} />
      ) : !status.data.required ? (
        <Stack>
          <Alert color="green" variant="light" title={t('setup.doneTitle')}>
            {t('setup.doneText')}
          </Alert>
          <Anchor component={Link} to="/login">
            {t('setup.goToLogin')}
          </Anchor>
        </Stack>
      ) : !token ? (
        <Alert color="orange" variant="light" title={t('setup.tokenMissingTitle')}>
          {t('setup.tokenMissingText')}
        </Alert>
      ) : (
        <SetupForm token={token} />
      )}
    </PublicLayout>
  );
}

function SetupForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setup = useCompleteSetup();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [checked, setChecked] = useState(false);


  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!passwordLongEnough(password) || repeat !== password || !displayName.trim() || !username.trim()) return;
    setup.mutate(
      {
        token,
        username: username.trim(),
        password,
        display_name: displayName.trim(),
        ...(email.trim() ? { email: email.trim() } : {}),
        language,
      },
      { onSuccess: () => void navigate('/', { replace: true }) },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Alert color="blue" variant="light">
          {t('setup.intro')}
        </Alert>
        <ProblemAlert error={setup.error} title={t('setup.failed')} fields={['display_name', 'username', 'email', 'password', 'language']} />
        <TextInput
          label={t('users.displayName')}
          name="display_name"
          autoComplete="name"
          required
          autoFocus
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={(checked && !displayName.trim() ? t('validation.required') : undefined) ?? fieldError(setup.error, 'display_name')}
        />
        <UsernameInput
          name="username"
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={(checked && !username.trim() ? t('validation.required') : undefined) ?? fieldError(setup.error, 'username')}
        />
        <TextInput
          label={t('users.email')}
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={fieldError(setup.error, 'email')}
        />
        <NewPasswordInput label={t('auth.password')} name="password" value={password} onChange={setPassword} showProblems={checked} serverError={fieldError(setup.error, 'password')} />
        <PasswordRepeatInput name="password_repeat" value={repeat} password={password} onChange={setRepeat} showProblems={checked} />
        <LanguageSelect name="language" value={language} onChange={setLanguage} error={fieldError(setup.error, 'language')} />
        <Button type="submit" loading={setup.isPending} fullWidth>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
