import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { domainToUnicode } from 'node:url';
import { highlightLookalike } from './highlight.ts';
import { buildMatcher } from './matcher.ts';

const m = buildMatcher(['en-marche.fr'], { includeBuiltinBrands: false });
/** The highlighted parts of the Unicode form, for readable assertions. */
const marked = (domain: string) => {
  const r = m.match(domain)!;
  return highlightLookalike(r.domain, r.kind, r.protected).map((x) => r.unicode.slice(x.start, x.end));
};

describe('lookalike highlighting', () => {
  it.each([
    ['xn--n-marche-b8g.fr', ['е']],
    ['en-rnarche.fr', ['rn']],
    ['en-marhce.fr', ['hc']],
    ['en-mrche.fr', ['r']],
    ['onedrive-en-marche.fr', ['onedrive-']],
    ['en-marche-fr.com', ['-fr']],
    ['securiteenmarche.org', ['securite']],
    ['en-marche.com', ['com']],
    ['en-marche.fr.secure-login.com', ['secure-login.com']],
  ])('shows where the trick is in %s', (domain, parts) => {
    expect(marked(domain)).toEqual(parts);
  });

  it('marks the Cyrillic letter in the Unicode form, at the right place', () => {
    const r = m.match('xn--n-marche-b8g.fr')!;
    expect(domainToUnicode('xn--n-marche-b8g.fr')).toBe(r.unicode);
    expect(highlightLookalike(r.domain, r.kind, r.protected)).toEqual([{ start: 0, end: 1 }]);
  });

  it('never throws and stays inside the name on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('homoglyph', 'typo', 'affix', 'tld-swap', 'subdomain', 'other'), (d, kind) => {
        const marks = highlightLookalike(d, kind, 'en-marche.fr');
        for (const x of marks) expect(x.start).toBeLessThan(x.end);
      }),
      { numRuns: 500 },
    );
  });
});
