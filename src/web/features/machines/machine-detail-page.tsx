// One machine: its header, then tabs whose choice stands in the URL — the overview (fields grouped
// as identity, location, safety/SSVC, network with interfaces, lifecycle), components (removed ones
// on request), vulnerabilities (findings, marked when matching data is incomplete), partner
// systems, contracts and the machine's audit history; writes per allowed_actions; its SBOM as CycloneDX.
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Stack, Switch, Table, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ComponentView, MachineDetailView } from '../../app/api-types.ts';
import { ConfirmButton } from '../../app/confirm-button.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { RowActions } from '../../app/row-actions.tsx';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { HistorySection } from '../audit/history-section.tsx';
import { ComponentForm } from './component-form.tsx';
import { Field, FieldGrid } from './field-grid.tsx';
import { InterfacesForm } from './interfaces-form.tsx';
import { MachineContractsSection, useMachineContractsVisible } from '../contracts/machine-contracts-section.tsx';
import { emptyFindingFilter } from '../findings/finding-filter.ts';
import { MachineFindingsSection } from '../findings/findings-sections.tsx';
import { useFindingCount } from '../findings/findings.api.ts';
import { codeLabel, CriticalityBadge, NetworkStateBadge, yesNo } from './machine-labels.tsx';
import { MachineForm } from './machine-form.tsx';
import { machineTabOf } from './machine-tabs.ts';
import { useDecommissionMachine, useMachine, useMachineHistory, useRemoveComponent } from './machines.api.ts';
import { useDownloadSbom } from './partner-systems.api.ts';
import { PartnerSystemsSection } from './partner-systems-section.tsx';

