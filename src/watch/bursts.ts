import { urlDomain } from './ingest/url.ts';
import { postTime, type Post } from './post.ts';
import { tokenize } from './text.ts';

export type BurstKind = 'hashtag' | 'url' | 'domain' | 'term';

/** A term rising far above its own recent baseline. */
export interface Burst {
  kind: BurstKind;
  term: string;
  /** Start of the bucket where the rise was detected (ISO). */
  at: string;
  count: number;
  baselineMedian: number;
  /** Robust z-score: (count − median) / (1.4826·MAD + 1). */
  z: number;
  /** count / (median + 1): "×48 in one hour". */
  growth: number;
  /** Share of the bucket's posts by accounts known as coordinated, and by accounts younger than 30 days. */
  coordinatedShare: number;
  youngShare: number;
  topAccounts: Array<{ account: string; posts: number }>;
}

export interface BurstOptions {
  bucketSeconds?: number;
  /** Buckets of baseline before each one (sliding). */
  baseline?: number;
  minZ?: number;
  minCount?: number;
  coordinated?: ReadonlySet<string>;
  kinds?: BurstKind[];
}

const STOP = new Set(['les', 'des', 'une', 'pour', 'dans', 'avec', 'sur', 'par', 'que', 'qui', 'est', 'pas', 'plus', 'mais', 'son', 'ses', 'aux', 'the', 'and', 'for', 'with', 'this', 'that', 'from', 'are', 'was', 'item']);

function termsOf(p: Post, kinds: ReadonlySet<BurstKind>): Array<[BurstKind, string]> {
  const out: Array<[BurstKind, string]> = [];
  if (kinds.has('hashtag')) for (const h of new Set(p.hashtags)) out.push(['hashtag', `#${h}`]);
  if (kinds.has('url')) for (const u of p.urls) out.push(['url', u]);
  if (kinds.has('domain')) for (const d of new Set(p.urls.map(urlDomain))) if (d) out.push(['domain', d]);
  if (kinds.has('term') && !p.repost_of) for (const t of new Set(tokenize(p.text.slice(0, 2000)))) if (t.length >= 4 && !t.startsWith('#') && !STOP.has(t) && !/^\d+$/.test(t)) out.push(['term', t]);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Online burst detection per hashtag, link, domain and term: each bucket's count is compared with
 * the median and MAD of the previous `baseline` buckets (zeros included), so a term that was quiet
 * and suddenly rises is caught in the bucket where it rises, without looking ahead. The +1 in the
 * denominator keeps a term that went from 0 to 3 from looking infinite.
 */
export function detectBursts(posts: readonly Post[], opts: BurstOptions = {}): Burst[] {
  const bucket = opts.bucketSeconds ?? 3600;
  const W = opts.baseline ?? 24;
  const minZ = opts.minZ ?? 5;
  const minCount = opts.minCount ?? 20;
  const kinds = new Set<BurstKind>(opts.kinds ?? ['hashtag', 'url', 'domain', 'term']);
  if (posts.length === 0) return [];
  let t0 = Infinity;
  for (const p of posts) t0 = Math.min(t0, postTime(p));
  t0 = Math.floor(t0 / bucket) * bucket;
  // term → bucket → post indices
  const series = new Map<string, Map<number, number[]>>();
  posts.forEach((p, i) => {
    const b = Math.floor((postTime(p) - t0) / bucket);
    for (const [kind, term] of termsOf(p, kinds)) {
      const key = `${kind}\u0000${term}`;
      let s = series.get(key);
      if (!s) series.set(key, (s = new Map()));
      const list = s.get(b);
      if (list) list.push(i);
      else s.set(b, [i]);
    }
  });
  const out: Burst[] = [];
  for (const [key, s] of series) {
    let total = 0;
    for (const l of s.values()) total += l.length;
    if (total < minCount) continue;
    const [kind, term] = key.split('\u0000') as [BurstKind, string];
    const buckets = [...s.keys()].sort((a, b) => a - b);
    let lastAlert = -Infinity;
    for (const b of buckets) {
      const ids = s.get(b) as number[];
      if (ids.length < minCount || b - lastAlert <= W) continue;
      const base: number[] = [];
      for (let j = b - W; j < b; j++) base.push(s.get(j)?.length ?? 0);
      const med = median(base);
      const mad = median(base.map((x) => Math.abs(x - med)));
      const z = (ids.length - med) / (1.4826 * mad + 1);
      if (z < minZ) continue;
      lastAlert = b;
      const accounts = new Map<string, number>();
      let coordinated = 0;
      let young = 0;
      for (const i of ids) {
        const p = posts[i];
        accounts.set(p.author.id, (accounts.get(p.author.id) ?? 0) + 1);
        if (opts.coordinated?.has(p.author.id)) coordinated++;
        if (p.author.created_at && postTime(p) - Date.parse(p.author.created_at) / 1000 < 30 * 86400) young++;
      }
      out.push({
        kind, term, at: new Date((t0 + b * bucket) * 1000).toISOString(), count: ids.length, baselineMedian: med, z: Math.round(z * 10) / 10,
        growth: Math.round((ids.length / (med + 1)) * 10) / 10, coordinatedShare: Math.round((coordinated / ids.length) * 1000) / 1000, youngShare: Math.round((young / ids.length) * 1000) / 1000,
        topAccounts: [...accounts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([account, n]) => ({ account, posts: n })),
      });
    }
  }
  return out.sort((a, b) => b.z - a.z);
}
