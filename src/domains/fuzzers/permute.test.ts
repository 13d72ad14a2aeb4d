import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permute } from './index.ts';
import { buildMatcher } from '../matcher.ts';

describe('domain permutations', () => {
  // Saved output of the Debian package dnstwist 20221213 (`dnstwist --format list DOMAIN`, default fuzzers).
  it.each(['en-marche.fr', 'emmanuel-macron.fr', 'impots.gouv.fr'])('contains every domain dnstwist generates for %s', (domain) => {
    const theirs = readFileSync(join(import.meta.dirname, `../testdata/dnstwist-20221213-${domain}.txt`), 'utf8').split('\n').filter(Boolean);
    expect(theirs.length).toBeGreaterThan(1000);
    const ours = new Set(permute(domain).map((p) => p.domain));
    expect(theirs.filter((d) => !ours.has(d))).toEqual([]);
  });

  it('adds the affix names dnstwist misses, as APT28 registered them', () => {
    const ours = permute('en-marche.fr');
    expect(ours.find((p) => p.domain === 'onedrive-en-marche.fr')?.fuzzer).toBe('dictionary');
    expect(ours.find((p) => p.domain === 'mail-en-marche.fr')?.fuzzer).toBe('dictionary');
  });

  it('gives IDN names in punycode and Unicode', () => {
    const cy = permute('mail.fr').find((p) => p.fuzzer === 'cyrillic')!;
    expect(cy.domain.startsWith('xn--')).toBe(true);
    expect(cy.unicode).not.toBe(cy.domain);
  });

  it('is caught back by the matcher: every single-edit, affix and TLD permutation', () => {
    const m = buildMatcher(['en-marche.fr']);
    // Dictionary names that keep the whole name (not dnstwist's part replacements such as en-mail.fr).
    const ps = permute('en-marche.fr').filter(
      (p) => ['addition', 'bitsquatting', 'insertion', 'omission', 'repetition', 'replacement', 'transposition', 'vowel-swap', 'hyphenation', 'tld-swap'].includes(p.fuzzer) || (p.fuzzer === 'dictionary' && p.domain.replace(/-/g, '').includes('enmarche')),
    );
    expect(ps.filter((p) => !m.match(p.domain)).map((p) => p.unicode)).toEqual([]);
  });

  it('is caught back for most homoglyph permutations (dnstwist also swaps letters that are not Unicode confusables, such as c for e)', () => {
    const m = buildMatcher(['en-marche.fr']);
    const ps = permute('en-marche.fr').filter((p) => p.fuzzer === 'homoglyph');
    expect(ps.filter((p) => m.match(p.domain)).length / ps.length).toBeGreaterThan(0.6);
  });
});
