import type { SensorRecorder } from './recorder.ts';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** The canary token in a query name `<token>[.<more labels>].<zone>`, or undefined. */
export function dnsToken(name: string, zone: string): string | undefined {
  const n = name.replace(/\.$/, '');
  const z = zone.replace(/^\.|\.$/g, '').toLowerCase();
  if (n.length > 253 || !n.toLowerCase().endsWith(`.${z}`)) return undefined;
  const labels = n.slice(0, -(z.length + 1)).split('.');
  const token = labels[labels.length - 1];
  return TOKEN.test(token) ? token : undefined;
}

export interface DnsCanary {
  port: number;
  close(): Promise<void>;
}

/**
 * Optional DNS listener authoritative for the canary zone: answers every `<token>.<zone>` with
 * `answerIp` (so the reader's software carries on) and records the lookup. The source seen is the
 * resolver's address, not the reader's: a lookup says "opened", rarely "by whom".
 */
export async function startDnsCanary(recorder: SensorRecorder, opts: { zone: string; port: number; host?: string; answerIp?: string }): Promise<DnsCanary> {
  const dns2 = (await import('dns2')).default;
  const { Packet } = dns2;
  const server = dns2.createUDPServer((request, send, client) => {
    const response = Packet.createResponseFromRequest(request);
    const q = request.questions[0];
    const name = q?.name ?? '';
    const token = dnsToken(name, opts.zone);
    const source = 'address' in client && typeof client.address === 'string' ? client.address : 'unknown';
    if (token) {
      recorder.record({ kind: 'dns', at: new Date(), source, token, headers: { name: name.slice(0, 253), type: String(q?.type ?? '') } });
      if (q && q.type === Packet.TYPE.A) response.answers.push(Packet.createResourceFromQuestion(q, { ttl: 60, address: opts.answerIp ?? '127.0.0.1' }));
    } else {
      response.header.rcode = 3; // NXDOMAIN
    }
    send(response).catch(() => undefined);
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.bind(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = server.address().port;
  return {
    port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
