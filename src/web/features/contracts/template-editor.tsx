// The test template editor: the name and the items (add, remove, reorder; group; description and
// expected result in German and/or English). Creates a template for a contract or a machine type in
// a site, or replaces an existing template's name and items.
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { testItemGroups, type TemplateItemInput, type TemplateItemView, type TemplateView } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { useSites } from '../../app/reference-data.ts';
import { FormBody } from '../../app/section.tsx';
import { groupLabel } from './contract-labels.tsx';
import { useCreateTemplate, useReplaceTemplate } from './contracts.api.ts';

const itemFields = ['key', 'group', 'description_de', 'description_en', 'expected_de', 'expected_en'] as const;
type ItemField = (typeof itemFields)[number];
type ItemDraft = Record<ItemField, string> & { rowKey: number };

let nextRowKey = 0;
const itemDraft = (item?: TemplateItemView): ItemDraft => ({
  rowKey: nextRowKey++,
  key: item?.key ?? '',
  group: item?.group ?? 'safety_function',
  description_de: item?.description_de ?? '',
  description_en: item?.description_en ?? '',
  expected_de: item?.expected_de ?? '',
  expected_en: item?.expected_en ?? '',
});
// Only the typed key is monospace; label and error keep the UI font.
const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
const isBlank = (item: ItemDraft) => itemFields.every((field) => field === 'group' || item[field].trim() === '');
const nullable = (value: string): string | null => (value.trim() === '' ? null : value);

/** A key for the next new row: S1, S2 … for safety functions, F1 … for others, not yet used. */
function suggestKey(items: readonly ItemDraft[], group: string): string {
  const prefix = { safety_function: 'S', changed_function: 'C', unchanged_function: 'F', security_setting: 'Z', interface: 'I' }[group] ?? 'P';
  const used = new Set(items.map((item) => item.key.trim().toLowerCase()));
  let number = 1;
  while (used.has(`${prefix}${number}`.toLowerCase())) number += 1;
  return `${prefix}${number}`;
}

/** The message of a problem at exactly `path`. */
function problemAt(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors.find((entry) => entry.path === path)?.message : undefined;
}

/** Who the new template belongs to: a contract, or a machine type in a site (chosen in the form when not given). */
export type TemplateOwner = { contractId: string } | { siteKey?: string; machineType?: string };

export interface TemplateEditorProps {
  /** The template to change; a new one is created for `owner` otherwise. */
  template?: TemplateView;
  owner?: TemplateOwner;
  onDone: (template: TemplateView) => void;
  onCancel: () => void;
}

