import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { generateKit, type KitResult } from './kit.ts';
import { safeJoin } from './kitfs.ts';

describe('decoy kit folder', () => {
  let dir: string;
  let kit: KitResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'blur-kitfs-'));
    kit = await generateKit({ org: { name: 'T', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] }, personas: 2, months: 2, seed: 'fs', outDir: join(dir, 'kit'), key: Buffer.alloc(32, 4), publicUrl: 'https://r.example', deploymentId: 'fs', maildir: true });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds every mailbox as mbox, .eml and Maildir with the same messages, and a manifest of every file', async () => {
    const m = JSON.parse(readFileSync(join(dir, 'kit', 'manifest.json'), 'utf8')) as KitResult['manifest'];
    for (const a of m.artifacts) expect(existsSync(join(dir, 'kit', a.path)), a.path).toBe(true);
    for (const p of m.personas) {
      const local = p.email.split('@')[0];
      for (const folder of ['INBOX', 'Sent']) {
        const emls = readdirSync(join(dir, 'kit', 'mailboxes', local, 'eml', folder));
        const mbox = readFileSync(join(dir, 'kit', 'mailboxes', local, `${folder}.mbox`), 'utf8');
        const entries = mbox.split(/^From \S+ /m).filter(Boolean);
        expect(entries.length).toBe(emls.length);
        const maildir = readdirSync(join(dir, 'kit', 'mailboxes', local, 'Maildir', folder === 'Sent' ? '.Sent' : '', 'cur'));
        expect(maildir.length).toBe(emls.length);
        const first = await simpleParser(entries[0].slice(entries[0].indexOf('\n') + 1));
        const ids = await Promise.all(emls.map(async (f) => (await simpleParser(readFileSync(join(dir, 'kit', 'mailboxes', local, 'eml', folder, f)))).messageId));
        expect(ids).toContain(first.messageId);
      }
    }
    expect(m.counts.messages).toBe(kit.artifacts.filter((a) => a.kind === 'message').length);
    expect(readdirSync(dir)).toEqual(['kit']);
  });

  it('threads replies with In-Reply-To and References and keeps attachments named in the text', async () => {
    let replies = 0;
    let attachments = 0;
    for (const a of kit.artifacts.filter((x) => x.kind === 'message')) {
      const p = await simpleParser(readFileSync(join(dir, 'kit', a.path)));
      if (p.inReplyTo) {
        replies++;
        expect(p.references).toContain(p.inReplyTo);
      }
      for (const att of p.attachments) {
        if (att.contentType === 'application/ics' || att.contentType === 'text/calendar') continue;
        attachments++;
        expect(p.text).toContain(att.filename);
      }
    }
    expect(replies).toBeGreaterThan(10);
    for (const a of kit.artifacts.filter((x) => x.kind === 'message')) expect(readFileSync(join(dir, 'kit', a.path), 'utf8')).not.toMatch(/\{\{|\}\}/);
    expect(attachments).toBeGreaterThan(0);
  });

  it('refuses paths that leave the kit folder', () => {
    for (const bad of ['../x', '/etc/passwd', 'a/../../b', '']) expect(() => safeJoin(join(dir, 'kit'), bad)).toThrow();
    expect(safeJoin(join(dir, 'kit'), 'a/b.eml')).toBe(join(dir, 'kit', 'a', 'b.eml'));
  });
});
