import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { AFFIX_WORDS } from '../matcher.ts';
import { GLYPHS, KEYBOARDS, LATIN_TO_CYRILLIC } from './tables.ts';

/**
 * Domain permutations. Every fuzzer of dnstwist 20221213 (same tables, same rules, so that our set
 * contains everything dnstwist generates), plus French and campaign dictionaries used as prefix and
 * suffix in both orders, which catch onedrive-en-marche.fr and mail-en-marche.fr (dnstwist's defaults miss them).
 */
export interface Permutation {
  /** ASCII (punycode) form, as dnstwist prints it. */
  domain: string;
  /** Unicode form. */
  unicode: string;
  fuzzer: string;
}

type Fuzzer = (label: string) => Iterable<string>;

const bitsquatting: Fuzzer = function* (d) {
  const chars = new Set('abcdefghijklmnopqrstuvwxyz0123456789-');
  for (let i = 0; i < d.length; i++)
    for (const mask of [1, 2, 4, 8, 16, 32, 64, 128]) {
      const b = String.fromCharCode(d.charCodeAt(i) ^ mask);
      if (chars.has(b)) yield d.slice(0, i) + b + d.slice(i + 1);
    }
};

const cyrillic: Fuzzer = (d) => {
  let c = d;
  for (const [l, cy] of Object.entries(LATIN_TO_CYRILLIC)) c = c.split(l).join(cy);
  for (let i = 0; i < d.length; i++) if (c[i] === d[i]) return [];
  return [c];
};

function* mix(d: string): Generator<string> {
  const chars = [...d];
  for (let w = 1; w < chars.length; w++)
    for (let i = 0; i + w <= chars.length; i++) {
      const pre = chars.slice(0, i).join('');
      const win = chars.slice(i, i + w).join('');
      const suf = chars.slice(i + w).join('');
      for (const c of new Set(win)) for (const g of GLYPHS[c] ?? []) yield pre + win.split(c).join(g) + suf;
    }
}

const homoglyph: Fuzzer = (d) => {
  const r1 = new Set(mix(d));
  const all = new Set(r1);
  for (const r of r1) for (const x of mix(r)) all.add(x);
  return all;
};

const hyphenation: Fuzzer = function* (d) {
  for (let i = 1; i < d.length; i++) yield `${d.slice(0, i)}-${d.slice(i)}`;
};

const insertion: Fuzzer = function* (d) {
  for (let i = 1; i < d.length - 1; i++) {
    const pre = d.slice(0, i);
    const o = d[i];
    const suf = d.slice(i + 1);
    for (const kb of KEYBOARDS) for (const c of kb[o] ?? '') {
      yield pre + c + o + suf;
      yield pre + o + c + suf;
    }
  }
};

const omission: Fuzzer = function* (d) {
  for (let i = 0; i < d.length; i++) yield d.slice(0, i) + d.slice(i + 1);
};

const repetition: Fuzzer = function* (d) {
  for (let i = 0; i < d.length; i++) yield d.slice(0, i) + d[i] + d.slice(i);
};

const replacement: Fuzzer = function* (d) {
  for (let i = 0; i < d.length; i++) for (const kb of KEYBOARDS) for (const r of kb[d[i]] ?? '') yield d.slice(0, i) + r + d.slice(i + 1);
};

const subdomain: Fuzzer = function* (d) {
  for (let i = 1; i < d.length - 1; i++) if (!'-.'.includes(d[i]) && !'-.'.includes(d[i - 1])) yield `${d.slice(0, i)}.${d.slice(i)}`;
};

const transposition: Fuzzer = function* (d) {
  for (let i = 0; i < d.length - 1; i++) yield d.slice(0, i) + d[i + 1] + d[i] + d.slice(i + 2);
};

const vowelSwap: Fuzzer = function* (d) {
  for (let i = 0; i < d.length; i++) if ('aeiou'.includes(d[i])) for (const v of 'aeiou') yield d.slice(0, i) + v + d.slice(i + 1);
};

const addition: Fuzzer = function* (d) {
  for (const c of '0123456789abcdefghijklmnopqrstuvwxyz') yield d + c;
};

