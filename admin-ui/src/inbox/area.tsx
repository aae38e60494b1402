/** The 'inbox' workspace area: the task inbox (also '/') and the task page (see app/areas.ts). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';
import InboxPage from './InboxPage.js';

// react-jsonschema-form and ajv come with the task page only: they must not weigh on the entry chunk.
const TaskPage = lazy(() => import('./TaskPage.js'));

export const INBOX_PATH = '/inbox';

export const inboxArea: Area = {
  routes: [
    { pattern: INBOX_PATH, render: () => <InboxPage /> },
    {
      pattern: '/tasks/:id',
      render: (p) => (
        <Suspense fallback={<Loading />}>
          <TaskPage key={p.id} id={p.id!} />
        </Suspense>
      ),
    },
  ],
  links: [{ to: INBOX_PATH, label: 'inbox.nav' }],
};
