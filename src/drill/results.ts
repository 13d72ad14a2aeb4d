import type { Db } from '../store/index.ts';
import { getCampaign } from './campaigns.ts';
import type { CampaignRow, RecipientRow } from './repo.ts';

export interface Funnel {
  targeted: number;
  sent: number;
  opened: number;
  clicked: number;
  submitted: number;
  reported: number;
  scannerClicks: number;
  /** Share of sent mail that led to a click or a submission (the "phish-prone percentage"). */
  phishPronePct: number;
  reportPct: number;
}

type FunnelRow = Pick<RecipientRow, 'stage' | 'reported_at' | 'scanner_clicks'>;

function funnel(rows: FunnelRow[]): Funnel {
  const sent = rows.filter((r) => r.stage >= 1).length;
  const clicked = rows.filter((r) => r.stage >= 3).length;
  const reported = rows.filter((r) => r.reported_at).length;
  return {
    targeted: rows.length,
    sent,
    opened: rows.filter((r) => r.stage >= 2).length,
    clicked,
    submitted: rows.filter((r) => r.stage >= 4).length,
    reported,
    scannerClicks: rows.reduce((a, r) => a + r.scanner_clicks, 0),
    phishPronePct: sent ? Math.round((clicked / sent) * 1000) / 10 : 0,
    reportPct: sent ? Math.round((reported / sent) * 1000) / 10 : 0,
  };
}

export interface CampaignResults {
  campaign: Pick<CampaignRow, 'id' | 'name' | 'template_id' | 'lang' | 'status' | 'group_name' | 'created_at' | 'anonymous'>;
  funnel: Funnel;
  byGroup: Array<{ group: string } & Funnel>;
  /** Seconds from the first send to the first report: how fast the team raises the alarm. */
  timeToFirstReportSeconds: number | null;
  medianTimeToReportSeconds: number | null;
  /** Per person; empty for anonymous campaigns. */
  people: Array<{ email: string; fullName: string | null; department: string | null; stage: string; sentAt: string | null; clickedAt: string | null; submittedAt: string | null; reportedAt: string | null }>;
}

const STAGE_NAMES = ['queued', 'sent', 'opened', 'clicked', 'submitted'];

export async function campaignResults(db: Db, id: string): Promise<CampaignResults> {
  const c = await getCampaign(db, id);
  const rows = await db.selectFrom('drill_recipients').selectAll().where('campaign_id', '=', id).execute();
  const groups = new Map<string, RecipientRow[]>();
  for (const r of rows) {
    const g = r.department ?? '—';
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  const firstSent = rows.map((r) => r.sent_at).filter((x): x is string => !!x).sort()[0];
  const reportDelays = rows
    .filter((r) => r.reported_at && r.sent_at)
    .map((r) => (Date.parse(r.reported_at!) - Date.parse(r.sent_at!)) / 1000)
    .sort((a, b) => a - b);
  const firstReport = rows.map((r) => r.reported_at).filter((x): x is string => !!x).sort()[0];
  return {
    campaign: { id: c.id, name: c.name, template_id: c.template_id, lang: c.lang, status: c.status, group_name: c.group_name, created_at: c.created_at, anonymous: c.anonymous },
    funnel: funnel(rows),
    byGroup: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, rs]) => ({ group, ...funnel(rs) })),
    timeToFirstReportSeconds: firstSent && firstReport ? Math.max(0, (Date.parse(firstReport) - Date.parse(firstSent)) / 1000) : null,
    medianTimeToReportSeconds: reportDelays.length ? reportDelays[Math.floor(reportDelays.length / 2)] : null,
    people: c.anonymous
      ? []
      : rows
          .filter((r) => r.email)
          .map((r) => ({ email: r.email!, fullName: r.full_name, department: r.department, stage: STAGE_NAMES[r.stage], sentAt: r.sent_at, clickedAt: r.clicked_at, submittedAt: r.submitted_at, reportedAt: r.reported_at })),
  };
}

/** Campaign-over-campaign trend, oldest first, for the results chart. */
export async function trend(db: Db): Promise<Array<{ id: string; name: string; createdAt: string } & Funnel>> {
  const campaigns = await db.selectFrom('drill_campaigns').selectAll().where('status', '!=', 'cancelled').orderBy('created_at').execute();
  const out = [];
  for (const c of campaigns) {
    const rows = await db.selectFrom('drill_recipients').selectAll().where('campaign_id', '=', c.id).execute();
    out.push({ id: c.id, name: c.name, createdAt: c.created_at, ...funnel(rows) });
  }
  return out;
}

/** Each campaign's funnel, by campaign id, in one read (for the campaigns list). */
export async function campaignFunnels(db: Db): Promise<Map<string, Funnel>> {
  const rows = await db.selectFrom('drill_recipients').select(['campaign_id', 'stage', 'reported_at', 'scanner_clicks']).execute();
  const by = new Map<string, FunnelRow[]>();
  for (const r of rows) by.set(r.campaign_id, [...(by.get(r.campaign_id) ?? []), r]);
  return new Map([...by.entries()].map(([id, rs]) => [id, funnel(rs)]));
}

