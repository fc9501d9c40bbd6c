// The findings table every findings view shares: machine, component, advisory and CVE, scores,
// status, how it matched (the reason and the matched products in an expandable row), remediations
// in short, and the false-match actions the server allows for each finding. Also the paged panel
// that the machine and advisory pages show it in.
import { Anchor, Box, Button, Pagination, Stack, Switch, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FindingListView, FindingView } from '../../app/api-types.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { KevBadge } from '../advisories/advisories-page.tsx';
import { Field, FieldGrid } from '../machines/field-grid.tsx';
import { machinePath } from '../machines/machine-tabs.ts';
import { FalseMatchDialog } from './false-match-dialog.tsx';
import { emptyFindingFilter } from './finding-filter.ts';
import { remediationsInOrder } from './finding-remediations.ts';
import { ConfidenceBadge, FalseMatchBadge, FindingStatusBadge, findingLabel } from './finding-labels.tsx';
import { findingPageSize, useFindingList, useUndoFalseMatch } from './findings.api.ts';

const wrap = { overflowWrap: 'anywhere' } as const;
// Ids and codes read as one word; a break inside "HUM-RS-DRE-01" or a CVE misleads.
const noWrap = { whiteSpace: 'nowrap' } as const;
// Row buttons may take two lines, so the actions column stays narrow.
const twoLineButton = { root: { height: 'auto', paddingBlock: 4 }, label: { whiteSpace: 'normal', textAlign: 'center' } } as const;
const preWrap = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;
const markAction = 'finding.mark_false_match';

/** Names one finding in buttons and dialogs: vulnerability, component, machine. */
function findingName(finding: FindingView): string {
  return `${finding.cve ?? finding.vulnerability_key} · ${finding.component.name} · ${finding.machine.machine_id}`;
}

function remediationLabel(t: TFunction, category: string): string {
  return t(`advisories.codes.remediation.${category}`, { defaultValue: category });
}

/** Columns a page leaves out because it names them already (the machine on its own page, the advisory on its). */
export interface HiddenColumns {
  machine?: boolean;
  advisory?: boolean;
}

export interface FindingsTableProps {
  items: readonly FindingView[];
  /** Names the scrollable region. */
  label: string;
  caption: string;
  hide?: HiddenColumns;
}

