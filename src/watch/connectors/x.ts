/**
 * X (Twitter) API v2 with the organisation's own bearer token: the filtered stream (rules managed
 * here, tagged `rempart:`), or recent search polled with `since_id`. A reconnect of the stream is
 * preceded by a recent search from the last tweet seen, so a disconnect leaves no gap (the stream
 * itself has no replay below the Pro tier). twarc2 archives share the tweet mapping
 * (`archives.ts`).
 */
import { z } from 'zod';
import type { RawPost } from '../ingest/canonical.ts';
import { PlatformError, openStream, requestJson, sleep, streamLines } from './http.ts';
import type { ConnectorSpec, RunContext } from './types.ts';

export const xOptions = z.object({
  mode: z.enum(['stream', 'search']).default('stream'),
  /** The filter: a stream rule and the recent-search query that fills gaps (X query syntax). */
  query: z.string().min(1).max(1024),
  endpoint: z.string().url().default('https://api.x.com'),
  pollSeconds: z.number().int().min(15).max(3600).default(60),
});
type Options = z.infer<typeof xOptions>;

export const TWEET_FIELDS = 'tweet.fields=created_at,author_id,lang,entities,referenced_tweets,conversation_id&expansions=author_id,referenced_tweets.id&user.fields=username,created_at,public_metrics';
const MAX_LINE_BYTES = 1024 * 1024;

export interface V2User {
  id?: unknown;
  username?: unknown;
  created_at?: unknown;
  public_metrics?: { followers_count?: unknown };
}
export interface V2Tweet {
  id?: unknown;
  text?: unknown;
  author_id?: unknown;
  created_at?: unknown;
  lang?: unknown;
  author?: V2User;
  entities?: { urls?: Array<{ expanded_url?: unknown; unwound_url?: unknown; url?: unknown }>; hashtags?: Array<{ tag?: unknown }>; mentions?: Array<{ username?: unknown }> };
  referenced_tweets?: Array<{ type?: unknown; id?: unknown }>;
}

const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/**
 * A v2 tweet as a canonical post. Ids are the tweet ids as they are, like the QUT toolkit's, so an
 * archive and the live stream of the same tweets deduplicate.
 */
export function twitterPost(t: V2Tweet, users: Map<string, V2User>): RawPost | undefined {
  const id = s(t.id);
  const authorId = s(t.author_id) ?? s(t.author?.id);
  if (!id || !authorId) return undefined;
  const u = t.author ?? users.get(authorId);
  const ref = (type: string) => s(t.referenced_tweets?.find((r) => r?.type === type)?.id);
  return {
    id,
    platform: 'twitter',
    author: { id: authorId, handle: s(u?.username), created_at: u?.created_at, followers: u?.public_metrics?.followers_count },
    created_at: t.created_at,
    text: s(t.text) ?? '',
    language: s(t.lang) === 'und' ? undefined : s(t.lang),
    urls: (t.entities?.urls ?? []).map((x) => s(x?.unwound_url) ?? s(x?.expanded_url) ?? s(x?.url)).filter((x): x is string => !!x),
    hashtags: (t.entities?.hashtags ?? []).map((h) => s(h?.tag)).filter((x): x is string => !!x),
    mentions: (t.entities?.mentions ?? []).map((m) => s(m?.username)).filter((x): x is string => !!x),
    repost_of: ref('retweeted'),
    quote_of: ref('quoted'),
    reply_to: ref('replied_to'),
  };
}

/** Users of a response's `includes`, by id. */
export function usersOf(includes: unknown): Map<string, V2User> {
  const m = new Map<string, V2User>();
  const users = (includes as { users?: unknown } | undefined)?.users;
  if (Array.isArray(users)) for (const u of users as V2User[]) if (s(u?.id)) m.set(u.id as string, u);
  return m;
}

/** Tweet ids are decimal snowflakes: compare by length, then as strings. */
const newer = (a: string, b: string | undefined) => !b || a.length > b.length || (a.length === b.length && a > b);

