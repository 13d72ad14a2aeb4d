import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import { BUILTIN_BRAND_SPECS, type BrandSpec } from './brands.ts';
import { confusableEvidence, scriptsOf, skeleton } from './confusables.ts';
import { buildNameIndex, foldName, type NameHit } from './names.ts';
import { ABUSED_TLDS, AFFIX_WORDS, HOSTING_PLATFORMS, LURE_WORDS, WEAK_LURE_WORDS } from './words.ts';

export { AFFIX_WORDS } from './words.ts';
export type { BrandSpec } from './brands.ts';

export type LookalikeKind =
  | 'homoglyph'
  | 'mixed-script'
  | 'typo'
  | 'affix'
  | 'tld-swap'
  | 'subdomain'
  | 'punycode'
  /** The brand's name chosen as a customer's name on shared hosting or dynamic DNS (chaseiq255.web.app). */
  | 'hosting'
  /** One of the brand's other names (colissimo for La Poste, sharepoint for Microsoft), with or without words around it. */
  | 'alias';

/** Why a name was judged a lookalike, as codes a reader turns into words (see explain.ts). */
export interface MatchReason {
  id: ReasonId;
  params?: Record<string, string | number>;
}

export type ReasonId =
  | 'name.main'
  | 'name.alias'
  | 'name.common'
  | 'name.folded'
  | 'name.typo'
  | 'name.homoglyph'
  | 'name.embedded'
  | 'place.registrable'
  | 'place.hosting'
  | 'place.subdomain'
  | 'place.brand-domain'
  | 'place.tld-swap'
  | 'context.lure'
  | 'context.abused-tld'
  | 'context.random'
  | 'context.fake-tld'
  | 'context.deep'
  | 'context.added';

export interface LookalikeMatch {
  /** The domain as given (punycode stays punycode). */
  domain: string;
  /** Its Unicode form. */
  unicode: string;
  /** The protected domain or brand domain it imitates. */
  protected: string;
  kind: LookalikeKind;
  /** 0..1: how likely the name is an imitation meant to fool a person. */
  score: number;
  /** Human-readable reason in English (kept for older readers; `reasons` says it in French too). */
  evidence: string;
  /** Whether the imitated domain is the organisation's own or a brand. */
  target: 'protected' | 'brand';
  /** The brand as people name it: "La Poste". */
  brand: string;
  /** The brand word found in the name ("colissimo"), as the brand writes it. */
  word: string;
  /** 'common' when that word is also an ordinary word (orange, free, live): it counted because of its context. */
  wordKind: 'distinctive' | 'common';
  reasons: MatchReason[];
}

export interface DomainMatcher {
  match(domain: string): LookalikeMatch | undefined;
}

export interface MatcherOptions {
  /** More brand domains to watch (the organisation's brand list); each becomes a brand or joins a built-in one. */
  brands?: string[];
  /** Brands with their names and own domains, from a brands file or the organisation's settings. */
  brandSpecs?: BrandSpec[];
  includeBuiltinBrands?: boolean;
}

/** Scores at or above this are reported. Mail triage and alerts apply their own, higher bars. */
export const REPORT_SCORE = 0.5;

interface Brand {
  name: string;
  /** The domain reported as imitated. */
  main: string;
  target: 'protected' | 'brand';
  /** Known from a brand model (built in or a brands file): judged by brand rules even when protected. */
  modelled: boolean;
  ccTlds: boolean;
  /** Labels of its own domains (without the suffix), for TLD swaps: "en-marche" → en-marche.fr. */
  labels: Map<string, string>;
}

interface Name {
  brand: Brand;
  /** As the brand writes it ("credit-agricole"). */
  text: string;
  folded: string;
  alias: boolean;
  common: boolean;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), capped. */
export function damerau(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/** Every string obtained by deleting up to `k` characters (symmetric-delete index, as SymSpell). */
function deletions(s: string, k: number, out: Set<string> = new Set()): Set<string> {
  out.add(s);
  if (k === 0 || s.length <= 1) return out;
  for (let i = 0; i < s.length; i++) {
    const d = s.slice(0, i) + s.slice(i + 1);
    if (!out.has(d)) deletions(d, k - 1, out);
  }
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) {
    if (!a.includes(v)) a.push(v);
  } else m.set(k, [v]);
}

const NONE: readonly never[] = Object.freeze([]);

/** For names already known to hold only hostname characters, tldts only splits off the suffix. */
const FAST_PARSE = { extractHostname: false, validateHostname: false, mixedInputs: false, allowPrivateDomains: true } as const;
const SLOW_PARSE = { allowPrivateDomains: true } as const;

/**
 * Deletion-neighbourhood lookups use a 32-bit polynomial hash of the string instead of the string
 * itself, so that a candidate's n single deletions are hashed in O(n) without building n strings.
 * A collision only costs one exact Damerau check, which decides.
 */
