import { useState, type FormEvent } from 'react';
import { api, type TokenInfo } from '../api.ts';
import { ErrorBox, Loading, OneTimeSecret, PageHeader, toApiError, useAsync } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { useSession } from '../session.ts';

/** One's own account: profile, password change, API tokens (created once, listed, revoked). */
export function SettingsPage() {
  const { t, dateTime } = useI18n();
  const { user } = useSession();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <section className="panel" aria-labelledby="profile-title">
        <h2 id="profile-title" className="panel-title">
          {t('settings.profile')}
        </h2>
        <dl className="kv">
          <div className="kv-row">
            <dt>{t('users.col.username')}</dt>
            <dd>
              <code>{user.username}</code>
            </dd>
          </div>
          <div className="kv-row">
            <dt>{t('users.col.name')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div className="kv-row">
            <dt>{t('users.col.role')}</dt>
            <dd>{t(`role.${user.role}` as MsgKey)}</dd>
          </div>
          <div className="kv-row">
            <dt>{t('users.col.lastLogin')}</dt>
            <dd>{dateTime(user.lastLoginAt)}</dd>
          </div>
        </dl>
      </section>
      <ChangePassword />
      <Tokens />
    </>
  );
}

function ChangePassword() {
  const { t } = useI18n();
  const { user, refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    setDone(false);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setDone(true);
      await refresh();
    } catch (ex) {
      setErr(toApiError(ex));
    }
  };
  return (
    <section className="panel" aria-labelledby="pw-title">
      <h2 id="pw-title" className="panel-title">
        {t('settings.password')}
      </h2>
      {user.mustChangePassword && <p className="notice notice-warn">{t('settings.mustChange')}</p>}
      <form className="form-row" onSubmit={(e) => void submit(e)}>
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <label className="field">
          <span>{t('settings.current')}</span>
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required maxLength={256} />
        </label>
        <label className="field">
          <span>{t('settings.next')}</span>
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={12} maxLength={256} />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
      </form>
      {done && (
        <p className="notice notice-ok" role="status">
          {t('settings.passwordDone')}
        </p>
      )}
      {err && <ErrorBox error={err} />}
    </section>
  );
}

function Tokens() {
  const { t, dateTime, relative } = useI18n();
  const { data, error, loading, reload, setData } = useAsync(() => api.tokens().then((r) => r.items), []);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [err, setErr] = useState<ReturnType<typeof toApiError> | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    try {
      const r = await api.createToken(name.trim());
      setSecret({ name: r.info.name, token: r.token });
      setData((d) => [r.info, ...(d ?? [])]);
      setName('');
    } catch (ex) {
      setErr(toApiError(ex));
    }
  };
  const revoke = async (tok: TokenInfo) => {
    if (!window.confirm(t('tokens.revokeConfirm', { name: tok.name }))) return;
    setErr(null);
    try {
      await api.revokeToken(tok.id);
      reload();
    } catch (ex) {
      setErr(toApiError(ex));
    }
  };
  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="panel-title">
        {t('tokens.title')}
      </h2>
      <p className="small muted">{t('tokens.intro')}</p>
      {secret && <OneTimeSecret label={t('tokens.created', { name: secret.name })} secret={secret.token} onClose={() => setSecret(null)} />}
      <form className="form-row" onSubmit={(e) => void create(e)}>
        <label className="field">
          <span>{t('tokens.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="siem-export" />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('tokens.create')}
        </button>
      </form>
      {err && <ErrorBox error={err} />}
      {error && <ErrorBox error={error} onRetry={reload} />}
      {loading && !data ? (
        <Loading />
      ) : !data?.length ? (
        <p className="empty-inline">{t('tokens.empty')}</p>
      ) : (
        <div className="table-wrap top-gap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.col.prefix')}</th>
                <th scope="col" className="hide-sm">
                  {t('tokens.col.created')}
                </th>
                <th scope="col" className="hide-sm">
                  {t('tokens.col.lastUsed')}
                </th>
                <th scope="col">{t('tokens.col.state')}</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((tok) => (
                <tr key={tok.id} className={tok.revokedAt ? 'dim' : undefined}>
                  <td>{tok.name}</td>
                  <td>
                    <code>{tok.prefix}…</code>
                  </td>
                  <td className="hide-sm nowrap">{dateTime(tok.createdAt)}</td>
                  <td className="hide-sm nowrap">{tok.lastUsedAt ? relative(tok.lastUsedAt) : <span className="muted">{t('common.never')}</span>}</td>
                  <td>{tok.revokedAt ? <span className="state state-off">{t('tokens.revoked')}</span> : <span className="state state-done">{t('tokens.active')}</span>}</td>
                  <td className="row-actions">
                    {!tok.revokedAt && (
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => void revoke(tok)}>
                        {t('tokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
