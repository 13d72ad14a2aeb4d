import type { Post } from './post.ts';

/** Settings of a synthetic stream; the defaults are the evaluation's. */
export interface SimulationOptions {
  seed?: number;
  /** Ordinary accounts (heavy-tailed activity). */
  accounts?: number;
  /** Posts by ordinary accounts, roughly (activity is drawn, then scaled to this total). */
  ordinaryPosts?: number;
  /** Items that can be reposted (popularity is Zipf-like with this exponent, default 1). */
  items?: number;
  zipf?: number;
  /** Mean delay of ordinary reposts after an item appears, hours (default 3). */
  delayHours?: number;
  /** Planted coordinated groups and their sizes. */
  groups?: number;
  groupSize?: [number, number];
  /** Campaign items per group, each shared by the group within `burstSeconds`. */
  campaigns?: [number, number];
  burstSeconds?: number;
  /** Share of a group taking part in each campaign. */
  participation?: number;
  /** Very active ordinary accounts reposting popular items all day, and their posts each. */
  hyperactive?: number;
  hyperactivePosts?: number;
  /** Share of ordinary posts that are original texts (with a link half of the time) rather than reposts. */
  originals?: number;
  /** Length of the stream in days. */
  days?: number;
  start?: string;
}

/** The stream and what was planted in it. */
export interface Simulation {
  posts: Post[];
  /** Accounts of the planted groups. */
  coordinated: Set<string>;
  groups: string[][];
  hyperactive: string[];
}

/** mulberry32: small, seeded, good enough for simulation. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['macron', 'leaks', 'documents', 'campagne', 'vote', 'dimanche', 'france', 'vérité', 'médias', 'cachent', 'scandale', 'argent', 'offshore', 'banque', 'élection', 'candidat', 'débat', 'programme', 'sondage', 'meeting', 'europe', 'emploi', 'réforme', 'sécurité', 'jeunes', 'retraites', 'santé', 'école', 'paris', 'ville', 'soir', 'demain', 'regardez', 'partagez', 'incroyable', 'preuve', 'fuite', 'mails', 'équipe', 'hackers'];

/**
 * A seeded synthetic stream like CooRTweet's simulate_data, made harder: planted groups repost
 * the same campaign items within seconds (and post near-identical texts with the same link);
 * ordinary accounts repost items hours apart with heavy-tailed activity; and a few very active
 * ordinary accounts repost popular items at random times all day, so they meet each other within
 * seconds by chance again and again.
 */
