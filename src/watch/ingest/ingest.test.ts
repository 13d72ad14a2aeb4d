import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS } from '../post.ts';
import { ingestCsv, ingestJsonl, ingestQutCsv, parseColumnMap } from './formats.ts';
import { parseTimestamp } from './time.ts';
import { expandUrls, normalizeUrl } from './url.ts';

describe('link normalisation', () => {
  it('strips tracking parameters, fragments, default ports and upper-case hosts', () => {
    expect(normalizeUrl('HTTPS://WWW.Example.FR:443/a/b?utm_source=tw&id=3&fbclid=x&gclid=y#frag')).toBe('https://www.example.fr/a/b?id=3');
    expect(normalizeUrl('http://example.fr:80/?b=2&a=1')).toBe('http://example.fr/?a=1&b=2');
    expect(normalizeUrl('javascript:alert(1)')).toBeUndefined();
    expect(normalizeUrl('not a url')).toBeUndefined();
  });
  it('expands shorteners only through the injected fetcher, following a bounded chain', async () => {
    const hops: Record<string, string> = { 'https://bit.ly/abc': 'https://t.co/xyz', 'https://t.co/xyz': 'https://en-marche.fr/x?utm_medium=s' };
    const seen: string[] = [];
    const out = await expandUrls(['https://bit.ly/abc', 'https://lemonde.fr/a'], async (u) => {
      seen.push(u);
      return hops[u];
    });
    expect(out).toEqual(['https://en-marche.fr/x', 'https://lemonde.fr/a']);
    expect(seen).toEqual(['https://bit.ly/abc', 'https://t.co/xyz']);
    const loop = await expandUrls(['https://bit.ly/loop'], async () => 'https://bit.ly/loop2', { maxHops: 3 });
    expect(loop[0]).toBe('https://bit.ly/loop2');
  });
});

describe('timestamps', () => {
  it('reads epoch seconds and ms, ISO with offsets, Twitter and RFC 2822 dates as the same instant', () => {
    const want = Date.parse('2017-05-05T18:30:00Z');
    for (const v of [1494009000, '1494009000', 1494009000000, '2017-05-05T20:30:00+02:00', '2017-05-05 18:30:00', '2017-05-05 20:30:00 +0200', 'Fri May 05 18:30:00 +0000 2017', 'Fri, 05 May 2017 14:30:00 -0400']) {
      expect(parseTimestamp(v)).toBe(want);
    }
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp('99999-01-01')).toBeUndefined();
  });
});

