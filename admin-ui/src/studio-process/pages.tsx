/** The area's pages behind one lazy import (area.tsx): the list, a new process, or one version of a process. */
import { lazy } from 'react';

const ProcessListPage = lazy(() => import('./ProcessListPage.js'));
const ProcessVersionPage = lazy(() => import('./ProcessVersionPage.js'));
const NewProcessPage = lazy(() => import('./NewProcessPage.js'));

export default function StudioProcessPage({ processKey, version, isNew }: { processKey?: string; version?: string; isNew?: boolean }) {
  if (isNew) return <NewProcessPage />;
  if (processKey === undefined) return <ProcessListPage />;
  return <ProcessVersionPage key={`${processKey}/${version}`} processKey={processKey} version={Number(version)} />;
}
