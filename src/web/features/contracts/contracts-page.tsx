// Contracts: the framework contracts in scope (filter by status, export, "New contract" with
// contract.create) and, on a second tab, the commissioning test templates per machine type of a site.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { contractStatuses, type ContractView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { useSites } from '../../app/reference-data.ts';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { ContractForm } from './contract-form.tsx';
import { ContractStatusBadge, responsibilityLabel, statusLabel, validityLabel } from './contract-labels.tsx';
import { useContracts, useTemplates } from './contracts.api.ts';
import { TemplateEditor } from './template-editor.tsx';
import { TemplateList } from './template-list.tsx';

const machineCount = (contract: ContractView): number => contract.machines.length + contract.hidden_machine_count;

/** The contracts page: contracts and machine-type templates as tabs (`?tab=types`). */
export function ContractsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'types' ? 'types' : 'contracts';
  return (
    <>
      <PageHeader title={t('nav.contracts')} />
      <Tabs value={tab} onChange={(value) => setSearchParams(value === 'types' ? { tab: 'types' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="contracts">{t('contracts.tabContracts')}</Tabs.Tab>
          <Tabs.Tab value="types">{t('contracts.tabTypeTemplates')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contracts">
          <ContractsTab />
        </Tabs.Panel>
        <Tabs.Panel value="types">
          <TypeTemplatesTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function ContractsTab() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const contracts = useContracts();
  const navigate = useNavigate();
  const [status, setStatus] = useState('');
  const [creating, { open, close }] = useDisclosure(false);
  const shown = (contracts.data?.items ?? []).filter((contract) => status === '' || contract.status === status);
  return (
    <Section title={t('contracts.title')}>
      <Stack>
        <Group justify="space-between" align="flex-end">
          <NativeSelect
            label={t('contracts.statusFilter')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
            data={[{ value: '', label: t('contracts.allStatuses') }, ...contractStatuses.map((code) => ({ value: code, label: statusLabel(t, code) }))]}
          />
          <Group gap="sm">
            {shown.length > 0 && (
              <ExportMenu
                table={t('contracts.title')}
                fileBase={t('contracts.exportFile')}
                load={() => ({
                  header: [t('contracts.reference'), t('contracts.supplier'), t('contracts.responsibility'), t('contracts.validFrom'), t('contracts.validUntil'), t('contracts.status'), t('contracts.machineCount'), t('contracts.machines')],
                  rows: shown.map((contract) => [
                    contract.reference,
                    contract.supplier,
                    responsibilityLabel(t, contract.responsibility),
                    contract.valid_from ?? '',
                    contract.valid_until ?? '',
                    statusLabel(t, contract.status),
                    String(machineCount(contract)),
                    contract.machines.map((machine) => machine.machine_id).join(', '),
                  ]),
                })}
              />
            )}
            {contracts.data?.allowed_actions.includes('contract.create') && <Button onClick={open}>{t('contracts.new')}</Button>}
          </Group>
        </Group>
        <QueryContent query={contracts} isEmpty={(data) => data.items.length === 0} emptyText={t('contracts.empty')}>
          {() =>
            shown.length === 0 ? (
              <Text c="dimmed">{t('contracts.noneWithStatus')}</Text>
            ) : (
              <TableScroll label={t('contracts.title')} minWidth={760}>
                <Table striped highlightOnHover verticalSpacing="sm">
                  <Table.Caption>{t('contracts.caption', { count: shown.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('contracts.reference')}</Table.Th>
                      <Table.Th scope="col">{t('contracts.supplier')}</Table.Th>
                      <Table.Th scope="col">{t('contracts.responsibility')}</Table.Th>
                      <Table.Th scope="col">{t('contracts.validity')}</Table.Th>
                      <Table.Th scope="col">{t('contracts.machineCount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((contract) => (
                      <Table.Tr key={contract.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/contracts/${encodeURIComponent(contract.id)}`} ff="monospace">
                            {contract.reference}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{contract.supplier}</Table.Td>
                        <Table.Td>{responsibilityLabel(t, contract.responsibility)}</Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <ContractStatusBadge status={contract.status} />
                            <Text span size="sm">
                              {validityLabel(t, contract, language)}
                            </Text>
                          </Group>
                        </Table.Td>
                        <Table.Td>{machineCount(contract)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )
          }
        </QueryContent>
      </Stack>
      <FormModal opened={creating} onClose={close} title={t('contracts.new')} size="xl">
        <ContractForm
          onCancel={close}
          onDone={(contract) => {
            close();
            void navigate(`/contracts/${encodeURIComponent(contract.id)}`);
          }}
        />
      </FormModal>
    </Section>
  );
}

function TypeTemplatesTab() {
  const { t } = useTranslation();
  const sites = useSites();
  const [site, setSite] = useState('');
  const siteKeys = (sites.data ?? []).map((entry) => entry.key);
  const chosen = site || siteKeys[0] || '';
  const templates = useTemplates({ site: chosen });
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <Section title={t('contracts.tabTypeTemplates')}>
      <Stack>
        <Text size="sm">{t('testTemplates.typeIntro')}</Text>
        <Group justify="space-between" align="flex-end">
          <NativeSelect label={t('testTemplates.site')} value={chosen} onChange={(event) => setSite(event.currentTarget.value)} data={siteKeys} />
          {templates.data?.allowed_actions.includes('test_template.create') && <Button onClick={open}>{t('testTemplates.newType')}</Button>}
        </Group>
        {siteKeys.length === 0 && !sites.isPending ? (
          <Text c="dimmed">{t('testTemplates.noSites')}</Text>
        ) : (
          <QueryContent query={templates} isEmpty={(data) => data.items.length === 0} emptyText={t('testTemplates.emptyType')}>
            {(data) => <TemplateList templates={data.items} showOwner />}
          </QueryContent>
        )}
      </Stack>
      <FormModal opened={creating} onClose={close} title={t('testTemplates.newType')} size="xl">
        <TemplateEditor owner={{ siteKey: chosen }} onDone={close} onCancel={close} />
      </FormModal>
    </Section>
  );
}
