/** The studio area 'studio-process': the process list and the modeler (see app/areas.ts, docs/studio.md). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

// One small lazy gateway (pages.tsx) loads the pages, each a chunk of its own: the entry chunk has
// no room (admin-ui/budget.json) for more than this.
const Page = lazy(() => import('./pages.js'));
const render = (p: Record<string, string>, isNew = false) => (
  <Suspense fallback={<Loading />}>
    <Page processKey={p.key} version={p.version} isNew={isNew} />
  </Suspense>
);

export const studioProcessArea: Area = {
  routes: [
    { pattern: '/studio/processes', render },
    { pattern: '/studio/processes/new', render: (p: Record<string, string>) => render(p, true) },
    { pattern: '/studio/processes/:key/:version', render },
  ],
  links: [{ to: '/studio/processes', label: 'process.title', requires: 'studio' }],
};
