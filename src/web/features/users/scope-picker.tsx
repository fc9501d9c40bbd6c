// Picks a scope: all sites, some sites, or named machines; produces `all`, `site:K,K` or `machine:M,M`.
import { Checkbox, Fieldset, Group, Loader, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMachines, useSites } from '../../app/reference-data.ts';

type ScopeKind = 'all' | 'site' | 'machine';

/** Builds the scope text, or '' while a site or machine scope has no entries. */
export function scopeText(kind: ScopeKind, keys: readonly string[]): string {
  if (kind === 'all') return 'all';
  return keys.length === 0 ? '' : `${kind}:${keys.join(',')}`;
}

export interface ScopePickerProps {
  /** Legend of the fieldset. */
  legend: string;
  /** Called with the scope text ('' when incomplete). */
  onChange: (scope: string) => void;
  /** Error shown under the picker. */
  error?: string | undefined;
  /** Scope kind selected at first. */
  initialKind?: ScopeKind;
}

/** A fieldset with the three scope kinds and the site or machine checkboxes. */
export function ScopePicker({ legend, onChange, error, initialKind = 'site' }: ScopePickerProps) {
  const { t } = useTranslation();
  const sites = useSites();
  const machines = useMachines();
  const [kind, setKind] = useState<ScopeKind>(initialKind);
  const [siteKeys, setSiteKeys] = useState<string[]>([]);
  const [machineKeys, setMachineKeys] = useState<string[]>([]);

  const update = (nextKind: ScopeKind, nextSites: string[], nextMachines: string[]) => {
    setKind(nextKind);
    setSiteKeys(nextSites);
    setMachineKeys(nextMachines);
    onChange(scopeText(nextKind, nextKind === 'site' ? nextSites : nextMachines));
  };

  return (
    <Fieldset legend={legend} variant="unstyled">
      <Stack gap="sm">
        <Radio.Group
          value={kind}
          onChange={(value) => update(value, siteKeys, machineKeys)}
          aria-label={t('scope.kind')}
        >
          <Group gap="lg" mt={4}>
            <Radio value="all" label={t('scope.kindAll')} />
            <Radio value="site" label={t('scope.kindSites')} />
            <Radio value="machine" label={t('scope.kindMachines')} />
          </Group>
        </Radio.Group>
        {kind === 'site' && (
          <KeyCheckboxes
            pending={sites.isPending}
            options={(sites.data ?? []).map((site) => ({ value: site.key, label: `${site.key} — ${site.name}` }))}
            emptyText={t('scope.noSites')}
            label={t('scope.chooseSites')}
            value={siteKeys}
            onChange={(value) => update('site', value, machineKeys)}
          />
        )}
        {kind === 'machine' && (
          <KeyCheckboxes
            pending={machines.isPending}
            options={(machines.data ?? []).map((machine) => ({ value: machine.machine_id, label: `${machine.machine_id} — ${machine.name} (${machine.site_key})` }))}
            emptyText={t('scope.noMachines')}
            label={t('scope.chooseMachines')}
            value={machineKeys}
            onChange={(value) => update('machine', siteKeys, value)}
          />
        )}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}

interface KeyCheckboxesProps {
  pending: boolean;
  options: { value: string; label: string }[];
  /** Shown when there is nothing to choose. */
  emptyText: string;
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
}

/** One checkbox per site or machine key; a loader before they are known, a note when there are none. */
function KeyCheckboxes({ pending, options, emptyText, label, value, onChange }: KeyCheckboxesProps) {
  const { t } = useTranslation();
  if (pending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (options.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  }
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange}>
      <Group gap="md" mt={4}>
        {options.map((option) => (
          <Checkbox key={option.value} value={option.value} label={option.label} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
