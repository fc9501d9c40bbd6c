// Network: segments, conduits, message brokers, the IP register and the topology as tabs, all
// filtered by one site selector (every site in scope by default). Tab and site live in the URL
// (`/network?tab=conduits&site=WERK1`), so each view can be linked to.
import { Button, NativeSelect, Stack, Tabs, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FormModal } from '../../app/form-modal.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { QueryContent } from '../../app/query-content.tsx';
import { Section } from '../../app/section.tsx';
import { BrokerForm } from '../network/broker-form.tsx';
import { BrokersTable } from '../network/brokers-table.tsx';
import { ConduitForm } from '../network/conduit-form.tsx';
import { ConduitsTable } from '../network/conduits-table.tsx';
import { IpRegisterPanel } from '../network/ip-register-panel.tsx';
import { useBrokers, useConduits } from '../network/network.api.ts';
import { TopologyPanel } from '../topology/topology-panel.tsx';
import { SegmentsTable } from './segments-table.tsx';
import { SegmentForm } from './site-forms.tsx';
import { useSegments, useSiteList } from './sites.api.ts';

/** The tabs of the network page, as written in `?tab=`. */
export const networkTabs = ['segments', 'conduits', 'brokers', 'ip-register', 'topology'] as const;
type NetworkTab = (typeof networkTabs)[number];

const isTab = (value: string | null): value is NetworkTab => networkTabs.includes(value as NetworkTab);

/** An empty list: its create button (when allowed) and the empty text. */
function EmptyList({ actions, text }: { actions: ReactNode; text: string }) {
  return (
    <Stack align="flex-start">
      {actions}
      <Text c="dimmed">{text}</Text>
    </Stack>
  );
}

/** The segments of the selected site (or all), with "New segment" where allowed. */
function SegmentsTab({ siteKey, siteKeys }: { siteKey: string | null; siteKeys: readonly string[] }) {
  const { t } = useTranslation();
  const segments = useSegments(siteKey);
  const [creating, { open, close }] = useDisclosure(false);
  // Site views do not say where segments may be added; the server refuses a site outside the grant.
  const create = segments.data?.allowed_actions.includes('segment.create') && siteKeys.length > 0 ? <Button onClick={open}>{t('segments.new')}</Button> : null;
  return (
    <Section title={t('segments.title')}>
      <QueryContent query={segments} isEmpty={() => false} emptyText="">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyList actions={create} text={t('segments.empty')} />
          ) : (
            <SegmentsTable segments={data.items} label={t('segments.title')} showSite={siteKey === null} fileQualifiers={siteKey ? [siteKey] : []} actions={create} />
          )
        }
      </QueryContent>
      <FormModal opened={creating} onClose={close} title={t('segments.new')}>
        <SegmentForm {...(siteKey ? { siteKey } : { siteKeys })} onDone={close} onCancel={close} />
      </FormModal>
    </Section>
  );
}

/** The conduits touching the selected site (or all); the form offers every segment in scope (flows may cross sites). */
function ConduitsTab({ siteKey }: { siteKey: string | null }) {
  const { t } = useTranslation();
  const conduits = useConduits(siteKey);
  const segments = useSegments(null);
  const [creating, { open, close }] = useDisclosure(false);
  const choices = segments.data?.items ?? [];
  const create = conduits.data?.allowed_actions.includes('conduit.create') && choices.length > 0 ? <Button onClick={open}>{t('network.conduits.new')}</Button> : null;
  return (
    <Section title={t('network.conduits.title')}>
      <QueryContent query={conduits} isEmpty={() => false} emptyText="">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyList actions={create} text={t('network.conduits.empty')} />
          ) : (
            <ConduitsTable conduits={data.items} segments={choices} label={t('network.conduits.title')} fileQualifiers={siteKey ? [siteKey] : []} actions={create} />
          )
        }
      </QueryContent>
      <FormModal opened={creating} onClose={close} title={t('network.conduits.new')}>
        <ConduitForm segments={choices} siteKey={siteKey} onDone={close} onCancel={close} />
      </FormModal>
    </Section>
  );
}

/** The brokers of the selected site (or all), with "New broker" where allowed. */
function BrokersTab({ siteKey }: { siteKey: string | null }) {
  const { t } = useTranslation();
  const brokers = useBrokers(siteKey);
  const segments = useSegments(null);
  const [creating, { open, close }] = useDisclosure(false);
  const choices = segments.data?.items ?? [];
  const create = brokers.data?.allowed_actions.includes('broker.create') && choices.length > 0 ? <Button onClick={open}>{t('network.brokers.new')}</Button> : null;
  return (
    <Section title={t('network.brokers.title')}>
      <QueryContent query={brokers} isEmpty={() => false} emptyText="">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyList actions={create} text={t('network.brokers.empty')} />
          ) : (
            <BrokersTable brokers={data.items} segments={choices} label={t('network.brokers.title')} fileQualifiers={siteKey ? [siteKey] : []} actions={create} />
          )
        }
      </QueryContent>
      <FormModal opened={creating} onClose={close} title={t('network.brokers.new')}>
        <BrokerForm segments={choices} siteKey={siteKey} onDone={close} onCancel={close} />
      </FormModal>
    </Section>
  );
}

/** The network page. */
export function NetworkPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sites = useSiteList();
  const requestedTab = params.get('tab');
  const tab: NetworkTab = isTab(requestedTab) ? requestedTab : 'segments';
  const siteKey = params.get('site') || null;
  const siteKeys = (sites.data?.items ?? []).map((site) => site.key);

  const setParam = (name: 'tab' | 'site', value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  const siteChoices = [{ value: '', label: t('network.allSites') }, ...siteKeys.map((key) => ({ value: key, label: key }))];
  // A site named in the URL but not (yet) in the list stays selectable, so the select shows it.
  if (siteKey && !siteKeys.includes(siteKey)) siteChoices.push({ value: siteKey, label: siteKey });

  return (
    <>
      <PageHeader
        title={t('nav.network')}
        actions={<NativeSelect aria-label={t('network.siteFilter')} value={siteKey ?? ''} onChange={(event) => setParam('site', event.currentTarget.value || null)} data={siteChoices} />}
      />
      <Tabs value={tab} onChange={(value) => setParam('tab', value === 'segments' ? null : value)} keepMounted={false}>
        <Tabs.List mb="md">
          {networkTabs.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {t(`network.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="segments">
          <SegmentsTab siteKey={siteKey} siteKeys={siteKeys} />
        </Tabs.Panel>
        <Tabs.Panel value="conduits">
          <ConduitsTab siteKey={siteKey} />
        </Tabs.Panel>
        <Tabs.Panel value="brokers">
          <BrokersTab siteKey={siteKey} />
        </Tabs.Panel>
        <Tabs.Panel value="ip-register">
          <IpRegisterPanel siteKey={siteKey} />
        </Tabs.Panel>
        <Tabs.Panel value="topology">
          <Stack>
            <TopologyPanel siteKey={siteKey} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
