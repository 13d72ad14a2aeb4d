import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import fc from 'fast-check';
import { triage, triageContext } from './index.ts';
import type { OrgContext } from '../org/context.ts';

const org: OrgContext = {
  name: 'En Marche',
  protectedDomains: ['en-marche.fr'],
  partnerDomains: [],
  brandDomains: [],
  staff: [
    { fullName: 'Mounir Mahjoubi', email: 'mounir.mahjoubi@en-marche.fr', aliases: [], department: 'numérique' },
    { fullName: 'Léa Fontaine', email: 'lea.fontaine@en-marche.fr', aliases: [] },
  ],
};
const ctx = triageContext(org);

function mime(opts: { from: string; subject: string; text?: string; html?: string; attachments?: Array<{ name: string; type: string; content: Uint8Array }>; headers?: string[] }): string {
  const b = 'b0undary42';
  const parts: string[] = [];
  if (opts.text) parts.push(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${opts.text}`);
  if (opts.html) parts.push(`Content-Type: text/html; charset=utf-8\r\n\r\n${opts.html}`);
  for (const a of opts.attachments ?? [])
    parts.push(`Content-Type: ${a.type}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(a.content).toString('base64').replace(/.{76}/g, '$&\r\n')}`);
  return [
    `From: ${opts.from}`,
    'To: Léa Fontaine <lea.fontaine@en-marche.fr>',
    `Subject: ${opts.subject}`,
    'Date: Tue, 25 Apr 2017 09:12:00 +0200',
    'Message-ID: <test@example>',
    ...(opts.headers ?? []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    ...parts.map((p) => `--${b}\r\n${p}`),
    `--${b}--`,
    '',
  ].join('\r\n');
}

const doc = (s: string) => new TextEncoder().encode(s);

describe('2017 spear-phishing', () => {
  it('judges the digital director impersonated from a lookalike domain as malicious, impersonation and lookalike first', async () => {
    const raw = mime({
      from: 'Mounir Mahjoubi <m.mahjoubi@en-marche-fr.com>',
      subject: 'Attaque en cours : protégez-vous',
      text: 'Bonjour,\nNous sommes victimes d’une attaque. Téléchargez immédiatement les deux pièces jointes pour vous protéger.\nMounir',
      attachments: [
        { name: 'outil-protection.doc', type: 'application/msword', content: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...doc('\0V\0B\0A\0 _VBA_PROJECT Attribute VB_Name Sub AutoOpen() Shell("powershell")')]) },
        { name: 'procedure.pdf', type: 'application/pdf', content: doc('%PDF-1.7 1 0 obj << /OpenAction 2 0 R /JavaScript (app.alert) >> endobj') },
      ],
    });
    const v = await triage(raw, ctx);
    expect(v.verdict).toBe('malicious');
    const ids = v.signals.map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual(['sender.staff_impersonation', 'sender.lookalike_domain']);
    expect(v.signals.find((s) => s.id === 'sender.lookalike_domain')!.evidence).toMatch(/en-marche\.fr/);
    expect(ids).toEqual(expect.arrayContaining(['attachments.office_macro', 'attachments.macro_autoexec', 'attachments.pdf_active', 'language.open_attachment']));
    expect(v.indicators.domains).toContain('en-marche-fr.com');
    expect(v.indicators.hashes).toHaveLength(2);
  });

  it('leaves an ordinary colleague message clean', async () => {
    const v = await triage(mime({ from: 'Mounir Mahjoubi <mounir.mahjoubi@en-marche.fr>', subject: 'Réunion de jeudi', text: 'Salut Léa, on se voit jeudi à 10 h pour le point numérique ? Merci, Mounir' }), ctx);
    expect(v.verdict).toBe('clean');
  });
});

describe('signals', () => {
  it('flags a link whose text shows one domain and goes to another', async () => {
    const v = await triage(mime({ from: 'Impots <contact@notif-fisc.example>', subject: 'Remboursement', html: '<p>Votre remboursement : <a href="http://203.0.113.9/impots/login.php">https://www.impots.gouv.fr/portail</a></p>' }), ctx);
    const ids = v.signals.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['links.text_href_mismatch', 'links.ip_host']));
  });

  it('finds a password form in the HTML body', async () => {
    const v = await triage(mime({ from: 'IT <it@helpdesk.example>', subject: 'Webmail', html: '<form action="https://x.example/p"><input name=u><input type="password" name=p></form>' }), ctx);
    expect(v.signals.map((s) => s.id)).toContain('html.password_form');
  });

  it('identifies attachments by content, not by name', async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
    const rtf = doc('{\\rtf1\\ansi{\\object\\objautlink\\objupdate{\\*\\objdata 0105000002000000}}}');
    const zipInZip = zipSync({ 'inner.zip': zipSync({ 'facture.pdf.exe': exe }) });
    const v = await triage(
      mime({
        from: 'Compta <compta@fournisseur.example>',
        subject: 'Facture',
        text: 'Voir pièce jointe',
        attachments: [
          { name: 'facture.pdf', type: 'application/pdf', content: exe },
          { name: 'contrat.rtf', type: 'application/rtf', content: rtf },
          { name: 'archive.zip', type: 'application/zip', content: zipInZip },
          { name: 'profil.mobileconfig', type: 'application/octet-stream', content: doc('<?xml version="1.0"?><plist><dict><key>PayloadType</key><string>Configuration</string></dict></plist>') },
        ],
      }),
      ctx,
    );
    const ids = v.signals.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['attachments.executable', 'attachments.rtf_object', 'attachments.nested_archive', 'attachments.double_extension', 'attachments.mobileconfig']));
    expect(v.verdict).toBe('malicious');
  });

  it('stops at zip bombs and archives nested 20 deep', async () => {
    let nested: Uint8Array = doc('fin');
    for (let i = 0; i < 20; i++) nested = zipSync({ [`niveau${i}.zip`]: nested });
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    const v = await triage(mime({ from: 'x <x@y.example>', subject: 'zip', text: 'x', attachments: [{ name: 'deep.zip', type: 'application/zip', content: nested }, { name: 'bomb.zip', type: 'application/zip', content: bomb }] }), ctx);
    const ids = v.signals.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['attachments.nested_archive', 'attachments.archive_bomb']));
  });

  it('flags an encrypted archive it cannot scan', async () => {
    const z = zipSync({ 'a.txt': doc('secret') });
    z[6] |= 1; // general-purpose flag: encrypted
    const v = await triage(mime({ from: 'x <x@y.example>', subject: 'docs', text: 'mot de passe : 1234', attachments: [{ name: 'docs.zip', type: 'application/zip', content: z }] }), ctx);
    expect(v.signals.map((s) => s.id)).toContain('attachments.encrypted_archive');
  });
});

describe('hostile input', () => {
  it('refuses a 100 MB message with mail.too_large, without parsing it', async () => {
    const big = Buffer.alloc(100 * 1024 * 1024, 0x61);
    await expect(triage(big, ctx)).rejects.toMatchObject({ id: 'mail.too_large' });
  });

  it('refuses 10,000 parts with mail.too_many_parts', async () => {
    const b = 'x';
    const parts = Array.from({ length: 10_000 }, () => `--${b}\r\nContent-Type: text/plain\r\n\r\nhi\r\n`).join('');
    await expect(triage(`From: a@b.c\r\nContent-Type: multipart/mixed; boundary=${b}\r\n\r\n${parts}--${b}--\r\n`, ctx)).rejects.toMatchObject({ id: 'mail.too_many_parts' });
  });

  it('gives a verdict on truncated MIME, broken base64 and unknown charsets', async () => {
    const broken = 'From: a@b.example\r\nSubject: =?x-unknown?B?!!!?=\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/html; charset=klingon\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64@@@';
    const v = await triage(broken, ctx);
    expect(['clean', 'suspicious', 'malicious']).toContain(v.verdict);
  });

  it('never throws anything but a RempartError on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (bytes) => {
        try {
          await triage(bytes, ctx);
        } catch (e) {
          expect((e as { id?: string }).id).toMatch(/^mail\./);
        }
      }),
      { numRuns: 200 },
    );
  });
});
