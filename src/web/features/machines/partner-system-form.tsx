// The partner-system form, for adding one to a machine and changing one: host and port, or an
// address (URL or UNC path), and whether the Patchwerk server can reach it.
import { Group, NativeSelect, NumberInput, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { partnerSystemKinds, type CreatePartnerSystemBody, type PartnerSystemView } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { useAddPartnerSystem, useUpdatePartnerSystem } from './partner-systems.api.ts';

const fields = ['name', 'kind', 'host', 'port', 'url', 'server_reachable', 'notes'] as const;

/** The translated label of a partner-system kind. */
export function partnerSystemKindLabel(t: TFunction, kind: string): string {
  return t(`partnerSystems.kinds.${kind}`, { defaultValue: kind });
}

/** `yes`, `no` or `unknown`: how the reachability is picked and stored (true, false, null). */
type Reachability = 'yes' | 'no' | 'unknown';

const toReachability = (value: boolean | null | undefined): Reachability => (value === true ? 'yes' : value === false ? 'no' : 'unknown');
const fromReachability = (value: Reachability): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);

/** Adds a partner system to `machineId`, or changes `system` when given. */
export function PartnerSystemForm({ machineId, system, onDone, onCancel }: { machineId: string; system?: PartnerSystemView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const add = useAddPartnerSystem(machineId);
  const update = useUpdatePartnerSystem(machineId);
  const mutation = system ? update : add;
  const [name, setName] = useState(system?.name ?? '');
  const [kind, setKind] = useState<string>(system?.kind ?? 'mes');
  const [host, setHost] = useState(system?.host ?? '');
  const [port, setPort] = useState<number | string>(system?.port ?? '');
  const [url, setUrl] = useState(system?.url ?? '');
  const [reachable, setReachable] = useState<Reachability>(toReachability(system?.server_reachable));
  const [notes, setNotes] = useState(system?.notes ?? '');
  const [tried, setTried] = useState(false);

  const portNumber = typeof port === 'number' ? port : port.trim() === '' ? null : Number(port);
  const portInvalid = portNumber !== null && !(Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535);
  const nameMissing = tried && !name.trim();
  const addressMissing = tried && !host.trim() && !url.trim();
  const portWithoutHost = tried && portNumber !== null && !host.trim();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || (!host.trim() && !url.trim()) || portInvalid || (portNumber !== null && !host.trim())) return;
    const body: CreatePartnerSystemBody = {
      name: name.trim(),
      kind: kind as CreatePartnerSystemBody['kind'],
      host: host.trim() || null,
      port: portNumber,
      url: url.trim() || null,
      server_reachable: fromReachability(reachable),
      notes: notes.trim() ? notes : null,
    };
    if (system) update.mutate({ id: system.id, input: body, version: system.version }, { onSuccess: onDone });
    else add.mutate(body, { onSuccess: onDone });
  };

  return (
    <FormBody onSubmit={submit} error={mutation.error} fields={fields} submitLabel={system ? t('common.save') : t('partnerSystems.add')} pending={mutation.isPending} onCancel={onCancel}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('partnerSystems.name')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameMissing ? t('validation.required') : fieldError(mutation.error, 'name')}
        />
        <NativeSelect
          label={t('partnerSystems.kind')}
          required
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value)}
          data={partnerSystemKinds.map((code) => ({ value: code, label: partnerSystemKindLabel(t, code) }))}
          error={fieldError(mutation.error, 'kind')}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm">{t('partnerSystems.addressHint')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('partnerSystems.host')}
            description={t('partnerSystems.hostHint')}
            value={host}
            onChange={(event) => setHost(event.currentTarget.value)}
            error={addressMissing ? t('partnerSystems.hostOrUrl') : portWithoutHost ? t('partnerSystems.portNeedsHost') : fieldError(mutation.error, 'host')}
          />
          <NumberInput
            label={t('partnerSystems.port')}
            description={t('partnerSystems.portHint')}
            value={port}
            onChange={setPort}
            min={1}
            max={65535}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            error={tried && portInvalid ? t('partnerSystems.portInvalid') : fieldError(mutation.error, 'port')}
          />
        </SimpleGrid>
        <TextInput
          label={t('partnerSystems.url')}
          description={t('partnerSystems.urlHint')}
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={addressMissing ? t('partnerSystems.hostOrUrl') : fieldError(mutation.error, 'url')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      </Stack>
      <Radio.Group
        label={t('partnerSystems.reachable')}
        description={t('partnerSystems.reachableHint')}
        value={reachable}
        onChange={setReachable}
        error={fieldError(mutation.error, 'server_reachable')}
      >
        <Group gap="lg" mt={4}>
          <Radio value="yes" label={t('partnerSystems.reachability.yes')} />
          <Radio value="no" label={t('partnerSystems.reachability.no')} />
          <Radio value="unknown" label={t('partnerSystems.reachability.unknown')} />
        </Group>
      </Radio.Group>
      <Textarea label={t('partnerSystems.notes')} autosize minRows={2} value={notes} onChange={(event) => setNotes(event.currentTarget.value)} error={fieldError(mutation.error, 'notes')} />
    </FormBody>
  );
}
