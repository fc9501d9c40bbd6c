// The contract form, for recording and changing a framework contract: the terms, the supplier's
// contacts as an editable list, and the machines it covers. A change sends only what changed.
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { contractResponsibilities, type ContractContact, type ContractView, type CreateContractBody, type UpdateContractBody } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { responsibilityLabel } from './contract-labels.tsx';
import { useCreateContract, useUpdateContract } from './contracts.api.ts';
import { MachinePicker } from './machine-picker.tsx';

const textFields = ['reference', 'supplier', 'responsibility', 'responsible', 'valid_from', 'valid_until', 'update_obligation', 'update_method', 'sla', 'notes'] as const;
type TextField = (typeof textFields)[number];
type Draft = Record<TextField, string>;
const contactFields = ['name', 'role', 'phone', 'email'] as const;
type ContactField = (typeof contactFields)[number];
type ContactDraft = Record<ContactField, string> & { key: number };

let nextKey = 0;
const contactDraft = (contact?: ContractContact): ContactDraft => ({
  key: nextKey++,
  name: contact?.name ?? '',
  role: contact?.role ?? '',
  phone: contact?.phone ?? '',
  email: contact?.email ?? '',
});

function draftOf(contract: ContractView | undefined): Draft {
  const draft = Object.fromEntries(textFields.map((field) => [field, ''])) as Draft;
  if (!contract) return { ...draft, responsibility: 'supplier' };
  for (const field of textFields) draft[field] = contract[field] ?? '';
  return draft;
}

const nullable = (value: string): string | null => (value.trim() === '' ? null : value.trim());
const isBlank = (contact: ContactDraft) => contactFields.every((field) => contact[field].trim() === '');

/** The message of a problem at exactly `path`. */
function problemAt(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors.find((entry) => entry.path === path)?.message : undefined;
}