/** Creates or replaces a test template. */
export function TemplateEditor({ template, owner, onDone, onCancel }: TemplateEditorProps) {
  const { t } = useTranslation();
  const create = useCreateTemplate();
  const replace = useReplaceTemplate(template?.id ?? '');
  const mutation = template ? replace : create;
  const sites = useSites();
  const byType = !template && owner !== undefined && !('contractId' in owner);
  const [siteKey, setSiteKey] = useState(owner && 'siteKey' in owner ? (owner.siteKey ?? '') : '');
  const [machineType, setMachineType] = useState(owner && 'machineType' in owner ? (owner.machineType ?? '') : '');
  const [name, setName] = useState(template?.name ?? '');
  const [items, setItems] = useState<ItemDraft[]>(() => (template ? template.items.map(itemDraft) : [{ ...itemDraft(), key: 'S1' }]));
  const [sentIndex, setSentIndex] = useState<Map<number, number>>(new Map());
  const [tried, setTried] = useState(false);
  const siteKeys = (sites.data ?? []).map((site) => site.key);
  const chosenSite = siteKey || siteKeys[0] || '';

  const set = (rowKey: number, field: ItemField, value: string) => setItems(items.map((item) => (item.rowKey === rowKey ? { ...item, [field]: value } : item)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    setItems(next);
  };
  const required = (value: string) => (tried && !value.trim() ? t('validation.required') : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || (byType && (!chosenSite || !machineType.trim()))) return;
    const sent = items.filter((item) => !isBlank(item));
    setSentIndex(new Map(sent.map((item, index) => [item.rowKey, index])));
    const body: TemplateItemInput[] = sent.map((item) => ({
      key: item.key.trim(),
      group: item.group as TemplateItemInput['group'],
      description_de: nullable(item.description_de),
      description_en: nullable(item.description_en),
      expected_de: nullable(item.expected_de),
      expected_en: nullable(item.expected_en),
    }));
    if (template) {
      replace.mutate({ input: { name: name.trim(), items: body }, version: template.version }, { onSuccess: onDone });
      return;
    }
    const ownerFields = owner && 'contractId' in owner ? { contract_id: owner.contractId } : { site_key: chosenSite, machine_type: machineType.trim() };
    create.mutate({ ...ownerFields, name: name.trim(), items: body }, { onSuccess: onDone });
  };

  return (
    <FormBody
      onSubmit={submit}
      error={mutation.error}
      fields={['name', 'site_key', 'machine_type', 'items', ...itemFields]}
      submitLabel={template ? t('common.save') : t('testTemplates.create')}
      pending={mutation.isPending}
      onCancel={onCancel}
    >
      {byType && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('testTemplates.site')} required value={chosenSite} onChange={(event) => setSiteKey(event.currentTarget.value)} data={siteKeys} error={fieldError(mutation.error, 'site_key')} />
          <TextInput
            label={t('testTemplates.machineType')}
            description={t('testTemplates.machineTypeHint')}
            required
            value={machineType}
            onChange={(event) => setMachineType(event.currentTarget.value)}
            error={required(machineType) ?? fieldError(mutation.error, 'machine_type')}
          />
        </SimpleGrid>
      )}
      <TextInput label={t('testTemplates.name')} required value={name} onChange={(event) => setName(event.currentTarget.value)} error={required(name) ?? fieldError(mutation.error, 'name')} />
      <Text size="sm">{t('testTemplates.itemsHint')}</Text>
      {items.length === 0 && <Text c="dimmed">{t('testTemplates.noItems')}</Text>}
      {items.map((item, index) => {
        const sent = sentIndex.get(item.rowKey);
        const at = (field: ItemField) => (sent === undefined ? undefined : problemAt(mutation.error, `/items/${sent}/${field}`));
        const number = index + 1;
        return (
          <Fieldset key={item.rowKey} legend={t('testTemplates.itemRow', { number, key: item.key || '…' })} p="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('testTemplates.key')} required value={item.key} onChange={(event) => set(item.rowKey, 'key', event.currentTarget.value)} error={at('key')} styles={monospaceInput} />
              <NativeSelect
                label={t('testTemplates.group')}
                value={item.group}
                onChange={(event) => set(item.rowKey, 'group', event.currentTarget.value)}
                data={testItemGroups.map((code) => ({ value: code, label: groupLabel(t, code) }))}
                error={at('group')}
              />
              <Textarea autosize minRows={2} label={t('testTemplates.descriptionDe')} lang="de" value={item.description_de} onChange={(event) => set(item.rowKey, 'description_de', event.currentTarget.value)} error={at('description_de')} />
              <Textarea autosize minRows={2} label={t('testTemplates.descriptionEn')} lang="en" value={item.description_en} onChange={(event) => set(item.rowKey, 'description_en', event.currentTarget.value)} error={at('description_en')} />
              <Textarea autosize minRows={2} label={t('testTemplates.expectedDe')} lang="de" value={item.expected_de} onChange={(event) => set(item.rowKey, 'expected_de', event.currentTarget.value)} error={at('expected_de')} />
              <Textarea autosize minRows={2} label={t('testTemplates.expectedEn')} lang="en" value={item.expected_en} onChange={(event) => set(item.rowKey, 'expected_en', event.currentTarget.value)} error={at('expected_en')} />
            </SimpleGrid>
            <Group justify="flex-end" gap="xs" mt="xs">
              <Button size="xs" variant="default" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('testTemplates.itemUp', { number })}>
                {t('contracts.moveUp')}
              </Button>
              <Button size="xs" variant="default" disabled={index === items.length - 1} onClick={() => move(index, 1)} aria-label={t('testTemplates.itemDown', { number })}>
                {t('contracts.moveDown')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setItems(items.filter((entry) => entry.rowKey !== item.rowKey))} aria-label={t('testTemplates.itemRemove', { number })}>
                {t('contracts.remove')}
              </Button>
            </Group>
          </Fieldset>
        );
      })}
      {fieldError(mutation.error, 'items') && (
        <Text size="sm" c="red.8" role="alert">
          {fieldError(mutation.error, 'items')}
        </Text>
      )}
      <div>
        <Button variant="default" size="sm" onClick={() => setItems([...items, { ...itemDraft(), key: suggestKey(items, 'safety_function') }])}>
          {t('testTemplates.addItem')}
        </Button>
      </div>
    </FormBody>
  );
}
