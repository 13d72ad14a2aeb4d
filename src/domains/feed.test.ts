import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedLines, fileLines, LineSplitter, newFeedStats } from './feed.ts';

const certstream = (...domains: string[]) => JSON.stringify({ message_type: 'certificate_update', data: { leaf_cert: { all_domains: domains } } });

async function collect(it: AsyncIterable<string>, n: number, stop: AbortController): Promise<string[]> {
  const out: string[] = [];
  for await (const l of it) {
    out.push(l);
    if (out.length >= n) stop.abort();
  }
  return out;
}

describe('line splitter', () => {
  it('keeps lines across chunks, drops an over-long line without buffering it, and decodes bad bytes as U+FFFD', () => {
    const stats = newFeedStats();
    const s = new LineSplitter(100, stats);
    const out: string[] = [];
    s.push(Buffer.from('mail-en-'), out);
    s.push(Buffer.from('marche.fr\r\n' + 'x'.repeat(60)), out);
    s.push(Buffer.from('y'.repeat(60) + '\nok.fr\n'), out);
    s.push(Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x66, 0x72, 0x0a]), out);
    s.push(Buffer.from('\nlast.fr'), out);
    s.flush(out);
    expect(out).toEqual(['mail-en-marche.fr', 'ok.fr', 'a\uFFFD\uFFFD.fr', '', 'last.fr']);
    expect(stats.oversized).toBe(1);
  });

  it('never throws on random bytes', () => {
    const stats = newFeedStats();
    const s = new LineSplitter(64, stats);
    const out: string[] = [];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      const b = Buffer.alloc((i % 97) + 1);
      for (let j = 0; j < b.length; j++) b[j] = (seed = (seed * 16807) % 2147483647) & 0xff;
      s.push(b, out);
    }
    s.flush(out);
    expect(out.every((l) => Buffer.byteLength(l) <= 64 * 3)).toBe(true);
  });
});

describe('live feeds', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('follows an HTTP newline-delimited feed through a refusal and a dropped connection', async () => {
    let hits = 0;
    const server: Server = createServer((req, res) => {
      hits++;
      if (hits === 1) {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        // An over-long line, then two good ones, then the connection ends.
        res.write('z'.repeat(70_000) + '\n');
        res.write(`onedrive-en-marche.fr\n${certstream('*.mail-en-marche.fr')}\n`);
        res.end();
      } else if (hits === 2) {
        res.writeHead(503).end();
      } else {
        res.writeHead(200);
        res.write('en-marche-fr.com\n');
        // Stays open: the consumer stops.
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    closers.push(async () => void server.closeAllConnections());
    const stop = new AbortController();
    const stats = newFeedStats();
    const events: string[] = [];
    const lines = await collect(feedLines(`http://127.0.0.1:${(server.address() as AddressInfo).port}/ct`, { signal: stop.signal, stats, backoffMs: 10, onEvent: (e) => events.push(e.type) }), 3, stop);
    expect(lines).toEqual(['onedrive-en-marche.fr', certstream('*.mail-en-marche.fr'), 'en-marche-fr.com']);
    expect(stats).toMatchObject({ connections: 2, failures: 2, oversized: 1 });
    expect(events).toContain('waiting');
  });

  it('follows a certstream-style WebSocket feed, reconnecting when the server drops it', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    closers.push(() => new Promise((r) => wss.close(() => r())));
    let n = 0;
    wss.on('connection', (ws) => {
      n++;
      if (n === 1) {
        ws.send(JSON.stringify({ message_type: 'heartbeat' }));
        ws.send(certstream('onedrive-en-marche.fr', 'www.onedrive-en-marche.fr'));
        ws.send('x'.repeat(5000)); // over the limit below: dropped and counted
        ws.send(Buffer.from([0xc3, 0x28, 0x0a, 0x66])); // invalid UTF-8, two lines
        setTimeout(() => ws.terminate(), 20);
      } else ws.send(certstream('en-marche-fr.com'));
    });
    const stop = new AbortController();
    const stats = newFeedStats();
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
    const lines = await collect(feedLines(url, { signal: stop.signal, stats, backoffMs: 10, maxLine: 4096 }), 5, stop);
    expect(lines).toEqual([JSON.stringify({ message_type: 'heartbeat' }), certstream('onedrive-en-marche.fr', 'www.onedrive-en-marche.fr'), '\uFFFD(', 'f', certstream('en-marche-fr.com')]);
    expect(stats).toMatchObject({ connections: 2, oversized: 1 });
    expect(stats.failures).toBeGreaterThanOrEqual(1);
  });

  it('gives up after the configured number of failures when nothing listens, waiting longer each time', async () => {
    const waits: number[] = [];
    const stats = newFeedStats();
    const lines: string[] = [];
    for await (const l of feedLines('ws://127.0.0.1:9/', { backoffMs: 5, maxFailures: 4, stats, onEvent: (e) => e.type === 'waiting' && waits.push(e.ms) })) lines.push(l);
    expect(lines).toEqual([]);
    expect(stats.failures).toBe(4);
    expect(waits).toHaveLength(3);
    // Jitter keeps each wait within [half, full] of 5, 10, 20 ms.
    expect(waits[2]).toBeGreaterThanOrEqual(10);
  });

  it('refuses a protocol that is not a feed', async () => {
    await expect(feedLines('file:///etc/passwd').next()).rejects.toThrow(/unsupported/);
  });

  it('follows a file as it grows, and from the start again after a rotation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rempart-follow-'));
    const path = join(dir, 'ct.log');
    writeFileSync(path, 'a.fr\nb.f');
    const stop = new AbortController();
    const seen: string[] = [];
    try {
      const reading = (async () => {
        for await (const l of fileLines(path, { follow: true, pollMs: 10, signal: stop.signal })) {
          seen.push(l);
          if (l === 'b.fr') appendFileSync(path, 'c.fr\n');
          if (l === 'c.fr') writeFileSync(path, 'd.fr\n'); // rotated: shorter than what was read
          if (l === 'd.fr') stop.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 50));
      appendFileSync(path, 'r\n');
      await reading;
      expect(seen).toEqual(['a.fr', 'b.fr', 'c.fr', 'd.fr']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
