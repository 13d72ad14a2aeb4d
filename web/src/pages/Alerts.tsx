import { useMemo, useState } from 'react';
import { api, roleAllows, SEVERITIES, type Alert, type Severity } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { EmptyState, ErrorBox, KeyValue, LoadMore, Loading, PageHeader, SeverityBadge, SortTh, toApiError, useAsync, usePagedList, useSort } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';

const PAGE = 200;
const KNOWN_SOURCES = ['mail', 'domains', 'blur', 'sensors', 'leaks', 'drill', 'train', 'watch', 'intel', 'external'];
const SEV_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
type Col = 'createdAt' | 'severity' | 'source' | 'title' | 'status';
type Status = 'all' | 'open' | 'acknowledged';

/** Every alert: filters in the address (so a link can point at "open critical mail alerts"), details beside the table. */
export function AlertsPage() {
  const { t, tk, dateTime, relative } = useI18n();
  const { user } = useSession();
  const { query } = useLocation();
  const status = (['all', 'open', 'acknowledged'].includes(query.get('status') ?? '') ? query.get('status') : 'all') as Status;
  const severities = (query.get('severity') ?? '').split(',').filter((s): s is Severity => (SEVERITIES as string[]).includes(s));
  const source = query.get('source') ?? '';
  const selectedId = query.get('id');
  const sevKey = severities.join(',');

  const setParam = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v);
    else q.delete(k);
    const s = q.toString();
    navigate(`/alerts${s ? `?${s}` : ''}`, { replace: true });
  };

  const {
    first: { data, error, loading, reload },
    items,
    update,
    loadMore,
    loadingMore,
    hasMore,
  } = usePagedList((before) => api.alerts({ status, severity: sevKey || undefined, source: source || undefined, limit: PAGE, before }).then((r) => r.items), PAGE, [status, sevKey, source]);

  const { sort, onSort } = useSort<Col>({ col: 'createdAt', dir: 'desc' });
  const sorted = useMemo(() => {
    const key = (a: Alert): string | number =>
      sort.col === 'severity' ? SEV_RANK[a.severity] : sort.col === 'status' ? (a.acknowledgedAt ? 1 : 0) : sort.col === 'createdAt' ? a.createdAt : sort.col === 'source' ? a.source : a.title.toLowerCase();
    const out = [...items].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1;
      return sort.dir === 'asc' ? c : -c;
    });
    return out;
  }, [items, sort]);

  const sources = useMemo(() => [...new Set([...KNOWN_SOURCES, ...items.map((a) => a.source), ...(source ? [source] : [])])], [items, source]);

  // A selected alert may be outside the loaded page (a link from the home page): fetch it alone.
  const inList = selectedId ? items.find((a) => a.id === selectedId) : undefined;
  const single = useAsync(() => (selectedId && !inList ? api.alert(selectedId).then((r) => r.alert) : Promise.resolve(undefined)), [selectedId, !!inList]);
  const selected = inList ?? (single.data?.id === selectedId ? single.data : undefined);

  const onAcked = (a: Alert) => {
    update((x) => (x.id === a.id ? a : x));
    single.setData(() => a);
  };

  const toggleSeverity = (s: Severity) => {
    const next = severities.includes(s) ? severities.filter((x) => x !== s) : [...severities, s];
    setParam({ severity: next.join(',') || null });
  };
  const filtered = status !== 'all' || severities.length > 0 || !!source;

  return (
    <>
      <PageHeader title={t('alerts.title')} intro={t('alerts.intro')} />
      <div className="filters" role="group" aria-label={t('common.filter')}>
        <fieldset className="filter">
          <legend>{t('alerts.severity')}</legend>
          <div className="seg">
            {SEVERITIES.map((s) => (
              <label key={s} className={`seg-item${severities.includes(s) ? ' on' : ''}`}>
                <input type="checkbox" checked={severities.includes(s)} onChange={() => toggleSeverity(s)} />
                <span className={`dot dot-${s}`} aria-hidden="true" />
                {t(`sev.${s}` as MsgKey)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="filter">
          <span className="filter-label">{t('alerts.status')}</span>
          <select value={status} onChange={(e) => setParam({ status: e.target.value === 'all' ? null : e.target.value })}>
            <option value="all">{t('alerts.status.all')}</option>
            <option value="open">{t('alerts.status.open')}</option>
            <option value="acknowledged">{t('alerts.status.acknowledged')}</option>
          </select>
        </label>
        <label className="filter">
          <span className="filter-label">{t('alerts.source')}</span>
          <select value={source} onChange={(e) => setParam({ source: e.target.value || null })}>
            <option value="">{t('common.all')}</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {tk(`src.${s}`, s)}
              </option>
            ))}
          </select>
        </label>
        <span className="filter-count muted small" aria-live="polite">
          {t('common.count', { n: items.length })}
        </span>
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      <div className={`split${selectedId ? ' has-detail' : ''}`}>
        <div className="split-main">
          {loading && !data ? (
            <Loading />
          ) : sorted.length === 0 ? (
            <EmptyState icon="bell">{filtered ? t('alerts.empty') : t('alerts.emptyAll')}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table alerts-table">
                <thead>
                  <tr>
                    <SortTh col="severity" label={t('alerts.severity')} sort={sort} onSort={onSort} />
                    <SortTh col="title" label={t('alerts.col.title')} sort={sort} onSort={onSort} />
                    <SortTh col="source" label={t('alerts.source')} sort={sort} onSort={onSort} className="hide-sm" />
                    <SortTh col="createdAt" label={t('alerts.col.created')} sort={sort} onSort={onSort} />
                    <SortTh col="status" label={t('alerts.status')} sort={sort} onSort={onSort} className="hide-sm" />
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((a) => (
                    <tr key={a.id} className={a.id === selectedId ? 'selected' : a.acknowledgedAt ? 'dim' : undefined}>
                      <td>
                        <SeverityBadge severity={a.severity} />
                      </td>
                      <td className="cell-title">
                        <button type="button" className="row-link" onClick={() => setParam({ id: a.id })} aria-pressed={a.id === selectedId}>
                          {a.title}
                        </button>
                      </td>
                      <td className="hide-sm nowrap">{tk(`src.${a.source}`, a.source)}</td>
                      <td className="nowrap">
                        <time dateTime={a.createdAt} title={dateTime(a.createdAt)}>
                          {relative(a.createdAt)}
                        </time>
                      </td>
                      <td className="hide-sm nowrap">{a.acknowledgedAt ? <span className="state state-done">{t('alerts.acked')}</span> : <span className="state state-open">{t('alerts.open')}</span>}</td>
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
            {single.error && !selected ? (
              <ErrorBox error={single.error} />
            ) : !selected ? (
              <Loading />
            ) : (
              <AlertDetail alert={selected} canAck={roleAllows(user.role, 'analyst')} onAcked={onAcked} onClose={() => setParam({ id: null })} />
            )}
          </aside>
        )}
      </div>
    </>
  );
}

function AlertDetail({ alert, canAck, onAcked, onClose }: { alert: Alert; canAck: boolean; onAcked: (a: Alert) => void; onClose: () => void }) {
  const { t, tk, dateTime } = useI18n();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const ack = async () => {
    setBusy(true);
    setErr(null);
    try {
      onAcked((await api.ackAlert(alert.id)).alert);
    } catch (e) {
      setErr(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const details = alert.details ?? {};
  return (
    <>
      <div className="detail-head">
        <SeverityBadge severity={alert.severity} />
        <span className="muted small">{tk(`src.${alert.source}`, alert.source)}</span>
        <button type="button" className="icon-btn detail-close" onClick={onClose} aria-label={t('common.close')}>
          <Icon name="close" />
        </button>
      </div>
      <h2 id="detail-title" className="detail-title">
        {alert.title}
      </h2>
      <p className="small muted">
        <time dateTime={alert.createdAt}>{dateTime(alert.createdAt)}</time>
      </p>
      {alert.acknowledgedAt ? (
        <p className="state-line">
          <Icon name="check" size={16} /> {t('alerts.ackedBy', { who: alert.acknowledgedBy ?? '—', date: dateTime(alert.acknowledgedAt) })}
        </p>
      ) : (
        canAck && (
          <button type="button" className="btn btn-primary" onClick={() => void ack()} disabled={busy}>
            {busy ? t('alerts.acking') : t('alerts.ack')}
          </button>
        )
      )}
      {err && <ErrorBox error={err} />}
      <h3 className="detail-sub">{t('alerts.details')}</h3>
      {Object.keys(details).length ? <KeyValue data={details} /> : <p className="muted">{t('alerts.noDetails')}</p>}
      <p className="small muted detail-id">
        {t('alerts.id')} <code>{alert.id}</code>
      </p>
    </>
  );
}
