// The advisories list: server-paged, newest release first, with search and filters; the CSAF upload
// when the server allows it.
import { Anchor, Badge, Button, Group, NativeSelect, Pagination, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AdvisoryListView } from '../../app/api-types.ts';
import { formatDate } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { TlpVisibilityButton } from './tlp-visibility-dialog.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { advisoryPageSize, emptyAdvisoryFilter, useAdvisoryList, type AdvisoryFilter } from './advisories.api.ts';
import { AdvisoryImportDialog } from './advisory-import-dialog.tsx';
import { ManualNoticeForm } from './manual-notice-form.tsx';
import { SourceBadge } from './manual-notice-panel.tsx';
import { FormModal } from '../../app/form-modal.tsx';

/** A TLP label as a badge (AMBER and RED are restricted). */
export function TlpBadge({ tlp }: { tlp: string | null }) {
  if (!tlp) return <>—</>;
  const label = tlp.toUpperCase();
  const color = label.startsWith('RED') ? 'red' : label.startsWith('AMBER') ? 'orange' : label === 'GREEN' ? 'green' : 'gray';
  return (
    <Badge color={color} variant="light" tt="none">
      TLP:{label}
    </Badge>
  );
}

/** Valid or flagged (failed mandatory tests). */
export function ValidationBadge({ status }: { status: 'valid' | 'flagged' }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'valid' ? 'green' : 'red'} variant="light" tt="none">
      {t(`advisories.status.${status}`)}
    </Badge>
  );
}

/** The KEV marker. */
export function KevBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" tt="none" title={t('advisories.kevTitle')}>
      {t('advisories.kev')}
    </Badge>
  );
}

const cvssText = (score: number | null): string => (score === null ? '—' : score.toFixed(1));

