/** The header's workspace tools: global search box, notifications bell with the unread count. */
import { useState, type FormEvent } from 'react';
import { Link, navigate, usePath, useQueryParam } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { useUnreadCount } from './unread.js';
import './workspace.css';

export function GlobalSearchBox() {
  const { t } = useI18n();
  const path = usePath();
  const q = useQueryParam('q');
  const current = path === '/search' ? (q ?? '') : '';
  const [text, setText] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (q) navigate(`/search?${new URLSearchParams({ q }).toString()}`);
  };
  return (
    <form role="search" className="global-search" onSubmit={submit} aria-label={t('workspace.search.label')}>
      <input
        type="search"
        aria-label={t('workspace.search.label')}
        placeholder={t('workspace.search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn btn-small">
        {t('workspace.search.submit')}
      </button>
    </form>
  );
}

export function NotificationBell() {
  const { t, formatNumber } = useI18n();
  const unread = useUnreadCount();
  const count = unread ?? 0;
  return (
    <Link to="/notifications" className="bell" aria-label={t('workspace.notifications.open', { count: formatNumber(count) })}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {count > 0 && (
        <span className="badge" data-testid="unread-count">
          {count > 99 ? '99+' : formatNumber(count)}
        </span>
      )}
    </Link>
  );
}
