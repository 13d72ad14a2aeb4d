import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotAvailable, startDovecot } from '../../test/helpers/dovecot.ts';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { generateKit } from './kit.ts';
import { deployMailboxImap, parseImapUrl } from './deploy-imap.ts';
import type { KitResult } from './kit.ts';

const have = dovecotAvailable();

describe.skipIf(!have)('deploying a decoy mailbox to Dovecot over IMAP', () => {
  let dir: string;
  let kitDir: string;
  let dv: { port: number; proc: ChildProcess };
  let kit: KitResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'blur-dovecot-'));
    kitDir = join(dir, 'kit');
    dv = await startDovecot(dir);
    kit = await generateKit({ org: { name: 'T', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] }, personas: 2, months: 1, seed: 'imap', outDir: kitDir, key: Buffer.alloc(32, 5), publicUrl: 'https://r.example', deploymentId: 'imap', perDay: 2 });
  }, 60_000);
  afterAll(() => {
    dv?.proc.kill('SIGTERM');
    if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a mailbox, reads it back identical, and resumes without duplicates', async () => {
    const mailbox = kit.personas[0].email;
    const target = parseImapUrl(`imap://decoy%40en-marche.fr:s3cret-pass@127.0.0.1:${dv.port}`);
    const mine = kit.manifest.artifacts.filter((a) => a.kind === 'message' && a.mailbox === mailbox);
    // A first run cut short: only the earliest third reaches the server.
    const partial = { ...kit.manifest, artifacts: kit.manifest.artifacts.filter((a) => !mine.includes(a) || mine.indexOf(a) < mine.length / 3) };
    const first = await deployMailboxImap(kitDir, partial, mailbox, target);
    expect(first.uploaded).toBeGreaterThan(0);
    const second = await deployMailboxImap(kitDir, kit.manifest, mailbox, target);
    expect(second.skipped).toBe(first.uploaded);
    expect(first.uploaded + second.uploaded).toBe(mine.length);

    const client = new ImapFlow({ host: '127.0.0.1', port: dv.port, secure: false, auth: { user: target.user, pass: target.pass }, logger: false });
    await client.connect();
    const got = new Map<string, { raw: Buffer; internalDate: Date; flags: Set<string> }>();
    for (const folder of ['INBOX', 'Sent']) {
      await client.mailboxOpen(folder);
      for await (const m of client.fetch('1:*', { source: true, internalDate: true, flags: true, envelope: true })) {
        got.set((m.envelope?.messageId ?? '').replace(/^<|>$/g, ''), { raw: m.source as Buffer, internalDate: new Date(m.internalDate as Date), flags: m.flags ?? new Set() });
      }
      await client.mailboxClose();
    }
    await client.logout();
    expect(got.size).toBe(mine.length);
    for (const a of mine) {
      const g = got.get(a.messageId ?? '');
      expect(g, a.messageId).toBeDefined();
      if (!g) continue;
      const local = readFileSync(join(kitDir, a.path));
      expect(g.raw.equals(local)).toBe(true);
      expect(g.internalDate.toISOString().slice(0, 19)).toBe(new Date(a.planted).toISOString().slice(0, 19));
      expect([...g.flags].filter((f) => f !== '\\Recent').sort()).toEqual([...(a.flags ?? [])].sort());
      const [p, q] = await Promise.all([simpleParser(g.raw), simpleParser(local)]);
      expect(p.inReplyTo).toBe(q.inReplyTo);
      expect(p.references).toEqual(q.references);
      expect(p.date?.toISOString()).toBe(q.date?.toISOString());
      expect(p.attachments.map((x) => [x.filename, x.checksum])).toEqual(q.attachments.map((x) => [x.filename, x.checksum]));
    }
    expect(mine.some((a) => got.get(a.messageId ?? '') && a.threadId)).toBe(true);
  }, 120_000);

  it('resumes without duplicates after the server drops the connection midway', async () => {
    // A proxy that cuts the connection once the client has sent ~60 KB (in the middle of an APPEND).
    const proxy = createServer((client) => {
      let sent = 0;
      const upstream = connect(dv.port, '127.0.0.1');
      upstream.on('data', (d) => client.write(d));
      client.on('data', (d: Buffer) => {
        sent += d.length;
        if (sent > 60_000) {
          client.destroy();
          upstream.destroy();
        } else upstream.write(d);
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const pport = (proxy.address() as { port: number }).port;
    const mailbox = kit.personas[1].email;
    const mine = kit.manifest.artifacts.filter((a) => a.kind === 'message' && a.mailbox === mailbox);
    const user = 'other%40en-marche.fr';
    await expect(deployMailboxImap(kitDir, kit.manifest, mailbox, parseImapUrl(`imap://${user}:s3cret-pass@127.0.0.1:${pport}`))).rejects.toThrow(/IMAP/);
    proxy.close();
    const r = await deployMailboxImap(kitDir, kit.manifest, mailbox, parseImapUrl(`imap://${user}:s3cret-pass@127.0.0.1:${dv.port}`));
    expect(r.skipped).toBeGreaterThan(0);
    expect(r.uploaded + r.skipped).toBe(mine.length);
    const client = new ImapFlow({ host: '127.0.0.1', port: dv.port, secure: false, auth: { user: 'other@en-marche.fr', pass: 's3cret-pass' }, logger: false });
    await client.connect();
    const ids: string[] = [];
    for (const folder of ['INBOX', 'Sent']) {
      await client.mailboxOpen(folder);
      for await (const m of client.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '');
      await client.mailboxClose();
    }
    await client.logout();
    expect(ids.length).toBe(mine.length);
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);

  it('reports a refused login as a clear error', async () => {
    const target = parseImapUrl(`imap://decoy%40en-marche.fr:wrong@127.0.0.1:${dv.port}`);
    await expect(deployMailboxImap(kitDir, kit.manifest, kit.personas[0].email, target)).rejects.toThrow(/IMAP/);
  });
});

