// Vendor notices in a real Chromium: a security officer records what a supplier reported by phone
// through the form (a wrong CVE is shown at its field), attaches the supplier's e-mail, finds the
// notice in the list by its source, opens it, links it to the vendor's later CSAF advisory and sees
// the link on both detail pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { importAdvisories } from '../../src/server/modules/advisories/advisory-import.service.ts';
import { createUser } from '../../src/server/modules/users/users.service.ts';
import { cliActor } from '../../src/server/policies/actor.ts';
import { checkPage, launchChromium, startBrowserTestServer, type BrowserSession, type BrowserTestServer, signIn } from './browser-support.ts';

const officer = { username: 'sina.security', password: 'Sicherheit-Werk-2026!' };
const trackingId = `PW-MAN-${new Date().getUTCFullYear()}-0001`;

/** The vendor's CSAF advisory that later covers the notice. */
function vendorAdvisory(): Buffer {
  const date = '2026-11-20T00:00:00.000Z';
  return Buffer.from(JSON.stringify({
    document: {
      category: 'csaf_base', csaf_version: '2.0', title: 'SIMATIC S7-1500 Webserver', distribution: { tlp: { label: 'WHITE' } },
      publisher: { category: 'vendor', name: 'Siemens ProductCERT', namespace: 'https://www.siemens.com' },
      tracking: { id: 'SSA-100001', version: '1', status: 'final', initial_release_date: date, current_release_date: date, revision_history: [{ number: '1', date, summary: 'Initial' }] },
    },
  }));
}

