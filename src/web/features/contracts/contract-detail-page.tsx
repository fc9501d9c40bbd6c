// One framework contract: its terms, the supplier's contacts, the machines it covers (linked to
// their pages; those outside the user's scope only counted) and its commissioning test templates.
import { Anchor, Badge, Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ContractView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { formatDateTime } from '../../app/format.ts';
import { FormModal } from '../../app/form-modal.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { HistorySection } from '../audit/history-section.tsx';
import { Field, FieldGrid } from '../machines/field-grid.tsx';
import { ContractForm } from './contract-form.tsx';
import { ContractStatusBadge, formatDay, responsibilityLabel } from './contract-labels.tsx';
import { useContract, useContractHistory, useTemplates } from './contracts.api.ts';
import { TemplateEditor } from './template-editor.tsx';
import { TemplateList } from './template-list.tsx';

/** The contract detail page. */
export function ContractDetailPage() {
  const { t } = useTranslation();
  const { contractId = '' } = useParams();
  const contract = useContract(contractId);
  if (contract.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (contract.isError) {
    return (
      <>
        <BackLink />
        <PageHeader title={t('contracts.title')} />
        <ProblemAlert error={contract.error} />
      </>
    );
  }
  return <ContractDetail contract={contract.data} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/contracts" size="sm">
      ← {t('contracts.back')}
    </Anchor>
  );
}

function ContractDetail({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [editing, edit] = useDisclosure(false);
  const history = useContractHistory(contract.id);
  return (
    <>
      <BackLink />
      <PageHeader
        title={t('contracts.detailTitle', { reference: contract.reference })}
        actions={contract.allowed_actions.includes('contract.update') && <Button onClick={edit.open}>{t('common.edit')}</Button>}
      />
      <Stack>
        <Group gap="xs">
          <ContractStatusBadge status={contract.status} />
        </Group>
        <Section title={t('contracts.groups.contract')}>
          <FieldGrid>
            <Field label={t('contracts.reference')}>{contract.reference}</Field>
            <Field label={t('contracts.supplier')}>{contract.supplier}</Field>
            <Field label={t('contracts.validFrom')}>{contract.valid_from ? formatDay(contract.valid_from, language) : t('contracts.openEnd')}</Field>
            <Field label={t('contracts.validUntil')}>{contract.valid_until ? formatDay(contract.valid_until, language) : t('contracts.openEnd')}</Field>
            <Field label={t('contracts.sla')}>{contract.sla}</Field>
            <Field label={t('contracts.notes')}>{contract.notes}</Field>
            <Field label={t('contracts.createdAt')}>{formatDateTime(contract.created_at, language)}</Field>
            <Field label={t('contracts.updatedAt')}>{formatDateTime(contract.updated_at, language)}</Field>
          </FieldGrid>
        </Section>
        <Section title={t('contracts.groups.updates')}>
          <FieldGrid>
            <Field label={t('contracts.responsibility')}>{responsibilityLabel(t, contract.responsibility)}</Field>
            <Field label={t('contracts.responsible')}>{contract.responsible ? `${contract.responsible_name ?? contract.responsible} (${contract.responsible})` : null}</Field>
            <Field label={t('contracts.updateObligation')}>{contract.update_obligation}</Field>
            <Field label={t('contracts.updateMethod')}>{contract.update_method}</Field>
          </FieldGrid>
        </Section>
        <ContactsSection contract={contract} />
        <MachinesSection contract={contract} />
        <TemplatesSection contract={contract} />
        <HistorySection history={history} objectKey={contract.reference} emptyText={t('contracts.noHistory')} />
      </Stack>
      <FormModal opened={editing} onClose={edit.close} title={t('contracts.editTitle', { reference: contract.reference })} size="xl">
        <ContractForm contract={contract} onDone={edit.close} onCancel={edit.close} />
      </FormModal>
    </>
  );
}

function ContactsSection({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  return (
    <Section title={t('contracts.contacts')}>
      {contract.contacts.length === 0 ? (
        <Text c="dimmed">{t('contracts.noContacts')}</Text>
      ) : (
        <Stack gap="sm">
          <Group justify="flex-end">
            <ExportMenu
              table={t('contracts.contacts')}
              fileBase={t('contracts.contactsFile')}
              fileQualifiers={[contract.reference]}
              load={() => ({
                header: [t('contracts.contactName'), t('contracts.contactRole'), t('contracts.contactPhone'), t('contracts.contactEmail')],
                rows: contract.contacts.map((contact) => [contact.name, contact.role ?? '', contact.phone ?? '', contact.email ?? '']),
              })}
            />
          </Group>
          <TableScroll label={t('contracts.contacts')} minWidth={560}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('contracts.contactName')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.contactRole')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.contactPhone')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.contactEmail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contract.contacts.map((contact, index) => (
                  <Table.Tr key={`${contact.name}-${index}`}>
                    <Table.Td>{contact.name}</Table.Td>
                    <Table.Td>{contact.role ?? '—'}</Table.Td>
                    <Table.Td>{contact.phone ? <Anchor href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</Anchor> : '—'}</Table.Td>
                    <Table.Td>{contact.email ? <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Stack>
      )}
    </Section>
  );
}

function MachinesSection({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  return (
    <Section title={t('contracts.machines')}>
      <Stack gap="sm">
        {contract.machines.length > 0 && (
          <TableScroll label={t('contracts.machines')} minWidth={480}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('machines.machineId')}</Table.Th>
                  <Table.Th scope="col">{t('machines.name')}</Table.Th>
                  <Table.Th scope="col">{t('machines.site')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contract.machines.map((machine) => (
                  <Table.Tr key={machine.machine_id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/machines/${encodeURIComponent(machine.machine_id)}`} ff="monospace">
                        {machine.machine_id}
                      </Anchor>
                      {machine.decommissioned && (
                        <Badge ml="xs" size="xs" color="gray" variant="outline" tt="none">
                          {t('machines.decommissioned')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{machine.name}</Table.Td>
                    <Table.Td>{machine.site_key}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {contract.hidden_machine_count > 0 && (
          <Text size="sm" c="dimmed">
            {t('contracts.hiddenMachines', { count: contract.hidden_machine_count })}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function TemplatesSection({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const templates = useTemplates({ contract: contract.id });
  const [creating, create] = useDisclosure(false);
  const mayCreate = contract.allowed_actions.includes('test_template.create');
  return (
    <Section title={t('testTemplates.ofThisContract')}>
      <Stack>
        <Text size="sm">{t('testTemplates.contractIntro')}</Text>
        {mayCreate && (
          <div>
            <Button variant="default" onClick={create.open}>
              {t('testTemplates.new')}
            </Button>
          </div>
        )}
        <QueryContent query={templates} isEmpty={(data) => data.items.length === 0} emptyText={t('testTemplates.emptyContract')}>
          {(data) => <TemplateList templates={data.items} />}
        </QueryContent>
      </Stack>
      <FormModal opened={creating} onClose={create.close} title={t('testTemplates.new')} size="xl">
        <TemplateEditor owner={{ contractId: contract.id }} onDone={create.close} onCancel={create.close} />
      </FormModal>
    </Section>
  );
}
