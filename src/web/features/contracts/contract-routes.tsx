// The pages of contracts and test templates, for the app's router.
import { ContractDetailPage } from './contract-detail-page.tsx';
import { ContractsPage } from './contracts-page.tsx';

/** `/contracts` (contracts and machine-type templates) and `/contracts/:contractId`. */
export const contractRoutes = [
  { path: 'contracts', element: <ContractsPage /> },
  { path: 'contracts/:contractId', element: <ContractDetailPage /> },
];
