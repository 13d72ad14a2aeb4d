/** Text helpers shared by ingest, the text networks, stance and narratives. */

const HASHTAG_RE = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]{1,139})/gu;
const MENTION_RE = /(?:^|[^\p{L}\p{N}_])@([A-Za-z0-9_]{1,50})/gu;
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]{1,2000}/gi;

export function extractHashtags(text: string): string[] {
  if (!text.includes('#')) return [];
  return [...text.matchAll(HASHTAG_RE)].map((m) => m[1]);
}
export function extractMentions(text: string): string[] {
  if (!text.includes('@')) return [];
  return [...text.matchAll(MENTION_RE)].map((m) => m[1]);
}
export function extractUrls(text: string): string[] {
  if (!text.includes('://')) return [];
  return [...text.matchAll(URL_RE)].map((m) => m[0].replace(/[.,;:!?)\]]+$/, ''));
}

/**
 * QUT's co-tweet preprocessing: lower-case, drop @mentions, collapse white space. Two posts with
 * the same normalised text are "identical" for the cotext network.
 */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/@\S*/g, ' ').split(/\s+/).filter(Boolean).join(' ');
}

/** Word tokens (Unicode letters/digits, hashtags kept as words), lower-cased, mentions and links removed. */
export function tokenize(text: string): string[] {
  let cleaned = text.toLowerCase();
  // Both patterns need their marker: most texts skip both scans.
  if (cleaned.includes('://')) cleaned = cleaned.replace(URL_RE, ' ');
  if (cleaned.includes('@')) cleaned = cleaned.replace(/@\S*/g, ' ');
  return cleaned.match(/[\p{L}\p{N}_#']+/gu) ?? [];
}

/** 32-bit FNV-1a of a string: cheap, stable hash for shingles and keys. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
