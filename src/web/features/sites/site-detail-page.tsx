// One site: calendar, areas and network segments; forms only where allowed_actions say so.
import { Anchor, Badge, Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AreaView } from '../../app/api-types.ts';
import { formatDate } from '../../app/format.ts';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { Field, FieldGrid } from '../machines/field-grid.tsx';
import { SegmentsTable } from './segments-table.tsx';
import { AreaForm, SegmentForm, SiteForm } from './site-forms.tsx';
import { shiftsLabel, workingDaysLabel } from './site-labels.ts';
import { useAreas, useSegments, useSite } from './sites.api.ts';

/** The page of one site. */
export function SiteDetailPage() {
  const { t } = useTranslation();
  const { siteKey = '' } = useParams();
  const site = useSite(siteKey);
  const language = currentLanguage();
  const [editing, { open, close }] = useDisclosure(false);

  if (site.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (site.isError) {
    return (
      <>
        <PageHeader title={t('sites.title')} />
        <ProblemAlert error={site.error} />
      </>
    );
  }
  const data = site.data;
  return (
    <>
      <Anchor component={Link} to="/organisation" size="sm">
        ← {t('sites.back')}
      </Anchor>
      <PageHeader title={`${data.name} (${data.key})`} actions={data.allowed_actions.includes('site.update') && <Button onClick={open}>{t('common.edit')}</Button>} />
      <Stack>
        <Section title={t('sites.calendar')}>
          <FieldGrid>
            <Field label={t('sites.timeZone')}>{data.time_zone}</Field>
            <Field label={t('sites.workingDays')}>{workingDaysLabel(data.working_days, language)}</Field>
            <Field label={t('sites.shifts')}>{shiftsLabel(data.shifts)}</Field>
            <Field label={t('sites.nonWorkingDays')}>
              {data.non_working_days.length === 0
                ? '—'
                : data.non_working_days.map((day) => `${formatDate(`${day.day}T12:00:00Z`, language, 'UTC')}${day.label ? ` (${day.label})` : ''}`).join(', ')}
            </Field>
          </FieldGrid>
        </Section>
        <AreasSection siteKey={data.key} />
        <SegmentsSection siteKey={data.key} />
      </Stack>
      <FormModal opened={editing} onClose={close} title={t('sites.editTitle', { key: data.key })}>
        <SiteForm site={data} onDone={close} onCancel={close} />
      </FormModal>
    </>
  );
}

function AreasSection({ siteKey }: { siteKey: string }) {
  const { t } = useTranslation();
  const areas = useAreas(siteKey);
  const [editing, setEditing] = useState<AreaView | 'new' | null>(null);
  const close = () => setEditing(null);
  return (
    <Section title={t('areas.title')}>
      <Stack>
        <Group justify="space-between">
          {areas.data?.allowed_actions.includes('area.create') ? (
            <Button size="sm" variant="default" onClick={() => setEditing('new')}>
              {t('areas.new')}
            </Button>
          ) : (
            <span />
          )}
          {areas.data && areas.data.items.length > 0 && (
            <ExportMenu
              table={t('areas.title')}
              fileBase={t('export.files.areas')}
              fileQualifiers={[siteKey]}
              load={() => ({ header: [t('areas.key'), t('areas.name')], rows: areas.data.items.map((area) => [area.key, area.name]) })}
            />
          )}
        </Group>
        <QueryContent query={areas} isEmpty={(data) => data.items.length === 0} emptyText={t('areas.empty')}>
          {(data) => (
            <TableScroll label={t('areas.title')} minWidth={420}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('areas.key')}</Table.Th>
                    <Table.Th scope="col">{t('areas.name')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((area) => (
                    <Table.Tr key={area.id}>
                      <Table.Td>
                        <Text span ff="monospace" size="sm">
                          {area.key}
                        </Text>
                      </Table.Td>
                      <Table.Td>{area.name}</Table.Td>
                      <Table.Td>
                        {area.allowed_actions.includes('area.update') && (
                          <Button size="xs" variant="default" onClick={() => setEditing(area)} aria-label={t('areas.editNamed', { key: area.key })}>
                            {t('common.edit')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </QueryContent>
      </Stack>
      <FormModal opened={editing !== null} onClose={close} title={editing === 'new' ? t('areas.new') : t('areas.editTitle', { key: editing?.key ?? '' })}>
        <AreaForm siteKey={siteKey} area={editing === 'new' || editing === null ? undefined : editing} onDone={close} onCancel={close} />
      </FormModal>
    </Section>
  );
}

function SegmentsSection({ siteKey }: { siteKey: string }) {
  const { t } = useTranslation();
  const segments = useSegments(siteKey);
  const [creating, { open, close }] = useDisclosure(false);
  const review = segments.data?.items.filter((segment) => segment.needs_review).length ?? 0;
  return (
    <Section title={t('segments.title')}>
      <Stack>
        <Group gap="sm">
          {segments.data?.allowed_actions.includes('segment.create') && (
            <Button size="sm" variant="default" onClick={open}>
              {t('segments.new')}
            </Button>
          )}
          {review > 0 && (
            <Badge color="grape.9" variant="outline" tt="none">
              {t('segments.reviewCount', { count: review })}
            </Badge>
          )}
        </Group>
        <QueryContent query={segments} isEmpty={(data) => data.items.length === 0} emptyText={t('segments.empty')}>
          {(data) => <SegmentsTable segments={data.items} label={t('segments.title')} fileQualifiers={[siteKey]} />}
        </QueryContent>
      </Stack>
      <FormModal opened={creating} onClose={close} title={t('segments.new')}>
        <SegmentForm siteKey={siteKey} onDone={close} onCancel={close} />
      </FormModal>
    </Section>
  );
}
