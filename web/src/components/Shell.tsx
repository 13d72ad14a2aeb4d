import { useEffect, useRef, useState } from 'react';
import { roleAllows } from '../api.ts';
import { useI18n, type MsgKey } from '../i18n.ts';
import { navGroups, findPage, pages } from '../pages/index.ts';
import { NotFoundPage } from '../pages/NotFound.tsx';
import { Link, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { Icon } from './icons.tsx';
import { EmptyState } from './ui.tsx';

/** The signed-in frame: skip link, sidebar navigation, top bar with language and account, the page. */
export function Shell() {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useSession();
  const { path } = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const page = findPage(path);
  const allowed = page ? roleAllows(user.role, page.minRole) : true;

  useEffect(() => {
    setNavOpen(false);
    setMenuOpen(false);
    document.title = page ? `${t(page.navKey)} · Rempart` : 'Rempart';
  }, [path, page, t]);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menuRef.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menuOpen]);

  const Page = page?.component;
  const visible = pages.filter((p) => !p.hidden && roleAllows(user.role, p.minRole));

  return (
    <div className={`shell${navOpen ? ' nav-open' : ''}`}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
        {t('skip.toMain')}
      </a>
      <aside className="sidebar" id="sidebar">
        <div className="brand">
          <Icon name="shield" size={22} className="brand-mark" />
          <div>
            <div className="brand-name">Rempart</div>
            <div className="brand-tag">{t('app.tagline')}</div>
          </div>
          <button type="button" className="icon-btn nav-close" onClick={() => setNavOpen(false)} aria-label={t('nav.close')}>
            <Icon name="close" />
          </button>
        </div>
        <nav aria-label={t('nav.label')}>
          {navGroups.map((g) => {
            const items = visible.filter((p) => p.group === g);
            if (!items.length) return null;
            return (
              <div className="nav-group" key={g}>
                <h2 className="nav-group-title">{t(`nav.group.${g}` as MsgKey)}</h2>
                <ul>
                  {items.map((p) => (
                    <li key={p.path}>
                      <Link to={p.path} className={`nav-link${page?.path === p.path ? ' active' : ''}`} aria-current={page?.path === p.path ? 'page' : undefined}>
                        <Icon name={p.icon} />
                        <span>{t(p.navKey)}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
      </aside>
      <div className="scrim" onClick={() => setNavOpen(false)} aria-hidden="true" />
      <div className="main-col">
        <header className="topbar">
          <button type="button" className="icon-btn nav-toggle" onClick={() => setNavOpen(true)} aria-label={t('nav.open')} aria-controls="sidebar" aria-expanded={navOpen}>
            <Icon name="menu" />
          </button>
          <div className="topbar-spacer" />
          <button type="button" className="btn btn-ghost btn-small lang-switch" onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')} aria-label={t('lang.switchLabel')} lang={lang === 'fr' ? 'en' : 'fr'}>
            {t('lang.switch')}
          </button>
          <div className="user-menu" ref={menuRef}>
            <button type="button" className="user-btn" aria-haspopup="true" aria-expanded={menuOpen} onClick={() => setMenuOpen((o) => !o)} data-testid="user-menu">
              <span className="avatar" aria-hidden="true">
                {(user.displayName || user.username).slice(0, 1).toUpperCase()}
              </span>
              <span className="user-name">
                <span>{user.displayName}</span>
                <span className="user-role">{t(`role.${user.role}` as MsgKey)}</span>
              </span>
            </button>
            {menuOpen && (
              <div className="menu" role="menu">
                <Link to="/settings" role="menuitem" className="menu-item">
                  <Icon name="key" /> {t('user.settings')}
                </Link>
                <button type="button" role="menuitem" className="menu-item" onClick={() => void logout()}>
                  <Icon name="logout" /> {t('user.logout')}
                </button>
              </div>
            )}
          </div>
          <button type="button" className="icon-btn logout-btn" onClick={() => void logout()} aria-label={t('user.logout')} title={t('user.logout')}>
            <Icon name="logout" />
          </button>
        </header>
        {user.mustChangePassword && path !== '/settings' && (
          <div className="banner" role="status">
            {t('settings.mustChange')} <Link to="/settings">{t('settings.mustChangeLink')}</Link>
          </div>
        )}
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          {!Page ? <NotFoundPage /> : allowed ? <Page key={page.path} /> : <EmptyState icon="shield">{t('common.notAllowed')}</EmptyState>}
        </main>
      </div>
    </div>
  );
}
