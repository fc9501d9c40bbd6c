// Picks machines by machine_id: the server searches ids, names and components as the person types;
// chosen machines stay listed even when the current search does not find them.
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMachineSearch } from './contracts.api.ts';

export interface MachinePickerProps {
  label: string;
  /** Chosen machine_ids, in the order chosen. */
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
  required?: boolean;
  /** Labels of machines chosen before (e.g. the contract's), so they show with their names. */
  known?: readonly { machine_id: string; name: string; site_key: string }[];
}

/** A searchable multi-select of machines in the user's scope. */
export function MachinePicker({ label, value, onChange, error, required = false, known = [] }: MachinePickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const found = useMachineSearch(debounced);
  const labels = new Map<string, string>();
  for (const machine of [...known, ...(found.data ?? [])]) labels.set(machine.machine_id, `${machine.machine_id} – ${machine.name} (${machine.site_key})`);
  const options = [...new Set([...value, ...(found.data ?? []).map((machine) => machine.machine_id)])].map((machineId) => ({ value: machineId, label: labels.get(machineId) ?? machineId }));
  return (
    <MultiSelect
      label={label}
      required={required}
      description={t('contracts.machinesHint')}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has searched already (also component names, which the labels do not show).
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('contracts.noMachineFound')}
      error={error}
      hidePickedOptions
      clearable
    />
  );
}
