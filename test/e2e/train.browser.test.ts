import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { importStaffCsv } from '../../src/org/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { openTestStore, type TestStore } from '../../src/store/testing.ts';
import { enrolAfterDrillFailure, getProgress, listAssignments, sendTrainingMail, trainingContent } from '../../src/train/index.ts';
import { startSmtpSink } from '../../src/train/testing.ts';

const CHROMIUM = process.env.REMPART_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`Chromium is required in CI for the training browser tests (expected at ${CHROMIUM}; see .ci/packages.txt)`);
if (!haveChromium) process.stderr.write(`skipping training browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium)\n`);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/** Runs axe-core in the page (WCAG 2.1 A and AA rules) and returns serious and critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe.skipIf(!haveChromium)('training in a real browser (Chromium)', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const content = trainingContent();

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    sink = await startSmtpSink();
    await importStaffCsv(t.store, 'nom;email;département;rôle;langue\nNicolas Faure;nicolas.faure@en-marche.fr;presse;attaché de presse;fr\n');
    const config = loadConfig({}, { smtp: { url: sink.url, from: 'securite@en-marche.fr' } });
    app = await buildApp({ config, store: t.store, logger: silentLogger(), box: SecretBox.fromKey('c'.repeat(64)) }, { webDir: '/nonexistent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sink?.close();
    await t?.cleanup();
  });

  it('follows a drill failure to the enrolled lesson, completes the exercises and records progress', async () => {
    // The drill capability reports that Nicolas opened the attachment of a colleague-impersonation lure.
    const enrolled = await enrolAfterDrillFailure(t.store, { staffEmail: 'nicolas.faure@en-marche.fr', lureKind: 'colleague_impersonation', failedStep: 'opened_attachment', drillRef: 'drill-2017-04' });
    expect(enrolled.map((a) => a.lessonId)).toEqual(['spear-phishing', 'attachments']);
    const sent = await sendTrainingMail(t.store, { smtp: { url: sink.url, from: 'securite@en-marche.fr' }, publicUrl: base });
    expect(sent.sent).toBe(2);
    const mail = sink.mails.find((m) => m.subject.includes('hameçonnage ciblé'));
    const link = mail?.text.match(new RegExp(`${base.replace(/[.]/g, '\\.')}/apprendre/moi/[A-Za-z0-9_-]+`))?.[0];
    expect(link, 'the assignment mail carries a personal link').toBeDefined();

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(link ?? '');
    expect(await page.locator('h1').innerText()).toContain('hameçonnage ciblé');
    expect(await page.locator('.banner').innerText()).toMatch(/à terminer avant le/);
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard only: tab to the "I have read it" button and press Enter.
    const button = page.getByRole('button', { name: /J’ai lu la leçon/ });
    await button.focus();
    await Promise.all([page.waitForURL(/\/exercice\//), page.keyboard.press('Enter')]);
    expect(await seriousViolations(page)).toEqual([]);

    const assignment = enrolled[0];
    const exercises = content.exercises.set('fr', assignment.exerciseSet).slice(0, 4);
    for (const [i, x] of exercises.entries()) {
      expect(page.url()).toContain(`/exercice/${x.id}`);
      expect(await page.locator('h1').innerText()).toContain(`${i + 1} sur ${exercises.length}`);
      // The displayed email never carries a live link or a remote image.
      expect(await page.locator('.email a, .email img, .email form').count()).toBe(0);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: x.verdict === 'phish' ? 'Hameçonnage' : 'Légitime', exact: true }).click()]);
      expect(await page.locator('.result').innerText()).toContain('Bonne réponse');
      if (i === 0) expect(await seriousViolations(page)).toEqual([]);
      if (i < exercises.length - 1) await Promise.all([page.waitForURL(/\/exercice\//), page.getByRole('link', { name: 'Courriel suivant' }).click()]);
    }
    expect(await page.locator('.banner.done').innerText()).toContain('Votre progression est enregistrée');
    await ctx.close();

    const [row] = await listAssignments(t.store.db, { email: 'nicolas.faure@en-marche.fr', status: 'completed' });
    expect(row).toMatchObject({ id: assignment.id, lessonId: 'spear-phishing' });
    expect(row.completedAt).not.toBeNull();
    expect(await getProgress(t.store.db, 'nicolas.faure@en-marche.fr')).toMatchObject({ answered: exercises.length, correct: exercises.length, streak: exercises.length, lessonsCompleted: 1 });
  });

  it('completes the public mode with JavaScript off, loads nothing from elsewhere and sets no cookie', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    const page = await ctx.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${base}/apprendre`);
    await Promise.all([page.waitForURL(/\/apprendre\/passwords$/), page.getByRole('link', { name: 'Mots de passe et gestionnaire de mots de passe' }).click()]);
    expect(await page.locator('article').innerText()).toContain('gestionnaire');
    await Promise.all([page.waitForURL(/\/apprendre\/exercices\?set=credentials/), page.getByRole('link', { name: /S’entraîner/ }).click()]);
    const list = content.exercises.set('fr', 'credentials');
    for (const [i, x] of list.entries()) {
      expect((await page.locator('.email dd').nth(2).innerText()).replace(/\u00a0/g, ' ')).toBe(x.subject);
      // Answer the first one wrong: the cues still show.
      const answer = i === 0 ? (x.verdict === 'phish' ? 'Légitime' : 'Hameçonnage') : x.verdict === 'phish' ? 'Hameçonnage' : 'Légitime';
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: answer, exact: true }).click()]);
      expect(await page.locator('.cues li').count()).toBe(x.cues.length);
      if (i < list.length - 1) await Promise.all([page.waitForURL(/\/apprendre\/exercices\//), page.getByRole('link', { name: 'Courriel suivant' }).click()]);
    }
    expect(await page.locator('main').innerText()).toMatch(new RegExp(`Score\\s:\\s${list.length - 1} sur ${list.length}`));
    expect(await page.locator('main').innerText()).toContain('Exercice terminé');
    expect(await ctx.cookies()).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    await ctx.close();
  });

  it('passes the accessibility check on public lesson and exercise pages, in both languages, on a phone-sized screen', async () => {
    // The pages' own CSP stays on: the style block must be allowed by its hash, or contrast and layout would be the browser defaults.
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await ctx.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    for (const path of ['/apprendre', '/apprendre/two-factor', '/learn/report', '/apprendre/exercices/onedrive-share', '/learn/exercises/password-expiry']) {
      await page.goto(`${base}${path}`);
      expect(await seriousViolations(page), path).toEqual([]);
      // Readable on a phone: nothing wider than the screen forces sideways scrolling of the page.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
    }
    expect(cspErrors).toEqual([]);
    await ctx.close();
  });
});
