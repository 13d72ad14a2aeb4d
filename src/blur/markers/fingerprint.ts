import { bandKeys, encodeSignature, shingles, signature } from '../minhash.ts';
import { canonicalWords } from './watermark.ts';
import type { EncodeContext, Extracted, MarkerModule, Observation } from './types.ts';

/** Texts shorter than this many words are not fingerprinted: too few shingles to tell apart. */
export const MIN_FINGERPRINT_WORDS = 25;

export function textSignature(text: string): Uint32Array | undefined {
  // Quoted history ("> " lines) belongs to other messages; it is left out on both sides.
  const canon = canonicalWords(text.split('\n').filter((l) => !l.startsWith('>')).join('\n'));
  const sh = shingles(canon);
  return sh.size >= MIN_FINGERPRINT_WORDS - 2 ? signature(sh) : undefined;
}

export interface FingerprintPayload {
  signature?: string;
}

/**
 * Content fingerprint: MinHash of 3-word shingles of the visible text, watermark variants folded
 * back, registered as 16 LSH band keys. A candidate found by band is confirmed by the estimated
 * Jaccard similarity (registry.ts), so it matches after light edits, retyping and conversion.
 */
export const fingerprint: MarkerModule<FingerprintPayload> = {
  kind: 'fingerprint',
  describe: 'Empreinte de contenu (MinHash de 3-grammes de mots, 16 bandes LSH) qui résiste aux retouches / content shingles that match after edits',
  encode(_ctx: EncodeContext, text?: string) {
    const sig = text ? textSignature(text) : undefined;
    if (!sig) return { register: [] };
    return { signature: encodeSignature(sig), register: bandKeys(sig).map((k) => ({ kind: 'fingerprint' as const, value: k, detail: 'bande LSH / LSH band' })) };
  },
  decode(x: Extracted): Observation[] {
    const sig = textSignature(x.text);
    if (!sig) return [];
    return bandKeys(sig).map((k) => ({ kind: 'fingerprint', value: k, detail: encodeSignature(sig) }));
  },
};
