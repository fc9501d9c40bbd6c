// The vendor notice form: what the supplier reported (product, affected versions as said, fix,
// description, CVE and CVSS), who reported it, when and how, the TLP, and files to attach. Recording
// and editing share it; an edit sends the whole form, which becomes the notice's next revision.
import { Fieldset, FileInput, NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { noticeChannels, noticeTlpLabels, type ManualNoticeBody, type ManualNoticeView } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { useSaveManualNotice, type SavedNotice } from './manual-notices.api.ts';

const textFields = [
  'title', 'vendor', 'product', 'model_number', 'affected_versions', 'fixed_version', 'description', 'cve', 'cvss_vector',
  'reporter_name', 'reporter_organisation', 'reporter_contact', 'reported_at', 'channel', 'tlp', 'revision_summary',
] as const;
type TextField = (typeof textFields)[number];
type Draft = Record<TextField, string>;
const requiredFields: readonly TextField[] = ['vendor', 'product', 'affected_versions', 'description', 'reporter_name', 'reported_at'];

const pad = (value: number): string => String(value).padStart(2, '0');

/** An instant as the value of a datetime-local input, in the browser's time zone. */
export function localInputValue(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function draftOf(notice: ManualNoticeView | undefined): Draft {
  const draft = Object.fromEntries(textFields.map((field) => [field, ''])) as Draft;
  if (!notice) return { ...draft, channel: 'phone', tlp: 'WHITE', reported_at: localInputValue(new Date().toISOString()) };
  return {
    ...draft,
    title: notice.title ?? '',
    vendor: notice.vendor,
    product: notice.product,
    model_number: notice.model_number ?? '',
    affected_versions: notice.affected_versions,
    fixed_version: notice.fixed_version ?? '',
    description: notice.description,
    cve: notice.cve ?? '',
    cvss_vector: notice.cvss_vector ?? '',
    // Hidden reporters (not the case for editors, who may always see them) would be sent blank.
    reporter_name: notice.reporter?.name ?? '',
    reporter_organisation: notice.reporter?.organisation ?? '',
    reporter_contact: notice.reporter?.contact ?? '',
    reported_at: localInputValue(notice.reported_at),
    channel: notice.channel,
    tlp: notice.tlp,
  };
}

const nullable = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Records a vendor notice, or revises `notice`; `onDone` receives what was saved. */
export function ManualNoticeForm({ notice, onDone, onCancel }: { notice?: ManualNoticeView; onDone: (saved: SavedNotice) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const save = useSaveManualNotice();
  const [draft, setDraft] = useState<Draft>(() => draftOf(notice));
  const [files, setFiles] = useState<File[]>([]);
  const [tried, setTried] = useState(false);

  const text = (field: TextField, label: string) => {
    const required = requiredFields.includes(field);
    return {
      label,
      required,
      value: draft[field],
      onChange: (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: event.currentTarget.value }),
      error: (required && tried && !draft[field].trim() ? t('validation.required') : undefined) ?? fieldError(save.error, field),
    };
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (requiredFields.some((field) => !draft[field].trim())) return;
    const reportedAt = new Date(draft.reported_at);
    const body: ManualNoticeBody = {
      title: nullable(draft.title),
      vendor: draft.vendor.trim(),
      product: draft.product.trim(),
      model_number: nullable(draft.model_number),
      affected_versions: draft.affected_versions.trim(),
      fixed_version: nullable(draft.fixed_version),
      description: draft.description.trim(),
      cve: nullable(draft.cve),
      cvss_vector: nullable(draft.cvss_vector),
      reporter_name: draft.reporter_name.trim(),
      reporter_organisation: nullable(draft.reporter_organisation),
      reporter_contact: nullable(draft.reporter_contact),
      // An unparsable value goes as typed: the server names the field.
      reported_at: Number.isNaN(reportedAt.getTime()) ? draft.reported_at : reportedAt.toISOString(),
      channel: draft.channel as ManualNoticeBody['channel'],
      tlp: draft.tlp as ManualNoticeBody['tlp'],
      revision_summary: notice ? nullable(draft.revision_summary) : null,
    };
    save.mutate({ body, files, ...(notice ? { advisoryId: notice.advisory_id, version: notice.version } : {}) }, { onSuccess: onDone });
  };

  return (
    <FormBody
      onSubmit={submit}
      error={save.error}
      fields={textFields}
      submitLabel={notice ? t('advisories.manual.saveRevision') : t('advisories.manual.record')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <Fieldset legend={t('advisories.manual.groups.product')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...text('vendor', t('advisories.manual.vendor'))} />
          <TextInput {...text('product', t('advisories.manual.product'))} />
          <TextInput {...text('model_number', t('advisories.manual.modelNumber'))} description={t('advisories.manual.modelNumberHint')} />
          <TextInput {...text('affected_versions', t('advisories.manual.affectedVersions'))} description={t('advisories.manual.affectedVersionsHint')} />
          <TextInput {...text('fixed_version', t('advisories.manual.fixedVersion'))} description={t('advisories.manual.fixedVersionHint')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('advisories.manual.groups.vulnerability')}>
        <TextInput {...text('title', t('advisories.manual.title'))} description={t('advisories.manual.titleHint')} />
        <Textarea mt="sm" autosize minRows={3} {...text('description', t('advisories.manual.description'))} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          <TextInput {...text('cve', t('advisories.manual.cve'))} description={t('advisories.manual.cveHint')} />
          <TextInput {...text('cvss_vector', t('advisories.manual.cvssVector'))} description={t('advisories.manual.cvssVectorHint')} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('advisories.manual.groups.report')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...text('reporter_name', t('advisories.manual.reporterName'))} />
          <TextInput {...text('reporter_organisation', t('advisories.manual.reporterOrganisation'))} />
          <TextInput {...text('reporter_contact', t('advisories.manual.reporterContact'))} description={t('advisories.manual.reporterContactHint')} />
          <TextInput type="datetime-local" {...text('reported_at', t('advisories.manual.reportedAt'))} />
          <NativeSelect {...text('channel', t('advisories.manual.channel'))} required data={noticeChannels.map((code) => ({ value: code, label: t(`advisories.manual.channels.${code}`) }))} />
          <NativeSelect {...text('tlp', t('advisories.manual.tlp'))} description={t('advisories.manual.tlpHint')} data={noticeTlpLabels.map((code) => ({ value: code, label: t(`advisories.manual.tlpLabels.${code}`) }))} />
        </SimpleGrid>
      </Fieldset>
      <FileInput
        label={notice ? t('advisories.manual.addAttachments') : t('advisories.manual.attachments')}
        description={t('advisories.manual.attachmentsHint')}
        placeholder={t('advisories.manual.chooseFiles')}
        multiple
        clearable
        clearButtonProps={{ 'aria-label': t('advisories.manual.clearFiles') }}
        value={files}
        onChange={setFiles}
      />
      {notice && <TextInput {...text('revision_summary', t('advisories.manual.revisionSummary'))} description={t('advisories.manual.revisionSummaryHint')} />}
    </FormBody>
  );
}
