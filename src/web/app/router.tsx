// Routes of the web app; everything except setup and login sits behind the session gate.
import { createBrowserRouter } from 'react-router';
import { AdvisoriesPage } from '../features/advisories/advisories-page.tsx';
import { AdvisoryDetailPage } from '../features/advisories/advisory-detail-page.tsx';
import { AuditPage } from '../features/audit/audit-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { ProfilePage } from '../features/auth/profile-page.tsx';
import { contractRoutes } from '../features/contracts/contract-routes.tsx';
import { DashboardPage } from '../features/dashboard/dashboard-page.tsx';
import { FindingsPage } from '../features/findings/findings-page.tsx';
import { MachineDetailPage } from '../features/machines/machine-detail-page.tsx';
import { MachinesPage } from '../features/machines/machines-page.tsx';
import { NotFoundPage } from '../features/placeholders/not-found-page.tsx';
import { PlaceholderPage } from '../features/placeholders/placeholder-page.tsx';
import { SetupPage } from '../features/setup/setup-page.tsx';
import { NetworkPage } from '../features/sites/network-page.tsx';
import { SiteDetailPage } from '../features/sites/site-detail-page.tsx';
import { SitesPage } from '../features/sites/sites-page.tsx';
import { SparePartsPage } from '../features/spare-parts/spare-parts-page.tsx';
import { TokensPage } from '../features/tokens/tokens-page.tsx';
import { UserCreatePage } from '../features/users/user-create-page.tsx';
import { UserDetailPage } from '../features/users/user-detail-page.tsx';
import { UsersPage } from '../features/users/users-page.tsx';
import { AppShellLayout } from './app-shell.tsx';
import { plannedModules } from './navigation.ts';
import { RequireSession } from './require-session.tsx';

/** Creates the browser router with every page. */
export function createAppRouter() {
  return createBrowserRouter([
    { path: '/setup', element: <SetupPage /> },
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: (
        <RequireSession>
          <AppShellLayout />
        </RequireSession>
      ),
      children: [
        { index: true, element: <DashboardPage /> },
        ...plannedModules.map((module) => ({ path: module, element: <PlaceholderPage module={module} /> })),
        { path: 'advisories', element: <AdvisoriesPage /> },
        { path: 'advisories/:advisoryId', element: <AdvisoryDetailPage /> },
        { path: 'findings', element: <FindingsPage /> },
        { path: 'machines', element: <MachinesPage /> },
        { path: 'machines/:machineId', element: <MachineDetailPage /> },
        { path: 'organisation', element: <SitesPage /> },
        { path: 'organisation/sites/:siteKey', element: <SiteDetailPage /> },
        { path: 'network', element: <NetworkPage /> },
        { path: 'spare-parts', element: <SparePartsPage /> },
        ...contractRoutes,
        { path: 'users', element: <UsersPage /> },
        { path: 'users/new', element: <UserCreatePage /> },
        { path: 'users/:userId', element: <UserDetailPage /> },
        { path: 'tokens', element: <TokensPage /> },
        { path: 'audit', element: <AuditPage /> },
        { path: 'profile', element: <ProfilePage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
