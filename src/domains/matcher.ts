import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import { BRAND_OWNED, BUILTIN_BRANDS } from './brands.ts';
import { confusableEvidence, scriptsOf, skeleton } from './confusables.ts';

export type LookalikeKind = 'homoglyph' | 'mixed-script' | 'typo' | 'affix' | 'tld-swap' | 'subdomain' | 'punycode';

export interface LookalikeMatch {
  /** The domain as given (punycode stays punycode). */
  domain: string;
  /** Its Unicode form. */
  unicode: string;
  /** The protected domain or brand it imitates. */
  protected: string;
  kind: LookalikeKind;
  /** 0..1: how likely a person mistakes it for the original. */
  score: number;
  /** Human-readable reason: the lookalike character, the affix, the edit. */
  evidence: string;
  /** Whether the imitated domain is the organisation's own or a brand. */
  target: 'protected' | 'brand';
}

export interface DomainMatcher {
  match(domain: string): LookalikeMatch | undefined;
}

/** Words attackers put before or after a real name: mail-en-marche.fr, onedrive-en-marche.fr. */
export const AFFIX_WORDS = [
  'mail', 'webmail', 'email', 'onedrive', 'drive', 'office', 'office365', 'o365', 'outlook', 'login', 'logon', 'signin', 'secure', 'securite', 'security',
  'compte', 'comptes', 'account', 'accounts', 'don', 'dons', 'donate', 'adherent', 'adherents', 'espace', 'mon', 'my', 'support', 'help', 'aide', 'verify',
  'verification', 'update', 'service', 'services', 'portal', 'portail', 'auth', 'sso', 'www', 'app', 'online', 'connect', 'connexion', 'info', 'infos',
  'contact', 'news', 'team', 'equipe', 'docs', 'share', 'partage', 'cloud', 'fichiers', 'files', 'vote', 'campagne', 'presse', 'press', 'official', 'officiel',
  'adherer', 'militant', 'benevole', 'elections', 'election', 'candidat', 'meeting', 'intranet', 'extranet', 'vpn', 'owa', 'teams', 'zoom', 'sharepoint',
];

interface Target {
  domain: string;
  /** Registrable label without the public suffix: "en-marche". */
  label: string;
  suffix: string;
  kind: 'protected' | 'brand';
}

interface Candidate {
  target: Target;
  kind: LookalikeKind;
  score: number;
  evidence: string;
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

/** Shared empty result of index lookups, so that a miss allocates nothing. */
const NONE: readonly never[] = Object.freeze([]);

/** For names already known to hold only hostname characters, tldts only splits off the public suffix. */
const PARSE_OPTIONS = { extractHostname: false, validateHostname: false, mixedInputs: false } as const;

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
function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, HASH_BASE) + s.charCodeAt(i)) | 0;
  return h;
}
/** Map keys are kept within V8's small integers (30 bits), which need no boxing. */
const KEY_MASK = 0x3fffffff;
/** A bit per hash bucket in front of the map: most deletions of an ordinary name miss here. */
const FILTER_BITS = 1 << 20;
/** Scratch buffers for prefix and suffix hashes, reused by every lookup (no per-name allocation). */
const PREFIX = new Int32Array(MAX_LABEL + 1);
const SUFFIX = new Int32Array(MAX_LABEL + 1);
const CUTS = new Int32Array(11);

/**
 * True when the name is a well-formed lowercase ASCII hostname (a-z 0-9 - _, labels of 1 to 63
 * characters not starting or ending with a hyphen, a top-level label starting with a letter):
 * tldts may then skip its own validation.
 * Anything else goes the slow way, through tldts' checks.
 */
function isPlainHostname(s: string): boolean {
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
  // Top-level domains begin with a letter; "x.1" is left to tldts to refuse.
  const first = s.charCodeAt(last);
  return labelLen > 0 && prev !== 0x2d && first >= 0x61 && first <= 0x7a;
}

/** Typos are only meaningful on labels long enough that two edits do not turn them into other words. */
function maxEdits(len: number, kind: Target['kind'] = 'protected'): number {
  // Brands have short, common names (free, orange, ups): be stricter there than on the organisation's own.
  if (kind === 'brand') return len >= 9 ? 2 : len >= 6 ? 1 : 0;
  return len >= 7 ? 2 : len >= 4 ? 1 : 0;
}

