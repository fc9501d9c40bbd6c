// Advisories in a real Chromium: a security officer uploads real CISA CSAF documents (and a broken
// file) through the import dialog, searches the list and opens an advisory with its CVEs, products
// and revisions. Needs the corpus in ../shared/corpus/cisa-csaf/; says so and skips without it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser } from '../../src/server/modules/users/users.service.ts';
import { cliActor } from '../../src/server/policies/actor.ts';
import { checkPage, launchChromium, startBrowserTestServer, type BrowserSession, type BrowserTestServer, signIn } from './browser-support.ts';
import { corpusDir } from '../../src/test-support/corpus.ts';

const corpus = path.join(corpusDir, 'cisa-csaf/csaf_files/OT/white/2023');
const documents = ['icsa-23-348-11.json', 'icsa-23-348-05.json', 'icsa-23-320-08.json'];
const missing = documents.some((name) => !existsSync(path.join(corpus, name)));
if (missing) console.log(`# browser advisories test skipped: the CSAF corpus is missing at ${corpus}`);

const officer = { username: 'sina.security', password: 'Sicherheit-Werk-2026!' };

describe('browser: advisories — upload, list, detail', { timeout: 300_000, skip: missing && 'the CSAF corpus is missing' }, () => {
  let server: BrowserTestServer;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    server = await startBrowserTestServer({ sites: [] });
    await createUser(server.ctx, cliActor('test', 'de'), { username: officer.username, password: officer.password, display_name: 'Sina Security', grants: [{ role: 'security_officer', scope: 'all' }] });
    browser = await launchChromium({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads three documents (one with its hash file) and a broken file: three imported, one rejected', async () => {
    await signIn(page, server.baseUrl, officer);
    await page.locator('nav#main-navigation').getByRole('link', { name: 'Sicherheitshinweise' }).click();
    await page.getByRole('button', { name: 'CSAF importieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'CSAF-Dokumente importieren' });
    await dialog.waitFor();
    const files = [
      ...documents.map((name) => ({ name, mimeType: 'application/json', buffer: readFileSync(path.join(corpus, name)) })),
      // The provider's hash file beside the document it checks.
      { name: 'icsa-23-348-11.json.sha512', mimeType: 'text/plain', buffer: readFileSync(path.join(corpus, 'icsa-23-348-11.json.sha512')) },
      { name: 'kaputt.json', mimeType: 'application/json', buffer: Buffer.from('{"document": {') },
    ];
    await dialog.locator('input[type="file"]').setInputFiles(files);
    await dialog.getByRole('button', { name: 'Importieren', exact: true }).click();
    await dialog.getByText('Import abgeschlossen').waitFor();
    await dialog.getByText('kaputt.json').first().waitFor();
    await checkPage(page, '60-advisories-import-result', { language: 'de' });
    const stored = await server.ctx.db.selectFrom('advisories').select('id').execute();
    assert.equal(stored.length, documents.length);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('lists and searches the advisories, then opens one with its CVEs and revisions', async () => {
    await page.getByText('ICSA-23-348-11').first().waitFor();
    await checkPage(page, '61-advisories', { language: 'de' });
    await page.getByRole('searchbox').or(page.getByLabel('Suche')).first().fill('CVE-2023-46156');
    await page.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 1);
    await page.getByRole('link', { name: /ICSA-23-348-11|SINUMERIK/ }).first().click();
    await page.getByText('CVE-2023-46156').first().waitFor();
    await page.getByText('Prüfsumme bestätigt (.sha512)').first().waitFor();
    await checkPage(page, '62-advisory-detail', { language: 'de' });
  });
});
