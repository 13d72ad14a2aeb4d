import { useEffect, useState } from 'react';
import { api, type AuditEntry } from '../api.ts';
import { EmptyState, ErrorBox, Loading, PageHeader, useAsync } from '../components/ui.tsx';
import { useI18n } from '../i18n.ts';

const PAGE = 200;

/** The audit log, newest first: who did what, when and from where. */
export function AuditPage() {
  const { t, dateTime } = useI18n();
  const [filter, setFilter] = useState('');
  const [action, setAction] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setAction(filter.trim()), 250);
    return () => clearTimeout(h);
  }, [filter]);
  const [extra, setExtra] = useState<AuditEntry[]>([]);
  const [done, setDone] = useState(false);
  const { data, error, loading, reload } = useAsync(() => api.audit({ limit: PAGE, action: action || undefined }).then((r) => r.items), [action]);
  useEffect(() => {
    setExtra([]);
    setDone(false);
  }, [action]);
  const items = [...(data ?? []), ...extra];

  const loadMore = async () => {
    const last = items[items.length - 1];
    if (!last) return;
    const r = await api.audit({ limit: PAGE, action: action || undefined, before: last.id });
    setExtra((x) => [...x, ...r.items]);
    setDone(r.items.length < PAGE);
  };

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <div className="filters">
        <label className="filter grow">
          <span className="filter-label">{t('audit.filter')}</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} maxLength={60} spellCheck={false} />
        </label>
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {loading && !data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState icon="list">{t('audit.empty')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.target')}</th>
                <th scope="col" className="hide-sm">
                  {t('audit.col.details')}
                </th>
                <th scope="col" className="hide-sm">
                  {t('audit.col.ip')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">
                    <time dateTime={e.at}>{dateTime(e.at)}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td>
                    <code className={`action${e.action.includes('failed') ? ' action-warn' : ''}`}>{e.action}</code>
                  </td>
                  <td className="break">{e.target ?? <span className="muted">—</span>}</td>
                  <td className="hide-sm small details-cell">
                    {e.details
                      ? Object.entries(e.details)
                          .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                          .join(' · ')
                      : ''}
                  </td>
                  <td className="hide-sm nowrap muted small">{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length >= PAGE && !done && (
        <p className="more">
          <button type="button" className="btn btn-small" onClick={() => void loadMore()}>
            {t('common.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}
