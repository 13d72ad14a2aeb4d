import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemActor } from '../../src/access/index.ts';
import { launchCampaign, track } from '../../src/drill/index.ts';
import { addDomain, importStaffCsv } from '../../src/org/index.ts';
import type { Store } from '../../src/store/index.ts';
import { enrolAfterDrillFailure, markLessonRead, recordStaffAnswer, trainingContent } from '../../src/train/index.ts';
import { chromiumAvailable, ensureWebBuilt, launchChromium, startDashboardServer, type DashboardServer, logIn } from './harness.ts';

const STAFF = `nom;email;département
Léa Fontaine;lea.fontaine@en-marche.fr;numérique
Hugo Perrin;hugo.perrin@en-marche.fr;numérique
Élodie Garnier;elodie.garnier@en-marche.fr;presse
Karim Haddad;karim.haddad@en-marche.fr;presse
Mounir Mahjoubi;mounir.mahjoubi@en-marche.fr;direction
`;
const ANALYST = { username: 'analyste', password: 'Analyste-2017-pas-admin!' };
const CAMPAIGN = 'Quota de printemps';

/**
 * Seeds through the real services: a campaign sent to five people, where Léa clicks and types a
 * password, Hugo clicks, Élodie opens and reports; then the training that follows the failures,
 * which Léa completes and Hugo does not start.
 */
async function seed(store: Store, box: Parameters<typeof launchCampaign>[1]): Promise<void> {
  await addDomain(store.db, 'en-marche.fr');
  await importStaffCsv(store, STAFF);
  await createUser(store, systemActor, { username: ANALYST.username, displayName: 'Analyste', role: 'analyst', password: ANALYST.password });
  const c = await launchCampaign(store, box, systemActor, {
    name: CAMPAIGN,
    templateId: 'webmail-quota',
    senderDomain: 'en-marche-support.fr',
    windowStart: new Date(Date.now() - 3 * 86400_000).toISOString(),
    windowEnd: new Date(Date.now() - 3600_000).toISOString(),
    hours: '00:00-24:00',
  });
  const ua = { ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0' };
  const rows = await store.db.selectFrom('drill_recipients').selectAll().where('campaign_id', '=', c.campaign.id).execute();
  for (const r of rows) {
    // What the sender does once the SMTP server accepted the mail.
    await store.db.updateTable('drill_recipients').set({ stage: 1, sent_at: r.scheduled_at, message_id: `<t.${r.id}@x>` }).where('id', '=', r.id).execute();
    const sent = { ...r, stage: 1 };
    if (r.email === 'lea.fontaine@en-marche.fr') for (const k of ['open', 'human', 'submit'] as const) await track(store, sent, k, { ...ua, fields: ['username', 'password'] });
    if (r.email === 'hugo.perrin@en-marche.fr') for (const k of ['open', 'human'] as const) await track(store, sent, k, ua);
    if (r.email === 'elodie.garnier@en-marche.fr') for (const k of ['open', 'report'] as const) await track(store, sent, k, ua);
  }
  const content = trainingContent();
  const lea = await enrolAfterDrillFailure(store, { staffEmail: 'lea.fontaine@en-marche.fr', lureKind: 'password_expiry', failedStep: 'clicked', drillRef: c.campaign.id }, { content });
  await enrolAfterDrillFailure(store, { staffEmail: 'hugo.perrin@en-marche.fr', lureKind: 'password_expiry', failedStep: 'clicked', drillRef: c.campaign.id }, { content });
  for (const a of lea) {
    const token = a.path.split('/').pop() ?? '';
    await markLessonRead(store, token, { content });
    for (const e of content.exercises.set('fr', a.exerciseSet).slice(0, 4)) await recordStaffAnswer(store, token, e.id, e.verdict, { content });
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical WCAG 2.1 AA violations found by axe-core in the page. */
async function seriousViolations(page: Page): Promise<Array<{ id: string; help: string; targets: unknown[] }>> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type V = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: V[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target) }));
  });
}

async function login(page: Page, server: DashboardServer, user = { username: server.username, password: server.password }): Promise<void> {
  await page.goto(server.url);
  await logIn(page, server, user);
}

