// Segment choices for the network forms: grouped by site, labelled with key, name and zone.
import type { ComboboxStringGroupData } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { SegmentView } from '../../app/api-types.ts';
import { zoneTypeLabel } from '../sites/site-labels.ts';

/** The value of the "Internet" choice of a conduit end (segment ids are UUIDs). */
export const INTERNET = 'internet';

/** Select data: the segments grouped by site key, optionally preceded by "Internet". */
export function segmentOptions(t: TFunction, segments: readonly SegmentView[], withInternet: boolean): ComboboxStringGroupData {
  const bySite = new Map<string, { value: string; label: string }[]>();
  for (const segment of segments) {
    const items = bySite.get(segment.site_key) ?? [];
    items.push({ value: segment.id, label: `${segment.key} – ${segment.name} (${zoneTypeLabel(t, segment.zone_type)})` });
    bySite.set(segment.site_key, items);
  }
  const groups = [...bySite.entries()].map(([site, items]) => ({ group: t('network.siteGroup', { site }), items }));
  return withInternet ? [{ value: INTERNET, label: t('network.internet') }, ...groups] : groups;
}
