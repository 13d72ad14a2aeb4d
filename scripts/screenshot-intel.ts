// Screenshots of the threat-intelligence page on the 2017 demo (ATT&CK and MISP imported when the
// shared data is beside the checkout), under .tmp/ for review.
// Run: npx tsx scripts/screenshot-intel.ts   (SCREENSHOT_LANG=en for English)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDemo } from '../src/demo/index.ts';
import { ensureWebBuilt, launchChromium, startDashboardServer, logIn } from '../test/e2e/harness.ts';

const root = resolve(import.meta.dirname, '..');
const lang = process.env.SCREENSHOT_LANG === 'en' ? 'en' : 'fr';

ensureWebBuilt();
const server = await startDashboardServer({ seed: (store, box, config) => loadDemo(store, box, undefined, config) });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  await context.addInitScript((l) => localStorage.setItem('rempart.lang', l), lang);
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page, server);
  await page.getByTestId('open-alerts').waitFor();
  mkdirSync(resolve(root, '.tmp'), { recursive: true });
  const shots: Array<[string, string, string]> = [
    ['/intel', 'intel-indicators', '[data-testid=indicators]'],
    ['/intel?tab=attribution', 'intel-attribution', '[data-testid=attr-chart]'],
    ['/intel?tab=actors&q=bear', 'intel-actors', '[data-testid=actors]'],
    ['/intel?actor=G0007', 'intel-actor', '[data-testid=matrix]'],
  ];
  for (const [path, file, ready] of shots) {
    await page.goto(`${server.url}${path}`);
    await page.locator(ready).waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: resolve(root, `.tmp/${file}-${lang}.png`), fullPage: true });
    process.stdout.write(`.tmp/${file}-${lang}.png\n`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/intel?tab=attribution`);
  await page.locator('[data-testid=attr-chart]').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: resolve(root, `.tmp/intel-phone-${lang}.png`), fullPage: true });
  process.stdout.write(`.tmp/intel-phone-${lang}.png\n`);
} finally {
  await browser.close();
  await server.close();
}
