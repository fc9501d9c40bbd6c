// Inventory II in a real Chromium: an all-sites admin loads the demo plant "Hammer und Meißel" from
// the dashboard, then looks at the network page (conduits, IP register, topology drawing), the
// contracts with their test templates, the spare parts and the worked example's lathe with its
// partner systems and contracts. The topology SVG is laid out by the browser's own text engine and
// checked there: every segment, conduit and machine carries its id, and no boxes or labels overlap.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hammerUndMeissel } from '../../src/server/modules/demo/hammer-und-meissel.ts';
import { createUser } from '../../src/server/modules/users/users.service.ts';
import { cliActor } from '../../src/server/policies/actor.ts';
import { checkPage, launchChromium, startBrowserTestServer, type BrowserSession, type BrowserTestServer, signIn } from './browser-support.ts';

const admin = { username: 'olaf.ot', password: 'Hammer-Meissel-2026!' };
const engineer = { username: 'erin.engineer', password: 'Hammer-Meissel-2026!' };

/** What the browser measured in the topology SVG. */
interface SvgFindings {
  segmentIds: string[];
  conduitIds: string[];
  machineIds: string[];
  /** Pairs of overlapping boxes or labels, described. */
  overlaps: string[];
  /** Machine boxes that stick out of their segment box. */
  outside: string[];
}

/**
 * Loads the SVG in the page as a document of its own (inline, so the browser lays out its text)
 * and measures: the ids on its elements, overlapping machine boxes, segment boxes, labels, and
 * machine boxes outside their segment.
 */
async function measureTopology(page: Page, url: string): Promise<SvgFindings> {
  // tsx keeps function names with an `__name` helper that the page does not have.
  await page.evaluate('globalThis.__name = (fn) => fn');
  return page.evaluate(async (address) => {
    const response = await fetch(address, { credentials: 'same-origin' });
    const text = await response.text();
    const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    const host = document.createElement('div');
    host.style.position = 'absolute';
    host.style.left = '0';
    host.style.top = '0';
    host.appendChild(document.importNode(svg, true));
    document.body.appendChild(host);
    try {
      const box = (element: Element) => element.getBoundingClientRect();
      const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      const inside = (outer: DOMRect, inner: DOMRect) => inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
      const ids = (attribute: string) => [...new Set([...host.querySelectorAll(`[${attribute}]`)].map((element) => element.getAttribute(attribute) ?? ''))].sort();
      const overlaps: string[] = [];
      const pairwise = (label: string, elements: Element[]) => {
        const rects = elements.map(box);
        for (let i = 0; i < rects.length; i += 1) {
          for (let j = i + 1; j < rects.length; j += 1) {
            if (overlap(rects[i]!, rects[j]!)) overlaps.push(`${label}: ${elements[i]!.textContent?.slice(0, 40)} × ${elements[j]!.textContent?.slice(0, 40)}`);
          }
        }
      };
      const segmentRects = [...host.querySelectorAll('g[data-segment-id]')].map((group) => group.querySelector(':scope > rect')).filter((rect): rect is SVGRectElement => rect !== null);
      pairwise('segments', segmentRects);
      const machineGroups = [...host.querySelectorAll('g[data-machine-id]')];
      pairwise('machines', machineGroups.map((group) => group.querySelector(':scope > rect')).filter((rect): rect is SVGRectElement => rect !== null));
      // Every text of the drawing (not the legend table) against every other.
      pairwise('labels', [...host.querySelectorAll('text')].filter((element) => !element.closest('[id^="legend"]')));
      const outside = machineGroups
        .filter((group) => {
          const segment = group.parentElement?.closest('g[data-segment-id]')?.querySelector(':scope > rect');
          const rect = group.querySelector(':scope > rect');
          return segment && rect ? !inside(box(segment), box(rect)) : false;
        })
        .map((group) => group.getAttribute('data-machine-id') ?? '?');
      return { segmentIds: ids('data-segment-id'), conduitIds: ids('data-conduit-id'), machineIds: ids('data-machine-id'), overlaps, outside };
    } finally {
      host.remove();
    }
  }, url);
}

