// Conduits as a table: from → to with zone badges, flows to or from the internet and remote access
// marked, protocol and ports, purpose, firewall rule; edit and delete where allowed; export.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConduitView, SegmentView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import type { TableData } from '../../app/table-export.ts';
import { TableScroll } from '../../app/table-scroll.tsx';
import { RowActions } from '../../app/row-actions.tsx';
import { zoneTypeLabel } from '../sites/site-labels.ts';
import { ConduitForm } from './conduit-form.tsx';
import { useDeleteConduit } from './network.api.ts';
import { ConduitEnd, endText, networkCode } from './network-labels.tsx';

const touchesInternet = (conduit: ConduitView): boolean => conduit.from.kind === 'internet' || conduit.to.kind === 'internet';
const crossesSites = (conduit: ConduitView): boolean =>
  conduit.from.kind === 'segment' && conduit.to.kind === 'segment' && conduit.from.site_key !== conduit.to.site_key;

/** A short name of a conduit for buttons: `ZELLE-1 → Internet`. */
function conduitName(t: TFunction, conduit: ConduitView): string {
  return `${endText(t, conduit.from, false)} → ${endText(t, conduit.to, false)}`;
}

/** Header and cells of the export, as shown (labels, not codes). */
function exportRows(t: TFunction, conduits: readonly ConduitView[]): TableData {
  const zone = (end: ConduitView['from']) => (end.kind === 'internet' ? t('network.internet') : zoneTypeLabel(t, end.zone_type));
  return {
    header: [
      t('network.site'), t('network.conduits.from'), t('network.conduits.fromZone'), t('network.conduits.to'), t('network.conduits.toZone'),
      t('network.conduits.protocol'), t('network.conduits.ports'), t('network.conduits.service'), t('network.conduits.purpose'),
      t('network.conduits.firewallRule'), t('network.conduits.remoteAccess'),
    ],
    rows: conduits.map((conduit) => [
      conduit.site_key,
      endText(t, conduit.from, true),
      zone(conduit.from),
      endText(t, conduit.to, true),
      zone(conduit.to),
      networkCode(t, 'protocols', conduit.protocol),
      conduit.ports ?? '',
      conduit.service ?? '',
      conduit.purpose,
      conduit.firewall_rule ?? '',
      conduit.remote_access ? t('common.yes') : t('common.no'),
    ]),
  };
}

/** The conduits with their export; `segments` are the choices of the edit form, `actions` go left of the export. */
export function ConduitsTable({ conduits, segments, label, fileQualifiers, actions }: { conduits: readonly ConduitView[]; segments: readonly SegmentView[]; label: string; fileQualifiers: readonly string[]; actions?: ReactNode }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ConduitView | null>(null);
  const remove = useDeleteConduit();
  const showSites = new Set(conduits.flatMap((conduit) => [conduit.from, conduit.to].flatMap((end) => (end.kind === 'segment' ? [end.site_key] : [])))).size > 1;
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="sm">{actions}</Group>
        <ExportMenu table={label} fileBase={t('network.files.conduits')} fileQualifiers={fileQualifiers} load={() => exportRows(t, conduits)} />
      </Group>
      {remove.error ? <ProblemAlert error={remove.error} title={t('network.conduits.deleteFailed')} /> : null}
      <TableScroll label={label} minWidth={960}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('network.conduits.from')}</Table.Th>
              <Table.Th scope="col">{t('network.conduits.to')}</Table.Th>
              <Table.Th scope="col">{t('network.conduits.protocolPorts')}</Table.Th>
              <Table.Th scope="col">{t('network.conduits.purpose')}</Table.Th>
              <Table.Th scope="col">{t('network.conduits.firewallRule')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {conduits.map((conduit) => {
              const name = conduitName(t, conduit);
              const mayUpdate = conduit.allowed_actions.includes('conduit.update');
              const mayDelete = conduit.allowed_actions.includes('conduit.delete');
              return (
                <Table.Tr key={conduit.id} bg={conduit.remote_access || touchesInternet(conduit) ? 'var(--mantine-color-red-0)' : undefined}>
                  <Table.Td>
                    <ConduitEnd end={conduit.from} withSite={showSites} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Text span aria-hidden="true">
                        →
                      </Text>
                      <ConduitEnd end={conduit.to} withSite={showSites} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">
                        {networkCode(t, 'protocols', conduit.protocol)}
                        {conduit.ports ? (
                          <Text span ff="monospace" size="sm" ml={6} style={{ whiteSpace: 'nowrap' }}>
                            {conduit.ports}
                          </Text>
                        ) : null}
                      </Text>
                      {conduit.service && (
                        <Text size="xs" c="dimmed">
                          {conduit.service}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Text size="sm">{conduit.purpose}</Text>
                      <Group gap={4}>
                        {conduit.remote_access && (
                          <Badge color="red.9" variant="filled" tt="none" size="sm">
                            {t('network.conduits.remoteAccessBadge')}
                          </Badge>
                        )}
                        {crossesSites(conduit) && (
                          <Badge color="indigo.9" variant="outline" tt="none" size="sm">
                            {t('network.conduits.crossSite')}
                          </Badge>
                        )}
                      </Group>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text span ff="monospace" size="sm">
                      {conduit.firewall_rule ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RowActions
                      editLabel={t('network.conduits.editNamed', { name })}
                      onEdit={mayUpdate && (() => setEditing(conduit))}
                      remove={mayDelete && {
                        label: t('network.delete'),
                        ariaLabel: t('network.conduits.deleteNamed', { name }),
                        title: t('network.conduits.deleteTitle'),
                        message: t('network.conduits.deleteQuestion', { name }),
                        onConfirm: () => remove.mutate({ id: conduit.id, version: conduit.version }),
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('network.conduits.editTitle', { name: editing ? conduitName(t, editing) : '' })}>
        {editing && <ConduitForm segments={segments} siteKey={null} conduit={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />}
      </FormModal>
    </>
  );
}
