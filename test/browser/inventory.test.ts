// The inventory in a real Chromium: an admin (created through the use case) signs in through the UI,
// searches the machines list, opens a machine with its components and history, and looks at the
// sites page. Every page is checked with axe-core at two sizes without horizontal page scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addComponent } from '../../src/server/modules/machines/components.service.ts';
import { createMachine, replaceInterfaces } from '../../src/server/modules/machines/machines.service.ts';
import { createArea } from '../../src/server/modules/sites/areas.service.ts';
import { createSegment } from '../../src/server/modules/sites/segments.service.ts';
import { createSite } from '../../src/server/modules/sites/sites.service.ts';
import { createUser } from '../../src/server/modules/users/users.service.ts';
import { cliActor } from '../../src/server/policies/actor.ts';
import { checkPage, launchChromium, startBrowserTestServer, type BrowserSession, type BrowserTestServer } from './browser-support.ts';

const admin = { username: 'ines.inventar', password: 'Inventar-Werk-2026!' };

/** Waits for `text`; on timeout the error carries what the page shows instead. */
async function waitForText(page: Page, text: string | RegExp): Promise<void> {
  try {
    await page.getByText(text).first().waitFor();
  } catch (error) {
    const shown = await page.locator('body').innerText().catch(() => '(page not readable)');
    throw new Error(`"${String(text)}" did not appear on ${page.url()}; the page shows:\n${shown}`, { cause: error });
  }
}

/** The machine ids in the machines table, in order. */
async function listedMachineIds(page: Page): Promise<string[]> {
  const cells = await page.locator('main table tbody tr td:first-child a').allInnerTexts();
  return cells.map((text) => text.trim());
}

/** Waits until the table lists exactly `ids`, in order (answers arrive after typing). */
async function expectListed(page: Page, ids: string[]): Promise<void> {
  try {
    await page.waitForFunction(
      (expected) => [...document.querySelectorAll('main table tbody tr td:first-child a')].map((a) => a.textContent?.trim()).join(',') === expected,
      ids.join(','),
      { timeout: 10_000 },
    );
  } catch {
    assert.deepEqual(await listedMachineIds(page), ids);
  }
}

