import { createHash } from 'node:crypto';
import { raiseAlertIn } from '../alerts/index.ts';
import { NotFoundError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { fromJson, nowIso, toJson, type Db, type Store } from '../store/index.ts';
import { orgTriageContext } from './org-context.ts';
import { exportStixBundle, type Finding } from '../intel/index.ts';
import { columnContains, type MailReportRow } from './repo.ts';
import { ACTIONS, triage, type Verdict, type VerdictLabel } from './verdict.ts';

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
    attachments: fromJson(r.attachments, []),
    // The action follows from the verdict, so it is not stored: the wording can improve over time.
    action: ACTIONS[r.verdict] ?? ACTIONS.suspicious,
  };
}

/**
 * Triages a reported message and stores the verdict (not the message). A malicious verdict raises
 * an alert in the same transaction, naming the sender and the strongest evidence.
 */
export async function triageAndStore(store: Store, raw: Uint8Array | string, meta: { source: string; reporter?: string | null }): Promise<MailReport> {
  // Threat intelligence: sender domains, links and attachment hashes are checked against the indicators.
  const ctx = await orgTriageContext(store.db);
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
      attachments: toJson(v.attachments),
      raw_sha256: sha,
      alert_id: alertId,
    };
    await trx.insertInto('mail_reports').values(row).execute();
    return { ...toReport(row), action: v.action };
  });
}

export interface ReportQuery {
  verdict?: VerdictLabel;
  /** Words looked for in the subject, the sender and the reporter (case-insensitive). */
  q?: string;
  limit?: number;
}

export async function listReports(db: Db, q: ReportQuery = {}): Promise<MailReport[]> {
  let query = db.selectFrom('mail_reports').selectAll().orderBy('id', 'desc').limit(Math.min(q.limit ?? 100, 1000));
  if (q.verdict) query = query.where('verdict', '=', q.verdict);
  const words = (q.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const w of words) query = query.where((eb) => eb.or([columnContains('subject', w), columnContains('sender', w), columnContains('reporter', w)]));
  return (await query.execute()).map(toReport);
}

/** How many triaged messages carry each verdict, for the filter. */
export async function countReports(db: Db): Promise<Record<VerdictLabel, number>> {
  const rows = await db.selectFrom('mail_reports').select(['verdict', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('verdict').execute();
  const out: Record<VerdictLabel, number> = { malicious: 0, suspicious: 0, clean: 0 };
  for (const r of rows) if (r.verdict in out) out[r.verdict] = Number(r.n);
  return out;
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

type ObservableType = Finding['observables'][number]['type'];

/**
 * The malicious and suspicious messages as a STIX 2.1 bundle: one phishing finding per message
 * (ATT&CK T1566, with .001 when something is attached and .002 when a link is), its observables
 * and an indicator for each, for a partner's MISP or OpenCTI.
 */
export async function exportIndicatorsStix(db: Db, orgName: string, now?: Date): Promise<ReturnType<typeof exportStixBundle>> {
  const rows = await db.selectFrom('mail_reports').selectAll().where('verdict', '!=', 'clean').orderBy('id', 'desc').limit(5000).execute();
  const findings: Finding[] = rows.map((r) => {
    const ind = toReport(r).indicators;
    const observables: Array<{ type: ObservableType; value: string }> = [
      ...ind.domains.map((value) => ({ type: 'domain' as const, value })),
      ...ind.urls.map((value) => ({ type: 'url' as const, value })),
      ...ind.ips.map((value) => ({ type: value.includes(':') ? ('ipv6' as const) : ('ipv4' as const), value })),
      ...ind.addresses.map((value) => ({ type: 'email' as const, value })),
      ...ind.hashes.map((value) => ({ type: 'sha256' as const, value })),
    ];
    const techniques = ['T1566', ...(ind.hashes.length ? ['T1566.001'] : []), ...(ind.urls.length ? ['T1566.002'] : [])];
    return { id: r.id, kind: 'phishing', title: `${r.verdict}: ${r.subject} — ${r.sender}`.slice(0, 300), seenAt: r.received_at, source: 'mail', observables, techniques };
  });
  return exportStixBundle({ orgName: orgName || 'Rempart', indicators: [], findings, title: `Rempart — phishing (${rows.length})`, now });
}
