/** The 'process' workspace area: the process view of one instance (see app/areas.ts). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

// bpmn-js comes with this page only: it must not weigh on the entry chunk.
const ProcessPage = lazy(() => import('./ProcessPage.js'));

export const processArea: Area = {
  routes: [
    {
      pattern: '/process/:instanceId',
      render: (p) => (
        <Suspense fallback={<Loading />}>
          <ProcessPage key={p.instanceId} instanceId={p.instanceId!} />
        </Suspense>
      ),
    },
  ],
  links: [],
};
