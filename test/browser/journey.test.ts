// The first journey in a real Chromium against a real server: first-run setup and login by keyboard
// alone, an admin creating a maintenance user, that user seeing only what the role allows. Every
// visited page is checked with axe-core and screenshotted at two sizes without horizontal scrolling.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkPage, desktop, launchChromium, screenshotDir, startBrowserTestServer, type BrowserSession, type BrowserTestServer } from './browser-support.ts';

const admin = { displayName: 'Anna Admin', username: 'anna.admin', password: 'Erstes-Passwort-2026!' };
const technician = { displayName: 'Max Instandhaltung', username: 'max.ih', password: 'Wartung-Werk1-sicher!' };

const visited: string[] = [];

/** Checks the current page (see `checkPage`) in German, or in English when `language` says so, and records it as visited. */
async function check(page: Page, name: string, language: 'de' | 'en' = 'de'): Promise<void> {
  visited.push(name);
  await checkPage(page, name, { language });
}

/** The label text of the focused element (its <label>, else aria-label), without the required mark. */
async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    if (!element) return '';
    const label = element.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent ?? '';
    return label.replace(/\s*\*\s*$/, '').trim();
  });
}

/** Presses Tab until the element labelled `label` has the focus (keyboard only, no clicks). */
async function tabTo(page: Page, label: string): Promise<void> {
  const seen: string[] = [];
  for (let presses = 0; presses < 40; presses += 1) {
    const current = await focusedLabel(page);
    if (current === label) return;
    seen.push(current);
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached "${label}"; focus went through: ${seen.join(' | ')}`);
}

/** Types into the field labelled `label`, reached by Tab. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

/** Waits for `text`; on timeout the error carries what the page shows instead (alerts included). */
async function waitForText(page: Page, text: string): Promise<void> {
  try {
    await page.getByText(text).first().waitFor();
  } catch (error) {
    const shown = await page.locator('body').innerText().catch(() => '(page not readable)');
    throw new Error(`"${text}" did not appear on ${page.url()}; the page shows:\n${shown}`, { cause: error });
  }
}

/** The texts of the links in the main navigation. */
async function navigationEntries(page: Page): Promise<string[]> {
  const texts = await page.locator('nav#main-navigation a').allInnerTexts();
  return texts.map((text) => text.trim());
}

describe('browser journey: setup, admin creates a maintenance user, the user sees only their part', { timeout: 300_000 }, () => {
  let server: BrowserTestServer;
  let browser: BrowserSession;
  let page: Page;
  let baseUrl: string;

  before(async () => {
    server = await startBrowserTestServer({
      sites: [
        { key: 'WERK1', name: 'Werk Nord', timeZone: 'Europe/Berlin' },
        { key: 'WERK2', name: 'Werk Süd', timeZone: 'Europe/Berlin' },
      ],
    });
    baseUrl = server.baseUrl;
    const werk1 = server.siteIds.WERK1;
    assert.ok(werk1);
    const now = new Date().toISOString();
    await server.ctx.db
      .insertInto('machines')
      .values({ id: randomUUID(), machine_id: 'DM-3', machine_id_norm: 'dm-3', name: 'Drehmaschine 3', site_id: werk1, version: 1, created_at: now, updated_at: now, decommissioned_at: null })
      .execute();
    browser = await launchChromium({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('completes the first-run setup by keyboard only and lands on the dashboard as admin', async () => {
    await page.goto(`${baseUrl}/setup?token=${encodeURIComponent(server.setupToken)}`);
    await page.getByRole('heading', { level: 1, name: 'Ersteinrichtung' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    await check(page, '01-setup');

    await typeInto(page, 'Anzeigename', admin.displayName);
    await typeInto(page, 'Benutzername', admin.username);
    await typeInto(page, 'Passwort', admin.password);
    await typeInto(page, 'Passwort wiederholen', admin.password);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    const entries = await navigationEntries(page);
    for (const expected of ['Übersicht', 'Maschinen', 'Sicherheitshinweise', 'Update-Fälle', 'Rollouts', 'Datensicherungen', 'Netzwerk', 'Organisation', 'Benutzer', 'Audit-Protokoll']) {
      assert.ok(entries.includes(expected), `admin navigation lacks ${expected}: ${entries.join(', ')}`);
    }
    await check(page, '02-admin-dashboard');
  });

  it('shows honest empty states for modules that are not built yet', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Rollouts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rollouts' }).waitFor();
    await waitForText(page, 'Noch nicht verfügbar — kommt mit');
    assert.equal(await page.locator('main button').count(), 0, 'a placeholder page has no buttons');
    await check(page, '03-placeholder-rollouts');
  });

  it('lets the admin create a maintenance user for WERK1', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benutzer' }).waitFor();
    await page.getByRole('cell', { name: admin.username }).waitFor();
    await check(page, '04-users');

    await page.getByRole('link', { name: 'Neuer Benutzer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neuer Benutzer' }).waitFor();
    await page.getByRole('checkbox', { name: /WERK1/ }).waitFor();
    await check(page, '05-user-new');

    await page.getByLabel('Anzeigename').fill(technician.displayName);
    await page.getByLabel('Benutzername').fill(technician.username);
    await page.getByLabel('Erstes Passwort').fill(technician.password);
    await page.getByLabel('Rolle').selectOption('maintenance');
    await page.getByRole('radio', { name: 'Bestimmte Standorte' }).check();
    await page.getByRole('checkbox', { name: /WERK1/ }).check();
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();

    await page.getByRole('heading', { level: 1, name: technician.displayName }).waitFor();
    const grantRow = page.getByRole('row').filter({ hasText: 'Instandhaltung' });
    await grantRow.waitFor();
    assert.match(await grantRow.innerText(), /Standorte: WERK1/);
    assert.doesNotMatch(await grantRow.innerText(), /WERK2/);
    for (const button of ['Bearbeiten', 'Passwort zurücksetzen', 'Deaktivieren']) {
      assert.equal(await page.getByRole('button', { name: button, exact: true }).count(), 1, `admin sees "${button}"`);
    }
    const createdCell = page.getByRole('cell', { name: /user\.create/ });
    await createdCell.waitFor();
    assert.match(await createdCell.innerText(), /Benutzer angelegt\s+user\.create/, 'the history names the action in German, with its code');
    await check(page, '06-user-detail');
  });

  it('shows the admin the audit log and verifies the chain', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Audit-Protokoll' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit-Protokoll' }).waitFor();
    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    await waitForText(page, 'Kette intakt');
    await check(page, '07-audit');
  });

  it('logs the admin out', async () => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await check(page, '08-login');

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await check(page, '08-login-en', 'en');
    await page.getByText('Deutsch', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  });

  it('logs the maintenance user in by keyboard only', async () => {
    await typeInto(page, 'Benutzername', technician.username);
    await typeInto(page, 'Passwort', technician.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();
    await waitForText(page, 'Willkommen, Max Instandhaltung');
  });

  it('shows the maintenance user only what the role allows', async () => {
    const entries = await navigationEntries(page);
    assert.ok(entries.includes('Übersicht'), `dashboard entry present: ${entries.join(', ')}`);
    assert.ok(entries.includes('Maschinen'));
    for (const hidden of ['Benutzer', 'Audit-Protokoll']) {
      assert.ok(!entries.includes(hidden), `maintenance user must not see "${hidden}": ${entries.join(', ')}`);
    }
    assert.match(await page.locator('main').innerText(), /Instandhaltung · Standorte: WERK1/);
    await check(page, '09-maintenance-dashboard');

    // Typing the admin URLs shows the server's refusal and no admin buttons.
    await page.goto(`${baseUrl}/users`);
    await page.getByRole('heading', { level: 1, name: 'Benutzer' }).waitFor();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Neuer Benutzer' }).count(), 0);
    await page.goto(`${baseUrl}/audit`);
    await page.getByRole('heading', { level: 1, name: 'Audit-Protokoll' }).waitFor();
    await page.getByRole('alert').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Kette prüfen' }).count(), 0);
  });

  it('lets the maintenance user create an API token within their scope and shows the secret once', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'API-Tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API-Tokens' }).waitFor();
    await page.getByRole('checkbox', { name: /WERK1/ }).waitFor();
    await check(page, '10-maintenance-tokens');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Inventar-Skript');
    await page.getByRole('checkbox', { name: /WERK1/ }).check();
    const expiry = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Gültig bis').fill(expiry);
    await page.getByRole('button', { name: 'Token erzeugen' }).click();
    await waitForText(page, 'Token „Inventar-Skript“ erzeugt');
    assert.equal(await page.getByRole('button', { name: 'Kopieren' }).count(), 1);
    const row = page.getByRole('row').filter({ hasText: 'Inventar-Skript' });
    await row.waitFor();
    assert.match(await row.innerText(), /Instandhaltung/);
    assert.match(await row.innerText(), /Standorte: WERK1/);
    await check(page, '11-maintenance-token-created');
  });

  it('saves the profile language and collapses the navigation to a burger at 820 px', async () => {
    await page.goto(`${baseUrl}/profile`);
    await page.getByRole('heading', { level: 1, name: 'Mein Profil' }).waitFor();
    await check(page, '12-maintenance-profile');

    // The profile language is saved on the server (PATCH /auth/me with If-Match) and switches the UI.
    await page.getByLabel('Sprache').selectOption('en');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await check(page, '12-maintenance-profile-en', 'en');
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mein Profil' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    await page.setViewportSize({ width: 820, height: 1180 });
    const burger = page.getByRole('button', { name: 'Navigation öffnen' });
    await burger.waitFor();
    await burger.click();
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Übersicht' }).waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(screenshotDir, '13-navigation-open-820x1180.png') });
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('heading', { level: 1, name: 'Übersicht' }).waitFor();
    await page.setViewportSize(desktop);
  });

  it('logs the maintenance user out', async () => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.ok(visited.length >= 10, `pages checked: ${visited.join(', ')}`);
  });
});
