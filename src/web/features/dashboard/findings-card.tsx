// The dashboard's findings card: known affected and under investigation, each linking to the
// findings page with that filter, the known affected vulnerabilities per component (a CVE that a
// vendor advisory and its CISA republication both carry counts once: what becomes one work item),
// and the machines whose matching data is incomplete, linking to the machines list with that filter.
import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryContent } from '../../app/query-content.tsx';
import { findingSearchOf, emptyFindingFilter } from '../findings/finding-filter.ts';
import { useFindingSummary } from '../findings/findings.api.ts';
import { emptyMachineFilter, machineSearchOf } from '../machines/machine-filter.ts';

const statusLink = (status: string): string => `/findings?${findingSearchOf({ ...emptyFindingFilter, status }, 1).toString()}`;
const incompleteMachinesLink = `/machines?${machineSearchOf({ ...emptyMachineFilter, matching_incomplete: 'true' }).toString()}`;

function Figure({ value, label, to }: { value: number; label: string; to?: string }) {
  const number: ReactNode = (
    <Text span fz={28} fw={700} lh={1.2} display="block">
      {value}
    </Text>
  );
  return (
    <Stack gap={2}>
      {to ? (
        <Anchor component={Link} to={to} underline="hover" aria-label={`${value} ${label}`}>
          {number}
        </Anchor>
      ) : (
        number
      )}
      <Text size="sm">{label}</Text>
    </Stack>
  );
}

/** Finding counts in the user's scope, with links to the filtered findings page. */
export function FindingsCard() {
  const { t } = useTranslation();
  const summary = useFindingSummary();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dashboard-findings">
      <Title order={2} size="h4" mb="sm" id="dashboard-findings">
        <Anchor component={Link} to="/findings" inherit>
          {t('nav.findings')}
        </Anchor>
      </Title>
      <QueryContent query={summary} isEmpty={() => false} emptyText="">
        {(data) => (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
            <Figure value={data.by_status.known_affected} label={t('findings.summary.knownAffected')} to={statusLink('known_affected')} />
            <Figure value={data.vulnerabilities_affected} label={t('findings.summary.vulnerabilitiesAffected')} />
            <Figure value={data.by_status.under_investigation} label={t('findings.summary.underInvestigation')} to={statusLink('under_investigation')} />
            <Figure
              value={data.machines_incomplete}
              label={t('findings.summary.machinesIncomplete', { count: data.machines_incomplete })}
              // An empty list is nothing to follow.
              to={data.machines_incomplete > 0 ? incompleteMachinesLink : undefined}
            />
          </SimpleGrid>
        )}
      </QueryContent>
    </Paper>
  );
}
