import { useEffect, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, INDICATOR_TYPES, INTEL_IMPORT_MAX_BYTES, type ApiError, type Indicator, type IndicatorType } from '../../api.ts';
import { Icon } from '../../components/icons.tsx';
import { EmptyState, ErrorBox, Loading, SortTh, toApiError, useAsync, useSort } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.ts';

const PAGE = 500;
type Col = 'type' | 'value' | 'source' | 'confidence' | 'firstSeen' | 'lastSeen' | 'hits';

/** The indicator list with search and type filter, the add and import forms (analysts) and the recent imports. */
export function IndicatorsSection({ canEdit, query, setParam }: { canEdit: boolean; query: URLSearchParams; setParam: (p: Record<string, string | null>) => void }) {
  const { t, tk, num, date, dateTime, relative } = useI18n();
  const type = (INDICATOR_TYPES as readonly string[]).includes(query.get('type') ?? '') ? (query.get('type') as IndicatorType) : undefined;
  const search = query.get('q') ?? '';

  // The search box updates the address after a short pause, not on every key.
  const [typed, setTyped] = useState(search);
  useEffect(() => setTyped(search), [search]);
  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => setParam({ q: typed.trim() || null }), 250);
    return () => clearTimeout(timer);
  });

  const list = useAsync(() => api.intelIndicators({ type, search: search || undefined, limit: PAGE }).then((r) => r.items), [type, search]);
  const imports = useAsync(() => api.intelImports().then((r) => r.items), []);
  const items = list.data ?? [];
  const { sort, onSort } = useSort<Col>({ col: 'hits', dir: 'desc' });
  const sorted = useMemo(() => {
    const key = (i: Indicator): string | number =>
      sort.col === 'hits' ? (i.hits?.count ?? 0) : sort.col === 'confidence' ? i.confidence : sort.col === 'value' ? i.value : sort.col === 'type' ? i.type : sort.col === 'source' ? i.source.toLowerCase() : (i[sort.col] ?? '');
    return [...items].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.value < b.value ? -1 : 1;
      return sort.dir === 'asc' ? c : -c;
    });
  }, [items, sort]);

  const [delErr, setDelErr] = useState<ApiError | null>(null);
  const remove = async (i: Indicator) => {
    if (!window.confirm(t('intel.ind.deleteConfirm', { value: i.value }))) return;
    setDelErr(null);
    try {
      await api.deleteIndicator(i.id);
      list.setData((d) => (d ?? []).filter((x) => x.id !== i.id));
    } catch (e) {
      setDelErr(toApiError(e));
    }
  };

  const refresh = () => {
    list.reload();
    imports.reload();
  };

  return (
    <>
      {canEdit ? (
        <div className="grid-2 intel-forms">
          <AddIndicator onAdded={refresh} />
          <ImportFeed onImported={refresh} />
        </div>
      ) : (
        <p className="notice notice-info">{t('intel.viewerNote')}</p>
      )}

      <section className="panel" aria-labelledby="ind-title">
        <div className="panel-head">
          <h2 id="ind-title" className="panel-title">
            {t('intel.ind.title')}
          </h2>
        </div>
        <div className="filters" role="group" aria-label={t('common.filter')}>
          <label className="filter">
            <span className="filter-label">{t('intel.ind.type')}</span>
            <select value={type ?? ''} onChange={(e) => setParam({ type: e.target.value || null })} data-testid="type-filter">
              <option value="">{t('intel.ind.allTypes')}</option>
              {INDICATOR_TYPES.map((k) => (
                <option key={k} value={k}>
                  {tk(`intel.type.${k}`, k)}
                </option>
              ))}
            </select>
          </label>
          <label className="filter filter-grow">
            <span className="filter-label">{t('intel.ind.search')}</span>
            <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('intel.ind.searchPlaceholder')} maxLength={200} />
          </label>
          <span className="filter-count muted small" aria-live="polite">
            {t('common.count', { n: items.length })}
          </span>
        </div>
        {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
        {delErr && <ErrorBox error={delErr} />}
        {list.loading && !list.data ? (
          <Loading />
        ) : sorted.length === 0 ? (
          <EmptyState icon="search">{type || search ? t('intel.ind.empty') : t('intel.ind.emptyAll')}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table intel-table" data-testid="indicators">
              <thead>
                <tr>
                  <SortTh col="type" label={t('intel.ind.type')} sort={sort} onSort={onSort} />
                  <SortTh col="value" label={t('intel.ind.value')} sort={sort} onSort={onSort} />
                  <SortTh col="source" label={t('intel.ind.source')} sort={sort} onSort={onSort} className="hide-sm" />
                  <SortTh col="confidence" label={t('intel.ind.confidence')} sort={sort} onSort={onSort} className="hide-sm" />
                  <SortTh col="firstSeen" label={t('intel.ind.firstSeen')} sort={sort} onSort={onSort} className="hide-sm" />
                  <SortTh col="lastSeen" label={t('intel.ind.lastSeen')} sort={sort} onSort={onSort} className="hide-sm" />
                  <SortTh col="hits" label={t('intel.ind.hits')} sort={sort} onSort={onSort} />
                  {canEdit && (
                    <th scope="col">
                      <span className="sr-only">{t('intel.ind.delete')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {sorted.map((i) => (
                  <tr key={i.id}>
                    <td className="nowrap">
                      <span className="pill pill-quiet">{tk(`intel.type.${i.type}`, i.type)}</span>
                    </td>
                    <td className="ioc-cell">
                      <code className="ioc">{i.value}</code>
                      {i.description && <span className="muted small ioc-note">{i.description}</span>}
                    </td>
                    <td className="hide-sm">{i.source}</td>
                    <td className="hide-sm nowrap">
                      <span className="conf" aria-label={`${i.confidence} / 100`}>
                        <span className="conf-track" aria-hidden="true">
                          <span className="conf-fill" style={{ width: `${i.confidence}%` }} />
                        </span>
                        {num(i.confidence)}
                      </span>
                    </td>
                    <td className="hide-sm nowrap">{date(i.firstSeen)}</td>
                    <td className="hide-sm nowrap">{date(i.lastSeen)}</td>
                    <td className="nowrap">
                      {i.hits ? (
                        <span className="hits hits-on" title={t('intel.ind.hitsTitle', { n: i.hits.count, when: dateTime(i.hits.lastAt) })}>
                          {num(i.hits.count)} <span className="small">· {relative(i.hits.lastAt)}</span>
                        </span>
                      ) : (
                        <span className="muted small" title={t('intel.ind.noHits')}>
                          0
                        </span>
                      )}
                    </td>
                    {canEdit && (
                      <td className="nowrap">
                        <button type="button" className="icon-btn" onClick={() => void remove(i)} aria-label={t('intel.ind.deleteLabel', { value: i.value })} title={t('intel.ind.delete')}>
                          <Icon name="close" size={16} />
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {items.length >= PAGE && <p className="muted small more">{t('intel.ind.more', { n: PAGE })}</p>}
      </section>

      <section className="panel" aria-labelledby="imports-title">
        <div className="panel-head">
          <h2 id="imports-title" className="panel-title">
            {t('intel.imports.title')}
          </h2>
        </div>
        {imports.error && <ErrorBox error={imports.error} onRetry={imports.reload} />}
        {imports.loading && !imports.data ? (
          <Loading />
        ) : !imports.data?.length ? (
          <p className="muted">{t('intel.imports.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('intel.imports.name')}</th>
                  <th scope="col">{t('intel.imports.format')}</th>
                  <th scope="col">{t('intel.imports.at')}</th>
                  <th scope="col">{t('intel.imports.result')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.data.slice(0, 10).map((r) => (
                  <tr key={r.id}>
                    <td className="cell-title">{r.name}</td>
                    <td className="nowrap">
                      <span className="pill pill-quiet">{r.format}</span>
                    </td>
                    <td className="nowrap">
                      <time dateTime={r.importedAt} title={dateTime(r.importedAt)}>
                        {relative(r.importedAt)}
                      </time>
                    </td>
                    <td className="small">
                      {t('intel.imports.summary', { created: num(r.report.created ?? 0), updated: num(r.report.updated ?? 0), indicators: num(r.report.indicators?.created ?? 0) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function AddIndicator({ onAdded }: { onAdded: () => void }) {
  const { t, tk } = useI18n();
  const [value, setValue] = useState('');
  const [type, setType] = useState('auto');
  const [source, setSource] = useState('');
  const [confidence, setConfidence] = useState(70);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMsg(null);
    setErr(null);
    try {
      const r = await api.addIndicators([{ type, value: value.trim(), source: source.trim(), confidence, description: description.trim() || null }]);
      if (r.rejected) setMsg({ ok: false, text: t('intel.add.rejected', { value: value.trim() }) });
      else {
        setMsg({ ok: true, text: t('intel.add.done', { created: r.created, updated: r.updated }) });
        setValue('');
        setDescription('');
        onAdded();
      }
    } catch (e2) {
      setErr(toApiError(e2));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="add-title">
      <h2 id="add-title" className="panel-title">
        {t('intel.add.title')}
      </h2>
      <form className="form-stack" onSubmit={(e) => void submit(e)}>
        <div className="form-row">
          <label className="field grow">
            <span>{t('intel.add.value')}</span>
            <input required value={value} onChange={(e) => setValue(e.target.value)} maxLength={2048} placeholder={t('intel.add.valuePlaceholder')} />
          </label>
          <label className="field">
            <span>{t('intel.add.type')}</span>
            <select value={type} onChange={(e) => setType(e.target.value)}>
              <option value="auto">{t('intel.add.auto')}</option>
              {INDICATOR_TYPES.map((k) => (
                <option key={k} value={k}>
                  {tk(`intel.type.${k}`, k)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="form-row">
          <label className="field grow">
            <span>{t('intel.add.source')}</span>
            <input required value={source} onChange={(e) => setSource(e.target.value)} maxLength={200} placeholder={t('intel.add.sourcePlaceholder')} />
          </label>
          <label className="field">
            <span>{t('intel.add.confidence')}</span>
            <input type="number" min={0} max={100} step={5} value={confidence} onChange={(e) => setConfidence(Math.max(0, Math.min(100, Number(e.target.value) || 0)))} className="conf-input" />
          </label>
        </div>
        <label className="field">
          <span>{t('intel.add.description')}</span>
          <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
        </label>
        <div className="form-row">
          <button type="submit" className="btn btn-primary" disabled={busy || !value.trim() || !source.trim()}>
            {t('intel.add.submit')}
          </button>
          {msg && (
            <span className={`small ${msg.ok ? 'status-ok' : 'form-error'}`} role="status">
              {msg.text}
            </span>
          )}
        </div>
        {err && <ErrorBox error={err} />}
      </form>
    </section>
  );
}

function ImportFeed({ onImported }: { onImported: () => void }) {
  const { t, num } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setDone(null);
    setErr(null);
    setTooLarge(null);
    if (file.size > INTEL_IMPORT_MAX_BYTES) {
      setTooLarge(t('intel.import.tooLarge', { size: num(Math.ceil(file.size / 1024 / 1024)) }));
      return;
    }
    setBusy(file.name);
    try {
      const r = await api.intelImport({ name: file.name.slice(0, 200), content: await file.text() });
      setDone(t('intel.import.done', { name: file.name, created: num(r.created), updated: num(r.updated), indicators: num(r.indicators.created) }));
      onImported();
    } catch (e2) {
      setErr(toApiError(e2));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title" className="panel-title">
        {t('intel.import.title')}
      </h2>
      <p className="small muted">{t('intel.import.help')}</p>
      <label className={`btn intel-file${busy ? ' busy' : ''}`}>
        <Icon name="upload" size={16} />
        {busy ? t('intel.import.busy', { name: busy }) : t('intel.import.choose')}
        <input type="file" accept=".json,.csv,.txt,application/json,text/csv" onChange={(e) => void onFile(e)} disabled={!!busy} data-testid="intel-import-file" />
      </label>
      {tooLarge && <p className="form-error small">{tooLarge}</p>}
      {done && (
        <p className="notice notice-ok small" role="status">
          {done}
        </p>
      )}
      {err && <ErrorBox error={err} />}
    </section>
  );
}
