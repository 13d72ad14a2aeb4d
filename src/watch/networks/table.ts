import { postTime, type Post } from '../post.ts';

/**
 * Posts as columns: interned authors and times in typed arrays, so networks over a million posts
 * stay linear in memory. `user[m]` is the index of message m's author in `userIds`.
 */
export interface PostTable {
  posts: readonly Post[];
  userIds: string[];
  user: Int32Array;
  /** Seconds since the epoch. */
  time: Float64Array;
  /** Messages in time order (ties by input order). */
  byTime: Uint32Array;
  /** Position of each message in `byTime`. */
  timeRank: Uint32Array;
}

/** Interns authors and sorts by time once; every network type reuses the table. */
export function buildTable(posts: readonly Post[]): PostTable {
  const n = posts.length;
  const index = new Map<string, number>();
  const userIds: string[] = [];
  const user = new Int32Array(n);
  const time = new Float64Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const p = posts[i];
    let u = index.get(p.author.id);
    if (u === undefined) {
      u = userIds.length;
      index.set(p.author.id, u);
      userIds.push(p.author.id);
    }
    user[i] = u;
    time[i] = postTime(p);
    if (i > 0 && time[i] < time[i - 1]) sorted = false;
  }
  const byTime = new Uint32Array(n);
  for (let i = 0; i < n; i++) byTime[i] = i;
  if (!sorted) byTime.sort((a, b) => time[a] - time[b] || a - b);
  const timeRank = new Uint32Array(n);
  for (let r = 0; r < n; r++) timeRank[byTime[r]] = r;
  return { posts, userIds, user, time, byTime, timeRank };
}
