/** The studio's entity designer (docs/studio.md): its pages and its Studio link (see app/areas.ts). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

// Everything else, even which page a path means, comes with the lazy chunk: the entry bundle is full.
const StudioModelPage = lazy(() => import('./StudioModelPage.js'));

export const studioModelArea: Area = {
  routes: ['/studio/model', '/studio/model/:page', '/studio/model/entities/:name'].map((pattern) => ({
    pattern,
    render: (p: Record<string, string>) => (
      <Suspense fallback={<Loading />}>
        <StudioModelPage params={p} />
      </Suspense>
    ),
  })),
  links: [{ to: '/studio/model', label: 'studioModel.nav', requires: 'studio' }],
};
