import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { systemActor } from '../access/index.ts';
import { importStaffCsv, addDomain } from '../org/index.ts';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { testBackends } from '../store/testing.ts';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink.ts';
import { campaignResults, launchCampaign, listTemplates, sendDue, setConsent, setExemption } from './index.ts';
import { phishScale } from './phish-scale.ts';
import { inWorkingHours, spreadSends } from './schedule.ts';
import { loadBuiltinTemplates, renderTemplate } from './templates.ts';

const STAFF = `nom;email;département
Mounir Mahjoubi;mounir.mahjoubi@en-marche.fr;numérique
Léa Fontaine;lea.fontaine@en-marche.fr;numérique
Hugo Perrin;hugo.perrin@en-marche.fr;numérique
Élodie Garnier;elodie.garnier@en-marche.fr;presse
Paul Extérieur;paul@gmail.com;presse
`;
const PUBLIC = 'http://rempart.test';

describe('NIST Phish Scale', () => {
  it('rates few cues with a well-aligned premise as very difficult', () => {
    expect(phishScale(3, 'high').difficulty).toBe('very-difficult');
    expect(phishScale(20, 'low').difficulty).toBe('least-difficult');
    expect(phishScale(10, 'medium').difficulty).toBe('moderately-difficult');
  });
});

describe('drill templates', () => {
  it('ships the same template ids in French and English, each with a difficulty', () => {
    const all = loadBuiltinTemplates();
    const ids = (lang: string) => all.filter((t) => t.lang === lang).map((t) => t.id).sort();
    expect(ids('fr')).toEqual(ids('en'));
    expect(ids('fr').length).toBeGreaterThanOrEqual(5);
    expect(all.every((t) => ['very-difficult', 'moderately-difficult', 'least-difficult'].includes(t.difficulty))).toBe(true);
  });

  it('escapes recipient values in the HTML body', () => {
    const t = loadBuiltinTemplates().find((x) => x.id === 'webmail-quota' && x.lang === 'fr')!;
    const r = renderTemplate(t, { firstName: '<script>x</script>', fullName: '', email: '', org: 'Org', link: 'http://x/"><b>', pixel: 'http://p', reportLink: '' });
    expect(r.html).not.toContain('<script>x');
    expect(r.html).not.toContain('"><b>');
  });
});

describe('sending window', () => {
  it('schedules every send on a weekday inside working hours of the time zone', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const w = { start: new Date('2017-04-01T00:00:00Z'), end: new Date('2017-04-15T00:00:00Z'), hours: '09:00-18:00', tz: 'Europe/Paris' };
    const times = spreadSends(300, w, rnd);
    expect(times).toHaveLength(300);
    expect(times.every((d) => inWorkingHours(d, w))).toBe(true);
    expect(new Set(times.map((d) => d.toISOString().slice(0, 10))).size).toBeGreaterThan(5);
  });

  it('refuses a window without working hours', () => {
    expect(() => spreadSends(1, { start: new Date('2017-04-08T00:00:00Z'), end: new Date('2017-04-09T20:00:00Z'), hours: '09:00-18:00', tz: 'Europe/Paris' })).toThrow(/no working hours/);
  });
});