/**
 * Builds a matcher for the organisation's protected domains and well-known brands. Every index is
 * computed here, once: a lookup costs the same whether 3 or 300 domains are protected.
 */
export function buildMatcher(protectedDomains: string[], opts: { brands?: string[]; includeBuiltinBrands?: boolean } = {}): DomainMatcher {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (d: string, kind: Target['kind']) => {
    const ascii = domainToASCII(d.trim().toLowerCase().replace(/\.$/, ''));
    if (!ascii || seen.has(ascii)) return;
    const p = parse(ascii);
    if (!p.domain || !p.domainWithoutSuffix || !p.publicSuffix) return;
    seen.add(ascii);
    targets.push({ domain: ascii, label: domainToUnicode(p.domainWithoutSuffix) || p.domainWithoutSuffix, suffix: p.publicSuffix, kind });
  };
  for (const d of protectedDomains) add(d, 'protected');
  for (const d of [...(opts.includeBuiltinBrands === false ? [] : BUILTIN_BRANDS), ...(opts.brands ?? NONE)]) add(d, 'brand');

  const legit = new Set<string>([...targets.map((t) => t.domain), ...BRAND_OWNED]);
  const byDomain = new Map<string, Target[]>();
  const byLabel = new Map<string, Target[]>();
  const bySkeleton = new Map<string, Target[]>();
  const byCompact = new Map<string, Target[]>();
  const byDeletion = new Map<number, Target[]>();
  const deletionFilter = new Int32Array(FILTER_BITS >>> 5);
  /** "mailenmarche", "enmarchesecurite": every affix word glued before or after each compact name. */
  const byGlued = new Map<string, Array<{ target: Target; word: string }>>();
  const lengths = new Set<number>();
  const labelLengths = new Set<number>();
  const compactLengths = new Set<number>();
  for (const t of targets) {
    push(byDomain, t.domain, t);
    push(byLabel, t.label, t);
    // "en-marche-fr": the suffix folded into the name, as in en-marche-fr.com.
    const folded = `${t.label}-${t.suffix.replace(/\./g, '-')}`;
    push(byLabel, folded, t);
    labelLengths.add(t.label.length).add(folded.length);
    push(bySkeleton, skeleton(t.label), t);
    const compact = t.label.replace(/[-.]/g, '');
    if (compact.length >= 4) {
      push(byCompact, compact, t);
      compactLengths.add(compact.length);
      for (const w of [...AFFIX_WORDS, t.suffix.replace(/\./g, '')]) {
        push(byGlued, w + compact, { target: t, word: w });
        push(byGlued, compact + w, { target: t, word: w });
      }
    }
    const k = maxEdits(t.label.length, t.kind);
    if (k > 0) {
      for (const d of deletions(t.label, k)) {
        const h = hashOf(d);
        push(byDeletion, h & KEY_MASK, t);
        deletionFilter[(h & (FILTER_BITS - 1)) >>> 5] |= 1 << (h & 31);
      }
      for (let l = t.label.length - k; l <= t.label.length + k; l++) lengths.add(l);
    }
  }

  const affixWords = new Set(AFFIX_WORDS);
  /** First labels of the targets' domains, in ASCII: "en-marche", "xn--…". */
  const firstLabels = new Set(targets.map((t) => t.domain.slice(0, t.domain.indexOf('.'))));
  const subLabelLengths = new Set([...firstLabels].map((l) => l.length).concat(targets.filter((t) => t.kind === 'protected').map((t) => t.label.length)));
  const gluedLengths = new Set<number>();
  for (const k of byGlued.keys()) gluedLengths.add(k.length);
  const better = (a: Candidate | undefined, b: Candidate): Candidate => (!a || b.score > a.score ? b : a);

  function checkLabel(label: string, suffix: string): Candidate | undefined {
    let best: Candidate | undefined;
    // TLD swap: the very name under another suffix.
    for (const t of byLabel.get(label) ?? NONE) {
      if (t.label === label && t.suffix !== suffix && t.kind === 'protected') best = better(best, { target: t, kind: 'tld-swap', score: 0.85, evidence: `"${label}" under .${suffix} instead of .${t.suffix}` });
      else if (t.label !== label) best = better(best, { target: t, kind: 'affix', score: 0.85, evidence: `"${t.domain}" written as one name, "${label}"` });
    }
    // Homoglyphs: a different label with the same skeleton.
    const sk = skeleton(label);
    for (const t of bySkeleton.get(sk) ?? NONE) {
      if (t.label === label) continue;
      const scripts = scriptsOf(label);
      const kind: LookalikeKind = scripts.length > 1 ? 'mixed-script' : 'homoglyph';
      best = better(best, { target: t, kind, score: 0.95, evidence: `${confusableEvidence(label, t.label)}${scripts.length > 1 ? ` (scripts mixed: ${scripts.join(' + ')})` : ''}` });
    }
    if (best && best.score >= 0.95) return best;
    // Affixes: the protected name as a hyphen-separated part of a longer name. Substrings are
    // taken between hyphen positions, and only looked up when some protected name has that length.
    if (label.indexOf('-') > 0) {
      // Cut positions go in a reused buffer: more than 8 hyphens is not a name a person reads.
      let nCuts = 1;
      CUTS[0] = -1;
      for (let i = 0; i < label.length && nCuts < 10; i++) if (label.charCodeAt(i) === 0x2d) CUTS[nCuts++] = i;
      CUTS[nCuts++] = label.length;
      if (nCuts <= 10) {
        for (let a = 0; a < nCuts - 1; a++) {
          for (let b = a + 1; b < nCuts; b++) {
            if (a === 0 && b === nCuts - 1) continue;
            const start = CUTS[a] + 1;
            const end = CUTS[b];
            if (end - start < 2) continue;
            // Lengths are checked before any substring is built: most names are rejected here.
            if (labelLengths.has(end - start)) {
              const part = label.slice(start, end);
              for (const t of byLabel.get(part) ?? NONE) {
                const extra = `${label.slice(0, Math.max(0, start - 1))}${start > 0 && end < label.length ? '-' : ''}${label.slice(end + 1)}`;
                const score = t.kind === 'protected' ? 0.8 : affixWords.has(extra) ? 0.75 : 0.55;
                best = better(best, { target: t, kind: 'affix', score, evidence: `"${t.label}" with "${extra}" added` });
              }
            }
            // Hyphens inside the part are cuts a+1..b-1: b-a-1 of them.
            if (b - a > 1 && compactLengths.has(end - start - (b - a - 1))) {
              const compactPart = label.slice(start, end).replace(/-/g, '');
              for (const t of byCompact.get(compactPart) ?? NONE)
                if (t.label !== compactPart) best = better(best, { target: t, kind: 'affix', score: 0.7, evidence: `"${t.label}" without hyphen, inside "${label}"` });
            }
          }
        }
      }
    }
    // Affixes glued on without a hyphen: mailenmarche, enmarchesecurite.
    let hyphens = 0;
    for (let i = 0; i < label.length; i++) if (label.charCodeAt(i) === 0x2d) hyphens++;
    const compact = !gluedLengths.has(label.length - hyphens) ? '' : hyphens > 0 ? label.replace(/-/g, '') : label;
    for (const g of byGlued.get(compact) ?? NONE) best = better(best, { target: g.target, kind: 'affix', score: g.target.kind === 'protected' ? 0.75 : 0.6, evidence: `"${g.target.label}" with "${g.word}" glued on` });
    // Typos: Damerau–Levenshtein within 1 or 2 of the name. The protected names' deletions (up to
    // 2) are indexed; the candidate's own deletions (up to 1) are looked up. That covers every
    // single edit (the dnstwist fuzzers) and most double ones at n+1 lookups per domain.
    if (!best && lengths.has(label.length)) {
      // The label itself and each single deletion, looked up by hash: prefix and suffix hashes
      // give the hash of the label without character i in constant time.
      const n = label.length;
      if (n < MAX_LABEL) {
        PREFIX[0] = 0;
        for (let i = 0; i < n; i++) PREFIX[i + 1] = (Math.imul(PREFIX[i], HASH_BASE) + label.charCodeAt(i)) | 0;
        SUFFIX[n] = 0;
        for (let i = n - 1; i >= 0; i--) SUFFIX[i] = (Math.imul(label.charCodeAt(i), HASH_POW[n - 1 - i]) + SUFFIX[i + 1]) | 0;
        for (let i = -1; i < n; i++) {
          const h = i < 0 ? PREFIX[n] : (Math.imul(PREFIX[i], HASH_POW[n - 1 - i]) + SUFFIX[i + 1]) | 0;
          if ((deletionFilter[(h & (FILTER_BITS - 1)) >>> 5] & (1 << (h & 31))) === 0) continue;
          const targets = byDeletion.get(h & KEY_MASK);
          if (!targets) continue;
          for (const t of targets) {
            if (t.label === label) continue;
            const allowed = maxEdits(t.label.length, t.kind);
            const dist = damerau(label, t.label, allowed);
            if (dist === 0 || dist > allowed) continue;
            const score = (t.kind === 'protected' ? 0.9 : 0.8) - 0.1 * (dist - 1);
            best = better(best, { target: t, kind: 'typo', score, evidence: `"${label}" is ${dist} edit${dist > 1 ? 's' : ''} from "${t.label}"` });
          }
        }
      }
    }
    return best;
  }

  return {
    match(input: string): LookalikeMatch | undefined {
      if (typeof input !== 'string' || input.length === 0 || input.length > 253) return undefined;
      let ascii: string;
      let plain = false;
      // ASCII fast path: a lowercase hostname without a trailing dot is used as is, with no copy
      // and no Unicode normalisation; anything else takes the slow path below.
      if (isPlainHostname(input) && input.charCodeAt(input.length - 1) !== 0x2e) {
        ascii = input;
        plain = true;
      }
      else {
        const raw = input.trim().toLowerCase().replace(/\.$/, '');
        ascii = raw.includes('xn--') || !/[^\x00-\x7f]/.test(raw) ? raw : domainToASCII(raw);
      }
      if (!ascii || ascii.length > 253 || !ascii.includes('.')) return undefined;
      if (legit.has(ascii)) return undefined;
      const p = plain ? parse(ascii, PARSE_OPTIONS) : parse(ascii);
      if (!p.domain || !p.domainWithoutSuffix || !p.publicSuffix || p.isIp) return undefined;
      // The real domain and its own subdomains are not imitations.
      if (legit.has(p.domain)) return undefined;
      const unicode = ascii.includes('xn--') ? domainToUnicode(ascii) || ascii : ascii;
      const labelAscii = p.domainWithoutSuffix;
      const label = labelAscii.includes('xn--') ? domainToUnicode(labelAscii) || labelAscii : labelAscii;
      if (labelAscii.startsWith('xn--') && label === labelAscii) return undefined; // invalid punycode

      let best = checkLabel(label, p.publicSuffix);

      // Subdomain tricks: en-marche.fr.secure-login.com, en-marche.evil.net.
      if (p.subdomain) {
        // Walked in place: a subdomain label is only cut out when its length could be a target's.
        const s = p.subdomain;
        for (let start = 0; start <= s.length; ) {
          let end = s.indexOf('.', start);
          if (end < 0) end = s.length;
          const len = end - start;
          const puny = len > 4 && s.startsWith('xn--', start);
          if (puny || subLabelLengths.has(len)) {
            const part = s.slice(start, end);
            // A protected domain placed in front starts with its label: pieces are cut only then.
            if (firstLabels.has(part)) {
              let stop = end;
              for (let j = 0; j < 4 && stop <= s.length; j++) {
                for (const t of byDomain.get(s.slice(start, stop)) ?? NONE) best = better(best, { target: t, kind: 'subdomain', score: 0.9, evidence: `"${t.domain}" placed in front of ${p.domain}` });
                if (stop === s.length) break;
                const next = s.indexOf('.', stop + 1);
                stop = next < 0 ? s.length : next;
              }
            }
            const one = puny ? domainToUnicode(part) || part : part;
            for (const t of byLabel.get(one) ?? NONE) if (t.kind === 'protected' && t.label === one) best = better(best, { target: t, kind: 'subdomain', score: 0.6, evidence: `"${one}" used as a subdomain of ${p.domain}` });
          }
          start = end + 1;
        }
      }
      if (!best) return undefined;
      const kind: LookalikeKind = best.kind === 'homoglyph' && labelAscii.startsWith('xn--') && scriptsOf(label).length <= 1 ? 'punycode' : best.kind;
      return { domain: input.trim(), unicode, protected: best.target.domain, kind, score: Math.round(best.score * 100) / 100, evidence: best.evidence, target: best.target.kind };
    },
  };
}
