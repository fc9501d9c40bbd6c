// Labels of contract and test template codes, the status badge and the validity text.
import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ContractView, Language, TemplateItemView } from '../../app/api-types.ts';
import { formatDate } from '../../app/format.ts';

/** The label of who performs updates. */
export function responsibilityLabel(t: TFunction, code: ContractView['responsibility']): string {
  return t(`contracts.responsibilities.${code}`, { defaultValue: code });
}

/** The label of a validity status. */
export function statusLabel(t: TFunction, code: ContractView['status']): string {
  return t(`contracts.statuses.${code}`, { defaultValue: code });
}

/** The label of a test item group. */
export function groupLabel(t: TFunction, code: TemplateItemView['group']): string {
  return t(`testTemplates.groups.${code}`, { defaultValue: code });
}

/** A calendar day (YYYY-MM-DD) in the UI locale; no time zone shifts it. */
export function formatDay(day: string | null, language: Language): string {
  return day ? formatDate(`${day}T12:00:00Z`, language, 'UTC') : '—';
}

/** "01.01.2026 – 31.12.2028", open ends as "offen". */
export function validityLabel(t: TFunction, contract: Pick<ContractView, 'valid_from' | 'valid_until'>, language: Language): string {
  if (!contract.valid_from && !contract.valid_until) return t('contracts.unlimited');
  const open = t('contracts.openEnd');
  return `${contract.valid_from ? formatDay(contract.valid_from, language) : open} – ${contract.valid_until ? formatDay(contract.valid_until, language) : open}`;
}

/** The validity status; expired and not yet valid stand out. */
export function ContractStatusBadge({ status }: { status: ContractView['status'] }) {
  const { t } = useTranslation();
  // Outlined, so the text keeps its contrast on white and on striped rows.
  const color = status === 'active' ? 'teal.9' : status === 'expired' ? 'red.9' : 'dark';
  return (
    <Badge color={color} variant="outline" tt="none">
      {statusLabel(t, status)}
    </Badge>
  );
}
