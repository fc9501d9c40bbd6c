// The partner systems of a machine: what it connects to (MES, ERP, file share, broker, OPC UA),
// how it is reached and whether the Patchwerk server can reach it; writes per allowed_actions.
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MachineDetailView, PartnerSystemView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { RowActions } from '../../app/row-actions.tsx';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { PartnerSystemForm, partnerSystemKindLabel } from './partner-system-form.tsx';
import { useDeletePartnerSystem, usePartnerSystems } from './partner-systems.api.ts';

/** `host:port` (IPv6 in brackets), or the host alone; null without a host. */
export function hostAndPort(system: Pick<PartnerSystemView, 'host' | 'port'>): string | null {
  if (system.host === null) return null;
  if (system.port === null) return system.host;
  return `${system.host.includes(':') ? `[${system.host}]` : system.host}:${system.port}`;
}

/** Yes, no or unknown, as text. */
function reachabilityLabel(t: TFunction, value: boolean | null): string {
  return t(`partnerSystems.reachability.${value === true ? 'yes' : value === false ? 'no' : 'unknown'}`);
}

function ReachabilityBadge({ value }: { value: boolean | null }) {
  const { t } = useTranslation();
  // Outlined dark shades keep their contrast on white and striped rows.
  const color = value === true ? 'teal.9' : value === false ? 'red.9' : 'gray.7';
  return (
    <Badge color={color} variant="outline" tt="none">
      {reachabilityLabel(t, value)}
    </Badge>
  );
}

/** The section on the machine detail page. */
export function PartnerSystemsSection({ machine }: { machine: MachineDetailView }) {
  const { t } = useTranslation();
  const systems = usePartnerSystems(machine.machine_id);
  const remove = useDeletePartnerSystem(machine.machine_id);
  const [editing, setEditing] = useState<PartnerSystemView | 'new' | null>(null);
  const close = () => setEditing(null);
  const items = systems.data?.items ?? [];
  return (
    <Section title={t('partnerSystems.title')}>
      <Stack>
        <Group justify="space-between">
          {systems.data?.allowed_actions.includes('partner_system.create') ? (
            <Button size="sm" variant="default" onClick={() => setEditing('new')}>
              {t('partnerSystems.add')}
            </Button>
          ) : (
            <span />
          )}
          {items.length > 0 && (
            <ExportMenu
              table={t('partnerSystems.title')}
              fileBase={t('partnerSystems.file')}
              fileQualifiers={[machine.machine_id]}
              load={() => ({
                header: [t('partnerSystems.name'), t('partnerSystems.kind'), t('partnerSystems.host'), t('partnerSystems.port'), t('partnerSystems.url'), t('partnerSystems.reachable'), t('partnerSystems.notes')],
                rows: items.map((system) => [
                  system.name,
                  partnerSystemKindLabel(t, system.kind),
                  system.host ?? '',
                  system.port === null ? '' : String(system.port),
                  system.url ?? '',
                  reachabilityLabel(t, system.server_reachable),
                  system.notes ?? '',
                ]),
              })}
            />
          )}
        </Group>
        <ProblemAlert error={remove.error} />
        <QueryContent query={systems} isEmpty={(data) => data.items.length === 0} emptyText={t('partnerSystems.empty')}>
          {(data) => (
            <TableScroll label={t('partnerSystems.title')} minWidth={680}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>{t('partnerSystems.caption', { count: data.items.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('partnerSystems.name')}</Table.Th>
                    <Table.Th scope="col">{t('partnerSystems.kind')}</Table.Th>
                    <Table.Th scope="col">{t('partnerSystems.address')}</Table.Th>
                    <Table.Th scope="col">{t('partnerSystems.reachable')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((system) => (
                    <Table.Tr key={system.id}>
                      <Table.Td>
                        {system.name}
                        {system.notes && (
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                            {system.notes}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{partnerSystemKindLabel(t, system.kind)}</Table.Td>
                      <Table.Td>
                        {[hostAndPort(system), system.url].filter((part) => part !== null).map((part) => (
                          <Text key={part} span display="block" size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                            {part}
                          </Text>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        <ReachabilityBadge value={system.server_reachable} />
                      </Table.Td>
                      <Table.Td>
                        <RowActions
                          editLabel={t('partnerSystems.editNamed', { name: system.name })}
                          onEdit={system.allowed_actions.includes('partner_system.update') && (() => setEditing(system))}
                          remove={system.allowed_actions.includes('partner_system.delete') && {
                            label: t('partnerSystems.delete'),
                            ariaLabel: t('partnerSystems.deleteNamed', { name: system.name }),
                            title: t('partnerSystems.deleteTitle', { name: system.name }),
                            message: t('partnerSystems.deleteMessage'),
                            onConfirm: () => remove.mutate({ id: system.id, version: system.version }),
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
      </Stack>
      <FormModal opened={editing !== null} onClose={close} title={editing === 'new' ? t('partnerSystems.add') : t('partnerSystems.editTitle', { name: editing?.name ?? '' })}>
        <PartnerSystemForm machineId={machine.machine_id} system={editing === 'new' || editing === null ? undefined : editing} onDone={close} onCancel={close} />
      </FormModal>
    </Section>
  );
}