/** French and campaign words attackers glue to a real name (APT28's onedrive-en-marche.fr). */
export const DICTIONARY = AFFIX_WORDS;

const dictionary = (words: string[]): Fuzzer =>
  function* (d) {
    for (const w of words) {
      if (d.startsWith(w) && d.endsWith(w)) continue;
      yield `${d}-${w}`;
      yield d + w;
      yield `${w}-${d}`;
      yield w + d;
    }
    if (d.includes('-')) {
      const parts = d.split('-');
      for (const w of words) {
        yield `${parts.slice(0, -1).join('-')}-${w}`;
        yield `${w}-${parts.slice(1).join('-')}`;
      }
    }
  };

/** The fuzzers applied to the registrable label, in dnstwist's order; adding one is a line here. */
export const LABEL_FUZZERS: Array<[string, Fuzzer]> = [
  ['addition', addition],
  ['bitsquatting', bitsquatting],
  ['cyrillic', cyrillic],
  ['homoglyph', homoglyph],
  ['hyphenation', hyphenation],
  ['insertion', insertion],
  ['omission', omission],
  ['repetition', repetition],
  ['replacement', replacement],
  ['subdomain', subdomain],
  ['transposition', transposition],
  ['vowel-swap', vowelSwap],
  ['dictionary', dictionary(DICTIONARY)],
];

export const DEFAULT_TLDS = ['com', 'net', 'org', 'fr', 'eu', 'info', 'co', 'io', 'online', 'site', 'live', 'app', 'me', 'cc', 'xyz', 'top', 'be', 'ch', 'de', 'uk', 'ru', 'cn', 'biz', 'pro', 'tech', 'cloud', 'email', 'support', 'paris', 'bzh'];

const VALID_FQDN = /^(?=.{4,253}$)((?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z0-9-]{2,63}$/i;

/** All permutations of a domain, deduplicated, each with the fuzzer that produced it first. */
export function permute(input: string, opts: { tlds?: string[]; dictionary?: string[] } = {}): Permutation[] {
  const p = parse(input.trim().toLowerCase());
  if (!p.domainWithoutSuffix || !p.publicSuffix) throw new Error(`"${input}" is not a registrable domain`);
  const sub = p.subdomain ?? '';
  const label = p.domainWithoutSuffix.startsWith('xn--') ? (new URL(`http://${p.domainWithoutSuffix}`).hostname) : p.domainWithoutSuffix;
  const tld = p.publicSuffix;
  const join = (...parts: string[]) => parts.filter(Boolean).join('.');
  const out = new Map<string, Permutation>();
  const add = (unicode: string, fuzzer: string) => {
    const ascii = domainToASCII(unicode);
    if (!ascii || !VALID_FQDN.test(ascii) || out.has(ascii)) return;
    out.set(ascii, { domain: ascii, unicode, fuzzer });
  };
  add(join(sub, label, tld), '*original');
  const fuzzers = opts.dictionary ? LABEL_FUZZERS.map(([n, f]) => [n, n === 'dictionary' ? dictionary(opts.dictionary!) : f] as [string, Fuzzer]) : LABEL_FUZZERS;
  for (const [name, f] of fuzzers) for (const d of f(label)) add(join(sub, d, tld), name);
  for (const t of opts.tlds ?? DEFAULT_TLDS) if (t !== tld) add(join(sub, label, t), 'tld-swap');
  // dnstwist's "various": the TLD folded into the name, or moved to .com.
  if (tld.includes('.')) {
    add(join(sub, label, tld.split('.').at(-1)!), 'various');
    add(join(sub, label + tld), 'various');
  } else {
    add(join(sub, label + tld, tld), 'various');
    if (tld !== 'com') add(join(sub, `${label}-${tld}`, 'com'), 'various');
  }
  if (sub) {
    add(join(sub + label, tld), 'various');
    add(join(sub.replace(/\./g, '') + label, tld), 'various');
    add(join(`${sub}-${label}`, tld), 'various');
    add(join(`${sub.replace(/\./g, '-')}-${label}`, tld), 'various');
  }
  return [...out.values()];
}
