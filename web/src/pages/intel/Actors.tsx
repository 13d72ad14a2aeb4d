import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { Icon } from '../../components/icons.tsx';
import { EmptyState, ErrorBox, Loading, useAsync } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { byTactic } from './format.ts';

const LIMIT = 200;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The attacker groups: a search by any name, or one group's profile. */
export function ActorsSection({ actorId, query, setParam }: { actorId: string | null; query: URLSearchParams; setParam: (p: Record<string, string | null>) => void }) {
  return actorId ? <ActorDetail id={actorId} /> : <ActorList search={query.get('q') ?? ''} setParam={setParam} />;
}

function ActorList({ search, setParam }: { search: string; setParam: (p: Record<string, string | null>) => void }) {
  const { t, num } = useI18n();
  const [typed, setTyped] = useState(search);
  useEffect(() => setTyped(search), [search]);
  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => setParam({ q: typed.trim() || null }), 250);
    return () => clearTimeout(timer);
  });
  const list = useAsync(() => api.intelActors({ q: search || undefined, limit: LIMIT }), [search]);
  const items = list.data?.items ?? [];

  return (
    <section className="panel" aria-labelledby="actors-title">
      <div className="filters" role="group">
        <label className="filter filter-grow">
          <span id="actors-title" className="filter-label">
            {t('intel.actors.search')}
          </span>
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('intel.actors.placeholder')} maxLength={100} />
        </label>
        {list.data && (
          <span className="filter-count muted small" aria-live="polite">
            {t('intel.actors.count', { shown: num(items.length), n: num(list.data.total) })}
          </span>
        )}
      </div>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState icon="users">{search ? t('intel.actors.empty') : t('intel.attr.noKnowledge')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="actors">
            <thead>
              <tr>
                <th scope="col">{t('intel.actors.col.name')}</th>
                <th scope="col">{t('intel.actors.col.aliases')}</th>
                <th scope="col" className="hide-sm">
                  {t('intel.actors.col.country')}
                </th>
                <th scope="col" className="num">
                  {t('intel.actors.col.techniques')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((g) => (
                <tr key={g.id}>
                  <td className="nowrap">
                    <Link to={`/intel?actor=${encodeURIComponent(g.id)}`} className="row-link">
                      {g.name}
                    </Link>{' '}
                    <span className="muted small">{g.id}</span>
                  </td>
                  <td className="small alias-cell">{g.aliases.slice(0, 8).join(', ')}</td>
                  <td className="hide-sm nowrap">{g.country ?? '—'}</td>
                  <td className="num">{num(g.techniques)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ActorDetail({ id }: { id: string }) {
  const { t, tk, num } = useI18n();
  const profile = useAsync(() => api.intelActor(id), [id]);
  // Techniques we saw ourselves are highlighted in the matrix; a failure here only loses the highlight.
  const observed = useAsync(() => api.intelObserved().catch(() => ({ scanned: 0, items: [] })), []);
  const seen = useMemo(() => new Set(observed.data?.items.map((o) => o.technique) ?? []), [observed.data]);
  const p = profile.data;
  const columns = useMemo(() => (p ? byTactic(p.techniques) : []), [p]);
  const [showAllRefs, setShowAllRefs] = useState(false);
  // The ATT&CK page first (built from the id when the import did not carry it); only http(s) links are ever rendered.
  const refs = useMemo(() => {
    if (!p) return [];
    const attack = /^G\d{4}$/.test(p.id) ? [{ source: `MITRE ATT&CK ${p.id}`, url: `https://attack.mitre.org/groups/${p.id}/` }] : [];
    const rest = (p.references ?? []).filter((r) => /^https?:\/\//i.test(r.url) && !/attack\.mitre\.org\/groups\//.test(r.url));
    return [...attack, ...rest];
  }, [p]);
  // MISP synonyms sometimes repeat the ATT&CK id or the name itself.
  const aliases = p ? p.aliases.filter((a) => a !== p.id && a.toLowerCase() !== p.name.toLowerCase()) : [];

  return (
    <>
      <p className="back-line">
        <Link to="/intel?tab=actors" className="link-arrow">
          ← {t('intel.actor.back')}
        </Link>
      </p>
      {profile.error && <ErrorBox error={profile.error} onRetry={profile.reload} />}
      {!p ? (
        !profile.error && <Loading />
      ) : (
        <>
          <section className="panel actor-head" aria-labelledby="actor-title" data-testid="actor">
            <div className="actor-title-line">
              <h2 id="actor-title" className="actor-name">
                {p.name}
              </h2>
              <span className="pill">{p.id}</span>
              {p.country && (
                <span className="pill pill-quiet">
                  {t('intel.actor.country')} : {p.country}
                </span>
              )}
            </div>
            {aliases.length > 0 && (
              <div className="actor-aliases">
                <span className="small muted">{t('intel.actor.aliases')}</span>
                <ul className="chips">
                  {aliases.map((a) => (
                    <li key={a} className="chip">
                      {a}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <p className="actor-desc">{p.description || t('intel.actor.noDescription')}</p>
            <dl className="actor-facts">
              {p.victims.length > 0 && (
                <div>
                  <dt>{t('intel.actor.victims')}</dt>
                  <dd>{p.victims.join(', ')}</dd>
                </div>
              )}
              {p.sectors.length > 0 && (
                <div>
                  <dt>{t('intel.actor.sectors')}</dt>
                  <dd>{p.sectors.join(', ')}</dd>
                </div>
              )}
            </dl>
          </section>

          <section className="panel" aria-labelledby="matrix-title">
            <div className="panel-head">
              <h2 id="matrix-title" className="panel-title">
                {t('intel.actor.techniques')}
              </h2>
              <span className="small muted">
                <span className="legend-swatch" aria-hidden="true" /> {t('intel.actor.observed')}
              </span>
            </div>
            <p className="small muted">{t('intel.actor.techniquesIntro', { n: num(p.techniques.length), m: num(p.techniques.filter((x) => seen.has(x.id)).length) })}</p>
            <div className="matrix-wrap">
              <div className="matrix" data-testid="matrix">
                {columns.map((c) => (
                  <section key={c.tactic} className="matrix-col" aria-label={tk(`intel.tactic.${c.tactic}`, c.tactic)}>
                    <h3 className="matrix-head">
                      {tk(`intel.tactic.${c.tactic}`, c.tactic)} <span className="matrix-count">{c.items.length}</span>
                    </h3>
                    <ul>
                      {c.items.map((x) => (
                        <li key={x.id} className={`matrix-cell${seen.has(x.id) ? ' seen' : ''}`} title={x.procedure || x.name}>
                          {seen.has(x.id) && <Icon name="eye" size={12} className="seen-mark" />}
                          <span className="matrix-id">{x.id}</span>
                          <span className="matrix-name">{x.name}</span>
                          {seen.has(x.id) && <span className="sr-only"> — {t('intel.actor.observed')}</span>}
                        </li>
                      ))}
                    </ul>
                  </section>
                ))}
              </div>
            </div>
          </section>

          <div className="grid-2">
            <section className="panel" aria-labelledby="sw-title">
              <h2 id="sw-title" className="panel-title">
                {t('intel.actor.software')}
              </h2>
              {p.software.length === 0 ? (
                <p className="muted">{t('intel.actor.none')}</p>
              ) : (
                <ul className="sw-list">
                  {p.software.map((s) => (
                    <li key={s.id}>
                      <span className="sw-name">{s.name}</span> <span className="muted small">{s.id}</span>{' '}
                      <span className={`pill ${s.type === 'malware' ? 'pill-malware' : 'pill-quiet'}`}>{s.type === 'malware' ? t('intel.actor.malware') : t('intel.actor.tool')}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel" aria-labelledby="ref-title">
              <h2 id="ref-title" className="panel-title">
                {t('intel.actor.references')}
              </h2>
              {p.campaigns.length > 0 && (
                <>
                  <h3 className="detail-sub">{t('intel.actor.campaigns')}</h3>
                  <ul className="sw-list">
                    {p.campaigns.map((c) => (
                      <li key={c.id}>
                        {c.name} <span className="muted small">{c.id}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <h3 className="detail-sub">{t('intel.actor.sources')}</h3>
              {refs.length === 0 ? (
                <p className="muted small">{t('intel.actor.noReferences')}</p>
              ) : (
                <ul className="ref-list" data-testid="references">
                  {refs.slice(0, showAllRefs ? refs.length : 12).map((r) => (
                    <li key={r.url}>
                      <a href={r.url} target="_blank" rel="noopener noreferrer">
                        {r.source}
                      </a>{' '}
                      <span className="muted small">{hostOf(r.url)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {refs.length > 12 && !showAllRefs && (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => setShowAllRefs(true)}>
                  {t('intel.actor.allReferences', { n: refs.length })}
                </button>
              )}
              <p className="small muted">{t('intel.actor.referencesNote')}</p>
            </section>
          </div>
        </>
      )}
    </>
  );
}
