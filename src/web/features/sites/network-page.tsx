// Network: the segments of every site in scope, with zone types and the ones imports left for review.
import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/form-modal.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import { SegmentsTable } from './segments-table.tsx';
import { SegmentForm } from './site-forms.tsx';
import { useSegments, useSiteList } from './sites.api.ts';

/** The network page: all segments in scope. */
export function NetworkPage() {
  const { t } = useTranslation();
  const segments = useSegments(null);
  const sites = useSiteList();
  const [creating, { open, close }] = useDisclosure(false);
  // Site views do not say where segments may be added; the server refuses a site outside the grant.
  const siteKeys = (sites.data?.items ?? []).map((site) => site.key);
  return (
    <>
      <PageHeader
        title={t('nav.network')}
        actions={segments.data?.allowed_actions.includes('segment.create') && siteKeys.length > 0 && <Button onClick={open}>{t('segments.new')}</Button>}
      />
      <Section title={t('segments.title')}>
        <QueryContent query={segments} isEmpty={(data) => data.items.length === 0} emptyText={t('segments.empty')}>
          {(data) => <SegmentsTable segments={data.items} label={t('segments.title')} showSite />}
        </QueryContent>
      </Section>
      <FormModal opened={creating} onClose={close} title={t('segments.new')}>
        <SegmentForm siteKeys={siteKeys} onDone={close} onCancel={close} />
      </FormModal>
    </>
  );
}
