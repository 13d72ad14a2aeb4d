import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, roleAllows, type Domain, type StaffImportResult } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { EmptyState, ErrorBox, Loading, PageHeader, toApiError, useAsync } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { useSession } from '../session.ts';

/** Same bound as the server (MAX_STAFF_CSV_BYTES): refuse early rather than upload for nothing. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;
const STAFF_SHOWN = 500;

/** The organisation: its name, its domains and its staff directory (CSV import). */
export function OrganisationPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const canEdit = roleAllows(user.role, 'analyst');
  const org = useAsync(() => api.org(), []);
  const staff = useAsync(() => api.staff().then((r) => r.items), []);
  return (
    <>
      <PageHeader title={t('org.title')} intro={t('org.intro')} />
      {org.error && <ErrorBox error={org.error} onRetry={org.reload} />}
      <OrgName name={org.data?.name} canEdit={user.role === 'admin'} onSaved={org.reload} />
      <Domains canEdit={canEdit} onChange={org.reload} />
      {canEdit && (
        <StaffImport
          onImported={() => {
            staff.reload();
            org.reload();
          }}
        />
      )}
      <section className="panel" aria-labelledby="staff-title">
        <StaffTable state={staff} />
      </section>
    </>
  );
}

function OrgName({ name, canEdit, onSaved }: { name: string | undefined; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  if (name === undefined) return null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (draft === null) return;
    try {
      await api.setOrgName(draft.trim());
      setDraft(null);
      onSaved();
    } catch (ex) {
      setErr(toApiError(ex));
    }
  };
  return (
    <section className="panel" aria-labelledby="org-name">
      <h2 id="org-name" className="panel-title">
        {t('org.name')}
      </h2>
      {canEdit ? (
        <form className="form-row" onSubmit={(e) => void save(e)}>
          <label className="field grow">
            <span className="sr-only">{t('org.name')}</span>
            <input value={draft ?? name} onChange={(e) => setDraft(e.target.value)} required maxLength={200} placeholder={t('org.unnamed')} />
          </label>
          <button type="submit" className="btn" disabled={draft === null || !draft.trim() || draft.trim() === name}>
            {t('common.save')}
          </button>
        </form>
      ) : (
        <p>{name || t('org.unnamed')}</p>
      )}
      {err && <ErrorBox error={err} />}
    </section>
  );
}

