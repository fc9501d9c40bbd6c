// The page's h1, also used as the document title; optional actions on the right.
import { Group, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** Sets the document title to "<title> · Patchwerk". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Patchwerk`;
  }, [title]);
}

/** Heading of a page with its actions. */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Group justify="space-between" align="center" mb="lg" gap="sm">
      <Title order={1} size="h2">
        {title}
      </Title>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
