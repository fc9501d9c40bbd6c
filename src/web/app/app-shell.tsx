// The signed-in frame: header with user and logout, navigation from global_actions, main content.
import { Anchor, AppShell, Box, Burger, Button, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useCurrentUser, useLogout } from '../features/auth/auth.api.ts';
import { adminNavigation, isVisible, mainNavigation, personalNavigation, type NavigationEntry } from './navigation.ts';
import classes from './app-shell.module.css';

/** The application frame around every signed-in page. */
export function AppShellLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const logout = useLogout();

  useEffect(() => {
    close();
  }, [location.pathname, close]);

  const adminEntries = adminNavigation.filter((entry) => isVisible(entry, me.global_actions));

  // Clearing the session makes RequireSession send the browser to /login.
  const onLogout = () => logout.mutate();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main-content" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={opened ? t('shell.closeNavigation') : t('shell.openNavigation')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Anchor component={Link} to="/" fw={700} fz="lg" c="dark.8" underline="never">
              Patchwerk
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Anchor component={Link} to="/profile" c="dark.8" className={classes.userLink}>
              <Text span visibleFrom="xs" inherit>
                {me.display_name}
              </Text>
              <Text span hiddenFrom="xs" inherit>
                {t('nav.profile')}
              </Text>
            </Anchor>
            <Button variant="default" size="sm" onClick={onLogout} loading={logout.isPending}>
              {t('auth.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-navigation" aria-label={t('shell.navigation')}>
        <AppShell.Section grow component={ScrollArea}>
          <NavigationList entries={mainNavigation.filter((entry) => isVisible(entry, me.global_actions))} />
          {adminEntries.length > 0 && (
            <>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="md" pb={4} id="nav-admin-heading">
                {t('nav.administration')}
              </Text>
              <NavigationList entries={adminEntries} labelledBy="nav-admin-heading" />
            </>
          )}
        </AppShell.Section>
        <AppShell.Section>
          <NavigationList entries={personalNavigation.filter((entry) => isVisible(entry, me.global_actions))} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1} className={classes.main}>
        <Box maw={1200}>
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function NavigationList({ entries, labelledBy }: { entries: NavigationEntry[]; labelledBy?: string }) {
  const { t } = useTranslation();
  return (
    <ul className={classes.navList} aria-labelledby={labelledBy}>
      {entries.map((entry) => (
        <li key={entry.path}>
          <RouterNavLink to={entry.path} end={entry.path === '/'} className={classes.navItem}>
            {({ isActive }) => <NavLink component="span" label={t(entry.labelKey)} active={isActive} />}
          </RouterNavLink>
        </li>
      ))}
    </ul>
  );
}
