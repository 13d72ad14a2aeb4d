/**
 * Loopback servers that replay platform traffic in the platforms' own formats, for the watch
 * connector tests: a Bluesky Jetstream WebSocket, a Mastodon streaming + REST API, the X API v2
 * filtered stream and recent search, the Telegram Bot API and the YouTube Data API. Each can
 * disconnect, answer 429 with the platform's reset headers, and send malformed or oversized
 * events. No test reaches the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Replay {
  url: string;
  requests: Array<{ path: string; query: URLSearchParams; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}
function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

// ---------------------------------------------------------------- Bluesky Jetstream

const T0 = Date.parse('2017-05-05T18:30:00Z') * 1000; // µs, the evening the dump was announced
export const jetstreamEvents: Array<Record<string, unknown> | string> = [
  { did: 'did:plc:leakbot01', time_us: T0 + 1, kind: 'identity', identity: { did: 'did:plc:leakbot01', handle: 'leakbot01.bsky.social', seq: 1, time: '2017-05-05T18:30:00Z' } },
  {
    did: 'did:plc:leakbot01',
    time_us: T0 + 10,
    kind: 'commit',
    commit: {
      rev: '3k2a',
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: '3k2aaa',
      cid: 'bafyrei1',
      record: {
        $type: 'app.bsky.feed.post',
        text: '#MacronLeaks 9 GB of emails https://pastebin.com/leak',
        createdAt: '2017-05-05T18:30:00.000Z',
        langs: ['en'],
        facets: [
          { index: { byteStart: 0, byteEnd: 12 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'MacronLeaks' }] },
          { index: { byteStart: 28, byteEnd: 53 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://pastebin.com/leak' }] },
        ],
      },
    },
  },
  { did: 'did:plc:leakbot02', time_us: T0 + 20, kind: 'commit', commit: { rev: '3k2b', operation: 'create', collection: 'app.bsky.feed.repost', rkey: '3k2bbb', cid: 'bafyrei2', record: { $type: 'app.bsky.feed.repost', subject: { uri: 'at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa', cid: 'bafyrei1' }, createdAt: '2017-05-05T18:30:12.000Z' } } },
  'not json at all {',
  {
    did: 'did:plc:leakbot03',
    time_us: T0 + 30,
    kind: 'commit',
    commit: {
      rev: '3k2c',
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: '3k2ccc',
      cid: 'bafyrei3',
      record: { $type: 'app.bsky.feed.post', text: 'Read this', createdAt: '2017-05-05T18:30:15.000Z', embed: { $type: 'app.bsky.embed.record', record: { uri: 'at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa', cid: 'bafyrei1' } }, reply: { root: { uri: 'at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa' }, parent: { uri: 'at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa' } } },
    },
  },
  { did: 'did:plc:leakbot02', time_us: T0 + 40, kind: 'commit', commit: { rev: '3k2d', operation: 'delete', collection: 'app.bsky.feed.post', rkey: '3k2old' } },
  // An author-less event (a malformed commit) and one of 2 MB.
  { time_us: T0 + 45, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'x', record: { text: 'no did' } } },
  { did: 'did:plc:spam', time_us: T0 + 50, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'big', record: { $type: 'app.bsky.feed.post', text: 'x'.repeat(2 * 1024 * 1024), createdAt: '2017-05-05T18:31:00Z' } } },
  { did: 'did:plc:leakbot04', time_us: T0 + 60, kind: 'commit', commit: { rev: '3k2e', operation: 'create', collection: 'app.bsky.feed.repost', rkey: '3k2eee', record: { $type: 'app.bsky.feed.repost', subject: { uri: 'at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa' }, createdAt: '2017-05-05T18:31:10.000Z' } } },
];

/**
 * Jetstream: each connection gets the events with time_us ≥ its cursor. The first connection is
 * cut after `cutAfter` events; the upgrade of connection number `refuse` (1-based) is answered 429.
 */