const HASH_BASE = 0x01000193;
const MAX_LABEL = 256;
const HASH_POW = new Int32Array(MAX_LABEL);
HASH_POW[0] = 1;
for (let i = 1; i < MAX_LABEL; i++) HASH_POW[i] = Math.imul(HASH_POW[i - 1], HASH_BASE);
function hashRange(s: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, HASH_BASE) + s.charCodeAt(i)) | 0;
  return h;
}
const KEY_MASK = 0x3fffffff;
const FILTER_BITS = 1 << 20;
const PREFIX = new Int32Array(MAX_LABEL + 1);
const SUFFIX = new Int32Array(MAX_LABEL + 1);

/**
 * True when the name is a well-formed lowercase ASCII hostname (a-z 0-9 - _, labels of 1 to 63
 * characters not starting or ending with a hyphen, a top-level label starting with a letter):
 * tldts may then skip its own validation. Anything else goes the slow way, through tldts' checks.
 */
export function isPlainHostname(s: string): boolean {
  let labelLen = 0;
  let prev = 0x2e;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e) {
      if (labelLen === 0 || prev === 0x2d) return false;
      labelLen = 0;
      last = i + 1;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d) {
      if (c === 0x2d && labelLen === 0) return false;
      if (++labelLen > 63) return false;
    } else return false;
    prev = c;
  }
  const first = s.charCodeAt(last);
  return labelLen > 0 && prev !== 0x2d && first >= 0x61 && first <= 0x7a;
}

const isLetter = (c: number) => c >= 0x61 && c <= 0x7a;

/** Country-code suffixes sold as generic names (.io, .co, .me…): a brand does not own its name there by being global. */
const GENERIC_CCTLDS = new Set(['io', 'co', 'me', 'tv', 'cc', 'ws', 'ai', 'gg', 'ly', 'to', 'fm', 'so', 'sh', 'nu', 'la', 'su', 'pw', 'tk', 'ml', 'ga', 'cf', 'gq', 'vc', 'ac', 'bz', 'mn', 'im', 'st', 'cx', 'lc', 'ms', 'gd']);
function isCountrySuffix(suffix: string): boolean {
  const dot = suffix.lastIndexOf('.');
  const last = suffix.slice(dot + 1);
  // com.br, co.uk: a second-level name under a country is a country variant even where the country code is sold widely.
  return last.length === 2 && (dot > 0 || !GENERIC_CCTLDS.has(last));
}

const LURES = new Set([...LURE_WORDS, ...WEAK_LURE_WORDS].map((w) => w.replace(/-/g, '')));
const WEAK_LURES = new Set(WEAK_LURE_WORDS.map((w) => w.replace(/-/g, '')));
const AFFIXES = new Set(AFFIX_WORDS);
const ABUSED = new Set(ABUSED_TLDS);
const HOSTING = new Set(HOSTING_PLATFORMS);
const FAKE_TLDS = new Set(['com', 'net', 'org', 'fr', 'gouv', 'gov', 'co', 'uk', 'de', 'us', 'ca', 'info', 'eu']);
/** Longest word the segmenter tries; longer runs are judged by their letters alone. */
const MAX_WORD = 16;

/** Whether `s` is made only of lure or affix words ("verifyaccount", "secure"): a small word break. */
function isLureRun(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 40) return false;
  if (LURES.has(s)) return true;
  const ok = new Uint8Array(n + 1);
  ok[0] = 1;
  for (let i = 0; i < n; i++) {
    if (!ok[i]) continue;
    for (let j = i + 2; j <= Math.min(n, i + MAX_WORD); j++) if (!ok[j] && (LURES.has(s.slice(i, j)) || AFFIXES.has(s.slice(i, j)))) ok[j] = 1;
  }
  return ok[n] === 1;
}

/**
 * Whether a piece looks machine-made rather than a word: long consonant runs, or letters and
 * digits mixed (auth64e34aa9d32c53), as phishing kits generate per victim.
 */
function looksRandom(s: string): boolean {
  if (s.length < 5) return false;
  let digits = 0;
  let run = 0;
  let maxRun = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      digits++;
      run = 0;
    } else if ('aeiouy'.includes(s[i])) run = 0;
    else if (++run > maxRun) maxRun = run;
  }
  return maxRun >= 6 || (digits >= 2 && digits < s.length && s.length >= 6);
}

/** Why the surrounding pieces make a brand word look like phishing: lure words, randomness, fake TLDs. */
interface Context {
  lures: string[];
  /** Lures other than the weak ones: a sign-in, payment, parcel or verification word. */
  strong: number;
  random: string;
  fakeTld: string;
  /**
   * What touches the word on each side without a separator: '' (a hyphen, a dot, a digit or the
   * label's end), 'lure' (securepaypal), 'random', or 'word': letters that make a longer word of it
   * (pineapple, interactive, shopping), the commonest coincidence.
   */
  left: Glue;
  right: Glue;
  /** Pieces of the label that are neither the word nor lure words, to say what was added. */
  added: string[];
}
type Glue = '' | 'lure' | 'random' | 'word';

const SEPARATOR = /[-_.]+/;

function glueOf(letters: string): Glue {
  if (!letters) return '';
  if (FAKE_TLDS.has(letters) || (letters.length >= 3 && isLureRun(letters))) return 'lure';
  return looksRandom(letters) ? 'random' : 'word';
}

