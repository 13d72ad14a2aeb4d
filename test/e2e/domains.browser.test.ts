import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher, recordLookalike, type DnsResolution } from '../../src/domains/index.ts';
import { addDomain } from '../../src/org/index.ts';
import type { Store } from '../../src/store/index.ts';
import { chromiumAvailable, ensureWebBuilt, launchChromium, startDashboardServer, type DashboardServer, logIn } from './harness.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Lookalikes as the 2017 campaign met them, seen in a certificate feed over three weeks. */
async function seedLookalikes(store: Store): Promise<void> {
  await addDomain(store.db, 'en-marche.fr');
  await addDomain(store.db, 'emmanuel-macron.fr');
  const m = buildMatcher(['en-marche.fr', 'emmanuel-macron.fr']);
  const dns = (a: string[], mx: string[], ns: string[]): DnsResolution => ({ a, aaaa: [], mx: mx.map((exchange, i) => ({ exchange, priority: 10 * (i + 1) })), ns, resolvedAt: '2017-03-16T08:00:00.000Z' });
  const seen: Array<[string, string, DnsResolution | undefined]> = [
    ['onedrive-en-marche.fr', '2017-03-15T09:12:00Z', dns(['194.187.249.135'], ['mail.onedrive-en-marche.fr'], ['ns1.njal.la'])],
    ['mail-en-marche.fr', '2017-03-20T17:40:00Z', dns(['194.187.249.135'], ['mx.mail-en-marche.fr'], ['ns1.njal.la'])],
    ['xn--n-marche-b8g.fr', '2017-04-02T11:05:00Z', dns([], [], ['ns1.bad-host.example'])],
    ['en-rnarche.fr', '2017-04-03T07:55:00Z', undefined],
    ['en-marche.fr.secure-login.com', '2017-04-04T21:30:00Z', dns(['203.0.113.9'], [], [])],
    ['emmanuel-macron.com', '2017-04-06T10:00:00Z', undefined],
    ['paypa1.com', '2017-04-07T10:00:00Z', undefined],
  ];
  for (const [domain, at, r] of seen) await recordLookalike(store, m.match(domain)!, 'wss://certstream.example/', new Date(at), r);
  await recordLookalike(store, m.match('onedrive-en-marche.fr')!, 'wss://certstream.example/', new Date('2017-04-20T09:00:00Z'));
}

async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string | null; nodes?: unknown }>> {
  await page.evaluate(AXE_SOURCE);
  const v = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map((x) => ({ id: x.id, impact: x.impact, nodes: (x as unknown as { nodes: Array<{ target: unknown; failureSummary?: string }> }).nodes.slice(0, 3).map((n) => ({ target: n.target, why: n.failureSummary })) }));
  });
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
}

