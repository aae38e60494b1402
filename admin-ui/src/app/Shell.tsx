/** The signed-in frame: header (user, language, sign out), entity navigation, the routed page. */
import { useEffect } from 'react';
import type { User } from '../api/index.js';
import { useI18n } from '../i18n/index.js';
import { GlobalSearchBox, NotificationBell } from '../workspace/HeaderTools.js';
import { UserMenu } from '../workspace/UserMenu.js';
import { INBOX_PATH } from '../inbox/area.js';
import { AREAS } from './areas.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { MetadataProvider, useMetadata } from './MetadataProvider.js';
import { Link, matchPath, navigate, recordsPath, usePath } from './router.js';
import { ROUTES } from './routes.js';
import { SessionContext, useCurrentUser } from './session.js';

export function Shell({ user, onLogout }: { user: User; onLogout(): void }) {
  const { t } = useI18n();
  return (
    <SessionContext.Provider value={user}>
      <div className="shell">
        <header className="topbar">
          <Link to="/" className="brand">
            {t('app.title')}
          </Link>
          <div className="topbar-right">
            <GlobalSearchBox />
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu user={user} />
            <button type="button" className="btn btn-small" onClick={onLogout}>
              {t('header.logout')}
            </button>
          </div>
        </header>
        <MetadataProvider>
          <div className="workspace">
            <EntityNav />
            <main className="content">
              <RoutedPage />
            </main>
          </div>
        </MetadataProvider>
      </div>
    </SessionContext.Provider>
  );
}

function EntityNav() {
  const { t, label } = useI18n();
  const { entities } = useMetadata();
  const path = usePath();
  const user = useCurrentUser();
  const allLinks = AREAS.flatMap((a) => a.links);
  const studioLinks = allLinks.filter((l) => l.requires && user.capabilities?.[l.requires]);
  const current = matchPath('/records/:entity', path.split('/').slice(0, 3).join('/'))?.entity;
  // The user's UI layout, when one applies, is the whole menu (the server left out what they may not read).
  const menu = user.layout?.navigation;
  return (
    <nav className="sidenav" aria-label={t('nav.title')}>
      {menu ? (
        <NavLinks links={menu.map((e) => ({ to: e.to, text: e.label ? label(e.label) : t(allLinks.find((l) => l.to === e.to)!.label) }))} path={path} />
      ) : (
        <>
          <NavLinks links={allLinks.filter((l) => !l.requires).map((l) => ({ to: l.to, text: t(l.label) }))} path={path} />
          <h2 className="sidenav-title">{t('nav.title')}</h2>
          {entities.length === 0 && <p className="muted">{t('nav.empty')}</p>}
          <ul>
            {entities.map((e) => (
              <li key={e.name}>
                <Link to={recordsPath(e.name)} className={e.name === current ? 'active' : undefined} aria-current={e.name === current ? 'page' : undefined}>
                  {label(e.pluralLabel, e.name)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {studioLinks.length > 0 && (
        <>
          <h2 className="sidenav-title">{t('nav.studio')}</h2>
          <NavLinks links={studioLinks.map((l) => ({ to: l.to, text: t(l.label) }))} path={path} />
        </>
      )}
    </nav>
  );
}

function NavLinks({ links, path }: { links: { to: string; text: string }[]; path: string }) {
  if (links.length === 0) return null;
  return (
    <ul className="sidenav-areas">
      {links.map((l) => {
        const to = l.to.split('?')[0]!;
        const active = path === to || path.startsWith(to + '/');
        return (
          <li key={l.to}>
            <Link to={l.to} className={active ? 'active' : undefined} aria-current={active ? 'page' : undefined}>
              {l.text}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function RoutedPage() {
  const { t } = useI18n();
  const path = usePath();
  const inbox = path === '/' && !useCurrentUser().layout?.home;

  // '/' is the inbox, where an employee's work starts — unless their UI layout gives them a home page.
  useEffect(() => {
    if (inbox) navigate(INBOX_PATH, { replace: true });
  }, [inbox]);

  if (inbox) return null;
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return <>{route.render(params)}</>;
  }
  return <p className="muted">{t('app.notFound')}</p>;
}
