/**
 * Drill benchmark: a 5,000-recipient campaign sent to a local SMTP sink (the smtp-server
 * package), then 50,000 tracking events through the public endpoints. Prints emails/minute,
 * events/s and peak memory. Targets: ≥ 2,000 emails/minute, ≥ 2,000 events/s.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { systemActor } from '../src/access/index.ts';
import { launchCampaign, sendDue, trackingToken } from '../src/drill/index.ts';
import { addDomain, importStaffCsv } from '../src/org/index.ts';
import { createTestApp } from '../src/server/testing.ts';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, describeRun, timeOnce, timeOnceAsync } from './lib/process.ts';

const N = Number(process.env.BENCH_RECIPIENTS ?? 5000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);

let received = 0;
const sink = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData(s, _x, cb) { s.on('data', () => undefined); s.on('end', () => { received++; cb(); }); } });
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}?ignoreTLS=true`;

const h = await createTestApp('sqlite');
await addDomain(h.t.store.db, 'en-marche.fr');
const lines = ['nom;email;département'];
for (let i = 0; i < N; i++) lines.push(`Personne ${i};p${i}@en-marche.fr;service-${i % 12}`);
await importStaffCsv(h.t.store, lines.join('\n'));
const c = await launchCampaign(h.t.store, h.ctx.box, systemActor, { name: 'bench', templateId: 'webmail-quota', senderDomain: 'drill.test', windowStart: new Date(Date.now() - 86400_000 * 7).toISOString(), windowEnd: new Date(Date.now() - 1000).toISOString(), hours: '00:00-24:00', ratePerMinute: 10_000 });

let t0 = performance.now();
let sent = 0;
for (;;) {
  const r = await sendDue(h.t.store, h.ctx.box, { smtpUrl, publicUrl: 'http://rempart.test', limit: 1000 });
  sent += r.sent;
  if (r.sent + r.failed === 0) break;
}
const sendSeconds = (performance.now() - t0) / 1000;
console.log(`drill send: ${sent} emails to a local SMTP sink in ${sendSeconds.toFixed(1)} s = ${Math.round((sent / sendSeconds) * 60).toLocaleString('en')} emails/minute (target ≥ 2,000); sink received ${received}`);

const recipients = await h.t.store.db.selectFrom('drill_recipients').select('id').where('campaign_id', '=', c.campaign.id).execute();
const tokens = recipients.map((r) => trackingToken(h.ctx.box, r.id));
const ua = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' };
const kinds = ['/d/o/%.gif', '/d/c/%', 'POST /d/h/%', '/d/o/%.gif', '/d/r/%'];
t0 = performance.now();
let ok = 0;
for (let i = 0; i < EVENTS; i++) {
  const k = kinds[i % kinds.length];
  const token = tokens[(i * 7919) % tokens.length];
  const post = k.startsWith('POST ');
  // Clicks come from many people: spread the simulated sources so the per-IP rate limit does not apply.
  const res = await h.app.inject({ method: post ? 'POST' : 'GET', url: (post ? k.slice(5) : k).replace('%', token), headers: ua, remoteAddress: `198.51.100.${i % 250}` });
  if (res.statusCode < 400) ok++;
}
const evSeconds = (performance.now() - t0) / 1000;
const recorded = await h.t.store.db.selectFrom('drill_events').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '!=', 'sent').executeTakeFirstOrThrow();
console.log(`drill tracking: ${EVENTS.toLocaleString('en')} requests in ${evSeconds.toFixed(1)} s = ${Math.round(EVENTS / evSeconds).toLocaleString('en')} events/s (target ≥ 2,000); ${ok} answered, ${Number(recorded.n).toLocaleString('en')} events recorded`);
clearInterval(sample);
console.log(`peak RSS ${(peak / 1048576).toFixed(0)} MB (SQLite, one process)`);
await h.close();

// The path users run: the same campaign through the built CLI (process start included), then
// tracking events over HTTP against `rempart serve` as its own process.
{
  const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-drill-'));
  received = 0;
  const env = { REMPART_DATABASE_URL: `sqlite:${join(dir, 'r.db')}`, REMPART_DATA_DIR: dir, REMPART_SMTP_URL: smtpUrl, REMPART_PUBLIC_URL: 'http://rempart.test' };
  writeFileSync(join(dir, 'staff.csv'), lines.join('\n'));
  const must = (args: string[]) => {
    const r = timeOnce([...CLI, ...args], { env });
    if (r.code !== 0) throw new Error(`rempart ${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  must(['org', 'domains', 'add', 'en-marche.fr']);
  must(['org', 'import', join(dir, 'staff.csv')]);
  must(['drill', 'launch', '--template', 'webmail-quota', '--sender-domain', 'drill.test', '--window', `${new Date(Date.now() - 86400_000 * 7).toISOString()}/${new Date(Date.now() - 1000).toISOString()}`, '--hours', '00:00-24:00', '--rate', '10000', '--tz', 'UTC']);
  // Asynchronously: the SMTP sink it sends to runs in this process.
  const send = await timeOnceAsync([...CLI, 'drill', 'send'], { env });
  if (send.code !== 0) throw new Error(`rempart drill send: ${send.stderr}`);
  console.log(`${describeRun('built CLI (drill send)', received, 'emails', send)} = ${Math.round((received / send.wallS) * 60).toLocaleString('en')} emails/minute`);

  const server = spawn(CLI[0], [CLI[1], 'serve', '--port', '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /Rempart (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const { SecretBox } = await import('../src/core/secrets.ts');
  const { openStore } = await import('../src/store/index.ts');
  const store = await openStore(env.REMPART_DATABASE_URL, { migrate: false });
  const box = SecretBox.fromConfig(undefined, dir);
  const ids = (await store.db.selectFrom('drill_recipients').select('id').execute()).map((r) => trackingToken(box, r.id));
  await store.close();
  const HTTP_EVENTS = Math.min(EVENTS, 20_000);
  let next = 0;
  let okHttp = 0;
  const statuses = new Map<number, number>();
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < HTTP_EVENTS) {
        const i = next++;
        const k = kinds[i % kinds.length];
        const post = k.startsWith('POST ');
        const res = await fetch(url + (post ? k.slice(5) : k).replace('%', ids[(i * 7919) % ids.length]), { method: post ? 'POST' : 'GET', headers: { ...ua, 'x-forwarded-for': `198.51.100.${i % 250}` } });
        await res.arrayBuffer();
        if (res.status < 400) okHttp++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const httpS = (performance.now() - t1) / 1000;
  console.log(`rempart serve (HTTP over loopback, 16 clients): ${HTTP_EVENTS.toLocaleString('en')} tracking requests in ${httpS.toFixed(1)} s = ${Math.round(HTTP_EVENTS / httpS).toLocaleString('en')} events/s; ${okHttp} answered (statuses: ${[...statuses].map(([k, v]) => `${k}×${v}`).join(', ')}; 429 is the per-address rate limit, every request coming from 127.0.0.1)`);
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
sink.close();
