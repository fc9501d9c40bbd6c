// Create a user with profile, initial password and a first grant.
import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { endOfDayIso } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { fieldError, ProblemAlert } from '../../app/problem-alert.tsx';
import { Section } from '../../app/section.tsx';
import { NewPasswordInput, passwordLongEnough, UsernameInput } from '../auth/account-fields.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { emptyGrantDraft, GrantFields, grantDraftProblems, grantFieldNames, type GrantDraft } from './grant-fields.tsx';
import { profileFieldNames, userProfileDraft, UserProfileFields, userProfileInput } from './user-profile-fields.tsx';
import { useCreateUser } from './users.api.ts';

/** The "new user" page. */
export function UserCreatePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [profile, setProfile] = useState(userProfileDraft());
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

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!username.trim() || !profile.display_name.trim() || !passwordLongEnough(password) || Object.keys(grantDraftProblems(grant, false)).length > 0) return;
    const expiresAt = grant.expires ? endOfDayIso(grant.expires) : null;
    create.mutate(
      {
        ...userProfileInput(profile),
        username: username.trim(),
        password,
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
          <ProblemAlert error={create.error} title={t('users.createFailed')} fields={['username', 'password', ...profileFieldNames, ...grantFieldNames]} />
          <Section title={t('users.profile')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <UsernameInput
                autoComplete="off"
                value={username}
                onChange={(event) => setUsername(event.currentTarget.value)}
                error={(checked && !username.trim() ? t('validation.required') : undefined) ?? fieldError(create.error, 'username', ['CONFLICT'])}
              />
              <UserProfileFields draft={profile} onChange={setProfile} error={create.error} showProblems={checked} />
              <NewPasswordInput label={t('users.initialPassword')} value={password} onChange={setPassword} showProblems={checked} serverError={fieldError(create.error, 'password')} />
            </SimpleGrid>
          </Section>
          <Section title={t('users.firstGrant')}>
            <GrantFields draft={grant} onChange={setGrant} showProblems={checked} serverError={create.error} />
          </Section>
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
