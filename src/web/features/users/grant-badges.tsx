// Compact list of a user's grants: role, scope and expiry.
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GrantView } from '../../app/api-types.ts';
import { formatDate, roleLabel, scopeLabel } from '../../app/format.ts';
import { currentLanguage } from '../../app/i18n.ts';

/** One line per grant: "Instandhaltung · Standorte: WERK1". */
export function GrantSummary({ grants }: { grants: GrantView[] }) {
  const { t } = useTranslation();
  if (grants.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('grants.none')}
      </Text>
    );
  }
  return (
    <Group gap={6}>
      {grants.map((grant) => (
        <Badge key={grant.id} variant="outline" color="gray.8" tt="none" fw={500} radius="sm">
          {roleLabel(t, grant.role)} · {scopeLabel(t, grant.scope)}
          {grant.expires_at ? ` · ${t('grants.until', { date: formatDate(grant.expires_at, currentLanguage()) })}` : ''}
        </Badge>
      ))}
    </Group>
  );
}

/** Status badges: disabled, locked. */
export function UserStatus({ disabled, lockedUntil }: { disabled: boolean; lockedUntil: string | null }) {
  const { t } = useTranslation();
  const locked = lockedUntil !== null && new Date(lockedUntil).getTime() > Date.now();
  if (!disabled && !locked) {
    return (
      <Badge variant="light" color="green" tt="none">
        {t('users.statusActive')}
      </Badge>
    );
  }
  return (
    <Group gap={4}>
      {disabled && (
        <Badge variant="light" color="red" tt="none">
          {t('users.statusDisabled')}
        </Badge>
      )}
      {locked && (
        <Badge variant="light" color="orange" tt="none">
          {t('users.statusLocked')}
        </Badge>
      )}
    </Group>
  );
}
