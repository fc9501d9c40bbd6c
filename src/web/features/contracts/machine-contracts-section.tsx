// The contracts and test templates of one machine, compact, for the machine detail page: who updates
// the machine and how, and which templates its commissioning test uses. Parts the user may not read
// are left out.
import { Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { FormModal } from '../../app/form-modal.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import { ContractForm } from './contract-form.tsx';
import { ContractStatusBadge, responsibilityLabel, validityLabel } from './contract-labels.tsx';
import { useContracts, useTemplates } from './contracts.api.ts';
import { TemplateList } from './template-list.tsx';

const isForbidden = (error: unknown): boolean => error instanceof ApiError && error.status === 403;

/** False once both lists answered 403: the user reads neither contracts nor test templates, and the machine page leaves the tab out. */
export function useMachineContractsVisible(machineId: string): boolean {
  const contracts = useContracts(machineId);
  const templates = useTemplates({ machine: machineId });
  return !(isForbidden(contracts.error) && isForbidden(templates.error));
}

/** Contracts and applicable test templates of the machine with this machine_id. */
export function MachineContractsSection({ machineId }: { machineId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const navigate = useNavigate();
  const contracts = useContracts(machineId);
  const templates = useTemplates({ machine: machineId });
  const [creating, create] = useDisclosure(false);
  const contractsHidden = isForbidden(contracts.error);
  const templatesHidden = isForbidden(templates.error);
  if (contractsHidden && templatesHidden) return null;
  return (
    <Section title={t('contracts.machineSection')}>
      <Stack>
        {!contractsHidden && (
          <div>
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h5">
                {t('contracts.title')}
              </Title>
              {contracts.data?.allowed_actions.includes('contract.create') && (
                <Button size="xs" variant="default" onClick={create.open}>
                  {t('contracts.newForMachine')}
                </Button>
              )}
            </Group>
            <QueryContent query={contracts} isEmpty={(data) => data.items.length === 0} emptyText={t('contracts.noneForMachine')}>
              {(data) => (
                <List spacing="xs" listStyleType="none" ml={0} pl={0}>
                  {data.items.map((contract) => (
                    <List.Item key={contract.id}>
                      <Group gap="xs" wrap="wrap">
                        <Anchor component={Link} to={`/contracts/${encodeURIComponent(contract.id)}`} ff="monospace">
                          {contract.reference}
                        </Anchor>
                        <Text span>{contract.supplier}</Text>
                        <ContractStatusBadge status={contract.status} />
                        <Text span size="sm" c="dimmed">
                          {t('contracts.compactTerms', { responsibility: responsibilityLabel(t, contract.responsibility), validity: validityLabel(t, contract, language) })}
                        </Text>
                      </Group>
                      {contract.update_method && (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {t('contracts.updateMethod')}: {contract.update_method}
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              )}
            </QueryContent>
          </div>
        )}
        {!templatesHidden && (
          <div>
            <Title order={3} size="h5" mb="xs">
              {t('testTemplates.forMachine')}
            </Title>
            <QueryContent query={templates} isEmpty={(data) => data.items.length === 0} emptyText={t('testTemplates.noneForMachine')}>
              {(data) => <TemplateList templates={data.items} showOwner compact />}
            </QueryContent>
          </div>
        )}
      </Stack>
      <FormModal opened={creating} onClose={create.close} title={t('contracts.new')} size="xl">
        <ContractForm
          initialMachineIds={[machineId]}
          onCancel={create.close}
          onDone={(contract) => {
            create.close();
            void navigate(`/contracts/${encodeURIComponent(contract.id)}`);
          }}
        />
      </FormModal>
    </Section>
  );
}
