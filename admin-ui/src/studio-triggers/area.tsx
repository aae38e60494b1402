/**
 * The 'studio-triggers' area (issue 8, triggers editor): the triggers of the metadata draft and one
 * trigger's editor — for analysts and administrators (see app/areas.ts). One lazily loaded chunk.
 */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

const TriggersPage = lazy(() => import('./TriggersPage.js'));

const page = (name?: string) => (
  <Suspense fallback={<Loading />}>
    <TriggersPage key={name ?? ''} name={name} />
  </Suspense>
);

export const studioTriggersArea: Area = {
  routes: [
    { pattern: '/studio/triggers', render: () => page() },
    { pattern: '/studio/triggers/:name', render: (p) => page(p.name!) },
  ],
  links: [{ to: '/studio/triggers', label: 'studioTriggers.nav', requires: 'studio' }],
};
