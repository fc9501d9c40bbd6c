// Shared setup for the browser tests: a real server on a fresh SQLite test database, a headless
// Chromium, and the per-page check (axe-core, two viewports, no horizontal scrolling, screenshots).
// Not a test file itself: the runner only picks up `test/browser/*.test.ts`.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { systemClock } from '../../src/server/clock.ts';
import type { AppContext } from '../../src/server/context.ts';
import { buildApp, webDistDir } from '../../src/server/http/app.ts';
import { ensureSetupToken } from '../../src/server/modules/auth/setup.service.ts';
import { createTestContext } from '../../src/test-support/context.ts';
import { createTestDatabase } from '../../src/test-support/databases.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const chromiumPath = process.env.PATCHWERK_CHROMIUM ?? '/usr/bin/chromium';

/** Where every browser test writes its screenshots. */
export const screenshotDir = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** The two sizes every page is checked at; the first (desktop) is the resting size. */
export const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'tablet', width: 820, height: 1180 },
] as const;

/** The resting (desktop) viewport size. */
export const desktop = { width: viewports[0].width, height: viewports[0].height };

/** A site to seed before the server starts. */
export interface SiteSeed {
  key: string;
  name: string;
  timeZone: string;
}

/** A running server on a fresh SQLite test database, with its first-run setup token. */
export interface BrowserTestServer {
  ctx: AppContext;
  app: FastifyInstance;
  baseUrl: string;
  setupToken: string;
  /** Site ids by site key. */
  siteIds: Record<string, string>;
  close: () => Promise<void>;
}

/** Seeds the sites into a fresh SQLite test database and starts the real app on a free local port. */
export async function startBrowserTestServer(options: { sites: SiteSeed[] }): Promise<BrowserTestServer> {
  if (!existsSync(path.join(webDistDir, 'index.html'))) {
    throw new Error(`The web app is not built (${path.join(webDistDir, 'index.html')} is missing): run \`npm run build\` first.`);
  }
  mkdirSync(screenshotDir, { recursive: true });
  const database = await createTestDatabase('sqlite');
  const ctx = await createTestContext(database, { clock: systemClock });
  let app: FastifyInstance | undefined;
  const close = async (): Promise<void> => {
    await app?.close();
    await ctx.jobs.stop();
    await database.destroy();
  };
  try {
    const now = new Date().toISOString();
    const siteIds: Record<string, string> = {};
    const rows = options.sites.map((site) => {
      const id = randomUUID();
      siteIds[site.key] = id;
      return { id, key: site.key, key_norm: site.key.toLowerCase(), name: site.name, time_zone: site.timeZone, version: 1, created_at: now, updated_at: now };
    });
    if (rows.length > 0) await ctx.db.insertInto('sites').values(rows).execute();
    const setupToken = await ensureSetupToken(ctx);
    assert.ok(setupToken, 'a fresh installation has a setup token');
    app = await buildApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address && typeof address === 'object');
    return { ctx, app, baseUrl: `http://127.0.0.1:${address.port}`, setupToken, siteIds, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A headless Chromium with a throwaway profile and its first page. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** Launches headless Chromium (Debian's, or PATCHWERK_CHROMIUM) at the desktop size in the given locale and time zone. */
export async function launchChromium(options: { locale: string; timezoneId: string }): Promise<BrowserSession> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install Debian's chromium (apt-get install -y chromium).`);
  const profileDir = mkdtempSync(path.join(tmpdir(), `patchwerk-chromium-${options.locale}-`));
  let context: BrowserContext | undefined;
  const close = async (): Promise<void> => {
    await context?.close();
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      viewport: desktop,
      locale: options.locale,
      timezoneId: options.timezoneId,
      args: [`--lang=${options.locale}`, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    return { context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Signs in through the login page and waits for the dashboard. */
export async function signIn(page: Page, baseUrl: string, user: { username: string; password: string }): Promise<void> {
  // The login page follows the browser's language: German or English.
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('heading', { level: 1, name: /^(Anmelden|Sign in)$/ }).waitFor();
  await page.getByLabel(/^(Benutzername|Username)/).fill(user.username);
  await page.getByLabel(/^(Passwort|Password)/).fill(user.password);
  await page.getByRole('button', { name: /^(Anmelden|Sign in)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /^(Übersicht|Dashboard)$/ }).waitFor();
}

/** Waits until the page has rendered its heading and no loader is left. */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Loader-root').length === 0);
  // Two animation frames let layout and Mantine transitions apply before measuring.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Serious and critical axe-core violations on the current page. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the app's CSP (script-src 'self') stays in force.
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations;
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((violation) => `${violation.impact ?? '?'} ${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `    ${node.target.join(' ')} — ${node.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}

/** What `checkPage` asserts besides axe-core and scrolling. */
export interface CheckPageOptions {
  /** The expected `<html lang>`. */
  language: string;
  /** Further assertions, run at each viewport after the page settled. */
  check?: (page: Page, viewport: { width: number; height: number }) => Promise<void>;
}

/**
 * Checks the current page at both sizes: `<html lang>`, axe-core (0 serious/critical), no horizontal
 * scrolling, and a full-page screenshot `<name>-<w>x<h>.png`. Leaves the page settled at the desktop size.
 */
export async function checkPage(page: Page, name: string, options: CheckPageOptions): Promise<void> {
  for (const viewport of viewports) {
    const size = `${viewport.width}×${viewport.height}`;
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await settled(page);
    // A hovered row or button is a passing state; the page is judged as it rests.
    await page.mouse.move(0, 0);
    assert.equal(await page.evaluate(() => document.documentElement.lang), options.language, `<html lang> of ${name} at ${size}`);
    await options.check?.(page, { width: viewport.width, height: viewport.height });
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe-core on ${name} at ${size}:\n${describeViolations(violations)}`);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `${name} scrolls horizontally at ${size}: ${widths.scroll} > ${widths.client}`);
    // Full-page shots of a scrolled page draw the fixed header mid-page; start from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
  }
  await page.setViewportSize(desktop);
  await settled(page);
}
