// Users list; "New user" only with the global action user.create.
import { Anchor, Button, Center, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
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
      {users.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : users.isError ? (
        <ProblemAlert error={users.error} />
      ) : users.data.length === 0 ? (
        <Text c="dimmed">{t('users.empty')}</Text>
      ) : (
        <TableScroll label={t('users.title')} minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>{t('users.caption', { count: users.data.length })}</Table.Caption>
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
              {users.data.map((user) => (
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
    </>
  );
}
