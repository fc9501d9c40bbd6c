// Findings in a real Chromium: the demo plant with four real CISA advisories that affect it; a
// security officer follows the dashboard's count to the findings page, filters it, opens the lathe
// HUM-RS-DRE-01 on its vulnerabilities tab (marked, and with the notice, because its matching data
// is incomplete), marks a finding as a false match — first without a reason, which the server
// refuses — undoes it, and opens the advisory's affected machines; an engineer who works in English
// sees the same tab. The dashboard's count of machines with incomplete matching data opens the
// machines list filtered to them. Needs the corpus; says so and skips without it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { collectAdvisoryFiles } from '../../src/server/modules/advisories/advisory-files.ts';
import { importAdvisories } from '../../src/server/modules/advisories/advisory-import.service.ts';
import { loadDemoPlant } from '../../src/server/modules/demo/demo-load.service.ts';
import { addComponent } from '../../src/server/modules/machines/components.service.ts';
import { createUser } from '../../src/server/modules/users/users.service.ts';
import { cliActor } from '../../src/server/policies/actor.ts';
import { corpusDir } from '../../src/test-support/corpus.ts';
import { checkPage, launchChromium, startBrowserTestServer, type BrowserSession, type BrowserTestServer, signIn } from './browser-support.ts';

const white = path.join(corpusDir, 'cisa-csaf/csaf_files/OT/white');
// From the demo plant's fixture (hammer-und-meissel.affected.ts): the lathe's control and drive,
// the two 828D lathes, and the other site's router.
const documents = ['2023/icsa-23-348-11.json', '2023/icsa-23-348-05.json', '2021/icsa-21-287-04.json', '2023/icsa-23-250-02.json'].map((file) => path.join(white, file));
const missing = documents.some((file) => !existsSync(file));
if (missing) console.log(`# browser findings test skipped: the CSAF corpus is missing at ${white}`);

const officer = { username: 'sina.security', password: 'Sicherheit-Werk-2026!' };
const engineer = { username: 'erik.engineer', password: 'Engineering-Werk-2026!' };
const latheFinding = 'CVE-2023-46156 · SINUMERIK ONE · HUM-RS-DRE-01';

/** The bordered section of the page whose h2 is `title`. */
const section = (page: Page, title: string): Locator =>
  page.locator('.mantine-Paper-root').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });

/** The machine ids the findings table of the page (or section) shows. */
async function machineIds(scope: Page | Locator): Promise<string[]> {
  return scope.locator('table tbody tr td:first-child a[href^="/machines/"]').allInnerTexts();
}

