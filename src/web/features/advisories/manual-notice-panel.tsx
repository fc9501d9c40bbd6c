// The parts of the advisory detail that belong to a manual vendor notice: who reported it, how and
// when, the link to the CSAF advisory that covers it, the attachments, and the actions to revise,
// link and attach. A CSAF advisory shows the notices linked to it.
import { Alert, Anchor, Badge, Button, FileButton, Group, List, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdvisoryLinkView, ManualNoticeView } from '../../app/api-types.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { FormModal } from '../../app/form-modal.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { Field, FieldGrid } from '../machines/field-grid.tsx';
import { ManualNoticeForm } from './manual-notice-form.tsx';
import { useAttachFiles, useCsafAdvisorySearch, useDownloadAttachment, useLinkManualNotice, useManualNotice, type UploadFailure } from './manual-notices.api.ts';

/** Files that could not be attached, with the server's reason. */
export function UploadFailures({ failures }: { failures: readonly UploadFailure[] }) {
  const { t } = useTranslation();
  if (failures.length === 0) return null;
  return (
    <Alert color="orange" variant="light" role="alert" title={t('advisories.manual.uploadFailedTitle')}>
      <List size="sm">
        {failures.map((failure, index) => (
          <List.Item key={index}>{`${failure.file}: ${failure.message}`}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A link to another advisory: tracking id and title. */
function AdvisoryLink({ end }: { end: AdvisoryLinkView }) {
  return (
    <Anchor component={Link} to={`/advisories/${encodeURIComponent(end.id)}`}>
      <Text span ff="monospace" size="sm">
        {end.tracking_id}
      </Text>
      {end.title ? ` ${end.title}` : ''}
    </Anchor>
  );
}

/** The manual notices linked to a CSAF advisory (nothing when there are none). */
export function LinkedNoticesSection({ notices }: { notices: readonly AdvisoryLinkView[] }) {
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <Section title={t('advisories.manual.linkedNotices')}>
      <Text size="sm" mb="xs">
        {t('advisories.manual.linkedNoticesText')}
      </Text>
      <List>
        {notices.map((notice) => (
          <List.Item key={notice.id}>
            <AdvisoryLink end={notice} />
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

/** Picks the CSAF advisory that covers the notice, by search. */
function LinkDialog({ notice, opened, onClose }: { notice: ManualNoticeView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('advisories.manual.linkTitle', { trackingId: notice.tracking_id })}>
      <LinkPicker notice={notice} onDone={onClose} />
    </FormModal>
  );
}

function LinkPicker({ notice, onDone }: { notice: ManualNoticeView; onDone: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(notice.cve ?? notice.product);
  const [debounced] = useDebouncedValue(search, 300);
  const results = useCsafAdvisorySearch(debounced);
  const link = useLinkManualNotice(notice.advisory_id);
  return (
    <Stack>
      <ProblemAlert error={link.error} />
      <TextInput type="search" label={t('advisories.manual.linkSearch')} description={t('advisories.manual.linkSearchHint')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} data-autofocus />
      <QueryContent query={results} isEmpty={(items) => items.length === 0} emptyText={t('advisories.manual.linkNoResults')}>
        {(items) => (
          <TableScroll label={t('advisories.manual.linkResults')} minWidth={480}>
            <Table verticalSpacing={4} fz="sm">
              <Table.Caption>{t('advisories.manual.linkResults')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('advisories.trackingId')}</Table.Th>
                  <Table.Th scope="col">{t('advisories.titleColumn')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('advisories.manual.linkAction')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td ff="monospace">{item.tracking_id}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.title ?? '—'}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        disabled={item.id === notice.linked_advisory?.id}
                        loading={link.isPending && link.variables?.target === item.id}
                        aria-label={t('advisories.manual.linkTo', { trackingId: item.tracking_id })}
                        onClick={() => link.mutate({ target: item.id, version: notice.version }, { onSuccess: onDone })}
                      >
                        {t('advisories.manual.linkAction')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </QueryContent>
    </Stack>
  );
}

/** What only a manual notice has, with its actions; `failures` are attachments a save could not store. */
export function ManualNoticePanel({ advisoryId, failures, onFailures }: { advisoryId: string; failures: readonly UploadFailure[]; onFailures: (failures: UploadFailure[]) => void }) {
  const query = useManualNotice(advisoryId);
  return (
    <QueryContent query={query} isEmpty={() => false} emptyText="">
      {(notice) => <NoticeDetails notice={notice} failures={failures} onFailures={onFailures} />}
    </QueryContent>
  );
}

function NoticeDetails({ notice, failures, onFailures }: { notice: ManualNoticeView; failures: readonly UploadFailure[]; onFailures: (failures: UploadFailure[]) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [editing, editDialog] = useDisclosure(false);
  const [linking, linkDialog] = useDisclosure(false);
  const unlink = useLinkManualNotice(notice.advisory_id);
  const attach = useAttachFiles(notice.advisory_id);
  const download = useDownloadAttachment(notice.advisory_id);
  const mayUpdate = notice.allowed_actions.includes('advisory.manual_update');
  const mayLink = notice.allowed_actions.includes('advisory.manual_link');

  return (
    <>
      <UploadFailures failures={failures} />
      <Section title={t('advisories.manual.noticeSection')}>
        <Stack>
          {(mayUpdate || mayLink) && (
            <Group gap="xs">
              {mayUpdate && <Button onClick={editDialog.open}>{t('advisories.manual.edit')}</Button>}
              {mayLink && (
                <Button variant="default" onClick={linkDialog.open}>
                  {t('advisories.manual.link')}
                </Button>
              )}
            </Group>
          )}
          <FieldGrid>
            <Field label={t('advisories.manual.reportedBy')}>
              {notice.reporter ? [notice.reporter.name, notice.reporter.organisation].filter(Boolean).join(', ') : t('advisories.manual.reporterHidden')}
            </Field>
            {notice.reporter && <Field label={t('advisories.manual.reporterContact')}>{notice.reporter.contact}</Field>}
            <Field label={t('advisories.manual.channel')}>{t(`advisories.manual.channels.${notice.channel}`)}</Field>
            <Field label={t('advisories.manual.reportedAt')}>{formatDateTime(notice.reported_at, language)}</Field>
            <Field label={t('advisories.manual.vendor')}>{notice.vendor}</Field>
            <Field label={t('advisories.manual.product')}>{notice.product}</Field>
            <Field label={t('advisories.manual.modelNumber')}>{notice.model_number}</Field>
            <Field label={t('advisories.manual.affectedVersions')}>{notice.affected_versions}</Field>
            <Field label={t('advisories.manual.fixedVersion')}>{notice.fixed_version}</Field>
            <Field label={t('advisories.manual.recorded')}>
              {t('advisories.manual.recordedText', { date: formatDateTime(notice.recorded_at, language), by: notice.recorded_by ?? '—', version: notice.tracking_version })}
            </Field>
          </FieldGrid>
          <div>
            <Text size="sm" c="dimmed">
              {t('advisories.manual.description')}
            </Text>
            {/* What the user typed: shown as text, never as HTML. */}
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{notice.description}</Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('advisories.manual.linkedAdvisory')}
            </Text>
            {notice.linked_advisory ? (
              <Group gap="xs">
                <AdvisoryLink end={notice.linked_advisory} />
                {mayLink && (
                  <Button size="xs" variant="subtle" color="red" loading={unlink.isPending} onClick={() => unlink.mutate({ target: null, version: notice.version })}>
                    {t('advisories.manual.unlink')}
                  </Button>
                )}
              </Group>
            ) : (
              <Text>{t('advisories.manual.notLinked')}</Text>
            )}
            <ProblemAlert error={unlink.error} />
          </div>
        </Stack>
      </Section>

      <Section title={t('advisories.manual.attachmentsSection', { count: notice.attachments.length })}>
        <Stack>
          <ProblemAlert error={download.error} />
          {notice.attachments.length === 0 ? (
            <Text c="dimmed">{t('advisories.manual.noAttachments')}</Text>
          ) : (
            <TableScroll label={t('advisories.manual.attachmentsTable')} minWidth={720}>
              <Table striped verticalSpacing="xs" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('advisories.manual.fileName')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.manual.size')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.manual.uploaded')}</Table.Th>
                    <Table.Th scope="col">SHA-256</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('advisories.manual.download')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {notice.attachments.map((attachment) => (
                    <Table.Tr key={attachment.id}>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{attachment.original_name}</Table.Td>
                      <Table.Td>{t('advisories.manual.bytes', { count: attachment.size })}</Table.Td>
                      <Table.Td>
                        {formatDate(attachment.uploaded_at, language)}
                        {attachment.uploaded_by && (
                          <Text span size="xs" c="dimmed" display="block">
                            {attachment.uploaded_by}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }}>
                          {attachment.sha256}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="default" aria-label={t('advisories.manual.downloadFile', { name: attachment.original_name })} onClick={() => download.mutate(attachment)}>
                          {t('advisories.manual.download')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
          {mayUpdate && (
            <Group>
              <FileButton multiple onChange={(files) => attach.mutate(files, { onSuccess: onFailures })}>
                {(props) => (
                  <Button {...props} variant="default" loading={attach.isPending}>
                    {t('advisories.manual.attach')}
                  </Button>
                )}
              </FileButton>
              <Text size="sm" c="dimmed">
                {t('advisories.manual.attachmentsHint')}
              </Text>
            </Group>
          )}
        </Stack>
      </Section>

      <FormModal opened={editing} onClose={editDialog.close} title={t('advisories.manual.editTitle', { trackingId: notice.tracking_id })} size="xl">
        <ManualNoticeForm
          notice={notice}
          onCancel={editDialog.close}
          onDone={(saved) => {
            onFailures(saved.failures);
            editDialog.close();
          }}
        />
      </FormModal>
      <LinkDialog notice={notice} opened={linking} onClose={linkDialog.close} />
    </>
  );
}

/** Where an advisory comes from: an imported CSAF document or a vendor notice recorded here. */
export function SourceBadge({ source }: { source: 'csaf' | 'manual' }) {
  const { t } = useTranslation();
  return (
    // Not cut to an ellipsis in narrow table columns: the cell grows instead.
    <Badge color={source === 'manual' ? 'grape' : 'blue'} variant="light" tt="none" styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}>
      {t(`advisories.source.${source}`)}
    </Badge>
  );
}
