// Labels and badges of the network documentation: zone types, conduit ends, protocols, broker
// kinds and register flags, in the UI language.
import { Badge, Group, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConduitEndView, SegmentView } from '../../app/api-types.ts';
import { zoneTypeLabel } from '../sites/site-labels.ts';

// Outlined dark shades keep the text's contrast on white; the internet stands out in red.
const zoneColors: Record<SegmentView['zone_type'], string> = {
  ot_cell: 'teal.9',
  ot_dmz: 'violet.9',
  it: 'blue.9',
  remote_access: 'grape.9',
  internet: 'red.9',
  unknown: 'gray.7',
};

/** The translated label of a code in `group` of the network section (`network.protocols.tcp`). */
export function networkCode(t: TFunction, group: 'protocols' | 'brokerKinds' | 'flags' | 'sources', code: string): string {
  return t(`network.${group}.${code}`, { defaultValue: code });
}

/** A segment's zone type as a coloured badge. */
export function ZoneBadge({ zoneType }: { zoneType: SegmentView['zone_type'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={zoneColors[zoneType]} variant="outline" tt="none" size="sm" style={{ flexShrink: 0 }}>
      {zoneTypeLabel(t, zoneType)}
    </Badge>
  );
}

/** "Internet" as a filled red badge: flows to or from it stand out. */
export function InternetBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red.9" variant="filled" tt="none" style={{ flexShrink: 0 }}>
      {t('network.internet')}
    </Badge>
  );
}

/** One end of a conduit as text (for exports and names): `KEY (SITE)` or "Internet". */
export function endText(t: TFunction, end: ConduitEndView, withSite: boolean): string {
  if (end.kind === 'internet') return t('network.internet');
  return withSite ? `${end.segment_key} (${end.site_key})` : end.segment_key;
}

/** A segment key in monospace, never broken across lines; the name as its tooltip. */
export function SegmentKey({ segmentKey, name }: { segmentKey: string; name?: string | null }) {
  return (
    <Text span ff="monospace" size="sm" title={name ?? undefined} style={{ whiteSpace: 'nowrap' }}>
      {segmentKey}
    </Text>
  );
}

/** One end of a conduit: the segment key over its zone badge (and site), or the internet badge. */
export function ConduitEnd({ end, withSite }: { end: ConduitEndView; withSite: boolean }) {
  if (end.kind === 'internet') return <InternetBadge />;
  return (
    <Stack gap={2} align="flex-start">
      <SegmentKey segmentKey={end.segment_key} name={end.segment_name} />
      <Group gap={6}>
        <ZoneBadge zoneType={end.zone_type} />
        {withSite && (
          <Text span size="xs" c="dimmed">
            {end.site_key}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