function Domains({ canEdit, onChange }: { canEdit: boolean; onChange: () => void }) {
  const { t, date } = useI18n();
  const { data, error, loading, reload } = useAsync(() => api.domains().then((r) => r.items), []);
  const [domain, setDomain] = useState('');
  const [kind, setKind] = useState<Domain['kind']>('protected');
  const [label, setLabel] = useState('');
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    try {
      await api.addDomain({ domain: domain.trim(), kind, label: label.trim() || undefined });
      setDomain('');
      setLabel('');
      reload();
      onChange();
    } catch (ex) {
      setErr(toApiError(ex));
    }
  };
  const remove = async (d: string) => {
    if (!window.confirm(t('org.removeConfirm', { domain: d }))) return;
    setErr(null);
    try {
      await api.removeDomain(d);
      reload();
      onChange();
    } catch (ex) {
      setErr(toApiError(ex));
    }
  };
  return (
    <section className="panel" aria-labelledby="domains-title">
      <h2 id="domains-title" className="panel-title">
        {t('org.domains')}
      </h2>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {loading && !data ? (
        <Loading />
      ) : !data?.length ? (
        <p className="empty-inline">{t('org.noDomains')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('org.domain')}</th>
                <th scope="col">{t('org.kind')}</th>
                <th scope="col">{t('org.label')}</th>
                <th scope="col" className="hide-sm">
                  {t('org.addedAt')}
                </th>
                {canEdit && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.domain}>
                  <td>
                    <code>{d.domain}</code>
                  </td>
                  <td>
                    <span className={`pill kind-${d.kind}`}>{t(`org.kind.${d.kind}` as MsgKey)}</span>
                  </td>
                  <td>{d.label ?? <span className="muted">—</span>}</td>
                  <td className="hide-sm nowrap">{date(d.addedAt)}</td>
                  {canEdit && (
                    <td className="row-actions">
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => void remove(d.domain)} aria-label={`${t('common.remove')} ${d.domain}`}>
                        {t('common.remove')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <form className="form-row top-gap" onSubmit={(e) => void add(e)}>
          <label className="field">
            <span>{t('org.domain')}</span>
            <input value={domain} onChange={(e) => setDomain(e.target.value)} required minLength={3} maxLength={253} placeholder="exemple.fr" spellCheck={false} autoCapitalize="none" />
          </label>
          <label className="field">
            <span>{t('org.kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as Domain['kind'])}>
              <option value="protected">{t('org.kind.protected')}</option>
              <option value="partner">{t('org.kind.partner')}</option>
              <option value="brand">{t('org.kind.brand')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('org.label')}</span>
            <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={100} />
          </label>
          <button type="submit" className="btn btn-primary">
            {t('common.add')}
          </button>
        </form>
      )}
      {err && <ErrorBox error={err} />}
    </section>
  );
}

function StaffImport({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StaffImportResult | null>(null);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const [fileErr, setFileErr] = useState<string | null>(null);
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setFileErr(null);
    if (!f) return;
    if (f.size > MAX_CSV_BYTES) {
      setFileErr(t('org.fileTooLarge'));
      return;
    }
    f.text().then(setCsv, () => setFileErr(t('org.fileTooLarge')));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    setResult(null);
    try {
      setResult(await api.importStaff(csv));
      onImported();
    } catch (ex) {
      setErr(toApiError(ex));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title" className="panel-title">
        {t('org.import')}
      </h2>
      <p className="small muted">{t('org.importHelp')}</p>
      <form onSubmit={(e) => void submit(e)} className="form-stack">
        <label className="field">
          <span>{t('org.importPaste')}</span>
          <textarea value={csv} onChange={(e) => setCsv(e.target.value)} rows={4} spellCheck={false} placeholder={'nom;email;pôle;fonction\nLéa Fontaine;lea.fontaine@exemple.fr;presse;attachée de presse'} />
        </label>
        <div className="form-row">
          <label className="file-input">
            <Icon name="upload" size={16} />
            <span>{t('org.importFile')}</span>
            <input type="file" accept=".csv,text/csv,text/plain" onChange={onFile} />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy || !csv.trim()}>
            {busy ? t('common.loading') : t('org.importSubmit')}
          </button>
        </div>
      </form>
      {fileErr && <p className="form-error">{fileErr}</p>}
      {err && <ErrorBox error={err} />}
      {result && (
        <div className={`notice ${result.errors.length ? 'notice-warn' : 'notice-ok'}`} role="status">
          <div>
            <p>{t('org.importResult', { created: result.created, updated: result.updated, errors: result.errors.length })}</p>
            {result.errors.length > 0 && (
              <ul className="small import-errors">
                {result.errors.slice(0, 20).map((x) => (
                  <li key={x.line}>{t('org.importLine', { line: x.line, message: x.message })}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function StaffTable({ state }: { state: ReturnType<typeof useAsync<Awaited<ReturnType<typeof api.staff>>['items']>> }) {
  const { t, num } = useI18n();
  const [filter, setFilter] = useState('');
  const all = state.data ?? [];
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return all;
    return all.filter((s) => [s.fullName, s.email, s.department ?? '', s.role ?? ''].some((v) => v.toLowerCase().includes(f)));
  }, [all, filter]);
  return (
    <>
      <div className="panel-head">
        <h2 id="staff-title" className="panel-title">
          {t('org.staff')} <span className="muted count">{num(all.length)}</span>
        </h2>
        {all.length > 0 && (
          <label className="filter">
            <span className="sr-only">{t('org.staffFilter')}</span>
            <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('org.staffFilter')} />
          </label>
        )}
      </div>
      {state.error && <ErrorBox error={state.error} onRetry={state.reload} />}
      {state.loading && !state.data ? (
        <Loading />
      ) : all.length === 0 ? (
        <EmptyState icon="users">{t('org.noStaff')}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('org.col.name')}</th>
                  <th scope="col">{t('org.col.email')}</th>
                  <th scope="col" className="hide-sm">
                    {t('org.col.department')}
                  </th>
                  <th scope="col" className="hide-sm">
                    {t('org.col.role')}
                  </th>
                  <th scope="col" className="hide-sm">
                    {t('org.col.lang')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, STAFF_SHOWN).map((s) => (
                  <tr key={s.id} className={s.active ? undefined : 'dim'}>
                    <td>{s.fullName}</td>
                    <td className="break">{s.email}</td>
                    <td className="hide-sm">{s.department ?? '—'}</td>
                    <td className="hide-sm">{s.role ?? '—'}</td>
                    <td className="hide-sm">{s.lang.toUpperCase()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(rows.length > STAFF_SHOWN || filter) && <p className="small muted">{t('org.shown', { shown: num(Math.min(rows.length, STAFF_SHOWN)), total: num(all.length) })}</p>}
        </>
      )}
    </>
  );
}
