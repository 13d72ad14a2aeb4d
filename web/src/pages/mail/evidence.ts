/**
 * Reading the evidence strings that mail triage stores with each signal, to highlight them: the
 * character a lookalike domain changes, the real target of a link that shows another address.
 * The formats are set in src/mail/signals (domains.ts, links.ts); test/web/mail-evidence.test.ts
 * runs the real triage so that a change there breaks a test rather than the highlighting.
 */

/** A piece of text, marked when it differs from the original. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Longest domain names are 253 characters; anything longer is not compared (quadratic table). */
const MAX_DIFF = 253;

/**
 * The characters of `lookalike` that are not in `original`, by longest common subsequence over code
 * points: "en-mаrche.fr" (Cyrillic а) marks the а, "onedrive-en-marche.fr" marks "onedrive-",
 * "en-marche-fr.com" marks "-" and ".com". Adjacent marked characters form one segment.
 */
export function diffMarks(lookalike: string, original: string): Segment[] {
  const a = [...lookalike];
  const b = [...original];
  if (a.length > MAX_DIFF || b.length > MAX_DIFF) return [{ text: lookalike, mark: false }];
  // The common start and end are kept whole first, so an added word is marked in one piece
  // ("onedrive-") rather than aligned letter by letter with the original.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  // lcs[i][j]: common subsequence length of am[i..] and bm[j..].
  const lcs = Array.from({ length: am.length + 1 }, () => new Uint16Array(bm.length + 1));
  for (let i = am.length - 1; i >= 0; i--)
    for (let j = bm.length - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: Segment[] = [];
  const push = (text: string, mark: boolean) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += text;
    else out.push({ text, mark });
  };
  push(a.slice(0, pre).join(''), false);
  let i = 0;
  let j = 0;
  while (i < am.length) {
    if (j < bm.length && am[i] === bm[j]) {
      push(am[i], false);
      i++;
      j++;
    } else if (j < bm.length && lcs[i][j + 1] >= lcs[i + 1][j]) j++;
    else {
      push(am[i], true);
      i++;
    }
  }
  push(a.slice(a.length - suf).join(''), false);
  return out;
}

/** "U+0430" for each non-ASCII character of a marked piece: what a homoglyph really is. */
export function codePoints(text: string): string {
  return [...text]
    .filter((c) => c.codePointAt(0)! > 0x7e)
    .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(' ');
}

export interface LookalikeEvidence {
  /** The sender address or the link where the domain was seen. */
  where: string;
  /** The lookalike domain, in Unicode. */
  domain: string;
  /** The protected domain or brand it imitates. */
  original: string;
  /** homoglyph, affix, typo, tld-swap, subdomain, mixed-script, punycode. */
  kind: string;
  /** The matcher's own one-line reason. */
  reason: string;
}

/** `where: domain imitates original (kind; reason)`, as written by the domain signals. */
export function parseLookalike(evidence: string): LookalikeEvidence | undefined {
  const m = /^([\s\S]*?): (\S+) imitates (\S+) \(([\w-]+); ([\s\S]*)\)$/.exec(evidence);
  return m ? { where: m[1], domain: m[2], original: m[3], kind: m[4], reason: m[5] } : undefined;
}

/** `« shown text » → real target`, as written by the link signals. */
export function parseLinkMismatch(evidence: string): { shown: string; target: string } | undefined {
  const m = /^« ([\s\S]*) » → (\S+)$/.exec(evidence);
  return m ? { shown: m[1], target: m[2] } : undefined;
}

/** `Display Name <address>`, as written by the sender signals. */
export function parseMailbox(evidence: string): { name: string; address: string; domain: string } | undefined {
  const m = /^([\s\S]*?) <([^<>\s]+@([^<>\s@]+))>/.exec(evidence);
  return m ? { name: m[1], address: m[2], domain: m[3] } : undefined;
}

/** A URL split around its host, so the host can be marked: ["https://", "host", "/path"]. */
export function splitUrl(url: string): { before: string; host: string; after: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?)(\[[^\]]*\]|[^/:?#]*)([\s\S]*)$/i.exec(url);
  return m ? { before: m[1], host: m[2], after: m[3] } : { before: '', host: '', after: url };
}
