// Screenshots of the drill and training pages on the 2017 demo, under .tmp/ for review.
// Run: npx tsx scripts/screenshot-prepare.ts   (SCREENSHOT_LANG=en for English)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDemo } from '../src/demo/index.ts';
import { ensureWebBuilt, launchChromium, startDashboardServer, logIn } from '../test/e2e/harness.ts';

const root = resolve(import.meta.dirname, '..');
const lang = process.env.SCREENSHOT_LANG === 'en' ? 'en' : 'fr';
const only = process.argv[2];
/** PHONE=1: a 390-pixel-wide view, to check the pages on a phone. */
const phone = process.env.PHONE === '1';

ensureWebBuilt();
const server = await startDashboardServer({ seed: (store, box, config) => loadDemo(store, box, undefined, config) });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  await context.addInitScript((l) => localStorage.setItem('rempart.lang', l), lang);
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && process.stdout.write(`console: ${m.text()}\n`));
  await page.goto(server.url);
  await logIn(page, server);
  await page.getByTestId('open-alerts').waitFor();
  mkdirSync(resolve(root, '.tmp'), { recursive: true });
  const shot = async (path: string, file: string, ready: string) => {
    if (only && !file.startsWith(only)) return;
    await page.goto(`${server.url}${path}`);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: resolve(root, `.tmp/${file}-${lang}${phone ? '-phone' : ''}.png`), fullPage: true });
    await page.screenshot({ path: resolve(root, `.tmp/${file}-${lang}${phone ? '-phone' : ''}-top.png`) });
    process.stdout.write(`.tmp/${file}-${lang}.png (and -top)\n`);
  };
  await shot('/drill', 'drill-list', 'table.drill-table');
  const href = await page.getByTestId('campaign-link').first().getAttribute('href').catch(() => null);
  if (href) await shot(href, 'drill-campaign', '.funnel');
  await shot('/drill?view=templates&template=alerte-securite', 'drill-templates', '.tpl-grid');
  await shot('/drill?view=new', 'drill-new', '.launch-form');
  await shot('/train', 'train', '.lesson-grid');
} finally {
  await browser.close();
  await server.close();
}
