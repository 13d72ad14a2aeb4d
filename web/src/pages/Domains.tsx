import { useMemo, useState, type FormEvent } from 'react';
import { api, roleAllows, type DnsResolution, type Lookalike, type LookalikeKind, type LookalikeMatch, type Mark, type WatchedDomains } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { EmptyState, ErrorBox, Loading, PageHeader, SortTh, toApiError, useAsync, useSort } from '../components/ui.tsx';
import { useI18n } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';

const KINDS: LookalikeKind[] = ['homoglyph', 'mixed-script', 'punycode', 'typo', 'affix', 'alias', 'tld-swap', 'subdomain', 'hosting'];
type Col = 'domain' | 'score' | 'first_seen';
type NotesFilter = 'all' | 'with' | 'without';

/** Lookalike domains: test one, see the protected names, and follow every lookalike seen in the feeds up to its takedown. */
export function DomainsPage() {
  const { t } = useI18n();
  const org = useAsync(() => api.watchedDomains(), []);
  const list = useAsync(() => api.lookalikes().then((r) => r.items), []);
  const onNotes = (domain: string, notes: string) => list.setData((d) => (d ?? []).map((x) => (x.domain === domain ? { ...x, takedown_notes: notes || null } : x)));
  return (
    <>
      <PageHeader title={t('domains.title')} intro={t('domains.intro')} />
      <div className="grid-2 domains-top">
        <TestDomain />
        <ProtectedPanel watched={org.data} found={list.data} error={org.error} onRetry={org.reload} />
      </div>
      <section className="panel" aria-labelledby="lookalikes-title">
        {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data ? <Loading /> : <LookalikeTable items={list.data ?? []} onNotes={onNotes} />}
      </section>
    </>
  );
}

/** The Unicode form with the trick highlighted (the Cyrillic "е", the added "onedrive-"). */
export function Highlighted({ text, marks }: { text: string; marks: Mark[] }) {
  const parts: Array<{ s: string; on: boolean }> = [];
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end > text.length) continue;
    if (m.start > at) parts.push({ s: text.slice(at, m.start), on: false });
    parts.push({ s: text.slice(m.start, m.end), on: true });
    at = m.end;
  }
  if (at < text.length) parts.push({ s: text.slice(at), on: false });
  return (
    <span className="lk-name mono">
      {parts.map((p, i) =>
        p.on ? (
          <mark key={i} className="lk-mark">
            {p.s}
          </mark>
        ) : (
          <span key={i}>{p.s}</span>
        ),
      )}
    </span>
  );
}

