import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildMatcher, damerau } from './matcher.ts';
import { skeleton } from './confusables.ts';

const m = buildMatcher(['en-marche.fr']);

describe('lookalike matcher', () => {
  it.each([
    ['onedrive-en-marche.fr', 'affix'],
    ['mail-en-marche.fr', 'affix'],
    ['en-marche-fr.com', 'affix'],
    ['en-marche.fr.secure-login.com', 'subdomain'],
    ['xn--n-marche-b8g.fr', 'mixed-script'],
    ['xn--en-march-i1a.fr', 'punycode'],
    ['еn-marche.fr', 'mixed-script'],
    ['en-rnarche.fr', 'homoglyph'],
    ['en-marche.com', 'tld-swap'],
    ['en-marhce.fr', 'typo'],
    ['enmarche.fr', 'typo'],
    ['securiteenmarche.org', 'affix'],
  ])('catches %s imitating en-marche.fr (%s)', (domain, kind) => {
    const r = m.match(domain);
    expect(r).toMatchObject({ protected: 'en-marche.fr', kind });
    expect(r!.score).toBeGreaterThan(0.5);
    expect(r!.evidence.length).toBeGreaterThan(5);
  });

  it('names the lookalike character of a homoglyph', () => {
    expect(m.match('xn--n-marche-b8g.fr')).toMatchObject({ unicode: 'еn-marche.fr', evidence: expect.stringContaining('U+0435') });
  });

  it.each(['marche.fr', 'en-marche.fr', 'www.en-marche.fr', 'dons.en-marche.fr', 'EN-MARCHE.FR.', 'supermarche.fr', 'lemarche.fr'])('does not flag %s', (domain) => {
    expect(m.match(domain)).toBeUndefined();
  });

  it('does not flag a thousand ordinary domains as imitations of the organisation, and rarely as a brand', () => {
    const list = readFileSync(join(import.meta.dirname, 'testdata/ordinary-domains.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(list.length).toBeGreaterThanOrEqual(1000);
    const hits = list.map((d) => [d, m.match(d)] as const).filter(([, r]) => r);
    expect(hits.filter(([, r]) => r!.target === 'protected')).toEqual([]);
    expect(hits.length).toBeLessThanOrEqual(list.length / 200);
  });

  it('catches brand imitations but not the brands’ own domains', () => {
    expect(m.match('paypa1.com')).toMatchObject({ protected: 'paypal.com', target: 'brand' });
    expect(m.match('micros0ft.com')).toMatchObject({ protected: 'microsoft.com' });
    for (const own of ['microsoftonline.com', 'login.microsoftonline.com', 'googleusercontent.com', 'amazon.de', 'accounts.google.com']) expect(m.match(own)).toBeUndefined();
  });

  it.each(['en-marche..fr.evil.com', 'en-marche.fr.ae.1', 'en-marche.fr.x-.com', '-en-marche.fr', `en-marche.fr.${'a'.repeat(64)}.com`])('takes no malformed hostname for a lookalike on the fast path: %s', (domain) => {
    expect(m.match(domain)).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        m.match(s);
      }),
      { numRuns: 2000 },
    );
    for (const junk of ['', '.', '..', 'xn--', 'xn--zzzz.fr', 'a'.repeat(10_000), '\u0000\uffff.fr', '1.2.3.4', '[::1]', 'xn--.xn--']) expect(() => m.match(junk)).not.toThrow();
  });

  it('costs the same with 3 or 300 protected domains: the index is built once', () => {
    const many = buildMatcher(Array.from({ length: 300 }, (_, i) => `campagne-${i}-exemple.fr`).concat(['en-marche.fr']));
    expect(many.match('mail-en-marche.fr')).toMatchObject({ protected: 'en-marche.fr' });
    expect(many.match('campagne-17-exemple.com')).toMatchObject({ protected: 'campagne-17-exemple.fr', kind: 'tld-swap' });
  });
});

describe('building blocks', () => {
  it('computes Damerau–Levenshtein with transpositions', () => {
    expect(damerau('en-marche', 'en-mrache')).toBe(1);
    expect(damerau('en-marche', 'enmarhce')).toBe(2);
    expect(damerau('abc', 'xyz')).toBe(3);
  });

  it('gives lookalikes the same UTS #39 skeleton', () => {
    expect(skeleton('раураl')).toBe(skeleton('paypal'));
    expect(skeleton('g00gle')).toBe(skeleton('google'));
    expect(skeleton('en-rnarche')).toBe(skeleton('en-marche'));
  });
});
