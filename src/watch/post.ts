import { z } from 'zod';

/** Bounds on one post: a hostile feed may send megabyte "tweets"; we keep the post, cut the text. */
export const MAX_TEXT_CHARS = 20_000;
export const MAX_LIST_ITEMS = 100;
const MAX_ID = 256;

const id = z.string().min(1).max(MAX_ID);
const optId = id.optional();

/** The canonical post every ingest format is converted to (one JSON object per line in `jsonl`). */
export const postSchema = z.object({
  id,
  platform: z.string().max(64).default('unknown'),
  author: z.object({
    id,
    handle: z.string().max(MAX_ID).optional(),
    created_at: z.string().max(64).optional(),
    followers: z.number().int().nonnegative().optional(),
  }),
  text: z.string().default(''),
  /** ISO 8601, UTC. */
  created_at: z.string(),
  urls: z.array(z.string().max(4096)).max(MAX_LIST_ITEMS).default([]),
  hashtags: z.array(z.string().max(280)).max(MAX_LIST_ITEMS).default([]),
  mentions: z.array(z.string().max(MAX_ID)).max(MAX_LIST_ITEMS).default([]),
  repost_of: optId,
  reply_to: optId,
  quote_of: optId,
  language: z.string().max(16).optional(),
  /** The outlet (registry key or domain) for news items. */
  source: z.string().max(MAX_ID).optional(),
});

export type Post = z.infer<typeof postSchema>;
export type PostInput = z.input<typeof postSchema>;

/** Seconds since the epoch of a canonical post (QUT timestamps are integer seconds; we keep fractions). */
export function postTime(p: Pick<Post, 'created_at'>): number {
  return Date.parse(p.created_at) / 1000;
}
