import { useMemo } from 'react';
import { api, roleAllows, type DrillCampaign, type RepeatOffender } from '../api.ts';
import { EmptyState, ErrorBox, Loading, PageHeader, SortTh, useAsync, useSort } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { CampaignDetail } from './prepare/CampaignDetail.tsx';
import { pct } from './prepare/format.ts';
import { ProneMeter, StatusPill } from './prepare/widgets.tsx';
import { NewCampaign } from './prepare/NewCampaign.tsx';
import { TemplatesGallery } from './prepare/TemplatesGallery.tsx';
import './prepare/prepare.css';

type View = 'campaigns' | 'templates' | 'new';
type Col = 'created' | 'name' | 'status' | 'sent' | 'clicked' | 'reported' | 'prone';

/** Phishing drills: campaigns and their results, the templates gallery, and a launch form for admins. */
export function DrillPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const { query } = useLocation();
  const id = query.get('id');
  const view: View = query.get('view') === 'templates' ? 'templates' : query.get('view') === 'new' ? 'new' : 'campaigns';
  const canLaunch = roleAllows(user.role, 'admin');
  const go = (v: View) => navigate(v === 'campaigns' ? '/drill' : `/drill?view=${v}`);

  if (id) return <CampaignDetail id={id} canCancel={canLaunch} />;
  return (
    <>
      <PageHeader
        title={t('drill.title')}
        intro={t('drill.intro')}
        actions={
          canLaunch &&
          view !== 'new' && (
            <button type="button" className="btn btn-primary" onClick={() => go('new')}>
              {t('drill.new')}
            </button>
          )
        }
      />
      <nav className="tabs" aria-label={t('drill.title')}>
        {(['campaigns', 'templates', ...(canLaunch ? (['new'] as const) : [])] as View[]).map((v) => (
          <Link key={v} to={v === 'campaigns' ? '/drill' : `/drill?view=${v}`} className={`tab${view === v ? ' on' : ''}`} aria-current={view === v ? 'page' : undefined}>
            {t(`drill.tab.${v}` as MsgKey)}
          </Link>
        ))}
      </nav>
      {view === 'templates' ? <TemplatesGallery /> : view === 'new' ? <NewCampaign canLaunch={canLaunch} /> : <CampaignsView />}
    </>
  );
}

