import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollFeed } from './feeds.ts';

const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>RT France</title><language>fr</language>
<item><title>Macron &amp; les «&#160;leaks&#160;»</title><link>https://francais.rt.com/france/1?utm_source=rss#top</link><guid>rt-1</guid><pubDate>Fri, 05 May 2017 20:31:00 +0200</pubDate><description><![CDATA[<p>Des documents <b>auraient</b> fuité</p><script>alert(1)</script>]]></description></item>
<item><title>Sans date</title><link>https://francais.rt.com/france/2</link><guid>rt-2</guid></item>
</channel></rss>`;
const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Sputnik</title><id>s</id><updated>2017-05-05T00:00:00Z</updated>
<entry><title>Titre</title><id>sp-1</id><link href="https://fr.sputniknews.com/a/1"/><updated>2017-05-05T10:00:00+02:00</updated><summary>Résumé</summary></entry></feed>`;
const jsonFeed = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: 'j1', url: 'https://x.fr/c', content_text: 'مرحبا 👋 bonjour', date_published: '2017-05-05T10:00:00Z' }] });

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/rss') res.end(rss);
    else if (req.url === '/atom') res.end(atom);
    else if (req.url === '/json') res.end(jsonFeed);
    else if (req.url === '/html') res.end('<!DOCTYPE html><html><body>Are you a robot?</body></html>');
    else if (req.url === '/slow') setTimeout(() => res.end(rss), 3000);
    else if (req.url === '/huge') res.end('<rss>' + 'x'.repeat(2 * 1024 * 1024));
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('feed polling', () => {
  it('turns RSS items into posts by the outlet, with clean links and text, and reports undated items', async () => {
    const r = await pollFeed(`${base}/rss`, 'rt-france');
    expect(r.posts).toHaveLength(1);
    const p = r.posts[0];
    expect(p.id).toBe('rt-france:rt-1');
    expect(p.author.id).toBe('rt-france');
    expect(p.created_at).toBe('2017-05-05T18:31:00.000Z');
    expect(p.urls).toEqual(['https://francais.rt.com/france/1']);
    expect(p.text).toContain('Des documents auraient fuité');
    expect(p.text).not.toContain('alert');
    expect(r.issues[0]).toMatchObject({ line: 2 });
  });
  it('reads Atom and JSON Feed, keeping RTL text and emoji', async () => {
    expect((await pollFeed(`${base}/atom`, 'sputnik')).posts[0].created_at).toBe('2017-05-05T08:00:00.000Z');
    expect((await pollFeed(`${base}/json`, 'j')).posts[0].text).toContain('مرحبا 👋');
  });
  it('refuses an HTML page with a clear error', async () => {
    await expect(pollFeed(`${base}/html`, 'x')).rejects.toMatchObject({ id: 'watch.not_a_feed' });
  });
  it('gives up on a feed that does not answer in time', async () => {
    await expect(pollFeed(`${base}/slow`, 'x', { timeoutMs: 300 })).rejects.toMatchObject({ id: 'watch.feed_timeout' });
  });
  it('stops reading a feed larger than the cap', async () => {
    await expect(pollFeed(`${base}/huge`, 'x', { maxBytes: 1024 * 1024 })).rejects.toMatchObject({ id: 'watch.feed_too_large' });
  });
  it('reports HTTP errors', async () => {
    await expect(pollFeed(`${base}/missing`, 'x')).rejects.toMatchObject({ id: 'watch.feed_http' });
  });
});
