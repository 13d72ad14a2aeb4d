import { postTime, type Post } from './post.ts';

/** Posts per time bucket, and how many of them came from coordinated accounts. */
export interface VolumeSeries {
  bucketSeconds: number;
  /** Start of the first bucket (ISO), null without posts. */
  start: string | null;
  posts: number[];
  coordinated: number[];
}

/** A chart is unreadable past a few thousand bars; the bucket grows (in whole minutes) to stay under this. */
export const MAX_BUCKETS = 2000;

export function volumeSeries(posts: readonly Post[], opts: { bucketSeconds: number; coordinated?: ReadonlySet<string>; maxBuckets?: number }): VolumeSeries {
  if (posts.length === 0) return { bucketSeconds: opts.bucketSeconds, start: null, posts: [], coordinated: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of posts) {
    const t = postTime(p);
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const max = opts.maxBuckets ?? MAX_BUCKETS;
  let bucket = opts.bucketSeconds;
  if ((hi - lo) / bucket >= max) bucket = Math.ceil((hi - lo) / (max - 1) / 60) * 60;
  const t0 = Math.floor(lo / bucket) * bucket;
  const n = Math.floor((hi - t0) / bucket) + 1;
  const volume = new Array<number>(n).fill(0);
  const coordinated = new Array<number>(n).fill(0);
  for (const p of posts) {
    const b = Math.floor((postTime(p) - t0) / bucket);
    volume[b]++;
    if (opts.coordinated?.has(p.author.id)) coordinated[b]++;
  }
  return { bucketSeconds: bucket, start: new Date(t0 * 1000).toISOString(), posts: volume, coordinated };
}
