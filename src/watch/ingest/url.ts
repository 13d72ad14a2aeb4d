/** Query parameters that only track the click, never change the page: stripped before comparing links. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gclsrc', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', 'ref_src', 'ref_url',
  'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid', 'twclid', 'ttclid', 'si', 'cmpid', 'xtor', 'at_medium', 'at_campaign',
]);

/** Link shorteners whose target is only known by asking them (done only through an injected fetcher). */
export const SHORTENERS = new Set([
  't.co', 'bit.ly', 'bitly.com', 'goo.gl', 'ow.ly', 'tinyurl.com', 'buff.ly', 'dlvr.it', 'is.gd', 'trib.al', 'fb.me', 'lnkd.in',
  'ift.tt', 'tiny.cc', 'shorturl.at', 'rebrand.ly', 'cutt.ly', 'youtu.be', 'amzn.to', 'wp.me', 'po.st', 'j.mp',
]);

const MAX_URL = 4096;

/**
 * Canonical form of a link, offline: lower-case scheme and host, no default port, no fragment,
 * no tracking parameters (utm_*, fbclid, gclid…), remaining parameters sorted. Returns undefined
 * for anything that is not an http(s) URL.
 */
export function normalizeUrl(raw: string): string | undefined {
  if (raw.length > MAX_URL) return undefined;
  let s = raw.trim();
  if (!/^https?:\/\//i.test(s)) {
    if (/^www\./i.test(s)) s = `http://${s}`;
    else return undefined;
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (!u.hostname) return undefined;
  u.hash = '';
  u.username = '';
  u.password = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/, '');
  // URL already drops :80 on http and :443 on https.
  const kept = [...u.searchParams.entries()].filter(([k]) => {
    const key = k.toLowerCase();
    return !key.startsWith('utm_') && !TRACKING_PARAMS.has(key);
  });
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  return u.toString();
}

/** The registrable-ish host of a normalised URL without `www.`, for per-domain counts. */
export function urlDomain(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

export function isShortened(url: string): boolean {
  const d = urlDomain(url);
  return d !== undefined && SHORTENERS.has(d);
}

/** Answers where a short link redirects (its Location), or undefined. Injected: tests and offline runs pass a fake. */
export type RedirectFetcher = (url: string) => Promise<string | undefined>;

/**
 * Expands shortened links through `fetcher` (at most `maxHops` redirects each), then normalises.
 * A link the fetcher cannot resolve stays as it was; results are cached per run.
 */
export async function expandUrls(urls: readonly string[], fetcher: RedirectFetcher, opts: { maxHops?: number; cache?: Map<string, string> } = {}): Promise<string[]> {
  const maxHops = opts.maxHops ?? 5;
  const cache = opts.cache ?? new Map<string, string>();
  const out: string[] = [];
  for (const url of urls) {
    const cached = cache.get(url);
    if (cached) {
      out.push(cached);
      continue;
    }
    let cur = url;
    for (let hop = 0; hop < maxHops && isShortened(cur); hop++) {
      let next: string | undefined;
      try {
        next = await fetcher(cur);
      } catch {
        next = undefined;
      }
      const norm = next ? normalizeUrl(next) : undefined;
      if (!norm || norm === cur) break;
      cur = norm;
    }
    cache.set(url, cur);
    out.push(cur);
  }
  return out;
}
