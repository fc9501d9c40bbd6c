// Honest empty state for modules that are in the navigation but not built yet.
import { EmptyState, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlannedModule } from '../../app/navigation.ts';
import { PageHeader } from '../../app/page-header.tsx';

/** The page of a module that is not available yet. */
export function PlaceholderPage({ module }: { module: PlannedModule }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${module}`)} />
      <Paper withBorder p="xl">
        <EmptyState
          title={t('placeholder.title')}
          description={t('placeholder.comesWith', { feature: t(`placeholder.features.${module}`) })}
        />
      </Paper>
    </>
  );
}
