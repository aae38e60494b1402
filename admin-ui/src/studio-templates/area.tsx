/** The studio area 'templates': document templates — list, editor with live PDF preview, versions (see app/areas.ts, docs/documents.md). */
import { lazy, Suspense } from 'react';
import type { Area } from '../app/areas.js';
import { Loading } from '../app/feedback.js';

// The editor brings pdfjs-dist for the preview: both pages stay out of the entry chunk.
const TemplatesPage = lazy(() => import('./TemplatesPage.js'));
const TemplateEditorPage = lazy(() => import('./TemplateEditorPage.js'));

export const studioTemplatesArea: Area = {
  routes: [
    {
      pattern: '/studio/templates',
      render: () => (
        <Suspense fallback={<Loading />}>
          <TemplatesPage />
        </Suspense>
      ),
    },
    {
      pattern: '/studio/templates/:key',
      render: (p) => (
        <Suspense fallback={<Loading />}>
          <TemplateEditorPage key={p.key} templateKey={p.key!} />
        </Suspense>
      ),
    },
  ],
  links: [{ to: '/studio/templates', label: 'studioTemplates.nav', requires: 'studio' }],
};
