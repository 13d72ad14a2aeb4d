import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretBox } from '../../core/secrets.ts';
import { openTestStore, testBackends, type TestStore } from '../../store/testing.ts';
import { savePosts } from '../repo.ts';
import { channelPost, commentThread, mastodonStatus, startJetstream, startMastodon, startTelegram, startX, startYouTube, v2Tweet } from '../../../test/helpers/platforms.ts';
import { ingestArchive, readArchive } from './archives.ts';
import { retryAfterMs } from './http.ts';
import { getConnector, presentConnector, saveConnector, setConnectorEnabled } from './repo.ts';
import { runConnector, runEnabledConnectors } from './runner.ts';

const box = SecretBox.fromKey('5'.repeat(64));
const fast = { baseMs: 20, maxMs: 200 };

describe('rate-limit headers', () => {
  const now = Date.parse('2017-05-05T20:00:00Z');
  it('reads Retry-After, X’s epoch reset, Mastodon’s ISO reset, the IETF delta and Telegram’s retry_after', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }), undefined, now)).toBe(7000);
    expect(retryAfterMs(new Headers({ 'x-rate-limit-reset': String(now / 1000 + 90) }), undefined, now)).toBe(90_000);
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset': new Date(now + 30_000).toISOString() }), undefined, now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'ratelimit-reset': '12' }), undefined, now)).toBe(12_000);
    expect(retryAfterMs(new Headers(), { ok: false, parameters: { retry_after: 3 } }, now)).toBe(3000);
    // A reset far in the future is capped: a broken clock does not park a connector for days.
    expect(retryAfterMs(new Headers({ 'x-rate-limit-reset': String(now / 1000 + 10 * 86400) }), undefined, now)).toBe(3600_000);
    expect(retryAfterMs(new Headers(), undefined, now)).toBeUndefined();
  });
});

