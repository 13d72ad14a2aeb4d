/** Words of a text, folded so that formatting, invisible marks and conversions do not count as edits. */
export function words(text: string): string[] {
  return text
    // Some writers (mat2, LibreOffice) store characters as numeric references in the XML.
    .replace(/&#(\d{1,7});/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const N = 4;
const gramKey = (w: string[], i: number) => w.slice(i, i + N).join(' ');

/** Positions of `a` covered by some 4-word sequence that also occurs in `b`. */
function kept(a: string[], b: string[]): boolean[] {
  const grams = new Set<string>();
  for (let i = 0; i + N <= b.length; i++) grams.add(gramKey(b, i));
  const out = new Array<boolean>(a.length).fill(false);
  for (let i = 0; i + N <= a.length; i++) if (grams.has(gramKey(a, i))) for (let j = i; j < i + N; j++) out[j] = true;
  return out;
}

/** Whether `run` is a sequence of whole lines of the other text: a block moved, not changed. */
function movedLines(run: string[], lines: Set<string>): boolean {
  if (run.length > 60) return false;
  const ok = new Array<boolean>(run.length + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < run.length; i++) {
    if (!ok[i]) continue;
    for (let j = i + 1; j <= run.length; j++) if (lines.has(run.slice(i, j).join(' '))) ok[j] = true;
  }
  return ok[run.length];
}

const lineSet = (text: string) => new Set(text.split(/\r?\n/).map((l) => words(l).join(' ')).filter(Boolean));

/**
 * Runs of un-kept positions that are strictly inside the text (not a cut at the start or end).
 * Short blocks (a spreadsheet cell, a page header) reordered by a converter are skipped: they
 * are whole lines that the other text also has.
 */
function interiorRuns(w: string[], k: boolean[], otherLines: Set<string>, otherCompact: string): string[] {
  const runs: string[] = [];
  let i = 0;
  while (i < w.length) {
    if (k[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < w.length && !k[j]) j++;
    const run = w.slice(i, j);
    // pdftotext sometimes drops the space between two words ("suite à" → "suiteà"): same text.
    const joined = run.join('');
    const respaced = (run.length >= 2 || (joined.length >= 4 && /\p{L}/u.test(joined))) && otherCompact.includes(joined);
    if (i > 0 && j < w.length && !movedLines(run, otherLines) && !respaced) runs.push(run.join(' '));
    i = j;
  }
  return runs;
}

export interface ContentDiff {
  /** Passages of the planted decoy missing from the leaked copy, inside the text. */
  removed: string[];
  /** Passages of the leaked copy that the decoy did not have, inside the text. */
  added: string[];
  /** Share of the decoy's words found in the copy. */
  coverage: number;
}

/**
 * Compares a leaked copy to the planted original. Cuts at the edges (an excerpt, a forward header,
 * a dropped signature) are what people do when passing a document on; a passage replaced in the
 * middle is what a forger does to make a decoy say something else.
 */
export function contentDiff(original: string, copy: string): ContentDiff {
  const a = words(original).slice(0, 200_000);
  const b = words(copy).slice(0, 200_000);
  const ka = kept(a, b);
  const kb = kept(b, a);
  const cov = a.length ? ka.filter(Boolean).length / a.length : 1;
  return {
    removed: interiorRuns(a, ka, lineSet(copy), b.join('')).slice(0, 20).map((s) => s.slice(0, 300)),
    added: interiorRuns(b, kb, lineSet(original), a.join('')).slice(0, 20).map((s) => s.slice(0, 300)),
    coverage: cov,
  };
}

/** A replaced passage in the middle, on both sides: the content was changed, not just cut. */
export function isTampered(d: ContentDiff): boolean {
  return d.removed.length > 0 && d.added.length > 0;
}
