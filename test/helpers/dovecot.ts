import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';

/**
 * Whether IMAP tests can run: Debian's Dovecot is installed. Missing on a developer machine the
 * tests skip; missing in CI (CI=true) is a failure, since .ci/run installs it.
 */
export function dovecotAvailable(): boolean {
  const have = existsSync(DOVECOT);
  if (!have && process.env.CI) throw new Error('dovecot is required in CI (.ci/packages.txt: dovecot dovecot-imapd)');
  if (!have) console.warn('skipping IMAP tests: /usr/sbin/dovecot not found (apt-get install -y dovecot-imapd)');
  return have;
}

export async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

/** A throwaway Dovecot on loopback: passwd-file auth, Maildir under a temp folder. */
export async function startDovecot(dir: string, users: string[] = ['decoy@en-marche.fr', 'other@en-marche.fr'], password = 's3cret-pass'): Promise<{ port: number; proc: ChildProcess }> {
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
  writeFileSync(join(dir, 'passwd'), users.map((n) => `${n}:{PLAIN}${password}:${u.uid}:${u.gid}::${join(dir, 'home')}\n`).join(''));
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

