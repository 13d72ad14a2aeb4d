import { describe, expect, it } from 'vitest';
import { detectBursts } from './bursts.ts';
import { buildNarratives } from './narratives.ts';
import type { Post } from './post.ts';
import { accountSignals, gapEntropy, handlePattern } from './signals.ts';
import { DEFAULT_ENTITIES, describeSlant, sentenceStance, sourceSlant } from './stance.ts';

const T0 = Date.parse('2017-05-05T00:00:00Z') / 1000;
let n = 0;
function post(author: string, t: number, extra: Partial<Post> = {}): Post {
  return { id: String(++n), platform: 't', author: { id: author }, text: '', created_at: new Date((T0 + t) * 1000).toISOString(), urls: [], hashtags: [], mentions: [], ...extra };
}
const macron = DEFAULT_ENTITIES[0];

describe('stance', () => {
  it('scores sentiment near the mention and flips it after a negation', () => {
    expect(sentenceStance('Macron est un menteur.', macron)).toBeLessThan(0);
    expect(sentenceStance("Macron n'est pas un menteur.", macron)).toBeGreaterThan(0);
    expect(sentenceStance('Macron is not corrupt', macron)).toBeGreaterThan(0);
    expect(sentenceStance('Le Pen est dangereuse', macron)).toBeUndefined();
    // Sentiment far from the mention does not count.
    expect(sentenceStance('Macron a parlé hier soir devant une foule de militants réunis à Paris pendant longtemps puis quelqu’un a crié scandale', macron)).toBe(0);
  });
  it('gives each source its slant with the sentences that carry it', () => {
    const posts = [
      ...[1, 2, 3].map((i) => post('x', i, { source: 'rt-france', text: `Scandale : Macron corrompu selon des documents. Marine Le Pen, courageuse, répond ${i}.` })),
      post('y', 9, { source: 'le-monde', text: 'Emmanuel Macron tient meeting à Albi.' }),
    ];
    const slant = sourceSlant(posts);
    const rt = slant.filter((s) => s.source === 'rt-france');
    expect(rt.find((s) => s.entity === 'macron')?.mean).toBeLessThan(0);
    expect(rt.find((s) => s.entity === 'le-pen')?.mean).toBeGreaterThan(0);
    expect(rt.find((s) => s.entity === 'macron')?.examples[0].sentence).toContain('corrompu');
    expect(describeSlant(rt, 'en')).toBe('positive on le-pen; negative on macron');
  });
});

describe('account signals', () => {
  it('scores a young, regular, night-posting, numbered account above an ordinary one', () => {
    const bot: Post[] = [];
    for (let i = 0; i < 200; i++) bot.push(post('bot', i * 600, { repost_of: `i${i}`, author: { id: 'bot', handle: 'patriote84721', created_at: '2017-04-30T00:00:00Z' } }));
    const human: Post[] = [];
    for (let i = 0; i < 20; i++) human.push(post('human', 36000 + i * 3000 + (i % 5) * 997 + i * i * 50, { author: { id: 'human', handle: 'claire_dupont', created_at: '2012-01-01T00:00:00Z' } }));
    const s = accountSignals([...bot, ...human], { coordinated: new Set(['bot']) });
    expect(s[0].account).toBe('bot');
    expect(s[0].score).toBeGreaterThan(60);
    expect(s[1].score).toBeLessThan(20);
    expect(s[0].parts.map((p) => p.name)).toContain('young');
    expect(handlePattern('patriote84721')).toBe(1);
    expect(gapEntropy([0, 60, 120, 180, 240, 300])).toBe(0);
  });
});

describe('bursts', () => {
  it('detects a hashtag rising far above its baseline and says who drives it', () => {
    const posts: Post[] = [];
    for (let h = 0; h < 48; h++) for (let i = 0; i < 3; i++) posts.push(post(`u${i}`, h * 3600 + i * 100, { hashtags: ['presidentielle'] }));
    for (let i = 0; i < 150; i++) posts.push(post(`bot${i % 30}`, 40 * 3600 + i * 10, { hashtags: ['macronleaks'], author: { id: `bot${i % 30}`, created_at: '2017-05-01T00:00:00Z' } }));
    const bursts = detectBursts(posts, { coordinated: new Set(Array.from({ length: 15 }, (_, i) => `bot${i}`)), kinds: ['hashtag'] });
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ term: '#macronleaks', count: 150, coordinatedShare: 0.5, youngShare: 1 });
    expect(bursts[0].at).toBe('2017-05-06T16:00:00.000Z');
  });
});

describe('narratives', () => {
  it('groups posts by shared link and reposts, with patient zero and inflation', () => {
    const posts = [
      post('origin', 0, { text: 'Des documents de la campagne ont fuité', urls: ['https://pastebin.com/x'], author: { id: 'origin', followers: 100 } }),
      ...Array.from({ length: 6 }, (_, i) => post(`c${i}`, 10 + i, { repost_of: '1', urls: ['https://pastebin.com/x'], author: { id: `c${i}`, followers: 10 } })),
      post('p1', 500, { text: 'lien', urls: ['https://pastebin.com/x'] }),
      ...Array.from({ length: 6 }, (_, i) => post(`o${i}`, 1000 + i, { urls: ['https://lemonde.fr/autre'] })),
    ];
    n = 0;
    const ns = buildNarratives(posts, { coordinated: new Set(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']) });
    expect(ns).toHaveLength(2);
    expect(ns[0].posts).toBe(8);
    expect(ns[0].patientZero[0].account).toBe('origin');
    expect(ns[0].inflation).toBe(0.75);
    expect(ns[0].reach).toBe(160);
  });
});

describe('narratives from near-duplicate texts', () => {
  it('joins edited copies of a text and keeps a different story apart', () => {
    const base = 'les documents internes de la campagne montrent des comptes cachés aux bahamas selon une source anonyme';
    const posts = [
      post('a', 0, { text: base }),
      post('b', 60, { text: `${base} partagez` }),
      post('c', 120, { text: base.replace('anonyme', 'sûre') }),
      post('d', 180, { text: `${base} !!` }),
      post('e', 240, { text: `URGENT ${base}` }),
      ...Array.from({ length: 5 }, (_, i) => post(`x${i}`, 300 + i, { text: `le débat télévisé de mercredi soir a opposé les deux finalistes pendant deux heures et demie ${i}` })),
    ];
    const ns = buildNarratives(posts, { minPosts: 3 });
    expect(ns.map((n) => n.posts).sort()).toEqual([5, 5]);
    expect(ns.find((n) => n.patientZero[0].account === 'a')?.accounts).toBe(5);
  });
});
