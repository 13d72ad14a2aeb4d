import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../src/alerts/index.ts';
import { attribute, currentKnowledge, importIntelText, indicatorAlert, upsertIndicators } from '../../src/intel/index.ts';
import type { Store } from '../../src/store/index.ts';
import { attackPath, attackSubset } from './intel-subset.ts';
import { chromiumAvailable, ensureWebBuilt, launchChromium, startDashboardServer, type DashboardServer, logIn } from './harness.ts';

const ATTACK = attackPath();
const OBSERVED = ['T1566.001', 'T1583.001', 'T1078', 'T1114.002'];
if (!ATTACK) console.warn('intel.browser.test: ../shared/data/intel/enterprise-attack.json is absent, the intel page test is skipped');

async function seed(store: Store): Promise<void> {
  // APT28, Turla, APT29, Sandworm, Star Blizzard: real ATT&CK entries with overlapping repertoires.
  await importIntelText(store, 'attack-subset.json', attackSubset(ATTACK!, ['G0007', 'G0010', 'G0016', 'G0034', 'G1033']));
  await store.transaction((trx) =>
    upsertIndicators(trx, [
      { type: 'domain', value: 'onedrive-en-marche.fr', source: 'Trend Micro — Pawn Storm', confidence: 80, description: 'Page de connexion piégée' },
      { type: 'domain', value: 'mail-en-marche.fr', source: 'Trend Micro — Pawn Storm', confidence: 80 },
      { type: 'ipv4', value: '198.51.100.7', source: 'CERT-FR', confidence: 60 },
    ]),
  );
  await raiseAlert(store, { source: 'mail', severity: 'high', title: 'Hameçonnage ciblé avec pièce jointe piégée', details: { techniques: ['T1566.001', 'T1583.001'] } });
  await raiseAlert(store, { source: 'sensors', severity: 'critical', title: 'Identifiant leurre utilisé sur la messagerie', details: { techniques: ['T1078', 'T1114.002'] } });
  const match = { value: 'onedrive-en-marche.fr', type: 'domain' as const, source: 'Trend Micro — Pawn Storm', confidence: 80, description: null, validUntil: null };
  await raiseAlert(store, indicatorAlert('mail', match, 'courriel signalé par Léa Fontaine'));
}