for (const kind of testBackends) {
  describe(`drill campaign on ${kind}`, () => {
    let h: TestApp;
    let sink: SmtpSink;
    beforeAll(async () => {
      h = await createTestApp(kind);
      sink = await startSmtpSink();
      await addDomain(h.t.store.db, 'en-marche.fr');
      await importStaffCsv(h.t.store, STAFF);
    });
    afterAll(async () => {
      await sink?.close();
      await h?.close();
    });

    const window = { windowStart: new Date(Date.now() - 7 * 86400_000).toISOString(), windowEnd: new Date(Date.now() - 3600_000).toISOString(), hours: '00:00-24:00' };

    it('refuses an impersonation template until the colleague has consented', async () => {
      await expect(
        launchCampaign(h.t.store, h.ctx.box, systemActor, { name: 'x', templateId: 'alerte-securite', senderDomain: 'en-marche-securite.fr', impersonate: 'mounir.mahjoubi@en-marche.fr', ...window }),
      ).rejects.toMatchObject({ id: 'drill.no_consent' });
    });

    it('sends only inside the allow-list, skips exempt staff and the impersonated colleague, then tracks each step', async () => {
      await setConsent(h.t.store, systemActor, 'mounir.mahjoubi@en-marche.fr', true);
      await setExemption(h.t.store, systemActor, 'hugo.perrin@en-marche.fr', true, 'congé');
      const launched = await launchCampaign(h.t.store, h.ctx.box, systemActor, {
        name: 'Avril 2017',
        templateId: 'alerte-securite',
        senderDomain: 'en-marche-securite.fr',
        impersonate: 'mounir.mahjoubi@en-marche.fr',
        ...window,
        ratePerMinute: 100,
      });
      expect(launched.recipients).toBe(2);
      expect(launched.skipped).toEqual(
        expect.arrayContaining([
          { email: 'paul@gmail.com', reason: 'outside-allow-list' },
          { email: 'hugo.perrin@en-marche.fr', reason: 'exempt' },
          { email: 'mounir.mahjoubi@en-marche.fr', reason: 'impersonated' },
        ]),
      );
      const r = await sendDue(h.t.store, h.ctx.box, { smtpUrl: sink.url, publicUrl: PUBLIC });
      expect(r.sent).toBe(2);
      expect(sink.messages.flatMap((m) => m.envelopeTo).sort()).toEqual(['elodie.garnier@en-marche.fr', 'lea.fontaine@en-marche.fr']);
      // Sending again sends nothing more.
      expect((await sendDue(h.t.store, h.ctx.box, { smtpUrl: sink.url, publicUrl: PUBLIC })).sent).toBe(0);

      const lea = sink.messages.find((m) => m.envelopeTo[0] === 'lea.fontaine@en-marche.fr')!;
      expect(lea.parsed.from?.value[0].name).toBe('Mounir Mahjoubi');
      expect(lea.parsed.headers.get('x-rempart-drill')).toBe(launched.campaign.id);
      const html = String(lea.parsed.html);
      const token = /\/d\/c\/([A-Za-z0-9_-]+)/.exec(html)![1];

      // A link scanner fetches the link without running the page's script: not a human click.
      const scan = await h.app.inject({ url: `/d/c/${token}`, headers: { 'user-agent': 'Mozilla/5.0 (compatible; Proofpoint URL Defense)' } });
      expect(scan.statusCode).toBe(200);
      let res = await campaignResults(h.t.store.db, launched.campaign.id);
      expect(res.funnel).toMatchObject({ clicked: 0, scannerClicks: 1 });

      // The pixel, then a person: the page's beacon after an interaction.
      await h.app.inject({ url: `/d/o/${token}.gif` });
      const browserUa = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36' };
      await h.app.inject({ url: `/d/c/${token}`, headers: browserUa });
      expect((await h.app.inject({ method: 'POST', url: `/d/h/${token}`, headers: browserUa })).statusCode).toBe(204);
      // Replaying the beacon does not count twice.
      await h.app.inject({ method: 'POST', url: `/d/h/${token}`, headers: browserUa });

      const secret = 'Tr0ub4dor&3-do-not-keep';
      const submit = await h.app.inject({ method: 'POST', url: `/d/s/${token}`, headers: { ...browserUa, 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=lea.fontaine&password=${encodeURIComponent(secret)}` });
      expect(submit.statusCode).toBe(303);
      expect(submit.headers.location).toBe(`/d/l/${token}`);

      res = await campaignResults(h.t.store.db, launched.campaign.id);
      expect(res.funnel).toMatchObject({ sent: 2, opened: 1, clicked: 1, submitted: 1, scannerClicks: 1, phishPronePct: 50 });
      const events = await h.t.store.db.selectFrom('drill_events').selectAll().execute();
      expect(JSON.stringify(events)).not.toContain(secret);
      expect(events.find((e) => e.kind === 'submit')?.details).toBe(JSON.stringify({ fields: ['username', 'password'] }));
      if (kind === 'sqlite') {
        const file = h.t.url.slice('sqlite:'.length);
        for (const f of [file, `${file}-wal`]) {
          try {
            expect(readFileSync(f).includes(Buffer.from(secret))).toBe(false);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          }
        }
      }

      // Élodie reports the lure through the report link.
      const elodie = sink.messages.find((m) => m.envelopeTo[0] === 'elodie.garnier@en-marche.fr')!;
      const t2 = /\/d\/c\/([A-Za-z0-9_-]+)/.exec(String(elodie.parsed.html))![1];
      expect((await h.app.inject({ url: `/d/r/${t2}` })).statusCode).toBe(200);
      res = await campaignResults(h.t.store.db, launched.campaign.id);
      expect(res.funnel.reported).toBe(1);
      expect(res.timeToFirstReportSeconds).not.toBeNull();
      expect(res.byGroup.map((g) => g.group).sort()).toEqual(['numérique', 'presse']);
    });

    it('answers forged tokens with 404 and refuses megabyte form posts', async () => {
      expect((await h.app.inject({ url: '/d/c/AAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
      // A traversal attempt resolves to a path outside /d/: never a file from the disk.
      expect((await h.app.inject({ url: '/d/c/../../etc/passwd' })).body).not.toContain('root:');
      const big = await h.app.inject({ method: 'POST', url: '/d/s/AAAAAAAAAAAAAAAAAAAAAAAA', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `password=${'x'.repeat(2_000_000)}` });
      expect(big.statusCode).toBe(413);
      const rows = await h.t.store.db.selectFrom('drill_events').select('details').execute();
      expect(JSON.stringify(rows)).not.toContain('xxxxxxxx');
    });

    it('keeps a refused recipient queued for retry and sends no duplicate to the others', async () => {
      sink.messages.length = 0;
      sink.refuse.add('lea.fontaine@en-marche.fr');
      const c = await launchCampaign(h.t.store, h.ctx.box, systemActor, { name: 'Relance', templateId: 'webmail-quota', senderDomain: 'en-marche-securite.fr', ...window, group: 'numérique' });
      const first = await sendDue(h.t.store, h.ctx.box, { smtpUrl: sink.url, publicUrl: PUBLIC });
      expect(first).toMatchObject({ sent: 1, failed: 1 });
      sink.refuse.clear();
      const later = await sendDue(h.t.store, h.ctx.box, { smtpUrl: sink.url, publicUrl: PUBLIC, now: new Date(Date.now() + 60_000) });
      expect(later.sent).toBe(1);
      const to = sink.messages.flatMap((m) => m.envelopeTo);
      expect(to.sort()).toEqual(['lea.fontaine@en-marche.fr', 'mounir.mahjoubi@en-marche.fr']);
      expect((await campaignResults(h.t.store.db, c.campaign.id)).funnel.sent).toBe(2);
    });

    it('lists templates through the API and refuses a launch by an analyst', async () => {
      const list = await h.app.inject({ url: '/api/v1/drill/templates', headers: await h.as('viewer') });
      expect(list.json().items.length).toBe((await listTemplates(h.t.store.db)).length);
      const launch = await h.app.inject({ method: 'POST', url: '/api/v1/drill/campaigns', headers: await h.as('analyst'), payload: { name: 'x', templateId: 'webmail-quota', senderDomain: 'x.fr', ...window } });
      expect(launch.statusCode).toBe(403);
    });
  });
}
