import { useEffect, useRef, useState, type ChangeEvent, type DragEvent, type FormEvent } from 'react';
import { api, bytesToBase64, MAIL_MAX_BYTES, MAIL_VERDICTS, roleAllows, type ApiError, type MailReport, type MailVerdict } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { EmptyState, ErrorBox, Loading, PageHeader, toApiError, useAsync } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { ReportDetail, ScoreGauge, VerdictBadge } from './mail/ReportDetail.tsx';
import './mail/mail.css';

const PAGE = 200;

/** Mail triage: drop or paste a doubtful message, read the explained verdict, browse what was triaged. */
export function MailPage() {
  const { t, num } = useI18n();
  const { user } = useSession();
  const { query } = useLocation();
  const verdict = (MAIL_VERDICTS as string[]).includes(query.get('verdict') ?? '') ? (query.get('verdict') as MailVerdict) : undefined;
  const search = query.get('q') ?? '';
  const selectedId = query.get('id');
  const canTriage = roleAllows(user.role, 'analyst');

  const setParam = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v);
    else q.delete(k);
    const s = q.toString();
    navigate(`/mail${s ? `?${s}` : ''}`, { replace: true });
  };

  // The search box updates the address after a short pause, not on every key.
  const [typed, setTyped] = useState(search);
  useEffect(() => setTyped(search), [search]);
  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => setParam({ q: typed.trim() || null }), 250);
    return () => clearTimeout(timer);
  });

  const list = useAsync(() => api.mailReports({ verdict, q: search || undefined, limit: PAGE }), [verdict, search]);
  const items = list.data?.items ?? [];
  const counts = list.data?.counts;
  const total = counts ? counts.malicious + counts.suspicious + counts.clean : 0;

  const inList = selectedId ? items.find((r) => r.id === selectedId) : undefined;
  const single = useAsync(() => (selectedId && !inList ? api.mailReport(selectedId).then((r) => r.report) : Promise.resolve(undefined)), [selectedId, !!inList]);
  const selected = inList ?? (single.data?.id === selectedId ? single.data : undefined);

  // After an analysis the verdict is what the person came for: bring it into view and focus it.
  const detailRef = useRef<HTMLElement>(null);
  const [justTriaged, setJustTriaged] = useState<string | null>(null);
  useEffect(() => {
    if (!justTriaged || !selected || selected.id !== justTriaged) return;
    detailRef.current?.scrollIntoView({ block: 'start' });
    detailRef.current?.focus({ preventScroll: true });
    setJustTriaged(null);
  }, [justTriaged, selected]);

  const onTriaged = (r: MailReport) => {
    setJustTriaged(r.id);
    single.setData(() => r);
    const q = new URLSearchParams(query);
    q.set('id', r.id);
    navigate(`/mail?${q.toString()}`);
    list.reload();
  };

  return (
    <>
      <PageHeader
        title={t('mail.title')}
        intro={t('mail.intro')}
        actions={
          <div className="export-links" role="group" aria-label={t('mail.export')}>
            <span className="muted small">{t('mail.export')}</span>
            <a className="btn btn-small" href="/api/v1/mail/indicators?format=csv" download>
              CSV
            </a>
            <a className="btn btn-small" href="/api/v1/mail/indicators?format=json" download="rempart-mail-indicators.json">
              JSON
            </a>
            <a className="btn btn-small" href="/api/v1/mail/indicators?format=stix" download>
              STIX 2.1
            </a>
          </div>
        }
      />
      {canTriage ? <TriageForm onTriaged={onTriaged} /> : <p className="notice notice-info">{t('mail.viewerNote')}</p>}

      {selectedId && (
        <section ref={detailRef} tabIndex={-1} className="panel mail-detail" aria-labelledby="mail-detail-title" data-testid="mail-detail">
          {single.error && !selected ? <ErrorBox error={single.error} /> : !selected ? <Loading /> : <ReportDetail report={selected} onClose={() => setParam({ id: null })} />}
        </section>
      )}

      <section className="panel" aria-labelledby="mail-list-title">
        <div className="panel-head">
          <h2 id="mail-list-title" className="panel-title">
            {t('mail.listTitle')}
          </h2>
        </div>
        <div className="filters" role="group" aria-label={t('common.filter')}>
          <fieldset className="filter">
            <legend>{t('mail.verdict')}</legend>
            <div className="seg">
              <label className={`seg-item${!verdict ? ' on' : ''}`}>
                <input type="radio" name="verdict" checked={!verdict} onChange={() => setParam({ verdict: null })} />
                {t('mail.all')}
                {counts && <span className="seg-count">{num(total)}</span>}
              </label>
              {MAIL_VERDICTS.map((v) => (
                <label key={v} className={`seg-item${verdict === v ? ' on' : ''}`}>
                  <input type="radio" name="verdict" checked={verdict === v} onChange={() => setParam({ verdict: v })} />
                  <span className={`dot dot-verdict-${v}`} aria-hidden="true" />
                  {t(`mail.verdict.${v}` as MsgKey)}
                  {counts && <span className="seg-count">{num(counts[v])}</span>}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="filter filter-grow">
            <span className="filter-label">{t('mail.search')}</span>
            <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('mail.searchPlaceholder')} maxLength={200} />
          </label>
          <span className="filter-count muted small" aria-live="polite">
            {t('common.count', { n: items.length })}
          </span>
        </div>
        {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <EmptyState icon="mail" title={verdict || search ? t('mail.emptyFiltered') : t('mail.emptyTitle')}>
            {!(verdict || search) && (
              <>
                <p>{t('mail.emptyBody')}</p>
                <p>
                  {t('mail.emptyOrg')} <Link to="/organisation">{t('nav.organisation')}</Link>
                </p>
              </>
            )}
          </EmptyState>
        ) : (
          <ReportTable items={items} selectedId={selectedId} onSelect={(id) => setParam({ id })} />
        )}
      </section>
    </>
  );
}

