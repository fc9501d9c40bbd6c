// One user: profile, grants (add/revoke), disable/enable, password reset and history. Every button
// comes from the user's allowed_actions.
import { Alert, Anchor, Button, Center, Group, Loader, Modal, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { UserView } from '../../app/api-types.ts';
import { ConfirmButton, RevokeButton } from '../../app/confirm-button.tsx';
import { ExportMenu } from '../../app/export-menu.tsx';
import { endOfDayIso, formatDateTime, roleLabel, scopeLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { fieldError, ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { useSiteZones } from '../../app/reference-data.ts';
import { FormBody, FormSection, Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { AuditTable, auditTableData } from '../audit/audit-table.tsx';
import { NewPasswordInput, passwordLongEnough } from '../auth/account-fields.tsx';
import { UserStatus } from './grant-badges.tsx';
import { emptyGrantDraft, GrantFields, grantDraftProblems, grantFieldNames, type GrantDraft } from './grant-fields.tsx';
import { profileFieldNames, userProfileDraft, UserProfileFields, userProfileInput } from './user-profile-fields.tsx';
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
  const mayToggle = user.disabled ? can('user.enable') || can('user.disable') : can('user.disable');
  const toggle = user.disabled ? 'enable' : 'disable';

  return (
    <>
      <PageHeader
        title={user.display_name}
        actions={
          <>
            {can('user.update') && <EditUserButton user={user} />}
            {can('user.password_reset') && <ResetPasswordButton user={user} />}
            {mayToggle && (
              <ConfirmButton
                variant={user.disabled ? 'default' : 'outline'}
                color={user.disabled ? undefined : 'red.8'}
                title={t(`users.${toggle}Title`)}
                message={t(`users.${toggle}Question`, { name: user.display_name })}
                confirmLabel={t(`users.${toggle}`)}
                loading={setDisabled.isPending}
                onConfirm={() => setDisabled.mutate({ input: { disabled: !user.disabled }, version: user.version })}
              >
                {t(`users.${toggle}`)}
              </ConfirmButton>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <ProblemAlert error={setDisabled.error} />
        <Section title={t('users.profile')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="dl" m={0}>
            <Field label={t('auth.username')} value={user.username} />
            <Field label={t('users.status')} value={<UserStatus disabled={user.disabled} lockedUntil={user.locked_until} />} />
            <Field label={t('users.email')} value={user.email || '—'} />
            <Field label={t('users.language')} value={user.language === 'en' ? 'English' : 'Deutsch'} />
            <Field label={t('users.qualification')} value={user.qualification || '—'} />
            <Field label={t('users.company')} value={user.company || '—'} />
            <Field label={t('users.authSource')} value={t(`users.authSources.${user.auth_source}`, { defaultValue: user.auth_source })} />
            <Field label={t('users.createdAt')} value={formatDateTime(user.created_at, language)} />
            {user.locked_until && <Field label={t('users.lockedUntil')} value={formatDateTime(user.locked_until, language)} />}
          </SimpleGrid>
        </Section>

        <Section title={t('grants.title')}>
          <ProblemAlert error={revokeGrant.error} />
          {user.grants.length > 0 && (
            <Group justify="flex-end" mb="sm">
              <ExportMenu
                table={t('grants.title')}
                fileBase={t('export.files.grants')}
                fileQualifiers={[user.username]}
                load={() => ({
                  header: [t('grants.role'), t('grants.scope'), t('grants.expires'), t('grants.createdAt')],
                  rows: user.grants.map((grant) => [roleLabel(t, grant.role), scopeLabel(t, grant.scope), grant.expires_at ? formatDateTime(grant.expires_at, language) : t('grants.noExpiry'), formatDateTime(grant.created_at, language)]),
                })}
              />
            </Group>
          )}
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
                          <RevokeButton
                            label={t('grants.revoke')}
                            aria-label={t('grants.revokeNamed', { role: roleLabel(t, grant.role), scope: scopeLabel(t, grant.scope) })}
                            title={t('grants.revokeTitle')}
                            message={t('grants.revokeQuestion', { role: roleLabel(t, grant.role), scope: scopeLabel(t, grant.scope) })}
                            onConfirm={() => revokeGrant.mutate({ input: { grantId: grant.id }, version: user.version })}
                          />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Section>

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
    <FormSection
      title={t('grants.add')}
      onSubmit={onSubmit}
      error={addGrant.error}
      fields={grantFieldNames}
      success={addGrant.isSuccess ? t('grants.added') : undefined}
      submitLabel={t('grants.addSubmit')}
      pending={addGrant.isPending}
    >
      <GrantFields key={formKey} draft={draft} onChange={setDraft} showProblems={checked} serverError={addGrant.error} />
    </FormSection>
  );
}

function EditUserButton({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const update = useUpdateUser(user.id);
  const [draft, setDraft] = useState(userProfileDraft(user));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate({ input: userProfileInput(draft), version: user.version }, { onSuccess: close });
  };

  return (
    <>
      <Button
        variant="default"
        onClick={() => {
          setDraft(userProfileDraft(user));
          update.reset();
          open();
        }}
      >
        {t('users.edit')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('users.editTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <FormBody onSubmit={onSubmit} onCancel={close} error={update.error} fields={profileFieldNames} submitLabel={t('common.save')} pending={update.isPending}>
          <UserProfileFields draft={draft} onChange={setDraft} error={update.error} showProblems={false} />
        </FormBody>
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

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (!passwordLongEnough(password)) return;
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
          <FormBody onSubmit={onSubmit} onCancel={close} error={reset.error} fields={['new_password']} submitLabel={t('users.resetPasswordSubmit')} pending={reset.isPending}>
            <NewPasswordInput label={t('users.newPassword')} value={password} onChange={setPassword} showProblems={checked} serverError={fieldError(reset.error, 'new_password')} />
          </FormBody>
        )}
      </Modal>
    </>
  );
}

function UserHistory({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const history = useUserHistory(userId);
  const zones = useSiteZones();
  return (
    <Section title={t('users.history')}>
      {history.data && history.data.length > 0 && (
        <Group justify="flex-end" mb="sm">
          <ExportMenu table={t('users.history')} fileBase={t('export.files.history')} load={() => auditTableData(t, currentLanguage(), zones, history.data)} />
        </Group>
      )}
      <QueryContent query={history} isEmpty={(data) => data.length === 0} emptyText={t('audit.empty')}>
        {(data) => <AuditTable items={data} label={t('users.history')} />}
      </QueryContent>
    </Section>
  );
}
