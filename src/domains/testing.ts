import dns2 from 'dns2';

const { Packet } = dns2;

/** A small authoritative server for the test zone, on a random local port: never the internet. */
export async function startTestZone(): Promise<{ port: number; queries: string[]; close: () => Promise<void> }> {
  const queries: string[] = [];
  const server = dns2.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const q = request.questions[0];
    const name = (q?.name ?? '').toLowerCase();
    queries.push(`${name}/${q?.type}`);
    const rr = (data: Record<string, unknown>) => response.answers.push({ name: q.name, class: Packet.CLASS.IN, ttl: 300, ...data } as never);
    if (name === 'onedrive-en-marche.fr') {
      if (q.type === Packet.TYPE.A) rr({ type: Packet.TYPE.A, address: '192.0.2.7' });
      if (q.type === Packet.TYPE.AAAA) rr({ type: Packet.TYPE.AAAA, address: '2001:db8::7' });
      if (q.type === Packet.TYPE.MX) {
        rr({ type: Packet.TYPE.MX, exchange: 'mx2.bad-host.example', priority: 20 });
        rr({ type: Packet.TYPE.MX, exchange: 'mx1.bad-host.example', priority: 10 });
      }
      if (q.type === Packet.TYPE.NS) rr({ type: Packet.TYPE.NS, ns: 'ns1.bad-host.example' });
    } else if (name === 'm.ex') {
      // A hostile zone answering with more records than kept (as many as fit in one UDP answer).
      if (q.type === Packet.TYPE.A) for (let i = 0; i < 22; i++) rr({ type: Packet.TYPE.A, address: `198.51.100.${i}` });
    } else if (name !== 'parked-en-marche.fr') {
      response.header.rcode = 3; // NXDOMAIN
    }
    send(response).catch(() => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.bind(0, '127.0.0.1', () => resolve());
  });
  return { port: server.address().port, queries, close: () => new Promise<void>((r) => server.close(() => r())) };
}
