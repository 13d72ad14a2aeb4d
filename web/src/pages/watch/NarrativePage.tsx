import { useMemo, useState } from 'react';
import { ErrorBox, Loading, PageHeader, useAsync } from '../../components/ui.tsx';
import { TimeChart, type ChartSeries } from '../../components/TimeChart.tsx';
import { useI18n } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { watchApi } from '../../watch-api.ts';
import { Meter } from './Meter.tsx';

/** One narrative: where it started, who carried it, how much of it was coordinated, and the posts themselves. */
export function NarrativePage({ id }: { id: string }) {
  const { t, num, dateTime } = useI18n();
  const { data, error, loading, reload } = useAsync(() => watchApi.narrative(id), [id]);
  const [shown, setShown] = useState(50);
  const series = useMemo<ChartSeries[]>(
    () => (data ? [{ label: t('watch.chart.posts'), values: data.series.posts, color: '#8da2cf', bars: true }, { label: t('watch.chart.coordinated'), values: data.series.coordinated, color: '#b42318' }] : []),
    [data, t],
  );
  const back = (
    <Link to="/watch?tab=narratives" className="link-arrow back-link">
      ← {t('watch.narrative.back')}
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
  const n = data.narrative;
  return (
    <div className="narrative">
      {back}
      <PageHeader title={n.label} intro={t('watch.narrative.intro', { first: dateTime(n.firstSeen), last: dateTime(n.lastSeen) })} />
      <ul className="tiles watch-tiles">
        <li className="tile">
          <span className="tile-label">{t('watch.narratives.posts')}</span>
          <span className="tile-value">{num(n.posts)}</span>
        </li>
        <li className="tile">
          <span className="tile-label">{t('watch.narratives.accounts')}</span>
          <span className="tile-value">{num(n.accounts)}</span>
        </li>
        <li className={`tile${n.inflation >= 0.3 ? ' tone-high' : ''}`}>
          <span className="tile-label">{t('watch.narratives.inflation')}</span>
          <span className="tile-value">{Math.round(n.inflation * 100)} %</span>
        </li>
        <li className="tile">
          <span className="tile-label">{t('watch.narratives.reach')}</span>
          <span className="tile-value">{num(n.reach)}</span>
        </li>
      </ul>
      <div className="grid-main-side">
        <section className="panel" aria-labelledby="n-chart">
          <h2 id="n-chart" className="panel-title">
            {t('watch.narrative.spread')}
          </h2>
          {data.series.start && <TimeChart start={data.series.start} bucketSeconds={data.series.bucketSeconds} series={series} height={180} timeLabel={t('watch.evidence.at')} summary={t('watch.chart.summary', { posts: num(data.evidence.length), bursts: 0 })} />}
        </section>
        <section className="panel" aria-labelledby="n-origin">
          <h2 id="n-origin" className="panel-title">
            {t('watch.narrative.patientZero')}
          </h2>
          <ol className="origin-list">
            {n.patientZero.map((p) => (
              <li key={p.post}>
                <span className="mono">{p.account}</span> <span className="small muted">{dateTime(p.at)}</span>
              </li>
            ))}
          </ol>
          <h3 className="detail-sub">{t('watch.narrative.amplifiers')}</h3>
          <ul className="origin-list">
            {n.amplifiers.map((a) => (
              <li key={a.account}>
                <span className="mono">{a.account}</span> <span className="small muted">{t('watch.narrative.postsBy', { n: a.posts })}</span>
                {a.coordinated && <span className="pill pill-warn">{t('watch.narrative.coordinated')}</span>}
              </li>
            ))}
          </ul>
          {(n.hashtags.length > 0 || n.urls.length > 0) && (
            <>
              <h3 className="detail-sub">{t('watch.narrative.keys')}</h3>
              <ul className="chips">
                {n.hashtags.map((h) => (
                  <li key={h} className="chip">
                    #{h}
                  </li>
                ))}
                {n.urls.map((u) => (
                  <li key={u} className="chip mono break" title={u}>
                    {/* Never a live link: the dashboard does not open what an attacker posted. */}
                    {u.length > 60 ? `${u.slice(0, 60)}…` : u}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="small muted top-gap">
            <Meter value={n.inflation} /> {t('watch.narrative.inflationHelp', { n: data.coordinatedAccounts })}
          </p>
        </section>
      </div>
      <section className="panel flush" aria-labelledby="n-evidence">
        <h2 id="n-evidence" className="panel-title pad">
          {t('watch.narrative.evidence', { shown: num(data.evidence.length), total: num(n.posts) })}
        </h2>
        <div className="table-wrap">
          <table className="table evidence-table" data-testid="narrative-evidence">
            <thead>
              <tr>
                <th scope="col">{t('watch.evidence.at')}</th>
                <th scope="col">{t('watch.evidence.account')}</th>
                <th scope="col">{t('watch.evidence.text')}</th>
              </tr>
            </thead>
            <tbody>
              {data.evidence.slice(0, shown).map((p) => (
                <tr key={p.id} className={p.coordinated ? 'coordinated' : undefined}>
                  <td className="nowrap small">{dateTime(p.at)}</td>
                  <td className="nowrap">
                    <span className="mono">{p.handle ?? p.account}</span>
                    {p.coordinated && <span className="pill pill-warn">{t('watch.narrative.coordinated')}</span>}
                    {p.repostOf && <div className="small muted">{t('watch.evidence.repost', { id: p.repostOf })}</div>}
                  </td>
                  <td className="break evidence-text">{p.text || <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.evidence.length > shown && (
          <p className="more pad">
            <button type="button" className="btn btn-small" onClick={() => setShown((n) => n + 50)}>
              {t('common.loadMore')}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
