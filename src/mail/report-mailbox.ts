import { imapClient, parseImapUrl, smtpTransport } from '../core/mail-transport.ts';
import PostalMime from 'postal-mime';
import { RempartError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { findRecipientByMessageId, track } from '../drill/tracking.ts';
import { loadOrgContext } from '../org/index.ts';
import type { Store } from '../store/index.ts';
import { MAIL_LIMITS } from './parse/parse.ts';
import { triageAndStore, type MailReport } from './reports.ts';

export interface ReportMailboxOptions {
  /** imap://user:password@host:port/MAILBOX (imaps:// for TLS). */
  imapUrl: string;
  /** SMTP for the automatic reply; none means no reply. */
  smtp?: { url: string; from: string };
  logger?: Logger;
  /** Most messages handled in one pass. */
  limit?: number;
}

export interface PollResult {
  processed: number;
  drillReports: number;
  errors: number;
  reports: MailReport[];
}

/**
 * The reported message inside a report: staff forward doubtful mail as an attachment
 * (message/rfc822) or inline; in the inline case the report itself is judged.
 */
async function originalOf(raw: Buffer): Promise<{ original: Uint8Array; reporter: string; subject: string }> {
  const outer = await PostalMime.parse(raw, { maxNestingDepth: MAIL_LIMITS.maxDepth, maxHeadersSize: MAIL_LIMITS.maxHeaderBytes, forceRfc822Attachments: true });
  const from = outer.from && 'address' in outer.from ? (outer.from.address ?? '') : '';
  const attached = outer.attachments.find((a) => a.mimeType === 'message/rfc822' || /\.eml$/i.test(a.filename ?? ''));
  const original = attached ? new Uint8Array(attached.content as ArrayBuffer) : raw;
  return { original, reporter: from.toLowerCase(), subject: outer.subject ?? '' };
}

const REPLY = {
  fr: {
    malicious: 'Merci de votre signalement. Ce message est MALVEILLANT : ne cliquez sur rien, n’ouvrez aucune pièce jointe et supprimez-le. Si vous avez déjà cliqué ou saisi un mot de passe, prévenez l’équipe sécurité tout de suite.',
    suspicious: 'Merci de votre signalement. Ce message est SUSPECT : ne cliquez pas avant d’avoir vérifié auprès de l’expéditeur par un autre moyen.',
    clean: 'Merci de votre signalement. Nous n’avons trouvé aucun signe d’hameçonnage dans ce message. En cas de doute, n’hésitez jamais à signaler.',
    drill: 'Bravo : c’était un exercice de l’équipe sécurité, et vous l’avez repéré. Merci de l’avoir signalé.',
    why: 'Pourquoi :',
  },
  en: {
    malicious: 'Thank you for reporting. This message is MALICIOUS: do not click anything, do not open attachments, delete it. If you already clicked or typed a password, tell the security team now.',
    suspicious: 'Thank you for reporting. This message is SUSPICIOUS: do not click before checking with the sender another way.',
    clean: 'Thank you for reporting. We found no sign of phishing in this message. When in doubt, always report.',
    drill: 'Well done: this was a drill by the security team, and you spotted it. Thank you for reporting it.',
    why: 'Why:',
  },
};

/**
 * One pass over the report mailbox: each unseen report is triaged and stored (or, when it is a
 * drill lure, counted as reported), the reporter gets an answer in their language, and the message
 * is marked seen only once all that is done, so a crash means it is handled on the next pass.
 */
export async function pollReportMailbox(store: Store, opts: ReportMailboxOptions): Promise<PollResult> {
  const c = parseImapUrl(opts.imapUrl, 'mail.bad_imap_url');
  const client = await imapClient(c);
  const result: PollResult = { processed: 0, drillReports: 0, errors: 0, reports: [] };
  try {
    await client.connect();
  } catch (e) {
    throw new RempartError('mail.imap_unavailable', `Cannot open the report mailbox on ${c.host}:${c.port}: ${(e as Error).message}`, 503);
  }
  const transport = opts.smtp ? await smtpTransport(opts.smtp.url) : undefined;
  const org = await loadOrgContext(store.db);
  const lock = await client.getMailboxLock(c.mailbox);
  try {
    const uids = ((await client.search({ seen: false }, { uid: true })) || []).slice(0, opts.limit ?? 200);
    for (const uid of uids) {
      try {
        const msg = await client.fetchOne(String(uid), { source: true, size: true }, { uid: true });
        if (!msg || !msg.source) continue;
        if ((msg.size ?? msg.source.length) > MAIL_LIMITS.maxBytes) throw new RempartError('mail.too_large', 'report above the size limit');
        const { original, reporter, subject } = await originalOf(msg.source);
        const lang = org.staff.find((s) => s.email === reporter)?.lang === 'en' ? 'en' : 'fr';
        // A drill lure reported: counted for the drill, never stored as an incident.
        const head = Buffer.from(original.subarray(0, 64 * 1024)).toString('latin1');
        const drillMessageId = /^Message-ID:\s*<?(drill\.[0-9a-f]{32}@[^>\s]+)>?/im.exec(head)?.[1];
        const recipient = drillMessageId ? await findRecipientByMessageId(store, drillMessageId) : undefined;
        let text: string;
        if (recipient) {
          await track(store, recipient, 'report', { ip: null, userAgent: 'report-mailbox' });
          result.drillReports++;
          text = REPLY[lang].drill;
        } else {
          const report = await triageAndStore(store, original, { source: 'imap', reporter: reporter || null });
          result.reports.push(report);
          const why = report.signals.filter((s) => s.weight > 0).slice(0, 3).map((s) => `- ${lang === 'fr' ? s.fr : s.en}`);
          text = `${REPLY[lang][report.verdict]}\n\n${why.length ? `${REPLY[lang].why}\n${why.join('\n')}\n` : ''}`;
        }
        if (transport && reporter) {
          await transport.sendMail({ from: opts.smtp!.from, to: reporter, subject: `Re: ${subject}`.slice(0, 300), text, headers: { 'Auto-Submitted': 'auto-replied' } });
        }
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        result.processed++;
      } catch (e) {
        result.errors++;
        opts.logger?.warn({ uid, err: (e as Error).message }, 'report mailbox: message not handled');
        // A message that cannot be read is marked seen and flagged, so it does not block the queue.
        if (e instanceof RempartError && e.id.startsWith('mail.')) await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true }).catch(() => undefined);
      }
    }
  } finally {
    lock.release();
    transport?.close();
    await client.logout().catch(() => undefined);
  }
  return result;
}
