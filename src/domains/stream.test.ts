import { describe, expect, it } from 'vitest';
import { buildMatcher } from './matcher.ts';
import { domainsOfLine, matchLine, newStats } from './stream.ts';

describe('domain streams', () => {
  it('reads bare domains and certstream JSON lines, dropping wildcards', () => {
    expect(domainsOfLine('mail-en-marche.fr')).toEqual(['mail-en-marche.fr']);
    expect(domainsOfLine('{"data":{"leaf_cert":{"all_domains":["*.onedrive-en-marche.fr","x.org"]}}}')).toEqual(['onedrive-en-marche.fr', 'x.org']);
    expect(domainsOfLine('{"all_domains":["a.fr"]}')).toEqual(['a.fr']);
  });

  it('skips and counts unreadable lines without stopping', () => {
    const m = buildMatcher(['en-marche.fr']);
    const stats = newStats();
    const lines = ['', 'a'.repeat(10_000), '{"broken', 'not a domain', '\uFFFD\uFFFD.fr', 'xn--zz', '{"all_domains": 5}', 'onedrive-en-marche.fr'];
    const hits = lines.flatMap((l) => matchLine(m, l, stats));
    expect(hits.map((h) => h.domain)).toEqual(['onedrive-en-marche.fr']);
    expect(stats).toMatchObject({ lines: 8, skipped: 5 });
  });
});