/** Most points a timeline returns: a chart of a few hundred columns says all there is to say. */
export const TIMELINE_MAX_BUCKETS = 400;

export interface Timeline {
  /** Bucket starts, Unix seconds. */
  t: number[];
  bucketSeconds: number;
  /** Cumulative counts at the end of each bucket. */
  sent: number[];
  opened: number[];
  clicked: number[];
  submitted: number[];
  reported: number[];
}

/**
 * Cumulative sends, opens, clicks, submissions and reports over time, from the recipients' own
 * timestamps (kept for anonymous campaigns too, which have no addresses). The bucket is widened
 * when the asked one would give more than TIMELINE_MAX_BUCKETS points.
 */
export async function campaignTimeline(db: Db, id: string, bucketSeconds = 3600): Promise<Timeline> {
  await getCampaign(db, id);
  const rows = await db.selectFrom('drill_recipients').select(['sent_at', 'opened_at', 'clicked_at', 'submitted_at', 'reported_at']).where('campaign_id', '=', id).execute();
  const series = { sent: [] as number[], opened: [] as number[], clicked: [] as number[], submitted: [] as number[], reported: [] as number[] };
  const times: Record<keyof typeof series, number[]> = { sent: [], opened: [], clicked: [], submitted: [], reported: [] };
  for (const r of rows) {
    const push = (k: keyof typeof series, iso: string | null) => {
      const ms = iso ? Date.parse(iso) : NaN;
      if (Number.isFinite(ms)) times[k].push(ms / 1000);
    };
    push('sent', r.sent_at);
    push('opened', r.opened_at);
    push('clicked', r.clicked_at);
    push('submitted', r.submitted_at);
    push('reported', r.reported_at);
  }
  const all = Object.values(times).flat();
  if (all.length === 0) return { t: [], bucketSeconds, ...series };
  let step = Math.max(60, Math.floor(bucketSeconds));
  // A reduce, not Math.min(...all): a large campaign would overflow the argument list.
  const first = all.reduce((a, b) => Math.min(a, b));
  const last = all.reduce((a, b) => Math.max(a, b));
  while ((last - first) / step + 1 > TIMELINE_MAX_BUCKETS) step *= 2;
  const start = Math.floor(first / step) * step;
  const n = Math.floor((last - start) / step) + 1;
  const t = Array.from({ length: n }, (_, i) => start + i * step);
  for (const k of Object.keys(series) as Array<keyof typeof series>) {
    const counts = new Array<number>(n).fill(0);
    for (const s of times[k]) counts[Math.floor((s - start) / step)]++;
    let acc = 0;
    series[k] = counts.map((c) => (acc += c));
  }
  return { t, bucketSeconds: step, ...series };
}

/** People who clicked or submitted in two campaigns or more. */
export async function repeatOffenders(db: Db): Promise<Array<{ email: string; fullName: string | null; failures: number; campaigns: string[] }>> {
  const rows = await db.selectFrom('drill_recipients').select(['email', 'full_name', 'campaign_id', 'stage']).where('stage', '>=', 3).where('email', 'is not', null).execute();
  const by = new Map<string, { fullName: string | null; campaigns: Set<string> }>();
  for (const r of rows) {
    const e = by.get(r.email!) ?? { fullName: r.full_name, campaigns: new Set<string>() };
    e.campaigns.add(r.campaign_id);
    by.set(r.email!, e);
  }
  return [...by.entries()]
    .filter(([, v]) => v.campaigns.size >= 2)
    .map(([email, v]) => ({ email, fullName: v.fullName, failures: v.campaigns.size, campaigns: [...v.campaigns] }))
    .sort((a, b) => b.failures - a.failures);
}

/** One person's history across campaigns. */
export async function personHistory(db: Db, email: string) {
  const rows = await db
    .selectFrom('drill_recipients')
    .innerJoin('drill_campaigns', 'drill_campaigns.id', 'drill_recipients.campaign_id')
    .select(['drill_campaigns.id', 'drill_campaigns.name', 'drill_campaigns.template_id', 'drill_recipients.stage', 'drill_recipients.sent_at', 'drill_recipients.reported_at'])
    .where('drill_recipients.email', '=', email.toLowerCase())
    .orderBy('drill_recipients.sent_at')
    .execute();
  return rows.map((r) => ({ campaign: r.id, name: r.name, template: r.template_id, stage: STAGE_NAMES[r.stage], sentAt: r.sent_at, reportedAt: r.reported_at }));
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Leading = + - @ would be formulas in a spreadsheet: neutralise them (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function resultsCsv(r: CampaignResults): string {
  const head = ['email', 'full_name', 'department', 'stage', 'sent_at', 'clicked_at', 'submitted_at', 'reported_at'];
  const lines = [head.join(',')];
  if (r.people.length) for (const p of r.people) lines.push([p.email, p.fullName, p.department, p.stage, p.sentAt, p.clickedAt, p.submittedAt, p.reportedAt].map(csvCell).join(','));
  else for (const g of r.byGroup) lines.push(['', '', g.group, `sent=${g.sent} clicked=${g.clicked} submitted=${g.submitted} reported=${g.reported}`, '', '', '', ''].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
