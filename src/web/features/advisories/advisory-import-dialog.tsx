// The CSAF upload: choose one or more JSON files, import them, and see what happened to each:
// counts of imported, updated and unchanged documents, and the flagged, rejected and skipped files
// with their problems.
import { Alert, Button, FileInput, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdvisoryImportResult, AdvisoryProblem } from '../../app/api-types.ts';
import { FormModal } from '../../app/form-modal.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { useImportAdvisories } from './advisories.api.ts';

/** One row per problem of a file: file, code, test, path, message. */
export function AdvisoryProblemTable({ label, entries }: { label: string; entries: readonly { file: string; errors: readonly AdvisoryProblem[] }[] }) {
  const { t } = useTranslation();
  const rows = entries.flatMap((entry) => entry.errors.map((error, index) => ({ file: entry.file, error, key: `${entry.file}-${index}` })));
  return (
    <TableScroll label={label} minWidth={640}>
      <Table striped verticalSpacing={4} fz="sm">
        <Table.Caption>{label}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('advisories.import.file')}</Table.Th>
            <Table.Th scope="col">{t('advisories.problem.test')}</Table.Th>
            <Table.Th scope="col">{t('advisories.problem.path')}</Table.Th>
            <Table.Th scope="col">{t('advisories.problem.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ file, error, key }) => (
            <Table.Tr key={key}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{file}</Table.Td>
              <Table.Td>{error.test ?? '—'}</Table.Td>
              <Table.Td>
                <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {error.path ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {error.message}
                <Text span size="xs" c="dimmed" display="block" ff="monospace">
                  {error.code}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function ImportResult({ result }: { result: AdvisoryImportResult }) {
  const { t } = useTranslation();
  const counts = [
    ['imported', result.imported],
    ['updated', result.updated],
    ['unchanged', result.unchanged],
    ['flagged', result.flagged.length],
    ['rejected', result.rejected.length],
    ['skipped', result.skipped.length],
  ] as const;
  return (
    <Stack gap="sm">
      <SimpleGrid component="dl" cols={{ base: 2, sm: 6 }} spacing="xs" m={0}>
        {counts.map(([key, value]) => (
          <div key={key}>
            <Text component="dt" size="xs" c="dimmed">
              {t(`advisories.import.counts.${key}`)}
            </Text>
            <Text component="dd" m={0} fw={700} size="lg">
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {result.rejected.length > 0 && <AdvisoryProblemTable label={t('advisories.import.rejectedTable', { count: result.rejected.length })} entries={result.rejected} />}
      {result.flagged.length > 0 && <AdvisoryProblemTable label={t('advisories.import.flaggedTable', { count: result.flagged.length })} entries={result.flagged} />}
      {result.skipped.length > 0 && (
        <Stack gap={4}>
          <Title order={3} size="h6">
            {t('advisories.import.skippedTitle', { count: result.skipped.length })}
          </Title>
          {result.skipped.map((skipped) => (
            <Text key={skipped.file} size="sm">
              {skipped.file}: {t(`advisories.import.skipReasons.${skipped.reason}`)}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** The import dialog. */
export function AdvisoryImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('advisories.import.title')} size="xl">
      <ImportSteps onClose={onClose} />
    </FormModal>
  );
}

function ImportSteps({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const run = useImportAdvisories();
  const done = run.data;
  return (
    <Stack>
      <Text size="sm">{t('advisories.import.intro')}</Text>
      <FileInput
        multiple
        label={t('advisories.import.files')}
        description={t('advisories.import.filesHint')}
        accept=".json,application/json,.sha256,.sha512,.asc"
        value={files}
        onChange={(next) => {
          setFiles(next);
          run.reset();
        }}
        clearable
        clearButtonProps={{ 'aria-label': t('advisories.import.clearFiles') }}
      />
      <ProblemAlert error={run.error} />
      {done && (
        <>
          <Alert color={done.rejected.length > 0 ? 'yellow' : 'green'} variant="light" role="status" title={t('advisories.import.doneTitle')}>
            {done.rejected.length > 0 ? t('advisories.import.doneWithRejected') : t('advisories.import.done')}
          </Alert>
          <ImportResult result={done} />
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
        {!done && (
          <Button disabled={files.length === 0} loading={run.isPending} onClick={() => run.mutate(files)}>
            {t('advisories.import.run')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
