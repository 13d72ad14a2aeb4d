import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a, tokenize } from '../text.ts';
import { minhash, tokenSet } from './cosimilar.ts';

// The first implementations, literally: the faster ones must give the same bits.
function tokenizeReference(text: string): string[] {
  const cleaned = text.toLowerCase().replace(/\bhttps?:\/\/[^\s<>"'`]{1,2000}/gi, ' ').replace(/@\S*/g, ' ');
  return cleaned.match(/[\p{L}\p{N}_#']+/gu) ?? [];
}
function tokenSetReference(text: string): Uint32Array {
  const set = new Set<number>();
  for (const t of tokenizeReference(text)) set.add(fnv1a(t));
  return Uint32Array.from(set).sort();
}
function minhashReference(tokens: Uint32Array): Uint32Array {
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  const A: number[] = [];
  const B: number[] = [];
  for (let i = 0; i < 64; i++) {
    A.push(next() | 1);
    B.push(next());
  }
  const sig = new Uint32Array(64).fill(0xffffffff);
  for (const h of tokens)
    for (let i = 0; i < 64; i++) {
      const v = (Math.imul(A[i], h) + B[i]) >>> 0;
      if (v < sig[i]) sig[i] = v;
    }
  return sig;
}

const words = fc.constantFrom('la', 'campagne', 'Macron', 'MACRON', 'vérité', '#fuite', "l'équipe", '@bob', 'https://x.fr/a?b=1', 'HTTP://X.FR/B', 'x@y', 'a://b', '42', 'été', '🇫🇷', 'مرحبا', '\u0000', '\ud800', '  ', '\n');
const text = fc.oneof(fc.array(words, { maxLength: 40 }).map((w) => w.join(' ')), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));

describe('co-similar token sets and signatures', () => {
  it('match the set-and-sort token set and the first MinHash, bit for bit', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenize(t)).toEqual(tokenizeReference(t));
        const got = tokenSet(t);
        expect(got).toEqual(tokenSetReference(t));
        expect(minhash(got)).toEqual(minhashReference(got));
      }),
      { numRuns: 1000 },
    );
  });

  it('covers hashes above 2^31 (signed and unsigned readings differ there)', () => {
    const set = Uint32Array.from([1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff]);
    expect(minhash(set)).toEqual(minhashReference(set));
    expect(minhash(new Uint32Array(0))).toEqual(new Uint32Array(64).fill(0xffffffff));
  });
});
