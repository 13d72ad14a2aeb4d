import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, DECOY_KINDS, roleAllows, type DeploymentSummary } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { EmptyState, ErrorBox, Loading, PageHeader, toApiError, useAsync } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import './defend/defend.css';

/** Decoy deployments: who the fake staff are, what lies in their mailboxes, which decoys were touched. */
export function BlurPage() {
  const { t, num, relative } = useI18n();
  const { user } = useSession();
  const { query } = useLocation();
  const list = useAsync(() => api.deployments().then((r) => r.deployments), []);
  const [creating, setCreating] = useState(false);
  const deps = list.data ?? [];
  const selectedId = query.get('id') ?? deps[0]?.id ?? null;
  const mailbox = query.get('mailbox');

  const setParam = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v);
    else q.delete(k);
    const s = q.toString();
    navigate(`/blur${s ? `?${s}` : ''}`, { replace: true });
  };

  const touchedDeps = deps.filter((d) => d.touches > 0);
  const last = touchedDeps.map((d) => d.lastTouch ?? '').sort().pop();
  const isAdmin = roleAllows(user.role, 'admin');

  return (
    <>
      <PageHeader
        title={t('blur.title')}
        intro={t('blur.intro')}
        actions={
          isAdmin && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
              {t('blur.create')}
            </button>
          )
        }
      />
      {creating && (
        <CreateDeployment
          onDone={(id) => {
            setCreating(false);
            list.reload();
            setParam({ id, mailbox: null });
          }}
        />
      )}
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data ? (
        <Loading />
      ) : deps.length === 0 ? (
        <EmptyState icon="decoy" title={t('blur.empty.title')}>
          <p>{t('blur.empty.body')}</p>
          <p className="small muted">
            <code>rempart blur generate --personas 10 --months 6</code>
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="tiles stat-tiles">
            <li className="tile">
              <span className="tile-label">{t('blur.stat.deployments')}</span>
              <span className="tile-value">{num(deps.length)}</span>
            </li>
            <li className="tile">
              <span className="tile-label">{t('blur.stat.personas')}</span>
              <span className="tile-value">{num(deps.reduce((n, d) => n + d.personas, 0))}</span>
            </li>
            <li className={`tile tone-${touchedDeps.length ? 'critical' : 'ok'}`}>
              <span className="tile-label">{t('blur.stat.touched')}</span>
              <span className="tile-value" data-testid="touched-deployments">
                {num(touchedDeps.length)}
              </span>
            </li>
            <li className="tile">
              <span className="tile-label">{t('blur.stat.last')}</span>
              <span className="tile-value tile-value-text">{last ? relative(last) : t('sensors.stat.never')}</span>
            </li>
          </ul>
          <div className="blur-layout">
            <nav aria-label={t('blur.list')}>
              <h2 className="panel-title">{t('blur.list')}</h2>
              <ul className="dep-list">
                {deps.map((d) => (
                  <li key={d.id}>
                    <DeploymentCard d={d} selected={d.id === selectedId} onSelect={() => setParam({ id: d.id, mailbox: null })} />
                  </li>
                ))}
              </ul>
            </nav>
            <div>{selectedId && <DeploymentView id={selectedId} mailbox={mailbox} onMailbox={(m) => setParam({ id: selectedId, mailbox: m })} />}</div>
          </div>
        </>
      )}
    </>
  );
}

function DeploymentCard({ d, selected, onSelect }: { d: DeploymentSummary; selected: boolean; onSelect: () => void }) {
  const { t, date, relative } = useI18n();
  return (
    <button type="button" className={`dep-card${d.touches ? ' touched' : ''}`} aria-pressed={selected} onClick={onSelect}>
      <span className="dep-card-title">{d.label}</span>
      <span className="dep-card-meta">
        <span>{t(`blur.status.${d.status}` as MsgKey)}</span>
        <span>{t('blur.personasN', { n: d.personas })}</span>
        <span>{date(d.createdAt)}</span>
      </span>
      <span className="dep-card-meta">
        {d.touches ? (
          <span className="touched-mark">
            <Icon name="sensor" size={14} /> {t('blur.touchedN', { n: d.touches, when: relative(d.lastTouch) })}
          </span>
        ) : (
          <span className="ok-mark">{t('blur.intact')}</span>
        )}
      </span>
    </button>
  );
}

