import { synonymPairs } from '../lexicon.ts';
import type { EncodeContext, Extracted, MarkerModule, Observation } from './types.ts';
import { mac } from './keys.ts';

/**
 * Invisible text watermark, two channels.
 * 1. Zero-width: U+FEFF then 48 symbols of {U+200B, U+200C, U+200D, U+2060} = 96 bits: the 64-bit
 *    artifact id and a 32-bit HMAC under the registry key (a forger cannot mint a valid mark).
 *    Repeated in every paragraph so a partial copy keeps it. Removed by "strip invisible characters".
 * 2. Word choice: every occurrence of a synonym-pair word (rapidement/vite, réunion/rencontre…) and
 *    every apostrophe (’ or ') is a slot; slot i carries bit i mod 32 of a 32-bit code derived from
 *    the artifact id. Survives zero-width removal, re-typing into a new mail, DOCX→PDF→text; needs
 *    about 40 slots (a page) to decode, so short mails rely on channel 1 and the other markers.
 */
const ZW = ['\u200b', '\u200c', '\u200d', '\u2060'];
const ZW_FRAME = /\ufeff((?:\u200b|\u200c|\u200d|\u2060){48})/g;
const CODE_BITS = 32;

const wordToSlot = new Map<string, [number, 0 | 1]>();
synonymPairs.forEach(([a, b], i) => {
  wordToSlot.set(a, [i, 0]);
  wordToSlot.set(b, [i, 1]);
});
const words = [...wordToSlot.keys()].sort((a, b) => b.length - a.length).join('|');
/** Slot tokens: a pair word (whole word, any case) or an apostrophe between letters. */
const SLOT = new RegExp(`(?<![\\p{L}\\p{N}])(${words})(?![\\p{L}\\p{N}])|(?<=\\p{L})(['’])(?=\\p{L})`, 'giu');

function zwEncode(bytes: Buffer): string {
  let s = '\ufeff';
  for (const b of bytes) for (let shift = 6; shift >= 0; shift -= 2) s += ZW[(b >> shift) & 3];
  return s;
}

function zwDecode(sym: string): Buffer {
  const out = Buffer.alloc(12);
  for (let i = 0; i < 48; i++) out[i >> 2] |= ZW.indexOf(sym[i]) << (6 - 2 * (i & 3));
  return out;
}

export function synonymCode(key: Buffer, artifactId: string): number {
  return mac(key, 'syn', artifactId).readUInt32BE(0);
}

function matchCase(model: string, word: string): string {
  return model[0] === model[0].toUpperCase() && model[0] !== model[0].toLowerCase() ? word[0].toUpperCase() + word.slice(1) : word;
}

/** Rewrites slots so that slot i carries bit i mod 32 of `code`. */
export function applySynonyms(text: string, code: number): string {
  let i = 0;
  return text.replace(SLOT, (m: string, word: string | undefined) => {
    const bit = (code >>> (CODE_BITS - 1 - (i++ % CODE_BITS))) & 1;
    if (word === undefined) return bit ? '’' : "'";
    const slot = wordToSlot.get(word.toLowerCase());
    if (!slot) return m;
    return matchCase(m, synonymPairs[slot[0]][bit]);
  });
}

/** The bit read from each slot, in order. */
export function readSlots(text: string): number[] {
  const bits: number[] = [];
  for (const m of text.matchAll(SLOT)) {
    if (m[1] !== undefined) bits.push(wordToSlot.get(m[1].toLowerCase())?.[1] ?? 0);
    else bits.push(m[2] === '’' ? 1 : 0);
  }
  return bits;
}

/** Replaces every pair word by its first variant and every apostrophe by ', so fingerprints ignore the watermark. */
export function canonicalWords(text: string): string {
  return text.replace(SLOT, (m: string, word: string | undefined) => (word === undefined ? "'" : synonymPairs[wordToSlot.get(word.toLowerCase())?.[0] ?? 0][0]));
}

export interface WatermarkPayload {
  /** Applies both channels to a text (paragraphs separated by newlines). */
  apply(text: string): string;
  /** Applies only channel 1 to one paragraph (for formats where text is placed run by run). */
  zeroWidth: string;
  code: number;
}

export const watermark: MarkerModule<WatermarkPayload> = {
  kind: 'watermark',
  describe: 'Filigrane invisible : caractères de largeur nulle (identifiant + MAC) et choix de synonymes/apostrophes qui survivent à leur suppression / zero-width id+MAC and a word-choice channel',
  encode(ctx: EncodeContext) {
    const id = Buffer.from(ctx.artifactId, 'hex');
    const zeroWidth = zwEncode(Buffer.concat([id, mac(ctx.key, 'wm', ctx.artifactId).subarray(0, 4)]));
    const code = synonymCode(ctx.key, ctx.artifactId);
    const apply = (text: string) =>
      applySynonyms(text, code)
        .split('\n')
        .map((p) => {
          const sp = p.indexOf(' ');
          return sp > 0 && p.length > 20 ? p.slice(0, sp) + zeroWidth + p.slice(sp) : p;
        })
        .join('\n');
    return {
      apply,
      zeroWidth,
      code,
      register: [
        { kind: 'watermark', value: `zw:${ctx.artifactId}`, detail: 'caractères de largeur nulle / zero-width characters' },
        { kind: 'watermark', value: `syn:${code.toString(16).padStart(8, '0')}`, detail: 'choix de mots / word choice' },
      ],
    };
  },
  decode(x: Extracted, key: Buffer): Observation[] {
    const out = new Map<string, Observation>();
    for (const m of x.text.matchAll(ZW_FRAME)) {
      const b = zwDecode(m[1]);
      const id = b.subarray(0, 8).toString('hex');
      if (mac(key, 'wm', id).subarray(0, 4).equals(b.subarray(8))) out.set(`zw:${id}`, { kind: 'watermark', value: `zw:${id}`, detail: 'caractères de largeur nulle, MAC valide / zero-width, valid MAC' });
    }
    const bits = readSlots(x.text.replace(/[\u200b-\u200d\u2060\ufeff]/g, ''));
    // Needs the code at least once plus 16 repeated bits: a random text passes with p ≈ 2^-16 per window.
    // The code repeats every 32 slots; the longest stretch where slot i equals slot i-32 is taken
    // (table cells, headers or edits before it only shift it). A random text passes 20 agreeing
    // slots with p ≈ 2^-20 per position.
    let best = 0;
    let bestEnd = 0;
    let run = 0;
    for (let i = CODE_BITS; i < bits.length; i++) {
      run = bits[i] === bits[i - CODE_BITS] ? run + 1 : 0;
      if (run > best) [best, bestEnd] = [run, i + 1];
    }
    if (best >= 20) {
      const start = bestEnd - best - CODE_BITS;
      const window = bits.slice(start, start + CODE_BITS);
      for (let r = 0; r < CODE_BITS; r++) {
        let code = 0;
        for (let j = 0; j < CODE_BITS; j++) code = ((code << 1) | window[(j - r + CODE_BITS) % CODE_BITS]) >>> 0;
        const v = `syn:${code.toString(16).padStart(8, '0')}`;
        out.set(v, { kind: 'watermark', value: v, detail: `choix de mots (${best + CODE_BITS} positions) / word choice` });
      }
    }
    return [...out.values()];
  },
};
