// Test templates with their items: each item's text in the UI language, or in the other one (marked)
// when only that was written; editing per allowed_actions; exportable.
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, TemplateItemView, TemplateView } from '../../app/api-types.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { TableScroll } from '../../app/table-scroll.tsx';
import { groupLabel } from './contract-labels.tsx';
import { TemplateEditor } from './template-editor.tsx';

/** A text in the UI language when written, else in the other language, with the language it is in. */
export function localText(de: string | null, en: string | null, language: Language): { text: string; lang: Language } | null {
  const [first, second] = language === 'de' ? [de, en] : [en, de];
  const other: Language = language === 'de' ? 'en' : 'de';
  if (first !== null) return { text: first, lang: language };
  return second === null ? null : { text: second, lang: other };
}

/** A text of an item, marked with its language when it is not the UI language. */
function ItemText({ de, en }: { de: string | null; en: string | null }) {
  const language = currentLanguage();
  const local = localText(de, en, language);
  if (!local) return <>—</>;
  return (
    <Text span size="sm" lang={local.lang} style={{ whiteSpace: 'pre-wrap' }}>
      {local.lang !== language && (
        <Badge size="xs" variant="outline" color="gray.7" mr={4}>
          {local.lang.toUpperCase()}
        </Badge>
      )}
      {local.text}
    </Text>
  );
}

const plain = (de: string | null, en: string | null, language: Language): string => localText(de, en, language)?.text ?? '';

/** The items of a template as a table. */
function ItemsTable({ items, label }: { items: readonly TemplateItemView[]; label: string }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={label} minWidth={640}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('testTemplates.key')}</Table.Th>
            <Table.Th scope="col">{t('testTemplates.group')}</Table.Th>
            <Table.Th scope="col">{t('testTemplates.description')}</Table.Th>
            <Table.Th scope="col">{t('testTemplates.expected')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.key}>
              <Table.Td ff="monospace">{item.key}</Table.Td>
              <Table.Td>{groupLabel(t, item.group)}</Table.Td>
              <Table.Td>
                <ItemText de={item.description_de} en={item.description_en} />
              </Table.Td>
              <Table.Td>
                <ItemText de={item.expected_de} en={item.expected_en} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** Where a template belongs, in words. */
export function ownerLabel(t: TFunction, template: TemplateView): string {
  if (template.owner === 'machine_type') return t('testTemplates.ofType', { type: template.machine_type ?? '', site: template.site_key ?? '' });
  return template.contract_reference ? t('testTemplates.ofContract', { reference: template.contract_reference }) : t('testTemplates.ofSomeContract');
}

/** Each template with its items; `showOwner` names the contract or machine type it belongs to. */
export function TemplateList({ templates, showOwner = false, compact = false }: { templates: readonly TemplateView[]; showOwner?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [editing, setEditing] = useState<TemplateView | null>(null);
  return (
    <Stack gap="md">
      {templates.map((template) => {
        const heading = t('testTemplates.heading', { name: template.name, count: template.items.length });
        return (
          <Paper key={template.id} withBorder p="sm">
            <Group justify="space-between" mb="xs" align="flex-start">
              <div>
                <Title order={3} size="h5">
                  {heading}
                </Title>
                {showOwner && (
                  <Text size="sm" c="dimmed">
                    {ownerLabel(t, template)}
                  </Text>
                )}
              </div>
              <Group gap="xs">
                <ExportMenu
                  size="xs"
                  table={template.name}
                  fileBase={t('testTemplates.exportFile')}
                  fileQualifiers={[template.name]}
                  load={() => ({
                    header: [t('testTemplates.key'), t('testTemplates.group'), t('testTemplates.descriptionDe'), t('testTemplates.descriptionEn'), t('testTemplates.expectedDe'), t('testTemplates.expectedEn')],
                    rows: template.items.map((item) => [item.key, groupLabel(t, item.group), item.description_de ?? '', item.description_en ?? '', item.expected_de ?? '', item.expected_en ?? '']),
                  })}
                />
                {template.allowed_actions.includes('test_template.update') && (
                  <Button size="xs" variant="default" onClick={() => setEditing(template)} aria-label={t('testTemplates.editNamed', { name: template.name })}>
                    {t('common.edit')}
                  </Button>
                )}
              </Group>
            </Group>
            {compact ? (
              <Text size="sm">
                {template.items.map((item) => `${item.key} ${plain(item.description_de, item.description_en, language)}`).join(' · ')}
              </Text>
            ) : (
              <ItemsTable items={template.items} label={heading} />
            )}
          </Paper>
        );
      })}
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('testTemplates.editTitle', { name: editing?.name ?? '' })} size="xl">
        {editing && <TemplateEditor template={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />}
      </FormModal>
    </Stack>
  );
}
