import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../src/alerts/index.ts';
import { chromiumAvailable, ensureWebBuilt, launchChromium, startDashboardServer, type DashboardServer } from './harness.ts';

describe.runIf(chromiumAvailable())('dashboard in Chromium', () => {
  let server: DashboardServer;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startDashboardServer({
      seed: async (store) => {
        await raiseAlert(store, { source: 'domains', severity: 'high', title: 'Domaine sosie enregistré : onedrive-en-marche.fr' });
      },
    });
  }, 180_000);
  afterAll(async () => server?.close());

  it('logs in, shows the shell and the situation board, opens the alerts, and logs out', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'fr-FR' });
      await page.goto(server.url);
      await expect(page.getByRole('heading', { name: 'Connexion' }).isVisible()).resolves.toBe(true);

      // A wrong password is refused with a message, not a crash.
      await page.getByLabel('Identifiant').fill(server.username);
      await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByText('Identifiant ou mot de passe incorrect.').waitFor();

      await page.getByLabel('Mot de passe').fill(server.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      await nav.waitFor();
      for (const item of ['Situation', 'Alertes', 'Courriels', 'Domaines sosies', 'Exercices', 'Veille', 'Renseignement', 'Journal d’audit']) {
        // waitFor, not isVisible: on a loaded machine the links may render a moment after the navigation landmark.
        await nav.getByRole('link', { name: item }).waitFor({ state: 'visible' });
      }
      await page.getByTestId('open-alerts').waitFor();

      await nav.getByRole('link', { name: 'Alertes' }).click();
      await page.getByText('Domaine sosie enregistré : onedrive-en-marche.fr').first().waitFor();
      expect(page.url()).toMatch(/\/alerts$/);

      await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
      await page.getByRole('heading', { name: 'Connexion' }).waitFor();
      // The session is gone on the server too: the API refuses the old cookie.
      const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
      expect(me).toBe(401);
    } finally {
      await browser.close();
    }
  });
});
