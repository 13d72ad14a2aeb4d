import { api, SEVERITIES, type Overview, type Tile } from '../api.ts';
import { DailyBars, Sparkline } from '../components/charts.tsx';
import { Icon } from '../components/icons.tsx';
import { ErrorBox, Loading, SeverityBadge, useAsync } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { Link } from '../router.tsx';
import { pages } from './index.ts';

/** The morning situation board: what needs attention now, and how each capability is doing. */
export function HomePage() {
  const { t, date } = useI18n();
  const { data, error, loading, reload } = useAsync(() => api.overview(), []);
  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  const { org } = data;
  const needsSetup = org.staffCount === 0 || org.protectedDomains.length === 0;
  return (
    <div className="home">
      <header className="page-header">
        <div>
          <p className="eyebrow">{t('home.asOf', { date: date(new Date().toISOString()) })}</p>
          <h1>{org.name || t('org.unnamed')}</h1>
        </div>
        {org.protectedDomains.length > 0 && (
          <div className="org-facts">
            <span className="muted small">{t('home.protected')}</span>
            <ul className="chips">
              {org.protectedDomains.map((d) => (
                <li key={d} className="chip">
                  {d}
                </li>
              ))}
            </ul>
          </div>
        )}
      </header>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {needsSetup && <SetupCallout staff={org.staffCount} domains={org.protectedDomains.length} />}
      <TilesRow tiles={data.tiles} />
      <div className="grid-2">
        <SeverityCard data={data} />
        <section className="panel" aria-labelledby="chart-title">
          <h2 id="chart-title" className="panel-title">
            {t('home.chartTitle')}
          </h2>
          <DailyBars series={data.tiles.find((x) => x.id === 'alerts.open')?.series ?? new Array<number>(14).fill(0)} />
        </section>
      </div>
      <div className="grid-main-side">
        <RecentAlerts data={data} />
        <Capabilities tiles={data.tiles} />
      </div>
    </div>
  );
}

function SetupCallout({ staff, domains }: { staff: number; domains: number }) {
  const { t } = useI18n();
  return (
    <section className="notice notice-info setup" aria-labelledby="setup-title">
      <div>
        <h2 id="setup-title" className="panel-title">
          {t('home.setup')}
        </h2>
        <ul className="setup-list">
          {domains === 0 && <li>{t('home.setup.domain')}</li>}
          {staff === 0 && <li>{t('home.setup.staff')}</li>}
          <li className="muted">{t('home.setup.demo')}</li>
        </ul>
      </div>
      <Link to="/organisation" className="btn btn-primary btn-small">
        {t('home.setup.go')}
      </Link>
    </section>
  );
}

function TilesRow({ tiles }: { tiles: Tile[] }) {
  const { tk, num } = useI18n();
  if (!tiles.length) return null;
  return (
    <ul className="tiles">
      {tiles.map((tile) => (
        <li key={tile.id}>
          <Link to={tile.href} className={`tile tone-${tile.tone ?? 'none'}`}>
            <span className="tile-label">{tk(`tile.${tile.id}`, tile.id)}</span>
            <span className="tile-row">
              <span className="tile-value">{tile.value === null ? '—' : num(tile.value)}</span>
              {tile.series && <Sparkline series={tile.series} />}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function SeverityCard({ data }: { data: Overview }) {
  const { t, num } = useI18n();
  const open = data.alerts.open;
  const totalOpen = SEVERITIES.reduce((a, s) => a + (open[s] ?? 0), 0);
  const urgent = (open.critical ?? 0) + (open.high ?? 0);
  const max = Math.max(1, ...SEVERITIES.map((s) => open[s] ?? 0));
  return (
    <section className="panel" aria-labelledby="sev-title">
      <div className="panel-head">
        <h2 id="sev-title" className="panel-title">
          {t('home.openAlerts')}
        </h2>
        <span className={`status-pill ${urgent ? 'status-urgent' : 'status-ok'}`}>{urgent ? t('home.needsAction') : t('home.allClear')}</span>
      </div>
      <div className="sev-summary">
        <div className="big-number" data-testid="open-alerts">
          {num(totalOpen)}
        </div>
        <dl className="mini-stats">
          <div>
            <dt>{t('home.last24h')}</dt>
            <dd>{num(data.alerts.last24h)}</dd>
          </div>
          <div>
            <dt>{t('home.total')}</dt>
            <dd>{num(data.alerts.total)}</dd>
          </div>
        </dl>
      </div>
      <ul className="sev-bars">
        {SEVERITIES.map((s) => (
          <li key={s}>
            <Link to={`/alerts?status=open&severity=${s}`} className="sev-bar-row">
              <span className="sev-bar-label">{t(`sev.${s}` as MsgKey)}</span>
              <span className="sev-bar-track" aria-hidden="true">
                <span className={`sev-bar-fill fill-${s}`} style={{ width: `${((open[s] ?? 0) / max) * 100}%` }} />
              </span>
              <span className="sev-bar-count">{num(open[s] ?? 0)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RecentAlerts({ data }: { data: Overview }) {
  const { t, tk, relative, dateTime } = useI18n();
  return (
    <section className="panel" aria-labelledby="recent-title">
      <div className="panel-head">
        <h2 id="recent-title" className="panel-title">
          {t('home.recent')}
        </h2>
        <Link to="/alerts" className="link-arrow">
          {t('home.recentAll')} <Icon name="arrow" size={14} />
        </Link>
      </div>
      {data.recentAlerts.length === 0 ? (
        <p className="empty-inline">{t('home.noOpen')}</p>
      ) : (
        <ul className="alert-list">
          {data.recentAlerts.map((a) => (
            <li key={a.id}>
              <Link to={`/alerts?id=${encodeURIComponent(a.id)}`} className="alert-item">
                <SeverityBadge severity={a.severity} />
                <span className="alert-item-title">{a.title}</span>
                <span className="alert-item-meta">
                  <span>{tk(`src.${a.source}`, a.source)}</span>
                  <time dateTime={a.createdAt} title={dateTime(a.createdAt)}>
                    {relative(a.createdAt)}
                  </time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Capabilities({ tiles }: { tiles: Tile[] }) {
  const { t, num } = useI18n();
  const caps = pages.filter((p) => p.group === 'defend' || p.group === 'prepare' || p.group === 'understand');
  return (
    <section className="panel" aria-labelledby="caps-title">
      <h2 id="caps-title" className="panel-title">
        {t('home.capabilities')}
      </h2>
      <ul className="cap-list">
        {caps.map((p) => {
          const tile = tiles.find((x) => x.href === p.path || x.href.startsWith(`${p.path}?`));
          return (
            <li key={p.path}>
              <Link to={p.path} className="cap-item">
                <Icon name={p.icon} />
                <span className="cap-name">{t(p.navKey)}</span>
                {tile ? (
                  <span className={`cap-value tone-${tile.tone ?? 'none'}`}>{tile.value === null ? '—' : num(tile.value)}</span>
                ) : (
                  <span className="cap-off">{t('home.notActive')}</span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
