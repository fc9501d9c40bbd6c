// The spare-part form, for adding a spare part or device to a site and changing one, with the
// machines of that site it fits.
import { MultiSelect, NativeSelect, NumberInput, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sparePartKinds, type CreateSparePartBody, type SparePartView, type SiteView } from '../../app/api-types.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { useCreateSparePart, useSiteMachines, useUpdateSparePart } from './spare-parts.api.ts';

const fields = ['site_key', 'kind', 'name', 'vendor', 'model_number', 'firmware_version', 'quantity', 'storage_location', 'notes', 'machine_ids'] as const;

/** The translated label of a spare-part kind. */
export function sparePartKindLabel(t: TFunction, kind: string): string {
  return t(`spareParts.kinds.${kind}`, { defaultValue: kind });
}

export interface SparePartFormProps {
  /** The part to change; a new one is added when absent. */
  part?: SparePartView;
  /** The sites a new part may be added to. */
  sites: readonly SiteView[];
  /** The site picked first for a new part. */
  initialSiteKey?: string;
  onDone: () => void;
  onCancel: () => void;
}

/** Adds a spare part to a site, or changes `part` when given. */
export function SparePartForm({ part, sites, initialSiteKey, onDone, onCancel }: SparePartFormProps) {
  const { t } = useTranslation();
  const create = useCreateSparePart();
  const update = useUpdateSparePart();
  const mutation = part ? update : create;
  const [siteKey, setSiteKey] = useState(part?.site_key ?? initialSiteKey ?? sites[0]?.key ?? '');
  const [kind, setKind] = useState<string>(part?.kind ?? 'part');
  const [name, setName] = useState(part?.name ?? '');
  const [vendor, setVendor] = useState(part?.vendor ?? '');
  const [modelNumber, setModelNumber] = useState(part?.model_number ?? '');
  const [firmware, setFirmware] = useState(part?.firmware_version ?? '');
  const [quantity, setQuantity] = useState<number | string>(part?.quantity ?? 1);
  const [location, setLocation] = useState(part?.storage_location ?? '');
  const [notes, setNotes] = useState(part?.notes ?? '');
  const [machineIds, setMachineIds] = useState<string[]>(part?.machine_ids ?? []);
  const [tried, setTried] = useState(false);
  const machines = useSiteMachines(siteKey);

  const quantityNumber = typeof quantity === 'number' ? quantity : quantity.trim() === '' ? null : Number(quantity);
  const quantityInvalid = quantityNumber === null || !Number.isInteger(quantityNumber) || quantityNumber < 0;
  const machineOptions = (machines.data ?? []).map((machine) => ({
    value: machine.machine_id,
    label: `${machine.machine_id} – ${machine.name}${machine.decommissioned_at ? ` (${t('spareParts.decommissioned')})` : ''}`,
  }));
  // Machines the part already fits stay pickable while the site's machines load.
  for (const id of machineIds) if (!machineOptions.some((option) => option.value === id)) machineOptions.push({ value: id, label: id });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || !siteKey || quantityInvalid) return;
    const nullable = (value: string) => (value.trim() === '' ? null : value.trim());
    const body = {
      kind: kind as CreateSparePartBody['kind'],
      name: name.trim(),
      vendor: nullable(vendor),
      model_number: nullable(modelNumber),
      firmware_version: nullable(firmware),
      quantity: quantityNumber,
      storage_location: nullable(location),
      notes: notes.trim() ? notes : null,
      machine_ids: machineIds,
    };
    if (part) update.mutate({ id: part.id, input: body, version: part.version }, { onSuccess: onDone });
    else create.mutate({ site_key: siteKey, ...body }, { onSuccess: onDone });
  };

  return (
    <FormBody onSubmit={submit} error={mutation.error} fields={fields} submitLabel={part ? t('common.save') : t('spareParts.add')} pending={mutation.isPending} onCancel={onCancel}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {part ? (
          <TextInput label={t('spareParts.site')} value={part.site_key} readOnly />
        ) : (
          <NativeSelect
            label={t('spareParts.site')}
            required
            value={siteKey}
            onChange={(event) => {
              setSiteKey(event.currentTarget.value);
              // The machines belong to the site; another site has others.
              setMachineIds([]);
            }}
            data={sites.map((site) => ({ value: site.key, label: `${site.key} – ${site.name}` }))}
            error={fieldError(mutation.error, 'site_key')}
          />
        )}
        <NativeSelect
          label={t('spareParts.kind')}
          required
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value)}
          data={sparePartKinds.map((code) => ({ value: code, label: sparePartKindLabel(t, code) }))}
          error={fieldError(mutation.error, 'kind')}
        />
        <TextInput
          label={t('spareParts.name')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={tried && !name.trim() ? t('validation.required') : fieldError(mutation.error, 'name')}
        />
        <TextInput label={t('spareParts.vendor')} value={vendor} onChange={(event) => setVendor(event.currentTarget.value)} error={fieldError(mutation.error, 'vendor')} />
        <TextInput label={t('spareParts.modelNumber')} value={modelNumber} onChange={(event) => setModelNumber(event.currentTarget.value)} error={fieldError(mutation.error, 'model_number')} />
        <TextInput
          label={t('spareParts.firmware')}
          description={kind === 'device' ? t('spareParts.firmwareHint') : undefined}
          value={firmware}
          onChange={(event) => setFirmware(event.currentTarget.value)}
          error={fieldError(mutation.error, 'firmware_version')}
        />
        <NumberInput
          label={t('spareParts.quantity')}
          required
          value={quantity}
          onChange={setQuantity}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          error={tried && quantityInvalid ? t('spareParts.quantityInvalid') : fieldError(mutation.error, 'quantity')}
        />
        <TextInput label={t('spareParts.location')} value={location} onChange={(event) => setLocation(event.currentTarget.value)} error={fieldError(mutation.error, 'storage_location')} />
      </SimpleGrid>
      <MultiSelect
        label={t('spareParts.machines')}
        description={t('spareParts.machinesHint')}
        placeholder={machineIds.length === 0 ? t('spareParts.machinesPlaceholder') : undefined}
        data={machineOptions}
        value={machineIds}
        onChange={setMachineIds}
        searchable
        clearable
        nothingFoundMessage={machines.isPending && siteKey ? t('common.loading') : t('spareParts.noMachines')}
        // Problems of single entries (/machine_ids/<n>) are listed in the alert above the form.
        error={machines.isError ? t('spareParts.machinesFailed') : undefined}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea label={t('spareParts.notes')} autosize minRows={2} value={notes} onChange={(event) => setNotes(event.currentTarget.value)} error={fieldError(mutation.error, 'notes')} />
    </FormBody>
  );
}
