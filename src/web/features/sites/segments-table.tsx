// Network segments as a table with zone type, review flag and an edit button where allowed.
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { SegmentForm } from './site-forms.tsx';
import { zoneTypeLabel } from './site-labels.ts';

/**
 * The segments with their export; `showSite` adds the site column (lists over several sites);
 * `fileQualifiers` name the export file (e.g. the site); `actions` go left of the export.
 */
export function SegmentsTable({
  segments,
  label,
  showSite = false,
  fileQualifiers = [],
  actions,
}: {
  segments: readonly SegmentView[];
  label: string;
  showSite?: boolean;
  fileQualifiers?: readonly string[];
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<SegmentView | null>(null);
  return (
    <>
      <Group justify={actions ? 'space-between' : 'flex-end'} mb="sm">
        {actions && <Group gap="sm">{actions}</Group>}
        <ExportMenu
          table={label}
          fileBase={t('export.files.segments')}
          fileQualifiers={fileQualifiers}
          load={() => ({
            header: [...(showSite ? [t('machines.site')] : []), t('segments.key'), t('segments.name'), t('segments.vlan'), t('segments.cidr'), t('segments.zoneType'), t('segments.needsReview')],
            rows: segments.map((segment) => [
              ...(showSite ? [segment.site_key] : []),
              segment.key,
              segment.name,
              segment.vlan === null ? '' : String(segment.vlan),
              segment.cidr ?? '',
              zoneTypeLabel(t, segment.zone_type),
              segment.needs_review ? t('common.yes') : t('common.no'),
            ]),
          })}
        />
      </Group>
      <TableScroll label={label} minWidth={640}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              {showSite && <Table.Th scope="col">{t('machines.site')}</Table.Th>}
              <Table.Th scope="col">{t('segments.key')}</Table.Th>
              <Table.Th scope="col">{t('segments.name')}</Table.Th>
              <Table.Th scope="col">{t('segments.vlan')}</Table.Th>
              <Table.Th scope="col">{t('segments.cidr')}</Table.Th>
              <Table.Th scope="col">{t('segments.zoneType')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {segments.map((segment) => (
              <Table.Tr key={segment.id}>
                {showSite && <Table.Td>{segment.site_key}</Table.Td>}
                <Table.Td>
                  <Text span ff="monospace" size="sm">
                    {segment.key}
                  </Text>
                  {segment.needs_review && (
                    <Badge color="grape.9" variant="outline" tt="none" ml="xs" size="sm">
                      {t('segments.needsReview')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{segment.name}</Table.Td>
                <Table.Td>{segment.vlan ?? '—'}</Table.Td>
                <Table.Td>
                  <Text span ff="monospace" size="sm">
                    {segment.cidr ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{zoneTypeLabel(t, segment.zone_type)}</Table.Td>
                <Table.Td>
                  {segment.allowed_actions.includes('segment.update') && (
                    <Button size="xs" variant="default" onClick={() => setEditing(segment)} aria-label={t('segments.editNamed', { key: segment.key })}>
                      {t('common.edit')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('segments.editTitle', { key: editing?.key ?? '' })}>
        {editing && <SegmentForm segment={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />}
      </FormModal>
    </>
  );
}
