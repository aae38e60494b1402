/** The area's pages behind one lazy import (area.tsx): the list, or one version of a process. */
import { lazy } from 'react';

const ProcessListPage = lazy(() => import('./ProcessListPage.js'));
const ProcessVersionPage = lazy(() => import('./ProcessVersionPage.js'));

export default function StudioProcessPage({ processKey, version }: { processKey?: string; version?: string }) {
  if (processKey === undefined) return <ProcessListPage />;
  return <ProcessVersionPage key={`${processKey}/${version}`} processKey={processKey} version={Number(version)} />;
}
