// Forms of sites (with their calendar), areas and network segments, for creating and changing them.
import { ActionIcon, Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneTypes, type AreaView, type SegmentView, type SiteView } from '../../app/api-types.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { fieldError } from '../../app/problem-alert.tsx';
import { FormBody } from '../../app/section.tsx';
import { useCreateArea, useCreateSegment, useCreateSite, useUpdateArea, useUpdateSegment, useUpdateSite } from './sites.api.ts';
import { weekdayLabel, zoneTypeLabel } from './site-labels.ts';

const required = (value: string, show: boolean, message: string): string | undefined => (show && !value.trim() ? message : undefined);

/** Creates a site, or changes `site` when given; calls `onDone` after success. */
export function SiteForm({ site, onDone, onCancel }: { site?: SiteView; onDone: (site: SiteView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const create = useCreateSite();
  const update = useUpdateSite(site?.key ?? '');
  const mutation = site ? update : create;
  const [key, setKey] = useState(site?.key ?? '');
  const [name, setName] = useState(site?.name ?? '');
  const [timeZone, setTimeZone] = useState(site?.time_zone ?? 'Europe/Berlin');
  const [workingDays, setWorkingDays] = useState<string[]>((site?.working_days ?? [1, 2, 3, 4, 5]).map(String));
  const [shifts, setShifts] = useState(site?.shifts ?? []);
  const [holidays, setHolidays] = useState(site?.non_working_days ?? []);
  const [tried, setTried] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || !timeZone.trim() || (!site && !key.trim())) return;
    const calendar = {
      name: name.trim(),
      time_zone: timeZone.trim(),
      working_days: workingDays.map(Number),
      shifts: shifts.map((shift) => ({ name: shift.name.trim(), start: shift.start, end: shift.end })),
      non_working_days: holidays.map((day) => ({ day: day.day, label: day.label.trim() })),
    };
    if (site) update.mutate({ input: calendar, version: site.version }, { onSuccess: onDone });
    else create.mutate({ key: key.trim(), ...calendar }, { onSuccess: onDone });
  };

  return (
    <FormBody
      onSubmit={submit}
      error={mutation.error}
      fields={['key', 'name', 'time_zone', 'working_days']}
      submitLabel={site ? t('common.save') : t('sites.create')}
      pending={mutation.isPending}
      onCancel={onCancel}
    >
      {!site && (
        <TextInput
          label={t('sites.key')}
          description={t('sites.keyHint')}
          required
          value={key}
          onChange={(event) => setKey(event.currentTarget.value)}
          error={required(key, tried, t('validation.required')) ?? fieldError(mutation.error, 'key')}
        />
      )}
      <TextInput
        label={t('sites.name')}
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={required(name, tried, t('validation.required')) ?? fieldError(mutation.error, 'name')}
      />
      <TextInput
        label={t('sites.timeZone')}
        description={t('sites.timeZoneHint')}
        required
        value={timeZone}
        onChange={(event) => setTimeZone(event.currentTarget.value)}
        error={required(timeZone, tried, t('validation.required')) ?? fieldError(mutation.error, 'time_zone')}
      />
      <Checkbox.Group label={t('sites.workingDays')} value={workingDays} onChange={setWorkingDays} error={fieldError(mutation.error, 'working_days')}>
        <Group gap="sm" mt="xs">
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <Checkbox key={day} value={String(day)} label={weekdayLabel(day, language, 'long')} />
          ))}
        </Group>
      </Checkbox.Group>
      <Fieldset legend={t('sites.shifts')}>
        <Stack gap="xs">
          {shifts.length === 0 && <Text size="sm" c="dimmed">{t('sites.noShifts')}</Text>}
          {shifts.map((shift, index) => {
            const change = (patch: Partial<typeof shift>) => setShifts(shifts.map((entry, at) => (at === index ? { ...entry, ...patch } : entry)));
            return (
              <Group key={index} align="flex-end" gap="xs" wrap="wrap">
                <TextInput label={t('sites.shiftName')} value={shift.name} onChange={(event) => change({ name: event.currentTarget.value })} w={160} />
                <TextInput label={t('sites.shiftStart')} type="time" value={shift.start} onChange={(event) => change({ start: event.currentTarget.value })} w={120} />
                <TextInput label={t('sites.shiftEnd')} type="time" value={shift.end} onChange={(event) => change({ end: event.currentTarget.value })} w={120} />
                <ActionIcon
                  variant="subtle"
                  color="red.8"
                  size="lg"
                  aria-label={t('sites.removeShift', { name: shift.name || index + 1 })}
                  onClick={() => setShifts(shifts.filter((_, at) => at !== index))}
                >
                  ×
                </ActionIcon>
              </Group>
            );
          })}
          <div>
            <Button size="xs" variant="default" onClick={() => setShifts([...shifts, { name: '', start: '06:00', end: '14:00' }])}>
              {t('sites.addShift')}
            </Button>
          </div>
        </Stack>
      </Fieldset>
      <Fieldset legend={t('sites.nonWorkingDays')}>
        <Stack gap="xs">
          {holidays.length === 0 && <Text size="sm" c="dimmed">{t('sites.noNonWorkingDays')}</Text>}
          {holidays.map((holiday, index) => {
            const change = (patch: Partial<typeof holiday>) => setHolidays(holidays.map((entry, at) => (at === index ? { ...entry, ...patch } : entry)));
            return (
              <Group key={index} align="flex-end" gap="xs" wrap="wrap">
                <TextInput label={t('sites.day')} type="date" value={holiday.day} onChange={(event) => change({ day: event.currentTarget.value })} w={170} />
                <TextInput label={t('sites.dayLabel')} value={holiday.label} onChange={(event) => change({ label: event.currentTarget.value })} w={220} />
                <ActionIcon
                  variant="subtle"
                  color="red.8"
                  size="lg"
                  aria-label={t('sites.removeDay', { day: holiday.day || index + 1 })}
                  onClick={() => setHolidays(holidays.filter((_, at) => at !== index))}
                >
                  ×
                </ActionIcon>
              </Group>
            );
          })}
          <div>
            <Button size="xs" variant="default" onClick={() => setHolidays([...holidays, { day: '', label: '' }])}>
              {t('sites.addDay')}
            </Button>
          </div>
        </Stack>
      </Fieldset>
    </FormBody>
  );
}

