import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { triage } from '../verdict.ts';
import { triageContext } from '../context.ts';
import { readMessages } from '../sources.ts';
import { parseMessage } from './parse.ts';
import { isOutlookMsg } from './msg.ts';
import { outlookMsg } from '../../../test/helpers/outlook-msg.ts';

const ctx = triageContext({
  name: 'En Marche', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [],
  staff: [{ fullName: 'Mounir Mahjoubi', email: 'mounir.mahjoubi@en-marche.fr', aliases: [] }],
});

describe('Outlook .msg', () => {
  const macroDoc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from('\0V\0B\0A\0 _VBA_PROJECT Attribute VB_Name Sub AutoOpen() Shell("powershell")')]);

  it('reads the sender, subject, body and attachments of a .msg and judges it like the .eml', async () => {
    const msg = outlookMsg(
      {
        '0037': 'Attaque en cours : protégez-vous',
        '0C1A': 'Mounir Mahjoubi',
        '0C1F': 'm.mahjoubi@en-marche-fr.com',
        '1000': 'Bonjour, téléchargez immédiatement les deux pièces jointes pour vous protéger. Mounir',
      },
      [{ name: 'outil-protection.doc', content: macroDoc }],
      [{ name: 'Léa Martin', email: 'lea.martin@en-marche.fr' }],
    );
    expect(isOutlookMsg(msg)).toBe(true);
    const parsed = await parseMessage(msg);
    expect(parsed.subject).toBe('Attaque en cours : protégez-vous');
    expect(parsed.from?.address).toBe('m.mahjoubi@en-marche-fr.com');
    expect(parsed.to.map((t) => t.address)).toEqual(['lea.martin@en-marche.fr']);
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['outil-protection.doc']);
    const v = await triage(msg, ctx);
    expect(v.verdict).toBe('malicious');
    expect(v.signals.map((s) => s.id)).toEqual(expect.arrayContaining(['sender.staff_impersonation', 'sender.lookalike_domain', 'attachments.office_macro']));
  });

  it('keeps the transport headers Outlook saved (authentication results included)', async () => {
    const headers = 'Received: from mx.example (mx.example [192.0.2.1])\r\nAuthentication-Results: mx.en-marche.fr; spf=fail smtp.mailfrom=bank-secure.example; dkim=none; dmarc=fail header.from=bank-secure.example\r\nFrom: Banque <alerte@bank-secure.example>\r\nTo: lea.martin@en-marche.fr\r\nSubject: Votre compte\r\nContent-Type: text/plain\r\n';
    const v = await triage(outlookMsg({ '007D': headers, '0037': 'Votre compte', '1000': 'Vérifiez votre compte.' }), ctx);
    expect(v.from).toBe('Banque <alerte@bank-secure.example>');
    expect(v.signals.map((s) => s.id)).toEqual(expect.arrayContaining(['auth.dmarc_fail', 'auth.spf_fail']));
  });

  it('answers a malformed or truncated .msg with a clear error, and the batch goes on', async () => {
    const good = outlookMsg({ '0037': 'Bonjour', '0C1F': 'a@example.org', '1000': 'Texte' });
    const truncated = good.slice(0, 700);
    const garbage = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600).fill(0xff)]);
    for (const bad of [truncated, garbage]) await expect(parseMessage(bad)).rejects.toMatchObject({ id: expect.stringMatching(/^mail\./) });
    const dir = mkdtempSync(join(tmpdir(), 'rempart-msg-'));
    writeFileSync(join(dir, 'a-bad.msg'), garbage);
    writeFileSync(join(dir, 'b-good.msg'), good);
    const items = [];
    for await (const it of readMessages([dir])) items.push(it);
    expect(items).toHaveLength(2);
    const verdicts = await Promise.allSettled(items.map((it) => triage(it.raw!, ctx)));
    expect(verdicts.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });
});
