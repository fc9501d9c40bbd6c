// Audit events as a table: the audit log and the history of one object show them the same way.
import { Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditItem, Language } from '../../app/api-types.ts';
import { actionLabel, formatDateTime, roleLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { useSiteZones } from '../../app/reference-data.ts';
import type { TableData } from '../../app/table-export.ts';
import { TableScroll } from '../../app/table-scroll.tsx';

export interface AuditTableProps {
  items: readonly AuditItem[];
  /** Names the scrollable region. */
  label: string;
  /** Also show sequence number, object and site (the whole log rather than one object's history). */
  full?: boolean;
}

/** The translated action with its code beneath in small monospace. */
export function AuditAction({ action }: { action: string }) {
  const { t } = useTranslation();
  const label = actionLabel(t, action);
  return (
    <>
      {label !== action && (
        <Text span display="block" size="sm">
          {label}
        </Text>
      )}
      <Text span display="block" size="xs" ff="monospace" c={label !== action ? 'dimmed' : undefined}>
        {action}
      </Text>
    </>
  );
}

/** The audit table as shown (same columns, labels and times), for the export; object ids in full. */
export function auditTableData(t: TFunction, language: Language, zones: ReadonlyMap<string, string>, items: readonly AuditItem[], full = false): TableData {
  const header = [
    ...(full ? [t('audit.seq')] : []),
    t('audit.time'),
    t('audit.actor'),
    t('audit.action'),
    ...(full ? [t('audit.object'), t('audit.site')] : []),
    t('audit.summary'),
  ];
  const rows = items.map((event) => {
    const actor = [event.actor_name ?? t('audit.system'), event.role ? roleLabel(t, event.role) : null, t(`audit.via.${event.via}`, { defaultValue: event.via })].filter(Boolean).join(' · ');
    const label = actionLabel(t, event.action);
    const object = [t(`audit.objectTypes.${event.object_type}`, { defaultValue: event.object_type }), event.object_id].filter(Boolean).join(' ');
    return [
      ...(full ? [String(event.seq)] : []),
      formatDateTime(event.ts, language, event.site_id ? zones.get(event.site_id) : null),
      actor,
      label !== event.action ? `${label} (${event.action})` : event.action,
      ...(full ? [object, event.site_key ?? ''] : []),
      event.summary,
    ];
  });
  return { header, rows };
}

/** Time, actor (with role and channel), action and summary of each event, newest as given. */
export function AuditTable({ items, label, full = false }: AuditTableProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const zones = useSiteZones();
  return (
    <TableScroll label={label} minWidth={full ? 760 : 600}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            {full && <Table.Th scope="col">{t('audit.seq')}</Table.Th>}
            <Table.Th scope="col">{t('audit.time')}</Table.Th>
            <Table.Th scope="col">{t('audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            {full && <Table.Th scope="col">{t('audit.object')}</Table.Th>}
            {full && <Table.Th scope="col">{t('audit.site')}</Table.Th>}
            <Table.Th scope="col">{t('audit.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event) => (
            <Table.Tr key={event.seq}>
              {full && <Table.Td>{event.seq}</Table.Td>}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.ts, language, event.site_id ? zones.get(event.site_id) : null)}</Table.Td>
              <Table.Td>
                {event.actor_name ?? t('audit.system')}
                <Text span size="xs" c="dimmed" display="block">
                  {[event.role ? roleLabel(t, event.role) : null, t(`audit.via.${event.via}`, { defaultValue: event.via })].filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <AuditAction action={event.action} />
              </Table.Td>
              {full && (
                <Table.Td>
                  {t(`audit.objectTypes.${event.object_type}`, { defaultValue: event.object_type })}
                  {event.object_id && (
                    <Text span size="xs" c="dimmed" display="block" title={event.object_id}>
                      {event.object_id.length > 13 ? `${event.object_id.slice(0, 8)}…` : event.object_id}
                    </Text>
                  )}
                </Table.Td>
              )}
              {full && <Table.Td>{event.site_key ?? '—'}</Table.Td>}
              {/* The summary is part of the hash chain and recorded in English once, whatever the reader's language. */}
              <Table.Td lang="en">{event.summary}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
