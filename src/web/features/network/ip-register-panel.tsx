// The IP register: every documented address per site and segment (machine interfaces, brokers given
// by address) with duplicates and addresses outside their segment's network flagged, a filter for
// the flagged ones, and the gaps: active machines without a segment, segments of unknown zone.
import { Anchor, Badge, Group, Stack, Switch, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IpRegister, IpRegisterEntry } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import type { TableData } from '../../app/table-export.ts';
import { TableScroll } from '../../app/table-scroll.tsx';
import { zoneTypeLabel } from '../sites/site-labels.ts';
import { useIpRegister } from './network.api.ts';
import { networkCode, SegmentKey, ZoneBadge } from './network-labels.tsx';

const machinePath = (machineId: string): string => `/machines/${encodeURIComponent(machineId)}`;

/** What an entry belongs to, as text: the machine (id and name) or the broker. */
function ownerText(t: TFunction, entry: IpRegisterEntry): string {
  return entry.source === 'interface' ? `${entry.machine_id ?? ''} – ${entry.machine_name ?? ''}` : `${t('network.sources.broker')}: ${entry.broker_name ?? ''}`;
}

function exportEntries(t: TFunction, entries: readonly IpRegisterEntry[]): TableData {
  return {
    header: [t('network.site'), t('network.segment'), t('segments.zoneType'), t('segments.cidr'), t('network.register.ip'), t('network.register.source'), t('network.register.owner'), t('network.register.hostname'), t('network.register.mac'), t('network.register.flags')],
    rows: entries.map((entry) => [
      entry.site_key,
      entry.segment_key ?? '',
      entry.zone_type ? zoneTypeLabel(t, entry.zone_type) : '',
      entry.cidr ?? '',
      entry.ip,
      networkCode(t, 'sources', entry.source),
      entry.source === 'interface' ? `${entry.machine_id ?? ''} – ${entry.machine_name ?? ''}` : (entry.broker_name ?? ''),
      entry.hostname ?? '',
      entry.mac ?? '',
      entry.flags.map((flag) => networkCode(t, 'flags', flag)).join(', '),
    ]),
  };
}

/** The flags of an entry as badges. */
function FlagBadges({ flags }: { flags: IpRegisterEntry['flags'] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <>—</>;
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Badge key={flag} color={flag === 'duplicate' ? 'red.9' : 'indigo.9'} variant="filled" tt="none" size="sm" style={{ flexShrink: 0 }}>
          {networkCode(t, 'flags', flag)}
        </Badge>
      ))}
    </Group>
  );
}

/** The register's counts as a line of badges. */
function Counts({ counts }: { counts: IpRegister['counts'] }) {
  const { t } = useTranslation();
  const items = [
    { key: 'entries', text: t('network.register.countEntries', { count: counts.entries }), alert: false },
    { key: 'duplicate', text: t('network.register.countDuplicate', { count: counts.duplicate }), alert: counts.duplicate > 0 },
    { key: 'outside', text: t('network.register.countOutside', { count: counts.outside_cidr }), alert: counts.outside_cidr > 0 },
    { key: 'machines', text: t('network.register.countMachines', { count: counts.machines_without_segment }), alert: counts.machines_without_segment > 0 },
    { key: 'zones', text: t('network.register.countZones', { count: counts.unknown_zone_segments }), alert: counts.unknown_zone_segments > 0 },
  ];
  return (
    <Group gap="xs" role="status">
      {items.map((item) => (
        <Badge key={item.key} color={item.alert ? 'red.9' : 'gray.7'} variant="outline" tt="none">
          {item.text}
        </Badge>
      ))}
    </Group>
  );
}