describe('browser: inventory — machines list, search, machine detail, sites', { timeout: 300_000 }, () => {
  let server: BrowserTestServer;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    server = await startBrowserTestServer({ sites: [] });
    const { ctx } = server;
    const cli = cliActor('test', 'de');
    await createSite(ctx, cli, {
      key: 'WERK1',
      name: 'Werk Nord',
      time_zone: 'Europe/Berlin',
      working_days: [1, 2, 3, 4, 5],
      shifts: [
        { name: 'Früh', start: '06:00', end: '14:00' },
        { name: 'Spät', start: '14:00', end: '22:00' },
      ],
      non_working_days: [{ day: '2026-12-24', label: 'Heiligabend' }],
    });
    await createArea(ctx, cli, { site_key: 'WERK1', key: 'HALLE-2', name: 'Halle 2 Zerspanung' });
    await createSegment(ctx, cli, { site_key: 'WERK1', key: 'ZELLE-1', name: 'Fertigungszelle 1', vlan: 110, cidr: '10.20.1.0/24', zone_type: 'ot_cell' });
    await createMachine(ctx, cli, {
      machine_id: 'DM-3',
      name: 'Drehmaschine 3',
      site_key: 'WERK1',
      area_key: 'HALLE-2',
      vendor: 'DMG MORI',
      model: 'CTX beta 800',
      criticality: 'high',
      updatable: true,
      safety_impact: 'marginal',
      mission_impact: 'mef_failure',
    });
    const fraes = await createMachine(ctx, cli, {
      machine_id: 'FR-7',
      name: 'Fräszentrum Süd',
      site_key: 'WERK1',
      area_key: 'HALLE-2',
      vendor: 'Hermle',
      model: 'C 42 U',
      criticality: 'medium',
      network_state: 'isolated',
      updatable: false,
      operating_system: 'Windows 10 IoT Enterprise LTSC 2019',
      end_of_support: '2029-01-09',
    });
    await replaceInterfaces(ctx, cli, { machineId: 'FR-7', expectedVersion: fraes.version, interfaces: [{ ip: '10.20.1.17', mac: '00:1B:1B:12:34:56', hostname: 'fr7-hmi', segment_key: 'ZELLE-1' }] });
    await addComponent(ctx, cli, { machineId: 'FR-7', component: { component_type: 'plc', vendor: 'Siemens', name: 'SIMATIC S7-1500 CPU 1516-3 PN/DP', component_version: 'V3.1.2', model_number: '6ES7516-3AN02-0AB0' } });
    await addComponent(ctx, cli, { machineId: 'FR-7', component: { component_type: 'hmi', vendor: 'Heidenhain', name: 'TNC 640', component_version: '34059x-17' } });
    await createMachine(ctx, cli, { machine_id: 'SG-12', name: 'Spritzgießmaschine Ölhydraulik', site_key: 'WERK1', vendor: 'ENGEL', criticality: 'low' });
    await createUser(ctx, cli, { username: admin.username, password: admin.password, display_name: 'Ines Inventar', grants: [{ role: 'admin', scope: 'all' }] });

    browser = await launchChromium({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs the admin in through the login page', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await page.getByLabel('Benutzername').fill(admin.username);
    await page.getByLabel(/^Passwort/).fill(admin.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();
  });

  it('lists the machines with total, isolated badge and the buttons the admin may use', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Maschinen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maschinen' }).waitFor();
    await waitForText(page, '3 von 3 Maschinen');
    assert.deepEqual(await listedMachineIds(page), ['DM-3', 'FR-7', 'SG-12']);
    const isolatedRow = page.getByRole('row').filter({ hasText: 'FR-7' });
    assert.match(await isolatedRow.innerText(), /isoliert/);
    assert.equal(await page.getByRole('button', { name: 'Neue Maschine' }).count(), 1, 'admin may create machines');
    await checkPage(page, '20-machines', { language: 'de' });

    // Sorting by machine ID twice turns the order round.
    await page.getByRole('button', { name: 'Nach Maschinen-ID sortieren' }).click();
    await expectListed(page, ['SG-12', 'FR-7', 'DM-3']);
    await page.getByRole('button', { name: 'Nach Maschinen-ID sortieren' }).click();
    await expectListed(page, ['DM-3', 'FR-7', 'SG-12']);
  });

  it('filters by network state', async () => {
    await page.getByRole('combobox', { name: 'Netzwerkstatus' }).selectOption('isolated');
    await expectListed(page, ['FR-7']);
    await checkPage(page, '21-machines-filtered', { language: 'de' });
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await waitForText(page, '3 von 3 Maschinen');
  });

  it('searches machine and component names with umlauts and case folded', async () => {
    const search = page.getByRole('searchbox', { name: 'Suche' });
    try {
      await search.fill('fräs');
      await expectListed(page, ['FR-7']);
      await search.fill('ÖLHYDRAULIK');
      await expectListed(page, ['SG-12']);
      // A component's name finds its machine.
      await search.fill('s7-1500');
      await expectListed(page, ['FR-7']);
      await waitForText(page, '1 von 1 Maschinen');
    } finally {
      await search.fill('');
    }
    await waitForText(page, '3 von 3 Maschinen');
  });

  it('opens a machine with grouped fields, interfaces, components and history', async () => {
    await page.goto(`${server.baseUrl}/machines/FR-7`);
    await page.getByRole('heading', { level: 1, name: 'Fräszentrum Süd (FR-7)' }).waitFor();
    await waitForText(page, 'Seriennummer');
    for (const heading of ['Identität', 'Standort', 'Sicherheit und SSVC', 'Netzwerk', 'Lebenszyklus', 'Komponenten (Software und Firmware)', 'Historie']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await page.getByRole('cell', { name: '10.20.1.17', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'SIMATIC S7-1500 CPU 1516-3 PN/DP', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'V3.1.2', exact: true }).waitFor();
    for (const button of ['Bearbeiten', 'Außer Betrieb nehmen', 'Komponente hinzufügen']) {
      assert.equal(await page.getByRole('button', { name: button, exact: true }).count(), 1, `admin sees "${button}"`);
    }
    await page.getByRole('cell', { name: /machine\.create/ }).waitFor();
    assert.match(await page.getByRole('cell', { name: /machine\.create/ }).innerText(), /Maschine angelegt/);
    await checkPage(page, '22-machine-detail', { language: 'de' });
  });

  it('shows the sites with their calendar, areas and segments', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'WERK1' });
    await row.waitFor();
    assert.match(await row.innerText(), /Früh 06:00–14:00/);
    assert.equal(await page.getByRole('button', { name: 'Neuer Standort' }).count(), 1);
    await checkPage(page, '23-sites', { language: 'de' });

    await page.getByRole('link', { name: 'WERK1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Werk Nord (WERK1)' }).waitFor();
    await page.getByRole('cell', { name: 'HALLE-2', exact: true }).waitFor();
    const segment = page.getByRole('row').filter({ hasText: 'ZELLE-1' });
    await segment.waitFor();
    assert.match(await segment.innerText(), /OT-Zelle/);
    await checkPage(page, '24-site-detail', { language: 'de' });
  });
});
