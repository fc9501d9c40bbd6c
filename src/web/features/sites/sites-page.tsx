// Organisation: the sites in scope with their working calendar; "New site" only with `site.create`.
import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ExportMenu } from '../../app/export-menu.tsx';
import { FormModal } from '../../app/form-modal.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import { TableScroll } from '../../app/table-scroll.tsx';
import { SiteForm } from './site-forms.tsx';
import { shiftsLabel, workingDaysLabel } from './site-labels.ts';
import { useSiteList } from './sites.api.ts';

/** The organisation page: sites. */
export function SitesPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const sites = useSiteList();
  const navigate = useNavigate();
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('nav.organisation')}
        actions={
          <>
            {sites.data && sites.data.items.length > 0 && (
              <ExportMenu
                table={t('sites.title')}
                fileBase={t('export.files.sites')}
                load={() => ({
                  header: [t('sites.key'), t('sites.name'), t('sites.timeZone'), t('sites.workingDays'), t('sites.shifts'), t('sites.nonWorkingDays')],
                  rows: sites.data.items.map((site) => [site.key, site.name, site.time_zone, workingDaysLabel(site.working_days, language), shiftsLabel(site.shifts), String(site.non_working_days.length)]),
                })}
              />
            )}
            {sites.data?.allowed_actions.includes('site.create') && <Button onClick={open}>{t('sites.new')}</Button>}
          </>
        }
      />
      <Section title={t('sites.title')}>
        <QueryContent query={sites} isEmpty={(data) => data.items.length === 0} emptyText={t('sites.empty')}>
          {(data) => (
            <TableScroll label={t('sites.title')} minWidth={680}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Caption>{t('sites.caption', { count: data.items.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('sites.key')}</Table.Th>
                    <Table.Th scope="col">{t('sites.name')}</Table.Th>
                    <Table.Th scope="col">{t('sites.timeZone')}</Table.Th>
                    <Table.Th scope="col">{t('sites.workingDays')}</Table.Th>
                    <Table.Th scope="col">{t('sites.shifts')}</Table.Th>
                    <Table.Th scope="col">{t('sites.nonWorkingDays')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((site) => (
                    <Table.Tr key={site.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/organisation/sites/${encodeURIComponent(site.key)}`} ff="monospace">
                          {site.key}
                        </Anchor>
                        {site.demo && (
                          <Badge ml="xs" variant="light" color="grape" tt="none" title={t('demoLoad.badgeTitle')}>
                            {t('demoLoad.badge')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{site.name}</Table.Td>
                      <Table.Td>{site.time_zone}</Table.Td>
                      <Table.Td>{workingDaysLabel(site.working_days, language)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{shiftsLabel(site.shifts)}</Text>
                      </Table.Td>
                      <Table.Td>{site.non_working_days.length}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </QueryContent>
      </Section>
      <FormModal opened={creating} onClose={close} title={t('sites.new')}>
        <SiteForm
          onCancel={close}
          onDone={(site) => {
            close();
            void navigate(`/organisation/sites/${encodeURIComponent(site.key)}`);
          }}
        />
      </FormModal>
    </>
  );
}