describe('browser: vendor notices — record, list, detail, link', { timeout: 300_000 }, () => {
  let server: BrowserTestServer;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    server = await startBrowserTestServer({ sites: [] });
    const cli = cliActor('test', 'de');
    await createUser(server.ctx, cli, { username: officer.username, password: officer.password, display_name: 'Sina Security', grants: [{ role: 'security_officer', scope: 'all' }] });
    const bytes = vendorAdvisory();
    const result = await importAdvisories(server.ctx, cli, { via: 'file', sources: [{ name: 'ssa-100001.json', read: () => Promise.resolve(bytes), sidecars: {} }] });
    assert.equal(result.imported, 1);
    browser = await launchChromium({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records a notice through the form: required fields and a wrong CVE are shown at their fields', async () => {
    await signIn(page, server.baseUrl, officer);
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Sicherheitshinweise' }).click();
    await page.getByRole('button', { name: 'Herstellermeldung erfassen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Herstellermeldung erfassen' });
    await dialog.waitFor();

    await dialog.getByRole('button', { name: 'Erfassen' }).click();
    assert.ok((await dialog.getByText('Bitte ausfüllen.').count()) >= 5, 'the required fields say so');

    const field = (name: string) => dialog.getByRole('textbox', { name, exact: true });
    await field('Hersteller').fill('Siemens');
    await field('Produkt / Modell').fill('SIMATIC S7-1500 CPU 1516-3 PN/DP');
    await field('Bestellnummer').fill('6ES7516-3AN02-0AB0');
    await field('Betroffene Versionen').fill('< V3.1');
    await field('Behoben in Version').fill('V3.1');
    await field('Beschreibung').fill('Herr Weber (Siemens Service) meldet telefonisch einen Pufferüberlauf im Webserver der CPU. Update auf V3.1 empfohlen.');
    await field('CVE').fill('CVE-26-1');
    await field('CVSS-Vektor').fill('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    await field('Gemeldet von').fill('Jonas Weber');
    await field('Organisation').fill('Siemens AG, Service');
    await field('Kontakt').fill('+49 911 123456');
    await dialog.getByRole('combobox', { name: 'Meldeweg' }).selectOption('phone');
    await dialog.locator('input[type="file"]').setInputFiles([
      { name: 'Meldung Siemens.eml', mimeType: 'message/rfc822', buffer: Buffer.from('From: jonas.weber@siemens.example\r\nSubject: S7-1500\r\n\r\nSiehe Telefonat.\r\n') },
    ]);
    await dialog.getByRole('button', { name: 'Erfassen' }).click();
    await dialog.getByText('Keine gültige CVE-Kennung (CVE-JJJJ-NNNN…).').waitFor();
    const cveInput = field('CVE');
    assert.equal(await cveInput.getAttribute('aria-invalid'), 'true');
    await checkPage(page, '65-vendor-notice-form-errors', { language: 'de' });

    await cveInput.fill('CVE-2026-12345');
    await dialog.getByRole('button', { name: 'Erfassen' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(trackingId) }).waitFor();
    const stored = await server.ctx.db.selectFrom('advisories').select(['source', 'tracking_id']).where('source', '=', 'manual').execute();
    assert.deepEqual(stored, [{ source: 'manual', tracking_id: trackingId }]);
  });

  it('shows the notice on its detail page with reporter, channel and the attachment', async () => {
    const main = page.locator('main');
    await main.getByText('Jonas Weber, Siemens AG, Service').waitFor();
    await main.getByText('Telefon', { exact: true }).waitFor();
    await main.getByText('Meldung Siemens.eml').waitFor();
    await main.getByText('CVE-2026-12345').first().waitFor();
    await main.getByRole('button', { name: 'Meldung Siemens.eml herunterladen' }).waitFor();
    await checkPage(page, '66-vendor-notice-detail', { language: 'de' });
  });

  it('revises the notice: the form opens filled in, saving makes version 2', async () => {
    await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `${trackingId} überarbeiten` });
    await dialog.waitFor();
    const fixed = dialog.getByRole('textbox', { name: 'Behoben in Version', exact: true });
    assert.equal(await fixed.inputValue(), 'V3.1');
    assert.equal(await dialog.getByRole('textbox', { name: 'Gemeldet von', exact: true }).inputValue(), 'Jonas Weber');
    await fixed.fill('V3.1.2');
    await dialog.getByRole('textbox', { name: 'Was hat sich geändert?', exact: true }).fill('E-Mail des Lieferanten: Korrektur erst in V3.1.2');
    await dialog.getByRole('button', { name: 'Als neue Version speichern' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('main').getByText('V3.1.2', { exact: true }).first().waitFor();
    await page.locator('main').getByText(/\(Version 2\)/).waitFor();
  });

  it('links the notice to the vendor’s CSAF advisory; both pages show the link', async () => {
    await page.getByRole('button', { name: 'Mit CSAF-Meldung verknüpfen' }).click();
    const dialog = page.getByRole('dialog', { name: `${trackingId} mit CSAF-Meldung verknüpfen` });
    await dialog.waitFor();
    await dialog.getByRole('searchbox', { name: 'CSAF-Meldung suchen' }).fill('SSA-100001');
    await dialog.getByRole('button', { name: 'Mit SSA-100001 verknüpfen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const main = page.locator('main');
    await main.getByRole('link', { name: /SSA-100001/ }).waitFor();
    await main.getByRole('link', { name: /SSA-100001/ }).click();
    await page.getByRole('heading', { level: 1, name: /SSA-100001/ }).waitFor();
    await main.getByRole('heading', { name: 'Verknüpfte Herstellermeldungen' }).waitFor();
    await main.getByRole('link', { name: new RegExp(trackingId) }).waitFor();
    await checkPage(page, '67-csaf-advisory-linked-notice', { language: 'de' });
  });

  it('lists the notice with its source and filters the list by source', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Sicherheitshinweise' }).click();
    await page.getByRole('link', { name: trackingId }).waitFor();
    await page.getByRole('combobox', { name: 'Quelle' }).selectOption('manual');
    await page.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 1);
    const row = page.locator('main table tbody tr').first();
    await row.getByText('Herstellermeldung').waitFor();
    await row.getByRole('link', { name: trackingId }).waitFor();
    await checkPage(page, '68-advisories-vendor-notices', { language: 'de' });
    await page.getByRole('combobox', { name: 'Quelle' }).selectOption('csaf');
    await page.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 1 && document.querySelector('main table tbody tr')?.textContent?.includes('SSA-100001') === true);
  });
});
