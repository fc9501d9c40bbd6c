// The conduit form: from and to (a segment of any site in scope, or the internet), protocol and
// ports, service, purpose, firewall rule and whether it carries remote access.
import { Checkbox, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { conduitProtocols, type ConduitView, type CreateConduitBody, type SegmentView } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { useCreateConduit, useUpdateConduit } from './network.api.ts';
import { networkCode } from './network-labels.tsx';
import { INTERNET, segmentOptions } from './segment-options.ts';

const fields = ['from_segment_id', 'to_segment_id', 'protocol', 'ports', 'service', 'purpose', 'firewall_rule', 'remote_access'] as const;

const endValue = (end: ConduitView['from']): string => (end.kind === 'internet' ? INTERNET : end.segment_id);
const endId = (value: string): string | null => (value === INTERNET ? null : value);

/** Documents a conduit, or changes `conduit` when given; `segments` are the choices, `siteKey` preselects its first segment. */
export function ConduitForm({ segments, siteKey, conduit, onDone, onCancel }: { segments: readonly SegmentView[]; siteKey: string | null; conduit?: ConduitView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateConduit();
  const update = useUpdateConduit();
  const mutation = conduit ? update : create;
  const firstSegment = segments.find((segment) => siteKey === null || segment.site_key === siteKey) ?? segments[0];
  const [from, setFrom] = useState(conduit ? endValue(conduit.from) : (firstSegment?.id ?? INTERNET));
  const [to, setTo] = useState(conduit ? endValue(conduit.to) : INTERNET);
  const [protocol, setProtocol] = useState<ConduitView['protocol']>(conduit?.protocol ?? 'tcp');
  const [ports, setPorts] = useState(conduit?.ports ?? '');
  const [service, setService] = useState(conduit?.service ?? '');
  const [purpose, setPurpose] = useState(conduit?.purpose ?? '');
  const [firewallRule, setFirewallRule] = useState(conduit?.firewall_rule ?? '');
  const [remoteAccess, setRemoteAccess] = useState(conduit?.remote_access ?? false);
  const [tried, setTried] = useState(false);
  const sameEnds = from === to ? t('network.conduits.sameEnds') : undefined;
  const options = segmentOptions(t, segments, true);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!purpose.trim() || sameEnds) return;
    const nullable = (value: string) => (value.trim() === '' ? null : value.trim());
    const body: CreateConduitBody = {
      from_segment_id: endId(from),
      to_segment_id: endId(to),
      protocol,
      ports: protocol === 'icmp' ? null : nullable(ports),
      service: nullable(service),
      purpose: purpose.trim(),
      firewall_rule: nullable(firewallRule),
      remote_access: remoteAccess,
    };
    if (conduit) update.mutate({ id: conduit.id, input: body, version: conduit.version }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <FormBody onSubmit={submit} error={mutation.error} fields={fields} submitLabel={conduit ? t('common.save') : t('network.conduits.create')} pending={mutation.isPending} onCancel={onCancel}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label={t('network.conduits.from')} required value={from} onChange={(event) => setFrom(event.currentTarget.value)} data={options} error={fieldError(mutation.error, 'from_segment_id')} />
        <NativeSelect
          label={t('network.conduits.to')}
          required
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          data={options}
          error={(tried ? sameEnds : undefined) ?? fieldError(mutation.error, 'to_segment_id')}
        />
        <NativeSelect
          label={t('network.conduits.protocol')}
          required
          value={protocol}
          onChange={(event) => setProtocol(event.currentTarget.value as ConduitView['protocol'])}
          data={conduitProtocols.map((code) => ({ value: code, label: networkCode(t, 'protocols', code) }))}
          error={fieldError(mutation.error, 'protocol')}
        />
        <TextInput
          label={t('network.conduits.ports')}
          description={t('network.conduits.portsHint')}
          value={protocol === 'icmp' ? '' : ports}
          disabled={protocol === 'icmp'}
          onChange={(event) => setPorts(event.currentTarget.value)}
          error={fieldError(mutation.error, 'ports')}
        />
        <TextInput label={t('network.conduits.service')} description={t('network.conduits.serviceHint')} value={service} onChange={(event) => setService(event.currentTarget.value)} error={fieldError(mutation.error, 'service')} />
        <TextInput label={t('network.conduits.firewallRule')} value={firewallRule} onChange={(event) => setFirewallRule(event.currentTarget.value)} error={fieldError(mutation.error, 'firewall_rule')} />
      </SimpleGrid>
      <TextInput
        label={t('network.conduits.purpose')}
        description={t('network.conduits.purposeHint')}
        required
        value={purpose}
        onChange={(event) => setPurpose(event.currentTarget.value)}
        error={(tried && !purpose.trim() ? t('validation.required') : undefined) ?? fieldError(mutation.error, 'purpose')}
      />
      <Checkbox
        label={t('network.conduits.remoteAccess')}
        description={t('network.conduits.remoteAccessHint')}
        checked={remoteAccess}
        onChange={(event) => setRemoteAccess(event.currentTarget.checked)}
      />
    </FormBody>
  );
}
