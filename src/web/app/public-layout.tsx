// Frame of the pages without a session (setup, login): centred card, language switch on top.
import { Box, Container, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.tsx';
import { useDocumentTitle } from './page-header.tsx';

/** A narrow card page with a title, used before anyone is signed in. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" px="md" py="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} fz="lg">
            Patchwerk
          </Text>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" size={460} py="xl" px="md">
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Title order={1} size="h2" mb="xs">
            {title}
          </Title>
          <Text size="sm" c="dimmed" mb="lg">
            {t('common.tagline')}
          </Text>
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
