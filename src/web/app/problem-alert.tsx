// Shows a failed API call: the server's translated detail, per-field messages, and a reload hint
// for stale writes.
import { Alert, Button, List, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api-client.ts';

/** The message of one field from a validation problem, matched by the last segment of its path. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const match = error.fieldErrors.find((entry) => {
    const segments = (entry.path ?? '').split(/[./[\]]+/).filter(Boolean);
    return segments[segments.length - 1] === field;
  });
  return match?.message;
}

/** An alert for a failed request, or nothing when there is no error. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const detail = apiError?.detail ?? t('errors.unexpected', { status: '' });
  const stale = apiError?.code === 'STALE_OBJECT';
  const unplaced = apiError?.fieldErrors.filter((entry) => !entry.path) ?? [];
  const placed = apiError?.fieldErrors.filter((entry) => entry.path) ?? [];
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      <Stack gap="xs">
        <span>{detail}</span>
        {[...unplaced, ...placed].length > 0 && (
          <List size="sm">
            {[...unplaced, ...placed].map((entry, index) => (
              <List.Item key={`${entry.path ?? ''}-${index}`}>
                {entry.path ? `${entry.path}: ` : ''}
                {entry.message}
              </List.Item>
            ))}
          </List>
        )}
        {stale && (
          <div>
            <Button size="xs" variant="default" onClick={() => void queryClient.invalidateQueries()}>
              {t('errors.reload')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