export async function startJetstream(o: { cutAfter?: number; refuse?: number; storm?: number; badUtf8After?: number } = {}): Promise<Replay & { connections: Array<{ cursor?: number }> }> {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const requests: Replay['requests'] = [];
  const connections: Array<{ cursor?: number }> = [];
  let n = 0;
  server.on('upgrade', (req, socket, head) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: u.pathname, query: u.searchParams, headers: req.headers });
    n++;
    if (o.refuse === n) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const cursor = u.searchParams.has('cursor') ? Number(u.searchParams.get('cursor')) : undefined;
      connections.push({ cursor });
      // A reconnect storm: the first `storm` connections are dropped at once.
      if (o.storm && connections.length <= o.storm) {
        ws.terminate();
        return;
      }
      const wanted = new Set(u.searchParams.getAll('wantedCollections'));
      const events = jetstreamEvents.filter((e) => typeof e === 'string' || cursor === undefined || (e.time_us as number) >= cursor).filter((e) => typeof e === 'string' || !e.commit || !wanted.size || wanted.has((e.commit as { collection: string }).collection));
      const cut = connections.length === 1 ? o.cutAfter : undefined;
      const send = events.slice(0, cut ?? events.length);
      send.forEach((e, i) => {
        ws.send(typeof e === 'string' ? e : JSON.stringify(e));
        // A text frame that is not UTF-8, once, after event `badUtf8After` of the first connection.
        if (o.badUtf8After === i && connections.length === (o.storm ?? 0) + 1) ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
      });
      if (cut !== undefined) setTimeout(() => ws.terminate(), 50);
    });
  });
  const host = await listen(server);
  return {
    url: `ws://${host}/subscribe`,
    requests,
    connections,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}

// ---------------------------------------------------------------- Mastodon

export function mastodonStatus(id: number, o: { instance: string; acct: string; text?: string; reblogOf?: string; tags?: string[] } ): Record<string, unknown> {
  const base = { id: String(id), uri: `https://${o.instance}/users/${o.acct}/statuses/${id}`, url: `https://${o.instance}/@${o.acct}/${id}`, created_at: new Date(Date.parse('2017-05-05T19:00:00Z') + id * 1000).toISOString(), account: { id: `9${id}`, acct: o.acct, url: `https://${o.instance}/@${o.acct}`, created_at: '2017-04-01T00:00:00.000Z', followers_count: 3 }, language: 'fr', in_reply_to_id: null, mentions: [], tags: (o.tags ?? []).map((name) => ({ name, url: `https://${o.instance}/tags/${name}` })), card: null };
  if (o.reblogOf) return { ...base, content: '', reblog: { id: '1', uri: o.reblogOf, content: '<p>orig</p>', account: { acct: 'orig' } } };
  return { ...base, content: `<p>${o.text ?? 'Les <a href="https://${o.instance}/tags/MacronLeaks" class="mention hashtag">#<span>MacronLeaks</span></a> sont là'} <a href="https://pastebin.com/leak" rel="nofollow">pastebin.com/leak</a></p>`, reblog: null };
}

/**
 * A Mastodon instance. `statuses` are its public timeline (oldest first); REST serves them with
 * min_id; the streaming endpoint sends `stream` of them then ends (or answers `streamStatus`).
 * REST answers 429 (X-RateLimit-Reset one second ahead) to request number `rateLimitAt`.
 */
export async function startMastodon(o: { instance: string; statuses: Array<Record<string, unknown>>; stream?: Array<Record<string, unknown>>; streamStatus?: number; rateLimitAt?: number }): Promise<Replay> {
  const requests: Replay['requests'] = [];
  let rest = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: u.pathname, query: u.searchParams, headers: req.headers });
    if (u.pathname.startsWith('/api/v1/streaming/')) {
      if (o.streamStatus) {
        res.writeHead(o.streamStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'This method requires an authenticated user' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(':)\n\n');
      for (const st of o.stream ?? []) res.write(`event: update\ndata: ${JSON.stringify(st)}\n\n`);
      res.write('event: delete\ndata: 12345\n\n');
      res.write('event: update\ndata: {broken\n\n');
      res.write(':thump\n\n');
      setTimeout(() => res.end(), 30);
      return;
    }
    if (u.pathname === '/api/v1/timelines/public' || u.pathname.startsWith('/api/v1/timelines/tag/')) {
      rest++;
      if (o.rateLimitAt === rest) {
        res.writeHead(429, { 'content-type': 'application/json', 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(Date.now() + 1000).toISOString() }).end(JSON.stringify({ error: 'Too many requests' }));
        return;
      }
      const min = u.searchParams.get('min_id');
      const limit = Number(u.searchParams.get('limit') ?? 20);
      const newer = o.statuses.filter((s) => !min || Number(s.id) > Number(min));
      // min_id: the statuses just after min_id, newest first within the page.
      const page = (min ? newer.slice(0, limit) : newer.slice(-limit)).reverse();
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '299' }).end(JSON.stringify(page));
      return;
    }
    res.writeHead(404).end();
  });
  const host = await listen(server);
  return { url: `http://${host}`, requests, close: () => closeServer(server) };
}

// ---------------------------------------------------------------- X API v2

