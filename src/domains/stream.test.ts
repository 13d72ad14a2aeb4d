import { describe, expect, it } from 'vitest';
import { buildMatcher } from './matcher.ts';
import fc from 'fast-check';
import { domainsOfLine, isHostname, matchLine, newStats } from './stream.ts';

describe('domain streams', () => {
  it('reads bare domains and certstream JSON lines, dropping wildcards', () => {
    expect(domainsOfLine('mail-en-marche.fr')).toEqual(['mail-en-marche.fr']);
    expect(domainsOfLine('{"data":{"leaf_cert":{"all_domains":["*.onedrive-en-marche.fr","x.org"]}}}')).toEqual(['onedrive-en-marche.fr', 'x.org']);
    expect(domainsOfLine('{"all_domains":["a.fr"]}')).toEqual(['a.fr']);
  });

  it('skips and counts unreadable lines, blank lines and invalid names without stopping', () => {
    const m = buildMatcher(['en-marche.fr']);
    const stats = newStats();
    const lines = [
      '', // empty
      '   ', // blank
      'a'.repeat(10_000), // 10 KB line
      '{"broken', // broken JSON
      'not a domain', // spaces
      '\uFFFD\uFFFD.fr', // non-UTF-8 bytes once decoded
      Buffer.from([0x6d, 0x61, 0x69, 0x6c, 0xff, 0x2e, 0x66, 0x72]).toString('utf8'), // "mail\xff.fr"
      '{"all_domains": 5}', // JSON without a list
      'xn--zz.fr', // invalid punycode
      'xn--.fr', // empty punycode
      `${'a'.repeat(64)}.fr`, // label over 63
      'a..fr', // empty label
      'bad!name.fr', // invalid character
      '{"all_domains":["xn--zz.fr","mail-en-marche.fr"]}',
      'onedrive-en-marche.fr',
    ];
    const hits = lines.flatMap((l) => matchLine(m, l, stats));
    expect(hits.map((h) => h.domain)).toEqual(['mail-en-marche.fr', 'onedrive-en-marche.fr']);
    expect(stats).toEqual({ lines: 15, domains: 8, matches: 2, skipped: 6, empty: 2, invalid: 6 });
  });

  it('tells hostnames from other strings', () => {
    for (const ok of ['en-marche.fr', 'xn--n-marche-b8g.fr', 'еn-marche.fr', '_dmarc.en-marche.fr', 'a.b']) expect(isHostname(ok)).toBe(true);
    for (const bad of ['', '.fr', 'a..b', 'a b.fr', 'xn--zz.fr', 'XN--.fr', `${'x'.repeat(64)}.fr`, `${'a.'.repeat(127)}fr`, 'a\uFFFD.fr', 'a\u0000.fr']) expect(isHostname(bad)).toBe(false);
  });

  it('never throws on arbitrary lines', () => {
    const m = buildMatcher(['en-marche.fr']);
    const stats = newStats();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.json()), (s) => {
        matchLine(m, s, stats);
      }),
      { numRuns: 1000 },
    );
    expect(stats.lines).toBe(1000);
  });
});
