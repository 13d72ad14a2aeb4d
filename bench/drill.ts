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
sink.close();