/** Creates an area in `siteKey`, or renames `area` when given. */
export function AreaForm({ siteKey, area, onDone, onCancel }: { siteKey: string; area?: AreaView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateArea(siteKey);
  const update = useUpdateArea();
  const mutation = area ? update : create;
  const [key, setKey] = useState(area?.key ?? '');
  const [name, setName] = useState(area?.name ?? '');
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || (!area && !key.trim())) return;
    if (area) update.mutate({ id: area.id, input: { name: name.trim() }, version: area.version }, { onSuccess: onDone });
    else create.mutate({ key: key.trim(), name: name.trim() }, { onSuccess: onDone });
  };
  return (
    <FormBody onSubmit={submit} error={mutation.error} fields={['key', 'name']} submitLabel={area ? t('common.save') : t('areas.create')} pending={mutation.isPending} onCancel={onCancel}>
      {!area && (
        <TextInput
          label={t('areas.key')}
          required
          value={key}
          onChange={(event) => setKey(event.currentTarget.value)}
          error={required(key, tried, t('validation.required')) ?? fieldError(mutation.error, 'key', ['DUPLICATE'])}
        />
      )}
      <TextInput
        label={t('areas.name')}
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={required(name, tried, t('validation.required')) ?? fieldError(mutation.error, 'name')}
      />
    </FormBody>
  );
}

/** Creates a segment (in `siteKey`, or a site picked from `siteKeys`), or changes `segment` when given. */
export function SegmentForm({
  siteKey,
  siteKeys,
  segment,
  onDone,
  onCancel,
}: {
  siteKey?: string;
  siteKeys?: readonly string[];
  segment?: SegmentView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const mutation = segment ? update : create;
  const [site, setSite] = useState(siteKey ?? siteKeys?.[0] ?? '');
  const [key, setKey] = useState(segment?.key ?? '');
  const [name, setName] = useState(segment?.name ?? '');
  const [vlan, setVlan] = useState(segment?.vlan == null ? '' : String(segment.vlan));
  const [cidr, setCidr] = useState(segment?.cidr ?? '');
  const [zoneType, setZoneType] = useState<SegmentView['zone_type']>(segment?.zone_type ?? 'ot_cell');
  const [tried, setTried] = useState(false);
  const vlanProblem = vlan.trim() && !/^\d{1,4}$/.test(vlan.trim()) ? t('segments.vlanInvalid') : undefined;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || vlanProblem || (!segment && (!key.trim() || !site))) return;
    const fields = { name: name.trim(), vlan: vlan.trim() ? Number(vlan.trim()) : null, cidr: cidr.trim() || null, zone_type: zoneType };
    if (segment) update.mutate({ id: segment.id, input: fields, version: segment.version }, { onSuccess: onDone });
    else create.mutate({ site_key: site, key: key.trim(), ...fields }, { onSuccess: onDone });
  };

  return (
    <FormBody
      onSubmit={submit}
      error={mutation.error}
      fields={['site_key', 'key', 'name', 'vlan', 'cidr', 'zone_type']}
      submitLabel={segment ? t('common.save') : t('segments.create')}
      pending={mutation.isPending}
      onCancel={onCancel}
    >
      {!segment && !siteKey && siteKeys && (
        <NativeSelect label={t('machines.site')} required value={site} onChange={(event) => setSite(event.currentTarget.value)} data={[...siteKeys]} error={fieldError(mutation.error, 'site_key')} />
      )}
      {!segment && (
        <TextInput
          label={t('segments.key')}
          required
          value={key}
          onChange={(event) => setKey(event.currentTarget.value)}
          error={required(key, tried, t('validation.required')) ?? fieldError(mutation.error, 'key', ['DUPLICATE'])}
        />
      )}
      <TextInput
        label={t('segments.name')}
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={required(name, tried, t('validation.required')) ?? fieldError(mutation.error, 'name')}
      />
      <TextInput label={t('segments.vlan')} inputMode="numeric" value={vlan} onChange={(event) => setVlan(event.currentTarget.value)} error={(tried ? vlanProblem : undefined) ?? fieldError(mutation.error, 'vlan')} />
      <TextInput label={t('segments.cidr')} description={t('segments.cidrHint')} value={cidr} onChange={(event) => setCidr(event.currentTarget.value)} error={fieldError(mutation.error, 'cidr')} />
      <NativeSelect
        label={t('segments.zoneType')}
        required
        value={zoneType}
        onChange={(event) => setZoneType(event.currentTarget.value as SegmentView['zone_type'])}
        data={zoneTypes.map((zone) => ({ value: zone, label: zoneTypeLabel(t, zone) }))}
        error={fieldError(mutation.error, 'zone_type')}
      />
    </FormBody>
  );
}