function ReportTable({ items, selectedId, onSelect }: { items: MailReport[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const { t, tk, dateTime, relative } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table mail-table">
        <thead>
          <tr>
            <th scope="col">{t('mail.verdict')}</th>
            <th scope="col">{t('mail.col.message')}</th>
            <th scope="col" className="hide-sm">
              {t('mail.col.reporter')}
            </th>
            <th scope="col">{t('mail.col.date')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className={r.id === selectedId ? 'selected' : undefined}>
              <td className="nowrap">
                <span className="verdict-cell">
                  <ScoreGauge score={r.score} verdict={r.verdict} size={30} />
                  <VerdictBadge verdict={r.verdict} />
                </span>
              </td>
              <td className="cell-title">
                <button type="button" className="row-link" onClick={() => onSelect(r.id)} aria-pressed={r.id === selectedId}>
                  {r.subject || t('mail.noSubject')}
                </button>
                <div className="small muted mail-from">{r.from || '—'}</div>
              </td>
              <td className="hide-sm">
                <div>{r.reporter ?? '—'}</div>
                <span className="pill pill-quiet">{tk(`mail.source.${r.source}`, r.source)}</span>
              </td>
              <td className="nowrap">
                <time dateTime={r.receivedAt} title={dateTime(r.receivedAt)}>
                  {relative(r.receivedAt)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A drop zone for .eml files and a paste area for a message's source; both send to POST /mail/triage. */
function TriageForm({ onTriaged }: { onTriaged: (r: MailReport) => void }) {
  const { t, num } = useI18n();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<ApiError | null>(null);
  const [localErr, setLocalErr] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [pasted, setPasted] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const send = async (input: { raw: string } | { base64: string }) => {
    setBusy(true);
    setErr(null);
    try {
      const { report } = await api.mailTriage(input);
      setPasted('');
      onTriaged(report);
    } catch (e) {
      setErr(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const takeFile = async (f: File | undefined) => {
    setLocalErr(null);
    setErr(null);
    if (!f) return;
    setFileName(f.name);
    if (f.size === 0) return setLocalErr(t('mail.fileEmpty'));
    if (f.size > MAIL_MAX_BYTES) return setLocalErr(t('mail.fileTooLarge', { max: num(MAIL_MAX_BYTES / 1048576) }));
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await f.arrayBuffer());
    } catch {
      return setLocalErr(t('mail.fileUnreadable'));
    }
    await send({ base64: bytesToBase64(bytes) });
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    void takeFile(e.target.files?.[0]);
    e.target.value = '';
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (!busy) void takeFile(e.dataTransfer.files?.[0]);
  };
  const onPaste = (e: FormEvent) => {
    e.preventDefault();
    setFileName(null);
    setLocalErr(null);
    if (new TextEncoder().encode(pasted).length > MAIL_MAX_BYTES) return setLocalErr(t('mail.fileTooLarge', { max: num(MAIL_MAX_BYTES / 1048576) }));
    void send({ raw: pasted });
  };

  return (
    <section className="panel triage" aria-labelledby="triage-title">
      <h2 id="triage-title" className="panel-title">
        {t('mail.triageTitle')}
      </h2>
      <div className="triage-grid">
        <div
          className={`dropzone${over ? ' over' : ''}${busy ? ' busy' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="mail-dropzone"
        >
          <Icon name="upload" size={26} />
          <p className="dropzone-title">{busy && fileName ? t('mail.analysing') : t('mail.dropTitle')}</p>
          <p className="small muted">{t('mail.dropHelp')}</p>
          <label className="btn btn-primary dropzone-btn">
            {t('mail.chooseFile')}
            <input ref={fileRef} type="file" accept=".eml,.msg,.txt,message/rfc822" onChange={onFile} disabled={busy} aria-label={t('mail.chooseFileLabel')} />
          </label>
          {fileName && !busy && <p className="small muted dropzone-file">{fileName}</p>}
        </div>
        <form className="paste" onSubmit={onPaste}>
          <label className="paste-label" htmlFor="mail-paste">
            {t('mail.pasteLabel')}
          </label>
          <textarea
            id="mail-paste"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder={'From: …\nTo: …\nSubject: …\n\n…'}
            spellCheck={false}
            rows={7}
            className="mono"
          />
          <div className="paste-foot">
            <span className="small muted">{t('mail.privacy')}</span>
            <button type="submit" className="btn btn-primary" disabled={busy || !pasted.trim()}>
              {busy && !fileName ? t('mail.analysing') : t('mail.analyse')}
            </button>
          </div>
        </form>
      </div>
      {localErr && (
        <p className="notice notice-error" role="alert">
          {localErr}
        </p>
      )}
      {err && <ErrorBox error={err} />}
    </section>
  );
}
