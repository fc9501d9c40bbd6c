// Own profile: display name, e-mail and language (saved on the server), and the password change.
import { Alert, Button, Group, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Me } from '../../app/api-types.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { fieldError, ProblemAlert } from '../../app/problem-alert.tsx';
import { minimumPasswordLength } from '../setup/setup-page.tsx';
import { GrantSummary } from '../users/grant-badges.tsx';
import { useChangePassword, useCurrentUser, useUpdateProfile } from './auth.api.ts';

/** The own-profile page. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('profile.access')}
          </Title>
          <Text size="sm" mb="xs">
            {t('profile.signedInAs', { username: me.username })}
          </Text>
          <GrantSummary grants={me.grants} />
        </Paper>
        <ProfileForm key={me.version} me={me} />
        <PasswordForm />
      </Stack>
    </>
  );
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [displayName, setDisplayName] = useState(me.display_name);
  const [email, setEmail] = useState(me.email ?? '');
  const [language, setLanguage] = useState<Language>(me.language);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate({ version: me.version, display_name: displayName.trim(), email: email.trim() || null, language });
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="md">
        {t('profile.personal')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={520}>
          <ProblemAlert error={update.error} />
          {update.isSuccess && (
            <Alert color="green" variant="light" role="status">
              {t('profile.saved')}
            </Alert>
          )}
          <TextInput label={t('users.displayName')} required value={displayName} onChange={(event) => setDisplayName(event.currentTarget.value)} error={fieldError(update.error, 'display_name')} />
          <TextInput label={t('users.email')} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={fieldError(update.error, 'email')} />
          <NativeSelect
            label={t('users.language')}
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value === 'en' ? 'en' : 'de')}
            data={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const tooShort = next.length < minimumPasswordLength;
  const mismatch = next !== repeat;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!current || tooShort || mismatch) return;
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          setChecked(false);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="md">
        {t('profile.passwordTitle')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={520}>
          <ProblemAlert error={change.error} />
          {change.isSuccess && (
            <Alert color="green" variant="light" role="status">
              {t('profile.passwordChanged')}
            </Alert>
          )}
          <PasswordInput
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={(checked && !current ? t('validation.required') : undefined) ?? fieldError(change.error, 'current_password')}
          />
          <PasswordInput
            label={t('users.newPassword')}
            description={t('validation.passwordRule', { count: minimumPasswordLength })}
            autoComplete="new-password"
            required
            value={next}
            onChange={(event) => setNext(event.currentTarget.value)}
            error={(checked && tooShort ? t('validation.passwordShort', { count: minimumPasswordLength }) : undefined) ?? fieldError(change.error, 'new_password')}
          />
          <PasswordInput
            label={t('auth.passwordRepeat')}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(event) => setRepeat(event.currentTarget.value)}
            error={checked && mismatch ? t('validation.passwordMismatch') : undefined}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
