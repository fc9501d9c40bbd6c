// One advisory: summary of its current document, the machines it affects, CVEs with scores and
// KEV/EPSS, notes as plain text, remediations, the flattened product tree, references, and every
// stored revision with its hash and validation result; the raw document as a download.
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { AdvisoryDetailView, AdvisoryRevisionView } from '../../app/api-types.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { AdvisoryFindingsSection } from '../findings/findings-sections.tsx';
import { Field, FieldGrid } from '../machines/field-grid.tsx';
import { KevBadge, TlpBadge, ValidationBadge } from './advisories-page.tsx';
import { useAdvisory, useDownloadRawDocument } from './advisories.api.ts';
import { AdvisoryProblemTable } from './advisory-import-dialog.tsx';
import { LinkedNoticesSection, ManualNoticePanel, SourceBadge } from './manual-notice-panel.tsx';
import type { UploadFailure } from './manual-notices.api.ts';

const preWrap = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/** The advisory detail page. */
export function AdvisoryDetailPage() {
  const { t } = useTranslation();
  const { advisoryId = '' } = useParams();
  const advisory = useAdvisory(advisoryId);
  if (advisory.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (advisory.isError) {
    return (
      <>
        <PageHeader title={t('nav.advisories')} />
        <ProblemAlert error={advisory.error} />
        <Anchor component={Link} to="/advisories" mt="md" display="inline-block">
          {t('advisories.back')}
        </Anchor>
      </>
    );
  }
  return <AdvisoryDetail key={advisory.data.id} advisory={advisory.data} />;
}

/** A label of a code from the document (CSAF enumerations), falling back to the code itself. */
function useCode() {
  const { t } = useTranslation();
  return (group: string, code: string | null | undefined): string => (code ? t(`advisories.codes.${group}.${code}`, { defaultValue: code }) : '—');
}

function AdvisoryDetail({ advisory }: { advisory: AdvisoryDetailView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const code = useCode();
  const download = useDownloadRawDocument(advisory.id);
  const current = advisory.revisions.find((revision) => revision.document_id === advisory.document_id);
  const remediations = advisory.vulnerabilities.flatMap((vulnerability) => vulnerability.remediations.map((remediation) => ({ cve: vulnerability.cve, remediation })));
  // Attachments the notice form could not store (handed over by the page that recorded the notice).
  const location = useLocation();
  const [failures, setFailures] = useState<UploadFailure[]>(() => (location.state as { uploadFailures?: UploadFailure[] } | null)?.uploadFailures ?? []);

  return (
    <>
      <PageHeader
        title={advisory.title ? `${advisory.tracking_id}: ${advisory.title}` : advisory.tracking_id}
        actions={
          <Button variant="default" loading={download.isPending} onClick={() => download.mutate({ documentId: advisory.document_id, fileName: current?.file_name ?? `${advisory.tracking_id}.json` })}>
            {t('advisories.downloadRaw')}
          </Button>
        }
      />
      <Stack>
        <Anchor component={Link} to="/advisories" size="sm">
          {t('advisories.back')}
        </Anchor>
        <ProblemAlert error={download.error} />
        {advisory.validation_status === 'flagged' && (
          <Alert color="red" variant="light" role="status" title={t('advisories.flaggedTitle')}>
            {t('advisories.flaggedText')}
          </Alert>
        )}
        <Section title={t('advisories.summary')}>
          <FieldGrid>
            <Field label={t('advisories.trackingId')}>{advisory.tracking_id}</Field>
            <Field label={t('advisories.sourceLabel')}>
              <SourceBadge source={advisory.source} />
            </Field>
            <Field label={t('advisories.titleColumn')}>{advisory.title}</Field>
            <Field label={t('advisories.publisher')}>{`${advisory.publisher ?? ''} (${advisory.publisher_namespace})`}</Field>
            <Field label={t('advisories.version')}>{advisory.tracking_version}</Field>
            <Field label={t('advisories.trackingStatus')}>{code('trackingStatus', advisory.tracking_status)}</Field>
            <Field label={t('advisories.category')}>{advisory.category}</Field>
            <Field label={t('advisories.initialRelease')}>{formatDate(advisory.initial_release_date, language)}</Field>
            <Field label={t('advisories.released')}>{formatDate(advisory.current_release_date, language)}</Field>
            <Field label={t('advisories.tlp')}>
              <TlpBadge tlp={advisory.tlp} />
            </Field>
            <Field label={t('advisories.validation')}>
              <ValidationBadge status={advisory.validation_status} />
            </Field>
            <Field label={t('advisories.maxCvss')}>{advisory.max_cvss === null ? null : advisory.max_cvss.toFixed(1)}</Field>
            <Field label={t('advisories.aggregateSeverity')}>{advisory.aggregate_severity}</Field>
          </FieldGrid>
        </Section>

        {advisory.source === 'manual' ? (
          <ManualNoticePanel advisoryId={advisory.id} failures={failures} onFailures={setFailures} />
        ) : (
          <LinkedNoticesSection notices={advisory.linked_notices} />
        )}

        <AdvisoryFindingsSection advisoryId={advisory.id} />

        <Section title={t('advisories.vulnerabilities', { count: advisory.vulnerabilities.length })}>
          {advisory.vulnerabilities.length === 0 ? (
            <Text c="dimmed">{t('advisories.noVulnerabilities')}</Text>
          ) : (
            <TableScroll label={t('advisories.vulnerabilitiesTable')} minWidth={900}>
              <Table striped verticalSpacing="xs" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('advisories.cve')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.cwe')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.cvss')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.kevColumn')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.epss')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.affected')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {advisory.vulnerabilities.map((vulnerability, index) => (
                    <Table.Tr key={`${vulnerability.cve ?? 'none'}-${index}`}>
                      <Table.Td>
                        <Text span ff="monospace" size="sm">
                          {vulnerability.cve ?? '—'}
                        </Text>
                        {vulnerability.title && (
                          <Text span size="xs" c="dimmed" display="block" style={preWrap}>
                            {vulnerability.title}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {vulnerability.cwe_id ?? '—'}
                        {vulnerability.cwe_name && (
                          <Text span size="xs" c="dimmed" display="block">
                            {vulnerability.cwe_name}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {vulnerability.scores.length === 0 && '—'}
                        {vulnerability.scores.map((score, scoreIndex) => (
                          <div key={scoreIndex}>
                            <Text span fw={600}>
                              {score.base_score?.toFixed(1) ?? '—'}
                            </Text>
                            {score.computed_base_score !== null && score.score_mismatch && (
                              <Badge ml={4} size="xs" color="yellow" variant="light" tt="none">
                                {t('advisories.computed', { score: score.computed_base_score.toFixed(1) })}
                              </Badge>
                            )}
                            {score.vector_invalid && (
                              <Badge ml={4} size="xs" color="red" variant="light" tt="none">
                                {t('advisories.vectorInvalid', { reason: t(`advisories.vectorReasons.${score.vector_invalid}`, { defaultValue: score.vector_invalid }) })}
                              </Badge>
                            )}
                            <Text span size="xs" c="dimmed" display="block" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                              {score.vector}
                            </Text>
                          </div>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        {vulnerability.enrichment.kev ? (
                          <>
                            <KevBadge />
                            <Text span size="xs" c="dimmed" display="block">
                              {t('advisories.kevSince', { date: formatDate(vulnerability.enrichment.kev.date_added, language) })}
                              {vulnerability.enrichment.kev.ransomware && ` · ${t('advisories.ransomware')}`}
                            </Text>
                          </>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        {vulnerability.enrichment.epss
                          ? t('advisories.epssValue', {
                              score: (vulnerability.enrichment.epss.score * 100).toFixed(2),
                              percentile: (vulnerability.enrichment.epss.percentile * 100).toFixed(0),
                            })
                          : '—'}
                      </Table.Td>
                      <Table.Td style={preWrap}>{vulnerability.known_affected.length > 0 ? vulnerability.known_affected.join('\n') : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Section>

        <Section title={t('advisories.notes')}>
          {advisory.notes.length === 0 && <Text c="dimmed">{t('advisories.noNotes')}</Text>}
          <Stack gap="md">
            {advisory.notes.map((note, index) => (
              <div key={index}>
                <Title order={3} size="h6">
                  {note.title ?? code('noteCategory', note.category)}
                </Title>
                {/* Notes are text from the document: rendered as text, never as HTML or Markdown. */}
                <Text size="sm" style={preWrap}>
                  {note.text}
                </Text>
              </div>
            ))}
          </Stack>
        </Section>

        <Section title={t('advisories.remediations')}>
          {remediations.length === 0 ? (
            <Text c="dimmed">{t('advisories.noRemediations')}</Text>
          ) : (
            <TableScroll label={t('advisories.remediations')} minWidth={800}>
              <Table striped verticalSpacing="xs" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('advisories.cve')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.remediationCategory')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.details')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.products')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {remediations.map(({ cve, remediation }, index) => (
                    <Table.Tr key={index}>
                      <Table.Td ff="monospace">{cve ?? '—'}</Table.Td>
                      <Table.Td>{code('remediation', remediation.category)}</Table.Td>
                      <Table.Td style={preWrap}>
                        {remediation.details}
                        {remediation.url && (
                          <Text span size="xs" display="block" style={{ overflowWrap: 'anywhere' }}>
                            {/^https?:\/\//i.test(remediation.url) ? (
                              <Anchor href={remediation.url} target="_blank" rel="noopener noreferrer">
                                {remediation.url}
                              </Anchor>
                            ) : (
                              remediation.url
                            )}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={preWrap}>{remediation.products.join('\n') || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Section>

        <Section title={t('advisories.productTree', { count: advisory.products.length })}>
          {advisory.products.length === 0 ? (
            <Text c="dimmed">{t('advisories.noProducts')}</Text>
          ) : (
            <TableScroll label={t('advisories.productTable')} minWidth={800}>
              <Table striped verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('advisories.productId')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.productName')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.branchPath')}</Table.Th>
                    <Table.Th scope="col">{t('advisories.versionOrRange')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {advisory.products.map((product, index) => (
                    <Table.Tr key={`${product.product_id}-${index}`}>
                      <Table.Td ff="monospace">{product.product_id}</Table.Td>
                      <Table.Td style={preWrap}>{product.name}</Table.Td>
                      <Table.Td style={preWrap}>{product.branch_path.map((step) => step.name).join(' › ') || '—'}</Table.Td>
                      <Table.Td ff="monospace">{product.version ?? product.version_range ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Section>

        {advisory.references.length > 0 && (
          <Section title={t('advisories.references')}>
            <Stack gap={4}>
              {advisory.references.map((reference, index) => (
                <Text key={index} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {reference.summary ? `${reference.summary}: ` : ''}
                  {/^https?:\/\//i.test(reference.url) ? (
                    <Anchor href={reference.url} target="_blank" rel="noopener noreferrer">
                      {reference.url}
                    </Anchor>
                  ) : (
                    reference.url
                  )}
                </Text>
              ))}
            </Stack>
          </Section>
        )}

        <Section title={t('advisories.revisions')}>
          <Stack>
            {advisory.revisions.map((revision) => (
              <Revision key={revision.document_id} revision={revision} onDownload={() => download.mutate({ documentId: revision.document_id, fileName: revision.file_name })} />
            ))}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}

function Revision({ revision, onDownload }: { revision: AdvisoryRevisionView; onDownload: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const entries = [{ file: revision.file_name, errors: revision.validation_errors }];
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text fw={600}>{t('advisories.versionShort', { version: revision.tracking_version })}</Text>
        {revision.is_current && (
          <Badge variant="light" tt="none">
            {t('advisories.current')}
          </Badge>
        )}
        {revision.variant && (
          <Badge color="yellow" variant="light" tt="none">
            {t('advisories.variant')}
          </Badge>
        )}
        <ValidationBadge status={revision.validation_status} />
        <TlpBadge tlp={revision.tlp} />
        <Button size="xs" variant="subtle" onClick={onDownload}>
          {t('advisories.downloadRevision')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('advisories.revisionMeta', {
          file: revision.file_name,
          released: formatDate(revision.current_release_date, language),
          imported: formatDateTime(revision.imported_at, language),
          size: revision.size,
        })}
      </Text>
      <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        SHA-256 {revision.sha256}
      </Text>
      <Text size="xs">
        {revision.hash_sidecars.length > 0 ? t('advisories.integrity.hashes', { files: revision.hash_sidecars.map((kind) => `.${kind}`).join(', ') }) : t('advisories.integrity.noHashes')}
        {' · '}
        {revision.signature_status === 'verified'
          ? t('advisories.integrity.signatureVerified', { fingerprint: revision.signature_key_fingerprint ?? '' })
          : t(`advisories.integrity.signature_${revision.signature_status}`)}
      </Text>
      {revision.validation_errors.length > 0 && <AdvisoryProblemTable label={t('advisories.validationErrors', { count: revision.validation_errors.length })} entries={entries} />}
      {revision.validation_warnings.length > 0 && (
        <AdvisoryProblemTable label={t('advisories.validationWarnings', { count: revision.validation_warnings.length })} entries={[{ file: revision.file_name, errors: revision.validation_warnings }]} />
      )}
      {revision.validation_infos.length > 0 && (
        <AdvisoryProblemTable label={t('advisories.validationInfos', { count: revision.validation_infos.length })} entries={[{ file: revision.file_name, errors: revision.validation_infos }]} />
      )}
    </Stack>
  );
}
