import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineParser, parseAccess, parseDovecot, parsePostfix, parseJsonLine, MAX_LINE } from './parsers.ts';
import { FileFollower, LineSplitter } from './reader.ts';

describe('log parsers', () => {
  it('reads Dovecot successful and failed logins with the remote IP', () => {
    const ok = parseDovecot('Nov 28 10:02:11 mx1 dovecot: imap-login: Login: user=<alice@en-marche.fr>, method=PLAIN, rip=198.51.100.7, lip=10.0.0.2, mpid=1234, TLS, session=<abc>');
    expect(ok).toMatchObject({ user: 'alice@en-marche.fr', ip: '198.51.100.7', success: true, service: 'imap' });
    const bad = parseDovecot('Nov 28 10:02:11 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob>, method=PLAIN, rip=198.51.100.8, lip=10.0.0.2, TLS');
    expect(bad).toMatchObject({ user: 'bob', ip: '198.51.100.8', success: false });
    const worker = parseDovecot('2017-03-14T09:00:00+01:00 mx1 dovecot: auth: passwd-file(carol@en-marche.fr,203.0.113.5): unknown user');
    expect(worker).toMatchObject({ user: 'carol@en-marche.fr', ip: '203.0.113.5', success: false });
    expect(worker?.at?.toISOString()).toBe('2017-03-14T08:00:00.000Z');
  });

  it('reads the SASL user of Postfix submissions', () => {
    expect(parsePostfix('Mar 14 09:00:01 mx1 postfix/submission/smtpd[2211]: 4F2B81C0: client=unknown[203.0.113.9], sasl_method=LOGIN, sasl_username=dave@en-marche.fr')).toMatchObject({ user: 'dave@en-marche.fr', ip: '203.0.113.9' });
    expect(parsePostfix('Mar 14 09:00:01 mx1 postfix/smtpd[1]: connect from unknown[1.2.3.4]')).toBeUndefined();
  });

  it('reads basic-auth users and canary paths from access logs', () => {
    const u = parseAccess('203.0.113.4 - erin [14/Mar/2017:10:00:00 +0100] "GET /intranet/ HTTP/1.1" 401 12 "-" "Mozilla/5.0"');
    expect(u).toMatchObject({ user: 'erin', ip: '203.0.113.4', success: false });
    expect(u?.at?.toISOString()).toBe('2017-03-14T09:00:00.000Z');
    const b = parseAccess('203.0.113.4 - - [14/Mar/2017:10:00:00 +0100] "GET /c/static/img/AbCdEfGhIjKlMnOpQrStUv.png HTTP/1.1" 200 43 "-" "Word"');
    expect(b?.token).toBe('AbCdEfGhIjKlMnOpQrStUv');
    expect(parseAccess('203.0.113.4 - - [14/Mar/2017:10:00:00 +0100] "GET / HTTP/1.1" 200 43')).toBeUndefined();
  });

  it('reads Microsoft 365 and Google Workspace exports as JSON lines and CSV', () => {
    expect(parseJsonLine('{"createdDateTime":"2017-03-14T09:00:00Z","userPrincipalName":"frank@en-marche.fr","ipAddress":"192.0.2.1","status":{"errorCode":50126}}')).toMatchObject({ format: 'm365', user: 'frank@en-marche.fr', ip: '192.0.2.1', success: false });
    expect(parseJsonLine('{"id":{"time":"2017-03-14T09:00:00Z","applicationName":"login"},"actor":{"email":"gina@en-marche.fr"},"ipAddress":"192.0.2.2","events":[{"name":"login_success"}]}')).toMatchObject({ format: 'google', user: 'gina@en-marche.fr', success: true });
    const p = new LineParser('auto');
    expect(p.parse('\ufeffDate (UTC),Request ID,User,Username,IP address,Status')).toBeUndefined();
    expect(p.parse('2017-03-14T09:00:00Z,abc,"Hugo, H.",hugo@en-marche.fr,192.0.2.3,Failure')).toMatchObject({ user: 'Hugo, H.', ip: '192.0.2.3', success: false });
    const g = new LineParser('csv');
    g.parse('Event name,Event description,User,Date,IP address');
    expect(g.parse('Successful login,"x",ines@en-marche.fr,2017-03-14T09:00:00Z,192.0.2.4')).toMatchObject({ format: 'google', user: 'ines@en-marche.fr', success: true });
  });

  it('never throws on random or hostile lines and bounds what it returns', () => {
    const p = new LineParser('auto');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 500 }), fc.constantFrom('user=<' + 'a'.repeat(100000), '{"userPrincipalName":' + '['.repeat(5000), 'postfix/ sasl_username=' + 'x'.repeat(50000))), (line) => {
        const ev = p.parse(line);
        if (ev?.user) expect(ev.user.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 400 },
    );
    const t0 = Date.now();
    p.parse('1.2.3.4 - - [' + '"'.repeat(MAX_LINE * 4));
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('cuts a line without newline at the bound', () => {
    const s = new LineSplitter();
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) s.push('x'.repeat(1000), (l) => lines.push(l));
    s.push('\nnext\n', (l) => lines.push(l));
    expect(lines.map((l) => l.length)).toEqual([MAX_LINE, 4]);
  });

  it('follows a file through appends, truncation and rotation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'follow-'));
    const f = join(dir, 'mail.log');
    writeFileSync(f, 'old line\n');
    const seen: string[] = [];
    const fol = new FileFollower(f, async (l) => void seen.push(l), { intervalMs: 20 });
    try {
      await fol.start();
      appendFileSync(f, 'one\ntw');
      await fol.poll();
      appendFileSync(f, 'o\n');
      await fol.poll();
      truncateSync(f, 0);
      appendFileSync(f, 'three\n');
      await fol.poll();
      renameSync(f, `${f}.1`);
      writeFileSync(f, 'four\n');
      await fol.poll();
      expect(seen).toEqual(['one', 'two', 'three', 'four']);
    } finally {
      fol.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