/** The pieces around [start, end) of a label, and what touches the word on each side. */
function contextOf(label: string, start: number, end: number, ctx: Context): void {
  const before = label.slice(0, start);
  const after = label.slice(end);
  const left = /[a-z]*$/.exec(before)![0];
  const right = /^[a-z]*/.exec(after)![0];
  ctx.left = glueOf(left);
  ctx.right = glueOf(right);
  // A letter or two then digits is a generated tag (chaseiq255), not a longer word.
  if (ctx.left === 'word' && left.length <= 3 && /[0-9]$/.test(before.slice(0, before.length - left.length))) ctx.left = 'random';
  if (ctx.right === 'word' && right.length <= 3 && /^[0-9]/.test(after.slice(right.length))) ctx.right = 'random';
  for (const part of `${before}-${after}`.split(SEPARATOR)) classify(part, ctx);
}

function classify(part: string, ctx: Context): void {
  if (!part) return;
  if (part.includes('-') || part.includes('_')) {
    for (const p of part.split(/[-_]+/)) classify(p, ctx);
    return;
  }
  if (looksRandom(part)) {
    ctx.random ||= part;
    return;
  }
  for (const piece of part.split(/[0-9]+/)) {
    if (!piece) continue;
    if (FAKE_TLDS.has(piece)) ctx.fakeTld ||= piece;
    else if (isLureRun(piece)) {
      if (!WEAK_LURES.has(piece)) ctx.strong++;
      if (ctx.lures.length < 3 && !ctx.lures.includes(piece)) ctx.lures.push(piece);
    } else if (ctx.added.length < 3) ctx.added.push(piece);
  }
  if (/[0-9]{3,}/.test(part)) ctx.random ||= part;
}

const newContext = (): Context => ({ lures: [], strong: 0, random: '', fakeTld: '', left: '', right: '', added: [] });

/**
 * Builds a matcher for the organisation's protected domains and well-known brands. Every index is
 * computed here, once: a lookup costs the same whether 3 or 300 domains are protected.
 */
export function buildMatcher(protectedDomains: string[], opts: MatcherOptions = {}): DomainMatcher {
  // Callers that build one per message (mail triage of each report) get the same index back.
  const key = JSON.stringify([protectedDomains, opts.brands ?? [], opts.brandSpecs ?? [], opts.includeBuiltinBrands !== false]);
  const cached = BUILT.get(key);
  if (cached) return cached;
  const built = build(protectedDomains, opts);
  if (BUILT.size >= 8) BUILT.delete(BUILT.keys().next().value!);
  BUILT.set(key, built);
  return built;
}

const BUILT = new Map<string, DomainMatcher>();

