import { useState, type FormEvent } from 'react';
import { api, type Role, type User } from '../api.ts';
import { ErrorBox, Loading, OneTimeSecret, PageHeader, toApiError, useAsync } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { useSession } from '../session.ts';

const ROLES: Role[] = ['viewer', 'analyst', 'admin'];

/** Accounts: create (the one-time password is shown once), disable or enable, reset a password. */
export function UsersPage() {
  const { t, relative, dateTime } = useI18n();
  const { user: me } = useSession();
  const { data, error, loading, reload, setData } = useAsync(() => api.users().then((r) => r.items), []);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const [actionError, setActionError] = useState<ReturnType<typeof toApiError> | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const replace = (u: User) => setData((d) => (d ?? []).map((x) => (x.id === u.id ? u : x)));
  const act = async (id: string, fn: () => Promise<void>) => {
    setBusy(id);
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader title={t('users.title')} intro={t('users.intro')} />
      {secret && <OneTimeSecret label={secret.label} secret={secret.value} onClose={() => setSecret(null)} />}
      {actionError && <ErrorBox error={actionError} />}
      <CreateUser
        onCreated={(u, password) => {
          setData((d) => [...(d ?? []), u].sort((a, b) => a.username.localeCompare(b.username)));
          setSecret({ label: t('users.created', { user: u.username }), value: password });
        }}
      />
      {error && <ErrorBox error={error} onRetry={reload} />}
      {loading && !data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('users.col.username')}</th>
                <th scope="col">{t('users.col.name')}</th>
                <th scope="col">{t('users.col.role')}</th>
                <th scope="col" className="hide-sm">
                  {t('users.col.lastLogin')}
                </th>
                <th scope="col">{t('users.col.state')}</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(data ?? []).map((u) => (
                <tr key={u.id} className={u.disabled ? 'dim' : undefined}>
                  <td>
                    <code>{u.username}</code> {u.id === me.id && <span className="pill pill-quiet">{t('users.you')}</span>}
                  </td>
                  <td>{u.displayName}</td>
                  <td>{t(`role.${u.role}` as MsgKey)}</td>
                  <td className="hide-sm nowrap" title={u.lastLoginAt ? dateTime(u.lastLoginAt) : undefined}>
                    {u.lastLoginAt ? relative(u.lastLoginAt) : <span className="muted">{t('common.never')}</span>}
                  </td>
                  <td className="nowrap">
                    {u.disabled ? <span className="state state-off">{t('users.disabled')}</span> : <span className="state state-done">{t('users.active')}</span>}
                    {u.mustChangePassword && !u.disabled && <span className="small muted"> · {t('users.mustChange')}</span>}
                  </td>
                  <td className="row-actions">
                    {u.id !== me.id && (
                      <>
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={busy === u.id}
                          onClick={() =>
                            void act(u.id, async () => {
                              if (!window.confirm(t('users.resetConfirm', { user: u.username }))) return;
                              const r = await api.resetPassword(u.id);
                              replace(r.user);
                              setSecret({ label: t('users.resetDone', { user: u.username }), value: r.password });
                            })
                          }
                        >
                          {t('users.reset')}
                        </button>
                        <button type="button" className="btn btn-small" disabled={busy === u.id} onClick={() => void act(u.id, async () => replace((await api.setUserDisabled(u.id, !u.disabled)).user))}>
                          {u.disabled ? t('users.enable') : t('users.disable')}
                        </button>
                      </>
                    )}
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

function CreateUser({ onCreated }: { onCreated: (u: User, password: string) => void }) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [ulang, setULang] = useState<'fr' | 'en'>(lang);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      const r = await api.createUser({ username: username.trim(), displayName: displayName.trim() || undefined, role, lang: ulang });
      onCreated(r.user, r.password);
      setUsername('');
      setDisplayName('');
    } catch (ex) {
      setErr(toApiError(ex));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="create-user">
      <h2 id="create-user" className="panel-title">
        {t('users.create')}
      </h2>
      <form className="form-row" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('users.col.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} required minLength={2} maxLength={64} autoCapitalize="none" spellCheck={false} />
        </label>
        <label className="field">
          <span>{t('users.displayName')}</span>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={120} />
        </label>
        <label className="field">
          <span>{t('users.col.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MsgKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('users.lang')}</span>
          <select value={ulang} onChange={(e) => setULang(e.target.value === 'en' ? 'en' : 'fr')}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('users.create')}
        </button>
      </form>
      {err && <ErrorBox error={err} />}
    </section>
  );
}
