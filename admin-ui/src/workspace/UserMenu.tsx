/**
 * Who is signed in: a button with the display name opening a panel with the username, roles (the
 * role's label from the metadata, or the default role) and memberships, as GET /api/auth/me says
 * when the panel opens (the sign-in answer carries no memberships, and they may have changed).
 * Escape or a click elsewhere closes it and gives focus back to the button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { currentUser } from '../api/index.js';
import { listRoles, type Me, type RoleInfo } from '../api/workspace.js';
import { useI18n } from '../i18n/index.js';

export function UserMenu({ user }: { user: Me }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [roles, setRoles] = useState<RoleInfo[] | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const name = user.displayName || user.username;

  useEffect(() => {
    if (!open) return;
    if (!roles) listRoles().then(setRoles, () => setRoles([]));
    currentUser().then(setMe, () => setMe(user));
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open, roles, user]);

  const m = me?.memberships;
  const roleKey = m?.role ?? null;
  const role = roles?.find((r) => (roleKey ? r.key === roleKey : r.default));
  const roleText = role
    ? roleKey
      ? label(role.label, role.key)
      : t('workspace.user.defaultRole', { role: label(role.label, role.key) })
    : (roleKey ?? t('workspace.user.noRole'));
  const lists: [Parameters<typeof t>[0], string[] | undefined][] = [
    ['workspace.user.departments', m?.departments.slice(0, 1)],
    ['workspace.user.teams', m?.teams],
    ['workspace.user.groups', m?.groups],
  ];

  return (
    <div className="user-menu" ref={box}>
      <button
        ref={button}
        type="button"
        className="current-user"
        data-testid="current-user"
        title={user.username}
        aria-label={t('workspace.user.menu', { name })}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {name} ▾
      </button>
      {open && (
        <div className="user-panel" id={panelId} role="region" aria-label={t('workspace.user.menu', { name })}>
          <p className="user-name">{name}</p>
          <dl>
            <div>
              <dt>{t('workspace.user.username')}</dt>
              <dd className="mono">{user.username}</dd>
            </div>
            <div>
              <dt>{t('workspace.user.roles')}</dt>
              <dd data-testid="user-roles">
                {roles === null || me === null ? t('app.loading') : roleText}
                {user.isAdmin && <span className="chip">{t('workspace.user.admin')}</span>}
              </dd>
            </div>
            {lists.map(([key, values]) =>
              values && values.length > 0 ? (
                <div key={key}>
                  <dt>{t(key)}</dt>
                  <dd>{values.join(', ')}</dd>
                </div>
              ) : null,
            )}
          </dl>
        </div>
      )}
    </div>
  );
}
