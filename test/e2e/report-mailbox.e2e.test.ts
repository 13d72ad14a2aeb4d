import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ImapFlow } from 'imapflow';
import { systemActor } from '../../src/access/index.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { campaignResults, launchCampaign, sendDue } from '../../src/drill/index.ts';
import { MESSAGE_2017 } from '../../src/mail/demo.ts';
import { pollReportMailbox } from '../../src/mail/report-mailbox.ts';
import { addDomain, importStaffCsv } from '../../src/org/index.ts';
import { openTestStore, type TestStore } from '../../src/store/testing.ts';
import { dovecotAvailable, startDovecot } from '../helpers/dovecot.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

/** A staff member's report: the doubtful message forwarded as an attachment. */
function forwarded(original: string, from: string): string {
  return [
    `From: ${from}`,
    'To: signalement@en-marche.fr',
    'Subject: Fwd: message bizarre',
    'Date: Wed, 26 Apr 2017 09:00:00 +0200',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="fw"',
    '',
    '--fw',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Je trouve ce message bizarre, pouvez-vous vérifier ?',
    '--fw',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="message.eml"',
    '',
    original,
    '--fw--',
    '',
  ].join('\r\n');
}

describe.runIf(dovecotAvailable())('report mailbox over IMAP (Dovecot) with an SMTP sink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rempart-report-'));
  let dv: { port: number; proc: ChildProcess };
  let t: TestStore;
  let sink: SmtpSink;
  const box = SecretBox.fromKey('4'.repeat(64));

  beforeAll(async () => {
    dv = await startDovecot(dir, ['signalement@en-marche.fr']);
    t = await openTestStore('sqlite');
    sink = await startSmtpSink();
    await addDomain(t.store.db, 'en-marche.fr');
    await importStaffCsv(t.store, 'nom;email;langue\nLéa Fontaine;lea.fontaine@en-marche.fr;fr\nHugo Perrin;hugo.perrin@en-marche.fr;en\n');
  });
  afterAll(async () => {
    dv?.proc.kill();
    await sink?.close();
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function append(raw: string): Promise<void> {
    const c = new ImapFlow({ host: '127.0.0.1', port: dv.port, secure: false, auth: { user: 'signalement@en-marche.fr', pass: 's3cret-pass' }, logger: false });
    await c.connect();
    await c.append('INBOX', raw);
    await c.logout();
  }

  it('triages each report, alerts on malicious mail, answers the reporter in their language, and counts drill lures as reported', async () => {
    // A drill lure that Hugo recognised and forwarded.
    const c = await launchCampaign(t.store, box, systemActor, { name: 'x', templateId: 'webmail-quota', senderDomain: 'en-marche-drill.fr', windowStart: new Date(Date.now() - 86400_000 * 7).toISOString(), windowEnd: new Date(Date.now() - 1000).toISOString(), hours: '00:00-24:00' });
    await sendDue(t.store, box, { smtpUrl: sink.url, publicUrl: 'http://rempart.test' });
    const lure = sink.messages.find((m) => m.envelopeTo[0] === 'hugo.perrin@en-marche.fr')!;
    sink.messages.length = 0;

    await append(forwarded(MESSAGE_2017, 'Léa Fontaine <lea.fontaine@en-marche.fr>'));
    await append(forwarded(lure.raw, 'Hugo Perrin <hugo.perrin@en-marche.fr>'));

    const url = `imap://${encodeURIComponent('signalement@en-marche.fr')}:s3cret-pass@127.0.0.1:${dv.port}/INBOX`;
    const r = await pollReportMailbox(t.store, { imapUrl: url, smtp: { url: sink.url, from: 'securite@en-marche.fr' } });
    expect(r).toMatchObject({ processed: 2, drillReports: 1, errors: 0 });
    expect(r.reports[0]).toMatchObject({ verdict: 'malicious', source: 'imap', reporter: 'lea.fontaine@en-marche.fr' });
    const alerts = await t.store.db.selectFrom('alerts').selectAll().where('source', '=', 'mail').execute();
    expect(alerts).toHaveLength(1);

    const toLea = sink.messages.find((m) => m.envelopeTo[0] === 'lea.fontaine@en-marche.fr')!;
    expect(toLea.parsed.text).toMatch(/MALVEILLANT/);
    const toHugo = sink.messages.find((m) => m.envelopeTo[0] === 'hugo.perrin@en-marche.fr')!;
    expect(toHugo.parsed.text).toMatch(/this was a drill/);
    expect((await campaignResults(t.store.db, c.campaign.id)).funnel.reported).toBe(1);

    // Nothing is handled twice on the next pass.
    const again = await pollReportMailbox(t.store, { imapUrl: url });
    expect(again.processed).toBe(0);
  });

  it('says clearly when the mailbox cannot be reached', async () => {
    await expect(pollReportMailbox(t.store, { imapUrl: `imap://x:y@127.0.0.1:1/INBOX` })).rejects.toMatchObject({ id: 'mail.imap_unavailable' });
  });
});