/** A short explanation in the reader's language, built from the kind and the highlighted spans. */
function useExplain() {
  const { t } = useI18n();
  return (x: { kind: string; unicode: string; marks: Mark[]; protected: string; evidence: string }): string => {
    const parts = x.marks.map((m) => x.unicode.slice(m.start, m.end));
    const q = (v: string) => t('domains.quote', { s: v });
    const quoted = parts.map(q).join(', ');
    switch (x.kind) {
      case 'homoglyph':
      case 'mixed-script':
      case 'punycode': {
        const chars = [...new Set(parts.join(''))].filter((c) => c.charCodeAt(0) > 0x7f);
        const cps = chars.map((c) => `${q(c)} U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
        return parts.length ? t('domains.explain.homoglyph', { chars: cps || quoted }) : x.evidence;
      }
      case 'typo':
        return parts.length ? t('domains.explain.typo', { chars: quoted, target: x.protected }) : x.evidence;
      case 'affix':
        return parts.length ? t('domains.explain.affix', { chars: quoted }) : x.evidence;
      case 'tld-swap':
        return t('domains.explain.tld', { ext: parts[0] ?? '', target: x.protected });
      case 'subdomain':
        return t('domains.explain.subdomain', { owner: parts[0] ?? '' });
      case 'hosting':
        return t('domains.explain.hosting', { owner: parts[0] ?? '' });
      case 'alias':
        return parts.length ? t('domains.explain.alias', { chars: quoted }) : x.evidence;
      default:
        return x.evidence;
    }
  };
}

function KindPill({ kind }: { kind: string }) {
  const { tk } = useI18n();
  return <span className={`pill lk-kind lk-kind-${kind}`}>{tk(`domains.kind.${kind}`, kind)}</span>;
}

function Score({ value }: { value: number }) {
  const { num } = useI18n();
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <span className="lk-score" title={`${pct} %`}>
      <span className="lk-score-track" aria-hidden="true">
        <span className="lk-score-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="lk-score-num">{num(pct)}</span>
    </span>
  );
}

function TestDomain() {
  const { t, lang } = useI18n();
  const explain = useExplain();
  const [domain, setDomain] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ domain: string; match: LookalikeMatch | null } | null>(null);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d = domain.trim();
    if (!d) return;
    setBusy(true);
    setErr(null);
    try {
      setResult({ domain: d, match: (await api.matchDomain(d)).match });
    } catch (ex) {
      setErr(toApiError(ex));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="test-title">
      <h2 id="test-title" className="panel-title">
        {t('domains.test.title')}
      </h2>
      <form className="form-row" onSubmit={(e) => void submit(e)}>
        <label className="field grow">
          <span className="sr-only">{t('domains.test.label')}</span>
          <input value={domain} onChange={(e) => setDomain(e.target.value)} maxLength={253} placeholder={t('domains.test.placeholder')} spellCheck={false} autoCapitalize="none" autoComplete="off" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || !domain.trim()}>
          {busy ? t('common.loading') : t('domains.test.submit')}
        </button>
      </form>
      {err && <ErrorBox error={err} />}
      <div aria-live="polite" data-testid="test-result">
        {result &&
          (result.match ? (
            <div className="lk-result lk-result-hit">
              <p className="lk-result-name">
                <Highlighted text={result.match.unicode} marks={result.match.marks} />
                {result.match.unicode !== result.match.domain && <span className="muted small mono"> {result.match.domain}</span>}
              </p>
              <p>
                <KindPill kind={result.match.kind} /> {t('domains.test.imitates')} <strong className="mono">{result.match.protected}</strong>
                {result.match.target === 'brand' && <span className="muted small"> ({t('domains.test.brand')})</span>}
              </p>
              <p className="small">
                <span className="muted">{t('domains.col.score')} </span>
                <Score value={result.match.score} />
              </p>
              <p className="small lk-evidence" title={result.match.evidence}>
                {explain(result.match)}
              </p>
              {result.match.reasonsText && (
                <div className="lk-why">
                  <p className="small">
                    <strong>{t('domains.test.why')}</strong>
                    {result.match.kindText && <span className="muted"> — {result.match.kindText[lang]}</span>}
                    {result.match.wordKind === 'common' && <span className="pill lk-common">{t('domains.test.commonWord')}</span>}
                  </p>
                  <ul className="small lk-reasons">
                    {result.match.reasonsText[lang].map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          ) : (
            <p className="lk-result lk-result-miss">
              <Icon name="check" size={16} /> {t('domains.test.none', { domain: result.domain })}
            </p>
          ))}
      </div>
    </section>
  );
}

function ProtectedPanel({ watched, found, error, onRetry }: { watched: WatchedDomains | undefined; found: Lookalike[] | undefined; error?: ReturnType<typeof toApiError>; onRetry: () => void }) {
  const { t, num } = useI18n();
  const counts = new Map<string, number>();
  for (const x of found ?? []) counts.set(x.protected, (counts.get(x.protected) ?? 0) + 1);
  return (
    <section className="panel" aria-labelledby="protected-title">
      <div className="panel-head">
        <h2 id="protected-title" className="panel-title">
          {t('domains.protected.title')}
        </h2>
        <Link to="/organisation" className="link-arrow small">
          {t('domains.protected.manage')}
        </Link>
      </div>
      {error && <ErrorBox error={error} onRetry={onRetry} />}
      {!watched ? (
        !error && <Loading />
      ) : watched.protectedDomains.length === 0 ? (
        <p className="empty-inline">{t('domains.protected.none')}</p>
      ) : (
        <ul className="lk-protected" data-testid="protected-domains">
          {watched.protectedDomains.map((d) => (
            <li key={d}>
              <span className="mono">{d}</span>
              <span className={`lk-protected-n${counts.get(d) ? ' on' : ''}`}>{t('domains.protected.found', { n: num(counts.get(d) ?? 0) })}</span>
            </li>
          ))}
        </ul>
      )}
      {watched && <p className="small muted top-gap">{t('domains.protected.brands', { n: num(watched.builtinBrands + watched.brandDomains.length) })}</p>}
      <p className="small muted">{t('domains.protected.how')}</p>
    </section>
  );
}

function Resolution({ r }: { r: DnsResolution | null }) {
  const { t, dateTime } = useI18n();
  if (!r) return <span className="muted small">{t('domains.unresolved')}</span>;
  const items: Array<{ k: string; v: string; warn?: boolean }> = [
    ...r.mx.slice(0, 2).map((m) => ({ k: 'MX', v: m.exchange, warn: true })),
    ...r.a.slice(0, 2).map((v) => ({ k: 'A', v })),
    ...r.aaaa.slice(0, 1).map((v) => ({ k: 'AAAA', v })),
    ...r.ns.slice(0, 1).map((v) => ({ k: 'NS', v })),
  ];
  const more = r.mx.length + r.a.length + r.aaaa.length + r.ns.length - items.length;
  if (items.length === 0) return <span className="muted small" title={dateTime(r.resolvedAt)}>{r.errors?.length ? t('domains.dnsFailed') : t('domains.noRecords')}</span>;
  return (
    <ul className="lk-dns" title={t('domains.resolvedAt', { date: dateTime(r.resolvedAt) })}>
      {items.map((x, i) => (
        <li key={i} className={x.warn ? 'lk-dns-mx' : undefined} title={x.warn ? t('domains.mxHint') : undefined}>
          <span className="lk-dns-k">{x.k}</span> <span className="mono">{x.v}</span>
        </li>
      ))}
      {more > 0 && <li className="muted small">+{more}</li>}
    </ul>
  );
}

function LookalikeTable({ items, onNotes }: { items: Lookalike[]; onNotes: (domain: string, notes: string) => void }) {
  const { t, tk, dateTime, relative, num } = useI18n();
  const explain = useExplain();
  const { user } = useSession();
  const canEdit = roleAllows(user.role, 'analyst');
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState('');
  const [imitated, setImitated] = useState('');
  const [notes, setNotes] = useState<NotesFilter>('all');
  const { sort, onSort } = useSort<Col>({ col: 'first_seen', dir: 'desc' });
  const targets = useMemo(() => [...new Set(items.map((x) => x.protected))].sort(), [items]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    const out = items.filter(
      (x) =>
        (!q || x.domain.includes(q) || x.unicode.toLowerCase().includes(q) || (x.takedown_notes ?? '').toLowerCase().includes(q)) &&
        (!kind || x.kind === kind) &&
        (!imitated || x.protected === imitated) &&
        (notes === 'all' || (notes === 'with') === !!x.takedown_notes),
    );
    const key = (x: Lookalike): string | number => (sort.col === 'score' ? x.score : sort.col === 'domain' ? x.unicode : x[sort.col]);
    return out.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.domain < b.domain ? -1 : 1;
      return sort.dir === 'asc' ? c : -c;
    });
  }, [items, search, kind, imitated, notes, sort]);
  const filtered = !!search.trim() || !!kind || !!imitated || notes !== 'all';

  return (
    <>
      <div className="panel-head">
        <h2 id="lookalikes-title" className="panel-title">
          {t('domains.found.title')} <span className="count muted">{num(items.length)}</span>
        </h2>
      </div>
      {items.length > 0 && (
        <div className="filters lk-filters" role="group" aria-label={t('common.filter')}>
          <label className="filter grow">
            <span className="filter-label">{t('common.search')}</span>
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('domains.searchHint')} maxLength={253} />
          </label>
          <label className="filter">
            <span className="filter-label">{t('domains.col.kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {tk(`domains.kind.${k}`, k)}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            <span className="filter-label">{t('domains.col.imitates')}</span>
            <select value={imitated} onChange={(e) => setImitated(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {targets.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            <span className="filter-label">{t('domains.col.notes')}</span>
            <select value={notes} onChange={(e) => setNotes(e.target.value as NotesFilter)}>
              <option value="all">{t('common.all')}</option>
              <option value="with">{t('domains.notes.with')}</option>
              <option value="without">{t('domains.notes.without')}</option>
            </select>
          </label>
          <span className="filter-count muted small" aria-live="polite">
            {t('common.count', { n: shown.length })}
          </span>
        </div>
      )}
      {items.length === 0 ? (
        <EmptyState icon="globe" title={t('domains.empty.title')}>
          <p>{t('domains.empty.body')}</p>
          <p>
            <code>rempart domains watch wss://certstream.calidog.io/ --resolve</code>
          </p>
        </EmptyState>
      ) : shown.length === 0 ? (
        <p className="empty-inline">{filtered ? t('domains.emptyFiltered') : null}</p>
      ) : (
        <div className="table-wrap">
          <table className="table lk-table">
            <thead>
              <tr>
                <SortTh col="domain" label={t('domains.col.domain')} sort={sort} onSort={onSort} />
                <SortTh col="score" label={`${t('domains.col.kind')} · ${t('domains.col.score')}`} sort={sort} onSort={onSort} />
                <SortTh col="first_seen" label={t('domains.col.seen')} sort={sort} onSort={onSort} />
                <th scope="col" className="hide-sm">
                  {t('domains.col.resolution')}
                </th>
                <th scope="col">{t('domains.col.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((x) => (
                <tr key={x.domain} data-domain={x.domain}>
                  <td className="lk-domain">
                    <Highlighted text={x.unicode} marks={x.marks} />
                    {x.unicode !== x.domain && <div className="muted small mono">{x.domain}</div>}
                    <div className="muted small lk-evidence" title={x.evidence}>
                      {explain(x)}
                    </div>
                  </td>
                  <td>
                    <KindPill kind={x.kind} />
                    <div className="small lk-imitates">
                      <span className="muted">{t('domains.test.imitates')}</span> <span className="mono">{x.protected}</span>
                    </div>
                    <div className="top-gap-xs">
                      <Score value={x.score} />
                    </div>
                  </td>
                  <td className="nowrap small">
                    <time dateTime={x.first_seen} title={dateTime(x.first_seen)}>
                      {relative(x.first_seen)}
                    </time>
                    {x.times_seen > 1 && (
                      <div className="muted">
                        {t('domains.lastSeen')}{' '}
                        <time dateTime={x.last_seen} title={dateTime(x.last_seen)}>
                          {relative(x.last_seen)}
                        </time>
                      </div>
                    )}
                    {x.times_seen > 1 && <div className="muted">{t('domains.seenTimes', { n: x.times_seen })}</div>}
                  </td>
                  <td className="hide-sm">
                    <Resolution r={x.resolution} />
                  </td>
                  <td className="lk-notes-cell">
                    <TakedownNotes domain={x.domain} notes={x.takedown_notes} canEdit={canEdit} onSaved={(n) => onNotes(x.domain, n)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function TakedownNotes({ domain, notes, canEdit, onSaved }: { domain: string; notes: string | null; canEdit: boolean; onSaved: (notes: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (draft === null) return;
    setBusy(true);
    setErr(null);
    try {
      await api.setTakedownNotes(domain, draft.trim());
      onSaved(draft.trim());
      setDraft(null);
    } catch (ex) {
      setErr(toApiError(ex));
    } finally {
      setBusy(false);
    }
  };
  if (draft !== null)
    return (
      <form className="lk-notes-form" onSubmit={(e) => void save(e)}>
        <label className="sr-only" htmlFor={`notes-${domain}`}>
          {t('domains.notes.label', { domain })}
        </label>
        <textarea id={`notes-${domain}`} value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={5000} rows={3} placeholder={t('domains.notes.placeholder')} autoFocus />
        <div className="row-actions">
          <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setDraft(null)} disabled={busy}>
            {t('common.cancel')}
          </button>
        </div>
        {err && <ErrorBox error={err} />}
      </form>
    );
  return (
    <div className="lk-notes">
      {notes ? <p className="lk-notes-text">{notes}</p> : <span className="muted small">{t('domains.notes.none')}</span>}
      {canEdit && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setDraft(notes ?? '')}>
          {notes ? t('domains.notes.edit') : t('domains.notes.add')}
          <span className="sr-only"> — {t('domains.notes.label', { domain })}</span>
        </button>
      )}
    </div>
  );
}

