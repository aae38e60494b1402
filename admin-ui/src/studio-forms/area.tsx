/**
 * The 'studio-forms' area (issue 8, form designer): the task forms of the metadata draft and one
 * form's editor with its live preview — for analysts and administrators (see app/areas.ts). One
 * lazily loaded chunk.
 */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

const FormDesignerPage = lazy(() => import('./FormDesignerPage.js'));

const page = (id?: string) => (
  <Suspense fallback={<Loading />}>
    <FormDesignerPage key={id ?? ''} id={id} />
  </Suspense>
);

export const studioFormsArea: Area = {
  routes: [
    { pattern: '/studio/forms', render: () => page() },
    { pattern: '/studio/forms/:id', render: (p) => page(p.id!) },
  ],
  links: [{ to: '/studio/forms', label: 'studioForms.nav', requires: 'studio' }],
};
