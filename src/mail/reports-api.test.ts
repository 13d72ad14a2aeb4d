import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDomain, importStaffCsv } from '../org/index.ts';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { testBackends } from '../store/testing.ts';
import { MESSAGE_2017 } from './demo.ts';
import { outlookMsg } from '../../test/helpers/outlook-msg.ts';

/** A message in ISO-8859-1 with an attachment: what a file upload must keep byte for byte. */
function latin1Message(subject: string): Buffer {
  const b = 'b0undary';
  const text = [
    'From: Service des impots <contact@notif-fisc.example>',
    'To: lea.fontaine@en-marche.fr',
    `Subject: ${subject}`,
    'Message-ID: <latin1@notif-fisc.example>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Votre remboursement est pr\xeat : ouvrez la pi\xe8ce jointe.',
    `--${b}`,
    'Content-Type: application/pdf; name="avis.pdf"',
    'Content-Disposition: attachment; filename="avis.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('MZ\x90\x00 not really a pdf').toString('base64'),
    `--${b}--`,
    '',
  ].join('\r\n');
  return Buffer.from(text, 'latin1');
}

for (const kind of testBackends) {
  describe(`mail upload, search and export on ${kind}`, () => {
    let h: TestApp;
    beforeAll(async () => {
      h = await createTestApp(kind);
      await addDomain(h.t.store.db, 'en-marche.fr');
      await importStaffCsv(h.t.store, 'nom;email\nMounir Mahjoubi;mounir.mahjoubi@en-marche.fr\n');
    });
    afterAll(async () => h?.close());

    const triage = async (payload: unknown) => h.app.inject({ method: 'POST', url: '/api/v1/mail/triage', headers: await h.as('analyst'), payload: payload as Record<string, string> });

    it('triages an uploaded file byte for byte and keeps its attachments’ names, real kind and hashes', async () => {
      const res = await triage({ base64: latin1Message('Remboursement 100% garanti').toString('base64') });
      expect(res.statusCode).toBe(200);
      const { report } = res.json();
      // The ISO-8859-1 body decoded right: the lure is quoted with its accents.
      expect(report.signals.find((s: { id: string }) => s.id === 'language.open_attachment')?.evidence).toBe('« ouvrez la pièce jointe »');
      expect(JSON.stringify(report)).not.toContain('\ufffd');
      expect(report.attachments).toEqual([expect.objectContaining({ name: 'avis.pdf', mimeType: 'application/pdf', kind: 'exe', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
      expect(report.signals.map((s: { id: string }) => s.id)).toContain('attachments.executable');
      const again = await h.app.inject({ url: `/api/v1/mail/reports/${report.id}`, headers: await h.as('viewer') });
      expect(again.json().report.attachments[0].name).toBe('avis.pdf');
      expect(again.json().report.action.fr).toMatch(/\S/);
    });

    it('reads an Outlook .msg upload', async () => {
      const msg = outlookMsg({ '0037': 'Votre compte sera suspendu', '0C1A': 'Service client', '0C1F': 'support@secure-login.example', '1000': 'Confirmez votre mot de passe immédiatement.' });
      const r = await triage({ base64: Buffer.from(msg).toString('base64') });
      expect(r.statusCode).toBe(200);
      expect(r.json().report.subject).toBe('Votre compte sera suspendu');
    });

    it('refuses a broken Outlook .msg, bad base64, and both or neither of raw and base64, with clear errors', async () => {
      const msg = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 1)]);
      const r1 = await triage({ base64: msg.toString('base64') });
      expect(r1.statusCode).toBe(400);
      expect(r1.json().error.id).toBe('mail.msg_unreadable');
      for (const payload of [{ base64: 'not base64 at all!' }, { raw: 'x', base64: 'AAAA' }, {}, { base64: 12 }, [1, 2], { raw: '' }]) {
        const r = await triage(payload);
        expect(r.statusCode, JSON.stringify(payload)).toBe(400);
        expect(r.json().error.id).toBe('request.invalid');
      }
    });

    it('answers random bytes with a verdict or a mail.* error, never a crash', async () => {
      for (let i = 0; i < 20; i++) {
        const bytes = Buffer.from(Array.from({ length: 1 + ((i * 97) % 3000) }, (_, j) => (j * 31 + i * 17) % 256));
        const r = await triage({ base64: bytes.toString('base64') });
        expect([200, 400, 413]).toContain(r.statusCode);
        if (r.statusCode !== 200) expect(r.json().error.id).toMatch(/^mail\./);
      }
    });

    it('lists newest first, filters by verdict, searches subject, sender and reporter literally, and counts verdicts', async () => {
      await triage({ raw: MESSAGE_2017, reporter: 'lea.fontaine@en-marche.fr' });
      const all = (await h.app.inject({ url: '/api/v1/mail/reports', headers: await h.as('viewer') })).json();
      expect(all.items[0].subject).toMatch(/protégez-vous/);
      expect(all.counts.malicious).toBeGreaterThanOrEqual(1);
      expect(all.counts.malicious + all.counts.suspicious + all.counts.clean).toBe(all.items.length);
      const get = async (q: string) => (await h.app.inject({ url: `/api/v1/mail/reports${q}`, headers: await h.as('viewer') })).json().items.map((x: { subject: string }) => x.subject);
      expect(await get('?q=MAHJOUBI')).toEqual(['Urgent : protégez-vous']);
      expect(await get('?q=lea.fontaine')).toEqual(['Urgent : protégez-vous']);
      expect(await get('?q=100%25')).toEqual(['Remboursement 100% garanti']);
      expect(await get('?q=10_%25')).toEqual([]);
      expect(await get('?q=%25')).toHaveLength(1);
      expect(await get('?verdict=clean&q=mahjoubi')).toEqual([]);
      const long = await h.app.inject({ url: `/api/v1/mail/reports?q=${'a'.repeat(201)}`, headers: await h.as('viewer') });
      expect(long.statusCode).toBe(400);
    });

    it('exports the indicators as a STIX 2.1 bundle with a phishing technique', async () => {
      const res = await h.app.inject({ url: '/api/v1/mail/indicators?format=stix', headers: await h.as('viewer') });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/stix\+json/);
      const bundle = res.json();
      expect(bundle.type).toBe('bundle');
      const patterns = bundle.objects.filter((o: { type: string }) => o.type === 'indicator').map((o: { pattern: string }) => o.pattern);
      expect(patterns).toContain("[domain-name:value = 'en-marche-fr.com']");
      expect(bundle.objects.some((o: { type: string; name?: string }) => o.type === 'attack-pattern' && o.name === 'T1566')).toBe(true);
    });
  });
}
