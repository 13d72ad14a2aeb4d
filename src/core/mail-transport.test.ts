import { describe, expect, it } from 'vitest';
import { parseImapUrl, parseSmtpUrl } from './mail-transport.ts';

describe('mail transport URLs', () => {
  it('uses the port of each scheme: 25 and 465 for SMTP, 143 and 993 for IMAP', () => {
    expect(parseSmtpUrl('smtp://relay.example').port).toBe(25);
    expect(parseSmtpUrl('smtps://relay.example')).toMatchObject({ port: 465, secure: true });
    expect(parseSmtpUrl('smtp://relay.example:587')).toMatchObject({ port: 587, secure: false });
    expect(parseImapUrl('imap://u:p@mx.example').port).toBe(143);
    expect(parseImapUrl('imaps://u:p@mx.example')).toMatchObject({ port: 993, secure: true, mailbox: 'INBOX' });
  });

  it('decodes credentials and the folder, and keeps ignoreTLS for local sinks', () => {
    expect(parseSmtpUrl('smtp://l%C3%A9a:p%40ss@127.0.0.1:2525?ignoreTLS=true')).toEqual({ host: '127.0.0.1', port: 2525, secure: false, user: 'léa', pass: 'p@ss', ignoreTLS: true });
    expect(parseImapUrl('imap://signalement%40en-marche.fr:s3cr%2Ft@127.0.0.1:1143/Signalements')).toMatchObject({ user: 'signalement@en-marche.fr', pass: 's3cr/t', mailbox: 'Signalements' });
  });

  it('refuses other schemes and malformed URLs with the caller’s error id', () => {
    expect(() => parseSmtpUrl('http://x', 'alerts.smtp_url')).toThrow(expect.objectContaining({ id: 'alerts.smtp_url' }));
    expect(() => parseImapUrl('not a url', 'blur.imap_url')).toThrow(expect.objectContaining({ id: 'blur.imap_url' }));
    expect(() => parseImapUrl('imap://mx.example', 'mail.bad_imap_url')).toThrow(expect.objectContaining({ id: 'mail.bad_imap_url' }));
  });
});