export function v2Tweet(id: string, o: { author: string; username: string; text?: string; retweetOf?: string; hashtags?: string[]; urls?: string[] }) {
  return {
    data: {
      id,
      text: o.text ?? (o.retweetOf ? `RT @leaker: #MacronLeaks` : '#MacronLeaks https://t.co/x'),
      author_id: o.author,
      created_at: new Date(Date.parse('2017-05-05T20:00:00Z') + Number(id.slice(-3)) * 1000).toISOString(),
      lang: 'en',
      conversation_id: id,
      entities: { hashtags: (o.hashtags ?? ['MacronLeaks']).map((tag, i) => ({ start: i, end: i + tag.length, tag })), urls: (o.urls ?? []).map((u) => ({ url: 'https://t.co/x', expanded_url: u, display_url: u })) },
      ...(o.retweetOf ? { referenced_tweets: [{ type: 'retweeted', id: o.retweetOf }] } : {}),
    },
    includes: { users: [{ id: o.author, username: o.username, name: o.username, created_at: '2017-04-20T00:00:00.000Z', public_metrics: { followers_count: 12, following_count: 0, tweet_count: 40, listed_count: 0 } }] },
    matching_rules: [{ id: '1', tag: 'rempart:watch' }],
  };
}

/**
 * X API v2: rules, the filtered stream and recent search, with a bearer token. The first stream
 * connection is answered 429 (x-rate-limit-reset one second ahead) when `rateLimitFirst`; then
 * each connection sends its slice of `streamed` (connection i gets streamed[i]) and ends.
 * Recent search serves `searchable` with since_id and pages of `pageSize`.
 */
export async function startX(o: { token: string; streamed: Array<Array<ReturnType<typeof v2Tweet>>>; searchable: Array<ReturnType<typeof v2Tweet>>; rateLimitFirst?: boolean; pageSize?: number }): Promise<Replay & { rules: Array<{ id: string; value: string; tag: string }> }> {
  const requests: Replay['requests'] = [];
  const rules: Array<{ id: string; value: string; tag: string }> = [];
  let streams = 0;
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: u.pathname, query: u.searchParams, headers: req.headers });
    if (req.headers.authorization !== `Bearer ${o.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 }));
      return;
    }
    if (u.pathname === '/2/tweets/search/stream/rules') {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rules, meta: { result_count: rules.length } }));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { add?: Array<{ value: string; tag: string }>; delete?: { ids: string[] } };
        for (const r of body.add ?? []) rules.push({ id: String(rules.length + 100), ...r });
        for (const id of body.delete?.ids ?? []) rules.splice(rules.findIndex((r) => r.id === id), 1);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ meta: { sent: new Date().toISOString() } }));
      });
      return;
    }
    if (u.pathname === '/2/tweets/search/stream') {
      streams++;
      if (o.rateLimitFirst && streams === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 1) }).end(JSON.stringify({ title: 'ConnectionException', detail: 'This stream is currently at the maximum allowed connection limit.', connection_issue: 'TooManyConnections', type: 'https://api.twitter.com/2/problems/streaming-connection' }));
        return;
      }
      const slice = o.streamed[streams - (o.rateLimitFirst ? 2 : 1)] ?? [];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('\r\n');
      for (const t of slice) res.write(`${JSON.stringify(t)}\r\n`);
      res.write('{"data":\r\n');
      res.write('\r\n');
      setTimeout(() => res.end(), 30);
      return;
    }
    if (u.pathname === '/2/tweets/search/recent') {
      const since = u.searchParams.get('since_id');
      const size = o.pageSize ?? 100;
      const all = o.searchable.filter((t) => !since || BigInt(t.data.id) > BigInt(since)).sort((a, b) => (BigInt(b.data.id) > BigInt(a.data.id) ? 1 : -1));
      const start = Number(u.searchParams.get('next_token') ?? 0);
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? String(start + size) : undefined;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ data: page.length ? page.map((t) => t.data) : undefined, includes: { users: page.flatMap((t) => t.includes.users) }, meta: { result_count: page.length, ...(page.length ? { newest_id: page[0].data.id, oldest_id: page[page.length - 1].data.id } : {}), ...(next ? { next_token: next } : {}) } }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  const host = await listen(server);
  return { url: `http://${host}`, requests, rules, close: () => closeServer(server) };
}

// ---------------------------------------------------------------- Telegram Bot API

