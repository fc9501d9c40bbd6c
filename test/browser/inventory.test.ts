// The inventory in a real Chromium: an admin (created through the use case) signs in through the UI,
// searches the machines list, opens a machine with its components and history, and looks at the
// sites page. Every page is checked with axe-core at two sizes without horizontal page scrolling.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { addComponent } from '../../src/server/modules/machines/components.service.ts';
import { createMachine, replaceInterfaces } from '../../src/server/modules/machines/machines.service.ts';
import { createArea } from '../../src/server/modules/sites/areas.service.ts';
import { createSegment } from '../../src/server/modules/sites/segments.service.ts';
import { createSite } from '../../src/server/modules/sites/sites.service.ts';
import { createUser } from '../../src/server/modules/users/users.service.ts';
import { cliActor } from '../../src/server/policies/actor.ts';
import { checkPage, launchChromium, startBrowserTestServer, type BrowserSession, type BrowserTestServer, signIn } from './browser-support.ts';

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

/** The required columns of an inventory file, in the order INTERFACES.md ("Inventory files") lists them. */
const inventoryColumns = 'site,machine_id,machine_name,machine_vendor,machine_model,serial_number,machine_type,criticality,segment,ip,component_type,component_vendor,component_name,component_version,model_number,cpe,purl';

