import type { Rng } from './random.ts';

/** Slot fillers: each call draws a fresh value, so one template yields many sentences. */
export type Slots = Record<string, (rng: Rng) => string>;

const ALT = /\[([^[\]]*)\]/;
const SLOT = /\{(\w+)\}/g;

/**
 * Expands a sentence pattern: `[a|b|c]` picks one alternative (nested brackets are expanded from
 * the inside out), `{slot}` calls a filler. Patterns are combined from many small parts, so the
 * number of distinct realisations is in the billions and no two messages share a sentence verbatim.
 */
export function expand(pattern: string, rng: Rng, slots: Slots): string {
  let s = pattern;
  for (let guard = 0; guard < 200; guard++) {
    const m = ALT.exec(s);
    if (!m) break;
    const opts = m[1].split('|');
    s = s.slice(0, m.index) + rng.pick(opts) + s.slice(m.index + m[0].length);
  }
  s = s.replace(SLOT, (_, name: string) => {
    const f = slots[name];
    return f ? f(rng) : '';
  });
  return tidy(s);
}

/** Collapses doubled spaces, fixes capitalisation after a sentence start, and French spacing before ? ! : ; */
export function tidy(s: string): string {
  let out = s.replace(/\s+/g, ' ').replace(/\s+([,.])/g, '$1').replace(/ ?([?!:;])/g, ' $1').replace(/\( /g, '(').trim();
  out = out.replace(/\s+\?/g, ' ?');
  // French elision before a vowel: "de Albi" → "d’Albi", "que il" → "qu’il" (h is left alone: h aspiré).
  out = out.replace(/\b([Dd]e|[Qq]ue) (?=[aeiouyéèêâîôAEIOUYÉÈÊÂÎÔ])/g, (_, w: string) => `${w.slice(0, -1)}’`);
  if (out) out = out[0].toUpperCase() + out.slice(1);
  return out;
}

/** English spacing: no space before ? ! : ; */
export function tidyEn(s: string): string {
  return s.replace(/\s+([?!:;,.])/g, '$1');
}

/** Makes a plausible typing slip in one word: swapped letters, doubled or dropped letter. */
export function typo(sentence: string, rng: Rng): string {
  const words = sentence.split(' ');
  const idx = words.map((w, i) => (w.length > 5 && /^[a-zà-ÿ]+$/.test(w) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return sentence;
  const i = rng.pick(idx);
  const w = words[i];
  const p = rng.int(1, w.length - 2);
  const kind = rng.int(0, 2);
  words[i] = kind === 0 ? w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2) : kind === 1 ? w.slice(0, p) + w[p] + w.slice(p) : w.slice(0, p) + w.slice(p + 1);
  return words.join(' ');
}
