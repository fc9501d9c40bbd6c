// The topology as text, for screen readers and anyone who prefers lists: per site its segments with
// their machines, the machines without a segment, then the numbered conduits as a table.
import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TopologyConduitView, TopologyEndView, TopologyMachineView, TopologyView } from '../../app/api-types.ts';
import { TableScroll } from '../../app/table-scroll.tsx';
import { zoneTypeLabel } from '../sites/site-labels.ts';

function MachineItems({ machines }: { machines: TopologyMachineView[] }) {
  const { t } = useTranslation();
  if (machines.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('topology.noMachines')}
      </Text>
    );
  }
  return (
    <List size="sm" withPadding>
      {machines.map((machine) => (
        <List.Item key={machine.machine_id}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" span fw={600}>
              {machine.machine_id}
            </Text>
            <Text size="sm" span>
              {machine.name}
            </Text>
            {machine.network_state === 'isolated' && (
              <Badge color="red" variant="outline" size="sm">
                {t('topology.isolated')}
              </Badge>
            )}
            {machine.other_segments.length > 0 && (
              <Text size="sm" span c="dimmed">
                {t('topology.also', { segments: machine.other_segments.join(', ') })}
              </Text>
            )}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

/** The text of a conduit end: the internet, `SITE / SEGMENT`, or the hidden other site. */
function useEndText(view: TopologyView): (end: TopologyEndView) => string {
  const { t } = useTranslation();
  const several = view.sites.length !== 1;
  return (end) => {
    if (end.kind === 'internet') return t('topology.internet');
    if (end.kind === 'hidden') return t('topology.hidden');
    return several || end.site_key !== view.sites[0]?.key ? `${end.site_key} / ${end.segment_key}` : end.segment_key;
  };
}

function conduitKinds(conduit: TopologyConduitView, t: (key: string) => string): string {
  return [conduit.remote_access ? t('topology.remoteAccess') : null, conduit.internet ? t('topology.internet') : null].filter(Boolean).join(', ');
}

/** Sites with segments and machines, then the conduits, as headings, lists and a table. */
export function TopologyTextList({ view }: { view: TopologyView }) {
  const { t } = useTranslation();
  const endText = useEndText(view);
  const columns = ['number', 'from', 'to', 'protocol', 'ports', 'service', 'purpose', 'kind'] as const;
  return (
    <Stack gap="lg">
      {view.sites.map((site) => (
        <Stack key={site.key} gap="xs">
          <Title order={3} size="h5">
            {site.key} – {site.name}
          </Title>
          <List spacing="xs">
            {site.segments.map((segment) => {
              const details = [zoneTypeLabel(t, segment.zone_type), segment.cidr, segment.vlan === null ? null : `VLAN ${segment.vlan}`].filter(Boolean).join(' · ');
              return (
                <List.Item key={segment.id}>
                  <Text fw={600} span>
                    {segment.key} – {segment.name}
                  </Text>{' '}
                  <Text size="sm" c="dimmed" span>
                    ({details})
                  </Text>
                  {segment.brokers.length > 0 && (
                    <Text size="sm">{t('topology.brokers', { list: segment.brokers.map((broker) => `${broker.name} (${broker.kind})`).join(', ') })}</Text>
                  )}
                  <MachineItems machines={segment.machines} />
                </List.Item>
              );
            })}
            {site.unassigned_machines.length > 0 && (
              <List.Item>
                <Text fw={600} span>
                  {t('topology.noSegment')}
                </Text>
                <MachineItems machines={site.unassigned_machines} />
              </List.Item>
            )}
          </List>
        </Stack>
      ))}
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('topology.conduits')}
        </Title>
        {view.conduits.length === 0 ? (
          <Text c="dimmed">{t('topology.noConduits')}</Text>
        ) : (
          <TableScroll label={t('topology.conduits')} minWidth={900}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column} scope="col">
                      {t(`topology.columns.${column}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.conduits.map((conduit) => (
                  <Table.Tr key={conduit.id}>
                    <Table.Td>{conduit.number}</Table.Td>
                    <Table.Td>{endText(conduit.from)}</Table.Td>
                    <Table.Td>{endText(conduit.to)}</Table.Td>
                    <Table.Td>{t(`topology.protocols.${conduit.protocol}`)}</Table.Td>
                    <Table.Td>{conduit.ports ?? ''}</Table.Td>
                    <Table.Td>{conduit.service ?? ''}</Table.Td>
                    <Table.Td>{conduit.purpose}</Table.Td>
                    <Table.Td>{conduitKinds(conduit, t)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
    </Stack>
  );
}
