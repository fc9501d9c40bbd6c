// The broker form: segment, name, kind, host (name or IP address), port, TLS and notes.
import { Checkbox, NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { brokerKinds, type BrokerView, type CreateBrokerBody, type SegmentView } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { useCreateBroker, useUpdateBroker } from './network.api.ts';
import { networkCode } from './network-labels.tsx';
import { segmentOptions } from './segment-options.ts';

const fields = ['segment_id', 'name', 'kind', 'host', 'port', 'tls', 'notes'] as const;

/** Registers a broker, or changes `broker` when given; `siteKey` preselects its first segment. */
export function BrokerForm({ segments, siteKey, broker, onDone, onCancel }: { segments: readonly SegmentView[]; siteKey: string | null; broker?: BrokerView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateBroker();
  const update = useUpdateBroker();
  const mutation = broker ? update : create;
  const firstSegment = segments.find((segment) => siteKey === null || segment.site_key === siteKey) ?? segments[0];
  const [segmentId, setSegmentId] = useState(broker?.segment_id ?? firstSegment?.id ?? '');
  const [name, setName] = useState(broker?.name ?? '');
  const [kind, setKind] = useState<BrokerView['kind']>(broker?.kind ?? 'mqtt');
  const [host, setHost] = useState(broker?.host ?? '');
  const [port, setPort] = useState(broker?.port == null ? '' : String(broker.port));
  const [tls, setTls] = useState(broker?.tls ?? false);
  const [notes, setNotes] = useState(broker?.notes ?? '');
  const [tried, setTried] = useState(false);
  const portProblem = port.trim() && !/^\d{1,5}$/.test(port.trim()) ? t('network.brokers.portInvalid') : undefined;
  const requiredError = (value: string) => (tried && !value.trim() ? t('validation.required') : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!segmentId || !name.trim() || !host.trim() || portProblem) return;
    const body: CreateBrokerBody = {
      segment_id: segmentId,
      name: name.trim(),
      kind,
      host: host.trim(),
      port: port.trim() ? Number(port.trim()) : null,
      tls,
      notes: notes.trim() ? notes : null,
    };
    if (broker) update.mutate({ id: broker.id, input: body, version: broker.version }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <FormBody onSubmit={submit} error={mutation.error} fields={fields} submitLabel={broker ? t('common.save') : t('network.brokers.create')} pending={mutation.isPending} onCancel={onCancel}>
      <NativeSelect
        label={t('network.segment')}
        required
        value={segmentId}
        onChange={(event) => setSegmentId(event.currentTarget.value)}
        data={segmentOptions(t, segments, false)}
        error={requiredError(segmentId) ?? fieldError(mutation.error, 'segment_id')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('network.brokers.name')} required value={name} onChange={(event) => setName(event.currentTarget.value)} error={requiredError(name) ?? fieldError(mutation.error, 'name')} />
        <NativeSelect
          label={t('network.brokers.kind')}
          required
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as BrokerView['kind'])}
          data={brokerKinds.map((code) => ({ value: code, label: networkCode(t, 'brokerKinds', code) }))}
          error={fieldError(mutation.error, 'kind')}
        />
        <TextInput
          label={t('network.brokers.host')}
          description={t('network.brokers.hostHint')}
          required
          value={host}
          onChange={(event) => setHost(event.currentTarget.value)}
          error={requiredError(host) ?? fieldError(mutation.error, 'host')}
        />
        <TextInput label={t('network.brokers.port')} inputMode="numeric" value={port} onChange={(event) => setPort(event.currentTarget.value)} error={(tried ? portProblem : undefined) ?? fieldError(mutation.error, 'port')} />
      </SimpleGrid>
      <Checkbox label={t('network.brokers.tls')} checked={tls} onChange={(event) => setTls(event.currentTarget.checked)} />
      <Textarea label={t('network.brokers.notes')} autosize minRows={2} value={notes} onChange={(event) => setNotes(event.currentTarget.value)} error={fieldError(mutation.error, 'notes')} />
    </FormBody>
  );
}