/** Records a contract (for `initialMachineIds` at first), or changes `contract` when given; `onDone` receives the saved contract. */
export function ContractForm({ contract, initialMachineIds = [], onDone, onCancel }: { contract?: ContractView; initialMachineIds?: string[]; onDone: (contract: ContractView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateContract();
  const update = useUpdateContract(contract?.id ?? '');
  const mutation = contract ? update : create;
  const [draft, setDraft] = useState<Draft>(() => draftOf(contract));
  const [contacts, setContacts] = useState<ContactDraft[]>(() => (contract?.contacts ?? []).map(contactDraft));
  const [machineIds, setMachineIds] = useState<string[]>(() => (contract ? contract.machines.map((machine) => machine.machine_id) : initialMachineIds));
  // Which sent index each contact row had in the last request (blank rows are not sent), to place the server's problems.
  const [sentIndex, setSentIndex] = useState<Map<number, number>>(new Map());
  const [tried, setTried] = useState(false);

  const text = (field: TextField, label: string, requiredField = false) => ({
    label,
    required: requiredField,
    value: draft[field],
    onChange: (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: event.currentTarget.value }),
    error: (requiredField && tried && !draft[field].trim() ? t('validation.required') : undefined) ?? fieldError(mutation.error, field, field === 'reference' ? ['CONFLICT'] : []),
  });
  const setContact = (key: number, field: ContactField, value: string) => setContacts(contacts.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...contacts];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    setContacts(next);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    // Machines are checked by the server too (hidden ones of a contract count); a new contract needs one here.
    const sent = contacts.filter((row) => !isBlank(row));
    if (!draft.reference.trim() || !draft.supplier.trim() || (!contract && machineIds.length === 0) || sent.some((row) => !row.name.trim())) return;
    setSentIndex(new Map(sent.map((row, index) => [row.key, index])));
    const body: CreateContractBody = {
      reference: draft.reference.trim(),
      supplier: draft.supplier.trim(),
      contacts: sent.map((row) => ({ name: row.name.trim(), role: nullable(row.role), phone: nullable(row.phone), email: nullable(row.email) })),
      responsibility: draft.responsibility as CreateContractBody['responsibility'],
      responsible: nullable(draft.responsible),
      valid_from: nullable(draft.valid_from),
      valid_until: nullable(draft.valid_until),
      update_obligation: nullable(draft.update_obligation),
      update_method: nullable(draft.update_method),
      sla: nullable(draft.sla),
      notes: nullable(draft.notes),
      machine_ids: machineIds,
    };
    if (!contract) {
      create.mutate(body, { onSuccess: onDone });
      return;
    }
    update.mutate({ input: changesOf(contract, body), version: contract.version }, { onSuccess: onDone });
  };

  return (
    <FormBody
      onSubmit={submit}
      error={mutation.error}
      fields={[...textFields, 'machine_ids', ...contactFields]}
      submitLabel={contract ? t('common.save') : t('contracts.create')}
      pending={mutation.isPending}
      onCancel={onCancel}
    >
      <Fieldset legend={t('contracts.groups.contract')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...text('reference', t('contracts.reference'), true)} description={t('contracts.referenceHint')} />
          <TextInput {...text('supplier', t('contracts.supplier'), true)} />
          <TextInput type="date" {...text('valid_from', t('contracts.validFrom'))} />
          <TextInput type="date" {...text('valid_until', t('contracts.validUntil'))} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('contracts.groups.updates')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect {...text('responsibility', t('contracts.responsibility'), true)} data={contractResponsibilities.map((code) => ({ value: code, label: responsibilityLabel(t, code) }))} />
          <TextInput {...text('responsible', t('contracts.responsible'))} description={t('contracts.responsibleHint')} />
        </SimpleGrid>
        <Textarea mt="sm" autosize minRows={2} {...text('update_obligation', t('contracts.updateObligation'))} description={t('contracts.updateObligationHint')} />
        <Textarea mt="sm" autosize minRows={2} {...text('update_method', t('contracts.updateMethod'))} description={t('contracts.updateMethodHint')} />
        <Textarea mt="sm" autosize minRows={2} {...text('sla', t('contracts.sla'))} />
      </Fieldset>
      <div>
        <MachinePicker
          label={t('contracts.machines')}
          required
          value={machineIds}
          onChange={setMachineIds}
          known={contract?.machines ?? []}
          error={(tried && !contract && machineIds.length === 0 ? t('contracts.machinesRequired') : undefined) ?? fieldError(mutation.error, 'machine_ids')}
        />
        {contract && contract.hidden_machine_count > 0 && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('contracts.hiddenMachines', { count: contract.hidden_machine_count })}
          </Text>
        )}
      </div>
      <Fieldset legend={t('contracts.contacts')}>
        {contacts.length === 0 && <Text c="dimmed">{t('contracts.noContacts')}</Text>}
        {contacts.map((row, index) => {
          const sent = sentIndex.get(row.key);
          const at = (field: ContactField) => (sent === undefined ? undefined : problemAt(mutation.error, `/contacts/${sent}/${field}`));
          const nameMissing = tried && !isBlank(row) && !row.name.trim() ? t('validation.required') : undefined;
          const number = index + 1;
          return (
            <Fieldset key={row.key} legend={t('contracts.contactRow', { number })} p="sm" mb="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('contracts.contactName')} required value={row.name} onChange={(event) => setContact(row.key, 'name', event.currentTarget.value)} error={nameMissing ?? at('name')} />
                <TextInput label={t('contracts.contactRole')} value={row.role} onChange={(event) => setContact(row.key, 'role', event.currentTarget.value)} error={at('role')} />
                <TextInput label={t('contracts.contactPhone')} type="tel" value={row.phone} onChange={(event) => setContact(row.key, 'phone', event.currentTarget.value)} error={at('phone')} />
                <TextInput label={t('contracts.contactEmail')} type="email" value={row.email} onChange={(event) => setContact(row.key, 'email', event.currentTarget.value)} error={at('email')} />
              </SimpleGrid>
              <Group justify="flex-end" gap="xs" mt="xs">
                <Button size="xs" variant="default" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('contracts.contactUp', { number })}>
                  {t('contracts.moveUp')}
                </Button>
                <Button size="xs" variant="default" disabled={index === contacts.length - 1} onClick={() => move(index, 1)} aria-label={t('contracts.contactDown', { number })}>
                  {t('contracts.moveDown')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setContacts(contacts.filter((entry) => entry.key !== row.key))} aria-label={t('contracts.contactRemove', { number })}>
                  {t('contracts.remove')}
                </Button>
              </Group>
            </Fieldset>
          );
        })}
        <Button variant="default" size="sm" onClick={() => setContacts([...contacts, contactDraft()])}>
          {t('contracts.addContact')}
        </Button>
      </Fieldset>
      <Textarea autosize minRows={2} {...text('notes', t('contracts.notes'))} />
    </FormBody>
  );
}

/** The fields of `body` that differ from the stored contract (machines compared as a set of those the user sees). */
function changesOf(contract: ContractView, body: CreateContractBody): UpdateContractBody {
  const changes: UpdateContractBody = {};
  const stored: Record<string, unknown> = { ...contract };
  for (const field of ['reference', 'supplier', 'responsibility', 'responsible', 'valid_from', 'valid_until', 'update_obligation', 'update_method', 'sla', 'notes'] as const) {
    if ((body[field] ?? null) !== (stored[field] ?? null)) Object.assign(changes, { [field]: body[field] ?? null });
  }
  if (JSON.stringify(body.contacts) !== JSON.stringify(contract.contacts)) changes.contacts = body.contacts ?? [];
  const before = contract.machines.map((machine) => machine.machine_id.toLowerCase()).sort();
  const after = body.machine_ids.map((machineId) => machineId.toLowerCase()).sort();
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.machine_ids = body.machine_ids;
  return changes;
}
