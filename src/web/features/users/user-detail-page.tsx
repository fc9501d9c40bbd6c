// One user: profile, grants (add/revoke), disable/enable, password reset and history. Every button
// comes from the user's allowed_actions.
import { Alert, Anchor, Button, Center, Group, Loader, Modal, NativeSelect, Paper, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Language, UserView } from '../../app/api-types.ts';
import { ConfirmButton } from '../../app/confirm-button.tsx';
import { endOfDayIso, formatDateTime, roleLabel, scopeLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { fieldError, ProblemAlert } from '../../app/problem-alert.tsx';
import { minimumPasswordLength } from '../setup/setup-page.tsx';
import { UserStatus } from './grant-badges.tsx';
import { emptyGrantDraft, GrantFields, grantDraftProblems, type GrantDraft } from './grant-fields.tsx';
import { useAddGrant, useResetPassword, useRevokeGrant, useSetUserDisabled, useUpdateUser, useUser, useUserHistory } from './users.api.ts';

/** The user detail page. */
export function UserDetailPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const user = useUser(userId);
  if (user.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (user.isError) {
    return (
      <>
        <PageHeader title={t('users.detailTitle')} />
        <ProblemAlert error={user.error} />
        <Anchor component={Link} to="/users" mt="md" display="inline-block">
          {t('users.backToList')}
        </Anchor>
      </>
    );
  }
  return <UserDetail user={user.data} />;
}

function UserDetail({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const can = (action: string) => user.allowed_actions.includes(action);
  const setDisabled = useSetUserDisabled(user.id);
  const revokeGrant = useRevokeGrant(user.id);
  const disabled = user.disabled;

  return (
    <>
      <PageHeader
        title={user.display_name}
        actions={
          <>
            {can('user.update') && <EditUserButton user={user} />}
            {can('user.password_reset') && <ResetPasswordButton user={user} />}
            {disabled
              ? (can('user.enable') || can('user.disable')) && (
                  <ConfirmButton
                    variant="default"
                    title={t('users.enableTitle')}
                    message={t('users.enableQuestion', { name: user.display_name })}
                    confirmLabel={t('users.enable')}
                    loading={setDisabled.isPending}
                    onConfirm={() => setDisabled.mutate({ input: { disabled: false }, version: user.version })}
                  >
                    {t('users.enable')}
                  </ConfirmButton>
                )
              : can('user.disable') && (
                  <ConfirmButton
                    color="red.8"
                    variant="outline"
                    title={t('users.disableTitle')}
                    message={t('users.disableQuestion', { name: user.display_name })}
                    confirmLabel={t('users.disable')}
                    loading={setDisabled.isPending}
                    onConfirm={() => setDisabled.mutate({ input: { disabled: true }, version: user.version })}
                  >
                    {t('users.disable')}
                  </ConfirmButton>
                )}
          </>
        }
      />
      <Stack gap="lg">
        <ProblemAlert error={setDisabled.error} />
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="md">
            {t('users.profile')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="dl" m={0}>
            <Field label={t('auth.username')} value={user.username} />
            <Field label={t('users.status')} value={<UserStatus disabled={user.disabled} lockedUntil={user.locked_until} />} />
            <Field label={t('users.email')} value={user.email || '—'} />
            <Field label={t('users.language')} value={user.language === 'en' ? 'English' : 'Deutsch'} />
            <Field label={t('users.qualification')} value={user.qualification || '—'} />
            <Field label={t('users.company')} value={user.company || '—'} />
            <Field label={t('users.authSource')} value={user.auth_source} />
            <Field label={t('users.createdAt')} value={formatDateTime(user.created_at, language)} />
            {user.locked_until && <Field label={t('users.lockedUntil')} value={formatDateTime(user.locked_until, language)} />}
          </SimpleGrid>
        </Paper>

        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="md">
            {t('grants.title')}
          </Title>
          <ProblemAlert error={revokeGrant.error} />
          {user.grants.length === 0 ? (
            <Text c="dimmed">{t('grants.none')}</Text>
          ) : (
            <TableScroll label={t('grants.title')} minWidth={560}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('grants.role')}</Table.Th>
                    <Table.Th scope="col">{t('grants.scope')}</Table.Th>
                    <Table.Th scope="col">{t('grants.expires')}</Table.Th>
                    <Table.Th scope="col">{t('grants.createdAt')}</Table.Th>
                    {can('grant.revoke') && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {user.grants.map((grant) => (
                    <Table.Tr key={grant.id}>
                      <Table.Td>{roleLabel(t, grant.role)}</Table.Td>
                      <Table.Td>{scopeLabel(t, grant.scope)}</Table.Td>
                      <Table.Td>{grant.expires_at ? formatDateTime(grant.expires_at, language) : t('grants.noExpiry')}</Table.Td>
                      <Table.Td>{formatDateTime(grant.created_at, language)}</Table.Td>
                      {can('grant.revoke') && (
                        <Table.Td>
                          <ConfirmButton
                            size="xs"
                            variant="outline"
                            color="red.8"
                            aria-label={t('grants.revokeNamed', { role: roleLabel(t, grant.role), scope: scopeLabel(t, grant.scope) })}
                            title={t('grants.revokeTitle')}
                            message={t('grants.revokeQuestion', { role: roleLabel(t, grant.role), scope: scopeLabel(t, grant.scope) })}
                            confirmLabel={t('grants.revoke')}
                            onConfirm={() => revokeGrant.mutate({ input: { grantId: grant.id }, version: user.version })}
                          >
                            {t('grants.revoke')}
                          </ConfirmButton>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Paper>

        {can('grant.create') && <AddGrantForm user={user} />}
        <UserHistory userId={user.id} />
      </Stack>
    </>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

function AddGrantForm({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const addGrant = useAddGrant(user.id);
  const [draft, setDraft] = useState<GrantDraft>(emptyGrantDraft());
  const [checked, setChecked] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(grantDraftProblems(draft, false)).length > 0) return;
    const expiresAt = draft.expires ? endOfDayIso(draft.expires) : null;
    addGrant.mutate(
      { input: { role: draft.role, scope: draft.scope, ...(expiresAt ? { expires_at: expiresAt } : {}) }, version: user.version },
      {
        onSuccess: () => {
          setDraft(emptyGrantDraft());
          setChecked(false);
          setFormKey((key) => key + 1);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="md">
        {t('grants.add')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ProblemAlert error={addGrant.error} />
          {addGrant.isSuccess && (
            <Alert color="green" variant="light" role="status">
              {t('grants.added')}
            </Alert>
          )}
          <GrantFields
            key={formKey}
            draft={draft}
            onChange={setDraft}
            showProblems={checked}
            serverErrors={{ role: fieldError(addGrant.error, 'role'), scope: fieldError(addGrant.error, 'scope'), expires: fieldError(addGrant.error, 'expires_at') }}
          />
          <Group>
            <Button type="submit" loading={addGrant.isPending}>
              {t('grants.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function EditUserButton({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const update = useUpdateUser(user.id);
  const [displayName, setDisplayName] = useState(user.display_name);
  const [email, setEmail] = useState(user.email ?? '');
  const [qualification, setQualification] = useState(user.qualification ?? '');
  const [company, setCompany] = useState(user.company ?? '');
  const [language, setLanguage] = useState<Language>(user.language);

  const openDialog = () => {
    setDisplayName(user.display_name);
    setEmail(user.email ?? '');
    setQualification(user.qualification ?? '');
    setCompany(user.company ?? '');
    setLanguage(user.language);
    update.reset();
    open();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(
      {
        input: {
          display_name: displayName.trim(),
          email: email.trim() || null,
          qualification: qualification.trim() || null,
          company: company.trim() || null,
          language,
        },
        version: user.version,
      },
      { onSuccess: close },
    );
  };

  return (
    <>
      <Button variant="default" onClick={openDialog}>
        {t('users.edit')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('users.editTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <ProblemAlert error={update.error} />
            <TextInput label={t('users.displayName')} required value={displayName} onChange={(event) => setDisplayName(event.currentTarget.value)} error={fieldError(update.error, 'display_name')} />
            <TextInput label={t('users.email')} type="email" value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={fieldError(update.error, 'email')} />
            <TextInput label={t('users.qualification')} value={qualification} onChange={(event) => setQualification(event.currentTarget.value)} />
            <TextInput label={t('users.company')} value={company} onChange={(event) => setCompany(event.currentTarget.value)} />
            <NativeSelect
              label={t('users.language')}
              value={language}
              onChange={(event) => setLanguage(event.currentTarget.value === 'en' ? 'en' : 'de')}
              data={[
                { value: 'de', label: 'Deutsch' },
                { value: 'en', label: 'English' },
              ]}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function ResetPasswordButton({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const reset = useResetPassword(user.id);
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState(false);
  const tooShort = password.length < minimumPasswordLength;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (tooShort) return;
    reset.mutate({ input: { new_password: password }, version: user.version }, { onSuccess: () => setPassword('') });
  };

  return (
    <>
      <Button
        variant="default"
        onClick={() => {
          setPassword('');
          setChecked(false);
          reset.reset();
          open();
        }}
      >
        {t('users.resetPassword')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('users.resetPasswordTitle', { name: user.display_name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {reset.isSuccess ? (
          <Stack>
            <Alert color="green" variant="light" role="status">
              {t('users.passwordResetDone')}
            </Alert>
            <Group justify="flex-end">
              <Button onClick={close}>{t('common.close')}</Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Stack>
              <ProblemAlert error={reset.error} />
              <PasswordInput
                label={t('users.newPassword')}
                description={t('validation.passwordRule', { count: minimumPasswordLength })}
                autoComplete="new-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={(checked && tooShort ? t('validation.passwordShort', { count: minimumPasswordLength }) : undefined) ?? fieldError(reset.error, 'new_password')}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={reset.isPending}>
                  {t('users.resetPasswordSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}

function UserHistory({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const history = useUserHistory(userId);
  const language = currentLanguage();
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="md">
        {t('users.history')}
      </Title>
      {history.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : history.isError ? (
        <ProblemAlert error={history.error} />
      ) : history.data.length === 0 ? (
        <Text c="dimmed">{t('audit.empty')}</Text>
      ) : (
        <TableScroll label={t('users.history')} minWidth={600}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.time')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.summary')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.map((entry) => (
                <Table.Tr key={entry.seq}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.ts, language)}</Table.Td>
                  <Table.Td>
                    {entry.actor_name ?? t('audit.system')}
                    {entry.role ? ` (${roleLabel(t, entry.role)})` : ''}
                  </Table.Td>
                  <Table.Td>
                    <code>{entry.action}</code>
                  </Table.Td>
                  <Table.Td>{entry.summary}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}

