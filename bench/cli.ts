/**
 * Start-up of the shipped CLI as a user runs it (`node bin/rempart.js …`, built code, process start
 * included): `--version`, then every README verb on a tiny input against a fresh SQLite database.
 * Prints each verb's median wall time, CPU seconds and peak RSS over three runs, and whether it is
 * within the targets (--version ≤ 0.15 CPU-s; any verb on a tiny input ≤ 0.4 s wall).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDataDir } from '../src/core/shared-data.ts';
import { CLI, timeOnce, timeProcess } from './lib/process.ts';

const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-cli-'));
const env = { REMPART_DATABASE_URL: `sqlite:${join(dir, 'r.db')}`, REMPART_DATA_DIR: dir };
const f = (name: string, body: string) => {
  writeFileSync(join(dir, name), body);
  return join(dir, name);
};
const eml = f('one.eml', 'From: "Mounir" <m@en-marche-fr.com>\r\nTo: lea@en-marche.fr\r\nSubject: Protégez-vous\r\nDate: Fri, 28 Apr 2017 09:00:00 +0200\r\nMessage-ID: <1@x>\r\n\r\nTéléchargez les deux pièces jointes.\r\n');
const names = f('names.txt', 'onedrive-en-marche.fr\nexample.com\n');
const posts = f('posts.jsonl', `${JSON.stringify({ id: '1', author: 'a', created_at: '2017-05-05T20:00:00Z', text: '#MacronLeaks https://pastebin.com/x' })}\n`);
const log = f('auth.log', 'Apr 28 10:00:00 mx dovecot: imap-login: Login: user=<nobody@en-marche.fr>, method=PLAIN, rip=185.86.148.227\n');
const staff = f('staff.csv', 'nom;email;département\nLéa Fontaine;lea@en-marche.fr;numérique\n');

// A database that exists and is migrated, as a user's would be after the first run.
timeOnce([...CLI, 'migrate'], { env });
timeOnce([...CLI, 'org', 'domains', 'add', 'en-marche.fr'], { env });
const shared = sharedDataDir();
const attack = shared ? join(shared, 'intel/enterprise-attack.json') : undefined;
if (attack) {
  const r = timeOnce([...CLI, 'intel', 'import', attack], { env });
  console.log(`(intel import of ATT&CK Enterprise, once: ${r.wallS.toFixed(1)} s wall, ${r.cpuS.toFixed(1)} CPU-s, ${r.rssMb.toFixed(0)} MB)`);
}

const verbs: Array<[string, string[]]> = [
  ['--version', ['--version']],
  ['--help', ['--help']],
  ['migrate', ['migrate']],
  ['user list', ['user', 'list']],
  ['alerts list', ['alerts', 'list']],
  ['org staff', ['org', 'staff']],
  ['org import (1 row)', ['org', 'import', staff]],
  ['drill template list', ['drill', 'template', 'list']],
  ['train lessons', ['train', 'lessons']],
  ['mail triage (1 .eml)', ['mail', 'triage', eml]],
  ['mail triage --json (1 .eml)', ['mail', 'triage', '--json', eml]],
  ['domains permute', ['domains', 'permute', 'en-marche.fr']],
  ['domains match (2 names)', ['domains', 'match', '--protect', 'en-marche.fr', names]],
  ['watch ingest (1 post)', ['watch', 'ingest', posts]],
  ['watch bursts', ['watch', 'bursts']],
  ['blur list', ['blur', 'list']],
  ['sensors logs (1 line)', ['sensors', 'logs', log]],
  ['sensors events', ['sensors', 'events']],
  ['leaks scan (1 .eml)', ['leaks', 'scan', eml]],
  ...(attack ? [['intel attribute (2 techniques)', ['intel', 'attribute', '--technique', 'T1566.001,T1078']] as [string, string[]]] : []),
];
if (!attack) console.log('(intel attribute skipped: ../shared/data/intel is not present)');

console.log(`bench:cli the built CLI, process start included, median of 3 runs after a warm-up; load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`);
let over = 0;
for (const [label, args] of verbs) {
  let r;
  try {
    r = timeProcess([...CLI, ...args], { env, runs: 3 });
  } catch (e) {
    console.log(`${label.padEnd(32)} failed: ${(e as Error).message.split('\n')[0]}`);
    over++;
    continue;
  }
  const limit = label === '--version' ? `CPU ≤ 0.15 s` : 'wall ≤ 0.4 s';
  const ok = label === '--version' ? r.cpuS <= 0.15 : r.wallS <= 0.4;
  if (!ok) over++;
  console.log(`${label.padEnd(32)} ${r.wallS.toFixed(3)} s wall  ${r.cpuS.toFixed(3)} CPU-s  ${r.rssMb.toFixed(0).padStart(4)} MB  ${ok ? 'ok' : 'OVER'} (${limit})`);
}
console.log(`bench:cli ${verbs.length - over}/${verbs.length} verbs within target`);
rmSync(dir, { recursive: true, force: true });
