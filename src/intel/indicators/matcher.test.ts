import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildIndicatorMatcher, type IndicatorMatch } from './matcher.ts';
import { guessIndicatorType, normalizeIndicator } from './normalize.ts';

const ind = (type: IndicatorMatch['type'], value: string, extra: Partial<IndicatorMatch> = {}): IndicatorMatch => ({ type, value, source: 'ANSSI', confidence: 70, description: null, validUntil: null, ...extra });

describe('indicator matcher', () => {
  const m = buildIndicatorMatcher([
    ind('domain', 'en-marche-fr.com'),
    ind('url', 'https://onedrive-en-marche.fr/login'),
    ind('ipv4', '203.0.113.7', { confidence: 90 }),
    ind('cidr', '198.51.100.0/24'),
    ind('cidr', '198.51.100.128/25', { source: 'narrower' }),
    ind('cidr', '2001:db8:abcd::/48'),
    ind('ipv6', '2001:db8::1'),
    ind('email', 'm.mahjoubi@en-marche-fr.com', { source: 'mail' }),
    ind('sha256', 'a'.repeat(64)),
    ind('domain', 'expired.example', { validUntil: '2001-01-01T00:00:00Z' }),
  ]);

  it('matches a domain and every subdomain of it, not its lookalikes', () => {
    expect(m.matchDomain('en-marche-fr.com')?.value).toBe('en-marche-fr.com');
    expect(m.matchDomain('Mail.EN-MARCHE-FR.com.')?.value).toBe('en-marche-fr.com');
    expect(m.matchDomain('notEn-marche-fr.com')).toBeUndefined();
    expect(m.matchDomain('en-marche.fr')).toBeUndefined();
  });

  it('matches addresses exactly and inside CIDR ranges, the longest prefix first', () => {
    expect(m.matchIp('203.0.113.7')?.confidence).toBe(90);
    expect(m.matchIp('198.51.100.3')?.value).toBe('198.51.100.0/24');
    expect(m.matchIp('198.51.100.200')?.source).toBe('narrower');
    expect(m.matchIp('198.51.101.1')).toBeUndefined();
    expect(m.matchIp('2001:db8:abcd:12::5')?.value).toBe('2001:db8:abcd::/48');
    expect(m.matchIp('2001:0db8:0000::0001')?.value).toBe('2001:db8::1');
    expect(m.matchIp('999.1.1.1')).toBeUndefined();
  });

  it('matches URLs, emails and hashes, falling back to the host or domain', () => {
    expect(m.matchUrl('https://onedrive-en-marche.fr/login#x')?.type).toBe('url');
    expect(m.matchUrl('http://www.en-marche-fr.com/a?b=1')?.value).toBe('en-marche-fr.com');
    expect(m.matchUrl('http://198.51.100.9/x')?.type).toBe('cidr');
    expect(m.matchEmail('M.Mahjoubi@en-marche-fr.com')?.source).toBe('mail');
    expect(m.matchEmail('someone@en-marche-fr.com')?.type).toBe('domain');
    expect(m.matchHash('A'.repeat(64))?.type).toBe('sha256');
    expect(m.matchUrl('not a url')).toBeUndefined();
  });

  it('no longer matches an expired indicator', () => {
    expect(m.matchDomain('expired.example')).toBeUndefined();
    expect(m.size).toBe(9);
  });

  it('agrees with a naive scan on thousands of addresses and /24 or /16 networks', () => {
    const toInt = (ip: string) => ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { minLength: 50, maxLength: 3000 }), fc.array(fc.tuple(fc.ipV4(), fc.constantFrom(16, 24)), { maxLength: 300 }), fc.array(fc.ipV4(), { maxLength: 300 }), (ips, nets, probes) => {
        const list = [...ips.map((v) => ind('ipv4', v)), ...nets.map(([v, b]) => ind('cidr', `${v}/${b}`))];
        const m2 = buildIndicatorMatcher(list);
        const exact = new Set(ips);
        const inNet = (ip: string) => nets.some(([v, b]) => Math.floor(toInt(v) / 2 ** (32 - b)) === Math.floor(toInt(ip) / 2 ** (32 - b)));
        for (const p of [...ips.slice(0, 300), ...probes]) expect(!!m2.matchIp(p)).toBe(exact.has(p) || inNet(p));
      }),
      { numRuns: 30 },
    );
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        m.matchDomain(s);
        m.matchIp(s);
        m.matchUrl(s);
        m.matchEmail(s);
        m.matchHash(s);
        normalizeIndicator('auto', s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('indicator normalisation', () => {
  it('is idempotent: a normalised value normalises to itself', () => {
    const values = fc.oneof(fc.domain(), fc.webUrl(), fc.ipV4(), fc.ipV6(), fc.emailAddress(), fc.stringMatching(/^[0-9a-fA-F]{64}$/), fc.string());
    fc.assert(
      fc.property(values, (v) => {
        const n = normalizeIndicator('auto', v);
        if (n) expect(normalizeIndicator(n.type, n.value)).toEqual(n);
      }),
      { numRuns: 500 },
    );
  });

  it('finds every normalised domain and address it was built from', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6()), { minLength: 1, maxLength: 30 }), (values) => {
        const inds = values.map((v) => normalizeIndicator('auto', v)).filter((n) => n !== undefined);
        const m = buildIndicatorMatcher(inds.map((n) => ind(n.type, n.value)));
        for (const n of inds) expect(n.type === 'domain' ? m.matchDomain(n.value) : m.matchIp(n.value)).toBeDefined();
      }),
      { numRuns: 200 },
    );
  });

  it('canonicalises what feeds write differently', () => {
    expect(normalizeIndicator('domain', 'EN-MARCHE-FR[.]COM.')).toEqual({ type: 'domain', value: 'en-marche-fr.com' });
    expect(normalizeIndicator('ip', '2001:0DB8::0001')).toEqual({ type: 'ipv6', value: '2001:db8::1' });
    expect(normalizeIndicator('ip', '10.0.0.0/8')).toEqual({ type: 'cidr', value: '10.0.0.0/8' });
    expect(normalizeIndicator('url', 'hxxps://evil[.]com/a#frag')).toEqual({ type: 'url', value: 'https://evil.com/a' });
    expect(normalizeIndicator('md5', 'a'.repeat(64))).toBeUndefined();
    expect(normalizeIndicator('domain', 'élysée.fr')).toEqual({ type: 'domain', value: 'xn--lyse-9oad.fr' });
    expect(guessIndicatorType('b'.repeat(40))).toBe('sha1');
    expect(guessIndicatorType('x@y.fr')).toBe('email');
    expect(guessIndicatorType('hello world')).toBeUndefined();
  });
});
