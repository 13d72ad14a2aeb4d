import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, ensureWebBuilt, launchChromium, startDashboardServer, type DashboardServer, logIn } from './harness.ts';
import { seedDefend } from './defend-seed.ts';

describe.runIf(chromiumAvailable())('decoy, sensor and leak pages in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startDashboardServer({ seed: (store, box, config) => seedDefend(store, box, config) });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'fr-FR' });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await logIn(page, server);
    await page.getByTestId('open-alerts').waitFor();
  }, 240_000);
  afterAll(async () => {
    expect(errors).toEqual([]);
    await browser?.close();
    await server?.close();
  });

  it('sensors: the chart, the feed newest first without the scanner, filters by kind, the evidence of one touch', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Capteurs' }).click();
    await page.getByRole('heading', { name: 'Capteurs : qui a touché un leurre' }).waitFor();
    await page.locator('.uplot canvas').first().waitFor();
    const rows = page.locator('table.sensors-table tbody tr');
    await rows.first().waitFor();
    // Two touches from the attacker; the scanner is hidden until asked for.
    expect(await rows.count()).toBe(2);
    await expect(rows.nth(0).textContent()).resolves.toMatch(/Document piégé ouvert|Courriel leurre ouvert/);
    await expect(rows.nth(0).textContent()).resolves.toContain('185.86.148.227');
    await expect(rows.nth(1).textContent()).resolves.toContain('Connexion à une boîte leurre');
    await expect(page.locator('.chart-legend').textContent()).resolves.toMatch(/Balise ouverte\s*1.*Connexion à une boîte leurre\s*1/);
    await page.getByLabel(/Montrer les antivirus et aperçus \(1\)/).check();
    await expect.poll(() => rows.count()).toBe(3);
    await expect(rows.nth(2).textContent()).resolves.toContain('66.102.8.1');

    await page.locator('.seg-item', { hasText: 'Connexion à une boîte leurre' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('kind')).toBe('log');
    await page.locator('.seg-item', { hasText: 'Tous' }).click();
    await expect.poll(() => rows.count()).toBe(3);

    await rows.nth(0).locator('.row-link').click();
    const detail = page.locator('aside.detail');
    await detail.locator('.detail-title').waitFor();
    const mailbox = (await rows.nth(0).locator('td').nth(2).textContent()) ?? '';
    expect(mailbox).toMatch(/@en-marche\.fr$/);
    await expect(detail.locator('.inference').textContent()).resolves.toContain(`La boîte ${mailbox} a été lue par un tiers après le`);
    await expect(detail.textContent()).resolves.toContain('Microsoft Office Word 2014');
    await detail.getByRole('link', { name: 'Voir l’alerte' }).waitFor();
  });

  it('decoys: the deployment with its decoy staff, what was touched, a decoy mailbox read as text, and a new deployment', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Leurres' }).click();
    await page.getByRole('heading', { name: 'Leurres', exact: true }).waitFor();
    await page.locator('.dep-card', { hasText: 'Démo 2017' }).waitFor();
    const staff = page.locator('[data-testid=persona-table] tbody tr');
    await staff.first().waitFor();
    expect(await staff.count()).toBe(2);
    expect(await page.getByTestId('touched-deployments').textContent()).toBe('1');
    // The opened document and the tried account are listed, the account by its login.
    const touched = page.locator('[data-testid=touched-table] tbody tr');
    expect(await touched.count()).toBe(2);
    await expect(touched.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/\.(docx|xlsx|pdf)/), expect.stringMatching(/webmail|vpn|imap/)]));
    // The demo's document and tried account may belong to one persona or to both.
    const touchedRow = staff.filter({ has: page.locator('.touched-mark') });
    const touchedMailboxes = await page.locator('[data-testid=touched-table] tbody tr td:nth-child(2)').allTextContents();
    expect(await touchedRow.count()).toBe(new Set(touchedMailboxes).size);
    expect(await staff.filter({ hasText: 'Intact' }).count()).toBe(2 - new Set(touchedMailboxes).size);

    await touchedRow.first().locator('.row-link').click();
    const viewer = page.getByTestId('mailbox-viewer');
    await viewer.locator('.mail-list button').first().click();
    const body = viewer.locator('.mail-body');
    await body.waitFor();
    expect(((await body.textContent()) ?? '').length).toBeGreaterThan(40);
    await expect(viewer.locator('.mail-headers').textContent()).resolves.toMatch(/@en-marche\.fr/);
    expect(await viewer.locator('img, iframe').count()).toBe(0);
    await viewer.getByRole('button', { name: 'Envoyés' }).click();
    await viewer.locator('.mail-list button').first().waitFor();

    await page.getByRole('button', { name: 'Nouveau déploiement' }).click();
    await page.getByLabel('Nom du déploiement').fill('Essai navigateur');
    await page.getByLabel('Personnages').fill('1');
    await page.getByLabel('Mois de courriels').fill('1');
    await page.getByRole('button', { name: 'Générer' }).click();
    await page.locator('.dep-card[aria-pressed=true]', { hasText: 'Essai navigateur' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => staff.count()).toBe(1);
    expect(await page.locator('.dep-card').count()).toBe(2);
  }, 90_000);

  it('leaks: the scan report, decoys per source mailbox, the tampered decoy with its diff, the likely forgery and the HTML report', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Fuites' }).click();
    await page.locator('.report-list .row-link').first().waitFor();
    const bars = page.locator('[data-testid=mailbox-bars] > li');
    await bars.first().waitFor();
    // Both decoy mailboxes had mail and documents in the dump.
    expect(await bars.count()).toBe(2);
    await expect(bars.first().textContent()).resolves.toMatch(/@en-marche\.fr.*volée après le/);
    const tampered = page.getByTestId('tampered');
    await expect(tampered.locator('.diff-ins').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('compte offshore')]));
    expect(await tampered.locator('.diff-del').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Non vérifié' }).click();
    const items = page.locator('[data-testid=leak-items] tbody tr');
    await expect.poll(() => items.count()).toBe(1);
    await expect(items.first().textContent()).resolves.toContain('note-interne-comptes.txt');
    expect(new URL(page.url()).searchParams.get('verdict')).toBe('unverified');

    const href = (await page.getByTestId('html-report').getAttribute('href')) ?? '';
    const html = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { type: r.headers.get('content-type'), body: await r.text() };
    }, href);
    expect(html.type).toMatch(/text\/html/);
    expect(html.body).toContain('Leurre modifié');
    expect(html.body).not.toMatch(/<script/);
  });
});
