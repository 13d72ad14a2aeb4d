/**
 * Mastodon (and other Mastodon-API servers): public, local or hashtag timelines of several
 * instances at once. Each timeline is read from its streaming API (server-sent events) when the
 * instance allows it, after a REST catch-up from the saved cursor (`min_id`), so a reconnect
 * leaves no gap; when streaming is refused (many instances require a token for it) the timeline
 * is polled over REST instead.
 */
import { z } from 'zod';
import { stripHtml } from '../ingest/feeds.ts';
import type { RawPost } from '../ingest/canonical.ts';
import { Backoff, PlatformError, Stopped, openStream, requestJson, sleep, streamSse } from './http.ts';
import type { ConnectorSpec, RunContext } from './types.ts';

export const mastodonOptions = z.object({
  instances: z.array(z.string().url()).min(1).max(20),
  timeline: z.enum(['public', 'local', 'hashtag']).default('public'),
  hashtags: z.array(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u)).max(20).default([]),
  mode: z.enum(['auto', 'stream', 'poll']).default('auto'),
  pollSeconds: z.number().int().min(5).max(3600).default(30),
});
type Options = z.infer<typeof mastodonOptions>;

const MAX_EVENT_BYTES = 512 * 1024;
const PAGE = 40;
/** REST pages read in one catch-up before going live (40 statuses each). */
const MAX_CATCHUP_PAGES = 50;

interface Account {
  id?: unknown;
  acct?: unknown;
  url?: unknown;
  created_at?: unknown;
  followers_count?: unknown;
}
export interface Status {
  id?: unknown;
  uri?: unknown;
  url?: unknown;
  created_at?: unknown;
  content?: unknown;
  spoiler_text?: unknown;
  language?: unknown;
  account?: Account;
  reblog?: Status | null;
  in_reply_to_id?: unknown;
  tags?: Array<{ name?: unknown }>;
  mentions?: Array<{ acct?: unknown }>;
  card?: { url?: unknown } | null;
  quote?: { quoted_status?: Status | null } | null;
}

const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const host = (instance: string) => new URL(instance).host;

/** The account's full handle: `acct` is bare for local accounts, so the instance is added. */
function handleOf(a: Account | undefined, instance: string): string | undefined {
  const acct = s(a?.acct);
  if (!acct) return undefined;
  return acct.includes('@') ? acct : `${acct}@${host(instance)}`;
}

/** Links written in the content, without the instance's own mention and hashtag links. */
function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]{1,2048})"[^>]*>/gi)) {
    if (/class="[^"]*\b(mention|hashtag)\b/i.test(m[0])) continue;
    out.push(m[1].replace(/&amp;/g, '&'));
  }
  return out;
}

/** A status as a canonical post: ids are the statuses' URIs, the same whatever instance we read them on. */
export function mastodonPost(st: Status, instance: string): RawPost | undefined {
  const id = s(st.uri) ?? (s(st.id) ? `${instance.replace(/\/$/, '')}/statuses/${String(st.id)}` : undefined);
  const handle = handleOf(st.account, instance);
  const authorId = s(st.account?.url) ?? handle;
  if (!id || !authorId) return undefined;
  const author = { id: authorId, handle, created_at: st.account?.created_at, followers: st.account?.followers_count };
  if (st.reblog) {
    const target = s(st.reblog.uri);
    return { id, platform: 'mastodon', author, created_at: st.created_at, text: '', repost_of: target };
  }
  const html = s(st.content) ?? '';
  const cw = s(st.spoiler_text);
  return {
    id,
    platform: 'mastodon',
    author,
    created_at: st.created_at,
    text: [cw, stripHtml(html)].filter(Boolean).join('\n'),
    language: s(st.language),
    urls: [...linksOf(html), ...(s(st.card?.url) ? [st.card!.url as string] : [])],
    hashtags: (st.tags ?? []).map((t) => s(t?.name)).filter((x): x is string => !!x),
    mentions: (st.mentions ?? []).map((m) => s(m?.acct)).filter((x): x is string => !!x),
    reply_to: s(st.in_reply_to_id) ? `${instance.replace(/\/$/, '')}/statuses/${String(st.in_reply_to_id)}` : undefined,
    quote_of: s(st.quote?.quoted_status?.uri),
  };
}

/** Mastodon ids are decimal snowflakes: compare by length, then as strings. */
const newer = (a: string, b: string | undefined) => !b || a.length > b.length || (a.length === b.length && a > b);

interface Timeline {
  key: string;
  instance: string;
  rest: string;
  stream: string;
}

function timelines(o: Options): Timeline[] {
  const out: Timeline[] = [];
  for (const raw of o.instances) {
    const base = raw.replace(/\/$/, '');
    if (o.timeline === 'hashtag') {
      for (const tag of o.hashtags) out.push({ key: `${host(base)}#${tag}`, instance: base, rest: `${base}/api/v1/timelines/tag/${encodeURIComponent(tag)}`, stream: `${base}/api/v1/streaming/hashtag?tag=${encodeURIComponent(tag)}` });
    } else {
      const local = o.timeline === 'local';
      out.push({ key: `${host(base)}/${o.timeline}`, instance: base, rest: `${base}/api/v1/timelines/public${local ? '?local=true' : ''}`, stream: `${base}/api/v1/streaming/public${local ? '/local' : ''}` });
    }
  }
  return out;
}

