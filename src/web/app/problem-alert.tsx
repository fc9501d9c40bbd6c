// Shows a failed API call: the server's translated detail, per-field messages, and a reload hint
// for stale writes.
import { Alert, Button, List, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api-client.ts';

/** The field a problem's JSON pointer names: its last segment (`/grants/0/scope` → `scope`). */
function fieldOf(path: string | undefined): string | undefined {
  const segments = (path ?? '').split(/[./[\]]+/).filter(Boolean);
  return segments[segments.length - 1];
}

/**
 * The message of one field from a failed request: a validation problem whose path ends in `field`,
 * or, when given, the request's own message if its code is one of `codes` (e.g. CONFLICT on a
 * username, which the server reports without a path).
 */
export function fieldError(error: unknown, field: string, codes: readonly string[] = []): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const match = error.fieldErrors.find((entry) => fieldOf(entry.path) === field);
  if (match) return match.message;
  return codes.includes(error.code) ? error.detail : undefined;
}

/** An alert for a failed request, or nothing when there is no error. */
export function ProblemAlert({ error, title, fields = [] }: { error: unknown; title?: string; fields?: readonly string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const detail = apiError?.detail ?? t('errors.unexpected', { status: '' });
  const stale = apiError?.code === 'STALE_OBJECT';
  // Messages the form shows beside their fields are not repeated; the rest are listed without the
  // raw JSON pointer, which means nothing to the person at the screen.
  const listed = apiError?.fieldErrors.filter((entry) => !fields.includes(fieldOf(entry.path) ?? '')) ?? [];
  const atFields = (apiError?.fieldErrors.length ?? 0) > listed.length;
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      <Stack gap="xs">
        <span>
          {detail}
          {atFields ? ` ${t('errors.seeFields')}` : ''}
        </span>
        {listed.length > 0 && (
          <List size="sm">
            {listed.map((entry, index) => (
              <List.Item key={`${entry.path ?? ''}-${index}`}>{entry.message}</List.Item>
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
