// Screenshots of the influence watch pages on the 2017 demo, under .tmp/watch-*.png, for review.
// Run: npx tsx scripts/screenshot-watch.ts   (SCREENSHOT_LANG=en for English)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDemo } from '../src/demo/index.ts';
import { ensureWebBuilt, launchChromium, startDashboardServer, logIn } from '../test/e2e/harness.ts';
import { seedConnectors } from '../test/e2e/watch-live-seed.ts';
import { startJetstream } from '../test/helpers/platforms.ts';

const root = resolve(import.meta.dirname, '..');
const lang = process.env.SCREENSHOT_LANG === 'en' ? 'en' : 'fr';
const out = (name: string) => resolve(root, `.tmp/watch-${name}${lang === 'en' ? '-en' : ''}.png`);

ensureWebBuilt();
const js = await startJetstream({ cutAfter: 3 });
const server = await startDashboardServer({
  seed: async (store, box, config) => {
    await loadDemo(store, box, undefined, config);
    await seedConnectors(store, box, js);
  },
});
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  await context.addInitScript((l) => localStorage.setItem('rempart.lang', l), lang);
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page, server);
  await page.getByTestId('open-alerts').waitFor();
  mkdirSync(resolve(root, '.tmp'), { recursive: true });

  const only = process.env.ONLY;
  if (!only || only === 'overview') {
  await page.goto(`${server.url}/watch`);
  await page.locator('.time-chart canvas').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out('overview'), fullPage: true });
  }

  if (!only || only === 'live') {
    await page.goto(`${server.url}/watch?tab=live`);
    await page.getByTestId('connectors-table').waitFor();
    await page.screenshot({ path: out('live'), fullPage: true });
    if (only) {
      await browser.close();
      await server.close();
      await js.close();
      process.exit(0);
    }
  }

  await page.goto(`${server.url}/watch?tab=network&minWeight=1`);
  await page.locator('[data-testid="graph-canvas"][data-nodes]').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: out('network') });
  await page.locator('.cluster-list .row-link').first().click();
  await page.getByTestId('node-panel').waitFor();
  await page.locator('.partner-list .row-link').first().click();
  await page.getByTestId('pair-panel').locator('.evidence-list').waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: out('network-evidence') });

  await page.goto(`${server.url}/watch?tab=narratives`);
  await page.locator('.narrative-link').first().waitFor();
  await page.screenshot({ path: out('narratives') });
  await page.locator('.narrative-link').first().click();
  await page.getByTestId('narrative-evidence').waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out('narrative') });

  await page.goto(`${server.url}/watch?tab=sources`);
  await page.locator('.slant-table').waitFor();
  await page.screenshot({ path: out('sources') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/watch?tab=network&minWeight=1`);
  await page.locator('[data-testid="graph-canvas"][data-nodes]').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: out('phone'), fullPage: true });
  process.stdout.write(`.tmp/watch-{overview,live,network,network-evidence,narratives,narrative,sources,phone}${lang === 'en' ? '-en' : ''}.png\n`);
} finally {
  await browser.close();
  await server.close();
  await js.close();
}
