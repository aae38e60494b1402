/** The studio's entity designer (docs/studio.md): its pages and its Studio link (see app/areas.ts). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';
import type { StudioModelView } from './StudioModelPage.js';

const StudioModelPage = lazy(() => import('./StudioModelPage.js'));

const page = (view: StudioModelView) => (
  <Suspense fallback={<Loading />}>
    <StudioModelPage view={view} />
  </Suspense>
);

export const studioModelArea: Area = {
  routes: [
    { pattern: '/studio/model', render: () => page({ page: 'entities' }) },
    { pattern: '/studio/model/entities/:name', render: (p) => page({ page: 'entity', name: p.name! }) },
    { pattern: '/studio/model/publish', render: () => page({ page: 'publish' }) },
    { pattern: '/studio/model/versions', render: () => page({ page: 'versions' }) },
  ],
  links: [{ to: '/studio/model', label: 'studioModel.nav', requires: 'studio' }],
};
