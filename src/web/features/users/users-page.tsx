// Users list; "New user" only with the global action user.create.
import { Anchor, Button, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { GrantSummary, UserStatus } from './grant-badges.tsx';
import { useUsers } from './users.api.ts';

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
          me.global_actions.includes('user.create') && (
            <Button component={Link} to="/users/new">
              {t('users.new')}
            </Button>
          )
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
