import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, type Severity } from '../api.ts';
import { useI18n, type MsgKey } from '../i18n.ts';
import { Icon } from './icons.tsx';

/** Loads data for a page; `reload()` fetches again, `setData` applies a local change. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fnRef.current().then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) => live && setState((s) => ({ data: s.data, error: toApiError(e), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setData = useCallback((f: (d: T | undefined) => T) => setState((s) => ({ ...s, data: f(s.data) })), []);
  return { ...state, reload, setData };
}

/**
 * A list read page by page, newest first (keyset paging: the next page starts before the last id).
 * `first` is the first page as `useAsync` gives it; `items` is every page loaded so far. Changing
 * the deps (the filters) starts again from the first page.
 */
export function usePagedList<T extends { id: string }>(fetchPage: (before?: string) => Promise<T[]>, pageSize: number, deps: unknown[]) {
  const first = useAsync(() => fetchPage(), deps);
  const [extra, setExtra] = useState<T[]>([]);
  const [more, setMore] = useState({ busy: false, done: false });
  useEffect(() => {
    setExtra([]);
    setMore({ busy: false, done: false });
  }, deps);
  const items = useMemo(() => [...(first.data ?? []), ...extra], [first.data, extra]);
  const loadMore = async () => {
    const last = items[items.length - 1];
    if (!last) return;
    setMore({ busy: true, done: false });
    try {
      const page = await fetchPage(last.id);
      setExtra((x) => [...x, ...page]);
      setMore({ busy: false, done: page.length < pageSize });
    } catch {
      setMore({ busy: false, done: false });
    }
  };
  /** Whether a "load more" button makes sense: a full page came back and the end is not reached. */
  const hasMore = items.length >= pageSize && !more.done;
  /** Applies a local change to every loaded item (an alert acknowledged, say). */
  const { setData } = first;
  const update = useCallback(
    (f: (item: T) => T) => {
      setData((d) => (d ?? []).map(f));
      setExtra((x) => x.map(f));
    },
    [setData],
  );
  return { first, items, update, loadMore, loadingMore: more.busy, hasMore };
}

/** The "load more" button under a paged list. */
export function LoadMore({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <p className="more">
      <button type="button" className="btn btn-small" onClick={onClick} disabled={busy}>
        {busy ? t('common.loading') : t('common.loadMore')}
      </button>
    </p>
  );
}

export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('client', e instanceof Error ? e.message : String(e), 0);
}

export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {intro && <p className="page-intro">{intro}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return <span className={`sev sev-${severity}`}>{t(`sev.${severity}` as MsgKey)}</span>;
}

export function EmptyState({ title, children, icon = 'shield' }: { title?: string; children?: ReactNode; icon?: Parameters<typeof Icon>[0]['name'] }) {
  return (
    <div className="empty">
      <Icon name={icon} size={28} />
      {title && <p className="empty-title">{title}</p>}
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const msg = error.status === 0 && error.id === 'network' ? t('error.network') : error.message;
  return (
    <div className="notice notice-error" role="alert">
      <span>
        <strong>{t('common.error')}</strong> — {msg} {error.id !== 'network' && <code className="muted">[{error.id}]</code>}
      </span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A secret shown once (one-time password, API token) with a copy button. */
export function OneTimeSecret({ label, secret, onClose }: { label: string; secret: string; onClose: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="notice notice-secret" role="status">
      <div>
        <p>{label}</p>
        <code className="secret" data-testid="one-time-secret">
          {secret}
        </code>
        <p className="small muted">{t('common.shownOnce')}</p>
      </div>
      <div className="row-actions">
        <button type="button" className="btn btn-small" onClick={copy}>
          {copied ? t('common.copied') : t('common.copy')}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

export type SortDir = 'asc' | 'desc';

/** Column header that sorts the table; announces the current order to screen readers. */
export function SortTh<K extends string>({ col, label, sort, onSort, className }: { col: K; label: string; sort: { col: K; dir: SortDir }; onSort: (col: K) => void; className?: string }) {
  const { t } = useI18n();
  const active = sort.col === col;
  return (
    <th scope="col" className={className} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="th-sort" onClick={() => onSort(col)} title={t('common.sortBy', { col: label })}>
        {label}
        <span className={`sort-mark${active ? ' on' : ''}`} aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function useSort<K extends string>(initial: { col: K; dir: SortDir }) {
  const [sort, setSort] = useState(initial);
  const onSort = (col: K) => setSort((s) => (s.col === col ? { col, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { col, dir: col === initial.col ? initial.dir : 'asc' }));
  return { sort, onSort };
}

/** Renders a details object as key/value rows; nested values are shown as readable lists or JSON. */
export function KeyValue({ data }: { data: Record<string, unknown> }) {
  return (
    <dl className="kv">
      {Object.entries(data).map(([k, v]) => (
        <div key={k} className="kv-row">
          <dt>{k}</dt>
          <dd>
            <Value v={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Value({ v }: { v: unknown }) {
  if (v === null || v === undefined) return <span className="muted">—</span>;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null))
      return (
        <ul className="kv-list">
          {v.map((x, i) => (
            <li key={i}>{String(x)}</li>
          ))}
        </ul>
      );
    return <pre className="kv-json">{JSON.stringify(v, null, 2)}</pre>;
  }
  if (typeof v === 'object') return <pre className="kv-json">{JSON.stringify(v, null, 2)}</pre>;
  return <span className="kv-text">{String(v)}</span>;
}