async function run(ctx: RunContext<Options>): Promise<void> {
  if (ctx.options.timeline === 'hashtag' && !ctx.options.hashtags.length) throw new PlatformError('the hashtag timeline needs at least one --hashtag', 0, undefined, true);
  const cursor = { ...ctx.cursor };
  // One timeline failing for good (credentials) stops the others too.
  const inner = new AbortController();
  const signal = AbortSignal.any([ctx.signal, inner.signal]);
  const auth: Record<string, string> = ctx.secrets.token ? { authorization: `Bearer ${ctx.secrets.token}` } : {};

  const emitStatuses = async (tl: Timeline, statuses: Status[]) => {
    const posts: RawPost[] = [];
    for (const st of statuses) {
      const p = mastodonPost(st, tl.instance);
      if (p) posts.push(p);
      else ctx.skip('malformed status');
      const id = s(st.id);
      if (id && newer(id, cursor[tl.key])) cursor[tl.key] = id;
    }
    await ctx.emit({ posts, cursor: { ...cursor }, events: statuses.length });
  };

  /** Everything newer than the cursor, oldest first (min_id pages forward). */
  const catchUp = async (tl: Timeline) => {
    for (let page = 0; page < MAX_CATCHUP_PAGES; page++) {
      const u = new URL(tl.rest);
      u.searchParams.set('limit', String(PAGE));
      if (cursor[tl.key]) u.searchParams.set('min_id', cursor[tl.key]);
      const r = await requestJson<unknown>(u.toString(), { headers: auth, signal });
      if (!Array.isArray(r.body)) throw new PlatformError('timeline is not a list of statuses', r.status);
      const statuses = (r.body as Status[]).filter((x) => x && typeof x === 'object');
      if (!statuses.length) return;
      // With min_id the page is newest first; store oldest first so the cursor only moves forward.
      statuses.sort((a, b) => (newer(String(a.id ?? ''), String(b.id ?? '')) ? 1 : -1));
      await emitStatuses(tl, statuses);
      if (!cursor[tl.key] || statuses.length < PAGE) return;
    }
  };

  const follow = async (tl: Timeline) => {
    const backoff = new Backoff(1000, 120_000);
    let streaming = ctx.options.mode !== 'poll';
    for (;;) {
      try {
        await catchUp(tl);
        if (!streaming) {
          ctx.connected(`${tl.key} (REST)`);
          backoff.reset();
          await sleep(ctx.options.pollSeconds * 1000, signal);
          continue;
        }
        let res: Response;
        try {
          res = await openStream(tl.stream, { headers: { accept: 'text/event-stream', ...auth }, signal });
        } catch (e) {
          // Streaming refused (no token, disabled, not found): poll instead when allowed to.
          if (ctx.options.mode === 'auto' && e instanceof PlatformError && [401, 403, 404, 405, 410, 501].includes(e.status)) {
            ctx.warn(`${tl.key}: streaming refused (${e.status}), polling every ${ctx.options.pollSeconds} s`);
            streaming = false;
            continue;
          }
          throw e;
        }
        ctx.connected(`${tl.key} (streaming)`);
        backoff.reset();
        for await (const ev of streamSse(res, { maxEvent: MAX_EVENT_BYTES, idleMs: 90_000, signal, onOversized: () => ctx.skip('oversized event') })) {
          if (ev.event === 'delete') ctx.skip('deleted');
          else if (ev.event === 'update') {
            let st: Status;
            try {
              st = JSON.parse(ev.data) as Status;
            } catch {
              ctx.skip('malformed JSON');
              continue;
            }
            if (!st || typeof st !== 'object') ctx.skip('malformed status');
            else await emitStatuses(tl, [st]);
          } else if (ev.event === 'status.update') ctx.skip('edited');
        }
        throw new PlatformError(`${tl.key}: stream ended`, 0);
      } catch (e) {
        if (e instanceof Stopped || signal.aborted) throw new Stopped();
        if (e instanceof PlatformError && e.fatal) {
          inner.abort();
          throw e;
        }
        const wait = e instanceof PlatformError && e.retryAfterMs !== undefined ? e.retryAfterMs : backoff.next();
        ctx.warn(`${tl.key}: ${(e as Error).message}; nouvelle tentative dans / retrying in ${Math.round(wait / 1000)} s`);
        await sleep(wait, signal);
      }
    }
  };

  // Timelines run side by side; the first to fail for good is the connector's error.
  const results = await Promise.allSettled(timelines(ctx.options).map((tl) => follow(tl)));
  const fatal = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof Stopped));
  if (fatal) throw fatal.reason;
  throw new Stopped();
}

export const mastodon: ConnectorSpec<typeof mastodonOptions> = {
  platform: 'mastodon',
  title: { fr: 'Mastodon', en: 'Mastodon' },
  options: mastodonOptions,
  credentials: [{ key: 'token', label: { fr: 'Jeton d’accès (facultatif ; exigé par certaines instances pour le flux)', en: 'Access token (optional; some instances require it for streaming)' }, env: 'REMPART_MASTODON_TOKEN', required: false }],
  limits: {
    fr: 'Les fils publics se lisent sans jeton sur la plupart des instances ; le flux continu en exige souvent un (sinon lecture périodique). REST : 300 requêtes par 5 minutes et par IP (X-RateLimit-Reset respecté). Plusieurs instances à la fois.',
    en: 'Public timelines need no token on most instances; streaming often does (otherwise polled). REST: 300 requests per 5 minutes per IP (X-RateLimit-Reset honoured). Several instances at once.',
  },
  describe: (o) => `${o.instances.map(host).join(', ')} ${o.timeline === 'hashtag' ? o.hashtags.map((h) => `#${h}`).join(' ') : o.timeline}`,
  run,
};
