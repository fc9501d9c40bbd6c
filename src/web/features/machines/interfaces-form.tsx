// The interfaces dialog body: add and remove rows (IP, MAC, hostname, segment of the machine's site)
// and save the whole list; the server's field problems appear beside the field of their row.
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import type { MachineDetailView } from '../../app/api-types.ts';
import { FormBody } from '../../app/section.tsx';
import { useSegments } from '../sites/sites.api.ts';
import { useReplaceInterfaces, type InterfaceInput } from './machines.api.ts';

const fields = ['ip', 'mac', 'hostname', 'segment_key'] as const;
type Field = (typeof fields)[number];
type Draft = Record<Field, string> & { key: number };

let nextKey = 0;
const draftOf = (entry?: Partial<Record<Field, string | null>>): Draft => ({
  key: nextKey++,
  ip: entry?.ip ?? '',
  mac: entry?.mac ?? '',
  hostname: entry?.hostname ?? '',
  segment_key: entry?.segment_key ?? '',
});
// Only the typed value is monospace; label and error keep the UI font.
const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
const isEmpty = (draft: Draft) => fields.every((field) => draft[field].trim() === '');

/** The message of a problem at `/interfaces/<sent>/<field>` (or the row itself when `field` is omitted). */
function rowProblem(error: unknown, sent: number, field?: Field): string | undefined {
  if (!(error instanceof ApiError) || sent < 0) return undefined;
  const path = field ? `/interfaces/${sent}/${field}` : `/interfaces/${sent}`;
  return error.fieldErrors.find((entry) => entry.path === path)?.message;
}

/** Edits the interfaces of `machine`; saves with the machine's version. */
export function InterfacesForm({ machine, onDone, onCancel }: { machine: MachineDetailView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const replace = useReplaceInterfaces(machine.machine_id);
  const segments = useSegments(machine.site_key);
  const [rows, setRows] = useState<Draft[]>(() => machine.interfaces.map((entry) => draftOf(entry)));
  // Which sent index each row had in the last request (empty rows are not sent), to place the server's problems.
  const [sentIndex, setSentIndex] = useState<Map<number, number>>(new Map());

  const segmentKeys = (segments.data?.items ?? []).map((segment) => ({ value: segment.key, label: `${segment.key} – ${segment.name}` }));
  const segmentOptions = (current: string) => [
    { value: '', label: t('interfaces.noSegment') },
    ...segmentKeys,
    // A key the list does not (yet) hold stays selectable so nothing changes unnoticed.
    ...(current && !segmentKeys.some((option) => option.value === current) ? [{ value: current, label: current }] : []),
  ];

  const set = (key: number, field: Field, value: string) => setRows(rows.map((row) => (row.key === key ? { ...row, [field]: value } : row)));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sent = rows.filter((row) => !isEmpty(row));
    setSentIndex(new Map(sent.map((row, index) => [row.key, index])));
    const nullable = (value: string) => (value.trim() === '' ? null : value.trim());
    const interfaces: InterfaceInput[] = sent.map((row) => ({ ip: nullable(row.ip), mac: nullable(row.mac), hostname: nullable(row.hostname), segment_key: nullable(row.segment_key) }));
    replace.mutate({ interfaces, version: machine.version }, { onSuccess: onDone });
  };

  return (
    <FormBody onSubmit={submit} error={replace.error} fields={fields} submitLabel={t('common.save')} pending={replace.isPending} onCancel={onCancel}>
      <Text size="sm">{t('interfaces.hint')}</Text>
      {rows.length === 0 && <Text c="dimmed">{t('interfaces.none')}</Text>}
      {rows.map((row, position) => {
        const sent = sentIndex.get(row.key) ?? -1;
        const number = position + 1;
        const rowError = rowProblem(replace.error, sent);
        return (
          <Fieldset key={row.key} legend={t('interfaces.row', { number })} p="sm">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
              <TextInput label={t('interfaces.ip')} value={row.ip} onChange={(event) => set(row.key, 'ip', event.currentTarget.value)} error={rowProblem(replace.error, sent, 'ip')} styles={monospaceInput} />
              <TextInput label={t('interfaces.mac')} value={row.mac} onChange={(event) => set(row.key, 'mac', event.currentTarget.value)} error={rowProblem(replace.error, sent, 'mac')} styles={monospaceInput} />
              <TextInput label={t('interfaces.hostname')} value={row.hostname} onChange={(event) => set(row.key, 'hostname', event.currentTarget.value)} error={rowProblem(replace.error, sent, 'hostname')} />
              <NativeSelect
                label={t('interfaces.segment')}
                value={row.segment_key}
                onChange={(event) => set(row.key, 'segment_key', event.currentTarget.value)}
                data={segmentOptions(row.segment_key)}
                error={rowProblem(replace.error, sent, 'segment_key')}
              />
            </SimpleGrid>
            {rowError && (
              <Text size="sm" c="red.8" mt="xs">
                {rowError}
              </Text>
            )}
            <Group justify="flex-end" mt="xs">
              <Button size="xs" variant="default" onClick={() => setRows(rows.filter((entry) => entry.key !== row.key))} aria-label={t('interfaces.removeNamed', { number })}>
                {t('interfaces.remove')}
              </Button>
            </Group>
          </Fieldset>
        );
      })}
      <div>
        <Button variant="default" size="sm" onClick={() => setRows([...rows, draftOf()])}>
          {t('interfaces.add')}
        </Button>
      </div>
    </FormBody>
  );
}
