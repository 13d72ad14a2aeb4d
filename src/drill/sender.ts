import type { Transporter } from 'nodemailer';
import { smtpTransport } from '../core/mail-transport.ts';
import { sql } from 'kysely';
import type { SecretBox } from '../core/secrets.ts';
import { newId } from '../core/ids.ts';
import { loadOrgContext } from '../org/index.ts';
import { nowIso, type Store } from '../store/index.ts';
import { backoffMs } from '../alerts/delivery.ts';
import { getTemplate, trackingToken } from './campaigns.ts';
import type { CampaignRow, RecipientRow } from './repo.ts';
import { renderTemplate } from './templates.ts';

/** A send is given up (stage stays queued, error kept) after this many attempts. */
export const MAX_SEND_ATTEMPTS = 8;
const LEASE_MS = 120_000;

export interface SendOptions {
  smtpUrl: string;
  /** Public base URL of Rempart's tracking endpoints, e.g. https://rempart.example.org */
  publicUrl: string;
  now?: Date;
  /** Upper bound of sends in one pass, across campaigns. */
  limit?: number;
  transport?: Transporter;
}

/** Tracking URLs for one recipient. */
export function trackingUrls(publicUrl: string, token: string) {
  const base = publicUrl.replace(/\/$/, '');
  return { link: `${base}/d/c/${token}`, pixel: `${base}/d/o/${token}.gif`, reportLink: `${base}/d/r/${token}`, attachment: `${base}/d/a/${token}` };
}

/**
 * Claims the recipients whose time has come, respecting each campaign's rate per minute. A lease
 * (locked_until) keeps two workers from sending the same message; the Message-ID is derived from
 * the recipient so a resend after a crash is recognisable as the same message.
 */
async function claim(store: Store, now: Date, limit: number): Promise<Array<RecipientRow & { campaign: CampaignRow }>> {
  const nowS = now.toISOString();
  return store.transaction(async (trx) => {
    const campaigns = await trx.selectFrom('drill_campaigns').selectAll().where('status', '=', 'running').execute();
    const out: Array<RecipientRow & { campaign: CampaignRow }> = [];
    const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
    for (const c of campaigns) {
      if (out.length >= limit) break;
      const recent = await trx
        .selectFrom('drill_recipients')
        .select(sql<number>`count(*)`.as('n'))
        .where('campaign_id', '=', c.id)
        .where('sent_at', '>', minuteAgo)
        .executeTakeFirstOrThrow();
      const budget = Math.min(c.rate_per_minute - Number(recent.n), limit - out.length);
      if (budget <= 0) continue;
      let q = trx
        .selectFrom('drill_recipients')
        .selectAll()
        .where('campaign_id', '=', c.id)
        .where('stage', '=', 0)
        .where('scheduled_at', '<=', nowS)
        .where('attempts', '<', MAX_SEND_ATTEMPTS)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowS)]))
        .orderBy('scheduled_at')
        .limit(budget);
      if (store.dialect === 'postgres') q = q.forUpdate().skipLocked();
      const rows = await q.execute();
      if (rows.length) {
        await trx
          .updateTable('drill_recipients')
          .set({ locked_until: new Date(now.getTime() + LEASE_MS).toISOString() })
          .where('id', 'in', rows.map((r) => r.id))
          .execute();
        out.push(...rows.map((r) => ({ ...r, campaign: c })));
      }
    }
    return out;
  });
}

export interface SendReport {
  sent: number;
  failed: number;
  remaining: number;
}

/** One pass of the drill sender. */
export async function sendDue(store: Store, box: SecretBox, opts: SendOptions): Promise<SendReport> {
  const now = opts.now ?? new Date();
  const due = await claim(store, now, opts.limit ?? 500);
  const report: SendReport = { sent: 0, failed: 0, remaining: 0 };
  if (due.length === 0) return report;
  const org = await loadOrgContext(store.db);
  const transport = opts.transport ?? (await smtpTransport(opts.smtpUrl, { timeoutMs: 20_000, pool: { maxConnections: 4, maxMessages: 1000 } }));
  const allow = new Set(org.protectedDomains);
  try {
    await Promise.all(
      due.map(async (r) => {
        const template = await getTemplate(store.db, r.campaign.template_id, r.lang);
        // The allow-list is checked again at send time: a directory edit can never widen a drill.
        if (!r.email || !allow.has(r.email.split('@')[1])) {
          await store.db.updateTable('drill_recipients').set({ attempts: MAX_SEND_ATTEMPTS, last_error: 'outside allow-list', locked_until: null }).where('id', '=', r.id).execute();
          report.failed++;
          return;
        }
        const token = trackingToken(box, r.id);
        const urls = trackingUrls(opts.publicUrl, token);
        const imp = r.campaign.impersonated_email ? org.staff.find((s) => s.email === r.campaign.impersonated_email) : undefined;
        const rendered = renderTemplate(template, {
          firstName: (r.full_name ?? '').split(' ')[0] ?? '',
          fullName: r.full_name ?? '',
          email: r.email,
          org: org.name || org.protectedDomains[0],
          link: urls.link,
          pixel: urls.pixel,
          reportLink: urls.reportLink,
          impersonated: imp ? { fullName: imp.fullName, firstName: imp.fullName.split(' ')[0], local: imp.email.split('@')[0] } : undefined,
        });
        const messageId = `<drill.${r.id}@${r.campaign.sender_domain}>`;
        try {
          await transport.sendMail({
            from: { name: rendered.fromName, address: `${rendered.fromLocal}@${r.campaign.sender_domain}` },
            to: r.email,
            subject: rendered.subject,
            html: rendered.html,
            text: rendered.text,
            messageId,
            headers: {
              // Transparency header, as GoPhish's X-Gophish-Contact: mail filters and admins can recognise a drill.
              'X-Rempart-Drill': r.campaign.id,
            },
          });
          await store.db
            .updateTable('drill_recipients')
            .set({ stage: 1, sent_at: nowIso(), message_id: messageId, locked_until: null, attempts: r.attempts + 1, last_error: null })
            .where('id', '=', r.id)
            .where('stage', '=', 0)
            .execute();
          await store.db.insertInto('drill_events').values({ id: newId(), campaign_id: r.campaign_id, recipient_id: r.id, kind: 'sent', at: nowIso(), ip: null, user_agent: null, details: null }).execute();
          if (r.campaign.anonymous) await store.db.updateTable('drill_recipients').set({ email: null, full_name: null }).where('id', '=', r.id).execute();
          report.sent++;
        } catch (e) {
          const attempts = r.attempts + 1;
          await store.db
            .updateTable('drill_recipients')
            .set({ attempts, last_error: (e as Error).message.slice(0, 300), locked_until: null, scheduled_at: new Date(now.getTime() + backoffMs(attempts)).toISOString() })
            .where('id', '=', r.id)
            .execute();
          report.failed++;
        }
      }),
    );
  } finally {
    if (!opts.transport) transport.close();
  }
  const left = await store.db
    .selectFrom('drill_recipients')
    .innerJoin('drill_campaigns', 'drill_campaigns.id', 'drill_recipients.campaign_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('drill_campaigns.status', '=', 'running')
    .where('drill_recipients.stage', '=', 0)
    .where('drill_recipients.attempts', '<', MAX_SEND_ATTEMPTS)
    .executeTakeFirstOrThrow();
  report.remaining = Number(left.n);
  return report;
}
