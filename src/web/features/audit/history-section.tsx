// The audit history of one object (a machine, a contract …): its events oldest first, exportable.
import { Group } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditItem } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { QueryContent } from '../../app/query-content.tsx';
import { useSiteZones } from '../../app/reference-data.ts';
import { Section } from '../../app/section.tsx';
import { AuditTable, auditTableData } from './audit-table.tsx';

export interface HistorySectionProps {
  /** The events, oldest first. */
  history: UseQueryResult<AuditItem[]>;
  /** The object's user-visible key, part of the export's file name. */
  objectKey: string;
  emptyText: string;
}

/** A section with the object's history and its export. */
export function HistorySection({ history, objectKey, emptyText }: HistorySectionProps) {
  const { t } = useTranslation();
  const zones = useSiteZones();
  const title = t('audit.history');
  return (
    <Section title={title}>
      {history.data && history.data.length > 0 && (
        <Group justify="flex-end" mb="sm">
          <ExportMenu table={title} fileBase={t('export.files.history')} fileQualifiers={[objectKey]} load={() => auditTableData(t, currentLanguage(), zones, history.data)} />
        </Group>
      )}
      <QueryContent query={history} isEmpty={(items) => items.length === 0} emptyText={emptyText}>
        {(items) => <AuditTable items={items} label={title} />}
      </QueryContent>
    </Section>
  );
}
