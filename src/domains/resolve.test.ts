import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocket, type Socket } from 'node:dgram';
import { createDnsResolver, describeResolution, resolveDomain } from './resolve.ts';
import { startTestZone as startZone } from './testing.ts';

describe('DNS enrichment of lookalikes', () => {
  let zone: Awaited<ReturnType<typeof startZone>>;
  let silent: Socket;
  beforeAll(async () => {
    zone = await startZone();
    // A server that swallows every query: the resolver must give up on time.
    silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    await zone?.close();
    silent?.close();
  });

  it('resolves A, AAAA, MX (by priority) and NS through the given server', async () => {
    const r = await resolveDomain(createDnsResolver({ servers: [`127.0.0.1:${zone.port}`], timeoutMs: 1000 }), 'onedrive-en-marche.fr', { now: new Date('2017-03-15T10:00:00Z') });
    expect(r).toEqual({
      a: ['192.0.2.7'],
      aaaa: ['2001:db8::7'],
      mx: [
        { exchange: 'mx1.bad-host.example', priority: 10 },
        { exchange: 'mx2.bad-host.example', priority: 20 },
      ],
      ns: ['ns1.bad-host.example'],
      resolvedAt: '2017-03-15T10:00:00.000Z',
    });
    expect(describeResolution(r)).toBe('A 192.0.2.7 · AAAA 2001:db8::7 · MX mx1.bad-host.example, mx2.bad-host.example · NS ns1.bad-host.example');
    expect(zone.queries).toEqual(expect.arrayContaining(['onedrive-en-marche.fr/1', 'onedrive-en-marche.fr/15', 'onedrive-en-marche.fr/2', 'onedrive-en-marche.fr/28']));
  });

  it('gives empty lists for a name that does not exist or has no records, without an error', async () => {
    const resolver = createDnsResolver({ servers: [`127.0.0.1:${zone.port}`], timeoutMs: 1000 });
    for (const name of ['nothing-here.fr', 'parked-en-marche.fr']) {
      const r = await resolveDomain(resolver, name);
      expect(r).toMatchObject({ a: [], aaaa: [], mx: [], ns: [] });
      expect(r.errors).toBeUndefined();
      expect(describeResolution(r)).toBe('does not resolve');
    }
  });

  it('keeps at most 16 records of a type', async () => {
    const r = await resolveDomain(createDnsResolver({ servers: [`127.0.0.1:${zone.port}`] }), 'm.ex');
    expect(r.a).toHaveLength(16);
  });

  it('gives up on a server that never answers within the timeout, naming the failures', async () => {
    const t0 = Date.now();
    const r = await resolveDomain(createDnsResolver({ servers: [`127.0.0.1:${silent.address().port}`], timeoutMs: 200, tries: 1 }), 'onedrive-en-marche.fr', { timeoutMs: 400 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r).toMatchObject({ a: [], mx: [] });
    expect(r.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^A:ETIMEOUT$/), expect.stringMatching(/^MX:ETIMEOUT$/)]));
    expect(describeResolution(r)).toMatch(/^not resolved/);
  });

  it('bounds the whole lookup even when an injected resolver hangs', async () => {
    const never = () => new Promise<never>(() => undefined);
    const r = await resolveDomain({ resolve4: never, resolve6: never, resolveMx: never, resolveNs: never }, 'x.fr', { timeoutMs: 50 });
    expect(r.errors).toEqual(['A:ETIMEOUT', 'AAAA:ETIMEOUT', 'MX:ETIMEOUT', 'NS:ETIMEOUT']);
  });

  it('rejects a malformed server address', () => {
    expect(() => createDnsResolver({ servers: ['not an address'] })).toThrow();
  });
});