for (const kind of testBackends) {
  describe(`live connectors against replayed platform traffic (${kind})`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(kind);
    });
    afterAll(async () => t?.cleanup());

    /** Runs a connector until `done` holds on its stored status (or fails the test after 15 s). */
    async function runUntil(name: string, done: (s: ReturnType<typeof presentConnector>) => boolean) {
      const stop = new AbortController();
      const watchdog = setTimeout(() => stop.abort(), 15_000);
      let last: ReturnType<typeof presentConnector> | undefined;
      const run = runConnector(t.store, box, name, { signal: stop.signal, backoff: fast, onStatus: (s) => ((last = s), done(s) && stop.abort()) });
      const final = await run;
      clearTimeout(watchdog);
      expect(done(final) || (last ? done(last) : false), `connector ${name} did not reach its goal: ${JSON.stringify(final)}`).toBe(true);
      return final;
    }
    const posts = async (platform: string) => t.store.db.selectFrom('watch_posts').selectAll().where('platform', '=', platform).orderBy('id').execute();

    it('Bluesky: maps posts, reposts, quotes and replies, skips the malformed, the oversized and deletions, and resumes from the cursor after a disconnect and a 429', async () => {
      const js = await startJetstream({ cutAfter: 3, refuse: 2 });
      try {
        await saveConnector(t.store.db, box, { name: 'bsky', platform: 'bluesky', options: { endpoint: js.url } });
        const s = await runUntil('bsky', (x) => x.postsTotal >= 4 && x.reconnects >= 2);
        const stored = await posts('bluesky');
        expect(stored.map((p) => p.id)).toEqual([
          'at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa',
          'at://did:plc:leakbot02/app.bsky.feed.repost/3k2bbb',
          'at://did:plc:leakbot03/app.bsky.feed.post/3k2ccc',
          'at://did:plc:leakbot04/app.bsky.feed.repost/3k2eee',
        ]);
        const [post, repost, quote] = stored;
        expect(JSON.parse(post.hashtags)).toEqual(['macronleaks']);
        expect(JSON.parse(post.urls)).toEqual(['https://pastebin.com/leak']);
        expect(repost.repost_of).toBe('at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa');
        expect(quote.quote_of).toBe('at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa');
        expect(quote.reply_to).toBe('at://did:plc:leakbot01/app.bsky.feed.post/3k2aaa');
        const account = await t.store.db.selectFrom('watch_accounts').selectAll().where('id', '=', 'did:plc:leakbot01').executeTakeFirst();
        expect(account?.handle).toBe('leakbot01.bsky.social');
        expect(s.skipped).toMatchObject({ 'malformed JSON': 1, deleted: 1, 'oversized event': 1, malformed: 1 });
        // Second connection refused with 429, third resumed five seconds before the last event seen.
        expect(js.connections.length).toBeGreaterThanOrEqual(2);
        expect(js.connections[0].cursor).toBeUndefined();
        expect(js.connections[1].cursor).toBe(Date.parse('2017-05-05T18:30:00Z') * 1000 + 20 - 5_000_000);
        expect(js.requests[0].query.getAll('wantedCollections')).toEqual(['app.bsky.feed.post', 'app.bsky.feed.repost']);
        expect(js.requests[0].query.get('maxMessageSizeBytes')).toBe(String(1024 * 1024));
        // Re-running reads everything again from the cursor and stores nothing twice.
        await runUntil('bsky', (x) => x.eventsTotal > s.eventsTotal);
        expect((await posts('bluesky')).length).toBe(4);
      } finally {
        await js.close();
      }
    });

    it('Bluesky: survives a reconnect storm and a frame that is not UTF-8, counting both', async () => {
      const js = await startJetstream({ storm: 6, badUtf8After: 1 });
      try {
        await saveConnector(t.store.db, box, { name: 'bsky-storm', platform: 'bluesky', options: { endpoint: js.url, dids: ['did:plc:leakbot01'] } });
        const s = await runUntil('bsky-storm', (x) => x.reconnects >= 7 && js.connections.length >= 8);
        expect(s.reconnects).toBeGreaterThanOrEqual(7);
        expect(s.skipped['invalid UTF-8 (connection closed)']).toBe(1);
        // The connection after the bad frame starts 1 ms past the last event read before it (what lies
        // within that millisecond is lost: the frame's own time cannot be read).
        const after = js.connections[7];
        expect(after.cursor).toBe(Date.parse('2017-05-05T18:30:00Z') * 1000 + 10 + 1000);
      } finally {
        await js.close();
      }
    });

    it('Mastodon: streams one instance, polls another that refuses streaming, waits out a 429, and fills the gap over REST after the stream ends', async () => {
      const a = 'social.example';
      const b = 'mastodon.example';
      const aStatuses = [1, 2, 3].map((id) => mastodonStatus(id, { instance: a, acct: `relay${id}` }));
      const live = mastodonStatus(4, { instance: a, acct: 'booster', reblogOf: `https://${a}/users/relay1/statuses/1` });
      const A = await startMastodon({ instance: a, statuses: [...aStatuses, live], stream: [live] });
      const B = await startMastodon({ instance: b, statuses: [5, 6].map((id) => mastodonStatus(id, { instance: b, acct: `local${id}`, tags: ['MacronLeaks'] })), streamStatus: 401, rateLimitAt: 1 });
      try {
        await saveConnector(t.store.db, box, { name: 'masto', platform: 'mastodon', options: { instances: [A.url, B.url], pollSeconds: 5 } });
        const s = await runUntil('masto', (x) => x.postsTotal >= 6 && B.requests.some((r) => r.path === '/api/v1/streaming/public') && B.requests.filter((r) => r.path === '/api/v1/timelines/public').length >= 3);
        const stored = await posts('mastodon');
        expect(stored).toHaveLength(6);
        const boost = stored.find((p) => p.id.endsWith('/statuses/4'))!;
        expect(boost.repost_of).toBe(`https://${a}/users/relay1/statuses/1`);
        const first = stored.find((p) => p.id.endsWith('relay1/statuses/1'))!;
        expect(first.text).toContain('MacronLeaks');
        expect(JSON.parse(first.urls)).toEqual(['https://pastebin.com/leak']);
        const byAuthor = await t.store.db.selectFrom('watch_accounts').select(['id', 'handle']).where('handle', 'like', `relay1@%`).execute();
        expect(byAuthor[0].handle).toBe(`relay1@${new URL(A.url).host}`);
        expect(s.skipped).toMatchObject({ deleted: expect.any(Number), 'malformed JSON': expect.any(Number) });
        expect(A.requests.some((r) => r.path === '/api/v1/streaming/public')).toBe(true);
        expect(A.requests.some((r) => r.path === '/api/v1/timelines/public' && r.query.get('min_id') === '4')).toBe(true);
        // B: streaming refused (401) so polled; its first REST request got 429 and was retried.
        expect(B.requests.filter((r) => r.path === '/api/v1/timelines/public').length).toBeGreaterThanOrEqual(2);
        expect(B.requests.some((r) => r.path === '/api/v1/streaming/public')).toBe(true);
      } finally {
        await A.close();
        await B.close();
      }
    });

    it('X: manages its stream rule, waits out a 429 by its reset header, and fills a disconnect’s gap with recent search since the last tweet', async () => {
      const tw = (id: string, u: string, rt?: string) => v2Tweet(id, { author: `u${u}`, username: `amplifier${u}`, retweetOf: rt, urls: rt ? [] : ['https://pastebin.com/leak'] });
      const missed = [tw('1050000000000000105', '5', '1050000000000000101'), tw('1050000000000000106', '6', '1050000000000000101')];
      const X = await startX({ token: 'AAAA-test-bearer', rateLimitFirst: true, streamed: [[tw('1050000000000000101', '1'), tw('1050000000000000102', '2', '1050000000000000101')], [tw('1050000000000000107', '7', '1050000000000000101')]], searchable: [tw('1050000000000000101', '1'), tw('1050000000000000102', '2', '1050000000000000101'), ...missed], pageSize: 1 });
      try {
        await saveConnector(t.store.db, box, { name: 'x', platform: 'x', options: { endpoint: X.url, query: '#MacronLeaks -is:retweet' }, secrets: { bearer: 'AAAA-test-bearer' } });
        const s = await runUntil('x', (st) => st.postsTotal >= 5);
        expect(X.rules).toEqual([{ id: '100', value: '#MacronLeaks -is:retweet', tag: 'rempart:watch' }]);
        const stored = await posts('twitter');
        expect(stored.map((p) => p.id)).toEqual(['1050000000000000101', '1050000000000000102', '1050000000000000105', '1050000000000000106', '1050000000000000107']);
        expect(stored[1].repost_of).toBe('1050000000000000101');
        const search = X.requests.filter((r) => r.path === '/2/tweets/search/recent');
        expect(search[0].query.get('since_id')).toBe('1050000000000000102');
        expect(search.length).toBeGreaterThanOrEqual(2); // pages of one tweet
        expect(s.skipped).toMatchObject({ 'malformed JSON': expect.any(Number) });
        expect(s.reconnects).toBeGreaterThanOrEqual(2);
        // The credential is sealed at rest and never shown.
        const row = await getConnector(t.store.db, 'x');
        expect(row?.secrets).not.toContain('AAAA-test-bearer');
        expect(JSON.stringify(presentConnector(row!))).not.toContain('AAAA-test-bearer');
      } finally {
        await X.close();
      }
    });

    it('X: a refused token stops the connector with the reason instead of retrying forever', async () => {
      const X = await startX({ token: 'right', streamed: [], searchable: [] });
      try {
        await saveConnector(t.store.db, box, { name: 'x-bad', platform: 'x', options: { endpoint: X.url, query: 'q' }, secrets: { bearer: 'wrong' } });
        const s = await runConnector(t.store, box, 'x-bad', { signal: AbortSignal.timeout(10_000), backoff: fast });
        expect(s.state).toBe('error');
        expect(s.lastError).toMatch(/access refused \(401\)/);
        expect(X.requests).toHaveLength(1);
      } finally {
        await X.close();
      }
    });

    it('Telegram Bot API: reads channel posts by offset, keeps forwards as reposts of their origin, honours retry_after, skips other channels', async () => {
      const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345';
      const updates = [
        channelPost(10, { chatId: -1001, username: 'campagne_off', messageId: 1, text: '#MacronLeaks faux documents https://t.me/x' }),
        channelPost(11, { chatId: -1002, username: 'relay_fr', messageId: 7, text: '#MacronLeaks faux documents https://t.me/x', forwardFrom: { chatId: -1001, messageId: 1 } }),
        { update_id: 12, edited_channel_post: { message_id: 1 } },
        channelPost(13, { chatId: -1999, username: 'unrelated', messageId: 2, text: 'autre' }),
        { update_id: 14, channel_post: { chat: { id: -1001, username: 'campagne_off' } } },
      ];
      const T = await startTelegram({ token, updates, rateLimitAt: 2 });
      try {
        await saveConnector(t.store.db, box, { name: 'tg', platform: 'telegram', options: { endpoint: T.url, channels: ['campagne_off', '@relay_fr'] }, secrets: { botToken: token } });
        const s = await runUntil('tg', (st) => st.postsTotal >= 2 && (st.skipped['malformed message'] ?? 0) >= 1);
        const stored = await posts('telegram');
        expect(stored.map((p) => p.id)).toEqual(['tg:-1001/1', 'tg:-1002/7']);
        expect(stored[1].repost_of).toBe('tg:-1001/1');
        expect(JSON.parse(stored[0].hashtags)).toEqual(['macronleaks']);
        expect(s.skipped).toMatchObject({ 'other channel': 1, 'malformed message': 1 });
        expect(T.requests.map((r) => r.query.get('offset'))).toEqual(expect.arrayContaining([null, '13']));
        expect(JSON.parse((await getConnector(t.store.db, 'tg'))!.cursor)).toEqual({ offset: '15' });
        expect(s.lastError ?? '').not.toContain(token);
      } finally {
        await T.close();
      }
    });

    it('YouTube: pages comments newest first, replies to the video, and on the next pass reads only what is new', async () => {
      const th = (id: string, at: string, replies: Array<{ id: string; author: string; text: string; at: string }> = []) => commentThread(id, { video: 'dQw4w9WgXcQ', author: `UC${id}`, name: `viewer ${id}`, text: `comment ${id} #MacronLeaks`, at, replies });
      const threads = { dQw4w9WgXcQ: [th('c1', '2017-05-05T21:00:00Z'), th('c2', '2017-05-05T21:01:00Z', [{ id: 'c2.r1', author: 'UCr1', text: 'reply', at: '2017-05-05T21:02:00Z' }]), th('c3', '2017-05-05T21:03:00Z')] };
      const Y = await startYouTube({ key: 'AIza-test', threads, pageSize: 2, disabled: ['aaaaaaaaaaa'] });
      try {
        await saveConnector(t.store.db, box, { name: 'yt', platform: 'youtube', options: { endpoint: Y.url, videos: ['aaaaaaaaaaa', 'dQw4w9WgXcQ'], pollSeconds: 60 }, secrets: { apiKey: 'AIza-test' } });
        const s = await runUntil('yt', (st) => st.postsTotal >= 4);
        const stored = await posts('youtube');
        expect(stored.map((p) => p.id)).toEqual(['yt:c1', 'yt:c2', 'yt:c2.r1', 'yt:c3']);
        expect(stored.find((p) => p.id === 'yt:c1')?.reply_to).toBe('yt-video:dQw4w9WgXcQ');
        expect(stored.find((p) => p.id === 'yt:c2.r1')?.reply_to).toBe('yt:c2');
        expect(s.skipped).toMatchObject({ 'video without comments (disabled or removed)': 1 });
        expect(JSON.parse((await getConnector(t.store.db, 'yt'))!.cursor)).toEqual({ dQw4w9WgXcQ: '2017-05-05T21:03:00Z' });
        threads.dQw4w9WgXcQ.push(th('c4', '2017-05-05T22:00:00Z'));
        const before = Y.requests.length;
        const again = await runUntil('yt', (st) => st.postsTotal >= 5);
        expect(again.postsTotal).toBe(5);
        // One page was enough: the pass stopped at the cursor.
        expect(Y.requests.length - before).toBe(2);
      } finally {
        await Y.close();
      }
    });

    it('runs one runner per connector across processes, and stops a running connector when it is disabled', async () => {
      const js = await startJetstream();
      try {
        await saveConnector(t.store.db, box, { name: 'lease', platform: 'bluesky', options: { endpoint: js.url, collections: ['app.bsky.feed.post'] } });
        const stop = new AbortController();
        const first = runConnector(t.store, box, 'lease', { signal: stop.signal, owner: 'serve-a', backoff: fast, leaseMs: 900 });
        await new Promise((r) => setTimeout(r, 300));
        await expect(runConnector(t.store, box, 'lease', { signal: AbortSignal.timeout(2000), owner: 'serve-b' })).rejects.toMatchObject({ id: 'watch.connector_busy' });
        await setConnectorEnabled(t.store.db, 'lease', false);
        // The lease renewal (every third of the lease) sees it disabled and stops the run.
        const s = await Promise.race([first, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('not stopped')), 5000))]);
        expect(s.state).toBe('stopped');
        expect(s.runningOn).toBeNull();
        // The server's loop claims enabled connectors only.
        const loop = new AbortController();
        const all = runEnabledConnectors(t.store, box, { signal: loop.signal, owner: 'serve-c', rescanMs: 100 });
        await new Promise((r) => setTimeout(r, 300));
        expect((await getConnector(t.store.db, 'lease'))?.lease_owner ?? null).toBeNull();
        loop.abort();
        await all;
        stop.abort();
      } finally {
        await js.close();
      }
    }, 30_000);
  });
}

