import type { Store } from '../store/index.ts';
import type { Post } from './post.ts';
import { savePosts, upsertSource } from './repo.ts';
import { DEFAULT_OUTLETS } from './stance.ts';
import { burstsFromStore, initDefaultSources } from './service.ts';
import { rng, simulateStream } from './simulate.ts';

const ARTICLES: Array<{ source: string; handle: string; domain: string; at: string; text: string }> = [
  { source: 'rt-france', handle: 'rtenfrancais', domain: 'francais.rt.com', at: '2017-05-04T09:00:00Z', text: 'Macron, le candidat des banques : un scandale que les médias cachent. Marine Le Pen, courageuse, dénonce le système.' },
  { source: 'rt-france', handle: 'rtenfrancais', domain: 'francais.rt.com', at: '2017-05-05T21:10:00Z', text: 'MacronLeaks : des documents suspects sur Macron circulent. Macron est-il un menteur ? Marine Le Pen reste solide.' },
  { source: 'rt-france', handle: 'rtenfrancais', domain: 'francais.rt.com', at: '2017-05-06T08:00:00Z', text: 'Compte offshore : Macron corrompu selon des internautes. Le Pen, patriote, promet la victoire.' },
  { source: 'sputnik-france', handle: 'sputnik_fr', domain: 'fr.sputniknews.com', at: '2017-05-04T12:00:00Z', text: 'Macron, marionnette des élites ? Un échec annoncé. Marine Le Pen gagne du terrain, un espoir pour beaucoup.' },
  { source: 'sputnik-france', handle: 'sputnik_fr', domain: 'fr.sputniknews.com', at: '2017-05-05T22:00:00Z', text: 'Fuites : le scandale Macron. Emmanuel Macron dangereux pour la France selon ses opposants.' },
  { source: 'sputnik-france', handle: 'sputnik_fr', domain: 'fr.sputniknews.com', at: '2017-05-06T10:00:00Z', text: 'Marine Le Pen, crédible et forte. Macron, arrogant, cache la vérité.' },
  { source: 'le-monde', handle: 'lemondefr', domain: 'lemonde.fr', at: '2017-05-05T23:30:00Z', text: "L'équipe d'Emmanuel Macron annonce avoir été victime d'un piratage massif. Des faux documents sont mêlés aux vrais." },
  { source: 'le-monde', handle: 'lemondefr', domain: 'lemonde.fr', at: '2017-05-06T09:00:00Z', text: 'La commission électorale demande de ne pas relayer les documents. Marine Le Pen et Emmanuel Macron terminent la campagne.' },
];

/**
 * The watch part of the 2017 story: a stream with a planted group of young accounts pushing
 * #MacronLeaks within seconds of each other (and a burst on the evening of 5 May, 44 hours before
 * the vote), ordinary accounts, and articles by RT France, Sputnik France and Le Monde.
 */
export async function loadWatchDemo(store: Store): Promise<string> {
  await initDefaultSources(store.db);
  for (const s of ['rt-france', 'sputnik-france', 'le-monde']) {
    const feed = { 'rt-france': 'https://francais.rt.com/rss', 'sputnik-france': 'https://fr.sputniknews.com/export/rss2/archive/index.xml', 'le-monde': 'https://www.lemonde.fr/rss/une.xml' }[s];
    const o = DEFAULT_OUTLETS.find((x) => x.id === s);
    if (o && feed) await upsertSource(store.db, { ...o, feedUrl: feed });
  }
  const sim = simulateStream({ seed: 2017, accounts: 400, ordinaryPosts: 4000, items: 600, groups: 1, groupSize: [14, 14], campaigns: [12, 12], hyperactive: 3, hyperactivePosts: 300, originals: 0.1 });
  const rand = rng(44);
  const posts: Post[] = sim.posts.map((p) => ({ ...p, id: `demo-${p.id}`, repost_of: p.repost_of ? `demo-${p.repost_of}` : undefined }));
  const group = sim.groups[0];
  // The leak evening: the group and its amplifiers flood #MacronLeaks within the hour.
  const leak = Date.parse('2017-05-05T18:40:00Z');
  for (let i = 0; i < 90; i++) {
    const author = i < 42 ? group[i % group.length] : `amplifier${i % 25}`;
    posts.push({
      id: `demo-leak-${i}`, platform: 'twitter', author: { id: author, handle: i < 42 ? `patriote${10000 + (i % group.length)}` : `amplifier_${i % 25}`, created_at: '2017-04-28T00:00:00.000Z' },
      text: `#MacronLeaks les documents de la campagne : la vérité que les médias cachent https://archive.example.org/macronleaks`, created_at: new Date(leak + Math.floor(rand() * 3000_000)).toISOString(),
      urls: ['https://archive.example.org/macronleaks'], hashtags: ['macronleaks'], mentions: [], repost_of: i < 42 ? 'demo-leak-origin' : undefined,
    });
  }
  for (const [i, a] of ARTICLES.entries()) {
    posts.push({ id: `demo-article-${i}`, platform: 'news', author: { id: a.source, handle: a.handle }, text: a.text, created_at: new Date(a.at).toISOString(), urls: [`https://${a.domain}/article/${i}`], hashtags: [], mentions: [], source: a.source });
  }
  const { inserted } = await savePosts(store, posts);
  const bursts = await burstsFromStore(store, { alert: true, kinds: ['hashtag', 'url'] });
  return `watch: ${inserted} posts (${posts.length} in the story), 1 planted group of ${group.length}, ${bursts.length} bursts, sources RT France / Sputnik France (state-affiliated)`;
}
