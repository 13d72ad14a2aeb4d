import { useState, type FormEvent } from 'react';
import { api, type User } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { toApiError } from '../components/ui.tsx';
import { useI18n } from '../i18n.ts';

/** Username and password → POST /auth/login; the session cookie is HttpOnly, the CSRF token comes back in the body. */
export function LoginPage({ onSignedIn, expired }: { onSignedIn: (user: User, csrf: string) => void; expired: boolean }) {
  const { t, lang, setLang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.login(username.trim(), password);
      onSignedIn(s.user, s.csrfToken);
    } catch (err) {
      const ae = toApiError(err);
      setError(ae.id === 'auth.bad_credentials' ? t('login.failed') : ae.id === 'network' ? t('error.network') : ae.message);
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <main className="login-card" id="main">
        <div className="login-brand">
          <Icon name="shield" size={28} className="brand-mark" />
          <div>
            <div className="brand-name">Rempart</div>
            <div className="brand-tag">{t('app.tagline')}</div>
          </div>
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {expired && (
          <div className="notice notice-info" role="status">
            {t('login.expired')}
          </div>
        )}
        <form onSubmit={(e) => void submit(e)} className="form-stack" aria-describedby={error ? 'login-error' : undefined}>
          <label className="field">
            <span>{t('login.username')}</span>
            <input name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required maxLength={64} value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input name="password" type="password" autoComplete="current-password" required maxLength={256} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {error && (
            <p className="form-error" id="login-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
        <p className="small muted login-hint">{t('login.firstStart')}</p>
        <div className="login-foot">
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')} aria-label={t('lang.switchLabel')}>
            {t('lang.switch')}
          </button>
        </div>
      </main>
    </div>
  );
}
