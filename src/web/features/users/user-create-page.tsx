// Create a user with profile, initial password and a first grant.
import { Button, Group, NativeSelect, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Language } from '../../app/api-types.ts';
import { endOfDayIso } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { fieldError, ProblemAlert } from '../../app/problem-alert.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { minimumPasswordLength } from '../setup/setup-page.tsx';
import { emptyGrantDraft, GrantFields, grantDraftProblems, type GrantDraft } from './grant-fields.tsx';
import { useCreateUser } from './users.api.ts';

/** The "new user" page. */
export function UserCreatePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [qualification, setQualification] = useState('');
  const [company, setCompany] = useState('');
  const [language, setLanguage] = useState<Language>('de');
  const [password, setPassword] = useState('');
  const [grant, setGrant] = useState<GrantDraft>(emptyGrantDraft());
  const [checked, setChecked] = useState(false);

  if (!me.global_actions.includes('user.create')) {
    return (
      <>
        <PageHeader title={t('users.newTitle')} />
        <Text>{t('errors.notPermitted')}</Text>
      </>
    );
  }

  const grantProblems = grantDraftProblems(grant, false);
  const passwordShort = password.length < minimumPasswordLength;
  const required = (value: string) => (checked && !value.trim() ? t('validation.required') : undefined);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!username.trim() || !displayName.trim() || passwordShort || Object.keys(grantProblems).length > 0) return;
    const expiresAt = grant.expires ? endOfDayIso(grant.expires) : null;
    create.mutate(
      {
        username: username.trim(),
        display_name: displayName.trim(),
        password,
        language,
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(qualification.trim() ? { qualification: qualification.trim() } : {}),
        ...(company.trim() ? { company: company.trim() } : {}),
        grants: [{ role: grant.role, scope: grant.scope, ...(expiresAt ? { expires_at: expiresAt } : {}) }],
      },
      { onSuccess: (user) => void navigate(`/users/${user.id}`) },
    );
  };

  return (
    <>
      <PageHeader title={t('users.newTitle')} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <ProblemAlert error={create.error} title={t('users.createFailed')} />
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="md">
              {t('users.profile')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('users.displayName')}
                required
                value={displayName}
                onChange={(event) => setDisplayName(event.currentTarget.value)}
                error={required(displayName) ?? fieldError(create.error, 'display_name')}
              />
              <TextInput
                label={t('auth.username')}
                required
                autoCapitalize="none"
                spellCheck={false}
                autoComplete="off"
                value={username}
                onChange={(event) => setUsername(event.currentTarget.value)}
                error={required(username) ?? fieldError(create.error, 'username')}
              />
              <TextInput
                label={t('users.email')}
                type="email"
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fieldError(create.error, 'email')}
              />
              <NativeSelect
                label={t('users.language')}
                value={language}
                onChange={(event) => setLanguage(event.currentTarget.value === 'en' ? 'en' : 'de')}
                data={[
                  { value: 'de', label: 'Deutsch' },
                  { value: 'en', label: 'English' },
                ]}
              />
              <TextInput
                label={t('users.qualification')}
                value={qualification}
                onChange={(event) => setQualification(event.currentTarget.value)}
                error={fieldError(create.error, 'qualification')}
              />
              <TextInput
                label={t('users.company')}
                value={company}
                onChange={(event) => setCompany(event.currentTarget.value)}
                error={fieldError(create.error, 'company')}
              />
              <PasswordInput
                label={t('users.initialPassword')}
                description={t('validation.passwordRule', { count: minimumPasswordLength })}
                required
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={(checked && passwordShort ? t('validation.passwordShort', { count: minimumPasswordLength }) : undefined) ?? fieldError(create.error, 'password')}
              />
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="md">
              {t('users.firstGrant')}
            </Title>
            <GrantFields
              draft={grant}
              onChange={setGrant}
              showProblems={checked}
              serverErrors={{ role: fieldError(create.error, 'role'), scope: fieldError(create.error, 'scope'), expires: fieldError(create.error, 'expires_at') }}
            />
          </Paper>
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
            <Button component={Link} to="/users" variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
