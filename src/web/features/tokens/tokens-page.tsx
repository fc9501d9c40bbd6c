// API tokens: the list, a form to create one (secret shown once, with copy) and revoke buttons.
import { Alert, Badge, Button, Code, CopyButton, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as allRoles, type CreatedToken, type TokenView } from '../../app/api-types.ts';
import { RevokeButton } from '../../app/confirm-button.tsx';
import { ExportMenu } from '../../app/export-menu.tsx';
import { endOfDayIso, formatDateTime, roleLabel, scopeLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { fieldError, ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { FormSection, Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { emptyGrantDraft, GrantFields, grantDraftProblems, grantFieldNames, type GrantDraft } from '../users/grant-fields.tsx';
import { useCreateToken, useRevokeToken, useTokens } from './tokens.api.ts';

/** The API tokens page. */
export function TokensPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const language = currentLanguage();
  const [created, setCreated] = useState<CreatedToken | null>(null);

  return (
    <>
      <PageHeader title={t('tokens.title')} />
      <Stack gap="lg">
        <Text>{t('tokens.intro')}</Text>
        {created && <CreatedTokenAlert token={created} onDismiss={() => setCreated(null)} />}
        {me.global_actions.includes('token.create') && <CreateTokenForm myRoles={me.grants.map((grant) => grant.role)} onCreated={setCreated} />}
        <Section title={t('tokens.listTitle')}>
          <ProblemAlert error={revoke.error} />
          {tokens.data && tokens.data.length > 0 && (
            <Group justify="flex-end" mb="sm">
              <ExportMenu
                table={t('tokens.listTitle')}
                fileBase={t('export.files.tokens')}
                load={() => ({
                  header: [t('tokens.name'), t('tokens.prefix'), t('grants.role'), t('grants.scope'), t('grants.expires'), t('tokens.lastUsed'), t('users.status')],
                  rows: tokens.data.map((token: TokenView) => [
                    token.name,
                    token.prefix,
                    roleLabel(t, token.role),
                    scopeLabel(t, token.scope),
                    formatDateTime(token.expires_at, language),
                    token.last_used_at ? formatDateTime(token.last_used_at, language) : t('tokens.neverUsed'),
                    token.revoked_at ? t('tokens.revokedAt', { date: formatDateTime(token.revoked_at, language) }) : '',
                  ]),
                })}
              />
            </Group>
          )}
          <QueryContent query={tokens} isEmpty={(data) => data.length === 0} emptyText={t('tokens.empty')}>
            {(data) => (
              <TableScroll label={t('tokens.listTitle')} minWidth={640}>
                <Table verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('tokens.name')}</Table.Th>
                      <Table.Th scope="col">{t('grants.role')}</Table.Th>
                      <Table.Th scope="col">{t('grants.scope')}</Table.Th>
                      <Table.Th scope="col">{t('grants.expires')}</Table.Th>
                      <Table.Th scope="col">{t('tokens.lastUsed')}</Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.map((token) => (
                      <Table.Tr key={token.id}>
                        {/* The prefix sits under the name: it identifies the token in logs and keeps the revoke button in view at tablet width. */}
                        <Table.Td>
                          {token.name}
                          <Text span display="block" size="xs" c="dimmed" ff="monospace" title={t('tokens.prefix')}>
                            {token.prefix}…
                          </Text>
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
                              <RevokeButton
                                label={t('tokens.revoke')}
                                aria-label={t('tokens.revokeNamed', { name: token.name })}
                                title={t('tokens.revokeTitle')}
                                message={t('tokens.revokeQuestion', { name: token.name })}
                                onConfirm={() => revoke.mutate(token.id)}
                              />
                            )
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </QueryContent>
        </Section>
      </Stack>
    </>
  );
}

function CreatedTokenAlert({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
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

function CreateTokenForm({ myRoles, onCreated }: { myRoles: readonly string[]; onCreated: (token: CreatedToken) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const roles = allRoles.filter((role) => myRoles.includes(role));
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
    <FormSection title={t('tokens.createTitle')} onSubmit={onSubmit} error={create.error} fields={['name', ...grantFieldNames]} submitLabel={t('tokens.create')} pending={create.isPending}>
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
        serverError={create.error}
      />
    </FormSection>
  );
}
