// Start page: the user's access and the modules, with what each one offers today; for an admin
// of all sites with no machines yet, a card that loads the demo plant.
import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DemoLoadResult } from '../../../server/modules/demo/demo-load.service.ts';
import { apiRequest } from '../../app/api-client.ts';
import { ConfirmButton } from '../../app/confirm-button.tsx';
import { adminNavigation, isVisible, modules, plannedModules } from '../../app/navigation.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { GrantSummary } from '../users/grant-badges.tsx';
import { FindingsCard } from './findings-card.tsx';

/** Offers the demo plant while there are no machines; after loading, links to the machines. */
function DemoLoadCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Under the 'machines' key, so every machine write refreshes it.
  const machines = useQuery({ queryKey: ['machines', 'dashboard-total'], queryFn: () => apiRequest<{ total: number }>('/machines', { query: { limit: 1 } }) });
  const load = useMutation({
    // The card shows only while there are no machines; sites without machines may exist, so the
    // plant is added beside them (the server still refuses taken site keys).
    mutationFn: () => apiRequest<DemoLoadResult>('/demo/load', { method: 'POST', body: { force: true } }),
    onSettled: () => {
      for (const key of ['machines', 'sites', 'segments', 'findings']) void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
  if (!load.data && machines.data?.total !== 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dashboard-demo-load">
      <Title order={2} size="h4" mb="xs" id="dashboard-demo-load">
        {t('demoLoad.title')}
      </Title>
      {load.data ? (
        <Alert color="green" variant="light" role="status">
          <Stack gap="xs">
            <span>{t('demoLoad.done', { sites: load.data.site_keys.join(', '), count: load.data.machines })}</span>
            <Anchor component={Link} to="/machines">
              {t('demoLoad.toMachines')}
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('demoLoad.text')}</Text>
          <Text size="sm" c="dimmed">
            {t('demoLoad.note')}
          </Text>
          <ProblemAlert error={load.error} title={t('demoLoad.failed')} />
          <Group>
            <ConfirmButton title={t('demoLoad.confirmTitle')} message={t('demoLoad.confirmMessage')} confirmLabel={t('demoLoad.confirmLabel')} onConfirm={() => load.mutate()} loading={load.isPending}>
              {t('demoLoad.button')}
            </ConfirmButton>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}


const isPlanned = (module: string): boolean => (plannedModules as readonly string[]).includes(module);
/** The dashboard. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const adminEntries = adminNavigation.filter((entry) => isVisible(entry, me.global_actions));
  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('dashboard.welcome', { name: me.display_name })}
          </Title>
          <Text size="sm" mb="sm">
            {t('dashboard.yourAccess')}
          </Text>
          <GrantSummary grants={me.grants} />
        </Paper>
        {me.global_actions.includes('demo.load') && <DemoLoadCard />}
        {me.global_actions.includes('finding.read') && <FindingsCard />}
        {adminEntries.length > 0 && (
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('nav.administration')}
            </Title>
            <Group gap="lg">
              {adminEntries.map((entry) => (
                <Anchor key={entry.path} component={Link} to={entry.path}>
                  {t(entry.labelKey)}
                </Anchor>
              ))}
            </Group>
          </Paper>
        )}
        <section aria-labelledby="dashboard-modules">
          <Title order={2} size="h4" mb="sm" id="dashboard-modules">
            {t('dashboard.modules')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {modules.map((module) => (
              <Paper key={module} withBorder p="md">
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Title order={3} size="h5">
                    <Anchor component={Link} to={`/${module}`} inherit>
                      {t(`nav.${module}`)}
                    </Anchor>
                  </Title>
                  {isPlanned(module) && (
                    <Badge variant="light" color="gray" tt="none">
                      {t('placeholder.badge')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed" mt="xs">
                  {t(`dashboard.moduleText.${module}`)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        </section>
      </Stack>
    </>
  );
}
