/**
 * The 'studio-admin' area (issue 8, administration): users, departments, roles, teams, territories,
 * groups, sharing rules, the access explainer with a record's shares, and resource transfer — for
 * administrators (see app/areas.ts). The pages are one lazily loaded chunk.
 */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

const AdminPage = lazy(() => import('./AdminPage.js'));

const page = (section: string) => (
  <Suspense fallback={<Loading />}>
    <AdminPage section={section} />
  </Suspense>
);

export const studioAdminArea: Area = {
  routes: [
    { pattern: '/admin', render: () => page('users') },
    { pattern: '/admin/:section', render: (p) => page(p.section!) },
  ],
  links: [{ to: '/admin', label: 'studioAdmin.nav', requires: 'admin' }],
};
