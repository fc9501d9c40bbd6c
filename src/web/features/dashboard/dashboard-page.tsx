// Start page: the user's access and the modules, with what each one offers today.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { adminNavigation, isVisible, modules, plannedModules } from '../../app/navigation.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { GrantSummary } from '../users/grant-badges.tsx';


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
