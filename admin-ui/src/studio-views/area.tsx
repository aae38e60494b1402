/**
 * The 'studio-views' area (issue 8, view designer): the views of the metadata draft and one view's
 * editor with its live preview — for analysts and administrators (see app/areas.ts). One lazily
 * loaded chunk, its messages with it (messages.ts); the entry holds only the navigation label.
 */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

const ViewDesignerPage = lazy(() => import('./ViewDesignerPage.js'));

const page = (name?: string) => (
  <Suspense fallback={<Loading />}>
    <ViewDesignerPage name={name} />
  </Suspense>
);

export const studioViewsArea: Area = {
  routes: [
    { pattern: '/studio/views', render: () => page() },
    { pattern: '/studio/views/:name', render: (p) => page(p.name!) },
  ],
  links: [{ to: '/studio/views', label: 'studioViews.nav', requires: 'studio' }],
};