describe('JSON lines ingest', () => {
  it('reports bad lines with their numbers and ingests the rest, dropping repeated ids', () => {
    const lines = [
      JSON.stringify({ id: '1', author: { id: 'a' }, text: 'Regardez #MacronLeaks https://x.fr/a?utm_source=t @bob', created_at: '2017-05-05T18:30:00Z' }),
      '{not json',
      JSON.stringify({ id: '2', author: 'b', text: 'ok', created_at: 'jamais' }),
      JSON.stringify({ id: '1', author: { id: 'a' }, text: 'dup', created_at: 1494009000 }),
      '',
      JSON.stringify({ id: '3', author: { id: 'c' }, text: 'مرحبا بالعالم 🇫🇷👍', created_at: '1494009000' }),
    ].join('\n');
    const r = ingestJsonl(lines);
    expect(r.posts.map((p) => p.id)).toEqual(['1', '3']);
    expect(r.issues.map((i) => i.line)).toEqual([2, 3]);
    expect(r.duplicates).toBe(1);
    expect(r.posts[0]).toMatchObject({ hashtags: ['macronleaks'], mentions: ['bob'], urls: ['https://x.fr/a'] });
    expect(r.posts[1].text).toBe('مرحبا بالعالم 🇫🇷👍');
  });
  it('shares an unchanged account record and empty lists between posts, frozen so that no post can change another', () => {
    const line = (id: string, handle: string) => JSON.stringify({ id, author: { id: 'a', handle, created_at: '2017-01-01T00:00:00Z', followers: 3 }, text: 'rien', created_at: 1494009000 });
    const [p1, p2, p3] = ingestJsonl([line('1', 'alice'), line('2', 'alice'), line('3', 'alice2')].join('\n')).posts;
    expect(p1.author).toEqual({ id: 'a', handle: 'alice', created_at: '2017-01-01T00:00:00.000Z', followers: 3 });
    expect(p2.author).toBe(p1.author);
    expect(p3.author).toEqual({ ...p1.author, handle: 'alice2' });
    expect(() => {
      p1.author.handle = 'mallory';
    }).toThrow(TypeError);
    expect(() => p1.urls.push('https://x.fr')).toThrow(TypeError);
    expect(p2.urls).toEqual([]);
  });
  it('takes the lists the source gives over the text, cleaned, lower-cased and deduplicated', () => {
    const line = JSON.stringify({
      id: '1', author: { id: 'a' }, created_at: 0, text: 'texte #ignoré @ignoré https://ignore.fr',
      urls: ['https://X.fr/a?utm_source=t', 'https://x.fr/a', 'javascript:alert(1)', 7], hashtags: ['#MacronLeaks', 'Vote'], mentions: ['@Bob', 'bob', 'Alice'],
    });
    const [p] = ingestJsonl(line).posts;
    expect(p).toMatchObject({ urls: ['https://x.fr/a'], hashtags: ['macronleaks', 'vote'], mentions: ['bob', 'alice'] });
    expect(ingestJsonl(JSON.stringify({ id: '2', author: 'b', created_at: 0, text: 'rien', urls: 'https://a.fr https://b.fr', hashtags: [] })).posts[0]).toMatchObject({ urls: ['https://a.fr/', 'https://b.fr/'], hashtags: [], mentions: [] });
  });
  it('keeps a 1 MB post, cut to the text bound', () => {
    const r = ingestJsonl(JSON.stringify({ id: 'big', author: { id: 'a' }, text: 'x'.repeat(1024 * 1024), created_at: 0 }));
    expect(r.posts).toHaveLength(1);
    expect(r.posts[0].text.length).toBe(MAX_TEXT_CHARS);
    expect(r.truncated).toBe(1);
  });
  it('never throws on random input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (s) => void ingestJsonl(s)), { numRuns: 300 });
    fc.assert(fc.property(fc.array(fc.jsonValue(), { maxLength: 20 }), (xs) => void ingestJsonl(xs.map((x) => JSON.stringify(x)).join('\n'))), { numRuns: 200 });
  });
});

describe('CSV ingest', () => {
  it('reads the QUT layout with a BOM and reports a malformed row by line', () => {
    const csv = '\uFEFFmessage_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n1,u1,n1,,,"hello",10,"http://A.fr/x?utm_campaign=z http://b.fr"\n2,u2,n2,,,"broken ""quote,20,\n';
    const r = ingestQutCsv(csv);
    expect(r.posts).toHaveLength(1);
    expect(r.posts[0].urls).toEqual(['http://a.fr/x', 'http://b.fr/']);
    expect(r.issueCount).toBeGreaterThanOrEqual(1);
    expect(r.issues[0].line).toBeGreaterThanOrEqual(3);
  });
  it('maps arbitrary columns and refuses a mapping to a missing column', () => {
    const map = parseColumnMap('id=tweet_id,author.id=user,text=content,created_at=date,hashtags=tags');
    const r = ingestCsv('tweet_id,user,content,date,tags\n9,alice,salut,2017-05-06 10:00:00,#a #b\n10,bob,x,pas une date,\n11,carol,y\n', map);
    expect(r.posts).toHaveLength(1);
    expect(r.posts[0]).toMatchObject({ id: '9', hashtags: ['a', 'b'], created_at: '2017-05-06T10:00:00.000Z' });
    expect(r.issues.map((i) => i.line)).toEqual([3, 4]);
    expect(() => ingestCsv('a,b\n1,2\n', map)).toThrow(/not in the header/);
    expect(() => parseColumnMap('nope=x')).toThrow();
  });
  it('never throws on random CSV text with a valid mapping', () => {
    const map = parseColumnMap('id=a,author.id=b,created_at=c');
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (s) => void ingestCsv(`a,b,c\n${s}`, map)), { numRuns: 300 });
  });
});
