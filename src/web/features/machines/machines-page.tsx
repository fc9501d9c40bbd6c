// The machines list: server-paged, searchable, filterable and sortable; exports exactly what it shows.
// Search, filters and sort stand in the URL (machine-filter.ts), so links open the list filtered.
import { Anchor, Badge, Button, Checkbox, Group, Menu, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { criticalities, networkStates, type MachinePage } from '../../app/api-types.ts';
import { FormModal } from '../../app/form-modal.tsx';
import { ExportMenu } from '../../app/export-menu.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { useSites } from '../../app/reference-data.ts';
import type { TableData } from '../../app/table-export.ts';
import { TableScroll } from '../../app/table-scroll.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useSegments } from '../sites/sites.api.ts';
import { ImportDialog } from './import-dialog.tsx';
import { codeLabel, CriticalityBadge, NetworkStateBadge, yesNo } from './machine-labels.tsx';
import { MachineForm } from './machine-form.tsx';
import { emptyMachineFilter, isMachineListFiltered, machineFilterOf, machineSearchOf, type MachineFilter, type MachineSortKey } from './machine-filter.ts';
import { applyLocally, downloadInventory, fetchAllMachines, isServerPaged, useMachineList } from './machines.api.ts';

type Row = MachinePage['items'][number];

// A machine id reads as one word: a plant key like HUM-RS-DRE-01 is not broken at its hyphens.
const noWrap = { whiteSpace: 'nowrap' } as const;

/** Header and cells of the table export, in the table's column order, as shown (labels, not codes). */
function exportRows(t: TFunction, rows: readonly Row[]): TableData {
  return {
    header: [t('machines.machineId'), t('machines.name'), t('machines.site'), t('machines.area'), t('machines.vendor'), t('machines.model'), t('machines.criticality'), t('machines.networkState'), t('machines.updatable'), t('machines.decommissioned')],
    rows: rows.map((machine) => [
      machine.machine_id,
      machine.name,
      machine.site_key,
      machine.area_key ?? '',
      machine.vendor ?? '',
      machine.model ?? '',
      machine.criticality ? codeLabel(t, 'criticalities', machine.criticality) : '',
      codeLabel(t, 'networkStates', machine.network_state),
      machine.updatable === null ? '' : yesNo(t, machine.updatable),
      machine.decommissioned_at ?? '',
    ]),
  };
}

/** The machines page. */
export function MachinesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const language = currentLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = useMemo(() => machineFilterOf(searchParams), [searchParams]);
  // Typed words wait until typing pauses; the URL follows every key so the field never lags.
  const [debouncedSearch] = useDebouncedValue(filter.q, 300);
  const effective = useMemo(() => ({ ...filter, q: debouncedSearch }), [filter, debouncedSearch]);
  const list = useMachineList(effective);
  const sites = useSites();
  const segments = useSegments(filter.site || null);

  const [creating, createDialog] = useDisclosure(false);
  const [importing, importDialog] = useDisclosure(false);

  const firstPage = list.data?.pages[0];
  const serverPaged = firstPage ? isServerPaged(firstPage) : true;
  const rows = useMemo(() => {
    const pages = list.data?.pages ?? [];
    const first = pages[0];
    if (first && !isServerPaged(first)) return applyLocally(first.items, effective);
    return pages.flatMap((page) => page.items);
  }, [list.data, effective]);
  const total = firstPage && isServerPaged(firstPage) ? (firstPage.total ?? rows.length) : rows.length;
  const showComponents = rows.some((row) => typeof row.component_count === 'number');

  const exportInventory = useMutation({ mutationFn: (format: 'csv' | 'xlsx') => downloadInventory(format, language === 'de' && format === 'csv' ? { delimiter: ';' } : {}) });

  // Synchronously: fields are bound to the URL, and a deferred update lets React put the old value
  // back between two keystrokes, dropping typed characters.
  const show = (next: MachineFilter) => setSearchParams(machineSearchOf(next), { replace: true, flushSync: true });
  const set = (patch: Partial<MachineFilter>) => show({ ...filter, ...patch });
  const sortBy = (key: MachineSortKey) => set({ sort: key, descending: filter.sort === key ? !filter.descending : false });
  const filtered = isMachineListFiltered(filter);

  const sortHeader = (key: MachineSortKey, label: string) => {
    const active = filter.sort === key;
    return (
      <Table.Th scope="col" aria-sort={active ? (filter.descending ? 'descending' : 'ascending') : 'none'}>
        <UnstyledButton onClick={() => sortBy(key)} fw={600} fz="sm" aria-label={t('machines.sortBy', { column: label })}>
          {label} <span aria-hidden="true">{active ? (filter.descending ? '▼' : '▲') : '↕'}</span>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <>
      <PageHeader
        title={t('nav.machines')}
        actions={
          <>
            {me.global_actions.includes('inventory.import') && (
              <Button variant="default" onClick={importDialog.open}>
                {t('import.open')}
              </Button>
            )}
            <ExportMenu table={t('nav.machines')} fileBase={t('export.files.machines')} load={async () => exportRows(t, await fetchAllMachines(effective))} busy={exportInventory.isPending}>
              <Menu.Label>{t('machines.inventoryFile')}</Menu.Label>
              <Menu.Item onClick={() => exportInventory.mutate('csv')}>{t('machines.inventoryCsv')}</Menu.Item>
              <Menu.Item onClick={() => exportInventory.mutate('xlsx')}>{t('machines.inventoryXlsx')}</Menu.Item>
            </ExportMenu>
            {me.global_actions.includes('machine.create') && <Button onClick={createDialog.open}>{t('machines.new')}</Button>}
          </>
        }
      />
      <Stack>
        <ProblemAlert error={exportInventory.error} />
        <form role="search" aria-label={t('machines.filters')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm">
            <TextInput type="search" label={t('machines.search')} description={t('machines.searchHint')} value={filter.q} onChange={(event) => set({ q: event.currentTarget.value })} />
            <NativeSelect
              label={t('machines.site')}
              value={filter.site}
              onChange={(event) => set({ site: event.currentTarget.value, segment: '' })}
              data={[
                { value: '', label: t('machines.any') },
                // A site named in the URL stays selectable while the sites load (or if it is out of reach).
                ...(filter.site && !(sites.data ?? []).some((site) => site.key === filter.site) ? [{ value: filter.site, label: filter.site }] : []),
                ...(sites.data ?? []).map((site) => ({ value: site.key, label: `${site.key} – ${site.name}` })),
              ]}
            />
            <NativeSelect
              label={t('machines.segment')}
              value={filter.segment}
              // Segment keys are unique per site only, so a segment is picked within a chosen site.
              disabled={!serverPaged || !filter.site}
              description={!serverPaged ? t('machines.segmentFilterLater') : !filter.site ? t('machines.segmentNeedsSite') : undefined}
              onChange={(event) => set({ segment: event.currentTarget.value })}
              data={[
                { value: '', label: t('machines.any') },
                ...(filter.segment && !(segments.data?.items ?? []).some((segment) => segment.key === filter.segment) ? [{ value: filter.segment, label: filter.segment }] : []),
                ...(filter.site ? (segments.data?.items ?? []) : []).map((segment) => ({ value: segment.key, label: `${segment.key} – ${segment.name}` })),
              ]}
            />
            <NativeSelect
              label={t('machines.criticality')}
              value={filter.criticality}
              onChange={(event) => set({ criticality: event.currentTarget.value })}
              data={[{ value: '', label: t('machines.any') }, ...criticalities.map((value) => ({ value, label: codeLabel(t, 'criticalities', value) }))]}
            />
            <NativeSelect
              label={t('machines.networkState')}
              value={filter.network_state}
              onChange={(event) => set({ network_state: event.currentTarget.value })}
              data={[{ value: '', label: t('machines.any') }, ...networkStates.map((value) => ({ value, label: codeLabel(t, 'networkStates', value) }))]}
            />
            <NativeSelect
              label={t('machines.updatable')}
              value={filter.updatable}
              onChange={(event) => set({ updatable: event.currentTarget.value })}
              data={[
                { value: '', label: t('machines.any') },
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
            />
          </SimpleGrid>
          <Checkbox
            mt="sm"
            label={t('machines.matchingIncompleteOnly')}
            // The list items do not carry components, so only a paging server can judge the matching data.
            disabled={!serverPaged}
            description={serverPaged ? t('machines.matchingIncompleteHint') : t('machines.matchingIncompleteFilterLater')}
            checked={filter.matching_incomplete === 'true'}
            onChange={(event) => set({ matching_incomplete: event.currentTarget.checked ? 'true' : '' })}
          />
          {filtered && (
            <Button mt="xs" size="xs" variant="subtle" onClick={() => show({ ...emptyMachineFilter, sort: filter.sort, descending: filter.descending })}>
              {t('machines.resetFilters')}
            </Button>
          )}
        </form>
        <QueryContent query={list} isEmpty={() => rows.length === 0} emptyText={filtered ? t('machines.noMatch') : t('machines.empty')}>
          {() => (
            <>
              <TableScroll label={t('nav.machines')} minWidth={showComponents ? 980 : 900}>
                <Table striped highlightOnHover verticalSpacing="xs">
                  <Table.Caption aria-live="polite">{t('machines.caption', { shown: rows.length, total })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      {sortHeader('machine_id', t('machines.machineId'))}
                      {sortHeader('name', t('machines.name'))}
                      {sortHeader('site', t('machines.siteArea'))}
                      <Table.Th scope="col">{t('machines.vendorModel')}</Table.Th>
                      {sortHeader('criticality', t('machines.criticality'))}
                      <Table.Th scope="col">{t('machines.networkState')}</Table.Th>
                      <Table.Th scope="col">{t('machines.updatable')}</Table.Th>
                      {showComponents && <Table.Th scope="col">{t('machines.componentCount')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((machine) => (
                      <Table.Tr key={machine.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/machines/${encodeURIComponent(machine.machine_id)}`} ff="monospace" fz="sm" style={noWrap}>
                            {machine.machine_id}
                          </Anchor>
                          {machine.decommissioned_at && (
                            <Badge ml="xs" size="xs" color="gray" variant="outline" tt="none">
                              {t('machines.decommissioned')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{machine.name}</Table.Td>
                        <Table.Td>
                          {machine.site_key}
                          {machine.area_key && (
                            <Text span size="xs" c="dimmed" display="block">
                              {machine.area_key}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {machine.vendor ?? '—'}
                          {machine.model && (
                            <Text span size="xs" c="dimmed" display="block">
                              {machine.model}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <CriticalityBadge value={machine.criticality} />
                        </Table.Td>
                        <Table.Td>
                          <NetworkStateBadge state={machine.network_state} />
                        </Table.Td>
                        <Table.Td>{yesNo(t, machine.updatable)}</Table.Td>
                        {showComponents && <Table.Td>{machine.component_count ?? '—'}</Table.Td>}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
              <Group>
                {list.hasNextPage && (
                  <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                    {t('machines.loadMore')}
                  </Button>
                )}
                <Text size="sm" c="dimmed">
                  {t('machines.exportNote')}
                </Text>
              </Group>
            </>
          )}
        </QueryContent>
      </Stack>
      <FormModal opened={creating} onClose={createDialog.close} title={t('machines.new')} size="xl">
        <MachineForm
          onCancel={createDialog.close}
          onDone={(machine) => {
            createDialog.close();
            void navigate(`/machines/${encodeURIComponent(machine.machine_id)}`);
          }}
        />
      </FormModal>
      <ImportDialog opened={importing} onClose={importDialog.close} />
    </>
  );
}
