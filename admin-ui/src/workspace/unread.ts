/**
 * The unread notification count the header shows: asked again on every page change, when the
 * window regains focus, and when a page says notifications changed (marked read). No polling timer.
 */
import { useEffect, useState } from 'react';
import { listNotifications } from '../api/workspace.js';
import { usePath } from '../app/router.js';

const CHANGED = 'crm:notifications-changed';

export function notificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function useUnreadCount(): number | null {
  const path = usePath();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      listNotifications({ unread: true, limit: 1 }).then(
        (page) => live && setCount(page.unread),
        () => undefined, // the header keeps the last count; the notifications page shows errors
      );
    };
    load();
    window.addEventListener(CHANGED, load);
    window.addEventListener('focus', load);
    return () => {
      live = false;
      window.removeEventListener(CHANGED, load);
      window.removeEventListener('focus', load);
    };
  }, [path]);
  return count;
}
