// Message brokers per segment as a table: site, segment with zone, name, kind, host and port, TLS,
// notes; edit and delete where allowed; export.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BrokerView, SegmentView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import type { TableData } from '../../app/table-export.ts';
import { TableScroll } from '../../app/table-scroll.tsx';
import { RowActions } from '../../app/row-actions.tsx';
import { zoneTypeLabel } from '../sites/site-labels.ts';
import { BrokerForm } from './broker-form.tsx';
import { useDeleteBroker } from './network.api.ts';
import { networkCode, SegmentKey, ZoneBadge } from './network-labels.tsx';

/** Host and port as one address: `10.0.0.5:8883`, `[2001:db8::5]:8883`, or the host alone. */
function endpoint(broker: BrokerView): string {
  if (broker.port === null) return broker.host;
  return broker.host.includes(':') ? `[${broker.host}]:${broker.port}` : `${broker.host}:${broker.port}`;
}

/** Header and cells of the export, as shown. */
function exportRows(t: TFunction, brokers: readonly BrokerView[]): TableData {
  return {
    header: [t('network.site'), t('network.segment'), t('segments.zoneType'), t('network.brokers.name'), t('network.brokers.kind'), t('network.brokers.host'), t('network.brokers.port'), t('network.brokers.tls'), t('network.brokers.notes')],
    rows: brokers.map((broker) => [
      broker.site_key,
      broker.segment_key,
      zoneTypeLabel(t, broker.zone_type),
      broker.name,
      networkCode(t, 'brokerKinds', broker.kind),
      broker.host,
      broker.port === null ? '' : String(broker.port),
      broker.tls ? t('common.yes') : t('common.no'),
      broker.notes ?? '',
    ]),
  };
}

/** The brokers with their export; `segments` are the choices of the edit form, `actions` go left of the export. */
export function BrokersTable({ brokers, segments, label, fileQualifiers, actions }: { brokers: readonly BrokerView[]; segments: readonly SegmentView[]; label: string; fileQualifiers: readonly string[]; actions?: ReactNode }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<BrokerView | null>(null);
  const remove = useDeleteBroker();
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="sm">{actions}</Group>
        <ExportMenu table={label} fileBase={t('network.files.brokers')} fileQualifiers={fileQualifiers} load={() => exportRows(t, brokers)} />
      </Group>
      {remove.error ? <ProblemAlert error={remove.error} title={t('network.brokers.deleteFailed')} /> : null}
      <TableScroll label={label} minWidth={880}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('network.site')}</Table.Th>
              <Table.Th scope="col">{t('network.segment')}</Table.Th>
              <Table.Th scope="col">{t('network.brokers.name')}</Table.Th>
              <Table.Th scope="col">{t('network.brokers.kind')}</Table.Th>
              <Table.Th scope="col">{t('network.brokers.endpoint')}</Table.Th>
              <Table.Th scope="col">{t('network.brokers.notes')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {brokers.map((broker) => (
              <Table.Tr key={broker.id}>
                <Table.Td>{broker.site_key}</Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <SegmentKey segmentKey={broker.segment_key} name={broker.segment_name} />
                    <ZoneBadge zoneType={broker.zone_type} />
                  </Stack>
                </Table.Td>
                <Table.Td>{broker.name}</Table.Td>
                <Table.Td>{networkCode(t, 'brokerKinds', broker.kind)}</Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <Text span ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {endpoint(broker)}
                    </Text>
                    {broker.tls ? (
                      <Badge color="teal.9" variant="outline" tt="none" size="sm">
                        TLS
                      </Badge>
                    ) : (
                      <Badge color="red.9" variant="outline" tt="none" size="sm">
                        {t('network.brokers.noTls')}
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {broker.notes ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RowActions
                    editLabel={t('network.brokers.editNamed', { name: broker.name })}
                    onEdit={broker.allowed_actions.includes('broker.update') && (() => setEditing(broker))}
                    remove={broker.allowed_actions.includes('broker.delete') && {
                      label: t('network.delete'),
                      ariaLabel: t('network.brokers.deleteNamed', { name: broker.name }),
                      title: t('network.brokers.deleteTitle'),
                      message: t('network.brokers.deleteQuestion', { name: broker.name }),
                      onConfirm: () => remove.mutate({ id: broker.id, version: broker.version }),
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('network.brokers.editTitle', { name: editing?.name ?? '' })}>
        {editing && <BrokerForm segments={segments} siteKey={null} broker={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />}
      </FormModal>
    </>
  );
}