describe.runIf(chromiumAvailable())('lookalike domains page in Chromium', () => {
  let server: DashboardServer;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startDashboardServer({ seed: seedLookalikes });
  }, 180_000);
  afterAll(async () => server?.close());

  it('lists the lookalikes seen, edits takedown notes, and tests a domain with its lookalike letter highlighted', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
      const page = await context.newPage();
      await page.goto(server.url);
      await logIn(page, server);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Domaines sosies' }).click();
      await page.getByRole('heading', { name: 'Sosies repérés' }).waitFor();

      // Seen in the feed: all seven, newest first, with kind, imitated domain, DNS and sightings.
      const rows = page.locator('table.lk-table tbody tr');
      await expect(rows.count()).resolves.toBe(7);
      await expect(rows.first().getAttribute('data-domain')).resolves.toBe('paypa1.com');
      const onedrive = page.locator('tr[data-domain="onedrive-en-marche.fr"]');
      await expect(onedrive.innerText()).resolves.toMatch(/Mot ajouté[\s\S]*en-marche\.fr|en-marche\.fr[\s\S]*Mot ajouté/);
      await expect(onedrive.innerText()).resolves.toContain('mail.onedrive-en-marche.fr');
      await expect(onedrive.innerText()).resolves.toContain('vu 2 fois');
      await expect(onedrive.locator('.lk-mark').innerText()).resolves.toBe('onedrive-');
      const cyr = page.locator('tr[data-domain="xn--n-marche-b8g.fr"]');
      await expect(cyr.locator('.lk-mark').innerText()).resolves.toBe('е');
      await expect(cyr.innerText()).resolves.toContain('Écritures mêlées');
      await expect(page.getByTestId('protected-domains').innerText()).resolves.toMatch(/en-marche\.fr\s+5 sosie\(s\)\s+emmanuel-macron\.fr\s+1 sosie\(s\)/);

      // Filters: by kind, then by text.
      await page.getByLabel('Procédé').selectOption('affix');
      await expect(rows.count()).resolves.toBe(2);
      await page.getByLabel('Procédé').selectOption('');
      await page.getByRole('searchbox').fill('secure-login');
      await expect(rows.count()).resolves.toBe(1);
      await page.getByRole('searchbox').fill('');

      // Takedown notes: edited in place, saved through the API, still there after a reload.
      await onedrive.getByRole('button', { name: 'Notes de retrait pour onedrive-en-marche.fr' }).click();
      await page.getByLabel('Notes de retrait pour onedrive-en-marche.fr').fill('Signalé au registrar (ticket 4521) le 16 mars');
      await onedrive.getByRole('button', { name: 'Enregistrer' }).click();
      await onedrive.getByText('Signalé au registrar (ticket 4521) le 16 mars').waitFor();
      await page.reload();
      await page.locator('tr[data-domain="onedrive-en-marche.fr"]').getByText('Signalé au registrar (ticket 4521) le 16 mars').waitFor();
      const notesFilter = page.locator('.filters select', { has: page.locator('option[value="with"]') });
      await notesFilter.selectOption('with');
      await expect(rows.count()).resolves.toBe(1);
      await notesFilter.selectOption('all');

      // Test a domain: the Cyrillic "е" is shown highlighted, with the kind and the imitated domain.
      await page.getByPlaceholder('par ex. onedrive-en-marche.fr').fill('xn--n-marche-b8g.fr');
      await page.getByRole('button', { name: 'Tester' }).click();
      const result = page.getByTestId('test-result');
      await result.locator('.lk-mark').waitFor();
      await expect(result.locator('.lk-mark').innerText()).resolves.toBe('е');
      await expect(result.innerText()).resolves.toMatch(/Écritures mêlées[\s\S]*imite[\s\S]*en-marche\.fr/);
      await expect(result.innerText()).resolves.toContain('Caractère trompeur : « е » U+0435');

      // A brand on free hosting, under another of its names: the new kinds, explained reason by reason.
      await page.getByPlaceholder('par ex. onedrive-en-marche.fr').fill('colissimo-suivi-colis.weebly.com');
      await page.getByRole('button', { name: 'Tester' }).click();
      await result.locator('.lk-kind-hosting').waitFor();
      await expect(result.innerText()).resolves.toMatch(/Hébergement gratuit[\s\S]*imite[\s\S]*laposte\.fr/);
      await expect(result.locator('.lk-reasons').innerText()).resolves.toMatch(/« colissimo » est un autre nom de La Poste[\s\S]*sur weebly\.com, un service où n’importe qui choisit le nom[\s\S]*mots d’hameçonnage : suivi, colis/);
      await expect(result.locator('.lk-mark').innerText()).resolves.toBe('weebly.com');
      mkdirSync(resolve(import.meta.dirname, '../../.tmp'), { recursive: true });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: resolve(import.meta.dirname, '../../.tmp/domains.png'), fullPage: true });

      // An ordinary domain is said to be fine.
      await page.getByPlaceholder('par ex. onedrive-en-marche.fr').fill('boulangerie-dupont.fr');
      await page.getByRole('button', { name: 'Tester' }).click();
      await result.getByText('boulangerie-dupont.fr n’imite aucun domaine protégé ni marque surveillée.').waitFor();

      expect(await seriousViolations(page)).toEqual([]);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: resolve(import.meta.dirname, '../../.tmp/domains-phone.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 120_000);
});