describe.runIf(chromiumAvailable())('drill and training pages in Chromium', () => {
  let server: DashboardServer;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startDashboardServer({ seed });
  }, 180_000);
  afterAll(async () => server?.close());

  it('lists the campaign with its funnel, opens it, previews a template safely and explains a refused launch', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'fr-FR' });
      page.setDefaultTimeout(15_000);
      await login(page, server);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Exercices' }).click();
      await page.getByRole('heading', { name: 'Exercices d’hameçonnage' }).waitFor();
      const row = page.locator('table.drill-table tbody tr').filter({ hasText: CAMPAIGN });
      await row.waitFor();
      // Sent, opened, clicked, submitted, reported, phish-prone.
      const cells = (await row.locator('td.num').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
      expect(cells).toEqual(['5', '3', '2', '1', '1', '40 %']);

      await row.getByRole('link', { name: CAMPAIGN }).click();
      await page.getByRole('heading', { name: CAMPAIGN, level: 1 }).waitFor();
      const count = async (step: string) => page.getByTestId(`funnel-${step}`).getByTestId('funnel-count').textContent();
      expect([await count('sent'), await count('opened'), await count('clicked'), await count('submitted'), await count('reported')]).toEqual(['5', '3', '2', '1', '1']);
      expect(await page.getByTestId('prone').textContent()).toBe('40 %');
      // The uPlot timeline is drawn.
      await page.locator('.time-chart canvas').waitFor();
      expect(await page.locator('.time-chart .u-legend').textContent()).toMatch(/Signalés/);
      // Per person: Léa typed something, but no password is shown anywhere.
      expect(await page.locator('table').filter({ hasText: 'lea.fontaine@en-marche.fr' }).locator('tr', { hasText: 'Léa Fontaine' }).textContent()).toMatch(/Saisi/);
      expect(await page.content()).not.toMatch(/password=|mot de passe saisi :/i);
      const csv = await page.getByTestId('csv-link').getAttribute('href');
      const res = await page.request.get(new URL(csv!, server.url).toString());
      expect(res.status()).toBe(200);
      expect(await res.text()).toMatch(/lea\.fontaine@en-marche\.fr,Léa Fontaine,numérique,submitted/);
      expect(await seriousViolations(page)).toEqual([]);

      // Templates: difficulty on each card, preview in a frame that may run nothing.
      await page.goto(`${server.url}/drill?view=templates`);
      const card = page.locator('.tpl-card').filter({ hasText: 'Boîte aux lettres pleine' });
      await card.getByText('Très difficile').waitFor();
      await card.getByRole('button', { name: 'Aperçu' }).click();
      const frame = page.getByTestId('template-preview');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      const inner = page.frameLocator('[data-testid="template-preview"]');
      await inner.getByText(/98 % de sa capacité/).waitFor();
      expect(await inner.locator('script').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);

      // Launch refused: the impersonated colleague has not consented; the reason is in words.
      await page.goto(`${server.url}/drill?view=new`);
      await page.getByLabel('Nom de la campagne').fill('Alerte');
      await page.getByLabel('Modèle').selectOption('alerte-securite');
      await page.getByLabel('Collègue dont le nom est utilisé').selectOption('mounir.mahjoubi@en-marche.fr');
      await page.getByLabel('Domaine d’envoi').fill('en-marche-securite.fr');
      await page.getByRole('button', { name: 'Lancer la campagne' }).click();
      await expect(page.getByTestId('launch-error').textContent()).resolves.toMatch(/n’a pas donné son accord.*drill\.no_consent/);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await server.store.db.selectFrom('drill_campaigns').select('id').execute()).toHaveLength(1);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('keeps the launch form from analysts', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'fr-FR' });
      page.setDefaultTimeout(15_000);
      await login(page, server, ANALYST);
      await page.goto(`${server.url}/drill?view=new`);
      await page.getByText('Seuls les administrateurs lancent une campagne').waitFor();
      expect(await page.getByRole('link', { name: 'Lancer une campagne' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Nouvelle campagne' }).count()).toBe(0);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('shows the lessons with their progress, people’s progress and the public page links', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ locale: 'fr-FR' });
      page.setDefaultTimeout(15_000);
      await login(page, server);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Formation' }).click();
      await page.getByRole('heading', { name: 'Formation', level: 1 }).waitFor();
      // Léa and Hugo were each given the same lessons; Léa finished hers.
      const lessonIds = [...new Set((await server.store.db.selectFrom('train_assignments').select('lesson_id').execute()).map((r) => r.lesson_id))];
      expect(lessonIds.length).toBeGreaterThan(0);
      for (const id of lessonIds) {
        const card = page.getByTestId(`lesson-${id}`);
        expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
        expect(await card.getByRole('progressbar').getAttribute('aria-valuemax')).toBe('2');
        expect(await card.getByRole('link', { name: /Page publique/ }).getAttribute('href')).toBe(`/apprendre/${id}`);
      }
      const first = await page.getByTestId(`lesson-${lessonIds[0]}`).getByRole('link', { name: /Page publique/ }).getAttribute('href');
      expect((await page.request.get(new URL(first!, server.url).toString())).status()).toBe(200);
      expect(await page.getByTestId('completion-rate').textContent()).toBe('50 %');
      const lea = page.locator('tr', { hasText: 'Léa Fontaine' }).first().getByRole('progressbar');
      expect(await lea.getAttribute('aria-valuenow')).toBe(await lea.getAttribute('aria-valuemax'));
      await page.locator('.time-chart canvas').waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      // English catalogue: same ids, public links under /learn.
      await page.getByRole('radio', { name: 'English' }).check();
      await expect(page.getByTestId(`lesson-${lessonIds[0]}`).getByRole('link', { name: /Page publique/ }).getAttribute('href')).resolves.toBe(`/learn/${lessonIds[0]}`);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
