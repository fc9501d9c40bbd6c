// The admin pages in English (en-GB): no German left in a view, British dates, and server field
// errors shown beside the field they concern rather than as raw JSON pointers. Every checked page
// also passes axe-core and is screenshotted at two sizes without horizontal scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkPage, launchChromium, startBrowserTestServer, type BrowserSession, type BrowserTestServer } from './browser-support.ts';

const admin = { displayName: 'Alice Admin', username: 'alice.admin', password: 'First-password-2026!' };

// Words that only a German view would show; any of them in an English page is a missed translation.
const germanWords = /(Benutzer|Berechtigung|Standort|Passwort|Speichern|Abbrechen|Übersicht|Anmelden|Abmelden|Gültig|Rolle|Protokoll|Maschine|unbefristet)/;

/** Asserts the page is English only (no German words, `<html lang="en">`) besides the checks of `checkPage`. */
async function checkEnglish(page: Page, name: string): Promise<void> {
  await checkPage(page, `en-${name}`, {
    language: 'en',
    check: async (current, viewport) => {
      // The recorded audit text is English anyway; the language switch names both languages.
      const text = await current.evaluate(() => document.body.innerText);
      const german = germanWords.exec(text);
      assert.equal(german, null, `${name} shows German "${german?.[0] ?? ''}" in English at ${viewport.width}×${viewport.height}:\n${text}`);
    },
  });
}

/** The error text Mantine shows under the input labelled `label`. */
async function errorOf(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label);
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText().catch(() => '')));
  return texts.join(' ');
}

describe('browser: the admin pages in English', { timeout: 300_000 }, () => {
  let server: BrowserTestServer;
  let browser: BrowserSession;
  let page: Page;
  let baseUrl: string;

  before(async () => {
    server = await startBrowserTestServer({ sites: [{ key: 'PLANT1', name: 'North plant', timeZone: 'Europe/London' }] });
    baseUrl = server.baseUrl;
    browser = await launchChromium({ locale: 'en-GB', timezoneId: 'Europe/London' });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets up in English and shows an English dashboard', async () => {
    await page.goto(`${baseUrl}/setup?token=${encodeURIComponent(server.setupToken)}`);
    await page.getByRole('radiogroup', { name: 'Sprache / Language' }).getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'First-run setup' }).waitFor();
    await page.getByLabel('Display name').fill(admin.displayName);
    await page.getByLabel('Username').fill(admin.username);
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByLabel('Repeat password').fill(admin.password);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
    await page.getByRole('button', { name: 'Create account and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await checkEnglish(page, 'dashboard');
  });

  it('shows server field errors beside their fields on "New user"', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('cell', { name: admin.username }).waitFor();
    await checkEnglish(page, 'users');
    assert.match(await page.locator('main').innerText(), /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/, 'British date and time, e.g. 26 Nov 2026, 03:39');

    await page.getByRole('link', { name: 'New user' }).click();
    await page.getByRole('heading', { level: 1, name: 'New user' }).waitFor();
    await page.getByRole('checkbox', { name: /PLANT1/ }).waitFor();
    await checkEnglish(page, 'user-new');

    // An e-mail the server rejects: its message sits under "E-mail", the alert shows no JSON pointer.
    await page.getByLabel('Username').fill('bob.maint');
    await page.getByLabel('Display name').fill('Bob Maintenance');
    await page.getByLabel('E-mail').fill('bob@@plant');
    await page.getByLabel('Initial password').fill('Maintenance-2026!');
    await page.getByRole('checkbox', { name: /PLANT1/ }).check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('alert').first().waitFor();
    await page.waitForFunction(() => document.querySelector('input[type="email"]')?.getAttribute('aria-invalid') === 'true');
    assert.notEqual(await errorOf(page, 'E-mail'), '', 'the e-mail field shows the server message');
    assert.doesNotMatch(await page.locator('main').innerText(), /\/email/, 'no raw JSON pointer');

    // A taken username: the server's CONFLICT message (no path) shows under "Username".
    await page.getByLabel('E-mail').fill('');
    await page.getByLabel('Username').fill(admin.username);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.waitForFunction(() => document.querySelector('input[autocomplete="off"]')?.getAttribute('aria-invalid') === 'true');
    assert.match(await errorOf(page, 'Username'), /already taken/);
    await checkEnglish(page, 'user-new-errors');

    await page.getByLabel('Username').fill('bob.maint');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bob Maintenance' }).waitFor();
    await page.getByRole('cell', { name: /user\.create/ }).waitFor();
    assert.match(await page.locator('main').innerText(), /Local account/);
    await checkEnglish(page, 'user-detail');
  });

  it('shows the audit log, tokens and profile in English', async () => {
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('cell', { name: /grant\.create/ }).first().waitFor();
    await checkEnglish(page, 'audit');

    await page.locator('nav#main-navigation').getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await checkEnglish(page, 'tokens');

    await page.locator('nav#main-navigation').getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    // A wrong current password (no path from the server) shows under "Current password".
    await page.getByLabel('Current password').fill('not-my-password-at-all');
    await page.getByLabel('New password').fill('Another-password-2026!');
    await page.getByLabel('Repeat password').fill('Another-password-2026!');
    await page.getByRole('button', { name: 'Change password' }).click();
    // The alert says it once, the field once more.
    await page.getByText('The current password is wrong.').nth(1).waitFor();
    assert.match(await errorOf(page, 'Current password'), /current password is wrong/);
    await checkEnglish(page, 'profile');
  });
});
