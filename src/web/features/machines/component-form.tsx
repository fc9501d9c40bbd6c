// The component form, for adding a component to a machine and changing one.
import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { componentTypes, type ComponentView, type CreateComponentBody } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { codeLabel } from './machine-labels.tsx';
import { useAddComponent, useUpdateComponent } from './machines.api.ts';

const fields = ['component_type', 'vendor', 'name', 'component_version', 'model_number', 'cpe', 'purl'] as const;
type Draft = Record<(typeof fields)[number], string>;

/** Adds a component to `machineId`, or changes `component` when given. */
export function ComponentForm({ machineId, component, onDone, onCancel }: { machineId: string; component?: ComponentView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const add = useAddComponent(machineId);
  const update = useUpdateComponent();
  const mutation = component ? update : add;
  const [draft, setDraft] = useState<Draft>(() => Object.fromEntries(fields.map((field) => [field, component?.[field] ?? (field === 'component_type' ? 'firmware' : '')])) as Draft);
  const [tried, setTried] = useState(false);
  const text = (field: keyof Draft, label: string, requiredField = false) => ({
    label,
    required: requiredField,
    value: draft[field],
    onChange: (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: event.currentTarget.value }),
    error: (requiredField && tried && !draft[field].trim() ? t('validation.required') : undefined) ?? fieldError(mutation.error, field),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!draft.name.trim()) return;
    const nullable = (value: string) => (value.trim() === '' ? null : value.trim());
    const body: CreateComponentBody = {
      component_type: draft.component_type as CreateComponentBody['component_type'],
      name: draft.name.trim(),
      vendor: nullable(draft.vendor),
      component_version: nullable(draft.component_version),
      model_number: nullable(draft.model_number),
      cpe: nullable(draft.cpe),
      purl: nullable(draft.purl),
    };
    if (component) update.mutate({ id: component.id, input: body, version: component.version }, { onSuccess: onDone });
    else add.mutate(body, { onSuccess: onDone });
  };
  return (
    <FormBody onSubmit={submit} error={mutation.error} fields={fields} submitLabel={component ? t('common.save') : t('components.add')} pending={mutation.isPending} onCancel={onCancel}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect {...text('component_type', t('components.type'), true)} data={componentTypes.map((type) => ({ value: type, label: codeLabel(t, 'componentTypes', type) }))} />
        <TextInput {...text('vendor', t('components.vendor'))} />
        <TextInput {...text('name', t('components.name'), true)} />
        <TextInput {...text('component_version', t('components.version'))} />
        <TextInput {...text('model_number', t('components.modelNumber'))} />
      </SimpleGrid>
      <TextInput {...text('cpe', t('components.cpe'))} placeholder="cpe:2.3:…" />
      <TextInput {...text('purl', t('components.purl'))} placeholder="pkg:…" />
    </FormBody>
  );
}
