// The plant-wide findings: server-paged, filtered by status, confidence, site, machine, advisory and
// whether false matches are shown; the filters and the page stand in the URL, so the dashboard's
// counts link to a filtered view.
import { Button, Checkbox, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { findingConfidences, findingStatuses, type FindingView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { formatDateTime } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { useSites } from '../../app/reference-data.ts';
import type { TableData } from '../../app/table-export.ts';
import { emptyFindingFilter, findingFilterOf, findingSearchOf, isFiltered, type FindingFilter } from './finding-filter.ts';
import { findingLabel } from './finding-labels.tsx';
import { remediationsInOrder } from './finding-remediations.ts';
import { fetchAllFindings, useFindingList } from './findings.api.ts';
import { FindingsPagination, FindingsTable, findingsCaption } from './findings-table.tsx';

/** Header and cells of the table export: what the table and its details show, as labels, not codes. */
function exportRows(t: TFunction, items: readonly FindingView[]): TableData {
  const language = currentLanguage();
  return {
    header: [
      t('findings.machineId'), t('findings.machine'), t('findings.site'), t('findings.component'), t('findings.vendor'), t('findings.version'), t('findings.advisory'), t('findings.cve'),
      t('findings.cvss'), t('findings.kev'), t('findings.epssLabel'), t('findings.statusColumn'), t('findings.falseMatch'), t('findings.matchedByColumn'), t('findings.confidenceFilter'),
      t('findings.reasonOfMatch'), t('findings.remediations'), t('findings.alsoInColumn'),
    ],
    rows: items.map((finding) => [
      finding.machine.machine_id,
      finding.machine.name,
      finding.site_key,
      finding.component.name,
      finding.component.vendor ?? '',
      finding.component.version ?? '',
      finding.advisory.tracking_id,
      finding.cve ?? finding.vulnerability_key,
      finding.cvss?.base_score?.toFixed(1) ?? '',
      finding.enrichment?.kev ? t('common.yes') : '',
      finding.enrichment?.epss ? `${(finding.enrichment.epss.score * 100).toFixed(2)} %` : '',
      findingLabel(t, 'status', finding.status),
      finding.false_match ? `${finding.false_match.reason} (${finding.false_match.by}, ${formatDateTime(finding.false_match.at, language)})` : '',
      findingLabel(t, 'matchedBy', finding.matched_by),
      findingLabel(t, 'confidence', finding.confidence),
      finding.reason,
      remediationsInOrder(finding.remediations).map((remediation) => `${t(`advisories.codes.remediation.${remediation.category}`, { defaultValue: remediation.category })}: ${remediation.details}`).join('\n'),
      finding.also_in.map((advisory) => advisory.tracking_id).join(', '),
    ]),
  };
}

/** The findings page. */
export function FindingsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const { filter, page } = findingFilterOf(searchParams);
  // Typed ids wait until typing pauses; the URL follows every key so the field never lags.
  const [machine] = useDebouncedValue(filter.machine, 300);
  const [advisory] = useDebouncedValue(filter.advisory, 300);
  const list = useFindingList({ ...filter, machine, advisory }, page);
  const sites = useSites();

  // Synchronously: fields are bound to the URL, and a deferred update lets React put the old value
  // back between two keystrokes, dropping typed characters.
  const show = (next: FindingFilter, nextPage: number) => setSearchParams(findingSearchOf(next, nextPage), { replace: true, flushSync: true });
  const set = (patch: Partial<FindingFilter>) => show({ ...filter, ...patch }, 1);
  const filtered = isFiltered(filter);

  return (
    <>
      <PageHeader
        title={t('nav.findings')}
        actions={<ExportMenu table={t('nav.findings')} fileBase={t('export.files.findings')} load={async () => exportRows(t, await fetchAllFindings({ ...filter, machine, advisory }))} />}
      />
      <Stack>
        <form role="search" aria-label={t('findings.filters')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm">
            <NativeSelect
              label={t('findings.statusColumn')}
              value={filter.status}
              onChange={(event) => set({ status: event.currentTarget.value })}
              data={[{ value: '', label: t('findings.any') }, ...findingStatuses.map((value) => ({ value, label: findingLabel(t, 'status', value) }))]}
            />
            <NativeSelect
              label={t('findings.confidenceFilter')}
              value={filter.confidence}
              onChange={(event) => set({ confidence: event.currentTarget.value })}
              data={[{ value: '', label: t('findings.any') }, ...findingConfidences.map((value) => ({ value, label: findingLabel(t, 'confidence', value) }))]}
            />
            <NativeSelect
              label={t('findings.site')}
              value={filter.site}
              onChange={(event) => set({ site: event.currentTarget.value })}
              data={[
                { value: '', label: t('findings.any') },
                // A site named in the URL stays selectable while the sites load (or if it is out of reach).
                ...(filter.site && !(sites.data ?? []).some((site) => site.key === filter.site) ? [{ value: filter.site, label: filter.site }] : []),
                ...(sites.data ?? []).map((site) => ({ value: site.key, label: `${site.key} – ${site.name}` })),
              ]}
            />
            <TextInput type="search" label={t('findings.machineId')} description={t('findings.machineIdHint')} value={filter.machine} onChange={(event) => set({ machine: event.currentTarget.value })} />
            <TextInput type="search" label={t('findings.advisory')} description={t('findings.advisoryHint')} value={filter.advisory} onChange={(event) => set({ advisory: event.currentTarget.value })} />
          </SimpleGrid>
          <Checkbox mt="sm" label={t('findings.showFalseMatches')} checked={filter.falseMatches} onChange={(event) => set({ falseMatches: event.currentTarget.checked })} />
          {filtered && (
            <Button mt="xs" size="xs" variant="subtle" onClick={() => show(emptyFindingFilter, 1)}>
              {t('findings.resetFilters')}
            </Button>
          )}
        </form>
        <QueryContent query={list} isEmpty={(data) => data.items.length === 0 && page === 1} emptyText={filtered ? t('findings.noMatch') : t('findings.empty')}>
          {(data) => (
            <>
              <FindingsTable items={data.items} label={t('nav.findings')} caption={findingsCaption(t, data)} />
              <FindingsPagination total={data.total} page={page} onChange={(next) => show(filter, next)} />
            </>
          )}
        </QueryContent>
      </Stack>
    </>
  );
}
