// The findings on the pages of one machine ("Vulnerabilities", with the notice when its matching
// data is incomplete) and of one advisory ("Affected machines").
import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MachineDetailView } from '../../app/api-types.ts';
import { Section } from '../../app/section.tsx';
import { findingLabel } from './finding-labels.tsx';
import { FindingsPanel } from './findings-table.tsx';

/** The machine's findings, after a notice when matching cannot be trusted for it. */
export function MachineFindingsSection({ machine }: { machine: MachineDetailView }) {
  const { t } = useTranslation();
  const gaps = machine.matching_data_gaps;
  return (
    <Section title={t('findings.machineTitle')}>
      <Stack>
        {gaps.length > 0 && (
          <Alert color="yellow" variant="light" role="status" title={t('findings.incompleteTitle', { gaps: gaps.map((gap) => findingLabel(t, 'gaps', gap)).join(', ') })}>
            {t('findings.incompleteText')}
          </Alert>
        )}
        <FindingsPanel scope={{ machine: machine.machine_id }} label={t('findings.machineTitle')} emptyText={t('findings.machineEmpty')} hide={{ machine: true }} />
      </Stack>
    </Section>
  );
}

/** The machines an advisory affects (every finding of it, by machine and component). */
export function AdvisoryFindingsSection({ advisoryId }: { advisoryId: string }) {
  const { t } = useTranslation();
  return (
    <Section title={t('findings.advisoryTitle')}>
      <FindingsPanel scope={{ advisory: advisoryId }} label={t('findings.advisoryTitle')} emptyText={t('findings.advisoryEmpty')} hide={{ advisory: true }} />
    </Section>
  );
}