function DeploymentView({ id, mailbox, onMailbox }: { id: string; mailbox: string | null; onMailbox: (m: string | null) => void }) {
  const { t, num, date, dateTime } = useI18n();
  const { user } = useSession();
  const { data, error, loading, reload } = useAsync(() => api.deployment(id), [id]);
  const canRead = roleAllows(user.role, 'analyst');
  const touchedIds = useMemo(() => new Set((data?.touched ?? []).map((x) => x.artifactId)), [data]);
  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (!data || (loading && data.deployment.id !== id)) return <Loading />;
  const { deployment: d } = data;
  const personaName = new Map(data.personas.map((p) => [p.id, p.fullName]));
  return (
    <>
      <section className="panel" aria-labelledby="dep-title">
        <div className="panel-head">
          <div>
            <h2 id="dep-title" className="detail-title">
              {d.label}
            </h2>
            <p className="small muted">
              {t('blur.meta', { created: date(d.createdAt), months: d.months, lang: d.lang.toUpperCase() })}
              {d.deployedAt ? ` · ${t('blur.deployedOn', { date: date(d.deployedAt), target: d.target ?? '—' })}` : ''}
            </p>
          </div>
          <span className={`pill${d.status === 'deployed' ? '' : ' pill-quiet'}`}>{t(`blur.status.${d.status}` as MsgKey)}</span>
        </div>
        <ul className="kind-counts" data-testid="kind-counts">
          {DECOY_KINDS.map((k) => (
            <li key={k}>
              <span className="n">{num(data.counts[k] ?? 0)}</span>
              <span className="l">{t(`blur.kindN.${k}` as MsgKey)}</span>
            </li>
          ))}
          <li>
            <span className="n">{num(data.credentials.length)}</span>
            <span className="l">{t('blur.honeyLogins')}</span>
          </li>
        </ul>
        {data.touched.length > 0 ? (
          <div className="notice notice-error inference" role="status">
            <Icon name="sensor" size={16} />
            <span>{t('blur.touchedNotice', { n: data.touched.length, mailboxes: [...new Set(data.touched.map((x) => x.mailbox).filter(Boolean))].join(', ') })}</span>
          </div>
        ) : (
          <p className="notice notice-ok">{t('blur.untouchedNotice')}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="staff-title">
        <h2 id="staff-title" className="panel-title">
          {t('blur.staff')} <span className="count muted">{num(data.personas.length)}</span>
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="persona-table">
            <thead>
              <tr>
                <th scope="col">{t('blur.col.name')}</th>
                <th scope="col">{t('blur.col.role')}</th>
                <th scope="col" className="hide-sm">
                  {t('blur.col.content')}
                </th>
                <th scope="col">{t('blur.col.touched')}</th>
              </tr>
            </thead>
            <tbody>
              {data.personas.map((p) => (
                <tr key={p.id} className={p.email === mailbox ? 'selected' : undefined}>
                  <td className="cell-title">
                    {canRead ? (
                      <button type="button" className="row-link" onClick={() => onMailbox(p.email === mailbox ? null : p.email)} aria-pressed={p.email === mailbox}>
                        {p.fullName}
                      </button>
                    ) : (
                      p.fullName
                    )}
                    <span className="cell-sub mono">{p.email}</span>
                  </td>
                  <td>
                    {p.role}
                    <span className="cell-sub">{p.department}</span>
                  </td>
                  <td className="hide-sm small nowrap">{t('blur.contentN', { m: p.counts.message ?? 0, d: (p.counts.docx ?? 0) + (p.counts.xlsx ?? 0) + (p.counts.pdf ?? 0) })}</td>
                  <td className="nowrap">
                    {p.touches ? (
                      <>
                        <span className="touched-mark">
                          <Icon name="sensor" size={14} /> {t('blur.touchedTimes', { n: p.touches })}
                        </span>
                        <span className="cell-sub">{dateTime(p.lastTouch)}</span>
                      </>
                    ) : (
                      <span className="ok-mark">{t('blur.intact')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canRead ? <p className="small muted">{t('blur.openMailbox')}</p> : <p className="small muted">{t('blur.analystOnly')}</p>}
      </section>

      {canRead && mailbox && <MailboxViewer deploymentId={d.id} mailbox={mailbox} touched={touchedIds} onClose={() => onMailbox(null)} />}

      {data.touched.length > 0 && (
        <section className="panel" aria-labelledby="touched-title">
          <h2 id="touched-title" className="panel-title">
            {t('blur.touchedTitle')}
          </h2>
          <div className="table-wrap">
            <table className="table" data-testid="touched-table">
              <thead>
                <tr>
                  <th scope="col">{t('sensors.detail.decoy')}</th>
                  <th scope="col">{t('sensors.col.mailbox')}</th>
                  <th scope="col" className="hide-sm">
                    {t('sensors.detail.planted')}
                  </th>
                  <th scope="col">{t('blur.col.lastTouch')}</th>
                </tr>
              </thead>
              <tbody>
                {data.touched.map((x) => (
                  <tr key={x.artifactId}>
                    <td className="cell-title">
                      {x.title ?? x.artifactId}
                      <span className="cell-sub">{x.kind ? t(`blur.kind.${x.kind}` as MsgKey) : ''}</span>
                    </td>
                    <td className="mono small">{x.mailbox ?? '—'}</td>
                    <td className="hide-sm nowrap">{date(x.plantedAt)}</td>
                    <td className="nowrap">
                      <span className="touched-mark">{t('blur.touchedTimes', { n: x.touches })}</span>
                      <span className="cell-sub">{dateTime(x.lastTouch)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small">
            <Link to={`/sensors`} className="link-arrow">
              {t('blur.seeSensors')}
            </Link>
          </p>
        </section>
      )}

      <div className="grid-2">
        <section className="panel" aria-labelledby="docs-title">
          <h2 id="docs-title" className="panel-title">
            {t('blur.documents')} <span className="count muted">{num(data.documents.length)}</span>
          </h2>
          {data.documents.length === 0 ? (
            <p className="muted">{t('common.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('blur.col.title')}</th>
                    <th scope="col">{t('sensors.detail.planted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.documents.map((x) => (
                    <tr key={x.id}>
                      <td className="cell-title">
                        {x.title}
                        <span className="cell-sub">
                          {t(`blur.kind.${x.kind}` as MsgKey)} · {personaName.get(x.personaId) ?? x.mailbox}
                          {touchedIds.has(x.id) && (
                            <>
                              {' · '}
                              <span className="touched-mark">{t('blur.touched')}</span>
                            </>
                          )}
                        </span>
                      </td>
                      <td className="nowrap small">{date(x.plantedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby="creds-title">
          <h2 id="creds-title" className="panel-title">
            {t('blur.honeyLogins')} <span className="count muted">{num(data.credentials.length)}</span>
          </h2>
          <p className="small muted">{t('blur.honeyIntro')}</p>
          {data.credentials.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('blur.col.service')}</th>
                    <th scope="col">{t('blur.col.login')}</th>
                    <th scope="col">{t('blur.col.owner')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.credentials.map((c) => (
                    <tr key={c.id}>
                      <td>{c.service}</td>
                      <td className="mono small">{c.login}</td>
                      <td className="small">{personaName.get(c.personaId) ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}

/** A decoy mailbox as an intruder sees it, read-only and as text (the HTML holds a live beacon). */
function MailboxViewer({ deploymentId, mailbox, touched, onClose }: { deploymentId: string; mailbox: string; touched: Set<string>; onClose: () => void }) {
  const { t, num, dateTime } = useI18n();
  const [folder, setFolder] = useState<'INBOX' | 'Sent'>('INBOX');
  const [openId, setOpenId] = useState<string | null>(null);
  const box = useAsync(() => api.decoyMailbox(deploymentId, mailbox, { folder, limit: 200 }), [deploymentId, mailbox, folder]);
  const msg = useAsync(() => (openId ? api.decoyMessage(openId) : Promise.resolve(null)), [openId]);
  useEffect(() => setOpenId(null), [mailbox, folder]);
  return (
    <section className="panel" aria-labelledby="mbx-title" data-testid="mailbox-viewer">
      <div className="panel-head">
        <h2 id="mbx-title" className="panel-title">
          {t('blur.mailbox', { mailbox })} {box.data && <span className="count muted">{num(box.data.total)}</span>}
        </h2>
        <div className="row-actions">
          <div className="seg" role="group" aria-label={t('blur.folder')}>
            {(['INBOX', 'Sent'] as const).map((f) => (
              <button key={f} type="button" className={`seg-item${f === folder ? ' on' : ''}`} aria-pressed={f === folder} onClick={() => setFolder(f)}>
                {t(f === 'INBOX' ? 'blur.inbox' : 'blur.sent')}
              </button>
            ))}
          </div>
          <button type="button" className="icon-btn" onClick={onClose} aria-label={t('common.close')}>
            <Icon name="close" />
          </button>
        </div>
      </div>
      <p className="small muted">{t('blur.readOnly')}</p>
      {box.error && <ErrorBox error={box.error} onRetry={box.reload} />}
      <div className="mail-viewer">
        <ul className="mail-list">
          {box.loading && !box.data ? (
            <li>
              <Loading />
            </li>
          ) : (
            box.data?.messages.map((m) => (
              <li key={m.id}>
                <button type="button" aria-pressed={m.id === openId} onClick={() => setOpenId(m.id)}>
                  <span className="subj">{m.subject || t('blur.noSubject')}</span>
                  <span className="when">
                    {dateTime(m.date)}
                    {touched.has(m.id) && (
                      <>
                        {' · '}
                        <span className="touched-mark">{t('blur.touched')}</span>
                      </>
                    )}
                  </span>
                </button>
              </li>
            ))
          )}
        </ul>
        <div className="mail-read">
          {msg.error ? (
            <ErrorBox error={msg.error} />
          ) : !openId ? (
            <p className="muted">{t('blur.pickMessage')}</p>
          ) : !msg.data || msg.data.id !== openId ? (
            <Loading />
          ) : (
            <>
              <h3>{msg.data.subject || t('blur.noSubject')}</h3>
              <dl className="kv mail-headers">
                <div className="kv-row">
                  <dt>{t('blur.from')}</dt>
                  <dd>{msg.data.from}</dd>
                </div>
                <div className="kv-row">
                  <dt>{t('blur.to')}</dt>
                  <dd>{msg.data.to}</dd>
                </div>
                {msg.data.cc && (
                  <div className="kv-row">
                    <dt>Cc</dt>
                    <dd>{msg.data.cc}</dd>
                  </div>
                )}
                <div className="kv-row">
                  <dt>{t('blur.date')}</dt>
                  <dd>{dateTime(msg.data.date)}</dd>
                </div>
                {msg.data.attachments.length > 0 && (
                  <div className="kv-row">
                    <dt>{t('blur.attachments')}</dt>
                    <dd>{msg.data.attachments.map((a) => a.filename).join(', ')}</dd>
                  </div>
                )}
              </dl>
              <pre className="mail-body">{msg.data.text}</pre>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function CreateDeployment({ onDone }: { onDone: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState({ personas: 3, months: 2, seed: '', label: '', lang });
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      const r = await api.createDeployment({ personas: form.personas, months: form.months, seed: form.seed || crypto.randomUUID().slice(0, 8), lang: form.lang, label: form.label || undefined });
      onDone(r.id);
    } catch (x) {
      setErr(toApiError(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="create-title">
      <h2 id="create-title" className="panel-title">
        {t('blur.create')}
      </h2>
      <p className="small muted">{t('blur.createIntro')}</p>
      <form className="create-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('blur.form.label')}
          <input value={form.label} maxLength={200} onChange={(e) => setForm({ ...form, label: e.target.value })} />
        </label>
        <label>
          {t('blur.form.personas')}
          <input type="number" min={1} max={10} required value={form.personas} onChange={(e) => setForm({ ...form, personas: Number(e.target.value) })} />
        </label>
        <label>
          {t('blur.form.months')}
          <input type="number" min={1} max={6} required value={form.months} onChange={(e) => setForm({ ...form, months: Number(e.target.value) })} />
        </label>
        <label>
          {t('blur.form.lang')}
          <select value={form.lang} onChange={(e) => setForm({ ...form, lang: e.target.value === 'en' ? 'en' : 'fr' })}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {t('blur.form.seed')}
          <input value={form.seed} maxLength={100} placeholder={t('blur.form.seedHint')} onChange={(e) => setForm({ ...form, seed: e.target.value })} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('blur.form.busy') : t('blur.form.submit')}
        </button>
      </form>
      {err && <ErrorBox error={err} />}
    </section>
  );
}
