// The machine form, for creating and changing a machine; fields grouped as on the detail page.
import { Fieldset, NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { criticalities, missionImpacts, networkStates, safetyImpacts, type CreateMachineBody, type MachineDetailView } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { useSites } from '../../app/reference-data.ts';
import { FormBody } from '../../app/section.tsx';
import { useAreas } from '../sites/sites.api.ts';
import { codeLabel } from './machine-labels.tsx';
import { useCreateMachine, useUpdateMachine } from './machines.api.ts';

const textFields = [
  'machine_id',
  'name',
  'site_key',
  'area_key',
  'vendor',
  'model',
  'serial_number',
  'machine_type',
  'line',
  'redundancy_group',
  'criticality',
  'safety_functions',
  'safety_impact',
  'mission_impact',
  'updatable',
  'end_of_support',
  'operating_system',
  'operating_software',
  'remote_access',
  'network_state',
  'responsible_admin',
] as const;

type Draft = Record<(typeof textFields)[number], string>;

function draftOf(machine: MachineDetailView | undefined, defaultSite: string): Draft {
  const draft = Object.fromEntries(textFields.map((field) => [field, ''])) as Draft;
  if (!machine) return { ...draft, site_key: defaultSite, network_state: 'connected' };
  for (const field of textFields) {
    if (field === 'updatable') draft.updatable = machine.updatable === null ? '' : String(machine.updatable);
    else draft[field] = machine[field] ?? '';
  }
  return draft;
}

/** Creates a machine, or changes `machine` when given; `onDone` receives the saved machine. */
export function MachineForm({ machine, onDone, onCancel }: { machine?: MachineDetailView; onDone: (machine: MachineDetailView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const sites = useSites();
  const siteKeys = (sites.data ?? []).map((site) => site.key);
  const [draft, setDraft] = useState<Draft>(() => draftOf(machine, siteKeys[0] ?? ''));
  const siteKey = draft.site_key || siteKeys[0] || '';
  const areas = useAreas(siteKey);
  const create = useCreateMachine();
  const update = useUpdateMachine(machine?.machine_id ?? '');
  const mutation = machine ? update : create;
  const [tried, setTried] = useState(false);

  const text = (field: keyof Draft, label: string, requiredField = false) => ({
    label,
    required: requiredField,
    value: draft[field],
    onChange: (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: event.currentTarget.value }),
    error: (requiredField && tried && !draft[field].trim() ? t('validation.required') : undefined) ?? fieldError(mutation.error, field),
  });
  const codes = (group: string, values: readonly string[], allowEmpty = true) => [
    ...(allowEmpty ? [{ value: '', label: t('machines.unset') }] : []),
    ...values.map((value) => ({ value, label: codeLabel(t, group, value) })),
  ];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!draft.machine_id.trim() || !draft.name.trim() || !siteKey) return;
    const nullable = (value: string) => (value.trim() === '' ? null : value.trim());
    const body: CreateMachineBody = {
      machine_id: draft.machine_id.trim(),
      name: draft.name.trim(),
      site_key: siteKey,
      area_key: nullable(draft.area_key),
      vendor: nullable(draft.vendor),
      model: nullable(draft.model),
      serial_number: nullable(draft.serial_number),
      machine_type: nullable(draft.machine_type),
      line: nullable(draft.line),
      redundancy_group: nullable(draft.redundancy_group),
      criticality: (nullable(draft.criticality) as CreateMachineBody['criticality']) ?? null,
      safety_functions: nullable(draft.safety_functions),
      safety_impact: (nullable(draft.safety_impact) as CreateMachineBody['safety_impact']) ?? null,
      mission_impact: (nullable(draft.mission_impact) as CreateMachineBody['mission_impact']) ?? null,
      updatable: draft.updatable === '' ? null : draft.updatable === 'true',
      end_of_support: nullable(draft.end_of_support),
      operating_system: nullable(draft.operating_system),
      operating_software: nullable(draft.operating_software),
      remote_access: nullable(draft.remote_access),
      network_state: draft.network_state as CreateMachineBody['network_state'],
      responsible_admin: nullable(draft.responsible_admin),
    };
    if (machine) update.mutate({ input: body, version: machine.version }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <FormBody onSubmit={submit} error={mutation.error} fields={textFields} submitLabel={machine ? t('common.save') : t('machines.create')} pending={mutation.isPending} onCancel={onCancel}>
      <Fieldset legend={t('machines.groups.identity')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...text('machine_id', t('machines.machineId'), true)} />
          <TextInput {...text('name', t('machines.name'), true)} />
          <TextInput {...text('vendor', t('machines.vendor'))} />
          <TextInput {...text('model', t('machines.model'))} />
          <TextInput {...text('serial_number', t('machines.serialNumber'))} />
          <TextInput {...text('machine_type', t('machines.machineType'))} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('machines.groups.location')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect {...text('site_key', t('machines.site'), true)} value={siteKey} data={siteKeys} />
          <NativeSelect
            {...text('area_key', t('machines.area'))}
            data={[{ value: '', label: t('machines.unset') }, ...(areas.data?.items ?? []).map((area) => ({ value: area.key, label: `${area.key} – ${area.name}` }))]}
          />
          <TextInput {...text('line', t('machines.line'))} />
          <TextInput {...text('redundancy_group', t('machines.redundancyGroup'))} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('machines.groups.safety')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect {...text('criticality', t('machines.criticality'))} data={codes('criticalities', criticalities)} />
          <NativeSelect {...text('safety_impact', t('machines.safetyImpact'))} data={codes('safetyImpacts', safetyImpacts)} />
          <NativeSelect {...text('mission_impact', t('machines.missionImpact'))} data={codes('missionImpacts', missionImpacts)} />
        </SimpleGrid>
        <Textarea mt="sm" autosize minRows={2} {...text('safety_functions', t('machines.safetyFunctions'))} />
      </Fieldset>
      <Fieldset legend={t('machines.groups.network')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect {...text('network_state', t('machines.networkState'))} data={codes('networkStates', networkStates, false)} />
        </SimpleGrid>
        <Textarea mt="sm" autosize minRows={2} {...text('remote_access', t('machines.remoteAccess'))} />
      </Fieldset>
      <Fieldset legend={t('machines.groups.lifecycle')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            {...text('updatable', t('machines.updatable'))}
            data={[
              { value: '', label: t('machines.unset') },
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
          />
          <TextInput type="date" {...text('end_of_support', t('machines.endOfSupport'))} />
          <TextInput {...text('operating_system', t('machines.operatingSystem'))} />
          <TextInput {...text('operating_software', t('machines.operatingSoftware'))} />
          <TextInput {...text('responsible_admin', t('machines.responsibleAdmin'))} description={t('machines.responsibleAdminHint')} />
        </SimpleGrid>
      </Fieldset>
    </FormBody>
  );
}
