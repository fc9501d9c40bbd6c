// Which roles see advisories labelled TLP AMBER or RED: shown to everyone on the advisories page
// (it explains why some advisories are missing for them), changeable by an admin for all sites.
// Admin is always among them and cannot be unticked.
import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../app/api-client.ts';
import { roles, type AdvisoryVisibilityView } from '../../app/api-types.ts';
import { FormModal } from '../../app/form-modal.tsx';
import { roleLabel } from '../../app/format.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';

const path = '/settings/advisory-visibility';

/** The advisory visibility setting. */
export function useAdvisoryVisibility() {
  return useQuery({ queryKey: ['settings', 'advisory-visibility'], queryFn: () => apiRequest<AdvisoryVisibilityView>(path) });
}

function VisibilityForm({ current, onDone }: { current: AdvisoryVisibilityView; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(current.restricted_tlp_roles);
  const save = useMutation({
    mutationFn: () => apiRequest<AdvisoryVisibilityView>(path, { method: 'PUT', body: { restricted_tlp_roles: chosen } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['settings', 'advisory-visibility'] });
      void queryClient.invalidateQueries({ queryKey: ['advisories'] });
      onDone();
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('advisories.visibility.explanation')}</Text>
        <Checkbox.Group label={t('advisories.visibility.roles')} value={chosen} onChange={setChosen}>
          <Stack gap={6} mt="xs">
            {roles.map((role) => (
              <Checkbox key={role} value={role} label={roleLabel(t, role)} disabled={role === 'admin'} />
            ))}
          </Stack>
        </Checkbox.Group>
        {save.error && <ProblemAlert error={save.error} fields={['restricted_tlp_roles']} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A button showing who sees TLP AMBER/RED advisories; admins for all sites can change it in its dialog. */
export function TlpVisibilityButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const visibility = useAdvisoryVisibility();
  if (!visibility.data) return null;
  const canChange = visibility.data.allowed_actions.includes('settings.advisory_visibility');
  const names = visibility.data.restricted_tlp_roles.map((role) => roleLabel(t, role)).join(', ');
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('advisories.visibility.button')}
      </Button>
      <FormModal opened={opened} onClose={() => setOpened(false)} title={t('advisories.visibility.title')} size="md">
        {canChange ? (
          <VisibilityForm current={visibility.data} onDone={() => setOpened(false)} />
        ) : (
          <Stack gap="sm">
            <Text size="sm">{t('advisories.visibility.explanation')}</Text>
            <Alert color="gray">{t('advisories.visibility.current', { roles: names })}</Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('common.close')}
              </Button>
            </Group>
          </Stack>
        )}
      </FormModal>
    </>
  );
}
