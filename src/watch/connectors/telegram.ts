/**
 * Telegram, live, through the Bot API: the posts of channels where the organisation's bot is an
 * administrator arrive as `channel_post` updates, read by long polling (`getUpdates`, the offset
 * is the cursor). Public channels the organisation does not administer are read from Telegram
 * Desktop's JSON export instead (`archives.ts`).
 */
import { z } from 'zod';
import type { RawPost } from '../ingest/canonical.ts';
import { PlatformError, requestJson } from './http.ts';
import type { ConnectorSpec, RunContext } from './types.ts';

export const telegramOptions = z.object({
  endpoint: z.string().url().default('https://api.telegram.org'),
  /** Channel usernames or ids to keep (the bot may sit in more); none: every channel it sees. */
  channels: z.array(z.string().regex(/^(@?[A-Za-z0-9_]{4,64}|-?\d{1,20})$/)).max(500).default([]),
});
type Options = z.infer<typeof telegramOptions>;

interface Entity {
  type?: unknown;
  offset?: unknown;
  length?: unknown;
  url?: unknown;
}
interface Chat {
  id?: unknown;
  username?: unknown;
  title?: unknown;
}
export interface BotMessage {
  message_id?: unknown;
  date?: unknown;
  chat?: Chat;
  sender_chat?: Chat;
  text?: unknown;
  caption?: unknown;
  entities?: Entity[];
  caption_entities?: Entity[];
  reply_to_message?: { message_id?: unknown };
  forward_origin?: { type?: unknown; chat?: Chat; message_id?: unknown };
}

const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Entity offsets are in UTF-16 code units, as JavaScript strings count. */
function entities(text: string, list: Entity[] | undefined) {
  const urls: string[] = [];
  const hashtags: string[] = [];
  const mentions: string[] = [];
  for (const e of Array.isArray(list) ? list : []) {
    const off = n(e?.offset);
    const len = n(e?.length);
    const piece = off !== undefined && len !== undefined ? text.slice(off, off + len) : '';
    if (e?.type === 'url' && piece) urls.push(piece);
    else if (e?.type === 'text_link' && s(e.url)) urls.push(e.url as string);
    else if (e?.type === 'hashtag' && piece) hashtags.push(piece);
    else if (e?.type === 'mention' && piece) mentions.push(piece);
  }
  return { urls, hashtags, mentions };
}

/** A channel post as a canonical post: `tg:<chat id>/<message id>`; a forward reposts its origin. */
export function telegramPost(m: BotMessage): RawPost | undefined {
  const chat = m.sender_chat ?? m.chat;
  const chatId = n(chat?.id) ?? s(chat?.id);
  const mid = n(m.message_id);
  const date = n(m.date);
  if (chatId === undefined || mid === undefined || date === undefined) return undefined;
  const text = s(m.text) ?? s(m.caption) ?? '';
  const ents = entities(text, m.text ? m.entities : m.caption_entities);
  const origin = m.forward_origin;
  const originChat = n(origin?.chat?.id);
  const originId = n(origin?.message_id);
  return {
    id: `tg:${chatId}/${mid}`,
    platform: 'telegram',
    author: { id: `tg:${chatId}`, handle: s(chat?.username) ?? s(chat?.title) },
    created_at: new Date(date * 1000).toISOString(),
    text,
    ...ents,
    repost_of: origin?.type === 'channel' && originChat !== undefined && originId !== undefined ? `tg:${originChat}/${originId}` : undefined,
    reply_to: n(m.reply_to_message?.message_id) !== undefined ? `tg:${chatId}/${m.reply_to_message!.message_id as number}` : undefined,
  };
}

function wanted(o: Options, chat: Chat | undefined): boolean {
  if (!o.channels.length) return true;
  const keys = [String(chat?.id ?? ''), s(chat?.username) ?? '', `@${s(chat?.username) ?? ''}`];
  return o.channels.some((c) => keys.includes(c));
}

async function run(ctx: RunContext<Options>): Promise<void> {
  const token = ctx.secrets.botToken;
  if (!token || !/^\d{1,20}:[A-Za-z0-9_-]{20,80}$/.test(token)) throw new PlatformError('no valid bot token (REMPART_TELEGRAM_BOT_TOKEN: "123456:ABC…")', 0, undefined, true);
  const base = `${ctx.options.endpoint.replace(/\/$/, '')}/bot${token}`;
  let offset = Number(ctx.cursor.offset) || 0;
  let connected = false;
  for (;;) {
    const u = new URL(`${base}/getUpdates`);
    u.searchParams.set('timeout', '30');
    u.searchParams.set('allowed_updates', JSON.stringify(['channel_post']));
    if (offset) u.searchParams.set('offset', String(offset));
    const r = await requestJson<{ ok?: unknown; result?: Array<{ update_id?: unknown; channel_post?: BotMessage }>; description?: unknown }>(u.toString(), { signal: ctx.signal, timeoutMs: 45_000 }).catch((e: unknown) => {
      // Never let the token reach the status line through a URL in an error message.
      if (e instanceof PlatformError) throw new PlatformError(e.message.replaceAll(token, '…'), e.status, e.retryAfterMs, e.fatal || e.status === 404);
      throw e;
    });
    if (r.body?.ok !== true || !Array.isArray(r.body.result)) throw new PlatformError(`getUpdates: ${s(r.body?.description) ?? 'unexpected answer'}`, r.status);
    if (!connected) {
      ctx.connected('Bot API');
      connected = true;
    }
    const posts: RawPost[] = [];
    let events = 0;
    for (const up of r.body.result) {
      const id = n(up?.update_id);
      if (id !== undefined) offset = Math.max(offset, id + 1);
      const m = up?.channel_post;
      if (!m) continue;
      events++;
      if (!wanted(ctx.options, m.chat)) {
        ctx.skip('other channel');
        continue;
      }
      const p = telegramPost(m);
      if (p) posts.push(p);
      else ctx.skip('malformed message');
    }
    await ctx.emit({ posts, cursor: { offset: String(offset) }, events });
  }
}

export const telegram: ConnectorSpec<typeof telegramOptions> = {
  platform: 'telegram',
  title: { fr: 'Telegram (Bot API, canaux administrés)', en: 'Telegram (Bot API, administered channels)' },
  options: telegramOptions,
  credentials: [{ key: 'botToken', label: { fr: 'Jeton du bot (@BotFather), administrateur des canaux', en: 'Bot token (@BotFather), admin of the channels' }, env: 'REMPART_TELEGRAM_BOT_TOKEN', required: true }],
  limits: {
    fr: 'Seulement les canaux dont le bot est administrateur ; Telegram garde les mises à jour 24 heures (une panne plus longue les perd). retry_after respecté. Canaux publics : importez l’export JSON de Telegram Desktop (watch ingest --format telegram).',
    en: 'Only channels where the bot is an administrator; updates are kept by Telegram for 24 hours (a longer outage loses them). 429 retry_after honoured. Public channels: import Telegram Desktop’s JSON export (watch ingest --format telegram).',
  },
  describe: (o, lang) => (o.channels.length ? o.channels.join(', ') : lang === 'fr' ? 'canaux du bot' : 'the bot’s channels'),
  run,
};