/** An inventory CSV (CRLF) for the press PR-9 with one PLC at `ip`. */
function pressCsv(ip: string): Buffer {
  const row = `WERK1,PR-9,Presse 9,Schuler,MSD 400,SN-4711,Servopresse,high,ZELLE-1,${ip},plc,Siemens,SIMATIC S7-1200 CPU 1215C,V4.5.2,6ES7215-1AG40-0XB0,,`;
  return Buffer.from(`${inventoryColumns}\r\n${row}\r\n`, 'utf8');
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
    await signIn(page, server.baseUrl, admin);
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

  it('imports an inventory file: a bad row is reported with row, column and value; a good file is imported', async () => {
    await page.getByRole('button', { name: 'Importieren', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Inventar importieren' });
    await dialog.waitFor();
    const fileInput = dialog.locator('input[type="file"]');

    await fileInput.setInputFiles({ name: 'inventar-fehler.csv', mimeType: 'text/csv', buffer: pressCsv('10.20.1.300') });
    await dialog.getByRole('button', { name: 'Datei prüfen' }).click();
    const errors = dialog.getByRole('table').filter({ hasText: 'Spalte' });
    await errors.waitFor();
    const errorRow = errors.getByRole('row').filter({ hasText: '10.20.1.300' });
    assert.deepEqual((await errorRow.getByRole('cell').allInnerTexts()).slice(0, 3).map((text) => text.trim()), ['2', 'ip', '10.20.1.300']);
    assert.match(await dialog.getByRole('alert').first().innerText(), /nichts geschrieben/);
    assert.equal(await dialog.getByRole('button', { name: 'Importieren', exact: true }).count(), 0, 'no Import button while the file has errors');
    await checkPage(page, '25-import-errors', { language: 'de' });

    await fileInput.setInputFiles({ name: 'inventar.csv', mimeType: 'text/csv', buffer: pressCsv('10.20.1.30') });
    await dialog.getByRole('button', { name: 'Datei prüfen' }).click();
    await dialog.getByText('Keine Fehler gefunden').waitFor();
    const count = async (label: string) => (await dialog.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').innerText()).trim();
    assert.equal(await count('Maschinen neu'), '1');
    assert.equal(await count('Komponenten neu'), '1');
    assert.equal(await count('Maschinen geändert'), '0');
    await checkPage(page, '26-import-checked', { language: 'de' });
    await expectListed(page, ['DM-3', 'FR-7', 'SG-12']);

    await dialog.getByRole('button', { name: 'Importieren', exact: true }).click();
    await dialog.getByText('Import abgeschlossen').waitFor();
    await checkPage(page, '27-import-done', { language: 'de' });
    await dialog.getByRole('button', { name: 'Schließen' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    await expectListed(page, ['DM-3', 'FR-7', 'PR-9', 'SG-12']);
    await waitForText(page, '4 von 4 Maschinen');
  });

  it('exports the machines table with the current filter as XLSX and CSV', async () => {
    await page.getByRole('combobox', { name: 'Kritikalität' }).selectOption('high');
    await expectListed(page, ['DM-3', 'PR-9']);
    try {
      await page.getByRole('button', { name: 'Maschinen exportieren' }).click();
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Als Excel (XLSX)', exact: true }).click()]);
      assert.match(xlsx.suggestedFilename(), /^maschinen-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await xlsx.path());
      const sheet = workbook.worksheets[0];
      assert.ok(sheet, 'the workbook has a sheet');
      const values = Array.from({ length: sheet.rowCount }, (_, row) => Array.from({ length: sheet.columnCount }, (_, column) => sheet.getCell(row + 1, column + 1).text));
      assert.deepEqual(values[0]?.slice(0, 3), ['Maschinen-ID', 'Name', 'Standort']);
      assert.deepEqual(values.slice(1).map((row) => row[0]), ['DM-3', 'PR-9'], 'all rows of the filter, in the shown order');
      assert.equal(values[2]?.[6], 'hoch', 'labels in the UI language');
      assert.equal(sheet.getCell('A2').numFmt, '@', 'cells are text');

      await page.getByRole('button', { name: 'Maschinen exportieren' }).click();
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Als CSV', exact: true }).click()]);
      assert.match(csv.suggestedFilename(), /^maschinen-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = await readFile(await csv.path(), 'utf8');
      assert.ok(text.startsWith('\uFEFFMaschinen-ID;Name;'), 'UTF-8 BOM and ";" in German');
      assert.deepEqual(text.slice(1).split('\r\n').slice(1, 3).map((line) => line.split(';')[0]), ['DM-3', 'PR-9']);
    } finally {
      await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    }
    await waitForText(page, '4 von 4 Maschinen');
  });

  it('opens a machine with grouped fields, interfaces, components and history in tabs', async () => {
    await page.goto(`${server.baseUrl}/machines/FR-7`);
    await page.getByRole('heading', { level: 1, name: 'Fräszentrum Süd (FR-7)' }).waitFor();
    await waitForText(page, 'Seriennummer');
    // The findings count arrives after the machine.
    await page.getByRole('tab', { name: /^Schwachstellen \(/ }).waitFor();
    assert.equal(
      await page.getByRole('tablist').ariaSnapshot(),
      [
        '- tablist "Ansichten der Maschine":',
        '  - tab "Übersicht" [selected]',
        '  - tab "Komponenten (2 in Betrieb)"',
        '  - tab "Schwachstellen (0 Befunde)"',
        '  - tab "Partnersysteme"',
        '  - tab "Verträge"',
        '  - tab "Historie"',
      ].join('\n'),
      'the overview first and chosen, the components in use and the findings counted, no matching-data warning',
    );
    for (const heading of ['Identität', 'Standort', 'Sicherheit und SSVC', 'Netzwerk', 'Lebenszyklus']) {
      await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await page.getByRole('cell', { name: '10.20.1.17', exact: true }).waitFor();
    for (const button of ['Bearbeiten', 'Außer Betrieb nehmen']) {
      assert.equal(await page.getByRole('button', { name: button, exact: true }).count(), 1, `admin sees "${button}"`);
    }
    await checkPage(page, '22-machine-detail', { language: 'de' });

    await page.getByRole('tab', { name: 'Komponenten' }).click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Komponenten (Software und Firmware)' }).waitFor();
    await page.getByRole('cell', { name: 'SIMATIC S7-1500 CPU 1516-3 PN/DP', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'V3.1.2', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Komponente hinzufügen', exact: true }).count(), 1, 'admin sees "Komponente hinzufügen"');
    assert.equal(new URL(page.url()).search, '?tab=components');
    await checkPage(page, '22a-machine-components', { language: 'de' });

    await page.getByRole('tab', { name: 'Historie' }).click();
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Historie' }).waitFor();
    await page.getByRole('cell', { name: /machine\.create/ }).waitFor();
    assert.match(await page.getByRole('cell', { name: /machine\.create/ }).innerText(), /Maschine angelegt/);
    assert.equal(new URL(page.url()).search, '?tab=history');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Fräszentrum Süd (FR-7)' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Historie' }).getAttribute('aria-selected'), 'true', 'a reload keeps the tab');
    await page.getByRole('cell', { name: /machine\.create/ }).waitFor();
    await checkPage(page, '22b-machine-history', { language: 'de' });

    // The tab is replaced in the history, not pushed: going back leaves the machine.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Maschinen' }).waitFor();
    await page.goto(`${server.baseUrl}/machines/FR-7?tab=unknown`);
    await page.getByRole('heading', { level: 1, name: 'Fräszentrum Süd (FR-7)' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Übersicht' }).getAttribute('aria-selected'), 'true', 'an unknown tab opens the overview');
    await page.getByRole('heading', { level: 2, name: 'Identität' }).waitFor();
  });

  it('edits the interfaces with field errors beside the row', async () => {
    await page.getByRole('button', { name: 'Schnittstellen bearbeiten' }).click();
    const dialog = page.getByRole('dialog', { name: 'Netzwerkschnittstellen von FR-7' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Schnittstelle hinzufügen' }).click();
    const second = dialog.getByRole('group', { name: 'Schnittstelle 2' });
    await second.getByLabel('IP-Adresse').fill('10.20.1.999');
    await second.getByLabel('Segment').selectOption('ZELLE-1');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await second.getByText('Keine gültige IPv4- oder IPv6-Adresse.').waitFor();
    assert.equal(await second.getByLabel('IP-Adresse').getAttribute('aria-invalid'), 'true');
    assert.notEqual(await dialog.getByRole('group', { name: 'Schnittstelle 1' }).getByLabel('IP-Adresse').getAttribute('aria-invalid'), 'true', 'the other row has no error');
    await checkPage(page, '28-interfaces-error', { language: 'de' });

    await second.getByLabel('IP-Adresse').fill('10.20.1.18');
    await second.getByLabel('MAC-Adresse').fill('00-1b-1b-12-34-57');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '10.20.1.18', exact: true }).waitFor();
    await page.getByRole('cell', { name: '10.20.1.17', exact: true }).waitFor();
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