function build(protectedDomains: string[], opts: MatcherOptions): DomainMatcher {
  const specs = opts.includeBuiltinBrands === false ? [] : BUILTIN_BRAND_SPECS;
  const brands: Brand[] = [];
  const names: Name[] = [];
  /** Every registrable domain owned by a watched brand or the organisation. */
  const owned = new Set<string>();
  const byDomain = new Map<string, Brand>();
  const specOfDomain = new Map<string, BrandSpec>();
  for (const s of [...BUILTIN_BRAND_SPECS, ...(opts.brandSpecs ?? NONE)]) for (const d of s.domains) specOfDomain.set(normalise(d) ?? d, s);

  const nameKeys = new Set<string>();
  const addName = (brand: Brand, text: string, alias: boolean, common: boolean) => {
    const folded = foldName(text.toLowerCase());
    // Two letters name nothing reliably; three only as a whole word (see the scoring).
    if (folded.length < 3) return;
    const key = `${folded}\u0000${brand.main}`;
    if (nameKeys.has(key)) return;
    nameKeys.add(key);
    names.push({ brand, text: text.toLowerCase(), folded, alias, common });
  };
  let ownSpec: BrandSpec | undefined;
  const addBrand = (spec: BrandSpec, target: Brand['target'], extraDomains: string[] = []): Brand | undefined => {
    const doms = [...extraDomains, ...spec.domains].map(normalise).filter((d): d is string => !!d);
    if (doms.length === 0) return undefined;
    const existing = byDomain.get(doms[0]);
    if (existing) {
      if (target === 'protected') existing.target = 'protected';
      return existing;
    }
    const brand: Brand = { name: spec.name, main: doms[0], target, modelled: !(target === 'protected' && spec === ownSpec), ccTlds: target === 'brand' && spec.ccTlds !== false, labels: new Map() };
    brands.push(brand);
    for (const d of doms) {
      owned.add(d);
      if (!byDomain.has(d)) byDomain.set(d, brand);
      const p = parse(d, SLOW_PARSE);
      if (p.domainWithoutSuffix && p.publicSuffix && !brand.labels.has(p.domainWithoutSuffix)) brand.labels.set(p.domainWithoutSuffix, d);
    }
    const mainLabel = parse(doms[0], SLOW_PARSE).domainWithoutSuffix;
    if (mainLabel) addName(brand, domainToUnicode(mainLabel) || mainLabel, false, spec.common === true);
    const commonAliases = new Set((spec.commonAliases ?? []).map((a) => a.toLowerCase()));
    for (const a of spec.aliases ?? NONE) addName(brand, a, true, commonAliases.has(a.toLowerCase()));
    return brand;
  };

  // The organisation's own domains first: a protected domain that belongs to a known brand (the
  // lead protects paypal.com) takes that brand's names and own domains, as the organisation's.
  for (const d of protectedDomains) {
    const n = normalise(d);
    if (!n) continue;
    const spec = specOfDomain.get(n);
    if (spec && byDomain.get(n) === undefined) {
      if (spec.own) ownSpec = spec;
      const brand = addBrand(spec, 'protected', [n]);
      if (brand) brand.ccTlds = spec.ccTlds !== false && specs.includes(spec);
    } else if (!byDomain.has(n)) {
      const label = parse(n, SLOW_PARSE).domainWithoutSuffix ?? n;
      ownSpec = { name: domainToUnicode(label) || label, domains: [n] };
      addBrand(ownSpec, 'protected');
    } else {
      byDomain.get(n)!.target = 'protected';
    }
  }
  for (const s of opts.brandSpecs ?? NONE) addBrand(s, 'brand');
  for (const s of specs) addBrand(s, 'brand');
  for (const d of opts.brands ?? NONE) {
    const n = normalise(d);
    if (!n || byDomain.has(n)) continue;
    const spec = specOfDomain.get(n);
    if (spec) addBrand(spec, 'brand');
    else {
      const label = parse(n, SLOW_PARSE).domainWithoutSuffix ?? n;
      ownSpec = { name: domainToUnicode(label) || label, domains: [n], ccTlds: false };
      addBrand(ownSpec, 'brand');
    }
  }

  const index = buildNameIndex(names.map((n) => n.folded));
  const shortName = Uint8Array.from(names, (n) => (n.folded.length <= 3 ? 1 : 0));

  // Typos: the names' deletions (up to 2) are indexed; a label's own single deletions are looked
  // up. That covers every single edit (the dnstwist fuzzers) and most double ones at n+1 lookups.
  const byDeletion = new Map<number, Name[]>();
  const deletionFilter = new Int32Array(FILTER_BITS >>> 5);
  const typoLengths = new Set<number>();
  for (const n of names) {
    const k = maxEdits(n);
    if (k === 0) continue;
    for (const d of deletions(n.text, k)) {
      const h = hashRange(d, 0, d.length);
      push(byDeletion, h & KEY_MASK, n);
      deletionFilter[(h & (FILTER_BITS - 1)) >>> 5] |= 1 << (h & 31);
    }
    const len = n.text.length;
    for (let l = len - k; l <= len + k; l++) typoLengths.add(l);
  }

  const hits: NameHit[] = [];
  /** The name being matched, so that its labels are split only when something was found. */
  const cur: { ascii: string; end: number; regStart: number; suffix: string; hosted: boolean; host: HostInfo | undefined } = { ascii: '', end: 0, regStart: 0, suffix: '', hosted: false, host: undefined };
  function hostOf(): HostInfo {
    if (cur.host) return cur.host;
    const labels = cur.ascii.slice(0, cur.end).split('.');
    const registrable = labels[labels.length - 1];
    const labelUnicode = registrable.includes('xn--') ? domainToUnicode(registrable) || registrable : registrable;
    cur.host = { domain: cur.ascii.slice(cur.regStart), suffix: cur.suffix, tld: cur.suffix.slice(cur.suffix.lastIndexOf('.') + 1), labels, labelUnicode, hosted: cur.hosted };
    return cur.host;
  }

  interface Candidate {
    name: Name;
    kind: LookalikeKind;
    score: number;
    reasons: MatchReason[];
  }
  const better = (a: Candidate | undefined, b: Candidate | undefined): Candidate | undefined => (!b ? a : !a || b.score > a.score ? b : a);

  function isOwnCountryVariant(brand: Brand, label: string, suffix: string): boolean {
    return brand.ccTlds && brand.labels.has(label) && isCountrySuffix(suffix);
  }

  /**
   * A brand word found inside a label: how it sits there (whole word, glued to lure words, inside a
   * longer word) and what surrounds it decide the score. Ordinary words need context.
   */
  function scoreHit(n: Name, label: string, start: number, end: number, place: 'registrable' | 'hosting' | 'subdomain', host: HostInfo): Candidate | undefined {
    const ctx = newContext();
    contextOf(label, start, end, ctx);
    const len = n.folded.length;
    const inWord = ctx.left === 'word' || ctx.right === 'word';
    const glued = (g: Glue, side: string) => g === 'lure' && side.length < 6;
    // Short and ordinary words stand only as words of their own: ups in 400coups, ing in shopping
    // or banking, orange in caorange are coincidences; a long lure glued on still counts
    // (orangevocalemessagerie). Long distinctive names inside a longer word still count, weaker.
    // Another name embedded in a longer word (emploicloud) is a coincidence; so is an ordinary
    // word made by reading digits as letters (team5 read as teams).
    if (inWord && n.alias && len < 8) return undefined;
    if (n.common && /[0-9]/.test(label.slice(start, end))) return undefined;
    if (n.common || len <= 5) {
      if (inWord) return undefined;
      const before = /[a-z]*$/.exec(label.slice(0, start))![0];
      const after = /^[a-z]*/.exec(label.slice(end))![0];
      if (n.common && (glued(ctx.left, before) || glued(ctx.right, after))) return undefined;
      // Three letters (dhl, lcl, ing) are a word only between separators, written as they are.
      if (len <= 3 && (ctx.left !== '' || ctx.right !== '')) return undefined;
      if (len <= 4 && /[0-9]/.test(label.slice(start, end))) return undefined;
    }
    // The other labels of the name count as context too (login.paypal-secure.com).
    for (let i = 0; i < host.labels.length; i++) if (host.labels[i] !== label) classify(host.labels[i], ctx);
    const reasons: MatchReason[] = [{ id: n.alias ? 'name.alias' : 'name.main', params: { word: n.text, brand: n.brand.name } }];
    const written = label.slice(start, end);
    if (written.replace(/[-_]/g, '') !== n.text.replace(/[-_]/g, '')) reasons.push({ id: 'name.folded', params: { written } });
    let score = n.common ? 0.25 : len >= 6 ? (inWord ? 0.25 : 0.55) : len >= 5 ? 0.5 : 0.4;
    if (inWord) reasons.push({ id: 'name.embedded' });
    if (n.common) reasons.push({ id: 'name.common', params: { word: n.text } });
    let context = 0;
    if (place === 'hosting') {
      context += 0.25;
      reasons.push({ id: 'place.hosting', params: { platform: host.suffix } });
    } else if (place === 'subdomain') {
      score -= 0.1;
      reasons.push({ id: 'place.subdomain', params: { domain: host.domain } });
    } else reasons.push({ id: 'place.registrable', params: { domain: host.domain } });
    if (ctx.lures.length > 0) {
      context += ctx.strong > 0 ? 0.25 + 0.05 * Math.min(ctx.strong - 1, 2) : 0.1;
      reasons.push({ id: 'context.lure', params: { words: ctx.lures.join(', ') } });
    }
    if (ctx.fakeTld) {
      // apple-com.xyz, amazon.com-rs0.nl: a suffix written right after the name is the strongest tell.
      context += new RegExp(`^[-_.]?${ctx.fakeTld}\\b`).test(label.slice(end)) || (place === 'subdomain' && end === label.length) ? 0.35 : 0.2;
      reasons.push({ id: 'context.fake-tld', params: { tld: ctx.fakeTld } });
    }
    if (ctx.random) {
      context += 0.15;
      reasons.push({ id: 'context.random', params: { piece: ctx.random } });
    }
    if (ABUSED.has(host.tld)) {
      context += 0.15;
      reasons.push({ id: 'context.abused-tld', params: { tld: host.tld } });
    }
    if (host.labels.length >= 4) {
      context += 0.05;
      reasons.push({ id: 'context.deep', params: { depth: host.labels.length + 1 } });
    }
    if (ctx.added.length > 0 && ctx.lures.length === 0) reasons.push({ id: 'context.added', params: { words: ctx.added.join(', ') } });
    // The organisation's own name with anything added is already worth a look (mail-en-marche.fr).
    if (!n.brand.modelled) score += 0.3;
    score += context;
    const kind: LookalikeKind = place === 'hosting' ? 'hosting' : place === 'subdomain' ? 'subdomain' : n.alias ? 'alias' : 'affix';
    return { name: n, kind, score, reasons };
  }

  /**
   * A brand name read as the whole registrable label: the brand's very name under another suffix
   * (TLD swap), its hyphens changed, or letters replaced by digits or lookalikes (homoglyphs).
   */
  function wholeLabel(n: Name, raw: string, read: string, idn: string, host: HostInfo): Candidate | undefined {
    if (!idn && raw === read) {
      const own = n.brand.labels.get(raw);
      if (own !== undefined) {
        if (isOwnCountryVariant(n.brand, raw, host.suffix)) return undefined;
        if (n.common) return undefined; // orange.es, free.org: an ordinary word under another suffix proves nothing
        // A known brand holds its name under the common suffixes too; under a cheap one it is more suspect.
        const score = n.brand.modelled ? 0.4 : 0.85 + (ABUSED.has(host.tld) ? 0.1 : 0);
        return { name: n, kind: 'tld-swap', score, reasons: [{ id: 'place.tld-swap', params: { label: raw, suffix: host.suffix, own: own.slice(raw.length + 1) } }] };
      }
      if (n.common) return undefined;
      const plain = raw.replace(/[-_]/g, '');
      if (plain === n.text.replace(/[-_]/g, '')) {
        if (n.alias) return { name: n, kind: 'alias', score: n.brand.modelled ? 0.6 : 0.85, reasons: [{ id: 'name.alias', params: { word: n.text, brand: n.brand.name } }, { id: 'place.registrable', params: { domain: host.domain } }] };
        return { name: n, kind: 'typo', score: n.brand.modelled ? 0.7 : 0.85, reasons: [{ id: 'name.typo', params: { label: raw, word: n.text, edits: 1 } }] };
      }
    }
    if (n.common && n.alias && !/[0-9]/.test(raw)) return undefined;
    if (idn) {
      const scripts = scriptsOf(idn);
      const kind: LookalikeKind = scripts.length > 1 ? 'mixed-script' : 'homoglyph';
      const evidence = `${confusableEvidence(idn, n.text)}${scripts.length > 1 ? ` (scripts mixed: ${scripts.join(' + ')})` : ''}`;
      return { name: n, kind, score: 0.95, reasons: [{ id: 'name.homoglyph', params: { evidence } }] };
    }
    return { name: n, kind: 'homoglyph', score: 0.9, reasons: [{ id: 'name.homoglyph', params: { evidence: confusableEvidence(raw, n.text) } }] };
  }

  /** Typos of a brand name: the label, or one of its hyphen-separated parts, within 1 or 2 edits. */
  function typos(s: string, from: number, to: number, hostOf: () => HostInfo, part: boolean): Candidate | undefined {
    const n = to - from;
    if (n >= MAX_LABEL || !typoLengths.has(n)) return undefined;
    let best: Candidate | undefined;
    PREFIX[0] = 0;
    for (let i = 0; i < n; i++) PREFIX[i + 1] = (Math.imul(PREFIX[i], HASH_BASE) + s.charCodeAt(from + i)) | 0;
    SUFFIX[n] = 0;
    for (let i = n - 1; i >= 0; i--) SUFFIX[i] = (Math.imul(s.charCodeAt(from + i), HASH_POW[n - 1 - i]) + SUFFIX[i + 1]) | 0;
    let text: string | undefined;
    for (let i = -1; i < n; i++) {
      const h = i < 0 ? PREFIX[n] : (Math.imul(PREFIX[i], HASH_POW[n - 1 - i]) + SUFFIX[i + 1]) | 0;
      if ((deletionFilter[(h & (FILTER_BITS - 1)) >>> 5] & (1 << (h & 31))) === 0) continue;
      const cands = byDeletion.get(h & KEY_MASK);
      if (!cands) continue;
      text ??= s.slice(from, to);
      const host = hostOf();
      for (const name of cands) {
        const target = name.text;
        if (target === text) continue;
        const allowed = maxEdits(name);
        const dist = damerau(text, target, allowed);
        if (dist === 0 || dist > allowed) continue;
        if (name.common) continue;
        // A brand typo with nothing around it is often another real word or name (revolt,
        // interia): counted when the edit is visual (a doubled or swapped letter) or the name is
        // the organisation's own.
        // A letter left out of a long name goes unnoticed when skimming (netflx, mcrosoft).
        const visual = dist === 1 && (isDoubling(text, target) || isSwap(text, target) || isLookalikeSubstitution(text, target) || isInnerOmission(text, target));
        let score = !name.brand.modelled ? 0.85 - 0.1 * (dist - 1) : visual ? 0.6 : 0.45;
        const reasons: MatchReason[] = [{ id: 'name.typo', params: { label: text, word: name.text, edits: dist } }];
        if (part) {
          score -= 0.05;
          const ctx = newContext();
          for (const l of host.labels) classify(l, ctx);
          if (ctx.strong > 0) {
            score += 0.2;
            reasons.push({ id: 'context.lure', params: { words: ctx.lures.join(', ') } });
          }
        }
        if (ABUSED.has(host.tld)) {
          score += 0.1;
          reasons.push({ id: 'context.abused-tld', params: { tld: host.tld } });
        }
        if (host.hosted) {
          score += 0.2;
          reasons.push({ id: 'place.hosting', params: { platform: host.suffix } });
        }
        best = better(best, { name, kind: host.hosted ? 'hosting' : 'typo', score, reasons });
      }
    }
    return best;
  }

  interface HostInfo {
    /** Registrable domain (with a private suffix, the customer's name on the platform). */
    domain: string;
    suffix: string;
    tld: string;
    /** Every label left of the suffix, the registrable one last. */
    labels: string[];
    labelUnicode: string;
    /** The registrable label is a customer's name on shared hosting or dynamic DNS. */
    hosted: boolean;
  }

  return {
    match(input: string): LookalikeMatch | undefined {
      if (typeof input !== 'string' || input.length === 0 || input.length > 253) return undefined;
      let ascii: string;
      let plain = false;
      if (isPlainHostname(input)) {
        ascii = input;
        plain = true;
      } else {
        const raw = input.trim().toLowerCase().replace(/\.$/, '');
        if (raw.length === 0 || raw.length > 253) return undefined;
        ascii = raw.includes('xn--') || !/[^\x00-\x7f]/.test(raw) ? raw : domainToASCII(raw);
        if (!isPlainHostname(ascii)) return undefined;
      }
      if (!ascii || ascii.length > 253 || ascii.indexOf('.') < 0) return undefined;
      const p = parse(ascii, plain ? FAST_PARSE : SLOW_PARSE);
      if (!p.domain || !p.domainWithoutSuffix || !p.publicSuffix || p.isIp) return undefined;
      if (owned.has(p.domain) || (p.domain.length !== ascii.length && owned.has(ascii))) return undefined;
      let suffix = p.publicSuffix;
      let hosted = p.isPrivate === true;
      // Site builders the Public Suffix List does not know: the customer's label is the name.
      if (!hosted && p.subdomain && HOSTING.has(p.domain)) {
        suffix = p.domain;
        hosted = true;
      }
      /** Where the suffix starts: everything before it was chosen by whoever registered the name. */
      const end = ascii.length - suffix.length - 1;
      if (end <= 0) return undefined;
      const regStart = ascii.lastIndexOf('.', end - 1) + 1;
      if (hosted && owned.has(ascii.slice(regStart))) return undefined;
      const idn = ascii.includes('xn--');

      // The common case: no brand word anywhere and no typo of one: nothing is allocated.
      let best: Candidate | undefined;
      cur.ascii = ascii;
      cur.end = end;
      cur.regStart = regStart;
      cur.suffix = suffix;
      cur.hosted = hosted;
      cur.host = undefined;
      hits.length = 0;
      if (!idn) {
        index.scan(ascii, 0, end, hits);
        const rn = ascii.indexOf('rn');
        const vv = ascii.indexOf('vv');
        // Three-letter names glued to letters (ing in shopping, dhl in adhlx) are dropped here,
        // before anything is built: they are the commonest hits and never count.
        let kept = 0;
        for (let i = 0; i < hits.length; i++) {
          const hit = hits[i];
          if (shortName[hit.name] === 1 && (isLetter(ascii.charCodeAt(hit.start - 1)) || isLetter(ascii.charCodeAt(hit.end)))) continue;
          hits[kept++] = hit;
        }
        hits.length = kept;
        if ((rn >= 0 && rn < end) || (vv >= 0 && vv < end)) hits.push({ name: -1, start: 0, end: 0 });
      }
      if (hits.length > 0 || idn) {
        const h = hostOf();
        if (h.labels.length > 127) return undefined;
        best = readLabels(h, hosted, suffix);
        if (best && best.score >= 0.95) return finish(input, ascii, best);
      }
      if (!idn && (!best || best.score < REPORT_SCORE)) {
        best = better(best, typos(ascii, regStart, end, hostOf, false));
        const dash = ascii.indexOf('-', regStart);
        if (dash > 0 && dash < end) {
          let from = regStart;
          for (let i = regStart; i <= end; i++) {
            if (i === end || ascii.charCodeAt(i) === 0x2d) {
              if (i - from >= 5 && i - from < end - regStart) best = better(best, typos(ascii, from, i, hostOf, true));
              from = i + 1;
            }
          }
        }
      }
      if (!best || best.score < REPORT_SCORE) return undefined;
      return finish(input, ascii, best);
    },
  };

  /** Brand words in every label of the name (IDN labels read through their skeleton), scored. */
  function readLabels(host: HostInfo, hosted: boolean, suffix: string): Candidate | undefined {
    const labels = host.labels;
    let best: Candidate | undefined;
    for (let li = 0; li < labels.length; li++) {
      const raw = labels[li];
      const isLast = li === labels.length - 1;
      let label = raw;
      let idn = '';
      if (raw.startsWith('xn--')) {
        const u = domainToUnicode(raw);
        if (!u || u === raw) {
          if (isLast) return undefined; // invalid punycode
          continue;
        }
        idn = u;
        label = skeleton(u);
      }
      hits.length = 0;
      index.scan(label, 0, label.length, hits);
      // "rn" read as "m", "vv" as "w": a second reading only when the label has them.
      const alt = label.includes('rn') || label.includes('vv') ? label.replace(/rn/g, 'm').replace(/vv/g, 'w') : '';
      const nHits = hits.length;
      if (alt) index.scan(alt, 0, alt.length, hits);
      for (let h = 0; h < hits.length; h++) {
        const hit = hits[h];
        const n = names[hit.name];
        const l = h < nHits ? label : alt;
        if (isLast && !hosted && hit.start === 0 && hit.end === l.length) {
          best = better(best, wholeLabel(n, raw, l, idn, host));
          continue;
        }
        if (!isLast && hit.start === 0 && hit.end === l.length && n.brand.labels.has(l)) {
          // "paypal.com" placed in front of another domain: the brand's own domain as a subdomain.
          const next = labels[li + 1] ?? suffix;
          const fq = `${l}.${labels.slice(li + 1).join('.')}.${suffix}`;
          if (FAKE_TLDS.has(next.split('-')[0]) || byDomain.has(fq) || owned.has(fq)) {
            best = better(best, { name: n, kind: 'subdomain', score: 0.9, reasons: [{ id: 'place.brand-domain', params: { own: n.brand.main, domain: host.domain } }] });
            continue;
          }
        }
        const place = isLast ? (hosted ? 'hosting' : 'registrable') : 'subdomain';
        best = better(best, scoreHit(n, l, hit.start, hit.end, place, host));
      }
      if (best && best.score >= 0.95) break;
    }
    return best;
  }

  function finish(input: string, ascii: string, c: Candidate): LookalikeMatch {
    const unicode = ascii.includes('xn--') ? domainToUnicode(ascii) || ascii : ascii;
    const kind: LookalikeKind = c.kind === 'homoglyph' && ascii.includes('xn--') && scriptsOf(domainToUnicode(ascii)).length <= 1 ? 'punycode' : c.kind;
    return {
      domain: input.trim(),
      unicode,
      protected: c.name.brand.main,
      kind,
      score: Math.round(Math.min(c.score, 0.99) * 100) / 100,
      evidence: evidenceOf(c.reasons),
      target: c.name.brand.target,
      brand: c.name.brand.name,
      word: c.name.text,
      wordKind: c.name.common ? 'common' : 'distinctive',
      reasons: c.reasons,
    };
  }
}

