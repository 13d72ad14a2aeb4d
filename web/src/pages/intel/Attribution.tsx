import { useEffect, useState, type FormEvent } from 'react';
import { api, type ApiError, type AttributionResult, type SharedTechnique } from '../../api.ts';
import { EmptyState, ErrorBox, Loading, toApiError, useAsync } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { percent } from './format.ts';

const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
/** The model's posterior is a probability among known groups; below this a group leads but does not stand out. */
const STRONG = 0.5;

/** Techniques observed in our alerts, the ranked candidate groups as a bar chart, and the evidence for each. */
export function AttributionSection() {
  const i18n = useI18n();
  const { t, num, relative, tk } = i18n;
  const observed = useAsync(() => api.intelObserved(), []);
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const [manual, setManual] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [typedErr, setTypedErr] = useState(false);
  const [result, setResult] = useState<{ techniques: string[]; items: AttributionResult[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<ApiError | null>(null);

  const all = [...(observed.data?.items.map((o) => o.technique) ?? []), ...manual.filter((m) => !observed.data?.items.some((o) => o.technique === m))];
  const chosen = selected ?? new Set(all);

  const run = async (techniques: string[]) => {
    setErr(null);
    if (!techniques.length) {
      setResult(null);
      return;
    }
    setBusy(true);
    try {
      setResult(await api.intelAttribute({ techniques, limit: 10 }));
    } catch (e) {
      setErr(toApiError(e));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  // What we saw is what the analyst came for: rank it as soon as the observations are in.
  useEffect(() => {
    if (observed.data?.items.length) void run(observed.data.items.map((o) => o.technique));
  }, [observed.data]);

  const toggle = (tech: string) => {
    const next = new Set(chosen);
    if (next.has(tech)) next.delete(tech);
    else next.add(tech);
    setSelected(next);
  };

  const addManual = (e: FormEvent) => {
    e.preventDefault();
    const id = typed.trim().toUpperCase();
    if (!TECHNIQUE.test(id)) {
      setTypedErr(true);
      return;
    }
    setTypedErr(false);
    setTyped('');
    if (!all.includes(id)) setManual((m) => [...m, id]);
    setSelected(new Set([...chosen, id]));
  };

  const techniques = all.filter((x) => chosen.has(x));
  const top = result?.items[0];

  return (
    <div className="grid-main-side intel-attr">
      <section className="panel" aria-labelledby="attr-result-title">
        <h2 id="attr-result-title" className="panel-title">
          {t('intel.attr.resultTitle')}
        </h2>
        <p className="notice notice-info small intel-caveat">{t('intel.attr.caveat')}</p>
        {err && (err.id === 'intel.no_knowledge' ? <p className="notice notice-warn">{t('intel.attr.noKnowledge')}</p> : <ErrorBox error={err} />)}
        {busy && !result ? (
          <Loading />
        ) : !result ? (
          !err && <EmptyState icon="target">{t('intel.attr.none')}</EmptyState>
        ) : (
          <>
            {top && (
              <p className="attr-lead" data-testid="attr-lead">
                {t(top.score >= STRONG ? 'intel.attr.leadStrong' : 'intel.attr.leadWeak', { name: top.name, p: percent(top.score, i18n) })}
              </p>
            )}
            <ol className="attr-chart" aria-label={t('intel.attr.chartLabel')} data-testid="attr-chart">
              {result.items.map((r, idx) => (
                <li key={r.id} className="attr-row">
                  <div className="attr-bar-line">
                    <span className="attr-rank" aria-hidden="true">
                      {idx + 1}
                    </span>
                    <Link to={`/intel?actor=${encodeURIComponent(r.id)}`} className="attr-name" title={t('intel.attr.openActor')}>
                      {r.name} <span className="muted small">{r.id}</span>
                    </Link>
                    <span className="attr-track" aria-hidden="true">
                      <span className={`attr-fill${idx === 0 ? ' first' : ''}`} style={{ width: `${Math.max(0.5, r.score * 100)}%` }} />
                    </span>
                    <span className="attr-pct">{percent(r.score, i18n)}</span>
                  </div>
                  <details className="attr-evidence" open={idx === 0}>
                    <summary>
                      <span className="sr-only">{t('intel.attr.compatible', { name: r.name })} — </span>
                      {t('intel.attr.explains', { matched: r.matched, total: result.techniques.length })} · {t('intel.attr.repertoire', { n: num(r.groupTechniques) })}
                    </summary>
                    <ul className="evidence-list">
                      {r.shared.map((s) => (
                        <li key={s.technique}>
                          <Evidence s={s} />
                        </li>
                      ))}
                    </ul>
                    {r.sharedSoftware?.length ? <p className="small">{r.sharedSoftware.map((s) => s.name).join(', ')}</p> : null}
                    {r.unexplained.length > 0 && <p className="small muted">{t('intel.attr.unexplained', { list: r.unexplained.join(', ') })}</p>}
                  </details>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="attr-obs-title">
        <h2 id="attr-obs-title" className="panel-title">
          {t('intel.attr.observedTitle')}
        </h2>
        <p className="small muted">{t('intel.attr.observedIntro')}</p>
        {observed.error && <ErrorBox error={observed.error} onRetry={observed.reload} />}
        {observed.loading && !observed.data ? (
          <Loading />
        ) : (
          <>
            {!all.length && <p className="muted small">{t('intel.attr.observedEmpty')}</p>}
            <ul className="obs-list" data-testid="observed">
              {observed.data?.items.map((o) => (
                <li key={o.technique}>
                  <label className="obs-item">
                    <input type="checkbox" checked={chosen.has(o.technique)} onChange={() => toggle(o.technique)} />
                    <span>
                      <span className="obs-name">
                        <code>{o.technique}</code> {o.name !== o.technique && o.name}
                      </span>
                      <span className="small muted">
                        {o.tactics.map((x) => tk(`intel.tactic.${x}`, x)).join(', ')}
                        {o.tactics.length ? ' · ' : ''}
                        {t('intel.attr.seen', { n: o.count, when: relative(o.lastSeen) })}
                      </span>
                      <span className="obs-alerts small">
                        {o.alerts.slice(0, 2).map((a) => (
                          <Link key={a.id} to={`/alerts?id=${encodeURIComponent(a.id)}`}>
                            {a.title}
                          </Link>
                        ))}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
              {manual
                .filter((m) => !observed.data?.items.some((o) => o.technique === m))
                .map((m) => (
                  <li key={m}>
                    <label className="obs-item">
                      <input type="checkbox" checked={chosen.has(m)} onChange={() => toggle(m)} />
                      <span className="obs-name">
                        <code>{m}</code> <span className="pill pill-quiet">{t('intel.attr.manual')}</span>
                      </span>
                    </label>
                  </li>
                ))}
            </ul>
            <form className="form-row obs-add" onSubmit={addManual}>
              <label className="field grow">
                <span>{t('intel.attr.addTechnique')}</span>
                <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('intel.attr.techniquePlaceholder')} maxLength={12} aria-invalid={typedErr} />
              </label>
              <button type="submit" className="btn">
                {t('intel.attr.add')}
              </button>
            </form>
            {typedErr && <p className="form-error small">{t('intel.attr.badTechnique')}</p>}
            <div className="obs-run">
              <button type="button" className="btn btn-primary btn-block" onClick={() => void run(techniques)} disabled={busy || !techniques.length}>
                {busy ? t('intel.attr.running') : t('intel.attr.run')}
              </button>
              <p className="small muted">{t('intel.attr.selected', { n: techniques.length })}</p>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

function Evidence({ s }: { s: SharedTechnique }) {
  const { t } = useI18n();
  return (
    <>
      <span className={`ev-tag ev-${s.match}`}>{s.match === 'exact' ? t('intel.attr.match.exact') : s.match === 'near' ? t('intel.attr.match.near', { via: s.via ?? '' }) : t('intel.attr.match.software', { via: s.via ?? '' })}</span>{' '}
      <code>{s.technique}</code> {s.name}
      {s.procedure && <q className="ev-proc small">{s.procedure}</q>}
    </>
  );
}