describe('browser: network, topology, contracts and spare parts of the demo plant', { timeout: 300_000 }, () => {
  let server: BrowserTestServer;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    server = await startBrowserTestServer({ sites: [] });
    await createUser(server.ctx, cliActor('test', 'de'), { username: admin.username, password: admin.password, display_name: 'Olaf OT', grants: [{ role: 'admin', scope: 'all' }] });
    await createUser(server.ctx, cliActor('test', 'de'), { username: engineer.username, password: engineer.password, display_name: 'Erin Engineer', language: 'en', grants: [{ role: 'engineering', scope: 'all' }] });
    browser = await launchChromium({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the demo plant from the dashboard of an empty installation', async () => {
    await signIn(page, server.baseUrl, admin);
    await page.getByRole('button', { name: 'Demo-Anlage laden' }).waitFor();
    await checkPage(page, '40-dashboard-demo', { language: 'de' });
    await page.getByRole('button', { name: 'Demo-Anlage laden' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Laden' }).click();
    await page.getByText(/Demo-Anlage geladen: Standorte HUM-RS, HUM-LS|Demo-Anlage geladen: Standorte HUM-LS, HUM-RS/).waitFor();
    const machines = await server.ctx.db.selectFrom('machines').select('machine_id').execute();
    assert.equal(machines.length, hammerUndMeissel.machines.length);
    const sites = await server.ctx.db.selectFrom('sites').select(['key', 'demo']).orderBy('key').execute();
    assert.deepEqual(sites, [{ key: 'HUM-LS', demo: 1 }, { key: 'HUM-RS', demo: 1 }]);
  });

  it('shows the conduits with internet and remote access marked, and the IP register', async () => {
    await page.goto(`${server.baseUrl}/network?tab=conduits`);
    await page.getByRole('tab', { name: 'Verbindungen', selected: true }).waitFor();
    await page.getByRole('table').first().waitFor();
    const rows = await page.getByRole('table').first().locator('tbody tr').count();
    assert.equal(rows, hammerUndMeissel.conduits.length);
    assert.ok((await page.getByRole('table').first().getByText('Internet').count()) > 0, 'internet ends are named');
    await checkPage(page, '41-network-conduits', { language: 'de' });
    await page.getByRole('tab', { name: 'IP-Register' }).click();
    await page.getByText('HUM-RS-DRE-01').first().waitFor();
    await checkPage(page, '42-network-ip-register', { language: 'de' });
  });

  it('draws the topology: every segment, conduit and machine carries its id, nothing overlaps', async () => {
    await page.getByRole('tab', { name: 'Topologie' }).click();
    const drawing = page.getByRole('img', { name: /Netzwerktopologie/ });
    await drawing.waitFor();
    await page.waitForFunction(() => [...document.images].some((image) => image.alt.startsWith('Netzwerktopologie') && image.complete && image.naturalWidth > 0));
    await checkPage(page, '43-network-topology', { language: 'de' });

    const findings = await measureTopology(page, '/api/v1/topology?format=svg&lang=de');
    const segments = await server.ctx.db.selectFrom('segments').select('id').execute();
    const conduits = await server.ctx.db.selectFrom('conduits').select('id').execute();
    assert.deepEqual(findings.segmentIds, segments.map((segment) => segment.id).sort());
    assert.deepEqual(findings.conduitIds, conduits.map((conduit) => conduit.id).sort());
    assert.deepEqual(findings.machineIds, hammerUndMeissel.machines.map((machine) => machine.machine_id).sort());
    assert.deepEqual(findings.overlaps, []);
    assert.deepEqual(findings.outside, []);
  });

  it('lists the contracts and opens one with its test template', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Verträge' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const firstContract = hammerUndMeissel.contracts[0]!;
    await page.getByText(firstContract.reference).first().waitFor();
    await checkPage(page, '44-contracts', { language: 'de' });
    await page.getByRole('link', { name: firstContract.reference }).first().click();
    await page.getByText(firstContract.supplier).first().waitFor();
    await page.getByText('Sicherheitsfunktion').first().waitFor();
    await checkPage(page, '45-contract-detail', { language: 'de' });
  });

  it('lists the spare parts with their firmware', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Ersatzteile' }).click();
    const part = hammerUndMeissel.spare_parts[0]!;
    await page.getByText(part.name).first().waitFor();
    await checkPage(page, '46-spare-parts', { language: 'de' });
  });

  it('shows the worked example’s lathe with its partner systems and contract', async () => {
    await page.goto(`${server.baseUrl}/machines/HUM-RS-DRE-01`);
    await page.getByRole('tab', { name: 'Partnersysteme' }).click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Partnersysteme' }).waitFor();
    assert.equal(new URL(page.url()).search, '?tab=partners');
    const lathe = hammerUndMeissel.machines.find((machine) => machine.machine_id === 'HUM-RS-DRE-01')!;
    await page.getByText(lathe.partner_systems[0]!.name).first().waitFor();
    await page.getByRole('button', { name: 'SBOM exportieren (CycloneDX)' }).waitFor();
    await checkPage(page, '47-machine-partner-systems', { language: 'de' });

    await page.getByRole('tab', { name: 'Verträge' }).click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Verträge und Prüfvorlagen' }).waitFor();
    const contract = hammerUndMeissel.contracts.find((entry) => entry.machine_ids.includes(lathe.machine_id))!;
    await page.getByRole('tabpanel').getByRole('link', { name: contract.reference }).waitFor();
    assert.equal(new URL(page.url()).search, '?tab=contracts');
    await checkPage(page, '47a-machine-contracts', { language: 'de' });
  });

  it('shows the same pages in English to an engineer who works in English', async () => {
    const english = await launchChromium({ locale: 'en-GB', timezoneId: 'Europe/London' });
    try {
      const en = english.page;
      await signIn(en, server.baseUrl, engineer);
      await en.goto(`${server.baseUrl}/network?tab=topology`);
      for (const tab of ['Segments', 'Conduits', 'Brokers', 'IP register', 'Topology']) await en.getByRole('tab', { name: tab }).waitFor();
      await en.getByRole('img', { name: /Network topology/ }).waitFor();
      await en.getByRole('button', { name: 'Download PNG' }).waitFor();
      await checkPage(en, '48-en-network-topology', { language: 'en' });
      await en.goto(`${server.baseUrl}/contracts`);
      await en.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
      await checkPage(en, '49-en-contracts', { language: 'en' });
      await en.goto(`${server.baseUrl}/spare-parts`);
      await en.getByRole('heading', { level: 1, name: 'Spare parts' }).waitFor();
      await checkPage(en, '50-en-spare-parts', { language: 'en' });
      await en.goto(`${server.baseUrl}/machines/HUM-RS-DRE-01?tab=partners`);
      await en.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Partner systems' }).waitFor();
      for (const tab of ['Overview', 'Components', 'Vulnerabilities', 'Partner systems', 'Contracts', 'History']) await en.getByRole('tab', { name: tab }).waitFor();
      await checkPage(en, '51-en-machine-partner-systems', { language: 'en' });
    } finally {
      await english.close();
    }
  });
});