export function channelPost(updateId: number, o: { chatId: number; username: string; messageId: number; text: string; forwardFrom?: { chatId: number; messageId: number } }) {
  const urlAt = o.text.indexOf('https://');
  const tagAt = o.text.indexOf('#');
  return {
    update_id: updateId,
    channel_post: {
      message_id: o.messageId,
      sender_chat: { id: o.chatId, title: o.username, username: o.username, type: 'channel' },
      chat: { id: o.chatId, title: o.username, username: o.username, type: 'channel' },
      date: Math.floor(Date.parse('2017-05-05T21:00:00Z') / 1000) + o.messageId,
      text: o.text,
      entities: [...(urlAt >= 0 ? [{ offset: urlAt, length: o.text.slice(urlAt).split(' ')[0].length, type: 'url' }] : []), ...(tagAt >= 0 ? [{ offset: tagAt, length: o.text.slice(tagAt).split(' ')[0].length, type: 'hashtag' }] : [])],
      ...(o.forwardFrom ? { forward_origin: { type: 'channel', chat: { id: o.forwardFrom.chatId, type: 'channel', title: 'origin' }, message_id: o.forwardFrom.messageId, date: 1494018000 } } : {}),
    },
  };
}

/** getUpdates: updates with update_id ≥ offset; request number `rateLimitAt` gets 429 retry_after 1. */
export async function startTelegram(o: { token: string; updates: Array<ReturnType<typeof channelPost> | Record<string, unknown>>; rateLimitAt?: number }): Promise<Replay> {
  const requests: Replay['requests'] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: u.pathname, query: u.searchParams, headers: req.headers });
    if (u.pathname !== `/bot${o.token}/getUpdates`) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return;
    }
    n++;
    if (o.rateLimitAt === n) {
      res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }));
      return;
    }
    const offset = Number(u.searchParams.get('offset') ?? 0);
    const result = o.updates.filter((x) => Number((x as { update_id: number }).update_id) >= offset).slice(0, 3);
    // Long polling: nothing new waits a little (not the 30 s a real server would).
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result })), result.length ? 0 : 200);
  });
  const host = await listen(server);
  return { url: `http://${host}`, requests, close: () => closeServer(server) };
}

// ---------------------------------------------------------------- YouTube Data API

export function commentThread(id: string, o: { video: string; author: string; name: string; text: string; at: string; replies?: Array<{ id: string; author: string; text: string; at: string }> }) {
  const snippet = (cid: string, author: string, name: string, text: string, at: string, parentId?: string) => ({ kind: 'youtube#comment', etag: 'e', id: cid, snippet: { channelId: 'UCcampaign', videoId: o.video, textDisplay: text, textOriginal: text, authorDisplayName: name, authorChannelId: { value: author }, canRate: true, viewerRating: 'none', likeCount: 0, publishedAt: at, updatedAt: at, ...(parentId ? { parentId } : {}) } });
  return {
    kind: 'youtube#commentThread',
    etag: 'e',
    id,
    snippet: { channelId: 'UCcampaign', videoId: o.video, topLevelComment: snippet(id, o.author, o.name, o.text, o.at), canReply: true, totalReplyCount: o.replies?.length ?? 0, isPublic: true },
    ...(o.replies?.length ? { replies: { comments: o.replies.map((r) => snippet(r.id, r.author, r.author, r.text, r.at, id)) } } : {}),
  };
}

/** commentThreads, newest first, pages of `pageSize`; a video in `disabled` answers commentsDisabled. */
export async function startYouTube(o: { key: string; threads: Record<string, Array<ReturnType<typeof commentThread>>>; pageSize?: number; disabled?: string[] }): Promise<Replay> {
  const requests: Replay['requests'] = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: u.pathname, query: u.searchParams, headers: req.headers });
    if (u.searchParams.get('key') !== o.key) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 400, message: 'API key not valid. Please pass a valid API key.', errors: [{ reason: 'badRequest' }] } }));
      return;
    }
    const video = u.searchParams.get('videoId') ?? '';
    if (o.disabled?.includes(video)) {
      res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 403, message: 'The video identified by the videoId parameter has disabled comments.', errors: [{ reason: 'commentsDisabled' }] } }));
      return;
    }
    const all = [...(o.threads[video] ?? [])].sort((a, b) => b.snippet.topLevelComment.snippet.publishedAt.localeCompare(a.snippet.topLevelComment.snippet.publishedAt));
    const size = o.pageSize ?? 100;
    const start = Number(u.searchParams.get('pageToken') ?? 0);
    const items = all.slice(start, start + size);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'youtube#commentThreadListResponse', pageInfo: { totalResults: all.length, resultsPerPage: size }, items, ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}) }));
  });
  const host = await listen(server);
  return { url: `http://${host}`, requests, close: () => closeServer(server) };
}
