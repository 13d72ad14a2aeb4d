/**
 * YouTube comments of chosen videos, with a YouTube Data API v3 key: `commentThreads.list`
 * newest first, polled; each video's cursor is the time of the newest comment stored, and a pass
 * pages back only until it meets it. A top-level comment replies to its video
 * (`yt-video:<id>`), so accounts that pile onto the same videos show in the reply networks.
 */
import { z } from 'zod';
import type { RawPost } from '../ingest/canonical.ts';
import { PlatformError, requestJson, sleep } from './http.ts';
import type { ConnectorSpec, RunContext } from './types.ts';

export const youtubeOptions = z.object({
  videos: z.array(z.string().regex(/^[A-Za-z0-9_-]{11}$/)).min(1).max(200),
  endpoint: z.string().url().default('https://www.googleapis.com/youtube/v3'),
  pollSeconds: z.number().int().min(60).max(86_400).default(600),
});
type Options = z.infer<typeof youtubeOptions>;

/** Pages of 100 threads read per video and pass (1 quota unit each; the default quota is 10,000 a day). */
const MAX_PAGES = 20;

interface CommentSnippet {
  videoId?: unknown;
  authorDisplayName?: unknown;
  authorChannelId?: { value?: unknown };
  textOriginal?: unknown;
  textDisplay?: unknown;
  publishedAt?: unknown;
  parentId?: unknown;
}
interface Comment {
  id?: unknown;
  snippet?: CommentSnippet;
}
export interface CommentThread {
  id?: unknown;
  snippet?: { videoId?: unknown; topLevelComment?: Comment };
  replies?: { comments?: Comment[] };
}

const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** A comment as a canonical post. */
export function youtubePost(c: Comment, videoId: string): RawPost | undefined {
  const id = s(c.id);
  const sn = c.snippet;
  const author = s(sn?.authorChannelId?.value);
  if (!id || !sn || !author) return undefined;
  const parent = s(sn.parentId);
  return {
    id: `yt:${id}`,
    platform: 'youtube',
    author: { id: `yt:${author}`, handle: s(sn.authorDisplayName) },
    created_at: sn.publishedAt,
    text: s(sn.textOriginal) ?? s(sn.textDisplay) ?? '',
    reply_to: parent ? `yt:${parent}` : `yt-video:${videoId}`,
  };
}

async function run(ctx: RunContext<Options>): Promise<void> {
  const key = ctx.secrets.apiKey;
  if (!key) throw new PlatformError('no API key (REMPART_YOUTUBE_API_KEY)', 0, undefined, true);
  const cursor = { ...ctx.cursor };
  const api = ctx.options.endpoint.replace(/\/$/, '');
  let connected = false;
  for (;;) {
    for (const video of ctx.options.videos) {
      const since = cursor[video];
      let newest = since;
      let page: string | undefined;
      for (let i = 0; i < MAX_PAGES; i++) {
        const u = new URL(`${api}/commentThreads`);
        u.searchParams.set('part', 'snippet,replies');
        u.searchParams.set('videoId', video);
        u.searchParams.set('maxResults', '100');
        u.searchParams.set('order', 'time');
        u.searchParams.set('textFormat', 'plainText');
        u.searchParams.set('key', key);
        if (page) u.searchParams.set('pageToken', page);
        const r = await requestJson<{ items?: CommentThread[]; nextPageToken?: unknown; error?: { errors?: Array<{ reason?: unknown }> } }>(u.toString(), { signal: ctx.signal }).catch((e: unknown) => {
          if (e instanceof PlatformError) {
            const msg = e.message.replaceAll(key, '…');
            // Comments disabled or video gone: that video is skipped, the others go on.
            if (e.status === 403 && /disabled comments|commentsDisabled/i.test(msg)) return undefined;
            if (e.status === 404) return undefined;
            // quotaExceeded: nothing to do until the daily quota resets.
            if (/quota/i.test(msg)) throw new PlatformError(`quota exhausted: ${msg}`, 429, 60 * 60_000);
            throw new PlatformError(msg, e.status, e.retryAfterMs, e.fatal);
          }
          throw e;
        });
        if (!r) {
          ctx.skip('video without comments (disabled or removed)');
          break;
        }
        if (!connected) {
          ctx.connected('Data API');
          connected = true;
        }
        const posts: RawPost[] = [];
        let events = 0;
        let reachedCursor = false;
        for (const th of Array.isArray(r.body?.items) ? r.body.items : []) {
          const top = th?.snippet?.topLevelComment;
          for (const c of [top, ...(th?.replies?.comments ?? [])]) {
            if (!c) continue;
            events++;
            const at = s(c.snippet?.publishedAt);
            if (since && at && at <= since) {
              if (c === top) reachedCursor = true;
              continue;
            }
            const p = youtubePost(c, video);
            if (!p) {
              ctx.skip('malformed comment');
              continue;
            }
            posts.push(p);
            if (at && (!newest || at > newest)) newest = at;
          }
        }
        // The cursor moves once this video's pass is complete (pages come newest first).
        await ctx.emit({ posts, cursor: { ...cursor }, events });
        page = s(r.body?.nextPageToken);
        if (!page || reachedCursor) break;
      }
      if (newest && newest !== since) {
        cursor[video] = newest;
        await ctx.emit({ posts: [], cursor: { ...cursor }, events: 0 });
      }
    }
    await sleep(ctx.options.pollSeconds * 1000, ctx.signal);
  }
}

export const youtube: ConnectorSpec<typeof youtubeOptions> = {
  platform: 'youtube',
  title: { fr: 'YouTube (commentaires)', en: 'YouTube (comments)' },
  options: youtubeOptions,
  credentials: [{ key: 'apiKey', label: { fr: 'Clé d’API YouTube Data v3', en: 'YouTube Data API v3 key' }, env: 'REMPART_YOUTUBE_API_KEY', required: true }],
  limits: {
    fr: 'Clé d’API YouTube Data v3 ; 10 000 unités de quota par jour par défaut (une page de 100 fils de commentaires coûte 1). Les réponses au-delà des cinq que porte chaque fil ne sont pas lues.',
    en: 'YouTube Data API key; 10,000 quota units a day by default (one page of 100 comment threads costs 1). Replies beyond the five a thread carries are not fetched.',
  },
  describe: (o, lang) => `${o.videos.length} ${lang === 'fr' ? 'vidéo(s)' : 'video(s)'}`,
  run,
};
