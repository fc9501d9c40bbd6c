// API tokens: the list, a form to create one (secret shown once, with copy) and revoke buttons.
import { Alert, Badge, Button, Center, Code, CopyButton, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roleCodes, type CreatedApiToken, type RoleCode } from '../../app/api-types.ts';
import { ConfirmButton } from '../../app/confirm-button.tsx';
import { endOfDayIso, formatDateTime, roleLabel, scopeLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { fieldError, ProblemAlert } from '../../app/problem-alert.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { emptyGrantDraft, GrantFields, grantDraftProblems, type GrantDraft } from '../users/grant-fields.tsx';
import { useCreateToken, useRevokeToken, useTokens } from './tokens.api.ts';

/** The API tokens page. */
export function TokensPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const language = currentLanguage();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  return (
    <>
      <PageHeader title={t('tokens.title')} />
      <Stack gap="lg">
        <Text>{t('tokens.intro')}</Text>
        {created && <CreatedTokenAlert token={created} onDismiss={() => setCreated(null)} />}
        {me.global_actions.includes('token.create') && <CreateTokenForm myRoles={[...new Set(me.grants.map((grant) => grant.role))]} onCreated={setCreated} />}
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="md">
            {t('tokens.listTitle')}
          </Title>
          <ProblemAlert error={revoke.error} />
          {tokens.isPending ? (
            <Center>
              <Loader aria-label={t('common.loading')} />
            </Center>
          ) : tokens.isError ? (
            <ProblemAlert error={tokens.error} />
          ) : tokens.data.length === 0 ? (
            <Text c="dimmed">{t('tokens.empty')}</Text>
          ) : (
            <TableScroll label={t('tokens.listTitle')} minWidth={720}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('tokens.name')}</Table.Th>
                    <Table.Th scope="col">{t('tokens.prefix')}</Table.Th>
                    <Table.Th scope="col">{t('grants.role')}</Table.Th>
                    <Table.Th scope="col">{t('grants.scope')}</Table.Th>
                    <Table.Th scope="col">{t('grants.expires')}</Table.Th>
                    <Table.Th scope="col">{t('tokens.lastUsed')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tokens.data.map((token) => (
                    <Table.Tr key={token.id}>
                      <Table.Td>{token.name}</Table.Td>
                      <Table.Td>
                        <Code>{token.prefix}…</Code>
                      </Table.Td>
                      <Table.Td>{roleLabel(t, token.role)}</Table.Td>
                      <Table.Td>{scopeLabel(t, token.scope)}</Table.Td>
                      <Table.Td>{formatDateTime(token.expires_at, language)}</Table.Td>
                      <Table.Td>{token.last_used_at ? formatDateTime(token.last_used_at, language) : t('tokens.neverUsed')}</Table.Td>
                      <Table.Td>
                        {token.revoked_at ? (
                          <Badge variant="light" color="red" tt="none">
                            {t('tokens.revokedAt', { date: formatDateTime(token.revoked_at, language) })}
                          </Badge>
                        ) : (
                          token.allowed_actions.includes('token.revoke') && (
                            <ConfirmButton
                              size="xs"
                              variant="outline"
                              color="red.8"
                              aria-label={t('tokens.revokeNamed', { name: token.name })}
                              title={t('tokens.revokeTitle')}
                              message={t('tokens.revokeQuestion', { name: token.name })}
                              confirmLabel={t('tokens.revoke')}
                              onConfirm={() => revoke.mutate(token.id)}
                            >
                              {t('tokens.revoke')}
                            </ConfirmButton>
                          )
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Paper>
      </Stack>
    </>
  );
}

function CreatedTokenAlert({ token, onDismiss }: { token: CreatedApiToken; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" variant="light" title={t('tokens.createdTitle', { name: token.name })} role="status">
      <Stack gap="sm">
        <Text size="sm">{t('tokens.createdOnce')}</Text>
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} aria-label={t('tokens.secret')}>
          {token.token}
        </Code>
        <Group>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button size="xs" onClick={copy} color={copied ? 'green.9' : undefined}>
                {copied ? t('tokens.copied') : t('tokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onDismiss}>
            {t('tokens.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The last day a new token may run to: the server allows at most one year (a day less, for zones). */
function latestTokenExpiry(): string {
  const date = new Date();
  date.setFullYear(date.getFullYear() + 1);
  date.setDate(date.getDate() - 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function CreateTokenForm({ myRoles, onCreated }: { myRoles: RoleCode[]; onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const roles = roleCodes.filter((role) => myRoles.includes(role));
  const [name, setName] = useState('');
  const [draft, setDraft] = useState<GrantDraft>(emptyGrantDraft(roles[0] ?? 'operator'));
  const [checked, setChecked] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    const expiresAt = endOfDayIso(draft.expires);
    if (!name.trim() || Object.keys(grantDraftProblems(draft, true)).length > 0 || !expiresAt) return;
    create.mutate(
      { name: name.trim(), role: draft.role, scope: draft.scope, expires_at: expiresAt },
      {
        onSuccess: (token) => {
          onCreated(token);
          setName('');
          setDraft(emptyGrantDraft(roles[0] ?? 'operator'));
          setChecked(false);
          setFormKey((key) => key + 1);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="md">
        {t('tokens.createTitle')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ProblemAlert error={create.error} />
          <TextInput
            label={t('tokens.name')}
            description={t('tokens.nameHint')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={(checked && !name.trim() ? t('validation.required') : undefined) ?? fieldError(create.error, 'name')}
          />
          <GrantFields
            key={formKey}
            draft={draft}
            onChange={setDraft}
            roles={roles}
            requireExpiry
            maxDate={latestTokenExpiry()}
            showProblems={checked}
            serverErrors={{ role: fieldError(create.error, 'role'), scope: fieldError(create.error, 'scope'), expires: fieldError(create.error, 'expires_at') }}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
