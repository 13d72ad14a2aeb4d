// Screenshots of the dashboard on the 2017 demo: docs/screenshot.png (home, 1440×900, for the
// README), plus the alerts page and a phone-width view under .tmp/ for review.
// Run: npx tsx scripts/screenshot.ts
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
  await page.evaluate(() => document.fonts.ready);
  mkdirSync(resolve(root, 'docs'), { recursive: true });
  mkdirSync(resolve(root, '.tmp'), { recursive: true });
  await page.screenshot({ path: resolve(root, 'docs/screenshot.png') });
  process.stdout.write('docs/screenshot.png\n');

  await page.getByRole('navigation').getByRole('link', { name: /^(Alertes|Alerts)$/ }).click();
  await page.locator('table.alerts-table tbody tr').first().waitFor();
  await page.locator('.row-link').nth(1).click();
  await page.locator('.detail-title').waitFor();
  await page.screenshot({ path: resolve(root, '.tmp/alerts.png') });
  process.stdout.write('.tmp/alerts.png\n');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/`);
  await page.getByTestId('open-alerts').waitFor();
  await page.screenshot({ path: resolve(root, '.tmp/phone.png'), fullPage: true });
  await page.getByRole('button', { name: /Ouvrir le menu|Open menu/ }).click();
  await page.screenshot({ path: resolve(root, '.tmp/phone-menu.png') });
  process.stdout.write('.tmp/phone.png .tmp/phone-menu.png\n');

  await page.setViewportSize({ width: 1440, height: 900 });
  for (const [path, file] of [['/organisation', 'org'], ['/users', 'users'], ['/audit', 'audit'], ['/mail', 'mail'], ['/domains', 'domains'], ['/sensors', 'sensors'], ['/drill', 'drill'], ['/watch', 'watch'], ['/intel', 'intel'], ['/settings', 'settings']] as const) {
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: resolve(root, `.tmp/${file}.png`) });
  }
  process.stdout.write('.tmp/{org,users,audit,mail,domains,sensors,drill,watch,intel,settings}.png\n');
} finally {
  await browser.close();
  await server.close();
}
