import { loadOrgContext } from '../org/index.ts';
import type { Store } from '../store/index.ts';
import { buildMatcher } from './matcher.ts';
import { watchLines } from './watch.ts';

/**
 * The 2017 lookalikes as a certificate-transparency feed would have shown them, among ordinary
 * names, run through the real matcher: what it finds is stored and alerted as `domains watch` does.
 */
export const DEMO_FEED = [
  'boulangerie-martin.fr', 'onedrive-en-marche.fr', 'www.lemonde.fr', 'mail-en-marche.fr', 'cdn.example.net',
  'en-marche-fr.com', 'en-marche.fr.secure-login.com', 'paris-velo.fr', 'en-rnarche.fr', 'marche.fr', 'xn--n-marche-b8g.fr', // еn-marche.fr, Cyrillic е
];

export async function loadDomainsDemo(store: Store): Promise<string> {
  const org = await loadOrgContext(store.db);
  const matcher = buildMatcher(org.protectedDomains, { brands: org.brandDomains, brandSpecs: org.brands });
  async function* lines() {
    yield* DEMO_FEED;
  }
  const r = await watchLines(store, matcher, lines(), { source: 'démonstration : flux de certificats (avril 2017)' });
  return `domains: ${DEMO_FEED.length} names watched, ${r.created} new lookalikes`;
}
