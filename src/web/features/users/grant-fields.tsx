// The fields of one grant (or token): role, scope and expiry, with the vendor rule explained.
import { NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roles as allRoles, type Role } from '../../app/api-types.ts';
import { endOfDayIso, formatDate, roleLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { ScopePicker } from './scope-picker.tsx';

/** The entered values of a grant. */
export interface GrantDraft {
  role: Role;
  scope: string;
  /** Date input value YYYY-MM-DD, or ''. */
  expires: string;
}

/** The request fields GrantFields shows server messages for. */
export const grantFieldNames = ['role', 'scope', 'expires_at'] as const;

/** An empty grant draft with the given role. */
export function emptyGrantDraft(role: Role = 'maintenance'): GrantDraft {
  return { role, scope: '', expires: '' };
}

/** Problems of a draft the browser can see before sending (the server checks everything again). */
export function grantDraftProblems(draft: GrantDraft, requireExpiry: boolean): { scope?: string; expires?: string } {
  const problems: { scope?: string; expires?: string } = {};
  if (!draft.scope) problems.scope = 'validation.scopeRequired';
  if (draft.role === 'vendor' && draft.scope && !draft.scope.startsWith('machine:')) problems.scope = 'validation.vendorScope';
  if ((requireExpiry || draft.role === 'vendor') && !draft.expires) problems.expires = 'validation.expiryRequired';
  if (draft.expires && !endOfDayIso(draft.expires)) problems.expires = 'validation.date';
  return problems;
}

export interface GrantFieldsProps {
  draft: GrantDraft;
  onChange: (draft: GrantDraft) => void;
  /** Roles offered; all roles when not given. */
  roles?: readonly Role[];
  /** Expiry is mandatory (tokens) rather than optional. */
  requireExpiry?: boolean;
  /** Latest date the expiry may have (YYYY-MM-DD). */
  maxDate?: string;
  /** Show problems (after a submit attempt). */
  showProblems: boolean;
  /** The failed request; its messages for role, scope and expires_at show under those fields. */
  serverError?: unknown;
}

/** Role select, scope picker and expiry date. */
export function GrantFields({ draft, onChange, roles = allRoles, requireExpiry = false, maxDate, showProblems, serverError }: GrantFieldsProps) {
  const { t } = useTranslation();
  const problems = showProblems ? grantDraftProblems(draft, requireExpiry) : {};
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Stack gap="md">
      <NativeSelect
        label={t('grants.role')}
        value={draft.role}
        onChange={(event) => {
          const role = event.currentTarget.value as Role;
          // The picker restarts when the vendor rule starts or stops applying, so its scope does too.
          const scope = (role === 'vendor') === (draft.role === 'vendor') ? draft.scope : '';
          onChange({ ...draft, role, scope });
        }}
        data={roles.map((role) => ({ value: role, label: roleLabel(t, role) }))}
        error={fieldError(serverError, 'role')}
      />
      {draft.role === 'vendor' && (
        <Text size="sm" c="dimmed">
          {t('grants.vendorRule')}
        </Text>
      )}
      <ScopePicker
        key={draft.role === 'vendor' ? 'vendor' : 'other'}
        legend={t('grants.scope')}
        initialKind={draft.role === 'vendor' ? 'machine' : 'site'}
        onChange={(scope) => onChange({ ...draft, scope })}
        error={(problems.scope ? t(problems.scope) : undefined) ?? fieldError(serverError, 'scope')}
      />
      <TextInput
        type="date"
        label={requireExpiry || draft.role === 'vendor' ? t('grants.expiresRequired') : t('grants.expiresOptional')}
        min={today}
        max={maxDate}
        description={maxDate ? t('grants.latestDate', { date: formatDate(`${maxDate}T12:00:00Z`, currentLanguage()) }) : undefined}
        value={draft.expires}
        required={requireExpiry || draft.role === 'vendor'}
        onChange={(event) => onChange({ ...draft, expires: event.currentTarget.value })}
        error={(problems.expires ? t(problems.expires) : undefined) ?? fieldError(serverError, 'expires_at')}
      />
    </Stack>
  );
}
