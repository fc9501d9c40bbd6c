// "Mark as false match": the reason is required; the server judges a blank one (REASON_REQUIRED) and
// its message is shown at the field.
import { Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingView } from '../../app/api-types.ts';
import { ApiError } from '../../app/api-client.ts';
import { FormModal } from '../../app/form-modal.tsx';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { useMarkFalseMatch } from './findings.api.ts';

/** The dialog for one finding; closed while `finding` is null. */
export function FalseMatchDialog({ finding, onClose }: { finding: FindingView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={finding !== null} onClose={onClose} title={t('findings.markTitle')}>
      {finding && <FalseMatchForm finding={finding} onDone={onClose} />}
    </FormModal>
  );
}

function FalseMatchForm({ finding, onDone }: { finding: FindingView; onDone: () => void }) {
  const { t } = useTranslation();
  const mark = useMarkFalseMatch();
  const [reason, setReason] = useState('');
  const atField = fieldError(mark.error, 'reason', ['REASON_REQUIRED']);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mark.mutate({ findingId: finding.id, reason }, { onSuccess: onDone });
  };
  return (
    <FormBody
      onSubmit={submit}
      // The reason's own problem stands at the field, not again above the form.
      error={mark.error instanceof ApiError && mark.error.code === 'REASON_REQUIRED' ? null : mark.error}
      fields={['reason']}
      submitLabel={t('findings.markSubmit')}
      pending={mark.isPending}
      onCancel={onDone}
    >
      <Text size="sm">
        {t('findings.markWhat', {
          vulnerability: finding.cve ?? finding.vulnerability_key,
          advisory: finding.advisory.tracking_id,
          component: [finding.component.name, finding.component.version].filter(Boolean).join(' '),
          machine: finding.machine.machine_id,
        })}
      </Text>
      <Textarea
        label={t('findings.reason')}
        description={t('findings.reasonHint')}
        required
        autosize
        minRows={3}
        maxLength={2000}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={atField}
        data-autofocus
      />
      <Text size="xs" c="dimmed">
        {t('findings.markNote')}
      </Text>
    </FormBody>
  );
}