async function run(ctx: RunContext<Options>): Promise<void> {
  const token = ctx.secrets.bearer;
  if (!token) throw new PlatformError('no bearer token (REMPART_X_BEARER_TOKEN or the dashboard form)', 0, undefined, true);
  const auth = { authorization: `Bearer ${token}` };
  const api = ctx.options.endpoint.replace(/\/$/, '');
  const cursor = { ...ctx.cursor };

  /** Maps a page of tweets; the newest id seen goes to `seen`, the batch carries `save` (or what it returns once mapped) as its cursor. */
  const emitPage = async (data: unknown, includes: unknown, save: Record<string, string> | (() => Record<string, string>), seen: { newest?: string }) => {
    const tweets = Array.isArray(data) ? (data as V2Tweet[]) : data && typeof data === 'object' ? [data as V2Tweet] : [];
    const users = usersOf(includes);
    const posts: RawPost[] = [];
    for (const t of tweets) {
      const p = twitterPost(t, users);
      if (!p) {
        ctx.skip('malformed tweet');
        continue;
      }
      posts.push(p);
      if (newer(p.id as string, seen.newest)) seen.newest = p.id as string;
    }
    await ctx.emit({ posts, cursor: typeof save === 'function' ? save() : save, events: tweets.length });
  };

  /**
   * Recent search from since_id, every page. Pages come newest first, so since_id moves only once
   * the last page is stored: a crash midway re-reads (idempotent), it never skips.
   */
  const search = async () => {
    const start = { ...cursor };
    const seen = { newest: cursor.since_id };
    let next: string | undefined;
    for (let page = 0; page < 100; page++) {
      const u = new URL(`${api}/2/tweets/search/recent?${TWEET_FIELDS}`);
      u.searchParams.set('query', ctx.options.query);
      u.searchParams.set('max_results', '100');
      if (start.since_id) u.searchParams.set('since_id', start.since_id);
      if (next) u.searchParams.set('next_token', next);
      const r = await requestJson<{ data?: unknown; includes?: unknown; meta?: { next_token?: unknown } }>(u.toString(), { headers: auth, signal: ctx.signal });
      await emitPage(r.body?.data, r.body?.includes, start, seen);
      next = s(r.body?.meta?.next_token);
      if (!next) break;
    }
    if (seen.newest && seen.newest !== start.since_id) {
      cursor.since_id = seen.newest;
      await ctx.emit({ posts: [], cursor: { ...cursor }, events: 0 });
    }
  };

  const ensureRule = async () => {
    const tag = 'rempart:watch';
    const cur = await requestJson<{ data?: Array<{ id?: unknown; value?: unknown; tag?: unknown }> }>(`${api}/2/tweets/search/stream/rules`, { headers: auth, signal: ctx.signal });
    const ours = (cur.body?.data ?? []).filter((r) => r?.tag === tag);
    const stale = ours.filter((r) => r.value !== ctx.options.query).map((r) => String(r.id));
    if (stale.length) await requestJson(`${api}/2/tweets/search/stream/rules`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ delete: { ids: stale } }), signal: ctx.signal });
    if (!ours.some((r) => r.value === ctx.options.query)) await requestJson(`${api}/2/tweets/search/stream/rules`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ add: [{ value: ctx.options.query, tag }] }), signal: ctx.signal });
  };

  if (ctx.options.mode === 'search') {
    for (;;) {
      await search();
      ctx.connected('recent search');
      await sleep(ctx.options.pollSeconds * 1000, ctx.signal);
    }
  }

  await ensureRule();
  // What was said while we were away (recent search covers the last seven days).
  if (cursor.since_id) await search();
  const res = await openStream(`${api}/2/tweets/search/stream?${TWEET_FIELDS}`, { headers: auth, signal: ctx.signal });
  ctx.connected('filtered stream');
  // X sends a keep-alive every 20 seconds: 60 seconds of silence is a dead connection.
  for await (const line of streamLines(res, { maxLine: MAX_LINE_BYTES, idleMs: 60_000, signal: ctx.signal, onOversized: () => ctx.skip('oversized event') })) {
    if (!line.trim()) continue;
    let msg: { data?: unknown; includes?: unknown; errors?: Array<{ title?: unknown; detail?: unknown }> };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      ctx.skip('malformed JSON');
      continue;
    }
    if (msg.errors?.length && !msg.data) throw new PlatformError(`stream error: ${s(msg.errors[0]?.title) ?? ''} ${s(msg.errors[0]?.detail) ?? ''}`.trim(), 0);
    // The tweet and the cursor that includes it are saved together (posts first).
    const seen = { newest: cursor.since_id };
    await emitPage(msg.data, msg.includes, () => (seen.newest ? { ...cursor, since_id: seen.newest } : { ...cursor }), seen);
    if (seen.newest) cursor.since_id = seen.newest;
  }
  throw new PlatformError('stream ended', 0);
}

export const x: ConnectorSpec<typeof xOptions> = {
  platform: 'x',
  title: { fr: 'X (Twitter) API v2', en: 'X (Twitter) API v2' },
  options: xOptions,
  credentials: [{ key: 'bearer', label: { fr: 'Jeton « bearer » de l’application X', en: 'X app bearer token' }, env: 'REMPART_X_BEARER_TOKEN', required: true }],
  limits: {
    fr: 'Nécessite l’accès API X de l’organisation (le flux filtré exige le niveau Pro ou plus ; la recherche récente le niveau Basic : 60 requêtes / 15 min, 7 jours en arrière). x-rate-limit-reset respecté ; une connexion de flux par application.',
    en: 'Needs the organisation’s own X API access (the filtered stream needs the Pro tier or above; recent search the Basic tier: 60 requests / 15 min, 7 days back). x-rate-limit-reset honoured; one stream connection per app.',
  },
  describe: (o, lang) => `${o.mode === 'stream' ? (lang === 'fr' ? 'flux filtré' : 'filtered stream') : lang === 'fr' ? 'recherche récente' : 'recent search'} “${o.query.slice(0, 60)}”`,
  run,
};
