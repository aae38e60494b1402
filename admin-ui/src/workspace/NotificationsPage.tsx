/** The notifications centre: mine, newest first, unread marked; mark one or all read; open the record. */
import { useCallback, useEffect, useState } from 'react';
import { listNotifications, markNotificationRead, type NotificationPage } from '../api/workspace.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { Link, recordsPath } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { notificationsChanged } from './unread.js';

const PAGE = 50;

export function NotificationsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setError(null);
    listNotifications({ unread: unreadOnly, limit: PAGE }).then(setPage, setError);
  }, [unreadOnly]);
  useEffect(load, [load]);

  const more = async () => {
    if (!page?.nextCursor) return;
    try {
      const next = await listNotifications({ unread: unreadOnly, limit: PAGE, before: page.nextCursor });
      setPage({ ...next, items: [...page.items, ...next.items] });
    } catch (e) {
      setError(e);
    }
  };

  const markRead = async (ids: string[]) => {
    setBusy(true);
    setError(null);
    try {
      for (const id of ids) {
        const { readAt } = await markNotificationRead(id);
        setPage((p) => p && { ...p, unread: Math.max(0, p.unread - 1), items: p.items.map((n) => (n.id === id ? { ...n, readAt } : n)) });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      notificationsChanged();
    }
  };

  const unreadShown = page?.items.filter((n) => !n.readAt).map((n) => n.id) ?? [];
  return (
    <section className="notifications-page">
      <div className="page-head">
        <h1>{t('workspace.notifications.title')}</h1>
        <div className="actions">
          <label className="check">
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
            {t('workspace.notifications.unreadOnly')}
          </label>
          <button type="button" className="btn" disabled={busy || unreadShown.length === 0} onClick={() => void markRead(unreadShown)}>
            {t('workspace.notifications.markAllRead')}
          </button>
        </div>
      </div>
      {page && (
        <p className="muted" data-testid="notifications-unread">
          {t('workspace.notifications.unreadCount', { count: formatNumber(page.unread) })}
        </p>
      )}
      {error !== null && <ErrorBanner error={error} onRetry={load} />}
      {!page && !error && <Loading />}
      {page && page.items.length === 0 && <p className="muted">{t('workspace.notifications.empty')}</p>}
      {page && page.items.length > 0 && (
        <ul className="notification-list plain">
          {page.items.map((n) => (
            <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-notification={n.id}>
              <div className="notification-head">
                <strong>{n.subject}</strong>
                {!n.readAt && <span className="chip chip-unread">{t('workspace.notifications.unread')}</span>}
                <time dateTime={n.createdAt} className="muted">
                  {formatDateTime(n.createdAt)}
                </time>
              </div>
              <p className="notification-body">{n.body}</p>
              <div className="notification-actions">
                {n.record && <Link to={recordsPath(n.record.entity, n.record.id)}>{t('workspace.notifications.openRecord')}</Link>}
                {!n.readAt && (
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => void markRead([n.id])} aria-label={`${t('workspace.notifications.markRead')}: ${n.subject}`}>
                    {t('workspace.notifications.markRead')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {page?.nextCursor && (
        <div className="list-foot">
          <button type="button" className="btn" onClick={() => void more()}>
            {t('workspace.notifications.more')}
          </button>
        </div>
      )}
    </section>
  );
}
