// Spare parts: the spare parts and spare devices kept on each site (firmware of devices, quantity,
// storage location, the machines they fit), filtered by site; writes per allowed_actions.
import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SparePartView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { useSites } from '../../app/reference-data.ts';
import { RowActions } from '../../app/row-actions.tsx';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { SparePartForm, sparePartKindLabel } from './spare-part-form.tsx';
import { useDeleteSparePart, useSpareParts } from './spare-parts.api.ts';

/** The spare parts page; `?site=KEY` filters by site. */
export function SparePartsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const siteKey = searchParams.get('site') ?? '';
  const sites = useSites();
  const parts = useSpareParts(siteKey || null);
  const remove = useDeleteSparePart();
  const [editing, setEditing] = useState<SparePartView | 'new' | null>(null);
  const close = () => setEditing(null);
  const siteList = sites.data ?? [];
  const showSite = siteKey === '';
  const canCreate = (parts.data?.allowed_actions.includes('spare_part.create') ?? false) && siteList.length > 0;

  const machinesText = (part: SparePartView) => part.machines.map((machine) => (machine.decommissioned ? `${machine.machine_id} (${t('spareParts.decommissioned')})` : machine.machine_id)).join(', ');

  return (
    <>
      <PageHeader title={t('nav.spare-parts')} actions={canCreate && <Button onClick={() => setEditing('new')}>{t('spareParts.add')}</Button>} />
      <Stack>
        <Group align="flex-end" justify="space-between">
          <NativeSelect
            label={t('spareParts.site')}
            value={siteKey}
            onChange={(event) => setSearchParams(event.currentTarget.value ? { site: event.currentTarget.value } : {}, { replace: true })}
            data={[{ value: '', label: t('spareParts.allSites') }, ...siteList.map((site) => ({ value: site.key, label: `${site.key} – ${site.name}` }))]}
            w={280}
          />
          {parts.data && parts.data.items.length > 0 && (
            <ExportMenu
              table={t('spareParts.title')}
              fileBase={t('spareParts.file')}
              fileQualifiers={siteKey ? [siteKey] : []}
              load={() => ({
                header: [
                  ...(showSite ? [t('spareParts.site')] : []),
                  t('spareParts.kind'), t('spareParts.name'), t('spareParts.vendor'), t('spareParts.modelNumber'), t('spareParts.firmware'),
                  t('spareParts.quantity'), t('spareParts.location'), t('spareParts.machines'), t('spareParts.notes'),
                ],
                rows: (parts.data?.items ?? []).map((part) => [
                  ...(showSite ? [part.site_key] : []),
                  sparePartKindLabel(t, part.kind),
                  part.name,
                  part.vendor ?? '',
                  part.model_number ?? '',
                  part.firmware_version ?? '',
                  String(part.quantity),
                  part.storage_location ?? '',
                  machinesText(part),
                  part.notes ?? '',
                ]),
              })}
            />
          )}
        </Group>
        <ProblemAlert error={remove.error} />
        <Section title={t('spareParts.title')}>
          <QueryContent query={parts} isEmpty={(data) => data.items.length === 0} emptyText={t('spareParts.empty')}>
            {(data) => (
              <TableScroll label={t('spareParts.title')} minWidth={960}>
                <Table striped verticalSpacing="xs">
                  <Table.Caption>{t('spareParts.caption', { count: data.items.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      {showSite && <Table.Th scope="col">{t('spareParts.site')}</Table.Th>}
                      <Table.Th scope="col">{t('spareParts.kind')}</Table.Th>
                      <Table.Th scope="col">{t('spareParts.name')}</Table.Th>
                      <Table.Th scope="col">{t('spareParts.vendor')}</Table.Th>
                      <Table.Th scope="col">{t('spareParts.modelNumber')}</Table.Th>
                      <Table.Th scope="col">{t('spareParts.firmware')}</Table.Th>
                      <Table.Th scope="col">{t('spareParts.quantity')}</Table.Th>
                      <Table.Th scope="col">{t('spareParts.location')}</Table.Th>
                      <Table.Th scope="col">{t('spareParts.machines')}</Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((part) => (
                      <Table.Tr key={part.id}>
                        {showSite && <Table.Td>{part.site_key}</Table.Td>}
                        <Table.Td>{sparePartKindLabel(t, part.kind)}</Table.Td>
                        <Table.Td>
                          {part.name}
                          {part.notes && (
                            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                              {part.notes}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{part.vendor ?? '—'}</Table.Td>
                        <Table.Td>
                          <Text span size="sm" ff="monospace">
                            {part.model_number ?? '—'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text span size="sm" ff="monospace">
                            {part.firmware_version ?? '—'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <span>{part.quantity}</span>
                            {part.quantity === 0 && (
                              <Badge color="red.9" variant="outline" tt="none" size="sm">
                                {t('spareParts.outOfStock')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{part.storage_location ?? '—'}</Table.Td>
                        <Table.Td>
                          {part.machines.length === 0
                            ? '—'
                            : part.machines.map((machine, index) => (
                                <span key={machine.machine_id}>
                                  {index > 0 && ', '}
                                  <Anchor component={Link} to={`/machines/${encodeURIComponent(machine.machine_id)}`} title={machine.name}>
                                    {machine.machine_id}
                                  </Anchor>
                                  {machine.decommissioned && (
                                    <Text span size="xs" c="dimmed">
                                      {` (${t('spareParts.decommissioned')})`}
                                    </Text>
                                  )}
                                </span>
                              ))}
                        </Table.Td>
                        <Table.Td>
                          <RowActions
                            editLabel={t('spareParts.editNamed', { name: part.name })}
                            onEdit={part.allowed_actions.includes('spare_part.update') && (() => setEditing(part))}
                            remove={part.allowed_actions.includes('spare_part.delete') && {
                              label: t('spareParts.delete'),
                              ariaLabel: t('spareParts.deleteNamed', { name: part.name }),
                              title: t('spareParts.deleteTitle', { name: part.name }),
                              message: t('spareParts.deleteMessage'),
                              onConfirm: () => remove.mutate({ id: part.id, version: part.version }),
                            }}
                          />
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
      <FormModal opened={editing !== null} onClose={close} title={editing === 'new' ? t('spareParts.add') : t('spareParts.editTitle', { name: editing?.name ?? '' })} size="xl">
        <SparePartForm
          part={editing === 'new' || editing === null ? undefined : editing}
          sites={siteList}
          initialSiteKey={siteKey || undefined}
          onDone={close}
          onCancel={close}
        />
      </FormModal>
    </>
  );
}
