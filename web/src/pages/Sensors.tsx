import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, SENSOR_KINDS, type SensorEvent, type SensorKind } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { StackedDays } from '../components/StackedDays.tsx';
import { EmptyState, ErrorBox, KeyValue, Loading, LoadMore, PageHeader, useAsync, usePagedList } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { eventWhat, KIND_COLOR } from './defend/events.ts';
import './defend/defend.css';

const PAGE = 200;
const PERIODS = [30, 90, 365] as const;

/** "Who touched a decoy": touches per day by sensor, the feed newest first, one event's evidence beside it. */
export function SensorsPage() {
  const { t, num, relative, dateTime, date } = useI18n();
  const { query } = useLocation();
  const kind = (SENSOR_KINDS as string[]).includes(query.get('kind') ?? '') ? (query.get('kind') as SensorKind) : undefined;
  const selectedId = query.get('id');
  const days = Number(query.get('days')) || 30;
  const [showScanners, setShowScanners] = useState(false);

  const setParam = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v);
    else q.delete(k);
    const s = q.toString();
    navigate(`/sensors${s ? `?${s}` : ''}`, { replace: true });
  };

  const timeline = useAsync(() => api.sensorTimeline({ days }), [days]);
  const { first: feed, items: all, loadMore, loadingMore, hasMore } = usePagedList((before) => api.sensorEvents({ kind, limit: PAGE, before }).then((r) => r.events), PAGE, [kind]);
  const events = useMemo(() => (showScanners ? all : all.filter((e) => !e.scanner)), [all, showScanners]);
  const scanners = all.length - all.filter((e) => !e.scanner).length;
  const selected = selectedId ? all.find((e) => e.id === selectedId) : undefined;

  const tl = timeline.data;
  const touches = tl ? tl.days.reduce((n, d) => n + SENSOR_KINDS.reduce((m, k) => m + d.counts[k], 0), 0) : null;
  const real = all.filter((e) => !e.scanner);
  const lastTouch = real[0]?.at;
  const recent = lastTouch ? Date.now() - Date.parse(lastTouch) < 7 * 86400_000 : false;

  return (
    <>
      <PageHeader title={t('sensors.title')} intro={t('sensors.intro')} />
      <ul className="tiles stat-tiles">
        <li className={`tile tone-${lastTouch ? (recent ? 'critical' : 'high') : 'ok'}`}>
          <span className="tile-label">{t('sensors.stat.last')}</span>
          <span className="tile-value tile-value-text" data-testid="last-touch">
            {lastTouch ? relative(lastTouch) : t('sensors.stat.never')}
          </span>
          {lastTouch && relative(lastTouch) !== dateTime(lastTouch) && <span className="small muted">{dateTime(lastTouch)}</span>}
        </li>
        <li className="tile">
          <span className="tile-label">{t('sensors.stat.touches', { days })}</span>
          <span className="tile-value">{touches === null ? '—' : num(touches)}</span>
        </li>
        <li className="tile">
          <span className="tile-label">{t('sensors.stat.decoys')}</span>
          <span className="tile-value">{num(new Set(real.flatMap((e) => (e.artifact_id ? [e.artifact_id] : []))).size)}</span>
        </li>
        <li className="tile">
          <span className="tile-label">{t('sensors.stat.sources')}</span>
          <span className="tile-value">{num(new Set(real.map((e) => e.source)).size)}</span>
        </li>
      </ul>

      <section className="panel" aria-labelledby="tl-title">
        <div className="panel-head">
          <h2 id="tl-title" className="panel-title">
            {t('sensors.chart.title')}
          </h2>
          <div className="seg" role="group" aria-label={t('sensors.chart.period')}>
            {PERIODS.map((p) => (
              <button key={p} type="button" className={`seg-item${p === days ? ' on' : ''}`} aria-pressed={p === days} onClick={() => setParam({ days: p === 30 ? null : String(p) })}>
                {t('sensors.chart.days', { n: p })}
              </button>
            ))}
          </div>
        </div>
        {timeline.error && <ErrorBox error={timeline.error} onRetry={timeline.reload} />}
        {!tl ? (
          <Loading />
        ) : (
          <>
            <StackedDays
              days={tl.days.map((d) => d.day)}
              label={t('sensors.chart.range', { from: date(`${tl.from}T12:00:00Z`), to: date(`${tl.to}T12:00:00Z`) })}
              series={SENSOR_KINDS.map((k) => ({ key: k, label: t(`sensors.kind.${k}` as MsgKey), color: KIND_COLOR[k], values: tl.days.map((d) => d.counts[k]) }))}
            />
            <p className="small muted chart-note">{t('sensors.chart.note')}</p>
          </>
        )}
      </section>

      <div className="filters" role="group" aria-label={t('common.filter')}>
        <fieldset className="filter">
          <legend>{t('sensors.filter.kind')}</legend>
          <div className="seg">
            <label className={`seg-item${!kind ? ' on' : ''}`}>
              <input type="radio" name="kind" checked={!kind} onChange={() => setParam({ kind: null, id: null })} />
              {t('common.allMasc')}
            </label>
            {SENSOR_KINDS.map((k) => (
              <label key={k} className={`seg-item${kind === k ? ' on' : ''}`}>
                <input type="radio" name="kind" checked={kind === k} onChange={() => setParam({ kind: k, id: null })} />
                <span className="dot" style={{ background: KIND_COLOR[k] }} aria-hidden="true" />
                {t(`sensors.kind.${k}` as MsgKey)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="filter-check">
          <input type="checkbox" checked={showScanners} onChange={(e) => setShowScanners(e.target.checked)} />
          {t('sensors.filter.scanners', { n: scanners })}
        </label>
        <span className="filter-count muted small" aria-live="polite">
          {t('common.count', { n: events.length })}
        </span>
      </div>
      {feed.error && <ErrorBox error={feed.error} onRetry={feed.reload} />}
      <div className={`split${selectedId ? ' has-detail' : ''}`}>
        <div className="split-main">
          {feed.loading && !feed.data ? (
            <Loading />
          ) : events.length === 0 ? (
            <EmptyState icon="sensor" title={t('sensors.empty.title')}>
              <p>{kind ? t('sensors.empty.filtered') : t('sensors.empty.body')}</p>
              {!kind && (
                <Link to="/blur" className="btn btn-small">
                  {t('sensors.empty.go')}
                </Link>
              )}
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table sensors-table">
                <thead>
                  <tr>
                    <th scope="col">{t('sensors.col.when')}</th>
                    <th scope="col">{t('sensors.col.what')}</th>
                    <th scope="col" className="hide-sm">
                      {t('sensors.col.mailbox')}
                    </th>
                    <th scope="col">{t('sensors.col.source')}</th>
                    <th scope="col" className="hide-sm ua-col">
                      {t('sensors.col.agent')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((e) => (
                    <tr key={e.id} className={e.id === selectedId ? 'selected' : e.scanner ? 'dim' : undefined}>
                      <td className="nowrap">
                        <time dateTime={e.at} title={relative(e.at)}>
                          {dateTime(e.at)}
                        </time>
                      </td>
                      <td className="cell-title">
                        <button type="button" className="row-link" onClick={() => setParam({ id: e.id })} aria-pressed={e.id === selectedId}>
                          <span className="dot" style={{ background: KIND_COLOR[e.kind] }} aria-hidden="true" /> {t(eventWhat(e))}
                        </button>
                        <span className="cell-sub">{e.decoy?.title ?? e.username ?? e.token ?? '—'}</span>
                        {e.scanner && <span className="pill pill-quiet">{t('sensors.scanner')}</span>}
                      </td>
                      <td className="hide-sm mono small nowrap">{e.mailbox ?? '—'}</td>
                      <td className="mono small nowrap">{e.source}</td>
                      <td className="hide-sm small ua-cell" title={e.user_agent ?? ''}>
                        {e.user_agent ?? '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {hasMore && <LoadMore busy={loadingMore} onClick={() => void loadMore()} />}
        </div>
        {selectedId && (
          <aside className="detail panel" aria-labelledby="detail-title">
            {!selected ? feed.loading ? <Loading /> : <p className="muted">{t('sensors.detail.gone')}</p> : <EventDetail event={selected} onClose={() => setParam({ id: null })} />}
          </aside>
        )}
      </div>
    </>
  );
}

function EventDetail({ event: e, onClose }: { event: SensorEvent; onClose: () => void }) {
  const { t, dateTime, date } = useI18n();
  const head = useRef<HTMLDivElement>(null);
  // The detail sits below the chart: bring it into view when an event is chosen.
  useEffect(() => {
    // Braces matter: recent Chromium returns a promise from scrollIntoView, which React would call as a cleanup.
    void head.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [e.id]);
  return (
    <>
      <div className="detail-head" ref={head}>
        <span className="pill" style={{ background: KIND_COLOR[e.kind], color: '#fff' }}>
          {t(`sensors.kind.${e.kind}` as MsgKey)}
        </span>
        {e.scanner && <span className="pill pill-quiet">{t('sensors.scanner')}</span>}
        <button type="button" className="icon-btn detail-close" onClick={onClose} aria-label={t('common.close')}>
          <Icon name="close" />
        </button>
      </div>
      <h2 id="detail-title" className="detail-title">
        {e.decoy ? t('sensors.detail.titleWith', { what: t(eventWhat(e)), title: e.decoy.title }) : t(eventWhat(e))}
      </h2>
      <p className="small muted">
        <time dateTime={e.at}>{dateTime(e.at)}</time>
      </p>
      {e.mailbox && !e.scanner && (
        <div className="notice notice-warn inference">
          <Icon name="sensor" size={16} />
          <span>{e.planted_at ? t('sensors.detail.inference', { mailbox: e.mailbox, date: date(e.planted_at) }) : t('sensors.detail.inferenceNoDate', { mailbox: e.mailbox })}</span>
        </div>
      )}
      {e.scanner && <p className="notice notice-info">{t('sensors.detail.scanner')}</p>}
      <dl className="kv">
        <Row k={t('sensors.col.source')} v={<span className="mono">{e.source}</span>} />
        <Row k={t('sensors.col.agent')} v={e.user_agent} />
        <Row k={t('sensors.detail.decoy')} v={e.decoy ? `${e.decoy.title} (${t(`blur.kind.${e.decoy.kind}` as MsgKey)})` : null} />
        <Row k={t('sensors.col.mailbox')} v={e.mailbox ? <span className="mono">{e.mailbox}</span> : null} />
        <Row k={t('sensors.detail.persona')} v={e.persona} />
        <Row k={t('sensors.detail.planted')} v={e.planted_at ? date(e.planted_at) : null} />
        <Row k={t('sensors.detail.username')} v={e.username ? <span className="mono">{e.username}</span> : null} />
        {e.kind === 'portal' && <Row k={t('sensors.detail.honey')} v={e.honey_password ? t('common.yes') : t('common.no')} />}
      </dl>
      <div className="row-actions detail-links">
        {e.alert_id && (
          <Link to={`/alerts?id=${encodeURIComponent(e.alert_id)}`} className="btn btn-small">
            {t('sensors.detail.alert')}
          </Link>
        )}
        {e.deployment_id && (
          <Link to={`/blur?id=${encodeURIComponent(e.deployment_id)}`} className="btn btn-small btn-ghost">
            {t('sensors.detail.deployment')}
          </Link>
        )}
      </div>
      {Object.keys(e.headers).length > 0 && (
        <>
          <h3 className="detail-sub">{t('sensors.detail.headers')}</h3>
          <KeyValue data={e.headers} />
        </>
      )}
      <p className="small muted detail-id">
        <code>{e.id}</code>
      </p>
    </>
  );
}

function Row({ k, v }: { k: string; v: ReactNode }) {
  return (
    <div className="kv-row">
      <dt>{k}</dt>
      <dd>{v ?? <span className="muted">—</span>}</dd>
    </div>
  );
}
