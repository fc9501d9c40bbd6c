// A bordered section of a page with its h2, and the body every form shares: problem, fields, buttons.
import { Alert, Button, Group, Paper, Stack, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem-alert.tsx';

/** A bordered block with an h2 title. */
export function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export interface FormBodyProps {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The failed request, shown above the fields. */
  error: unknown;
  /** Fields that show their own server messages; the alert above does not repeat those. */
  fields?: readonly string[];
  /** Confirmation shown above the fields after success; nothing when undefined. */
  success?: string | undefined;
  submitLabel: string;
  pending: boolean;
  /** Adds a cancel button and puts the buttons on the right (dialogs). */
  onCancel?: () => void;
  /** Maximum width of the fields. */
  maw?: number;
  children: ReactNode;
}

/** A form without browser validation: problem, success note, fields, then cancel and submit. */
export function FormBody({ onSubmit, error, fields, success, submitLabel, pending, onCancel, maw, children }: FormBodyProps) {
  const { t } = useTranslation();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={maw}>
        <ProblemAlert error={error} fields={fields} />
        {success && (
          <Alert color="green" variant="light" role="status">
            {success}
          </Alert>
        )}
        {children}
        <Group justify={onCancel ? 'flex-end' : undefined}>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A section holding one form. */
export function FormSection({ title, ...form }: FormBodyProps & { title: string }) {
  return (
    <Section title={title}>
      <FormBody {...form} />
    </Section>
  );
}
