import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';
import { dkimSign } from 'mailauth';
import { triageContext } from './context.ts';
import { dnsResolver } from './live-auth.ts';
import { triage } from './verdict.ts';

/**
 * Live SPF/DKIM/DMARC through a real DNS server the test starts on loopback (dns2), never the
 * internet: the sender domain publishes SPF for 192.0.2.10 only, a DKIM key and a reject policy.
 */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const records: Record<string, string[]> = {
  'partenaire.example': ['v=spf1 ip4:192.0.2.10 -all'],
  '_dmarc.partenaire.example': ['v=DMARC1; p=reject'],
  'sel._domainkey.partenaire.example': [`v=DKIM1; k=rsa; p=${pub}`],
};
let server: { close(): Promise<void> | void; addresses(): { udp?: AddressInfo } } & { listen(o: unknown): Promise<void> };
let servers: string[];
let queries = 0;

beforeAll(async () => {
  server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      queries++;
      const response = dns2.Packet.createResponseFromRequest(request);
      const [q] = request.questions;
      const txt = records[String(q.name).toLowerCase()];
      if (q.type === dns2.Packet.TYPE.TXT && txt) {
        // Long records as several character-strings of at most 255 octets, as real zones serve them.
        for (const t of txt) response.answers.push({ name: q.name, type: dns2.Packet.TYPE.TXT, class: dns2.Packet.CLASS.IN, ttl: 60, data: t.match(/.{1,255}/g) ?? [] } as unknown as (typeof response.answers)[number]);
      }
      void send(response);
    },
  }) as unknown as typeof server;
  await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  servers = [`127.0.0.1:${server.addresses().udp!.port}`];
});
afterAll(async () => {
  await server?.close();
});

const ctx = () => ({ ...triageContext({ name: 'En Marche', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] }), contentModel: null });
const message = (body: string) =>
  ['From: Partenaire <contact@partenaire.example>', 'To: lea@en-marche.fr', 'Subject: Point presse', 'Message-ID: <1@partenaire.example>', 'Date: Mon, 23 Nov 2026 10:00:00 +0000', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');

async function signed(body: string): Promise<string> {
  const raw = message(body);
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const r = await dkimSign(raw, { signingDomain: 'partenaire.example', selector: 'sel', privateKey: key, signatureData: [{ signingDomain: 'partenaire.example', selector: 'sel', privateKey: key }] });
  expect(r.signatures).toMatch(/^DKIM-Signature:/);
  return r.signatures + raw;
}

describe('live authentication (mailauth through an injected resolver)', () => {
  it('is off by default: no DNS query is made', async () => {
    const before = queries;
    await triage(await signed('Bonjour'), ctx());
    expect(queries).toBe(before);
  });

  it('passes a correctly signed message sent from an authorised server', async () => {
    const v = await triage(await signed('Rendez-vous jeudi.'), { ...ctx(), liveAuth: { resolver: dnsResolver(servers), ip: '192.0.2.10', sender: 'contact@partenaire.example' } });
    expect(v.signals.filter((s) => s.id.startsWith('auth.'))).toEqual([]);
    expect(queries).toBeGreaterThan(0);
  });

  it('checks the DKIM signature itself: a body changed after signing fails DKIM even from an authorised server', async () => {
    const tampered = (await signed('Rendez-vous jeudi.')).replace('Rendez-vous jeudi.', 'Changez votre mot de passe ici.');
    const v = await triage(tampered, { ...ctx(), liveAuth: { resolver: dnsResolver(servers), ip: '192.0.2.10', sender: 'contact@partenaire.example' } });
    expect(v.signals.filter((s) => s.id.startsWith('auth.')).map((s) => s.id)).toEqual(['auth.dkim_fail']);
    expect(v.signals[0].evidence).toMatch(/body hash did not verify/);
  });

  it('fails SPF, DKIM and DMARC for a tampered message from elsewhere, with the evidence', async () => {
    const tampered = (await signed('Rendez-vous jeudi.')).replace('Rendez-vous jeudi.', 'Changez votre mot de passe ici.');
    const v = await triage(tampered, { ...ctx(), liveAuth: { resolver: dnsResolver(servers), ip: '198.51.100.7', sender: 'contact@partenaire.example' } });
    const ids = v.signals.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['auth.spf_fail', 'auth.dkim_fail', 'auth.dmarc_fail']));
    expect(v.signals.find((s) => s.id === 'auth.dmarc_fail')!.evidence).toMatch(/checked live: dmarc=fail header.from=partenaire.example p=reject/);
  });

  it('says the check could not be done when DNS does not answer in time, and still judges', async () => {
    const silent = async () => new Promise<string[]>(() => undefined);
    const v = await triage(message('Bonjour'), { ...ctx(), liveAuth: { resolver: silent, ip: '198.51.100.7', timeoutMs: 200 } });
    expect(v.verdict).toBe('clean');
    expect(v.signals.map((s) => s.id)).toContain('auth.live_unavailable');
  });
});
