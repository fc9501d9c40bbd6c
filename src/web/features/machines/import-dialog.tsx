// The inventory upload: choose a file (CSV, XLSX or a CycloneDX 1.6 BOM), check it (dry run), see
// counts, warnings and errors (per row and column, or per JSON pointer into a BOM), and import only
// when the check found no errors. Nothing is written before "Import".
import { Alert, Button, FileInput, Group, Menu, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import type { FileProblem, InventoryImportResult } from '../../app/api-types.ts';
import { FormModal } from '../../app/form-modal.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { downloadTemplate, useImportInventory } from './machines.api.ts';

/** The problems of a failed upload that point into the file (a server may answer errors as a 4xx problem). */
function fileProblemsOf(error: unknown): FileProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors.filter((entry) => entry.row !== undefined || entry.column !== undefined || (entry.file !== undefined && entry.path !== undefined));
}

/** Counts of what the import creates, changes and removes. */
function Counts({ result }: { result: InventoryImportResult }) {
  const { t } = useTranslation();
  const entries = [
    ['machinesCreated', result.machines_created],
    ['machinesUpdated', result.machines_updated],
    ['componentsCreated', result.components_created],
    ['componentsUpdated', result.components_updated],
    ['componentsRemoved', result.components_removed],
  ] as const;
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 5 }} spacing="xs" m={0}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <Text component="dt" size="xs" c="dimmed">
            {t(`import.counts.${key}`)}
          </Text>
          <Text component="dd" m={0} fw={700} size="lg">
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** Warnings or errors with row, column (or, in a CycloneDX file, the JSON pointer), value and message. */
export function ProblemTable({ problems, label }: { problems: readonly FileProblem[]; label: string }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={label} minWidth={560}>
      <Table striped verticalSpacing={4} fz="sm">
        <Table.Caption>{label}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('import.row')}</Table.Th>
            <Table.Th scope="col">{problems.some((problem) => problem.path !== undefined) ? t('cyclonedxImport.location') : t('import.column')}</Table.Th>
            <Table.Th scope="col">{t('import.value')}</Table.Th>
            <Table.Th scope="col">{t('import.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((problem, index) => (
            <Table.Tr key={`${problem.row ?? ''}-${problem.column ?? problem.path ?? ''}-${index}`}>
              <Table.Td>{problem.row ?? '—'}</Table.Td>
              <Table.Td>
                {problem.column ??
                  (problem.path !== undefined ? (
                    <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }}>
                      {problem.path}
                    </Text>
                  ) : (
                    '—'
                  ))}
              </Table.Td>
              <Table.Td>
                <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {problem.value ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {problem.message}
                <Text span size="xs" c="dimmed" display="block" ff="monospace">
                  {problem.code}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The import dialog. */
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('import.title')} size="xl">
      <ImportSteps onClose={onClose} />
    </FormModal>
  );
}

function ImportSteps({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const check = useImportInventory();
  const run = useImportInventory();
  const template = useMutation({ mutationFn: downloadTemplate });
  const checked = check.data;
  const done = run.data;
  const rowErrors = fileProblemsOf(check.error);
  const canImport = checked !== undefined && checked.errors.length === 0 && !done;

  const choose = (next: File | null) => {
    setFile(next);
    check.reset();
    run.reset();
  };

  if (done) {
    return (
      <Stack>
        <Alert color="green" variant="light" role="status" title={t('import.doneTitle')}>
          {t('import.done')}
        </Alert>
        <Counts result={done} />
        {done.warnings.length > 0 && <ProblemTable problems={done.warnings} label={t('import.warnings', { count: done.warnings.length })} />}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack>
      <Text size="sm">{t('cyclonedxImport.intro')}</Text>
      <Group align="flex-end" gap="sm">
        <FileInput
          label={t('import.file')}
          description={t('cyclonedxImport.fileHint')}
          accept=".csv,.xlsx,.json,.cdx.json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/json,application/vnd.cyclonedx+json"
          value={file}
          onChange={choose}
          clearable
          clearButtonProps={{ 'aria-label': t('import.clearFile') }}
          style={{ flex: '1 1 16rem' }}
        />
        <Menu>
          <Menu.Target>
            <Button variant="default" loading={template.isPending}>
              {t('import.template')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => template.mutate('xlsx')}>XLSX</Menu.Item>
            <Menu.Item onClick={() => template.mutate('csv')}>CSV</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <ProblemAlert error={template.error} />
      <Group>
        <Button variant={canImport ? 'default' : 'filled'} disabled={!file} loading={check.isPending} onClick={() => file && check.mutate({ file, dryRun: true })}>
          {t('import.check')}
        </Button>
      </Group>
      {check.isError && rowErrors.length === 0 && <ProblemAlert error={check.error} />}
      {rowErrors.length > 0 && (
        <>
          <Alert color="red" variant="light" role="alert" title={t('import.hasErrors', { count: rowErrors.length })}>
            {t('import.nothingWritten')}
          </Alert>
          <ProblemTable problems={rowErrors} label={t('import.errors', { count: rowErrors.length })} />
        </>
      )}
      {checked && (
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('import.checkResult')}
          </Title>
          {checked.errors.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title={t('import.hasErrors', { count: checked.errors.length })}>
              {t('import.nothingWritten')}
            </Alert>
          ) : (
            <Alert color="green" variant="light" role="status">
              {t('import.checkedOk')}
            </Alert>
          )}
          <Counts result={checked} />
          {checked.errors.length > 0 && <ProblemTable problems={checked.errors} label={t('import.errors', { count: checked.errors.length })} />}
          {checked.warnings.length > 0 && <ProblemTable problems={checked.warnings} label={t('import.warnings', { count: checked.warnings.length })} />}
        </Stack>
      )}
      <ProblemAlert error={run.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        {canImport && (
          <Button loading={run.isPending} onClick={() => file && run.mutate({ file, dryRun: false })}>
            {t('import.run')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
