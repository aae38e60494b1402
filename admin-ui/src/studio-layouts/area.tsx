/** The studio area 'layouts': UI layouts per role (docs/studio.md "UI layouts"; see app/areas.ts). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

const LayoutsPage = lazy(() => import('./LayoutsPage.js'));

export const studioLayoutsArea: Area = {
  routes: [{ pattern: '/studio/layouts', render: () => <Suspense fallback={<Loading />}><LayoutsPage /></Suspense> }],
  links: [{ to: '/studio/layouts', label: 'studioLayouts.nav', requires: 'admin' }],
};