function normalise(d: string): string | undefined {
  const s = d.trim().toLowerCase().replace(/\.$/, '');
  if (!s) return undefined;
  const ascii = domainToASCII(s);
  return ascii || undefined;
}

/** Typos are only meaningful on names long enough that an edit does not make another word. */
function maxEdits(n: Name): number {
  const len = n.text.length;
  if (!n.brand.modelled && !n.alias) return len >= 7 ? 2 : len >= 4 ? 1 : 0;
  // Ordinary words and short other names have real words one edit away (icloud and cloud).
  if (n.common || (n.alias && len < 8)) return 0;
  return len >= 9 ? 2 : len >= 6 ? 1 : 0;
}

/** "paypall", "netfllix": one letter doubled. */
function isDoubling(text: string, target: string): boolean {
  if (text.length !== target.length + 1) return false;
  for (let i = 0; i < text.length; i++) if (text.slice(0, i) + text.slice(i + 1) === target) return i > 0 && text[i] === text[i - 1];
  return false;
}

/** Letters a reader takes for one another at a glance: netfllx, rnicrosoft's m as rn aside. */
const LOOKALIKE_PAIRS = new Set(['il', 'li', 'uv', 'vu', 'gq', 'qg', 'ce', 'ec', 'nm', 'mn', 'oa', 'ao']);
function isLookalikeSubstitution(text: string, target: string): boolean {
  if (text.length !== target.length) return false;
  for (let i = 0; i < text.length; i++) if (text[i] !== target[i]) return LOOKALIKE_PAIRS.has(text[i] + target[i]) && text.slice(i + 1) === target.slice(i + 1);
  return false;
}

