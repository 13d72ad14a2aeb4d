import { useMemo, useState } from 'react';
import { api, type DrillResults, type DrillTimeline } from '../../api.ts';
import { Icon } from '../../components/icons.tsx';
import { SeriesChart as TimeChart, type TimeSeries } from '../../components/SeriesChart.tsx';
import { ErrorBox, Loading, toApiError, useAsync } from '../../components/ui.tsx';
import { useI18n, type MsgKey } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { duration, pct } from './format.ts';
import { FunnelChart, ProneMeter, StatusPill } from './widgets.tsx';

/** One campaign: the funnel, how it unfolded, the groups, the people (unless anonymous). */
export function CampaignDetail({ id, canCancel }: { id: string; canCancel: boolean }) {
  const { t, lang, dateTime, locale } = useI18n();
  const { data, error, loading, reload } = useAsync(() => api.drillCampaign(id), [id]);
  const timeline = useAsync(() => api.drillTimeline(id), [id]);
  const templates = useAsync(() => api.drillTemplates(), []);
  const [busy, setBusy] = useState(false);
  const [cancelError, setCancelError] = useState<ReturnType<typeof toApiError> | null>(null);

  const back = (
    <Link to="/drill" className="link-arrow back-link">
      ← {t('drill.back')}
    </Link>
  );
  if (error && !data)
    return (
      <>
        {back}
        <ErrorBox error={error} onRetry={reload} />
      </>
    );
  if (loading && !data) return <Loading />;
  if (!data) return null;
  const { campaign: c, funnel: f } = data;
  const cancel = async () => {
    if (!window.confirm(t('drill.cancelConfirm'))) return;
    setBusy(true);
    setCancelError(null);
    try {
      await api.cancelDrill(c.id);
      reload();
    } catch (e) {
      setCancelError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="campaign">
      {back}
      <header className="page-header">
        <div>
          <p className="eyebrow">
            {t('drill.campaign')} · {templates.data?.items.find((x) => x.id === c.template_id && x.lang === c.lang)?.name ?? c.template_id} · {c.group_name ?? t('drill.everyone')}
          </p>
          <h1>{c.name}</h1>
          <p className="page-intro">
            <StatusPill status={c.status} /> <span className="muted small">{t('drill.launchedOn', { date: dateTime(c.created_at) })}</span>
            {c.anonymous ? <span className="pill pill-quiet">{t('drill.anonymous')}</span> : null}
          </p>
        </div>
        <div className="page-actions">
          <a className="btn" href={api.drillCsvUrl(c.id)} download data-testid="csv-link">
            {t('drill.csv')}
          </a>
          {canCancel && (c.status === 'running' || c.status === 'scheduled') && (
            <button type="button" className="btn btn-danger" onClick={() => void cancel()} disabled={busy}>
              {t('drill.cancel')}
            </button>
          )}
        </div>
      </header>
      {cancelError && <ErrorBox error={cancelError} />}
      <dl className="stat-row">
        <div className="stat">
          <dt>{t('drill.col.prone')}</dt>
          <dd data-testid="prone">{f.sent ? pct(f.phishPronePct, locale) : '—'}</dd>
          <dd className="small muted stat-help">{t('drill.proneHelp')}</dd>
        </div>
        <div className="stat stat-good">
          <dt>{t('drill.reportRate')}</dt>
          <dd>{f.sent ? pct(f.reportPct, locale) : '—'}</dd>
          <dd className="small muted stat-help">{t('drill.reportRateHelp')}</dd>
        </div>
        <div className="stat">
          <dt>{t('drill.firstReport')}</dt>
          <dd data-testid="first-report">{duration(data.timeToFirstReportSeconds, lang)}</dd>
          <dd className="small muted stat-help">{t('drill.firstReportHelp')}</dd>
        </div>
        <div className="stat">
          <dt>{t('drill.medianReport')}</dt>
          <dd>{duration(data.medianTimeToReportSeconds, lang)}</dd>
          <dd className="small muted stat-help">{t('drill.scanner', { n: f.scannerClicks })}</dd>
        </div>
      </dl>
      <div className="grid-2">
        <section className="panel" aria-labelledby="funnel-title">
          <h2 id="funnel-title" className="panel-title">
            {t('drill.funnel')}
          </h2>
          <FunnelChart funnel={f} />
          <p className="small muted funnel-note">
            <Icon name="shield" size={14} /> {t('drill.noPasswords')}
          </p>
        </section>
        <section className="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title" className="panel-title">
            {t('drill.timeline')}
          </h2>
          {timeline.error ? <ErrorBox error={timeline.error} onRetry={timeline.reload} /> : !timeline.data ? <Loading /> : <Timeline data={timeline.data} />}
        </section>
      </div>
      <ByGroup data={data} />
      {data.people.length > 0 ? <People data={data} /> : c.anonymous ? <p className="muted small">{t('drill.anonymousHelp')}</p> : null}
    </div>
  );
}

function Timeline({ data }: { data: DrillTimeline }) {
  const { t, locale } = useI18n();
  const series = useMemo<TimeSeries[]>(
    () => [
      { label: t('drill.f.sent'), values: data.sent, color: '#98a2b3', stepped: true },
      { label: t('drill.f.opened'), values: data.opened, color: '#1c3f94', stepped: true },
      { label: t('drill.f.clicked'), values: data.clicked, color: '#dc6803', stepped: true },
      { label: t('drill.f.submitted'), values: data.submitted, color: '#b42318', stepped: true },
      { label: t('drill.f.reported'), values: data.reported, color: '#067647', stepped: true },
    ],
    [data, t],
  );
  if (data.t.length === 0) return <p className="muted">{t('drill.timelineEmpty')}</p>;
  const last = (v: number[]) => v[v.length - 1] ?? 0;
  return (
    <>
      <TimeChart x={data.t} series={series} locale={locale} timeLabel={t('drill.time')} label={t('drill.timelineDesc', { sent: last(data.sent), clicked: last(data.clicked), reported: last(data.reported) })} />
      <p className="small muted">{t('drill.timelineHelp')}</p>
    </>
  );
}

function ByGroup({ data }: { data: DrillResults }) {
  const { t, num, locale } = useI18n();
  return (
    <section className="panel" aria-labelledby="groups-title">
      <h2 id="groups-title" className="panel-title">
        {t('drill.byGroup')}
      </h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('drill.col.group')}</th>
              {(['sent', 'opened', 'clicked', 'submitted', 'reported'] as const).map((k) => (
                <th key={k} scope="col" className="num">
                  {t(`drill.f.${k}` as MsgKey)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('drill.col.prone')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.byGroup.map((g) => (
              <tr key={g.group}>
                <td>{g.group === '—' ? <span className="muted">{t('drill.noGroup')}</span> : g.group}</td>
                <td className="num">{num(g.sent)}</td>
                <td className="num">{num(g.opened)}</td>
                <td className="num">{num(g.clicked)}</td>
                <td className="num">{num(g.submitted)}</td>
                <td className="num">{num(g.reported)}</td>
                <td className="num">
                  <ProneMeter value={g.sent ? g.phishPronePct : null} locale={locale} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const STAGE_TONE: Record<string, string> = { queued: 'off', sent: 'off', opened: 'open', clicked: 'warn', submitted: 'bad' };

function People({ data }: { data: DrillResults }) {
  const { t, tk, lang, dateTime } = useI18n();
  const [all, setAll] = useState(false);
  const rows = all ? data.people : data.people.slice(0, 25);
  return (
    <section className="panel" aria-labelledby="people-title">
      <div className="panel-head">
        <h2 id="people-title" className="panel-title">
          {t('drill.people')} <span className="count muted">{data.people.length}</span>
        </h2>
        <p className="small muted">{t('drill.peopleHelp')}</p>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('drill.col.person')}</th>
              <th scope="col" className="hide-sm">
                {t('drill.col.group')}
              </th>
              <th scope="col">{t('drill.col.stage')}</th>
              <th scope="col">{t('drill.col.reported')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.email}>
                <td>
                  {p.fullName ?? p.email}
                  {p.fullName && <div className="small muted">{p.email}</div>}
                </td>
                <td className="hide-sm">{p.department ?? '—'}</td>
                <td>
                  <span className={`stage stage-${STAGE_TONE[p.stage] ?? 'off'}`}>{tk(`drill.stage.${p.stage}`, p.stage)}</span>
                </td>
                <td className="nowrap">
                  {p.reportedAt ? (
                    <span className="state state-done" title={dateTime(p.reportedAt)}>
                      {p.sentAt ? t('drill.reportedAfter', { d: duration((Date.parse(p.reportedAt) - Date.parse(p.sentAt)) / 1000, lang) }) : dateTime(p.reportedAt)}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.people.length > rows.length && (
        <p className="more">
          <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
            {t('drill.showAll', { n: data.people.length })}
          </button>
        </p>
      )}
    </section>
  );
}
