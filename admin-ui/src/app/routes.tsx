/**
 * The route table: one line per page; the workspace areas' pages (app/areas.ts) follow.
 */
import type { ReactNode } from 'react';
import { AREAS } from './areas.js';
import { RecordDetailPage, RecordFormPage, RecordListPage } from '../records/index.js';

export interface RouteDef {
  pattern: string;
  render(params: Record<string, string>): ReactNode;
}

export const ROUTES: RouteDef[] = [
  { pattern: '/records/:entity', render: (p) => <RecordListPage key={p.entity} entityName={p.entity!} /> },
  { pattern: '/records/:entity/new', render: (p) => <RecordFormPage key={`${p.entity}/new`} entityName={p.entity!} /> },
  { pattern: '/records/:entity/:id', render: (p) => <RecordDetailPage key={p.id} entityName={p.entity!} id={p.id!} tab="details" /> },
  {
    pattern: '/records/:entity/:id/activity',
    render: (p) => <RecordDetailPage key={p.id} entityName={p.entity!} id={p.id!} tab="activity" />,
  },
  {
    pattern: '/records/:entity/:id/history',
    render: (p) => <RecordDetailPage key={p.id} entityName={p.entity!} id={p.id!} tab="history" />,
  },
  { pattern: '/records/:entity/:id/edit', render: (p) => <RecordFormPage key={`${p.id}/edit`} entityName={p.entity!} id={p.id!} /> },
  ...AREAS.flatMap((a) => a.routes),
];