function CampaignsView() {
  const { t, num, date, locale } = useI18n();
  const { data, error, loading, reload } = useAsync(() => api.drillCampaigns(), []);
  const templates = useAsync(() => api.drillTemplates(), []);
  const names = useMemo(() => new Map((templates.data?.items ?? []).map((x) => [`${x.id}/${x.lang}`, x.name])), [templates.data]);
  const { sort, onSort } = useSort<Col>({ col: 'created', dir: 'desc' });
  const rows = useMemo(() => {
    const key = (c: DrillCampaign): string | number => {
      const f = c.funnel;
      switch (sort.col) {
        case 'name':
          return c.name.toLowerCase();
        case 'status':
          return c.status;
        case 'sent':
          return f?.sent ?? -1;
        case 'clicked':
          return f?.clicked ?? -1;
        case 'reported':
          return f?.reported ?? -1;
        case 'prone':
          return f?.phishPronePct ?? -1;
        case 'created':
          return c.created_at;
      }
    };
    return [...(data?.items ?? [])].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : 0;
      return sort.dir === 'asc' ? c : -c;
    });
  }, [data, sort]);

  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  if (data.items.length === 0)
    return (
      <EmptyState icon="target" title={t('drill.emptyTitle')}>
        <p>{t('drill.emptyBody')}</p>
      </EmptyState>
    );
  const n = (v: number | undefined) => (v === undefined ? '—' : num(v));
  return (
    <>
      <div className="table-wrap panel-flush">
        <table className="table drill-table">
          <thead>
            <tr>
              <SortTh col="name" label={t('drill.col.campaign')} sort={sort} onSort={onSort} />
              <SortTh col="status" label={t('drill.col.status')} sort={sort} onSort={onSort} />
              <th scope="col" className="hide-sm">
                {t('drill.col.group')}
              </th>
              <SortTh col="sent" label={t('drill.f.sent')} sort={sort} onSort={onSort} className="num" />
              <th scope="col" className="num hide-sm">
                {t('drill.f.opened')}
              </th>
              <SortTh col="clicked" label={t('drill.f.clicked')} sort={sort} onSort={onSort} className="num" />
              <th scope="col" className="num hide-sm">
                {t('drill.f.submitted')}
              </th>
              <SortTh col="reported" label={t('drill.f.reported')} sort={sort} onSort={onSort} className="num" />
              <SortTh col="prone" label={t('drill.col.prone')} sort={sort} onSort={onSort} className="num" />
              <SortTh col="created" label={t('drill.col.created')} sort={sort} onSort={onSort} className="hide-sm" />
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className={c.status === 'cancelled' ? 'dim' : undefined}>
                <td className="cell-title">
                  <Link to={`/drill?id=${encodeURIComponent(c.id)}`} className="row-link" data-testid="campaign-link">
                    {c.name}
                  </Link>
                  <div className="small muted">{names.get(`${c.template_id}/${c.lang}`) ?? c.template_id}</div>
                </td>
                <td className="nowrap">
                  <StatusPill status={c.status} />
                </td>
                <td className="hide-sm nowrap">{c.group_name ?? <span className="muted">{t('drill.everyone')}</span>}</td>
                <td className="num">{n(c.funnel?.sent)}</td>
                <td className="num hide-sm">{n(c.funnel?.opened)}</td>
                <td className="num">{n(c.funnel?.clicked)}</td>
                <td className="num hide-sm">{n(c.funnel?.submitted)}</td>
                <td className="num">{n(c.funnel?.reported)}</td>
                <td className="num">
                  <ProneMeter value={c.funnel?.sent ? c.funnel.phishPronePct : null} locale={locale} />
                </td>
                <td className="hide-sm nowrap">{date(c.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid-2 top-gap">
        <RepeatOffenders items={data.repeatOffenders} />
        <TrendPanel trend={data.trend} />
      </div>
    </>
  );
}

function RepeatOffenders({ items }: { items: RepeatOffender[] }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="repeat-title">
      <h2 id="repeat-title" className="panel-title">
        {t('drill.repeat')}
      </h2>
      <p className="small muted">{t('drill.repeatHelp')}</p>
      {items.length === 0 ? (
        <p className="muted">{t('drill.repeatNone')}</p>
      ) : (
        <ul className="offenders">
          {items.slice(0, 12).map((o) => (
            <li key={o.email}>
              <span>
                <strong>{o.fullName ?? o.email}</strong>
                {o.fullName && <span className="muted small"> · {o.email}</span>}
              </span>
              <span className="pill">{t('drill.repeatCount', { n: o.failures })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TrendPanel({ trend }: { trend: Array<{ id: string; name: string; createdAt: string; phishPronePct: number; reportPct: number; sent: number }> }) {
  const { t, locale, date } = useI18n();
  const withSends = trend.filter((x) => x.sent > 0);
  return (
    <section className="panel" aria-labelledby="trend-title">
      <h2 id="trend-title" className="panel-title">
        {t('drill.trend')}
      </h2>
      {withSends.length === 0 ? (
        <p className="muted">{t('drill.trendNone')}</p>
      ) : (
        <ul className="trend-list">
          {withSends.slice(-8).map((x) => (
            <li key={x.id}>
              <span className="trend-name">
                {x.name}
                <span className="small muted"> · {date(x.createdAt)}</span>
              </span>
              <span className="trend-bars">
                <span className="trend-bar">
                  <span className="trend-fill clicked" style={{ width: `${Math.min(100, x.phishPronePct)}%` }} />
                </span>
                <span className="small">
                  {t('drill.trendClicked', { v: pct(x.phishPronePct, locale) })}
                </span>
                <span className="trend-bar">
                  <span className="trend-fill reported" style={{ width: `${Math.min(100, x.reportPct)}%` }} />
                </span>
                <span className="small">
                  {t('drill.trendReported', { v: pct(x.reportPct, locale) })}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
