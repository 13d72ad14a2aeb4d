import { postTime, type Post } from './post.ts';

/** One part of an account's score: the measured value and what it adds. */
export interface SignalPart {
  name: 'rate' | 'regularity' | 'night' | 'reposts' | 'young' | 'handle' | 'bursts' | 'coordination';
  value: number;
  /** Contribution to the score, 0..weight. */
  points: number;
  weight: number;
}

export interface AccountSignals {
  account: string;
  handle?: string;
  posts: number;
  /** 0..100, the sum of the parts' points. */
  score: number;
  parts: SignalPart[];
}

/**
 * Transparent account score, 0..100: each part is a measured value mapped to points by a stated
 * rule; no trained model. Weights: posting rate 15 (≥ 72 posts/day is full: more than one every
 * 20 minutes around the clock), regularity 15 (low entropy of inter-post gaps: scheduled posting),
 * night share 10 (00:00–06:00 local), repost ratio 10 (≥ 0.9), young account 15 (< 30 days old at
 * first post), handle pattern 10 (name + long digit run, as in mass-created accounts), burst
 * participation 10, coordination 15 (member of a detected cluster).
 */
export function accountSignals(
  posts: readonly Post[],
  opts: { utcOffsetHours?: number; coordinated?: ReadonlySet<string>; burstAccounts?: ReadonlyMap<string, number> } = {},
): AccountSignals[] {
  const offset = (opts.utcOffsetHours ?? 2) * 3600;
  const by = new Map<string, Post[]>();
  for (const p of posts) {
    const list = by.get(p.author.id);
    if (list) list.push(p);
    else by.set(p.author.id, [p]);
  }
  const out: AccountSignals[] = [];
  for (const [account, list] of by) {
    const times = list.map(postTime).sort((a, b) => a - b);
    const spanDays = Math.max(1, (times[times.length - 1] - times[0]) / 86400);
    const rate = list.length / spanDays;
    const entropy = gapEntropy(times);
    const night = list.filter((p) => {
      const h = Math.floor((((postTime(p) + offset) % 86400) + 86400) % 86400 / 3600);
      return h < 6;
    }).length / list.length;
    const reposts = list.filter((p) => p.repost_of).length / list.length;
    const created = list[0].author.created_at ? Date.parse(list[0].author.created_at) / 1000 : undefined;
    const ageDays = created === undefined ? undefined : Math.max(0, (times[0] - created) / 86400);
    const handle = list[0].author.handle;
    const handleScore = handle ? handlePattern(handle) : 0;
    const bursts = opts.burstAccounts?.get(account) ?? 0;
    const parts: SignalPart[] = [
      part('rate', rate, 15, Math.min(1, rate / 72)),
      part('regularity', entropy, 15, times.length < 10 ? 0 : Math.max(0, Math.min(1, (0.6 - entropy) / 0.4))),
      part('night', night, 10, list.length < 5 ? 0 : Math.max(0, Math.min(1, (night - 0.25) / 0.5))),
      part('reposts', reposts, 10, list.length < 5 ? 0 : Math.max(0, Math.min(1, (reposts - 0.5) / 0.4))),
      part('young', ageDays ?? -1, 15, ageDays === undefined ? 0 : ageDays < 30 ? 1 - ageDays / 30 : 0),
      part('handle', handleScore, 10, handleScore),
      part('bursts', bursts, 10, Math.min(1, bursts / 3)),
      part('coordination', opts.coordinated?.has(account) ? 1 : 0, 15, opts.coordinated?.has(account) ? 1 : 0),
    ];
    out.push({ account, handle, posts: list.length, score: Math.round(parts.reduce((s, p) => s + p.points, 0)), parts });
  }
  return out.sort((a, b) => b.score - a.score || b.posts - a.posts);
}

function part(name: SignalPart['name'], value: number, weight: number, fraction: number): SignalPart {
  return { name, value: Math.round(value * 1000) / 1000, weight, points: Math.round(weight * fraction * 10) / 10 };
}

/**
 * Normalised Shannon entropy (0..1) of inter-post gaps binned on a log2 scale (1 s … 1 week).
 * Scheduled accounts post at near-constant gaps: their gaps fall in one or two bins.
 */
export function gapEntropy(sortedTimes: readonly number[]): number {
  if (sortedTimes.length < 3) return 1;
  const bins = new Array<number>(21).fill(0);
  for (let i = 1; i < sortedTimes.length; i++) {
    const gap = Math.max(1, sortedTimes[i] - sortedTimes[i - 1]);
    bins[Math.min(20, Math.floor(Math.log2(gap)))]++;
  }
  const n = sortedTimes.length - 1;
  let h = 0;
  for (const c of bins) if (c > 0) h -= (c / n) * Math.log2(c / n);
  return h / Math.log2(21);
}

/** 0..1: a word followed by a long run of digits (patriote84721), or mostly digits and random letters. */
export function handlePattern(handle: string): number {
  const h = handle.replace(/^@/, '');
  if (/^[A-Za-z_]+\d{5,}$/.test(h)) return 1;
  if (/^[A-Za-z_]+\d{4}$/.test(h)) return 0.6;
  if (/^[A-Za-z0-9]{12,15}$/.test(h) && (h.match(/\d/g)?.length ?? 0) >= 4) return 0.8;
  return 0;
}
