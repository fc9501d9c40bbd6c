// Labels and badges of machine codes (criticality, network state, SSVC impacts, component types).
import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MachineView } from '../../app/api-types.ts';

/** The translated label of a code in `group` (`machines.criticalities.high`); null shows a dash. */
export function codeLabel(t: TFunction, group: string, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return t(`machines.${group}.${code}`, { defaultValue: code });
}

/** Yes, no or unknown. */
export function yesNo(t: TFunction, value: boolean | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value ? t('common.yes') : t('common.no');
}

/** The network state; "isolated" stands out. */
export function NetworkStateBadge({ state }: { state: MachineView['network_state'] }) {
  const { t } = useTranslation();
  return state === 'isolated' ? (
    <Badge color="indigo.9" variant="filled" tt="none">
      {codeLabel(t, 'networkStates', state)}
    </Badge>
  ) : (
    <Badge color="gray" variant="light" tt="none">
      {codeLabel(t, 'networkStates', state)}
    </Badge>
  );
}

/** The criticality, coloured by level. */
export function CriticalityBadge({ value }: { value: MachineView['criticality'] }) {
  const { t } = useTranslation();
  if (!value) return <>—</>;
  // Outlined, so the text keeps its contrast on white (light badges of dark shades do not).
  const color = value === 'high' ? 'red.9' : value === 'medium' ? 'dark' : 'gray.7';
  return (
    <Badge color={color} variant="outline" tt="none">
      {codeLabel(t, 'criticalities', value)}
    </Badge>
  );
}
