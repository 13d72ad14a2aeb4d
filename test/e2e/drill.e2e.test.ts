import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/access/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { campaignResults, launchCampaign, sendDue, setConsent } from '../../src/drill/index.ts';
import { addDomain, importStaffCsv, setOrgName } from '../../src/org/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const SECRET = 'Campagne2017!-ne-pas-garder';

describe.runIf(chromiumAvailable())('drill end to end in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rempart-drill-e2e-'));
  const logFile = join(dir, 'server.log');
  let store: Store;
  let app: FastifyInstance;
  let sink: SmtpSink;
  let base: string;
  const box = SecretBox.fromKey('2'.repeat(64));

  beforeAll(async () => {
    store = await openStore(`sqlite:${join(dir, 'drill.db')}`);
    const config = loadConfig({ REMPART_CONFIG: '/none', REMPART_DATABASE_URL: `sqlite:${join(dir, 'drill.db')}` });
    // A real logger at debug level, to a file the test greps afterwards.
    const logger = pino({ level: 'debug' }, pino.destination({ dest: logFile, sync: true }));
    app = await buildApp({ config, store, box, logger });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    sink = await startSmtpSink();
    await setOrgName(store.db, 'En Marche !');
    await addDomain(store.db, 'en-marche.fr');
    await importStaffCsv(store, 'nom;email;département\nMounir Mahjoubi;mounir.mahjoubi@en-marche.fr;numérique\nLéa Fontaine;lea.fontaine@en-marche.fr;numérique\n');
    await setConsent(store, systemActor, 'mounir.mahjoubi@en-marche.fr', true);
  });
  afterAll(async () => {
    await sink?.close();
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the lure, sees the open, the human click and the submission, and keeps no password', async () => {
    const c = await launchCampaign(store, box, systemActor, {
      name: 'Vague de sécurité',
      templateId: 'alerte-securite',
      impersonate: 'mounir.mahjoubi@en-marche.fr',
      senderDomain: 'en-marche-securite.fr',
      windowStart: new Date(Date.now() - 86400_000 * 7).toISOString(),
      windowEnd: new Date(Date.now() - 1000).toISOString(),
      hours: '00:00-24:00',
    });
    expect((await sendDue(store, box, { smtpUrl: sink.url, publicUrl: base })).sent).toBe(1);
    const mail = sink.messages[0];
    expect(mail.envelopeTo).toEqual(['lea.fontaine@en-marche.fr']);
    expect(mail.parsed.subject).toMatch(/URGENT/);
    const html = String(mail.parsed.html);
    const pixel = /<img src="([^"]+\/d\/o\/[^"]+)"/.exec(html)![1];
    const link = /href="([^"]+\/d\/c\/[^"]+)"/.exec(html)![1];

    // The mail client loads the pixel.
    expect((await fetch(pixel)).headers.get('content-type')).toBe('image/gif');

    let lessonLink = '';
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(link);
      await page.getByLabel(/E-mail, téléphone/).click();
      await page.getByLabel(/E-mail, téléphone/).fill('lea.fontaine@en-marche.fr');
      await page.getByLabel('Mot de passe').fill(SECRET);
      await Promise.all([page.waitForURL(/\/d\/l\//), page.getByRole('button', { name: 'Se connecter' }).click()]);
      await expect(page.getByRole('heading', { name: 'C’était un exercice' }).isVisible()).resolves.toBe(true);
      expect(await page.textContent('main')).toMatch(/adresse de l.expéditeur/);
      lessonLink = (await page.getByRole('link', { name: /leçon/ }).getAttribute('href')) ?? '';
    } finally {
      await browser.close();
    }

    const r = await campaignResults(store.db, c.campaign.id);
    expect(r.funnel).toMatchObject({ sent: 1, opened: 1, clicked: 1, submitted: 1, scannerClicks: 0 });
    expect(r.people[0]).toMatchObject({ email: 'lea.fontaine@en-marche.fr', stage: 'submitted' });
    // The person is enrolled in the training that matches the lure, and the page linked it.
    const assignments = await store.db.selectFrom('train_assignments').selectAll().where('staff_email', '=', 'lea.fontaine@en-marche.fr').execute();
    expect(assignments.map((a) => a.lesson_id)).toEqual(expect.arrayContaining(['spear-phishing', 'passwords']));
    expect(assignments.every((a) => a.drill_ref === c.campaign.id)).toBe(true);
    expect(lessonLink).toMatch(/\/apprendre\/moi\//);

    await store.close();
    const files = readdirSync(dir).filter((f) => f.startsWith('drill.db') || f.endsWith('.log'));
    for (const f of files) expect(readFileSync(join(dir, f)).includes(Buffer.from(SECRET)), `${f} contains the password`).toBe(false);
    expect(files).toContain('server.log');
    store = await openStore(`sqlite:${join(dir, 'drill.db')}`);
  });
});
