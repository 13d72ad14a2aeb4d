import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJetstream, type Replay } from '../helpers/platforms.ts';
import { seedConnectors } from './watch-live-seed.ts';
import { chromiumAvailable, ensureWebBuilt, launchChromium, logIn, startDashboardServer, type DashboardServer } from './harness.ts';

describe.runIf(chromiumAvailable())('influence watch: live sources in Chromium', () => {
  let server: DashboardServer;
  let js: Replay;
  beforeAll(async () => {
    ensureWebBuilt();
    js = await startJetstream({ cutAfter: 3 });
    server = await startDashboardServer({ seed: (store, box) => seedConnectors(store, box, js) });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await js?.close();
  });

  it('shows each connector’s state, rate, lag and last error, and lets an admin add and disable one', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'fr-FR' });
      await page.goto(server.url);
      await logIn(page, server);
      await page.goto(`${server.url}/watch?tab=live`);
      const table = page.getByTestId('connectors-table');
      await table.waitFor();
      const bsky = table.locator('tr[data-connector="bluesky-fr"]');
      await expect(bsky.textContent()).resolves.toMatch(/arrêté/);
      await expect(bsky.locator('td').nth(4).textContent()).resolves.toBe('4');
      await expect(table.locator('tr[data-connector="x-macronleaks"]').textContent()).resolves.toMatch(/arrêté sur erreur.*access refused \(401\)/);

      const form = page.getByTestId('connector-form');
      await form.getByLabel('Plateforme').selectOption('mastodon');
      await form.getByLabel('Nom').fill('mastodon-fr');
      await form.getByLabel(/Instances/).fill('piaille.fr, mastodon.social');
      await form.getByLabel(/Mots-dièse/).fill('#MacronLeaks');
      await form.getByRole('button', { name: 'Enregistrer le connecteur' }).click();
      const masto = table.locator('tr[data-connector="mastodon-fr"]');
      await masto.waitFor();
      await expect(masto.textContent()).resolves.toMatch(/piaille\.fr, mastodon\.social #MacronLeaks/);
      await masto.getByRole('button', { name: 'Désactiver' }).click();
      await masto.getByRole('button', { name: 'Activer' }).waitFor();
      await expect(masto.textContent()).resolves.toMatch(/désactivé/);
      // The token typed in a form never comes back.
      expect(await page.content()).not.toContain('not-a-real-token');
    } finally {
      await browser.close();
    }
  });
});