/** The findings of one page, with details per row and the false-match actions. */
export function FindingsTable({ items, label, caption, hide = {} }: FindingsTableProps) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [marking, setMarking] = useState<FindingView | null>(null);
  const undo = useUndoFalseMatch();
  const withActions = items.some((finding) => finding.allowed_actions.includes(markAction));
  const columns = 6 - (hide.machine ? 1 : 0) + (withActions ? 1 : 0);
  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (!next.delete(id)) next.add(id);
    setExpanded(next);
  };
  return (
    <Stack gap="sm">
      <ProblemAlert error={undo.error} />
      <TableScroll label={label} minWidth={hide.machine ? 720 : 900}>
        <Table verticalSpacing="xs" fz="sm">
          <Table.Caption aria-live="polite">{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {!hide.machine && <Table.Th scope="col">{t('findings.machine')}</Table.Th>}
              <Table.Th scope="col">{t('findings.component')}</Table.Th>
              <Table.Th scope="col">{hide.advisory ? t('findings.cve') : t('findings.advisoryCve')}</Table.Th>
              <Table.Th scope="col">{t('findings.scores')}</Table.Th>
              <Table.Th scope="col">{t('findings.statusMatch')}</Table.Th>
              <Table.Th scope="col">{t('findings.remediations')}</Table.Th>
              {withActions && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((finding) => (
              <Fragment key={finding.id}>
                <FindingRow
                  finding={finding}
                  hide={hide}
                  open={expanded.has(finding.id)}
                  onToggle={() => toggle(finding.id)}
                  onMark={() => setMarking(finding)}
                  onUndo={() => undo.mutate({ findingId: finding.id })}
                  undoing={undo.isPending && undo.variables.findingId === finding.id}
                  withActions={withActions}
                />
                {expanded.has(finding.id) && (
                  <Table.Tr id={`finding-details-${finding.id}`} bg="gray.0">
                    <Table.Td colSpan={columns}>
                      <FindingDetails finding={finding} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <FalseMatchDialog finding={marking} onClose={() => setMarking(null)} />
    </Stack>
  );
}

interface FindingRowProps {
  finding: FindingView;
  hide: HiddenColumns;
  open: boolean;
  onToggle: () => void;
  onMark: () => void;
  onUndo: () => void;
  undoing: boolean;
  /** The table has an actions column (some finding may be marked or unmarked). */
  withActions: boolean;
}

function FindingRow({ finding, hide, open, onToggle, onMark, onUndo, undoing, withActions }: FindingRowProps) {
  const { t } = useTranslation();
  const name = findingName(finding);
  const canMark = finding.allowed_actions.includes(markAction);
  const [first, ...more] = remediationsInOrder(finding.remediations);
  return (
    <Table.Tr>
      {!hide.machine && (
        <Table.Td>
          <Anchor component={Link} to={machinePath(finding.machine.machine_id, 'vulnerabilities')} ff="monospace" fz="sm" style={noWrap}>
            {finding.machine.machine_id}
          </Anchor>
          <Text span size="xs" c="dimmed" display="block" style={wrap}>
            {finding.machine.name} · {finding.site_key}
          </Text>
        </Table.Td>
      )}
      <Table.Td style={wrap}>
        {finding.component.name}
        <Text span size="xs" c="dimmed" display="block">
          {[finding.component.vendor, finding.component.version].filter(Boolean).join(' · ') || '—'}
        </Text>
      </Table.Td>
      <Table.Td style={noWrap}>
        {!hide.advisory && (
          <Anchor component={Link} to={`/advisories/${encodeURIComponent(finding.advisory.id)}`} ff="monospace" fz="sm" display="block">
            {finding.advisory.tracking_id}
          </Anchor>
        )}
        <Text span size="sm" ff="monospace" display="block">
          {finding.cve ?? t('findings.noCve', { key: finding.vulnerability_key })}
        </Text>
        <AlsoIn finding={finding} />
      </Table.Td>
      <Table.Td>
        <Scores finding={finding} />
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <FindingStatusBadge status={finding.status} />
          {finding.false_match && <FalseMatchBadge />}
          <Text span size="xs" style={noWrap}>
            {findingLabel(t, 'matchedBy', finding.matched_by)}
          </Text>
          <ConfidenceBadge confidence={finding.confidence} />
          <Button
            size="compact-xs"
            variant="subtle"
            px={0}
            aria-expanded={open}
            aria-controls={open ? `finding-details-${finding.id}` : undefined}
            aria-label={t('findings.detailsNamed', { name })}
            onClick={onToggle}
          >
            {open ? `▾ ${t('findings.details')}` : `▸ ${t('findings.details')}`}
          </Button>
        </Stack>
      </Table.Td>
      <Table.Td miw={160}>
        {first ? (
          <>
            <Text span size="sm" fw={600} display="block">
              {remediationLabel(t, first.category)}
            </Text>
            <Text size="xs" lineClamp={2} style={wrap}>
              {first.details}
            </Text>
            {more.length > 0 && (
              <Text span size="xs" c="dimmed" display="block">
                {t('findings.moreRemediations', { count: more.length })}
              </Text>
            )}
          </>
        ) : (
          <Text span size="sm" c="dimmed">
            {t('findings.noRemediation')}
          </Text>
        )}
      </Table.Td>
      {withActions && (
        <Table.Td>
          {canMark && !finding.false_match && (
            <Button size="compact-xs" variant="default" styles={twoLineButton} onClick={onMark} aria-label={t('findings.markNamed', { name })}>
              {t('findings.mark')}
            </Button>
          )}
          {canMark && finding.false_match && (
            <Button size="compact-xs" variant="default" styles={twoLineButton} loading={undoing} onClick={onUndo} aria-label={t('findings.undoNamed', { name })}>
              {t('findings.undo')}
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/**
 * The other advisories that carry the same CVE for the same component (a vendor advisory and its
 * CISA republication): one vulnerability to handle, found more than once.
 */
function AlsoIn({ finding }: { finding: FindingView }) {
  const { t } = useTranslation();
  if (finding.also_in.length === 0) return null;
  return (
    // The cell does not wrap; between the advisories this line may.
    <Text span size="xs" c="dimmed" display="block" style={{ whiteSpace: 'normal' }}>
      {t('findings.alsoIn')}{' '}
      {finding.also_in.map((advisory, index) => (
        <Fragment key={advisory.advisory_id}>
          {index > 0 && ', '}
          <Anchor component={Link} to={`/advisories/${encodeURIComponent(advisory.advisory_id)}`} ff="monospace" inherit style={noWrap}>
            {advisory.tracking_id}
          </Anchor>
        </Fragment>
      ))}
    </Text>
  );
}

/** CVSS base score and severity, the KEV marker and the EPSS probability. */
function Scores({ finding }: { finding: FindingView }) {
  const { t } = useTranslation();
  const { cvss, enrichment } = finding;
  return (
    <Stack gap={4} align="flex-start">
      <Text span size="sm">
        {cvss?.base_score != null ? (
          <>
            <Text span fw={600} inherit>
              {cvss.base_score.toFixed(1)}
            </Text>
            {cvss.base_severity && ` ${t(`findings.severity.${cvss.base_severity.toLowerCase()}`, { defaultValue: cvss.base_severity })}`}
          </>
        ) : (
          t('findings.noCvss')
        )}
      </Text>
      {enrichment?.kev && (
        <Box miw="max-content">
          <KevBadge />
        </Box>
      )}
      {enrichment?.epss && (
        <Text span size="xs" c="dimmed">
          {t('findings.epss', { score: (enrichment.epss.score * 100).toFixed(2) })}
        </Text>
      )}
    </Stack>
  );
}

/** The expandable part of a row: why and how it matched, every remediation, the false-match mark. */
function FindingDetails({ finding }: { finding: FindingView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Stack gap="sm" py="xs">
      <FieldGrid>
        <Field label={t('findings.reasonOfMatch')}>{finding.reason}</Field>
        <Field label={t('findings.csafStatus')}>{finding.csaf_status}</Field>
        <Field label={t('findings.productIds')}>{finding.product_ids.join(', ')}</Field>
        <Field label={t('findings.branchPath')}>{finding.branch_path.map((step) => step.name).join(' › ')}</Field>
        <Field label={t('findings.vulnerabilityTitle')}>{finding.vulnerability_title}</Field>
        {finding.cvss && <Field label={t('findings.cvssVector')}>{finding.cvss.vector.startsWith('CVSS:') ? finding.cvss.vector : `CVSS ${finding.cvss.version} ${finding.cvss.vector}`}</Field>}
        {finding.enrichment?.kev && (
          <Field label={t('findings.kevDue')}>{t('findings.kevDueValue', { added: formatDate(finding.enrichment.kev.date_added, language), due: formatDate(finding.enrichment.kev.due_date, language) })}</Field>
        )}
        {finding.enrichment?.epss && (
          <Field label={t('findings.epssLabel')}>
            {t('advisories.epssValue', { score: (finding.enrichment.epss.score * 100).toFixed(2), percentile: (finding.enrichment.epss.percentile * 100).toFixed(0) })}
          </Field>
        )}
        {finding.false_match && (
          <Field label={t('findings.falseMatchBy', { by: finding.false_match.by, at: formatDateTime(finding.false_match.at, language) })}>{finding.false_match.reason}</Field>
        )}
      </FieldGrid>
      {finding.remediations.length > 0 && (
        <div>
          <Text size="sm" c="dimmed">
            {t('findings.remediations')}
          </Text>
          <Stack gap={4}>
            {remediationsInOrder(finding.remediations).map((remediation, index) => (
              <Text key={index} size="sm" style={preWrap}>
                <Text span fw={600} inherit>
                  {remediationLabel(t, remediation.category)}:
                </Text>{' '}
                {remediation.details}
                {remediation.url && /^https?:\/\//i.test(remediation.url) && (
                  <>
                    {' '}
                    <Anchor href={remediation.url} target="_blank" rel="noopener noreferrer" inherit>
                      {remediation.url}
                    </Anchor>
                  </>
                )}
              </Text>
            ))}
          </Stack>
        </div>
      )}
    </Stack>
  );
}

/** The pager under a findings table; nothing when one page holds everything. */
export function FindingsPagination({ total, page, onChange }: { total: number; page: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / findingPageSize));
  if (pages <= 1) return null;
  return (
    <Pagination
      total={pages}
      value={page}
      onChange={onChange}
      getControlProps={(control) => ({ 'aria-label': t(`advisories.pagination.${control}`) })}
      getItemProps={(item) => ({ 'aria-label': t('advisories.pagination.page', { page: item }) })}
    />
  );
}

/** The caption of a findings page: "3 of 8 findings". */
export function findingsCaption(t: TFunction, data: FindingListView): string {
  return t('findings.caption', { shown: data.items.length, total: data.total });
}

/**
 * The findings of one machine or one advisory, paged, with a switch for false matches: the
 * machine's "Vulnerabilities" and the advisory's "Affected machines".
 */
export function FindingsPanel({ scope, label, emptyText, hide }: { scope: { machine: string } | { advisory: string }; label: string; emptyText: string; hide: HiddenColumns }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [falseMatches, setFalseMatches] = useState(false);
  const list = useFindingList({ ...emptyFindingFilter, ...scope, falseMatches }, page);
  return (
    <Stack>
      <Switch
        label={t('findings.showFalseMatches')}
        checked={falseMatches}
        onChange={(event) => {
          setFalseMatches(event.currentTarget.checked);
          setPage(1);
        }}
      />
      <QueryContent query={list} isEmpty={(data) => data.items.length === 0 && page === 1} emptyText={emptyText}>
        {(data) => (
          <>
            <FindingsTable items={data.items} label={label} caption={findingsCaption(t, data)} hide={hide} />
            <FindingsPagination total={data.total} page={page} onChange={setPage} />
          </>
        )}
      </QueryContent>
    </Stack>
  );
}
