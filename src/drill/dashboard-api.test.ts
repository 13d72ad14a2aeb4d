import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../access/index.ts';
import { addDomain, importStaffCsv } from '../org/index.ts';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { testBackends } from '../store/testing.ts';
import { launchCampaign, TIMELINE_MAX_BUCKETS } from './index.ts';

const STAFF = `nom;email;département
Léa Fontaine;lea.fontaine@en-marche.fr;numérique
Hugo Perrin;hugo.perrin@en-marche.fr;numérique
Élodie Garnier;elodie.garnier@en-marche.fr;presse
Karim Haddad;karim.haddad@en-marche.fr;presse
`;

/** The endpoints the dashboard's drill page reads besides the original API: list funnels, timeline, preview. */
for (const kind of testBackends) {
  describe(`drill dashboard API on ${kind}`, () => {
    let h: TestApp;
    let campaignId = '';
    beforeAll(async () => {
      h = await createTestApp(kind);
      await addDomain(h.t.store.db, 'en-marche.fr');
      await importStaffCsv(h.t.store, STAFF);
      const c = await launchCampaign(h.t.store, h.ctx.box, systemActor, {
        name: 'Quota',
        templateId: 'webmail-quota',
        senderDomain: 'en-marche-support.fr',
        windowStart: '2017-04-10T07:00:00Z',
        windowEnd: '2017-04-12T16:00:00Z',
        hours: '00:00-24:00',
      });
      campaignId = c.campaign.id;
      // Four sent over two days; three opened, two clicked, one submitted, one reported.
      const rows = await h.t.store.db.selectFrom('drill_recipients').select('id').where('campaign_id', '=', campaignId).orderBy('id').execute();
      const at = (h: number) => new Date(Date.parse('2017-04-10T08:00:00Z') + h * 3600_000).toISOString();
      const steps = [
        { stage: 4, sent_at: at(0), opened_at: at(1), clicked_at: at(1), submitted_at: at(2), reported_at: null },
        { stage: 3, sent_at: at(0), opened_at: at(3), clicked_at: at(4), submitted_at: null, reported_at: null },
        { stage: 2, sent_at: at(5), opened_at: at(6), clicked_at: null, submitted_at: null, reported_at: at(7) },
        { stage: 1, sent_at: at(30), opened_at: null, clicked_at: null, submitted_at: null, reported_at: null },
      ];
      for (const [i, r] of rows.entries()) await h.t.store.db.updateTable('drill_recipients').set(steps[i]).where('id', '=', r.id).execute();
    });
    afterAll(async () => h?.close());

    it('lists each campaign with its funnel', async () => {
      const res = await h.app.inject({ url: '/api/v1/drill/campaigns', headers: await h.as('viewer') });
      expect(res.statusCode).toBe(200);
      const c = res.json().items.find((x: { id: string }) => x.id === campaignId);
      expect(c.funnel).toMatchObject({ targeted: 4, sent: 4, opened: 3, clicked: 2, submitted: 1, reported: 1, phishPronePct: 50 });
    });

    it('gives a cumulative timeline that ends on the funnel counts', async () => {
      const res = await h.app.inject({ url: `/api/v1/drill/campaigns/${campaignId}/timeline?bucket=3600`, headers: await h.as('viewer') });
      expect(res.statusCode).toBe(200);
      const tl = res.json();
      expect(tl.bucketSeconds).toBe(3600);
      expect(tl.t).toHaveLength(31);
      expect(tl.t[0]).toBe(Date.parse('2017-04-10T08:00:00Z') / 1000);
      const last = (k: string) => tl[k][tl[k].length - 1];
      expect([last('sent'), last('opened'), last('clicked'), last('submitted'), last('reported')]).toEqual([4, 3, 2, 1, 1]);
      expect(tl.sent.slice(0, 6)).toEqual([2, 2, 2, 2, 2, 3]);
      // Never decreasing: cumulative counts.
      for (const k of ['sent', 'opened', 'clicked', 'submitted', 'reported']) expect(tl[k].every((v: number, i: number, a: number[]) => i === 0 || v >= a[i - 1])).toBe(true);
    });

    it('widens the bucket rather than return more than the bound, and refuses garbage buckets', async () => {
      const fine = await h.app.inject({ url: `/api/v1/drill/campaigns/${campaignId}/timeline?bucket=60`, headers: await h.as('viewer') });
      expect(fine.json().t.length).toBeLessThanOrEqual(TIMELINE_MAX_BUCKETS);
      expect(fine.json().bucketSeconds).toBeGreaterThan(60);
      for (const bad of ['abc', '-5', '1e12', '59', '%00', 'x'.repeat(5000)]) {
        const r = await h.app.inject({ url: `/api/v1/drill/campaigns/${campaignId}/timeline?bucket=${encodeURIComponent(bad)}`, headers: await h.as('viewer') });
        expect(r.statusCode, bad.slice(0, 20)).toBe(400);
      }
      expect((await h.app.inject({ url: '/api/v1/drill/campaigns/nope/timeline', headers: await h.as('viewer') })).statusCode).toBe(404);
      expect((await h.app.inject({ url: `/api/v1/drill/campaigns/${campaignId}/timeline` })).statusCode).toBe(401);
    });

    it('previews a template for a fictitious person as a page that can run nothing and load nothing', async () => {
      const res = await h.app.inject({ url: '/api/v1/drill/templates/alerte-securite/preview?lang=fr', headers: await h.as('viewer') });
      expect(res.statusCode).toBe(200);
      const p = res.json();
      expect(p.html).toContain("default-src 'none'");
      expect(p.html).toContain('Camille');
      expect(p.html).not.toMatch(/<script/i);
      expect(p.html).not.toMatch(/\{\{/);
      expect(p.fromName).toBe('Alex Collègue');
      expect((await h.app.inject({ url: '/api/v1/drill/templates/webmail-quota/preview?lang=en', headers: await h.as('viewer') })).json().lang).toBe('en');
      for (const url of ['/api/v1/drill/templates/..%2F..%2Fetc/preview', '/api/v1/drill/templates/webmail-quota/preview?lang=de', `/api/v1/drill/templates/${'a'.repeat(200)}/preview`]) {
        // 414 is the router's own answer to an over-long path segment.
        expect([400, 414], url.slice(0, 60)).toContain((await h.app.inject({ url, headers: await h.as('viewer') })).statusCode);
      }
      expect((await h.app.inject({ url: '/api/v1/drill/templates/unknown-one/preview', headers: await h.as('viewer') })).statusCode).toBe(404);
    });
  });
}
