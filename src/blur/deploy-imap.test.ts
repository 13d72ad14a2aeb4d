import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { generateKit } from './kit.ts';
import { deployMailboxImap, parseImapUrl } from './deploy-imap.ts';
import type { KitResult } from './kit.ts';

const DOVECOT = '/usr/sbin/dovecot';
const have = existsSync(DOVECOT);
if (!have && process.env.CI) throw new Error('dovecot is required in CI (.ci/packages.txt: dovecot dovecot-imapd)');

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

/** A throwaway Dovecot on loopback: passwd-file auth, Maildir under a temp folder. */
async function startDovecot(dir: string): Promise<{ port: number; proc: ChildProcess }> {
  const port = await freePort();
  // As root (containers, CI), Dovecot refuses to run login and mail processes as root: use its own users.
  const root = process.getuid?.() === 0;
  const me = userInfo();
  const mailUser = root ? spawnSync('id', ['-u', 'dovecot']).stdout.toString().trim() : String(me.uid);
  const mailGroup = root ? spawnSync('id', ['-g', 'dovecot']).stdout.toString().trim() : String(me.gid);
  const u = { uid: mailUser, gid: mailGroup, username: root ? 'dovecot' : me.username, login: root ? 'dovenull' : me.username };
  mkdirSync(join(dir, 'run'), { recursive: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  if (root) {
    chmodSync(dir, 0o755);
    chownSync(join(dir, 'home'), Number(mailUser), Number(mailGroup));
  }
  writeFileSync(join(dir, 'passwd'), ['decoy', 'other'].map((n) => `${n}@en-marche.fr:{PLAIN}s3cret-pass:${u.uid}:${u.gid}::${join(dir, 'home')}\n`).join(''));
  const conf = `
protocols = imap
listen = 127.0.0.1
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${join(dir, 'dovecot.log')}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${u.username}
default_login_user = ${u.login}
first_valid_uid = 1
mail_location = maildir:${join(dir, 'home')}/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${join(dir, 'passwd')}
}
userdb {
  driver = static
  args = uid=${u.uid} gid=${u.gid} home=${join(dir, 'home')}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 50
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), conf);
  const proc = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((res) => {
      const c = createServer();
      void c;
      import('node:net').then(({ connect }) => {
        const s = connect(port, '127.0.0.1', () => {
          s.end();
          res(true);
        });
        s.on('error', () => res(false));
      }, () => res(false));
    });
    if (ok) return { port, proc };
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
  throw new Error(`dovecot did not start: ${err} ${log}`);
}

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

