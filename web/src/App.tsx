import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, setCsrfToken, setUnauthorizedHandler, type User } from './api.ts';
import { Shell } from './components/Shell.tsx';
import { useI18n } from './i18n.ts';
import { LoginPage } from './pages/Login.tsx';
import { SessionContext, type Session } from './session.ts';

type AuthState = { kind: 'checking' } | { kind: 'anonymous'; expired?: boolean } | { kind: 'signed-in'; user: User };

/** Decides between the login page and the signed-in shell, from GET /auth/me. */
export function App() {
  const { t } = useI18n();
  const [auth, setAuth] = useState<AuthState>({ kind: 'checking' });

  const refresh = useCallback(async () => {
    try {
      const me = await api.me();
      setCsrfToken(me.csrfToken);
      setAuth({ kind: 'signed-in', user: me.user });
    } catch {
      setCsrfToken(null);
      setAuth({ kind: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setAuth((a) => (a.kind === 'signed-in' ? { kind: 'anonymous', expired: true } : a));
    });
    void refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setCsrfToken(null);
      setAuth({ kind: 'anonymous' });
    }
  }, []);

  const session = useMemo<Session | null>(() => (auth.kind === 'signed-in' ? { user: auth.user, logout, refresh } : null), [auth, logout, refresh]);

  if (auth.kind === 'checking')
    return (
      <div className="boot" role="status">
        {t('common.loading')}
      </div>
    );
  if (!session)
    return (
      <LoginPage
        expired={auth.kind === 'anonymous' && !!auth.expired}
        onSignedIn={(user, csrf) => {
          setCsrfToken(csrf);
          setAuth({ kind: 'signed-in', user });
        }}
      />
    );
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