describe('browser: findings — dashboard, list, machine, false match, advisory', { timeout: 300_000, skip: missing && 'the CSAF corpus is missing' }, () => {
  let server: BrowserTestServer;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    server = await startBrowserTestServer({ sites: [] });
    const cli = cliActor('test', 'de');
    await createUser(server.ctx, cli, { username: officer.username, password: officer.password, display_name: 'Sina Security', grants: [{ role: 'security_officer', scope: 'all' }] });
    await createUser(server.ctx, cli, { username: engineer.username, password: engineer.password, display_name: 'Erik Engineer', language: 'en', grants: [{ role: 'engineering', scope: 'all' }] });
    await loadDemoPlant(server.ctx, cli);
    // An operator panel recorded without its version: the lathe's matching data is incomplete.
    await addComponent(server.ctx, cli, { machineId: 'HUM-RS-DRE-01', component: { component_type: 'hmi', vendor: 'Siemens', name: 'SINUMERIK OP 015', component_version: null } });
    const imported = await importAdvisories(server.ctx, cli, { sources: await collectAdvisoryFiles(documents), via: 'file' });
    assert.equal(imported.imported, documents.length, JSON.stringify(imported.rejected));
    assert.ok(imported.findings_created > 0, 'the import matched the advisories against the demo plant');
    browser = await launchChromium({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('counts the known affected findings on the dashboard and links to them', async () => {
    await signIn(page, server.baseUrl, officer);
    const card = page.locator('section[aria-labelledby="dashboard-findings"]');
    await card.getByText('bekannt betroffen').waitFor();
    await card.getByText('Maschine mit unvollständigen Abgleichsdaten').waitFor();
    const known = await server.ctx.db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'known_affected').executeTakeFirstOrThrow();
    await card.getByRole('link', { name: `${Number(known.n)} bekannt betroffen` }).waitFor();
    // The lathe alone: its operator panel has no version.
    await card.getByRole('link', { name: '1 Maschine mit unvollständigen Abgleichsdaten' }).waitFor();
    await checkPage(page, '70-dashboard-findings', { language: 'de' });

    await card.getByRole('link', { name: /bekannt betroffen/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Schwachstellen' }).waitFor();
    assert.equal(new URL(page.url()).search, '?status=known_affected');
    assert.equal(await page.getByLabel('Status').inputValue(), 'known_affected');
    await page.getByRole('link', { name: 'HUM-RS-DRE-01' }).first().waitFor();
    assert.ok((await page.locator('main table tbody tr').count()) >= 7);
    await checkPage(page, '71-findings', { language: 'de' });
  });

  it('filters the findings by site and by machine id, and shows why one matched', async () => {
    await page.getByLabel('Standort').selectOption('HUM-LS');
    await page.waitForFunction(() => [...document.querySelectorAll('main table tbody tr td:first-child a')].every((link) => link.textContent?.startsWith('HUM-LS')));
    assert.deepEqual(new Set(await machineIds(page.locator('main'))), new Set(['HUM-LS-FW-01']));

    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    // Typed key by key: the field is bound to the URL and must not drop a character.
    await page.getByLabel('Maschinen-ID').pressSequentially('hum-rs-dre-01');
    await page.waitForFunction(() => {
      const links = [...document.querySelectorAll('main table tbody tr td:first-child a')];
      return links.length > 0 && links.every((link) => link.textContent === 'HUM-RS-DRE-01');
    });
    assert.equal(new URL(page.url()).searchParams.get('machine'), 'hum-rs-dre-01');
    // The lathe's control (1 CVE) and drive (2 CVEs).
    assert.equal(await page.locator('main table tbody tr').count(), 3);

    // The export holds what the filtered table shows, with codes as labels.
    await page.getByRole('button', { name: 'Schwachstellen exportieren' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Als CSV', exact: true }).click()]);
    assert.match(csv.suggestedFilename(), /^schwachstellen-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(await csv.path(), 'utf8')).slice(1).split('\r\n').filter(Boolean);
    assert.ok(lines[0]?.startsWith('Maschinen-ID;Maschine;Standort;Komponente;'), lines[0]);
    assert.equal(lines.length, 4);
    const lathe = lines.find((line) => line.includes('CVE-2023-46156'))?.split(';');
    assert.deepEqual(lathe?.slice(0, 8), ['HUM-RS-DRE-01', 'Dreh-Fräszentrum CTX beta 800 TC', 'HUM-RS', 'SINUMERIK ONE', 'Siemens', 'V6.20', 'ICSA-23-348-11', 'CVE-2023-46156']);
    assert.equal(lathe?.[11], 'Betroffen');

    await page.getByRole('button', { name: `Details: ${latheFinding}` }).click();
    const details = page.locator('main table tbody tr[id^="finding-details-"]');
    await details.getByText('Begründung des Abgleichs').waitFor();
    await details.getByText('CSAFPID-0002').waitFor();
    await checkPage(page, '72-findings-machine-filter-details', { language: 'de' });
  });

  it('opens the lathe on its vulnerabilities tab, marked and with the notice that its matching data is incomplete', async () => {
    await page.getByRole('link', { name: 'HUM-RS-DRE-01' }).first().click();
    await page.getByRole('heading', { level: 1, name: /HUM-RS-DRE-01/ }).waitFor();
    assert.equal(new URL(page.url()).search, '?tab=vulnerabilities', "a finding links to the machine's vulnerabilities");
    const tab = page.getByRole('tab', { name: 'Schwachstellen (3 Befunde) Abgleichsdaten unvollständig', exact: true });
    await tab.waitFor();
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    await tab.getByRole('img', { name: 'Abgleichsdaten unvollständig' }).waitFor();
    const vulnerabilities = section(page, 'Schwachstellen');
    await vulnerabilities.getByText('Abgleich unvollständig: Komponente ohne Version').waitFor();
    await vulnerabilities.getByRole('link', { name: 'ICSA-23-348-11' }).waitFor();
    await vulnerabilities.getByText('SINAMICS S120').first().waitFor();
    await checkPage(page, '73-machine-vulnerabilities', { language: 'de' });

    // The tab stands in the URL: a reload opens it again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /HUM-RS-DRE-01/ }).waitFor();
    assert.equal(await page.getByRole('tab', { name: /^Schwachstellen/ }).getAttribute('aria-selected'), 'true', 'a reload keeps the tab');
    await section(page, 'Schwachstellen').getByRole('link', { name: 'ICSA-23-348-11' }).waitFor();
  });

  it('marks a finding as a false match only with a reason, and undoes the mark', async () => {
    const vulnerabilities = section(page, 'Schwachstellen');
    await vulnerabilities.getByRole('button', { name: `Als Fehltreffer markieren: ${latheFinding}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Als Fehltreffer markieren' });
    await dialog.getByText('CVE-2023-46156 aus ICSA-23-348-11 auf SINUMERIK ONE V6.20 von HUM-RS-DRE-01').waitFor();
    await dialog.getByRole('button', { name: 'Als Fehltreffer markieren' }).click();
    // The server's REASON_REQUIRED, at the field.
    await dialog.getByText('Bitte eine Begründung angeben.').waitFor();
    assert.equal(await dialog.getByRole('alert').count(), 0, 'the reason problem is not repeated above the form');
    await checkPage(page, '74-false-match-reason-required', { language: 'de' });

    await dialog.getByLabel(/^Begründung/).fill('Die Steuerung wurde im Mai auf V6.24 aktualisiert; das Typenschild ist veraltet.');
    await dialog.getByRole('button', { name: 'Als Fehltreffer markieren' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Marked findings are left out until asked for, in the table and in the tab's count.
    await vulnerabilities.getByRole('button', { name: `Als Fehltreffer markieren: ${latheFinding}` }).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Schwachstellen (2 Befunde)' }).waitFor();
    const marks = await server.ctx.db.selectFrom('finding_false_matches').select('reason').execute();
    assert.deepEqual(marks.map((mark) => mark.reason), ['Die Steuerung wurde im Mai auf V6.24 aktualisiert; das Typenschild ist veraltet.']);

    await vulnerabilities.getByLabel('Fehltreffer anzeigen').check();
    const undo = vulnerabilities.getByRole('button', { name: `Markierung aufheben: ${latheFinding}` });
    await undo.waitFor();
    await vulnerabilities.getByText('Fehltreffer', { exact: true }).waitFor();
    await checkPage(page, '75-machine-false-match', { language: 'de' });

    await undo.click();
    await vulnerabilities.getByRole('button', { name: `Als Fehltreffer markieren: ${latheFinding}` }).waitFor();
    assert.equal(await vulnerabilities.getByText('Fehltreffer', { exact: true }).count(), 0);
    assert.equal((await server.ctx.db.selectFrom('finding_false_matches').select('reason').execute()).length, 0);
    await page.getByRole('tab', { name: 'Schwachstellen (3 Befunde)' }).waitFor();
  });

  it("lists the advisory's affected machines", async () => {
    await section(page, 'Schwachstellen').getByRole('link', { name: 'ICSA-23-348-11' }).click();
    await page.getByRole('heading', { level: 1, name: /ICSA-23-348-11/ }).waitFor();
    const affected = section(page, 'Betroffene Maschinen');
    await affected.getByRole('link', { name: 'HUM-RS-DRE-01' }).waitFor();
    assert.deepEqual(await machineIds(affected), ['HUM-RS-DRE-01']);
    await checkPage(page, '76-advisory-affected-machines', { language: 'de' });
  });

  it('follows the count of machines with incomplete matching data to the machines list filtered by it', async () => {
    await page.goto(`${server.baseUrl}/`);
    const card = page.locator('section[aria-labelledby="dashboard-findings"]');
    await card.getByRole('link', { name: '1 Maschine mit unvollständigen Abgleichsdaten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maschinen' }).waitFor();
    assert.equal(new URL(page.url()).search, '?matching_incomplete=true');
    const onlyIncomplete = page.getByRole('checkbox', { name: 'Nur unvollständige Abgleichsdaten' });
    assert.equal(await onlyIncomplete.isChecked(), true);
    await page.getByText('1 von 1 Maschinen').waitFor();
    assert.deepEqual(await machineIds(page.locator('main')), ['HUM-RS-DRE-01']);
    await checkPage(page, '79-machines-matching-incomplete', { language: 'de' });

    // Unticked, the list shows every machine again, and the URL says so.
    await onlyIncomplete.uncheck();
    await page.waitForFunction(() => document.querySelectorAll('main table tbody tr').length > 1);
    assert.equal(new URL(page.url()).search, '');
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).waitFor({ state: 'detached' });
  });

  it("shows the lathe's vulnerabilities tab in English to an engineer who works in English", async () => {
    const english = await launchChromium({ locale: 'en-GB', timezoneId: 'Europe/London' });
    try {
      const en = english.page;
      await signIn(en, server.baseUrl, engineer);
      await en.goto(`${server.baseUrl}/machines/HUM-RS-DRE-01?tab=vulnerabilities`);
      await en.getByRole('heading', { level: 1, name: /HUM-RS-DRE-01/ }).waitFor();
      await en.getByRole('tab', { name: 'Vulnerabilities (3 findings)' }).waitFor();
      assert.equal(
        await en.getByRole('tablist').ariaSnapshot(),
        [
          '- tablist "Views of the machine":',
          '  - tab "Overview"',
          '  - tab "Components (5 in use)"',
          '  - tab "Vulnerabilities (3 findings) Matching data incomplete" [selected]:',
          '    - text: Vulnerabilities (3 findings)',
          '    - img "Matching data incomplete"',
          '  - tab "Partner systems"',
          '  - tab "Contracts"',
          '  - tab "History"',
        ].join('\n'),
      );
      const vulnerabilities = section(en, 'Vulnerabilities');
      await vulnerabilities.getByText('Matching incomplete: a component without version').waitFor();
      await vulnerabilities.getByRole('link', { name: 'ICSA-23-348-11' }).waitFor();
      await checkPage(en, '77-en-machine-vulnerabilities', { language: 'en' });
      await en.getByRole('tab', { name: 'Overview' }).click();
      await en.getByRole('heading', { level: 2, name: 'Identity' }).waitFor();
      assert.equal(new URL(en.url()).search, '', 'the overview needs no query');
      await checkPage(en, '78-en-machine-overview', { language: 'en' });
    } finally {
      await english.close();
    }
  });
});
