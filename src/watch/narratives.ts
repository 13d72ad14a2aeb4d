import { postTime, type Post } from './post.ts';
import { minhash, tokenSet } from './networks/cosimilar.ts';
import { normalizeText } from './text.ts';

/** Posts that tell the same story: linked by a shared link, the same text, the same hashtag set or a repost. */
export interface Narrative {
  id: string;
  label: string;
  posts: number;
  accounts: number;
  firstSeen: string;
  lastSeen: string;
  /** The earliest posts: where the story probably started. */
  patientZero: Array<{ account: string; post: string; at: string }>;
  /** Accounts that pushed it most. */
  amplifiers: Array<{ account: string; posts: number; coordinated: boolean }>;
  /** Sum of the followers of the accounts that carried it (when known). */
  reach: number;
  /** Share of its volume from coordinated accounts: how much of its weight came from coordination rather than from people. */
  inflation: number;
  urls: string[];
  hashtags: string[];
  postIds: string[];
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Groups posts into narratives. Keys: each link, the normalised text when it has at least 5 words,
 * near-duplicate texts (MinHash bands, texts of at least 8 distinct words),
 * the set of hashtags when there are at least 2, and the reposted item. A single hashtag is not a
 * key: #MacronLeaks alone would merge every story of the week into one.
 */
export function buildNarratives(posts: readonly Post[], opts: { coordinated?: ReadonlySet<string>; minPosts?: number; limit?: number } = {}): Narrative[] {
  const minPosts = opts.minPosts ?? 5;
  const uf = new UnionFind(posts.length);
  const firstOfKey = new Map<string, number>();
  const byId = new Map<string, number>();
  posts.forEach((p, i) => byId.set(p.id, i));
  const link = (key: string, i: number) => {
    const f = firstOfKey.get(key);
    if (f === undefined) firstOfKey.set(key, i);
    else uf.union(f, i);
  };
  posts.forEach((p, i) => {
    for (const u of p.urls) link(`u:${u}`, i);
    const t = normalizeText(p.repost_of ? p.text.replace(/^rt\s+/i, '') : p.text);
    if (t.split(' ').length >= 5) link(`t:${t}`, i);
    // Near-duplicates: 8 bands of 8 MinHash rows (a pair at Jaccard 0.9 shares a band with
    // probability 0.99, at 0.5 with 0.03), so edited copies of a text join its narrative.
    if (!p.repost_of) {
      const set = tokenSet(p.text.slice(0, 5000));
      if (set.length >= 8) {
        const sig = minhash(set);
        for (let b = 0; b < 8; b++) {
          let h = b + 1;
          for (let r = 0; r < 8; r++) h = (Math.imul(h ^ sig[b * 8 + r], 0x01000193) + r) >>> 0;
          link(`s${b}:${h}`, i);
        }
      }
    }
    const tags = [...new Set(p.hashtags)].sort();
    if (tags.length >= 2) link(`h:${tags.join(' ')}`, i);
    if (p.repost_of) {
      link(`r:${p.repost_of}`, i);
      const orig = byId.get(p.repost_of);
      if (orig !== undefined) uf.union(orig, i);
    }
  });
  const groups = new Map<number, number[]>();
  posts.forEach((_p, i) => {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  const out: Narrative[] = [];
  for (const idx of groups.values()) {
    if (idx.length < minPosts) continue;
    const ps = idx.map((i) => posts[i]).sort((a, b) => postTime(a) - postTime(b));
    const byAccount = new Map<string, number>();
    const followers = new Map<string, number>();
    const urls = new Map<string, number>();
    const tags = new Map<string, number>();
    let coordinated = 0;
    for (const p of ps) {
      byAccount.set(p.author.id, (byAccount.get(p.author.id) ?? 0) + 1);
      if (p.author.followers !== undefined) followers.set(p.author.id, p.author.followers);
      for (const u of p.urls) urls.set(u, (urls.get(u) ?? 0) + 1);
      for (const h of p.hashtags) tags.set(h, (tags.get(h) ?? 0) + 1);
      if (opts.coordinated?.has(p.author.id)) coordinated++;
    }
    const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k]) => k);
    const first = ps[0];
    out.push({
      id: `n-${first.id}`,
      label: top(tags, 1).map((h) => `#${h}`)[0] ?? first.text.slice(0, 80),
      posts: ps.length,
      accounts: byAccount.size,
      firstSeen: first.created_at,
      lastSeen: ps[ps.length - 1].created_at,
      patientZero: ps.slice(0, 3).map((p) => ({ account: p.author.id, post: p.id, at: p.created_at })),
      amplifiers: [...byAccount].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([account, n]) => ({ account, posts: n, coordinated: opts.coordinated?.has(account) ?? false })),
      reach: [...followers.values()].reduce((s, f) => s + f, 0),
      inflation: Math.round((coordinated / ps.length) * 1000) / 1000,
      urls: top(urls, 5),
      hashtags: top(tags, 5),
      postIds: ps.slice(0, 200).map((p) => p.id),
    });
  }
  return out.sort((a, b) => b.posts - a.posts).slice(0, opts.limit ?? 100);
}
