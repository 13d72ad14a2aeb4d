import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDomain, importStaffCsv } from '../org/index.ts';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { testBackends } from '../store/testing.ts';
import { MESSAGE_2017 } from './demo.ts';
import { upsertIndicators } from '../intel/index.ts';

for (const kind of testBackends) {
  describe(`mail API on ${kind}`, () => {
    let h: TestApp;
    beforeAll(async () => {
      h = await createTestApp(kind);
      await addDomain(h.t.store.db, 'en-marche.fr');
      await importStaffCsv(h.t.store, 'nom;email\nMounir Mahjoubi;mounir.mahjoubi@en-marche.fr\nLéa Fontaine;lea.fontaine@en-marche.fr\n');
    });
    afterAll(async () => h?.close());

    it('triages an uploaded message, stores the verdict without the message, and raises an alert when malicious', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/mail/triage', headers: await h.as('analyst'), payload: { raw: MESSAGE_2017 } });
      expect(res.statusCode).toBe(200);
      const { report } = res.json();
      expect(report.verdict).toBe('malicious');
      expect(report.signals[0].id).toBe('sender.staff_impersonation');
      expect(report.alertId).toBeTruthy();
      const alerts = await h.app.inject({ url: '/api/v1/alerts?source=mail', headers: await h.as('viewer') });
      expect(alerts.json().items[0].title).toMatch(/Hameçonnage/);
      const row = await h.t.store.db.selectFrom('mail_reports').selectAll().executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('Téléchargez immédiatement');
      const ind = await h.app.inject({ url: '/api/v1/mail/indicators?format=csv', headers: await h.as('viewer') });
      expect(ind.body).toContain('en-marche-fr.com');
    });

    it('names a threat-intelligence indicator the message matches', async () => {
      await upsertIndicators(h.t.store.db, [{ type: 'domain', value: 'onedrive-en-marche.fr', source: 'ANSSI 2017' }]);
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/mail/triage', headers: await h.as('analyst'), payload: { raw: MESSAGE_2017.replace('Message-ID: <20170426', 'Message-ID: <x20170426') } });
      const known = res.json().report.signals.find((s: { id: string }) => s.id === 'links.known_bad');
      expect(known?.evidence).toMatch(/onedrive-en-marche\.fr.*ANSSI 2017/);
    });

    it('refuses an upload by a viewer and garbage with a clear error', async () => {
      expect((await h.app.inject({ method: 'POST', url: '/api/v1/mail/triage', headers: await h.as('viewer'), payload: { raw: MESSAGE_2017 } })).statusCode).toBe(403);
      const bad = await h.app.inject({ method: 'POST', url: '/api/v1/mail/triage', headers: await h.as('analyst'), payload: { raw: '\u0000\u0001' } });
      expect([200, 400]).toContain(bad.statusCode);
      if (bad.statusCode === 400) expect(bad.json().error.id).toMatch(/^mail\./);
    });
  });
}
