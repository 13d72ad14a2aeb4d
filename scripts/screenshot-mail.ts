// Screenshots of the mail triage page on the 2017 demo, under .tmp/ for review: the verdict of the
// uploaded 2017 message (French, English), the whole page, a phone-width view and the empty page.
// Run: npx tsx scripts/screenshot-mail.ts
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDemo } from '../src/demo/index.ts';
import { ensureWebBuilt, launchChromium, startDashboardServer, type DashboardServer, logIn } from '../test/e2e/harness.ts';
import { sample2017 } from '../test/e2e/mail-samples.ts';
import type { Browser } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const out = (f: string) => resolve(root, '.tmp', f);
mkdirSync(resolve(root, '.tmp'), { recursive: true });

async function signedIn(browser: Browser, server: DashboardServer, lang: 'fr' | 'en', width = 1440, height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  await context.addInitScript((l) => localStorage.setItem('rempart.lang', l), lang);
  const page = await context.newPage();
  await page.goto(`${server.url}/mail`);
  await logIn(page, server);
  await page.locator('.triage').waitFor();
  await page.evaluate(() => document.fonts.ready);
  return page;
}

ensureWebBuilt();
const browser = await launchChromium();
const empty = await startDashboardServer();
try {
  const page = await signedIn(browser, empty, 'fr');
  await page.locator('.empty').waitFor();
  await page.screenshot({ path: out('mail-empty.png') });
} finally {
  await empty.close();
}
const server = await startDashboardServer({ seed: (store, box, config) => loadDemo(store, box, undefined, config) });
try {
  const page = await signedIn(browser, server, 'fr');
  await page.locator('input[type=file]').setInputFiles({ name: 'protegez-vous.eml', mimeType: 'message/rfc822', buffer: sample2017() });
  await page.getByTestId('mail-detail').getByTestId('verdict').first().waitFor();
  await page.waitForTimeout(200);
  await page.screenshot({ path: out('mail.png') });
  await page.screenshot({ path: out('mail-full.png'), fullPage: true });
  const id = new URL(page.url()).searchParams.get('id');

  const en = await signedIn(browser, server, 'en');
  await en.goto(`${server.url}/mail?id=${id}`);
  await en.getByTestId('mail-detail').getByTestId('verdict').first().waitFor();
  await en.getByTestId('mail-detail').scrollIntoViewIfNeeded();
  await en.screenshot({ path: out('mail-en.png') });

  const phone = await signedIn(browser, server, 'fr', 390, 844);
  await phone.goto(`${server.url}/mail?id=${id}`);
  await phone.getByTestId('mail-detail').getByTestId('verdict').first().waitFor();
  await phone.getByTestId('mail-detail').scrollIntoViewIfNeeded();
  await phone.getByTestId('mail-detail').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await phone.screenshot({ path: out('mail-phone.png') });
  await phone.locator('[data-signal="links.text_href_mismatch"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await phone.screenshot({ path: out('mail-phone-2.png') });
  process.stdout.write('.tmp/{mail,mail-full,mail-en,mail-phone,mail-phone-2,mail-empty}.png\n');
} finally {
  await browser.close();
  await server.close();
}
