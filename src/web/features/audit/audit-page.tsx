// The audit log, newest first, paged backwards by sequence number, with filters and chain check.
import { Alert, Button, Center, Code, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, roleLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useSiteZones } from '../../app/reference-data.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useAuditPage, useVerifyAudit, type AuditFilter } from './audit.api.ts';

const emptyFilter: AuditFilter = { object_type: '', object_id: '', action: '' };

/** The audit log page. */
export function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const language = currentLanguage();
  const zones = useSiteZones();
  const [draft, setDraft] = useState<AuditFilter>(emptyFilter);
  const [filter, setFilter] = useState<AuditFilter>(emptyFilter);
  const [cursors, setCursors] = useState<number[]>([]);
  const beforeSeq = cursors[cursors.length - 1] ?? null;
  const page = useAuditPage(filter, beforeSeq);
  const verify = useVerifyAudit();

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilter({ object_type: draft.object_type.trim(), object_id: draft.object_id.trim(), action: draft.action.trim() });
    setCursors([]);
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        actions={
          me.global_actions.includes('audit.verify') && (
            <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('audit.verify')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <ProblemAlert error={verify.error} />
        {verify.data &&
          (verify.data.ok ? (
            <Alert color="green" variant="light" title={t('audit.verifyOkTitle')} role="status">
              {t('audit.verifyOk', { count: verify.data.events })}
            </Alert>
          ) : (
            <Alert color="red" variant="light" title={t('audit.verifyBadTitle')} role="alert">
              {t('audit.verifyBad', { seq: verify.data.first_bad_seq ?? '?', kind: verify.data.kind ?? '?', count: verify.data.events })}
            </Alert>
          ))}
        <Paper withBorder p="md">
          <form onSubmit={onFilter}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('audit.objectType')} placeholder="user" value={draft.object_type} onChange={(event) => setDraft({ ...draft, object_type: event.currentTarget.value })} />
              <TextInput label={t('audit.objectId')} value={draft.object_id} onChange={(event) => setDraft({ ...draft, object_id: event.currentTarget.value })} />
              <TextInput label={t('audit.action')} placeholder="user.create" value={draft.action} onChange={(event) => setDraft({ ...draft, action: event.currentTarget.value })} />
            </SimpleGrid>
            <Group mt="md">
              <Button type="submit">{t('audit.applyFilter')}</Button>
              <Button
                variant="default"
                onClick={() => {
                  setDraft(emptyFilter);
                  setFilter(emptyFilter);
                  setCursors([]);
                }}
              >
                {t('audit.resetFilter')}
              </Button>
            </Group>
          </form>
        </Paper>
        {page.isPending ? (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : page.isError ? (
          <ProblemAlert error={page.error} />
        ) : page.data.items.length === 0 ? (
          <Text c="dimmed">{t('audit.empty')}</Text>
        ) : (
          <TableScroll label={t('audit.title')} minWidth={760}>
            <Table striped verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.seq')}</Table.Th>
                  <Table.Th scope="col">{t('audit.time')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.object')}</Table.Th>
                  <Table.Th scope="col">{t('audit.site')}</Table.Th>
                  <Table.Th scope="col">{t('audit.summary')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.items.map((event) => (
                  <Table.Tr key={event.seq}>
                    <Table.Td>{event.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.ts, language, event.site_id ? zones.get(event.site_id) : null)}</Table.Td>
                    <Table.Td>
                      {event.actor_name ?? t('audit.system')}
                      <Text span size="xs" c="dimmed" display="block">
                        {[event.role ? roleLabel(t, event.role) : null, t(`audit.via.${event.via}`, { defaultValue: event.via })].filter(Boolean).join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{event.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      {event.object_type}
                      {event.object_id && (
                        <Text span size="xs" c="dimmed" display="block" title={event.object_id}>
                          {event.object_id.length > 13 ? `${event.object_id.slice(0, 8)}…` : event.object_id}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{event.site_key ?? '—'}</Table.Td>
                    <Table.Td>{event.summary}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {(cursors.length > 0 || Boolean(page.data?.next_before_seq)) && (
          <Group justify="space-between">
            {cursors.length > 0 ? (
              <Button variant="default" onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('audit.newer')}
              </Button>
            ) : (
              <span />
            )}
            {page.data?.next_before_seq ? (
              <Button variant="default" onClick={() => setCursors([...cursors, page.data.next_before_seq ?? 0])}>
                {t('audit.older')}
              </Button>
            ) : null}
          </Group>
        )}
      </Stack>
    </>
  );
}