/** "netflx", "mcrosoft": an inner letter of a long name left out (dropping the first or last makes other words: discount). */
function isInnerOmission(text: string, target: string): boolean {
  if (target.length < 7 || text.length !== target.length - 1) return false;
  for (let i = 1; i < target.length - 1; i++) if (target.slice(0, i) + target.slice(i + 1) === text) return true;
  return false;
}

/** "micorsoft": two neighbours swapped. */
function isSwap(text: string, target: string): boolean {
  if (text.length !== target.length) return false;
  let i = 0;
  while (i < text.length && text[i] === target[i]) i++;
  return i < text.length - 1 && text[i] === target[i + 1] && text[i + 1] === target[i] && text.slice(i + 2) === target.slice(i + 2);
}

/** One English sentence from the reasons, as the `evidence` field always was. */
function evidenceOf(reasons: MatchReason[]): string {
  const out: string[] = [];
  for (const r of reasons) {
    const p = r.params ?? {};
    switch (r.id) {
      case 'name.main': out.push(`"${p.word}" (${p.brand})`); break;
      case 'name.alias': out.push(`"${p.word}", another name of ${p.brand}`); break;
      case 'name.common': out.push(`"${p.word}" is also an ordinary word`); break;
      case 'name.folded': out.push(`written "${p.written}"`); break;
      case 'name.typo': out.push(`"${p.label}" is ${p.edits} edit${Number(p.edits) > 1 ? 's' : ''} from "${p.word}"`); break;
      case 'name.homoglyph': out.push(String(p.evidence)); break;
      case 'name.embedded': out.push('inside a longer word'); break;
      case 'place.registrable': break;
      case 'place.hosting': out.push(`on ${p.platform}, where anyone picks the name`); break;
      case 'place.subdomain': out.push(`in a subdomain of ${p.domain}`); break;
      case 'place.brand-domain': out.push(`"${p.own}" placed in front of ${p.domain}`); break;
      case 'place.tld-swap': out.push(`"${p.label}" under .${p.suffix} instead of .${p.own}`); break;
      case 'context.lure': out.push(`with "${p.words}"`); break;
      case 'context.abused-tld': out.push(`under .${p.tld}`); break;
      case 'context.random': out.push(`with random-looking "${p.piece}"`); break;
      case 'context.fake-tld': out.push(`a fake ".${p.tld}" in the name`); break;
      case 'context.deep': out.push(`${p.depth} labels deep`); break;
      case 'context.added': out.push(`with "${p.words}" added`); break;
    }
  }
  return out.join(', ');
}