export function simulateStream(opts: SimulationOptions = {}): Simulation {
  const rand = rng(opts.seed ?? 1);
  const nAccounts = opts.accounts ?? 3000;
  const nItems = opts.items ?? 3000;
  const days = opts.days ?? 3;
  const T = days * 86400;
  const t0 = Date.parse(opts.start ?? '2017-05-04T00:00:00Z') / 1000;
  const ordinaryPosts = opts.ordinaryPosts ?? 40_000;
  const nHyper = opts.hyperactive ?? 12;
  const hyperPosts = opts.hyperactivePosts ?? 1500;
  const nGroups = opts.groups ?? 6;
  const [gMin, gMax] = opts.groupSize ?? [6, 20];
  const [cMin, cMax] = opts.campaigns ?? [8, 20];
  const burst = opts.burstSeconds ?? 20;
  const participation = opts.participation ?? 0.8;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const expo = (mean: number) => -Math.log(1 - rand()) * mean;

  // Items: Zipf popularity (s = 1), birth uniform, ordinary shares spread over hours.
  const cum = new Float64Array(nItems);
  let acc = 0;
  const zipf = opts.zipf ?? 1;
  const delay = (opts.delayHours ?? 3) * 3600;
  for (let k = 0; k < nItems; k++) cum[k] = acc += 1 / Math.pow(k + 1, zipf);
  const pickItem = (limit = nItems) => {
    const x = rand() * cum[limit - 1];
    let lo = 0;
    let hi = limit - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const birth = new Float64Array(nItems);
  for (let k = 0; k < nItems; k++) birth[k] = rand() * (T - 6 * 3600);
  const itemUrl = (k: number) => (k % 2 === 0 ? [`https://news${k % 97}.example.fr/article/${k}?utm_source=tw&utm_medium=social`] : []);

  const posts: Post[] = [];
  let nextId = 1;
  const created = (u: string, young: boolean) => new Date((t0 - (young ? 86400 * int(1, 20) : 86400 * int(200, 3000))) * 1000).toISOString();
  const authors = new Map<string, Post['author']>();
  const author = (id: string, young = false): Post['author'] => {
    let a = authors.get(id);
    if (!a) {
      a = { id, handle: young ? `patriote${int(1000, 99999)}` : `user_${id}`, created_at: created(id, young), followers: young ? int(0, 40) : Math.floor(expo(800)) };
      authors.set(id, a);
    }
    return a;
  };
  const repost = (uid: string, k: number, t: number, young = false) => {
    if (t >= T) return;
    posts.push({
      id: String(nextId++), platform: 'twitter', author: author(uid, young), text: `RT item ${k}`, created_at: new Date((t0 + t) * 1000).toISOString(),
      urls: itemUrl(k), hashtags: [], mentions: [], repost_of: `item${k}`,
    });
  };

  const originals = opts.originals ?? 0.2;
  const vocab = Array.from({ length: 3000 }, (_, i) => `${WORDS[i % WORDS.length]}${i >= WORDS.length ? i : ''}`);
  const original = (uid: string, t: number) => {
    if (t >= T) return;
    const k = pickItem();
    const words: string[] = [];
    for (let w = int(6, 18); w > 0; w--) words.push(vocab[Math.floor(Math.pow(rand(), 2) * vocab.length)]);
    posts.push({
      id: String(nextId++), platform: 'twitter', author: author(uid), text: words.join(' '), created_at: new Date((t0 + t) * 1000).toISOString(),
      urls: rand() < 0.5 ? itemUrl(k) : [], hashtags: rand() < 0.2 ? [WORDS[int(0, 9)]] : [], mentions: [],
    });
  };
  // Ordinary accounts: Pareto(α = 1.5) activity scaled to the requested total.
  const activity = new Float64Array(nAccounts);
  let sum = 0;
  for (let i = 0; i < nAccounts; i++) sum += activity[i] = Math.min(500, 1 / Math.pow(1 - rand(), 1 / 1.5));
  const scale = ordinaryPosts / sum;
  for (let i = 0; i < nAccounts; i++) {
    const uid = `o${i}`;
    const n = Math.max(1, Math.round(activity[i] * scale));
    for (let j = 0; j < n; j++) {
      if (rand() < originals) {
        original(uid, rand() * T);
        continue;
      }
      const k = pickItem();
      repost(uid, k, birth[k] + expo(delay));
    }
  }
  // Very active ordinary accounts: popular items (top 100), at uniformly random times over a day.
  const hyperactive: string[] = [];
  for (let h = 0; h < nHyper; h++) {
    const uid = `h${h}`;
    hyperactive.push(uid);
    for (let j = 0; j < hyperPosts; j++) {
      const k = pickItem(100);
      repost(uid, k, birth[k] + rand() * 86400);
    }
  }
  // Planted groups: campaign items shared by most members within `burst` seconds.
  const groups: string[][] = [];
  for (let g = 0; g < nGroups; g++) {
    const size = int(gMin, gMax);
    const members = Array.from({ length: size }, (_, i) => `c${g}_${i}`);
    groups.push(members);
    const nCamp = int(cMin, cMax);
    for (let c = 0; c < nCamp; c++) {
      const start = rand() * (T - 3600);
      const item = `camp${g}_${c}`;
      const url = `https://verite-${g}.example.net/${c}?fbclid=${int(1, 1e9)}`;
      const text = `${WORDS.slice(0, 40).sort(() => rand() - 0.5).slice(0, 10).join(' ')} #macronleaks`;
      for (const m of members) {
        if (rand() > participation) continue;
        const t = start + rand() * burst;
        posts.push({
          id: String(nextId++), platform: 'twitter', author: author(m, true), text: `RT ${text}`, created_at: new Date((t0 + t) * 1000).toISOString(),
          urls: [url], hashtags: ['macronleaks'], mentions: [], repost_of: item,
        });
        if (rand() < 0.3) {
          posts.push({
            id: String(nextId++), platform: 'twitter', author: author(m, true), text: `${text} ${WORDS[int(0, WORDS.length - 1)]}`, created_at: new Date((t0 + t + rand() * burst) * 1000).toISOString(),
            urls: [url], hashtags: ['macronleaks'], mentions: [],
          });
        }
      }
    }
    // Cover activity: members also repost ordinary items like everyone else.
    for (const m of members) for (let j = int(5, 40); j > 0; j--) {
      const k = pickItem();
      repost(m, k, birth[k] + expo(delay), true);
    }
  }
  posts.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  return { posts, coordinated: new Set(groups.flat()), groups, hyperactive };
}

/** Settings of a popularity stream (`watch simulate --zipf`): what an election night looks like. */
export interface ZipfOptions {
  seed?: number;
  /** Total posts, about (planted groups add a few). */
  posts?: number;
  accounts?: number;
  /** Items that can be reposted; popularity Zipf(s): the top item takes 1/H(items, s) of all reposts. */
  items?: number;
  zipf?: number;
  /** Mean delay of a repost after its item appears, seconds: viral items get thousands of reposts a minute. */
  spreadSeconds?: number;
  /** Length of the stream in days. */
  days?: number;
  /** Planted coordinated groups (as in simulateStream). */
  groups?: number;
  start?: string;
}

/**
 * A stream where item popularity is Zipf-distributed and reposts come in bursts right after an
 * item appears: with a million posts the top items are reposted by tens of thousands of accounts
 * within minutes, the shape that makes co-repost pairs grow with the square of an item's
 * popularity. Ordinary accounts are drawn with heavy-tailed activity; a few planted groups repost
 * campaign items within seconds of each other.
 */
export function simulateZipf(opts: ZipfOptions = {}): Simulation {
  const rand = rng(opts.seed ?? 1);
  const nPosts = opts.posts ?? 1_000_000;
  const nAccounts = opts.accounts ?? Math.max(100, Math.round(nPosts / 10));
  const nItems = opts.items ?? Math.max(100, Math.round(nPosts / 20));
  const s = opts.zipf ?? 1;
  const spread = opts.spreadSeconds ?? 900;
  const T = (opts.days ?? 1) * 86400;
  const t0 = Date.parse(opts.start ?? '2017-05-05T00:00:00Z') / 1000;
  const cum = new Float64Array(nItems);
  let acc = 0;
  for (let k = 0; k < nItems; k++) cum[k] = acc += 1 / Math.pow(k + 1, s);
  const pick = (c: Float64Array, n: number) => {
    const x = rand() * c[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Accounts: Pareto(1.5) activity, drawn through its cumulative.
  const act = new Float64Array(nAccounts);
  let a = 0;
  for (let i = 0; i < nAccounts; i++) act[i] = a += Math.min(1000, 1 / Math.pow(1 - rand(), 1 / 1.5));
  const birth = new Float64Array(nItems);
  for (let k = 0; k < nItems; k++) birth[k] = rand() * T * 0.9;
  const authors = new Map<string, Post['author']>();
  const author = (id: string) => {
    let au = authors.get(id);
    if (!au) authors.set(id, (au = { id, handle: `user_${id}` }));
    return au;
  };
  const posts: Post[] = [];
  const push = (uid: string, item: string, t: number, url?: string) =>
    posts.push({ id: String(posts.length + 1), platform: 'twitter', author: author(uid), text: `RT ${item}`, created_at: new Date((t0 + Math.min(t, T)) * 1000).toISOString(), urls: url ? [url] : [], hashtags: [], mentions: [], repost_of: item });
  const groups: string[][] = [];
  const nGroups = opts.groups ?? 10;
  for (let g = 0; g < nGroups; g++) {
    const members = Array.from({ length: 8 + Math.floor(rand() * 12) }, (_, i) => `c${g}_${i}`);
    groups.push(members);
    for (let c = 0; c < 15; c++) {
      const start = rand() * T * 0.9;
      for (const m of members) if (rand() < 0.8) push(m, `camp${g}_${c}`, start + rand() * 20, `https://verite-${g}.example.net/${c}`);
    }
  }
  while (posts.length < nPosts) {
    const k = pick(cum, nItems);
    const u = pick(act, nAccounts);
    push(`o${u}`, `item${k}`, birth[k] - Math.log(1 - rand()) * spread, k % 3 === 0 ? `https://news${k % 97}.example.fr/article/${k}` : undefined);
  }
  posts.sort((x, y) => (x.created_at < y.created_at ? -1 : x.created_at > y.created_at ? 1 : 0));
  return { posts, coordinated: new Set(groups.flat()), groups, hyperactive: [] };
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** The QUT toolkit's CSV header, in its column order. */
export const QUT_HEADER = 'message_id,user_id,username,repost_id,reply_id,message,timestamp,urls';
/** One post as a QUT toolkit CSV row (integer epoch seconds, space-separated links). */
export function qutCsvRow(p: Post): string {
  return [p.id, p.author.id, p.author.handle ?? '', p.repost_of ?? '', p.reply_to ?? '', p.text, String(Math.floor(Date.parse(p.created_at) / 1000)), p.urls.join(' ')].map(csvField).join(',');
}
