// The three states of a loaded list before its content: loading, failed, empty.
import { Center, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem-alert.tsx';

export interface QueryContentProps<T> {
  query: UseQueryResult<T>;
  /** True when the loaded data has nothing to show. */
  isEmpty: (data: T) => boolean;
  /** Text shown instead of empty content. */
  emptyText: string;
  /** Renders the loaded, non-empty data. */
  children: (data: T) => ReactNode;
}

/** A loader, the problem, the empty text or the content of a query. */
export function QueryContent<T>({ query, isEmpty, emptyText, children }: QueryContentProps<T>) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py="md">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.isError) return <ProblemAlert error={query.error} />;
  if (isEmpty(query.data)) return <Text c="dimmed">{emptyText}</Text>;
  return children(query.data);
}