describe('research archives', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rempart-archives-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const collect = async (file: string, format: Parameters<typeof readArchive>[1]) => {
    const out = [];
    for await (const x of readArchive(file, format)) out.push(x);
    return out;
  };

  it('reads twarc2 pages and flattened tweets, and counts malformed lines', async () => {
    const page = v2Tweet('1050000000000000201', { author: 'u1', username: 'leaker' });
    const flat = { ...v2Tweet('1050000000000000202', { author: 'u2', username: 'amp', retweetOf: '1050000000000000201' }).data, author: { id: 'u2', username: 'amp', public_metrics: { followers_count: 5 } }, __twarc: { url: 'https://api.twitter.com/2/tweets/search/all', version: '2.14.0', retrieved_at: '2023-01-01T00:00:00+00:00' } };
    const f = join(dir, 'tweets.jsonl');
    writeFileSync(f, [JSON.stringify({ data: [page.data], includes: page.includes, meta: { result_count: 1 }, __twarc: { version: '2.14.0' } }), JSON.stringify(flat), '{oops', '', JSON.stringify({ meta: {} })].join('\n'));
    const items = await collect(f, 'twarc2');
    const ok = items.filter((i) => 'post' in i).map((i) => ('post' in i ? i.post : undefined));
    expect(ok.map((p) => p?.id)).toEqual(['1050000000000000201', '1050000000000000202']);
    expect(ok[0]?.author).toMatchObject({ id: 'u1', handle: 'leaker', followers: 12 });
    expect(ok[1]?.repost_of).toBe('1050000000000000201');
    expect(items.filter((i) => 'skip' in i).map((i) => ('skip' in i ? i.skip : ''))).toEqual(['malformed JSON', 'no tweet in the line']);
  });

  it('reads a Telegram Desktop export as a stream: text entities, forwards, service messages skipped', async () => {
    const f = join(dir, 'result.json');
    writeFileSync(
      f,
      JSON.stringify({
        name: 'Relais FR',
        type: 'public_channel',
        id: 1234567,
        messages: [
          { id: 1, type: 'service', date: '2017-05-05T21:00:00', actor: 'x', action: 'create_channel' },
          { id: 2, type: 'message', date: '2017-05-05T23:10:00', date_unixtime: '1494018600', from: 'Relais FR', from_id: 'channel1234567', text: ['Voici ', { type: 'hashtag', text: '#MacronLeaks' }, ' ', { type: 'link', text: 'https://pastebin.com/leak' }], text_entities: [{ type: 'plain', text: 'Voici ' }, { type: 'hashtag', text: '#MacronLeaks' }, { type: 'plain', text: ' ' }, { type: 'link', text: 'https://pastebin.com/leak' }] },
          { id: 3, type: 'message', date: '2017-05-05T23:11:00', date_unixtime: '1494018660', from: 'Relais FR', from_id: 'channel1234567', forwarded_from: 'Source', text: 'copié', text_entities: [{ type: 'plain', text: 'copié' }], reply_to_message_id: 2 },
          'garbage',
        ],
      }),
    );
    const items = await collect(f, 'telegram');
    const posts = items.flatMap((i) => ('post' in i ? [i.post] : []));
    expect(posts.map((p) => p.id)).toEqual(['tg:1234567/2', 'tg:1234567/3']);
    expect(posts[0]).toMatchObject({ created_at: '2017-05-05T21:10:00.000Z', hashtags: ['#MacronLeaks'], urls: ['https://pastebin.com/leak'], text: 'Voici #MacronLeaks https://pastebin.com/leak' });
    expect(posts[1].repost_of).toMatch(/^tg-fwd:[0-9a-f]{24}$/);
    expect(posts[1].reply_to).toBe('tg:1234567/2');
    expect(items.filter((i) => 'skip' in i).map((i) => ('skip' in i ? i.skip : ''))).toEqual(['service message', 'not a message object']);
  });

  it('reads 4CAT, Junkipedia and Meta Content Library CSV exports through their column maps, and names what a header lacks', async () => {
    const fourcat = join(dir, '4cat.csv');
    writeFileSync(fourcat, 'id,thread_id,timestamp,unix_timestamp,author,body,hashtags,urls\n9001,9001,2017-05-05 22:00:00,1494021600,leaker,"#MacronLeaks ici",MacronLeaks,https://pastebin.com/leak\n9002,9001,2017-05-05 22:00:05,1494021605,amp,"aussi",,\n');
    const junk = join(dir, 'junkipedia.csv');
    writeFileSync(junk, 'post_id,platform,channel_id,channel_name,published,text,links\nj1,Telegram,c1,Relais,2017-05-06T08:00:00Z,Fuite,https://example.org/a\n');
    const mcl = join(dir, 'mcl.csv');
    writeFileSync(mcl, 'id,creation_time,text,post_owner.id,post_owner.name,link_attachment.link\n101,2017-05-06T09:00:00+0000,Partagez,p1,Page Un,https://example.org/b\n102,2017-05-06T09:00:02+0000,"broken row\n');
    const posts = (items: Awaited<ReturnType<typeof collect>>) => items.flatMap((i) => ('post' in i ? [i.post] : []));
    const a = posts(await collect(fourcat, '4cat'));
    expect(a.map((p) => [p.id, p.author?.id, p.created_at])).toEqual([['9001', 'leaker', '1494021600'], ['9002', 'amp', '1494021605']]);
    expect(a[0].urls).toEqual(['https://pastebin.com/leak']);
    const b = posts(await collect(junk, 'junkipedia'));
    expect(b[0]).toMatchObject({ id: 'j1', platform: 'telegram', author: { id: 'c1', handle: 'Relais' }, urls: ['https://example.org/a'] });
    const c = posts(await collect(mcl, 'meta-cl'));
    expect(c[0]).toMatchObject({ id: '101', platform: 'meta', author: { id: 'p1', handle: 'Page Un' } });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'foo,bar\n1,2\n');
    await expect(collect(bad, 'junkipedia')).rejects.toMatchObject({ id: 'watch.missing_column' });
  });

  it('stores an archive in batches, counting what repeats and what is refused', async () => {
    const t = await openTestStore('sqlite');
    try {
      const f = join(dir, 'dup.jsonl');
      const one = JSON.stringify(v2Tweet('1050000000000000301', { author: 'u1', username: 'a' }));
      writeFileSync(f, [one, one, JSON.stringify({ data: [{ id: '1050000000000000302', text: 'no author' }] })].join('\n'));
      const r = await ingestArchive(async (p) => (await savePosts(t.store, p)).inserted, f, 'twarc2');
      expect(r).toMatchObject({ rows: 3, inserted: 1, duplicates: 1, issueCount: 1 });
      expect(r.issues[0].message).toBe('malformed tweet');
    } finally {
      await t.cleanup();
    }
  });
});