function EntriesTable({ entries, label, fileQualifiers, actions }: { entries: readonly IpRegisterEntry[]; label: string; fileQualifiers: readonly string[]; actions: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <Group justify="space-between" mb="sm">
        {actions}
        <ExportMenu table={label} fileBase={t('network.files.register')} fileQualifiers={fileQualifiers} load={() => exportEntries(t, entries)} />
      </Group>
      <TableScroll label={label} minWidth={960}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('network.site')}</Table.Th>
              <Table.Th scope="col">{t('network.segment')}</Table.Th>
              <Table.Th scope="col">{t('network.register.ip')}</Table.Th>
              <Table.Th scope="col">{t('network.register.owner')}</Table.Th>
              <Table.Th scope="col">{t('network.register.hostname')}</Table.Th>
              <Table.Th scope="col">{t('network.register.mac')}</Table.Th>
              <Table.Th scope="col">{t('network.register.flags')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry, index) => (
              <Table.Tr key={`${entry.source}-${entry.machine_id ?? entry.broker_id ?? ''}-${entry.ip}-${index}`}>
                <Table.Td>{entry.site_key}</Table.Td>
                <Table.Td>
                  {entry.segment_key === null ? (
                    <Text span size="sm" c="dimmed">
                      {t('network.register.noSegment')}
                    </Text>
                  ) : (
                    <Stack gap={2} align="flex-start">
                      <SegmentKey segmentKey={entry.segment_key} name={entry.segment_name} />
                      {entry.zone_type && <ZoneBadge zoneType={entry.zone_type} />}
                      {entry.cidr && (
                        <Text span ff="monospace" size="xs" c="dimmed">
                          {entry.cidr}
                        </Text>
                      )}
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text span ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {entry.ip}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {entry.source === 'interface' && entry.machine_id !== null ? (
                    <Anchor component={Link} to={machinePath(entry.machine_id)} size="sm">
                      {ownerText(t, entry)}
                    </Anchor>
                  ) : (
                    <Text span size="sm">
                      {ownerText(t, entry)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{entry.hostname ?? '—'}</Table.Td>
                <Table.Td>
                  <Text span ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {entry.mac ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <FlagBadges flags={entry.flags} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </>
  );
}

/** One row of a gap list: the exported texts and the cells as shown. */
interface GapRow {
  key: string;
  texts: string[];
  cells: ReactNode[];
}

/** A titled list of the register's gaps with its export, or a line saying there are none. */
function GapList({ title, emptyText, fileBase, qualifiers, header, rows }: { title: string; emptyText: string; fileBase: string; qualifiers: readonly string[]; header: string[]; rows: GapRow[] }) {
  return (
    <Section title={title}>
      {rows.length === 0 ? (
        <Text c="dimmed">{emptyText}</Text>
      ) : (
        <>
          <Group justify="flex-end" mb="sm">
            <ExportMenu table={title} fileBase={fileBase} fileQualifiers={qualifiers} load={() => ({ header, rows: rows.map((row) => row.texts) })} />
          </Group>
          <TableScroll label={title} minWidth={480}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  {header.map((column) => (
                    <Table.Th key={column} scope="col">
                      {column}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key}>
                    {row.cells.map((cell, index) => (
                      <Table.Td key={index}>{cell}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </Section>
  );
}

/** The gaps of the register: active machines without a segment, segments of unknown zone. */
function Gaps({ data, qualifiers }: { data: IpRegister; qualifiers: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <GapList
        title={t('network.register.machinesWithoutSegment')}
        emptyText={t('network.register.noMachinesWithoutSegment')}
        fileBase={t('network.files.machinesWithoutSegment')}
        qualifiers={qualifiers}
        header={[t('network.site'), t('machines.machineId'), t('machines.name')]}
        rows={data.machines_without_segment.map((machine) => ({
          key: machine.machine_id,
          texts: [machine.site_key, machine.machine_id, machine.name],
          cells: [
            machine.site_key,
            <Anchor key="id" component={Link} to={machinePath(machine.machine_id)} ff="monospace" size="sm">
              {machine.machine_id}
            </Anchor>,
            machine.name,
          ],
        }))}
      />
      <GapList
        title={t('network.register.unknownZoneSegments')}
        emptyText={t('network.register.noUnknownZoneSegments')}
        fileBase={t('network.files.unknownZoneSegments')}
        qualifiers={qualifiers}
        header={[t('network.site'), t('segments.key'), t('segments.name')]}
        rows={data.unknown_zone_segments.map((segment) => ({
          key: segment.segment_id,
          texts: [segment.site_key, segment.segment_key, segment.segment_name],
          cells: [
            segment.site_key,
            <Text key="key" span ff="monospace" size="sm">
              {segment.segment_key}
            </Text>,
            segment.segment_name,
          ],
        }))}
      />
    </>
  );
}

/** The IP register of one site, or of every site in scope when `siteKey` is null. */
export function IpRegisterPanel({ siteKey }: { siteKey: string | null }) {
  const { t } = useTranslation();
  const register = useIpRegister(siteKey);
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const qualifiers = siteKey ? [siteKey] : [];
  return (
    <Stack>
      <Section title={t('network.register.title')}>
        <QueryContent query={register} isEmpty={() => false} emptyText="">
          {(data) => {
            const entries = flaggedOnly ? data.items.filter((entry) => entry.flags.length > 0) : data.items;
            const filter = <Switch label={t('network.register.flaggedOnly')} checked={flaggedOnly} onChange={(event) => setFlaggedOnly(event.currentTarget.checked)} />;
            return (
              <Stack>
                <Counts counts={data.counts} />
                {entries.length === 0 ? (
                  <>
                    {filter}
                    <Text c="dimmed">{flaggedOnly ? t('network.register.noneFlagged') : t('network.register.empty')}</Text>
                  </>
                ) : (
                  <EntriesTable entries={entries} label={t('network.register.title')} fileQualifiers={flaggedOnly ? [...qualifiers, t('network.files.flagged')] : qualifiers} actions={filter} />
                )}
              </Stack>
            );
          }}
        </QueryContent>
      </Section>
      {register.data && <Gaps data={register.data} qualifiers={qualifiers} />}
    </Stack>
  );
}