function AdvisoryTable({ t, data }: { t: TFunction; data: AdvisoryListView }) {
  const language = currentLanguage();
  return (
    <TableScroll label={t('nav.advisories')} minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Caption aria-live="polite">{t('advisories.caption', { shown: data.items.length, total: data.total })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('advisories.trackingId')}</Table.Th>
            <Table.Th scope="col">{t('advisories.titleColumn')}</Table.Th>
            <Table.Th scope="col">{t('advisories.publisherSource')}</Table.Th>
            <Table.Th scope="col">{t('advisories.released')}</Table.Th>
            <Table.Th scope="col">{t('advisories.cves')}</Table.Th>
            <Table.Th scope="col">{t('advisories.maxCvss')}</Table.Th>
            <Table.Th scope="col">{t('advisories.tlp')}</Table.Th>
            <Table.Th scope="col">{t('advisories.validation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((advisory) => (
            <Table.Tr key={advisory.id}>
              <Table.Td>
                <Anchor component={Link} to={`/advisories/${encodeURIComponent(advisory.id)}`} ff="monospace" fz="sm">
                  {advisory.tracking_id}
                </Anchor>
                <Text span size="xs" c="dimmed" display="block">
                  {t('advisories.versionShort', { version: advisory.tracking_version })}
                </Text>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{advisory.title ?? '—'}</Table.Td>
              <Table.Td>
                {advisory.publisher ?? advisory.publisher_namespace}
                <Text span display="block">
                  <SourceBadge source={advisory.source} />
                </Text>
              </Table.Td>
              <Table.Td>{formatDate(advisory.current_release_date, language)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {advisory.cve_count}
                  {advisory.kev && <KevBadge />}
                </Group>
              </Table.Td>
              <Table.Td>{cvssText(advisory.max_cvss)}</Table.Td>
              <Table.Td>
                <TlpBadge tlp={advisory.tlp} />
              </Table.Td>
              <Table.Td>
                <ValidationBadge status={advisory.validation_status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The advisories page. */
export function AdvisoriesPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AdvisoryFilter>(emptyAdvisoryFilter);
  const [search, setSearch] = useState('');
  const [vendor, setVendor] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [debouncedVendor] = useDebouncedValue(vendor, 300);
  const [page, setPage] = useState(1);
  const effective = useMemo(() => ({ ...filter, q: debouncedSearch, vendor: debouncedVendor }), [filter, debouncedSearch, debouncedVendor]);
  const list = useAdvisoryList(effective, page);
  const [importing, importDialog] = useDisclosure(false);
  const [recording, recordDialog] = useDisclosure(false);
  const navigate = useNavigate();

  const set = (patch: Partial<AdvisoryFilter>) => {
    setFilter({ ...filter, ...patch });
    setPage(1);
  };
  const filtered = Object.values(filter).some((value) => value !== '') || search !== '' || vendor !== '';
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / advisoryPageSize)) : 1;

  return (
    <>
      <PageHeader
        title={t('nav.advisories')}
        actions={
          <Group gap="xs">
            <TlpVisibilityButton />
            {list.data?.allowed_actions.includes('advisory.manual_create') && (
              <Button variant="default" onClick={recordDialog.open}>
                {t('advisories.manual.open')}
              </Button>
            )}
            {list.data?.allowed_actions.includes('advisory.import') && <Button onClick={importDialog.open}>{t('advisories.import.open')}</Button>}
          </Group>
        }
      />
      <Stack>
        <form role="search" aria-label={t('advisories.filters')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4, xl: 8 }} spacing="sm">
            <TextInput
              type="search"
              label={t('advisories.search')}
              description={t('advisories.searchHint')}
              value={search}
              onChange={(event) => {
                setSearch(event.currentTarget.value);
                setPage(1);
              }}
            />
            <TextInput
              label={t('advisories.vendor')}
              value={vendor}
              onChange={(event) => {
                setVendor(event.currentTarget.value);
                setPage(1);
              }}
            />
            <NativeSelect
              label={t('advisories.kevFilter')}
              value={filter.kev}
              onChange={(event) => set({ kev: event.currentTarget.value })}
              data={[
                { value: '', label: t('advisories.any') },
                { value: 'true', label: t('advisories.kevOnly') },
              ]}
            />
            <NativeSelect
              label={t('advisories.minCvss')}
              value={filter.min_cvss}
              onChange={(event) => set({ min_cvss: event.currentTarget.value })}
              data={[
                { value: '', label: t('advisories.any') },
                { value: '4', label: t('advisories.cvssAtLeast', { score: '4.0' }) },
                { value: '7', label: t('advisories.cvssAtLeast', { score: '7.0' }) },
                { value: '9', label: t('advisories.cvssAtLeast', { score: '9.0' }) },
              ]}
            />
            <TextInput type="date" label={t('advisories.from')} value={filter.from} onChange={(event) => set({ from: event.currentTarget.value })} />
            <TextInput type="date" label={t('advisories.to')} value={filter.to} onChange={(event) => set({ to: event.currentTarget.value })} />
            <NativeSelect
              label={t('advisories.sourceLabel')}
              value={filter.source}
              onChange={(event) => set({ source: event.currentTarget.value })}
              data={[
                { value: '', label: t('advisories.any') },
                { value: 'csaf', label: t('advisories.source.csaf') },
                { value: 'manual', label: t('advisories.source.manual') },
              ]}
            />
            <NativeSelect
              label={t('advisories.validation')}
              value={filter.status}
              onChange={(event) => set({ status: event.currentTarget.value })}
              data={[
                { value: '', label: t('advisories.any') },
                { value: 'valid', label: t('advisories.status.valid') },
                { value: 'flagged', label: t('advisories.status.flagged') },
              ]}
            />
          </SimpleGrid>
          {filtered && (
            <Button
              mt="xs"
              size="xs"
              variant="subtle"
              onClick={() => {
                setFilter(emptyAdvisoryFilter);
                setSearch('');
                setVendor('');
                setPage(1);
              }}
            >
              {t('advisories.resetFilters')}
            </Button>
          )}
        </form>
        <QueryContent query={list} isEmpty={(data) => data.items.length === 0 && page === 1} emptyText={filtered ? t('advisories.noMatch') : t('advisories.empty')}>
          {(data) => (
            <>
              <AdvisoryTable t={t} data={data} />
              {pages > 1 && (
                <Pagination
                  total={pages}
                  value={page}
                  onChange={setPage}
                  getControlProps={(control) => ({ 'aria-label': t(`advisories.pagination.${control}`) })}
                  getItemProps={(item) => ({ 'aria-label': t('advisories.pagination.page', { page: item }) })}
                />
              )}
            </>
          )}
        </QueryContent>
      </Stack>
      <AdvisoryImportDialog opened={importing} onClose={importDialog.close} />
      <FormModal opened={recording} onClose={recordDialog.close} title={t('advisories.manual.recordTitle')} size="xl">
        <ManualNoticeForm
          onCancel={recordDialog.close}
          onDone={({ notice, failures }) => void navigate(`/advisories/${encodeURIComponent(notice.advisory_id)}`, { state: { uploadFailures: failures } })}
        />
      </FormModal>
    </>
  );
}
