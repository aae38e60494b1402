/** The 'workspace' workspace area: global search and the notifications centre (see app/areas.ts). */
import type { Area } from '../app/areas.js';
import { NotificationsPage } from './NotificationsPage.js';
import { SearchPage } from './SearchPage.js';

export const workspaceArea: Area = {
  routes: [
    { pattern: '/search', render: () => <SearchPage /> },
    { pattern: '/notifications', render: () => <NotificationsPage /> },
  ],
  links: [{ to: '/notifications', label: 'workspace.notifications.title' }],
};
