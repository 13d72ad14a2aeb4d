import { useMemo, useState } from 'react';
import { EmptyState, ErrorBox, Loading, PageHeader, SortTh, useAsync, useSort } from '../components/ui.tsx';
import { TimeChart, type ChartMarker, type ChartSeries } from '../components/TimeChart.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { NETWORK_TYPES, watchApi, type Burst, type NetworkQuery, type NetworkType, type Narrative, type SourceReport } from '../watch-api.ts';
import { Connectors } from './watch/Connectors.tsx';
import { Meter } from './watch/Meter.tsx';
import { NarrativePage } from './watch/NarrativePage.tsx';
import { NetworkView } from './watch/NetworkView.tsx';

const TABS = ['overview', 'network', 'narratives', 'sources', 'live'] as const;
type Tab = (typeof TABS)[number];
const BUCKETS = [600, 3600, 6 * 3600, 86400];
const WINDOWS = ['10', '60', '300', 'auto'];
const MIN_WEIGHTS = [1, 2, 3, 5];

/** Influence watch: volume and bursts, the coordination network, narratives and source slant. `?narrative=` opens one narrative. */
export function WatchPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const narrative = query.get('narrative');
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '') ? (query.get('tab') as Tab) : 'overview';
  const net: NetworkQuery = {
    type: (NETWORK_TYPES as readonly string[]).includes(query.get('type') ?? '') ? (query.get('type') as NetworkType) : 'corepost',
    window: WINDOWS.includes(query.get('window') ?? '') ? (query.get('window') as string) : '60',
    minWeight: MIN_WEIGHTS.includes(Number(query.get('minWeight'))) ? Number(query.get('minWeight')) : 2,
  };
  const setParam = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v);
    else q.delete(k);
    const s = q.toString();
    navigate(`/watch${s ? `?${s}` : ''}`, { replace: true });
  };

  if (narrative) return <NarrativePage id={narrative} />;
  return (
    <>
      <PageHeader title={t('watch.title')} intro={t('watch.intro')} />
      <div className="tabs" role="tablist" aria-label={t('watch.title')}>
        {TABS.map((x) => (
          <button key={x} type="button" role="tab" id={`tab-${x}`} aria-selected={tab === x} aria-controls={`panel-${x}`} className={`tab${tab === x ? ' on' : ''}`} onClick={() => setParam({ tab: x === 'overview' ? null : x })}>
            {t(`watch.tab.${x}` as MsgKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' && <Overview />}
        {tab === 'network' && (
          <>
            <NetworkControls net={net} onChange={setParam} />
            <NetworkView query={net} />
          </>
        )}
        {tab === 'narratives' && <NarrativeList />}
        {tab === 'sources' && <Sources />}
        {tab === 'live' && <Connectors />}
      </div>
    </>
  );
}

function NetworkControls({ net, onChange }: { net: NetworkQuery; onChange: (p: Record<string, string | null>) => void }) {
  const { t } = useI18n();
  return (
    <div className="filters" role="group" aria-label={t('common.filter')}>
      <label className="filter">
        <span className="filter-label">{t('watch.net.type')}</span>
        <select value={net.type} onChange={(e) => onChange({ type: e.target.value })}>
          {NETWORK_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`watch.type.${x}` as MsgKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">{t('watch.net.window')}</span>
        <select value={net.window} onChange={(e) => onChange({ window: e.target.value })}>
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {w === 'auto' ? t('watch.window.auto') : t('watch.seconds', { n: w })}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">{t('watch.net.minWeight')}</span>
        <select value={net.minWeight} onChange={(e) => onChange({ minWeight: e.target.value })}>
          {MIN_WEIGHTS.map((w) => (
            <option key={w} value={w}>
              ≥ {w}
            </option>
          ))}
        </select>
      </label>
      <span className="filter-spacer" />
      <span className="filter">
        <span className="filter-label">{t('watch.export')}</span>
        <span className="export-links">
          {(['gexf', 'graphml', 'csv'] as const).map((f) => (
            <a key={f} className="btn btn-small" href={watchApi.exportUrl(f, net)} download>
              {f === 'csv' ? 'CSV' : f === 'gexf' ? 'GEXF' : 'GraphML'}
            </a>
          ))}
        </span>
      </span>
    </div>
  );
}

function Overview() {
  const { t, num, dateTime } = useI18n();
  const [bucket, setBucket] = useState(3600);
  const [picked, setPicked] = useState<number | null>(null);
  const { data, error, loading, reload } = useAsync(() => watchApi.timeline(bucket), [bucket]);
  const series = useMemo<ChartSeries[]>(
    () => (data ? [{ label: t('watch.chart.posts'), values: data.posts, color: '#8da2cf', bars: true }, { label: t('watch.chart.coordinated'), values: data.coordinated, color: '#b42318' }] : []),
    [data, t],
  );
  const top = useMemo(() => (data ? data.bursts.slice(0, 12) : []), [data]);
  const markers = useMemo<ChartMarker[]>(() => top.map((b) => ({ at: Date.parse(b.at) / 1000, label: b.term })), [top]);
  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  if (!data.start) return <EmptyState icon="eye">{t('watch.empty')}</EmptyState>;
  const total = data.posts.reduce((s, n) => s + n, 0);
  const coordinated = data.coordinated.reduce((s, n) => s + n, 0);
  return (
    <>
      <ul className="tiles watch-tiles">
        <li className="tile">
          <span className="tile-label">{t('watch.kpi.posts')}</span>
          <span className="tile-value">{num(total)}</span>
        </li>
        <li className="tile">
          <span className="tile-label">{t('watch.kpi.coordinated')}</span>
          <span className="tile-value">{total ? `${num(Math.round((coordinated / total) * 1000) / 10)} %` : '—'}</span>
        </li>
        <li className={`tile${data.bursts.length ? ' tone-high' : ''}`}>
          <span className="tile-label">{t('watch.kpi.bursts')}</span>
          <span className="tile-value">{num(data.bursts.length)}</span>
        </li>
      </ul>
      <section className="panel" aria-labelledby="vol-title">
        <div className="panel-head">
          <h2 id="vol-title" className="panel-title">
            {t('watch.chart.title')}
          </h2>
          <label className="filter inline">
            <span className="filter-label">{t('watch.chart.bucket')}</span>
            <select value={bucket} onChange={(e) => setBucket(Number(e.target.value))}>
              {BUCKETS.map((b) => (
                <option key={b} value={b}>
                  {t(`watch.bucket.${b}` as MsgKey)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <TimeChart
          start={data.start}
          bucketSeconds={data.bucketSeconds}
          series={series}
          markers={markers}
          onMarker={setPicked}
          timeLabel={t('watch.evidence.at')}
          summary={t('watch.chart.summary', { posts: num(total), bursts: num(data.bursts.length) })}
        />
        <p className="small muted chart-note">
          <span className="burst-key" aria-hidden="true" /> {t('watch.chart.markers', { n: markers.length })}
          {data.bucketSeconds !== bucket && ` ${t('watch.chart.widened', { s: num(data.bucketSeconds / 60) })}`}
        </p>
      </section>
      <BurstTable bursts={data.bursts} picked={picked === null ? undefined : top[picked]} dateTime={dateTime} />
    </>
  );
}

function BurstTable({ bursts, picked, dateTime }: { bursts: Burst[]; picked?: Burst; dateTime: (iso: string) => string }) {
  const { t, num } = useI18n();
  if (bursts.length === 0) return <p className="panel muted">{t('watch.bursts.none')}</p>;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  return (
    <section className="panel" aria-labelledby="bursts-title">
      <h2 id="bursts-title" className="panel-title">
        {t('watch.bursts.title')}
      </h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('watch.bursts.term')}</th>
              <th scope="col">{t('watch.bursts.at')}</th>
              <th scope="col" className="num">{t('watch.bursts.count')}</th>
              <th scope="col" className="num">{t('watch.bursts.growth')}</th>
              <th scope="col" className="num">{t('watch.bursts.coordinated')}</th>
              <th scope="col" className="num hide-sm">{t('watch.bursts.young')}</th>
              <th scope="col" className="hide-sm">{t('watch.bursts.top')}</th>
            </tr>
          </thead>
          <tbody>
            {bursts.slice(0, 50).map((b) => (
              <tr key={`${b.kind}:${b.term}:${b.at}`} className={picked === b ? 'selected' : undefined}>
                <td className="cell-title break">
                  <span className="pill">{t(`watch.kind.${b.kind}` as MsgKey)}</span> {b.term}
                </td>
                <td className="nowrap">{dateTime(b.at)}</td>
                <td className="num">{num(b.count)}</td>
                <td className="num">×{num(b.growth)}</td>
                <td className={`num${b.coordinatedShare >= 0.3 ? ' tone-high' : ''}`}>{pct(b.coordinatedShare)}</td>
                <td className="num hide-sm">{pct(b.youngShare)}</td>
                <td className="hide-sm small mono">{b.topAccounts.slice(0, 3).map((a) => a.account).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type NarrCol = 'label' | 'posts' | 'accounts' | 'firstSeen' | 'inflation' | 'reach';

function NarrativeList() {
  const { t, num, dateTime } = useI18n();
  const { data, error, loading, reload } = useAsync(() => watchApi.narratives(100).then((r) => r.items), []);
  const { sort, onSort } = useSort<NarrCol>({ col: 'posts', dir: 'desc' });
  const rows = useMemo(() => {
    const key = (n: Narrative) => (sort.col === 'label' ? n.label.toLowerCase() : n[sort.col]);
    return [...(data ?? [])].sort((a, b) => {
      const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
      return sort.dir === 'asc' ? c : -c;
    });
  }, [data, sort]);
  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  if (!rows.length) return <EmptyState icon="eye">{t('watch.narratives.empty')}</EmptyState>;
  return (
    <div className="table-wrap panel flush">
      <table className="table">
        <thead>
          <tr>
            <SortTh col="label" label={t('watch.narratives.label')} sort={sort} onSort={onSort} />
            <SortTh col="posts" label={t('watch.narratives.posts')} sort={sort} onSort={onSort} className="num" />
            <SortTh col="accounts" label={t('watch.narratives.accounts')} sort={sort} onSort={onSort} className="num" />
            <SortTh col="firstSeen" label={t('watch.narratives.firstSeen')} sort={sort} onSort={onSort} className="hide-sm" />
            <SortTh col="inflation" label={t('watch.narratives.inflation')} sort={sort} onSort={onSort} />
            <SortTh col="reach" label={t('watch.narratives.reach')} sort={sort} onSort={onSort} className="num hide-sm" />
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id}>
              <td className="cell-title break">
                <Link to={`/watch?narrative=${encodeURIComponent(n.id)}`} className="row-link narrative-link">
                  {n.label}
                </Link>
              </td>
              <td className="num">{num(n.posts)}</td>
              <td className="num">{num(n.accounts)}</td>
              <td className="nowrap hide-sm">{dateTime(n.firstSeen)}</td>
              <td>
                <Meter value={n.inflation} />
              </td>
              <td className="num hide-sm">{num(n.reach)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Sources() {
  const { t, lang, num } = useI18n();
  const { data, error, loading, reload } = useAsync(() => watchApi.sources(lang).then((r) => r.items), [lang]);
  const entities = useMemo(() => [...new Set((data ?? []).flatMap((s) => s.slant.map((x) => x.entity)))].sort(), [data]);
  // Tone is a sum of charged words near the name, not bounded: bars share the table's largest value.
  const scale = useMemo(() => Math.max(1, ...(data ?? []).flatMap((s) => s.slant.map((x) => Math.abs(x.mean)))), [data]);
  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  if (!data?.length) return <EmptyState icon="eye">{t('watch.sources.empty')}</EmptyState>;
  return (
    <section className="panel flush" aria-labelledby="slant-title">
      <h2 id="slant-title" className="panel-title pad">
        {t('watch.sources.title')}
      </h2>
      <p className="small muted pad">{t('watch.sources.help')}</p>
      <div className="table-wrap">
        <table className="table slant-table">
          <thead>
            <tr>
              <th scope="col">{t('watch.sources.source')}</th>
              <th scope="col">{t('watch.sources.labels')}</th>
              {entities.map((e) => (
                <th scope="col" key={e} className="num">
                  {e}
                </th>
              ))}
              <th scope="col" className="hide-sm">{t('watch.sources.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s: SourceReport) => (
              <tr key={s.id}>
                <td className="cell-title">
                  {s.name}
                  <div className="small muted">{s.domains.join(', ')}</div>
                </td>
                <td>
                  {s.labels.map((l) => (
                    <span key={l} className={`pill${l.startsWith('state-affiliated') ? ' pill-warn' : ''}`}>
                      {l.startsWith('state-affiliated:') ? t('watch.sources.state', { country: l.split(':')[1] ?? '' }) : l}
                    </span>
                  ))}
                </td>
                {entities.map((e) => {
                  const r = s.slant.find((x) => x.entity === e);
                  return (
                    <td key={e} className="num">
                      {r && r.mentions > 0 ? <Slant mean={r.mean} scale={scale} n={r.mentions} title={r.examples[0]?.sentence} label={num(Math.round(r.mean * 100) / 100)} /> : <span className="muted">—</span>}
                    </td>
                  );
                })}
                <td className="hide-sm small">{s.summary || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Slant as a bar growing left (hostile) or right (favourable) from the middle. */
function Slant({ mean, scale, n, title, label }: { mean: number; scale: number; n: number; title?: string; label: string }) {
  const { t } = useI18n();
  const w = Math.min(50, (Math.abs(mean) / scale) * 50);
  return (
    <span className="slant" title={title}>
      <span className="slant-track" aria-hidden="true">
        <span className={`slant-fill ${mean < 0 ? 'neg' : 'pos'}`} style={mean < 0 ? { right: '50%', width: `${w}%` } : { left: '50%', width: `${w}%` }} />
      </span>
      <span className="slant-value">
        {mean > 0 ? '+' : ''}
        {label} <span className="muted small">({t('watch.sources.mentions', { n })})</span>
      </span>
    </span>
  );
}
