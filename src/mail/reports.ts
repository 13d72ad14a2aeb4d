import { createHash } from 'node:crypto';
import { raiseAlertIn } from '../alerts/index.ts';
import { NotFoundError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { loadOrgContext } from '../org/index.ts';
import { fromJson, nowIso, toJson, type Db, type Store } from '../store/index.ts';
import { triageContext } from './context.ts';
import { cachedIndicatorMatcher } from '../intel/index.ts';
import type { MailReportRow } from './repo.ts';
import { triage, type Verdict } from './verdict.ts';

export interface MailReport extends Verdict {
  id: string;
  receivedAt: string;
  source: string;
  reporter: string | null;
  alertId: string | null;
}

function toReport(r: MailReportRow): MailReport {
  return {
    id: r.id,
    receivedAt: r.received_at,
    source: r.source,
    reporter: r.reporter,
    alertId: r.alert_id,
    messageId: r.message_id,
    subject: r.subject,
    from: r.sender,
    verdict: r.verdict,
    score: r.score,
    signals: fromJson(r.signals, []),
    indicators: fromJson(r.indicators, { domains: [], urls: [], ips: [], addresses: [], hashes: [] }),
    action: { fr: '', en: '' },
  };
}

/**
 * Triages a reported message and stores the verdict (not the message). A malicious verdict raises
 * an alert in the same transaction, naming the sender and the strongest evidence.
 */
export async function triageAndStore(store: Store, raw: Uint8Array | string, meta: { source: string; reporter?: string | null }): Promise<MailReport> {
  // Threat intelligence: sender domains, links and attachment hashes are checked against the indicators.
  const intel = await cachedIndicatorMatcher(store.db);
  const ctx = triageContext(await loadOrgContext(store.db), {
    domain: (d) => intel.matchDomain(d),
    url: (u) => intel.matchUrl(u),
    hash: (h) => intel.matchHash(h),
  });
  const v = await triage(raw, ctx);
  const id = newId();
  const sha = createHash('sha256').update(typeof raw === 'string' ? Buffer.from(raw) : raw).digest('hex');
  return store.transaction(async (trx) => {
    let alertId: string | null = null;
    if (v.verdict === 'malicious') {
      const { alert } = await raiseAlertIn(trx, {
        source: 'mail',
        severity: 'high',
        title: `Hameçonnage ${meta.reporter ? `signalé par ${meta.reporter}` : 'détecté'} : « ${v.subject.slice(0, 80)} » de ${v.from.slice(0, 80)}`,
        details: { report: id, from: v.from, score: v.score, signals: v.signals.slice(0, 5).map((s) => ({ id: s.id, evidence: s.evidence })), indicators: v.indicators, action: v.action.fr },
        dedupKey: `mail:${sha}`,
        dedupWindowMs: 24 * 3600_000,
      });
      alertId = alert.id;
    }
    const row: MailReportRow = {
      id,
      received_at: nowIso(),
      source: meta.source,
      reporter: meta.reporter ?? null,
      message_id: v.messageId?.slice(0, 300) ?? null,
      sender: v.from.slice(0, 300),
      subject: v.subject.slice(0, 500),
      verdict: v.verdict,
      score: v.score,
      signals: toJson(v.signals),
      indicators: toJson(v.indicators),
      raw_sha256: sha,
      alert_id: alertId,
    };
    await trx.insertInto('mail_reports').values(row).execute();
    return { ...toReport(row), action: v.action };
  });
}

export async function listReports(db: Db, q: { verdict?: string; limit?: number } = {}): Promise<MailReport[]> {
  let query = db.selectFrom('mail_reports').selectAll().orderBy('id', 'desc').limit(Math.min(q.limit ?? 100, 1000));
  if (q.verdict) query = query.where('verdict', '=', q.verdict as 'clean');
  return (await query.execute()).map(toReport);
}

export async function getReport(db: Db, id: string): Promise<MailReport> {
  const r = await db.selectFrom('mail_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw NotFoundError('mail.report_not_found', `No triaged message ${id}`);
  return toReport(r);
}

/** Indicators of the malicious and suspicious messages, for blocking lists and sharing. */
export async function exportIndicators(db: Db): Promise<Array<{ type: string; value: string; report: string; verdict: string }>> {
  const rows = await db.selectFrom('mail_reports').select(['id', 'verdict', 'indicators']).where('verdict', '!=', 'clean').orderBy('id', 'desc').limit(5000).execute();
  const out: Array<{ type: string; value: string; report: string; verdict: string }> = [];
  for (const r of rows) {
    const ind = fromJson<Record<string, string[]>>(r.indicators, {});
    for (const [type, values] of Object.entries(ind)) for (const value of values ?? []) out.push({ type, value, report: r.id, verdict: r.verdict });
  }
  return out;
}
