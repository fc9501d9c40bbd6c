// The audit log, newest first, paged backwards by sequence number, with filters and chain check.
import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportMenu } from '../../app/export-menu.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { useSiteZones } from '../../app/reference-data.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { AuditTable, auditTableData } from './audit-table.tsx';
import { fetchAllAudit, useAuditPage, useVerifyAudit, type AuditFilter } from './audit.api.ts';

const emptyFilter: AuditFilter = { object_type: '', object_id: '', action: '' };

// Object types the filter offers by name; each has a label under audit.objectTypes.
const objectTypes = ['user', 'api_token', 'site', 'machine', 'artifact'] as const;

/** The audit log page. */
export function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [draft, setDraft] = useState<AuditFilter>(emptyFilter);
  const [filter, setFilter] = useState<AuditFilter>(emptyFilter);
  const [cursors, setCursors] = useState<number[]>([]);
  const beforeSeq = cursors[cursors.length - 1] ?? null;
  const page = useAuditPage(filter, beforeSeq);
  const verify = useVerifyAudit();
  const zones = useSiteZones();

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
          <>
            <ExportMenu table={t('audit.title')} fileBase={t('export.files.audit')} load={async () => auditTableData(t, currentLanguage(), zones, await fetchAllAudit(filter), true)} />
            {me.global_actions.includes('audit.verify') && (
              <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
                {t('audit.verify')}
              </Button>
            )}
          </>
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
              <NativeSelect
                label={t('audit.objectType')}
                value={draft.object_type}
                onChange={(event) => setDraft({ ...draft, object_type: event.currentTarget.value })}
                data={[{ value: '', label: t('audit.anyObjectType') }, ...objectTypes.map((type) => ({ value: type, label: t(`audit.objectTypes.${type}`) }))]}
              />
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
        <QueryContent query={page} isEmpty={(data) => data.items.length === 0} emptyText={t('audit.empty')}>
          {(data) => <AuditTable items={data.items} label={t('audit.title')} full />}
        </QueryContent>
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
