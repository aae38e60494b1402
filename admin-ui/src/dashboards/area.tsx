/** The 'dashboards' workspace area: the dashboards page and its navigation link (see app/areas.ts). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

// echarts comes with this page only: it must not weigh on the entry chunk.
const DashboardsPage = lazy(() => import('./DashboardsPage.js'));

export const dashboardsArea: Area = {
  routes: [
    {
      pattern: '/dashboards',
      render: () => (
        <Suspense fallback={<Loading />}>
          <DashboardsPage />
        </Suspense>
      ),
    },
  ],
  links: [{ to: '/dashboards', label: 'dashboards.nav' }],
};
