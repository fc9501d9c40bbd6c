// Users list; "New user" only with the global action user.create.
import { Anchor, Button, Table } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Language, UserView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { formatDate, formatDateTime, roleLabel, scopeLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { GrantSummary, UserStatus } from './grant-badges.tsx';
import { useUsers } from './users.api.ts';

/** The users table as shown, for the export. */
function exportRows(t: TFunction, language: Language, users: readonly UserView[]) {
  return {
    header: [t('users.displayName'), t('auth.username'), t('grants.title'), t('users.status'), t('users.createdAt')],
    rows: users.map((user) => {
      const locked = user.locked_until !== null && new Date(user.locked_until).getTime() > Date.now();
      const status = [user.disabled ? t('users.statusDisabled') : null, locked ? t('users.statusLocked') : null].filter(Boolean).join(', ') || t('users.statusActive');
      const grants = user.grants
        .map((grant) => [roleLabel(t, grant.role), scopeLabel(t, grant.scope), grant.expires_at ? t('grants.until', { date: formatDate(grant.expires_at, language) }) : null].filter(Boolean).join(' · '))
        .join('; ');
      return [user.display_name, user.username, grants, status, formatDateTime(user.created_at, language)];
    }),
  };
}

/** The users page. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  const language = currentLanguage();
  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          <>
            {users.data && users.data.length > 0 && <ExportMenu table={t('users.title')} fileBase={t('export.files.users')} load={() => exportRows(t, language, users.data)} />}
            {me.global_actions.includes('user.create') && (
              <Button component={Link} to="/users/new">
                {t('users.new')}
              </Button>
            )}
          </>
        }
      />
      <QueryContent query={users} isEmpty={(data) => data.length === 0} emptyText={t('users.empty')}>
        {(data) => (
          <TableScroll label={t('users.title')} minWidth={640}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Caption>{t('users.caption', { count: data.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                  <Table.Th scope="col">{t('auth.username')}</Table.Th>
                  <Table.Th scope="col">{t('grants.title')}</Table.Th>
                  <Table.Th scope="col">{t('users.status')}</Table.Th>
                  <Table.Th scope="col">{t('users.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/users/${user.id}`}>
                        {user.display_name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{user.username}</Table.Td>
                    <Table.Td>
                      <GrantSummary grants={user.grants} />
                    </Table.Td>
                    <Table.Td>
                      <UserStatus disabled={user.disabled} lockedUntil={user.locked_until} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(user.created_at, language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </QueryContent>
    </>
  );
}
