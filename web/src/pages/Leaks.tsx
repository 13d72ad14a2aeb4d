import { useMemo } from 'react';
import { api, LEAK_VERDICTS, type LeakItem, type LeakSummary, type LeakVerdict } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { EmptyState, ErrorBox, Loading, PageHeader, useAsync } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { navigate, useLocation } from '../router.tsx';
import './defend/defend.css';

/** Rows shown at once in the item table; the HTML report has them all. */
const MAX_ROWS = 500;
const BAR_COLOR: Record<'decoy' | 'tampered-decoy', string> = { decoy: '#1c3f94', 'tampered-decoy': '#b42318' };

/** Leak-day reports: which files of a dump are our decoys, from which mailbox, which were edited. */
export function LeaksPage() {
  const { t, num, dateTime } = useI18n();
  const { query } = useLocation();
  const list = useAsync(() => api.leakReports().then((r) => r.reports), []);
  const reports = list.data ?? [];
  const selectedId = query.get('id') ?? reports[0]?.id ?? null;
  const verdict = (LEAK_VERDICTS as string[]).includes(query.get('verdict') ?? '') ? (query.get('verdict') as LeakVerdict) : null;
  const setParam = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v);
    else q.delete(k);
    const s = q.toString();
    navigate(`/leaks${s ? `?${s}` : ''}`, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('leaks.title')} intro={t('leaks.intro')} />
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data ? (
        <Loading />
      ) : reports.length === 0 ? (
        <EmptyState icon="leak" title={t('leaks.empty.title')}>
          <p>{t('leaks.empty.body')}</p>
          <p className="small muted">
            <code>rempart leaks scan ./dump</code>
          </p>
        </EmptyState>
      ) : (
        <>
          <section className="panel" aria-labelledby="reports-title">
            <h2 id="reports-title" className="panel-title">
              {t('leaks.reports')} <span className="count muted">{num(reports.length)}</span>
            </h2>
            <div className="table-wrap">
              <table className="table report-list">
                <thead>
                  <tr>
                    <th scope="col">{t('leaks.col.scanned')}</th>
                    <th scope="col">{t('leaks.col.paths')}</th>
                    <th scope="col">{t('leaks.col.items')}</th>
                    <th scope="col">{t('leaks.verdict.decoy')}</th>
                    <th scope="col">{t('leaks.verdict.tampered-decoy')}</th>
                    <th scope="col" className="hide-sm">
                      {t('leaks.verdict.unverified')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {reports.map((r) => (
                    <tr key={r.id} className={r.id === selectedId ? 'selected' : undefined}>
                      <td className="nowrap">
                        <button type="button" className="row-link" aria-pressed={r.id === selectedId} onClick={() => setParam({ id: r.id, verdict: null })}>
                          {dateTime(r.createdAt)}
                        </button>
                      </td>
                      <td className="mono small">{r.paths.join(', ')}</td>
                      <td>{num(r.summary?.items ?? 0)}</td>
                      <td>{num(r.summary?.counts.decoy ?? 0)}</td>
                      <td>{r.summary?.counts['tampered-decoy'] ? <span className="lv lv-tampered-decoy">{num(r.summary.counts['tampered-decoy'])}</span> : 0}</td>
                      <td className="hide-sm">{num(r.summary?.counts.unverified ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {selectedId && <ReportView id={selectedId} verdict={verdict} onVerdict={(v) => setParam({ verdict: v })} />}
        </>
      )}
    </>
  );
}

function VerdictBadge({ v }: { v: LeakVerdict }) {
  const { t } = useI18n();
  return <span className={`lv lv-${v}`}>{t(`leaks.verdict.${v}` as MsgKey)}</span>;
}

function ReportView({ id, verdict, onVerdict }: { id: string; verdict: LeakVerdict | null; onVerdict: (v: LeakVerdict | null) => void }) {
  const { t, num, dateTime, date } = useI18n();
  const { data, error, loading, reload } = useAsync(() => api.leakReport(id), [id]);
  const byMailbox = useMemo(() => mailboxBars(data?.items ?? []), [data]);
  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (!data || (loading && data.id !== id)) return <Loading />;
  const s: LeakSummary = data.summary;
  const tampered = data.items.filter((i) => i.verdict === 'tampered-decoy');
  // Tampered decoys and likely forgeries first: they are what the press will ask about.
  const shown = data.items.filter((i) => !verdict || i.verdict === verdict).sort((a, b) => LEAK_VERDICTS.indexOf(a.verdict) - LEAK_VERDICTS.indexOf(b.verdict));
  const max = Math.max(1, ...byMailbox.map((m) => m.total));
  const ours = s.counts.decoy + s.counts['tampered-decoy'];
  return (
    <>
      <section className="panel" aria-labelledby="report-title">
        <div className="panel-head">
          <div>
            <h2 id="report-title" className="detail-title">
              {t('leaks.report', { date: dateTime(data.createdAt) })}
            </h2>
            <p className="small muted">{t('leaks.reportMeta', { items: num(s.items), mb: num(Math.round((s.bytes / 1048576) * 10) / 10), seconds: num(Math.round(s.seconds * 10) / 10), paths: data.paths.join(', ') })}</p>
          </div>
          <a className="btn btn-small" href={`/api/v1/leaks/reports/${encodeURIComponent(id)}?format=html`} target="_blank" rel="noopener noreferrer" data-testid="html-report">
            <Icon name="leak" size={16} /> {t('leaks.html')}
          </a>
        </div>
        <ul className="kind-counts" data-testid="verdict-counts">
          {LEAK_VERDICTS.map((v) => (
            <li key={v} className={`count-${v}`}>
              <span className="n">{num(s.counts[v] ?? 0)}</span>
              <span className="l">
                <VerdictBadge v={v} />
              </span>
            </li>
          ))}
        </ul>
        {ours > 0 ? (
          <div className="notice notice-warn inference" role="status">
            <Icon name="decoy" size={16} />
            <span>{t('leaks.inference', { n: ours, mailboxes: byMailbox.length })}</span>
          </div>
        ) : (
          <p className="notice notice-info">{t('leaks.noDecoy')}</p>
        )}
        {s.counts.unverified > 0 && <p className="notice notice-info">{t('leaks.unverifiedNote', { n: s.counts.unverified })}</p>}
      </section>

      {byMailbox.length > 0 && (
        <section className="panel" aria-labelledby="mbx-bars-title">
          <div className="panel-head">
            <h2 id="mbx-bars-title" className="panel-title">
              {t('leaks.byMailbox')}
            </h2>
            <span className="chart-legend">
              {(['decoy', 'tampered-decoy'] as const).map((v) => (
                <span key={v} className="chart-legend-item">
                  <span className="swatch" style={{ background: BAR_COLOR[v] }} aria-hidden="true" />
                  {t(`leaks.verdict.${v}` as MsgKey)}
                </span>
              ))}
            </span>
          </div>
          <ul className="hbars" data-testid="mailbox-bars">
            {byMailbox.map((m) => (
              <li key={m.mailbox} className="hbar">
                <span className="hbar-label" title={m.mailbox}>
                  <span className="mono small">{m.mailbox}</span>
                  <span className="cell-sub">{m.latest ? t('leaks.readAfter', { date: date(m.latest) }) : ''}</span>
                </span>
                <span className="hbar-track" role="img" aria-label={t('leaks.barLabel', { mailbox: m.mailbox, decoy: m.decoy, tampered: m.tampered })}>
                  <span className="hbar-seg" style={{ width: `${(m.decoy / max) * 100}%`, background: BAR_COLOR.decoy }} />
                  <span className="hbar-seg" style={{ width: `${(m.tampered / max) * 100}%`, background: BAR_COLOR['tampered-decoy'] }} />
                </span>
                <span className="hbar-n">{num(m.total)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {tampered.length > 0 && (
        <section className="panel" aria-labelledby="tampered-title" data-testid="tampered">
          <h2 id="tampered-title" className="panel-title">
            {t('leaks.tamperedTitle')} <span className="count muted">{num(tampered.length)}</span>
          </h2>
          <p className="small muted">{t('leaks.tamperedIntro')}</p>
          {tampered.slice(0, 50).map((i) => (
            <TamperedDiff key={i.path} item={i} />
          ))}
        </section>
      )}

      <section className="panel" aria-labelledby="items-title">
        <div className="panel-head">
          <h2 id="items-title" className="panel-title">
            {t('leaks.items')} <span className="count muted">{num(shown.length)}</span>
          </h2>
          <div className="seg" role="group" aria-label={t('leaks.filter')}>
            <button type="button" className={`seg-item${!verdict ? ' on' : ''}`} aria-pressed={!verdict} onClick={() => onVerdict(null)}>
              {t('common.all')}
            </button>
            {LEAK_VERDICTS.filter((v) => v !== 'unrelated' && s.counts[v] > 0).map((v) => (
              <button key={v} type="button" className={`seg-item${verdict === v ? ' on' : ''}`} aria-pressed={verdict === v} onClick={() => onVerdict(v)}>
                {t(`leaks.verdict.${v}` as MsgKey)}
              </button>
            ))}
          </div>
        </div>
        <div className="table-wrap">
          <table className="table" data-testid="leak-items">
            <thead>
              <tr>
                <th scope="col">{t('leaks.col.verdict')}</th>
                <th scope="col">{t('leaks.col.file')}</th>
                <th scope="col">{t('sensors.col.mailbox')}</th>
                <th scope="col" className="hide-sm">
                  {t('sensors.detail.planted')}
                </th>
                <th scope="col" className="hide-sm">
                  {t('leaks.col.evidence')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, MAX_ROWS).map((i) => (
                <tr key={i.path}>
                  <td>
                    <VerdictBadge v={i.verdict} />
                  </td>
                  <td className="cell-title">
                    {baseName(i.path)}
                    <span className="cell-sub mono">{relPath(i.path, data.paths)}</span>
                  </td>
                  <td className="mono small nowrap">{i.mailbox ?? '—'}</td>
                  <td className="hide-sm nowrap small">{i.planted ? date(i.planted) : '—'}</td>
                  <td className="hide-sm small">{evidence(i, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {shown.length > MAX_ROWS && <p className="small muted">{t('leaks.moreInHtml', { n: num(shown.length - MAX_ROWS) })}</p>}
      </section>
    </>
  );
}

function TamperedDiff({ item }: { item: LeakItem }) {
  const { t, date } = useI18n();
  const d = item.diff;
  return (
    <article className="diff-block">
      <p>
        <strong>{baseName(item.path)}</strong>
        {item.title && item.title !== baseName(item.path) ? <span className="muted"> — {t('leaks.decoyTitle', { title: item.title })}</span> : null}
      </p>
      <p className="small muted">
        {t('leaks.tamperedMeta', { mailbox: item.mailbox ?? '—', date: date(item.planted), coverage: d ? Math.round(d.coverage * 100) : '—' })}
      </p>
      {d?.removed.map((x, i) => (
        <del key={`r${i}`} className="diff-del" aria-label={t('leaks.removed')}>
          {x}
        </del>
      ))}
      {d?.added.map((x, i) => (
        <ins key={`a${i}`} className="diff-ins" aria-label={t('leaks.added')}>
          {x}
        </ins>
      ))}
    </article>
  );
}

/** A path as seen from the scanned folder (the server's own folders say nothing to the reader). */
function relPath(p: string, roots: string[]): string {
  const root = roots.find((r) => p.startsWith(r));
  return root ? p.slice(root.length).replace(/^[/\\]+/, '') || baseName(p) : p;
}

function baseName(p: string): string {
  return p.split(/[/\\]/).pop() || p;
}

function evidence(i: LeakItem, t: (k: MsgKey, p?: Record<string, string | number>) => string): string {
  if (i.error) return i.error.message;
  if (i.reason) return i.reason;
  if (i.markers.length) return [...new Set(i.markers.map((m) => m.kind))].join(', ');
  if (i.similarity !== undefined) return t('leaks.similarity', { n: Math.round(i.similarity * 100) });
  return '';
}

/** Decoys found per source mailbox, with the latest planting date: the mailbox was read after it. */
function mailboxBars(items: LeakItem[]) {
  const by = new Map<string, { mailbox: string; decoy: number; tampered: number; total: number; latest: string | null }>();
  for (const i of items) {
    if (i.verdict !== 'decoy' && i.verdict !== 'tampered-decoy') continue;
    const k = i.mailbox ?? '?';
    const m = by.get(k) ?? { mailbox: k, decoy: 0, tampered: 0, total: 0, latest: null };
    if (i.verdict === 'decoy') m.decoy++;
    else m.tampered++;
    m.total++;
    if (i.planted && (!m.latest || i.planted > m.latest)) m.latest = i.planted;
    by.set(k, m);
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.mailbox.localeCompare(b.mailbox));
}
