import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Post } from '../post.ts';
import { coordinationNetwork, edgesAtLeast, evidenceFor } from './index.ts';

function post(id: number, user: number, t: number, extra: Partial<Post>): Post {
  return { id: String(id), platform: 't', author: { id: `u${user}` }, text: '', created_at: new Date(t * 1000).toISOString(), urls: [], hashtags: [], mentions: [], ...extra };
}

/** The QUT SQL self-join, literally: count distinct e1.message_id per (u1, u2). */
function naive(posts: Post[], keysOf: (p: Post) => string[], window: number): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const a of posts)
    for (const b of posts) {
      if (a.id === b.id) continue;
      const ka = keysOf(a);
      const kb = new Set(keysOf(b));
      if (!ka.some((k) => kb.has(k))) continue;
      if (Math.abs(Date.parse(a.created_at) - Date.parse(b.created_at)) / 1000 > window) continue;
      const key = `${a.author.id}>${b.author.id}`;
      sets.set(key, (sets.get(key) ?? new Set()).add(a.id));
    }
  return new Map([...sets].map(([k, s]) => [k, s.size]));
}

const rows = fc.array(fc.record({ user: fc.integer({ min: 0, max: 5 }), t: fc.integer({ min: 0, max: 300 }), k: fc.integer({ min: 0, max: 3 }), k2: fc.integer({ min: 0, max: 4 }) }), { maxLength: 40 });

describe('coordination engine', () => {
  it('matches the QUT self-join on random co-repost data', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 90 }), (rs, window) => {
        const posts = rs.map((r, i) => post(i, r.user, r.t, { repost_of: `item${r.k}` }));
        const got = new Map(edgesAtLeast(coordinationNetwork(posts, 'corepost', window)).map((e) => [`${e.user_1}>${e.user_2}`, e.weight]));
        expect(got).toEqual(naive(posts, (p) => [p.repost_of as string], window));
      }),
      { numRuns: 150 },
    );
  });

  it('counts a message once per partner when it shares several links with them (co-link)', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 90 }), (rs, window) => {
        const posts = rs.map((r, i) => post(i, r.user, r.t, { urls: [...new Set([`https://x.fr/${r.k}`, `https://x.fr/${r.k2}`])] }));
        const got = new Map(edgesAtLeast(coordinationNetwork(posts, 'colink', window)).map((e) => [`${e.user_1}>${e.user_2}`, e.weight]));
        expect(got).toEqual(naive(posts, (p) => p.urls, window));
      }),
      { numRuns: 150 },
    );
  });

  it('links near-duplicate texts and ignores short ones (co-similar)', () => {
    const base = 'les documents de la campagne ont fuité ce soir partagez avant la censure';
    const posts = [
      post(1, 1, 0, { text: base }),
      post(2, 2, 5, { text: `${base} vite` }),
      post(3, 3, 8, { text: 'rien à voir avec le reste du message publié aujourd’hui' }),
      post(4, 4, 9, { text: 'ok merci' }),
      post(5, 5, 10, { text: 'ok merci' }),
    ];
    const edges = edgesAtLeast(coordinationNetwork(posts, 'cosimilar', 60, { similarity: 0.8 }));
    expect(edges.map((e) => `${e.user_1}>${e.user_2}`).sort()).toEqual(['u1>u2', 'u2>u1']);
  });

  it('treats texts as identical after lower-casing and removing mentions (co-text)', () => {
    const posts = [post(1, 1, 0, { text: '@bob Regardez   CECI' }), post(2, 2, 30, { text: 'regardez ceci @alice' }), post(3, 3, 200, { text: 'regardez ceci' })];
    expect(edgesAtLeast(coordinationNetwork(posts, 'cotext', 60)).map((e) => `${e.user_1}>${e.user_2}`).sort()).toEqual(['u1>u2', 'u2>u1']);
  });

  it('estimates the window from the fastest-shared items (CooRnet)', () => {
    const posts: Post[] = [];
    let id = 0;
    // 20 items shared by 6 accounts within 10 s, 150 items shared over hours.
    for (let k = 0; k < 20; k++) for (let u = 0; u < 6; u++) posts.push(post(id++, u, k * 10_000 + u * 2, { repost_of: `fast${k}` }));
    for (let k = 0; k < 150; k++) for (let u = 0; u < 6; u++) posts.push(post(id++, 10 + u, 500_000 + k * 10_000 + u * 1800 + (k % 7) * 60, { repost_of: `slow${k}` }));
    const net = coordinationNetwork(posts, 'corepost', 'auto');
    expect(net.window).toBe(6);
    expect(net.windowEstimate?.fastKeys).toBe(20);
  });
});

describe('edge evidence', () => {
  it('lists the shared items and the time gaps behind an edge', () => {
    const posts = [post(1, 1, 0, { repost_of: 'a' }), post(2, 2, 4, { repost_of: 'a' }), post(3, 1, 100, { repost_of: 'b' }), post(4, 2, 95, { repost_of: 'b' }), post(5, 2, 500, { repost_of: 'c' }), post(6, 1, 900, { repost_of: 'c' })];
    const net = coordinationNetwork(posts, 'corepost', 10);
    expect(evidenceFor(net, 'u1', 'u2')).toEqual([
      { key: 'a', pairs: [{ m1: '1', m2: '2', gap: 4 }] },
      { key: 'b', pairs: [{ m1: '3', m2: '4', gap: -5 }] },
    ]);
    expect(evidenceFor(net, 'u1', 'nobody')).toEqual([]);
  });
});

describe('co-similar against the exact QUT definition', () => {
  const vocab = 'la campagne documents fuite vote dimanche vérité médias scandale argent banque élection débat programme sondage meeting europe emploi'.split(' ');
  it('finds every pair of texts with Jaccard ≥ 0.9 within the window, and no other (fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ user: fc.integer({ min: 0, max: 5 }), t: fc.integer({ min: 0, max: 200 }), base: fc.integer({ min: 0, max: 2 }), drop: fc.integer({ min: 0, max: 12 }) }), { maxLength: 30 }),
        (rs) => {
          const posts = rs.map((r, i) => {
            const words = vocab.slice(r.base, r.base + 12).filter((_w, j) => j !== r.drop);
            return post(i, r.user, r.t, { text: words.join(' ') });
          });
          const sets = posts.map((p) => new Set(p.text.split(' ')));
          const jac = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length / new Set([...a, ...b]).size;
          const want = new Map<string, Set<string>>();
          posts.forEach((a, i) =>
            posts.forEach((b, j) => {
              if (i === j || Math.abs(Date.parse(a.created_at) - Date.parse(b.created_at)) > 60_000 || jac(sets[i], sets[j]) < 0.9) return;
              const k = `${a.author.id}>${b.author.id}`;
              want.set(k, (want.get(k) ?? new Set()).add(a.id));
            }),
          );
          const got = new Map(edgesAtLeast(coordinationNetwork(posts, 'cosimilar', 60, { similarity: 0.9 })).map((e) => [`${e.user_1}>${e.user_2}`, e.weight]));
          expect(got).toEqual(new Map([...want].map(([k, s]) => [k, s.size])));
        },
      ),
      { seed: 20170505, numRuns: 100 },
    );
  });
});
