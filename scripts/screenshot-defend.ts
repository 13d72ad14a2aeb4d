// Screenshots of the decoy, sensor and leak pages on the 2017 demo, under .tmp/ for review.
// Run: npx tsx scripts/screenshot-defend.ts   (SCREENSHOT_LANG=en for English)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { loadDemo } from '../src/demo/index.ts';
import { ensureWebBuilt, launchChromium, startDashboardServer, logIn } from '../test/e2e/harness.ts';

const root = resolve(import.meta.dirname, '..');
const lang = process.env.SCREENSHOT_LANG === 'en' ? 'en' : 'fr';
const only = process.argv.slice(2);

ensureWebBuilt();
const server = await startDashboardServer({ seed: (store, box, config) => loadDemo(store, box, undefined, config) });
const browser = await launchChromium();
const shot = async (page: Page, name: string, fullPage = false) => {
  await page.screenshot({ path: resolve(root, `.tmp/${name}-${lang}.png`), fullPage });
  process.stdout.write(`.tmp/${name}-${lang}.png\n`);
};
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  await context.addInitScript((l) => localStorage.setItem('rempart.lang', l), lang);
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page, server);
  await page.getByTestId('open-alerts').waitFor();
  await page.evaluate(() => document.fonts.ready);
  mkdirSync(resolve(root, '.tmp'), { recursive: true });
  if (!only.length || only.includes('home')) await shot(page, 'defend-home');

  if (!only.length || only.includes('sensors')) {
    await page.goto(`${server.url}/sensors`);
    await page.locator('table.sensors-table tbody tr').first().waitFor();
    await page.locator('.uplot canvas').first().waitFor();
    await shot(page, 'sensors');
    await page.locator('table.sensors-table .row-link').first().click();
    await page.locator('.detail-title').waitFor();
    await shot(page, 'sensors-detail');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'sensors-phone', true);
    await page.setViewportSize({ width: 1440, height: 900 });
  }
  if (!only.length || only.includes('blur')) {
    await page.goto(`${server.url}/blur`);
    await page.locator('.dep-card').first().click();
    await page.locator('[data-testid=persona-table] tbody tr').first().waitFor();
    await shot(page, 'blur', true);
    await page.locator('[data-testid=persona-table] .row-link').first().click();
    await page.locator('.mail-list button').first().click();
    await page.locator('.mail-body').waitFor();
    await page.locator('.mail-viewer').scrollIntoViewIfNeeded();
    await shot(page, 'blur-mail');
  }
  if (!only.length || only.includes('leaks')) {
    await page.goto(`${server.url}/leaks`);
    await page.locator('.report-list .row-link').first().click();
    await page.locator('.hbars').waitFor();
    await shot(page, 'leaks', true);
  }
} finally {
  await browser.close();
  await server.close();
}