/** The machine detail page. */
export function MachineDetailPage() {
  const { t } = useTranslation();
  const { machineId = '' } = useParams();
  const [showRemoved, setShowRemoved] = useState(false);
  const machine = useMachine(machineId, showRemoved);
  if (machine.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (machine.isError) {
    return (
      <>
        <PageHeader title={machineId} />
        <ProblemAlert error={machine.error} />
      </>
    );
  }
  return <MachineDetail machine={machine.data} showRemoved={showRemoved} onShowRemoved={setShowRemoved} />;
}

function MachineDetail({ machine, showRemoved, onShowRemoved }: { machine: MachineDetailView; showRemoved: boolean; onShowRemoved: (value: boolean) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [editing, edit] = useDisclosure(false);
  const decommission = useDecommissionMachine(machine.machine_id);
  const sbom = useDownloadSbom(machine.machine_id);
  const history = useMachineHistory(machine.id);
  const findingCount = useFindingCount({ ...emptyFindingFilter, machine: machine.machine_id });
  const contractsVisible = useMachineContractsVisible(machine.machine_id);
  const [params, setParams] = useSearchParams();
  const requestedTab = machineTabOf(params.get('tab'));
  const tab = requestedTab === 'contracts' && !contractsVisible ? 'overview' : requestedTab;
  // Replaced, not pushed: going back leaves the machine instead of stepping through its tabs.
  const selectTab = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const chosen = machineTabOf(value);
        if (chosen === 'overview') next.delete('tab');
        else next.set('tab', chosen);
        return next;
      },
      { replace: true },
    );
  const componentsInUse = machine.components.filter((component) => !component.removed_at).length;
  const gaps = machine.matching_data_gaps;
  const can = (action: string) => machine.allowed_actions.includes(action);
  return (
    <>
      <Anchor component={Link} to="/machines" size="sm">
        ← {t('machines.back')}
      </Anchor>
      <PageHeader
        title={`${machine.name} (${machine.machine_id})`}
        actions={
          <>
            <Button variant="default" loading={sbom.isPending} onClick={() => sbom.mutate()}>
              {t('partnerSystems.sbomExport')}
            </Button>
            {can('machine.update') && <Button onClick={edit.open}>{t('common.edit')}</Button>}
            {can('machine.decommission') && (
              <ConfirmButton
                variant="outline"
                color="red.8"
                loading={decommission.isPending}
                title={t('machines.decommissionTitle', { id: machine.machine_id })}
                message={t('machines.decommissionMessage')}
                confirmLabel={t('machines.decommission')}
                onConfirm={() => decommission.mutate({ version: machine.version })}
              >
                {t('machines.decommission')}
              </ConfirmButton>
            )}
          </>
        }
      />
      <Stack>
        <ProblemAlert error={decommission.error} />
        <ProblemAlert error={sbom.error} title={t('partnerSystems.sbomFailed')} />
        <Group gap="xs">
          <NetworkStateBadge state={machine.network_state} />
          <CriticalityBadge value={machine.criticality} />
          {machine.decommissioned_at && (
            <Badge color="gray" variant="outline" tt="none">
              {t('machines.decommissionedAt', { date: formatDate(machine.decommissioned_at, language) })}
            </Badge>
          )}
        </Group>
        {machine.decommissioned_at && (
          <Alert color="gray" variant="light">
            {t('machines.decommissionedNote')}
          </Alert>
        )}
        <Tabs value={tab} onChange={selectTab} keepMounted={false} styles={{ tabSection: { gap: 6 } }}>
          <Tabs.List mb="md" aria-label={t('machines.tabs.label')}>
            <Tabs.Tab value="overview">{t('machines.tabs.overview')}</Tabs.Tab>
            <Tabs.Tab value="components" rightSection={<TabCount count={componentsInUse} label={t('machines.tabs.componentCount', { count: componentsInUse })} />}>
              {t('machines.tabs.components')}
            </Tabs.Tab>
            <Tabs.Tab
              value="vulnerabilities"
              rightSection={
                findingCount.data === undefined && gaps.length === 0 ? undefined : (
                  <>
                    {findingCount.data !== undefined && <TabCount count={findingCount.data} label={t('machines.tabs.findingCount', { count: findingCount.data })} />}
                    {gaps.length > 0 && <WarningSign label={t('machines.tabs.matchingIncomplete')} />}
                  </>
                )
              }
            >
              {t('machines.tabs.vulnerabilities')}
            </Tabs.Tab>
            <Tabs.Tab value="partners">{t('machines.tabs.partners')}</Tabs.Tab>
            {contractsVisible && <Tabs.Tab value="contracts">{t('machines.tabs.contracts')}</Tabs.Tab>}
            <Tabs.Tab value="history">{t('machines.tabs.history')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="overview">
            <MachineOverview machine={machine} />
          </Tabs.Panel>
          <Tabs.Panel value="components">
            <ComponentsSection machine={machine} showRemoved={showRemoved} onShowRemoved={onShowRemoved} />
          </Tabs.Panel>
          <Tabs.Panel value="vulnerabilities">
            <MachineFindingsSection machine={machine} />
          </Tabs.Panel>
          <Tabs.Panel value="partners">
            <PartnerSystemsSection machine={machine} />
          </Tabs.Panel>
          {contractsVisible && (
            <Tabs.Panel value="contracts">
              <MachineContractsSection machineId={machine.machine_id} />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="history">
            <HistorySection history={history} objectKey={machine.machine_id} emptyText={t('machines.noHistory')} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      <FormModal opened={editing} onClose={edit.close} title={t('machines.editTitle', { id: machine.machine_id })} size="xl">
        <MachineForm machine={machine} onDone={edit.close} onCancel={edit.close} />
      </FormModal>
    </>
  );
}

/** The machine's fields in groups, the network with its interfaces. */
function MachineOverview({ machine }: { machine: MachineDetailView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Stack>
      <Section title={t('machines.groups.identity')}>
        <FieldGrid>
          <Field label={t('machines.machineId')}>{machine.machine_id}</Field>
          <Field label={t('machines.name')}>{machine.name}</Field>
          <Field label={t('machines.vendor')}>{machine.vendor}</Field>
          <Field label={t('machines.model')}>{machine.model}</Field>
          <Field label={t('machines.serialNumber')}>{machine.serial_number}</Field>
          <Field label={t('machines.machineType')}>{machine.machine_type}</Field>
        </FieldGrid>
      </Section>
      <Section title={t('machines.groups.location')}>
        <FieldGrid>
          <Field label={t('machines.site')}>
            <Anchor component={Link} to={`/organisation/sites/${encodeURIComponent(machine.site_key)}`}>
              {machine.site_key}
            </Anchor>
          </Field>
          <Field label={t('machines.area')}>{machine.area_key}</Field>
          <Field label={t('machines.line')}>{machine.line}</Field>
          <Field label={t('machines.redundancyGroup')}>{machine.redundancy_group}</Field>
        </FieldGrid>
      </Section>
      <Section title={t('machines.groups.safety')}>
        <FieldGrid>
          <Field label={t('machines.criticality')}>{codeLabel(t, 'criticalities', machine.criticality)}</Field>
          <Field label={t('machines.safetyImpact')}>{codeLabel(t, 'safetyImpacts', machine.safety_impact)}</Field>
          <Field label={t('machines.missionImpact')}>{codeLabel(t, 'missionImpacts', machine.mission_impact)}</Field>
          <Field label={t('machines.safetyFunctions')}>{machine.safety_functions}</Field>
        </FieldGrid>
      </Section>
      <Section title={t('machines.groups.network')}>
        <Stack>
          <FieldGrid>
            <Field label={t('machines.networkState')}>{codeLabel(t, 'networkStates', machine.network_state)}</Field>
            <Field label={t('machines.remoteAccess')}>{machine.remote_access}</Field>
          </FieldGrid>
          <InterfacesTable machine={machine} />
        </Stack>
      </Section>
      <Section title={t('machines.groups.lifecycle')}>
        <FieldGrid>
          <Field label={t('machines.updatable')}>{yesNo(t, machine.updatable)}</Field>
          <Field label={t('machines.endOfSupport')}>{machine.end_of_support ? formatDate(`${machine.end_of_support}T12:00:00Z`, language, 'UTC') : null}</Field>
          <Field label={t('machines.operatingSystem')}>{machine.operating_system}</Field>
          <Field label={t('machines.operatingSoftware')}>{machine.operating_software}</Field>
          <Field label={t('machines.responsibleAdmin')}>{machine.responsible_admin}</Field>
          <Field label={t('machines.decommissioned')}>{machine.decommissioned_at ? formatDateTime(machine.decommissioned_at, language) : null}</Field>
          <Field label={t('machines.createdAt')}>{formatDateTime(machine.created_at, language)}</Field>
          <Field label={t('machines.updatedAt')}>{formatDateTime(machine.updated_at, language)}</Field>
        </FieldGrid>
      </Section>
    </Stack>
  );
}

/** A count beside a tab's name; screen readers hear `label` instead of the bare number. */
function TabCount({ count, label }: { count: number; label: string }) {
  return (
    <>
      <Badge size="sm" variant="light" color="gray" aria-hidden>
        {count}
      </Badge>
      <VisuallyHidden>{` ${label}`}</VisuallyHidden>
    </>
  );
}

/** A yellow warning triangle, named by `label` (also its tooltip). */
function WarningSign({ label }: { label: string }) {
  const ink = { stroke: 'var(--mantine-color-dark-7)' };
  return (
    <svg role="img" aria-label={label} width={16} height={16} viewBox="0 0 16 16" style={{ display: 'block' }}>
      <title>{label}</title>
      <path d="M8 1.5 L15 14.5 H1 Z" strokeWidth={1} strokeLinejoin="round" style={{ ...ink, fill: 'var(--mantine-color-yellow-5)' }} />
      <path d="M8 6 V9.8" strokeWidth={1.6} strokeLinecap="round" style={ink} />
      <circle cx={8} cy={12.1} r={0.9} style={{ fill: 'var(--mantine-color-dark-7)' }} />
    </svg>
  );
}

function InterfacesTable({ machine }: { machine: MachineDetailView }) {
  const { t } = useTranslation();
  const [editing, edit] = useDisclosure(false);
  const canEdit = machine.allowed_actions.includes('machine.update');
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        {canEdit ? (
          <Button size="sm" variant="default" onClick={edit.open}>
            {t('interfaces.edit')}
          </Button>
        ) : (
          <span />
        )}
        {machine.interfaces.length > 0 && (
          <ExportMenu
            table={t('interfaces.title')}
            fileBase={t('export.files.interfaces')}
            fileQualifiers={[machine.machine_id]}
            load={() => ({
              header: [t('interfaces.ip'), t('interfaces.mac'), t('interfaces.hostname'), t('interfaces.segment')],
              rows: machine.interfaces.map((entry) => [entry.ip ?? '', entry.mac ?? '', entry.hostname ?? '', entry.segment_key ?? '']),
            })}
          />
        )}
      </Group>
      {machine.interfaces.length === 0 ? <Text c="dimmed">{t('interfaces.empty')}</Text> : <InterfacesList machine={machine} />}
      <FormModal opened={editing} onClose={edit.close} title={t('interfaces.editTitle', { id: machine.machine_id })} size="xl">
        <InterfacesForm machine={machine} onDone={edit.close} onCancel={edit.close} />
      </FormModal>
    </Stack>
  );
}

function InterfacesList({ machine }: { machine: MachineDetailView }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('interfaces.title')} minWidth={520}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>{t('interfaces.title')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('interfaces.ip')}</Table.Th>
            <Table.Th scope="col">{t('interfaces.mac')}</Table.Th>
            <Table.Th scope="col">{t('interfaces.hostname')}</Table.Th>
            <Table.Th scope="col">{t('interfaces.segment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {machine.interfaces.map((entry) => (
            <Table.Tr key={entry.position}>
              <Table.Td ff="monospace">{entry.ip ?? '—'}</Table.Td>
              <Table.Td ff="monospace">{entry.mac ?? '—'}</Table.Td>
              <Table.Td>{entry.hostname ?? '—'}</Table.Td>
              <Table.Td>{entry.segment_key ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function ComponentsSection({ machine, showRemoved, onShowRemoved }: { machine: MachineDetailView; showRemoved: boolean; onShowRemoved: (value: boolean) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const remove = useRemoveComponent();
  const [editing, setEditing] = useState<ComponentView | 'new' | null>(null);
  const close = () => setEditing(null);
  const components = machine.components;
  return (
    <Section title={t('components.title')}>
      <Stack>
        <Group justify="space-between">
          {machine.allowed_actions.includes('component.create') ? (
            <Button size="sm" variant="default" onClick={() => setEditing('new')}>
              {t('components.add')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Switch label={t('components.showRemoved')} checked={showRemoved} onChange={(event) => onShowRemoved(event.currentTarget.checked)} />
            {components.length > 0 && (
              <ExportMenu
                table={t('components.title')}
                fileBase={t('export.files.components')}
                fileQualifiers={[machine.machine_id]}
                load={() => ({
                  header: [t('components.type'), t('components.vendor'), t('components.name'), t('components.version'), t('components.modelNumber'), t('components.cpe'), t('components.purl'), t('components.removed')],
                  rows: components.map((component) => [
                    codeLabel(t, 'componentTypes', component.component_type),
                    component.vendor ?? '',
                    component.name,
                    component.component_version ?? '',
                    component.model_number ?? '',
                    component.cpe ?? '',
                    component.purl ?? '',
                    component.removed_at ? formatDate(component.removed_at, language) : '',
                  ]),
                })}
              />
            )}
          </Group>
        </Group>
        <ProblemAlert error={remove.error} />
        {components.length === 0 ? (
          <Text c="dimmed">{t('components.empty')}</Text>
        ) : (
          <TableScroll label={t('components.title')} minWidth={760}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{t('components.caption', { count: components.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('components.type')}</Table.Th>
                  <Table.Th scope="col">{t('components.vendor')}</Table.Th>
                  <Table.Th scope="col">{t('components.name')}</Table.Th>
                  <Table.Th scope="col">{t('components.version')}</Table.Th>
                  <Table.Th scope="col">{t('components.modelNumber')}</Table.Th>
                  <Table.Th scope="col">{t('components.identifiers')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {components.map((component) => (
                  <Table.Tr key={component.id} c={component.removed_at ? 'dimmed' : undefined}>
                    <Table.Td>{codeLabel(t, 'componentTypes', component.component_type)}</Table.Td>
                    <Table.Td>{component.vendor ?? '—'}</Table.Td>
                    <Table.Td>
                      {component.name}
                      {component.removed_at && (
                        <Badge ml="xs" size="xs" color="gray" variant="outline" tt="none">
                          {t('components.removedAt', { date: formatDate(component.removed_at, language) })}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace">{component.component_version ?? '—'}</Table.Td>
                    <Table.Td>{component.model_number ?? '—'}</Table.Td>
                    <Table.Td>
                      {[component.cpe, component.purl].filter(Boolean).map((id) => (
                        <Text key={id} span display="block" size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                          {id}
                        </Text>
                      ))}
                      {!component.cpe && !component.purl && '—'}
                    </Table.Td>
                    <Table.Td>
                      <RowActions
                        editLabel={t('components.editNamed', { name: component.name })}
                        onEdit={component.allowed_actions.includes('component.update') && (() => setEditing(component))}
                        remove={component.allowed_actions.includes('component.remove') && {
                          label: t('components.remove'),
                          ariaLabel: t('components.removeNamed', { name: component.name }),
                          title: t('components.removeTitle', { name: component.name }),
                          message: t('components.removeMessage'),
                          onConfirm: () => remove.mutate({ id: component.id, version: component.version }),
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
      <FormModal opened={editing !== null} onClose={close} title={editing === 'new' ? t('components.add') : t('components.editTitle', { name: editing?.name ?? '' })}>
        <ComponentForm machineId={machine.machine_id} component={editing === 'new' || editing === null ? undefined : editing} onDone={close} onCancel={close} />
      </FormModal>
    </Section>
  );
}

