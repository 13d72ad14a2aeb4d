import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import { skeleton } from './confusables.ts';
import type { LookalikeKind } from './matcher.ts';

/** A span of the Unicode form of a lookalike to show highlighted: [start, end) in UTF-16 units. */
export interface Mark {
  start: number;
  end: number;
}

/**
 * Where the trick is, so a person sees it at a glance: the lookalike characters of a homoglyph,
 * the edited letters of a typo, the words added around the real name, the swapped suffix, the
 * attacker's own domain behind a subdomain trick. Positions refer to `unicode`.
 */
export function highlightLookalike(domain: string, kind: LookalikeKind | string, imitated: string, word?: string): Mark[] {
  const ascii = domainToASCII(domain.toLowerCase()) || domain.toLowerCase();
  const unicode = domainToUnicode(ascii) || ascii;
  const p = parse(ascii, kind === 'hosting' ? { allowPrivateDomains: true } : {});
  const t = parse(imitated);
  if (kind === 'hosting') {
    // The platform is who really owns the name; the brand word is only the customer's choice.
    // A PSL private suffix (web.app) or, for builders the list does not know, the registrable domain (weebly.com).
    const platform = p.isPrivate ? p.publicSuffix : p.domain;
    const platformStart = platform ? unicode.length - (domainToUnicode(platform) || platform).length : -1;
    return platformStart > 0 && platformStart < unicode.length ? [{ start: platformStart, end: unicode.length }] : [];
  }
  if (!p.domainWithoutSuffix || !p.publicSuffix || !t.domainWithoutSuffix || !t.publicSuffix) return [];
  const suffix = domainToUnicode(p.publicSuffix) || p.publicSuffix;
  const label = domainToUnicode(p.domainWithoutSuffix) || p.domainWithoutSuffix;
  const target = domainToUnicode(t.domainWithoutSuffix) || t.domainWithoutSuffix;
  const labelStart = unicode.length - suffix.length - 1 - label.length;
  if (labelStart < 0 || unicode.slice(labelStart, labelStart + label.length) !== label) return [];
  const shift = (ms: Mark[]) => merge(ms.map((m) => ({ start: m.start + labelStart, end: m.end + labelStart })));
  switch (kind) {
    case 'homoglyph':
    case 'mixed-script':
    case 'punycode':
      return shift(confusableSpans(label, target));
    case 'typo':
      return shift(editSpans(label, target));
    case 'affix':
    case 'alias':
      return shift(affixSpans(label, word && label.includes(word.replace(/-/g, '')) ? word.replace(/-/g, '') : word && label.includes(word) ? word : target));
    case 'tld-swap':
      return [{ start: unicode.length - suffix.length, end: unicode.length }];
    case 'subdomain':
      // The registrable domain is who really owns the name.
      return [{ start: labelStart, end: unicode.length }];
    default:
      return [];
  }
}

function merge(ms: Mark[]): Mark[] {
  const s = ms.filter((m) => m.end > m.start).sort((a, b) => a.start - b.start);
  const out: Mark[] = [];
  for (const m of s) {
    const last = out[out.length - 1];
    if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
    else out.push({ ...m });
  }
  return out;
}

/** Non-ASCII letters, and ASCII look-alikes (0, 1, rn, vv) where the real name has another letter. */
function confusableSpans(label: string, target: string): Mark[] {
  const out: Mark[] = [];
  let i = 0;
  for (const ch of label) {
    const len = ch.length;
    if (ch.charCodeAt(0) > 0x7f || (skeleton(ch) !== ch && !target.includes(ch))) out.push({ start: i, end: i + len });
    i += len;
  }
  for (const [pair, real] of [['rn', 'm'], ['vv', 'w'], ['cl', 'd']] as const) {
    if (target.includes(pair) || !target.includes(real)) continue;
    for (let k = label.indexOf(pair); k >= 0; k = label.indexOf(pair, k + 2)) out.push({ start: k, end: k + 2 });
  }
  return out;
}

/** The letters an optimal alignment changes, inserts or swaps (deletions mark the next letter). */
function editSpans(a: string, b: string): Mark[] {
  const n = a.length;
  const m = b.length;
  if (n > 253 || m > 253) return [];
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  const out: Mark[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && a[i - 1] !== b[j - 1] && d[i][j] === d[i - 2][j - 2] + 1) {
      out.push({ start: i - 2, end: i });
      i -= 2;
      j -= 2;
    } else if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      if (a[i - 1] !== b[j - 1]) out.push({ start: i - 1, end: i });
      i--;
      j--;
    } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
      out.push({ start: i - 1, end: i }); // inserted
      i--;
    } else {
      out.push({ start: Math.min(i, n - 1), end: Math.min(i, n - 1) + 1 }); // a letter is missing here
      j--;
    }
  }
  return out;
}

/** Everything around the real name: "onedrive-" in onedrive-en-marche, "-fr" in en-marche-fr. */
function affixSpans(label: string, target: string): Mark[] {
  let at = label.indexOf(target);
  let len = target.length;
  if (at < 0) {
    // Written without its hyphens: mailenmarche.
    const compact = target.replace(/-/g, '');
    at = label.replace(/-/g, '') === label ? label.indexOf(compact) : -1;
    len = compact.length;
  }
  if (at < 0) return [];
  const out: Mark[] = [];
  if (at > 0) out.push({ start: 0, end: at });
  if (at + len < label.length) out.push({ start: at + len, end: label.length });
  return out;
}