describe.runIf(chromiumAvailable() && !!ATTACK)('threat intelligence page in Chromium', () => {
  let server: DashboardServer;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startDashboardServer({ seed });
  }, 180_000);
  afterAll(async () => server?.close());

  it('lists and filters indicators with their hits, adds one, ranks the groups for what we observed with evidence, and opens a group', async () => {
    const { model } = await currentKnowledge(server.store.db);
    const expected = attribute(model, OBSERVED, { limit: 10 });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(15_000);
      await page.goto(server.url);
      await logIn(page, server);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Renseignement' }).click();
      await page.getByRole('heading', { name: 'Renseignement sur la menace' }).waitFor();

      // Indicators: the one that matched shows its hit; the search narrows the list.
      const rows = page.locator('[data-testid=indicators] tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(3);
      const hit = rows.filter({ hasText: 'onedrive-en-marche.fr' });
      expect(await hit.locator('.hits-on').textContent()).toMatch(/^1\b/);
      expect(await rows.filter({ hasText: '198.51.100.7' }).locator('.hits-on').count()).toBe(0);
      await page.getByLabel('Rechercher').fill('mail-en');
      await page.waitForURL(/q=mail-en/);
      await expect.poll(() => rows.count()).toBe(1);
      await page.getByLabel('Rechercher').fill('');
      await expect.poll(() => rows.count()).toBe(3);
      await page.getByTestId('type-filter').selectOption('ipv4');
      await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('198.51.100.7')]);
      await page.getByTestId('type-filter').selectOption('');

      // Add an indicator; garbage is refused with a readable message.
      await page.getByLabel('Valeur', { exact: true }).fill('not an indicator at all');
      await page.getByLabel('Source', { exact: true }).fill('Test');
      await page.getByRole('button', { name: 'Ajouter', exact: true }).first().click();
      await page.getByText(/n’est pas un indicateur reconnu/).waitFor();
      await page.getByLabel('Valeur', { exact: true }).fill('en-marche-fr.com');
      await page.getByRole('button', { name: 'Ajouter', exact: true }).first().click();
      await page.getByText('Enregistré : 1 nouveau, 0 mis à jour.').waitFor();
      await expect.poll(() => rows.count()).toBe(4);
      expect(await page.locator('a[href="/api/v1/intel/export/stix"]').getAttribute('download')).toBe('rempart-stix.json');
      expect(await page.locator('a[href="/api/v1/intel/export/misp"]').count()).toBe(1);
      await page.getByRole('cell', { name: 'attack-subset.json' }).waitFor();

      // Attribution: the techniques from our alerts, ranked groups in the model's order, with evidence.
      await page.getByRole('link', { name: 'Attribution' }).click();
      const observed = page.locator('[data-testid=observed] input[type=checkbox]');
      await observed.first().waitFor();
      expect(await observed.count()).toBe(4);
      const chart = page.locator('[data-testid=attr-chart] > li');
      await chart.first().waitFor();
      expect(await chart.locator('.attr-name').evaluateAll((els) => els.map((e) => e.firstChild?.textContent?.trim()))).toEqual(expected.map((r) => r.name));
      // Spaces normalised: French puts a narrow no-break space before %.
      const lead = ((await page.getByTestId('attr-lead').textContent()) ?? '').replace(/\s+/g, ' ');
      expect(lead).toContain(expected[0].name);
      // The model's probability, never shown as a certainty; the wording says "compatible", not "it is".
      const shown = expected[0].score > 0.995 ? '> 99 %' : `${Math.round(expected[0].score * 100)} %`;
      expect(lead).toContain(shown);
      expect(lead).toMatch(/compatible|se détache/);
      expect(lead).not.toMatch(new RegExp(`c’est ${expected[0].name}|${expected[0].name} est l’auteur`, 'i'));
      const evidence = chart.first().locator('.evidence-list li');
      expect(await evidence.count()).toBe(expected[0].shared.length);
      const shownTechniques = await evidence.locator('code').allTextContents();
      expect(shownTechniques.sort()).toEqual(expected[0].shared.map((x) => x.technique).sort());

      // Unticking techniques re-ranks on the remaining ones.
      for (const i of [1, 2, 3]) await observed.nth(i).uncheck();
      const first = await page.locator('[data-testid=observed] li').first().locator('code').textContent();
      const rerank = attribute(model, [first!], { limit: 10 });
      await page.getByRole('button', { name: 'Rapprocher des groupes connus' }).click();
      await expect.poll(() => chart.first().locator('.attr-name').evaluate((e) => e.firstChild?.textContent?.trim())).toBe(rerank[0].name);
      await page.getByLabel('Ajouter une technique').fill('DROP TABLE');
      await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await page.getByText('Identifiant ATT&CK attendu').waitFor();

      // The group's page: aliases, the matrix by tactic with what we observed highlighted.
      await chart.first().locator('.attr-name').click();
      await page.getByRole('heading', { name: rerank[0].name, level: 2 }).waitFor();
      await page.getByTestId('matrix').waitFor();
      expect(await page.locator('.matrix-cell.seen').count()).toBeGreaterThan(0);

      // Any alias finds APT28; its profile lists the other names and the matrix columns.
      await page.getByRole('link', { name: 'Tous les groupes' }).click();
      await page.getByRole('searchbox', { name: 'Rechercher un groupe' }).fill('Fancy Bear');
      const actorRows = page.locator('[data-testid=actors] tbody tr');
      await expect.poll(() => actorRows.count()).toBe(1);
      await actorRows.first().getByRole('link', { name: 'APT28' }).click();
      await page.getByRole('heading', { name: 'APT28', level: 2 }).waitFor();
      const aliases = await page.locator('.actor-aliases .chip').allTextContents();
      expect(aliases).toEqual(expect.arrayContaining(['Fancy Bear', 'Sofacy', 'Forest Blizzard']));
      expect(await page.locator('.matrix-head').first().textContent()).toMatch(/^Reconnaissance/);
      expect(await page.locator('.matrix-cell.seen').count()).toBeGreaterThan(0);
      const refs = page.getByTestId('references').locator('a');
      expect(await refs.first().getAttribute('href')).toBe('https://attack.mitre.org/groups/G0007/');
      // The sources ATT&CK cites for APT28, imported with the bundle, as plain http(s) links.
      expect(await refs.count()).toBeGreaterThan(5);
      expect((await refs.evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''))).every((h) => /^https?:\/\//.test(h))).toBe(true);
      // Straight to a page that does not exist: a clear error, not a blank page.
      await page.goto(`${server.url}/intel?actor=NOPE`);
      await page.getByRole('alert').filter({ hasText: 'intel.actor_not_found' }).waitFor();
    } finally {
      await browser.close();
    }
  }, 120_000);
});
