// The admin pages in English (en-GB): no German left in a view, British dates, and server field
// errors shown beside the field they concern rather than as raw JSON pointers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { systemClock } from '../../src/server/clock.ts';
import type { AppContext } from '../../src/server/context.ts';
import { buildApp, webDistDir } from '../../src/server/http/app.ts';
import { ensureSetupToken } from '../../src/server/modules/auth/setup.service.ts';
import { createTestContext } from '../../src/test-support/context.ts';
import { createTestDatabase, type TestDatabase } from '../../src/test-support/databases.ts';

const screenshotDir = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const chromiumPath = process.env.PATCHWERK_CHROMIUM ?? '/usr/bin/chromium';
const admin = { displayName: 'Alice Admin', username: 'alice.admin', password: 'First-password-2026!' };

// Words that only a German view would show; any of them in an English page is a missed translation.
const germanWords = /(Benutzer|Berechtigung|Standort|Passwort|Speichern|Abbrechen|Übersicht|Anmelden|Abmelden|Gültig|Rolle|Protokoll|Maschine|unbefristet)/;

/** Waits for the heading, no loaders, then two frames. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Loader-root').length === 0);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Asserts the page is English only and screenshots it at 1280×800 and 820×1180. */
async function checkEnglish(page: Page, name: string): Promise<void> {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 820, height: 1180 }]) {
    await page.setViewportSize(viewport);
    await settled(page);
    const text = await page.evaluate(() => {
      // The recorded audit text is English anyway; the language switch names both languages.
      return document.body.innerText;
    });
    const german = germanWords.exec(text);
    assert.equal(german, null, `${name} shows German "${german?.[0] ?? ''}" in English:\n${text}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `${name} scrolls horizontally at ${viewport.width}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshotDir, `en-${name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The error text Mantine shows under the input labelled `label`. */
async function errorOf(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label);
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText().catch(() => '')));
  return texts.join(' ');
}

describe('browser: the admin pages in English', { timeout: 300_000 }, () => {
  let database: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let setupToken: string;
  let profileDir: string;

  before(async () => {
    if (!existsSync(path.join(webDistDir, 'index.html'))) throw new Error('The web app is not built: run `npm run build` first.');
    if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}.`);
    mkdirSync(screenshotDir, { recursive: true });
    database = await createTestDatabase('sqlite');
    ctx = await createTestContext(database, { clock: systemClock });
    const now = new Date().toISOString();
    await ctx.db
      .insertInto('sites')
      .values({ id: randomUUID(), key: 'PLANT1', key_norm: 'plant1', name: 'North plant', time_zone: 'Europe/London', version: 1, created_at: now, updated_at: now })
      .execute();
    const token = await ensureSetupToken(ctx);
    assert.ok(token);
    setupToken = token;
    app = await buildApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address && typeof address === 'object');
    baseUrl = `http://127.0.0.1:${address.port}`;
    profileDir = mkdtempSync(path.join(tmpdir(), 'patchwerk-chromium-en-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      args: ['--lang=en-GB', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await context?.close();
    await app?.close();
    await ctx?.jobs.stop();
    await database?.destroy();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('sets up in English and shows an English dashboard', async () => {
    await page.goto(`${baseUrl}/setup?token=${encodeURIComponent(setupToken)}`);
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
