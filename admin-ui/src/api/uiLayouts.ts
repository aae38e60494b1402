/**
 * UI layouts (metadata/layouts, docs/studio.md "UI layouts"): the session's resolved layout (from
 * /api/auth/me) and the layout editor's calls — the draft's layouts through the generic draft
 * routes (/api/metadata/draft/layouts), checked without saving, saved on a revision.
 */
import { request } from './client.js';
import type { Label } from './types.js';

export type NavigationArea = 'inbox' | 'dashboards' | 'notifications';
export const NAVIGATION_AREAS: NavigationArea[] = ['inbox', 'dashboards', 'notifications'];
export type HomeWidgetKind = 'funnel' | 'pipeline' | 'forecast' | 'overdue-tasks' | 'service-requests' | 'my-tasks' | 'view';
export const HOME_WIDGETS: HomeWidgetKind[] = ['pipeline', 'my-tasks', 'funnel', 'forecast', 'overdue-tasks', 'service-requests', 'view'];

export type NavigationEntry = { area: NavigationArea; label?: Label } | { entity: string; view?: string; label?: Label };
export interface HomeWidget {
  widget: HomeWidgetKind;
  view?: string;
  rows?: number;
  label?: Label;
}
export interface RecordSection {
  key: string;
  label: Label;
  fields: string[];
}

/** The user's layout as the server resolved it: entries with their address, only what they may read. */
export interface SessionLayout {
  name: string;
  navigation?: { to: string; label?: Label }[];
  home?: (HomeWidget & { entity?: string })[];
}

/** A layout document as metadata/layouts/<name>.json holds it. */
export interface LayoutDoc {
  $schema?: string;
  'x-crm-ui-layout'?: string;
  label?: Label;
  description?: string;
  roles: string[];
  default?: boolean;
  navigation?: NavigationEntry[];
  home?: HomeWidget[];
  records?: Record<string, { sections: RecordSection[] }>;
}

export interface LayoutIssue {
  path: string;
  message: string;
  field?: string;
}

const base = '/api/metadata/draft/layouts';
const one = (name: string) => `${base}/${encodeURIComponent(name)}`;

export const listDraftLayouts = (signal?: AbortSignal) =>
  request<{ revision: number; items: { name: string; document: LayoutDoc; issues: LayoutIssue[] }[] }>('GET', base, { signal });
export const saveDraftLayout = (name: string, revision: number, document: LayoutDoc) =>
  request<{ revision: number; issues: LayoutIssue[] }>('PUT', one(name), { body: { revision, document } });
export const checkDraftLayout = (name: string, document: LayoutDoc, signal?: AbortSignal) =>
  request<{ revision: number; valid: boolean; issues: LayoutIssue[] }>('POST', `${one(name)}/check`, { body: { document }, signal });
export const deleteDraftLayout = (name: string, revision: number) => request<{ revision: number }>('DELETE', one(name), { query: { revision } });

/** What the editor offers: the draft's roles, entities (fields) and views. */
export interface LayoutChoices {
  roles: { key: string; label?: Label }[];
  entities: { name: string; label?: Label; fields: string[] }[];
  views: { name: string; entity: string; label?: Label }[];
}
export async function layoutChoices(signal?: AbortSignal): Promise<LayoutChoices> {
  type Doc = Record<string, unknown>;
  const { documents } = await request<{ documents: Record<string, Doc[]> }>('GET', '/api/metadata/draft', { signal });
  const str = (v: unknown) => String(v);
  return {
    roles: (documents.roles ?? []).map((r) => ({ key: str(r['x-crm-role']), label: r.label as Label | undefined })),
    entities: (documents.entities ?? []).map((e) => ({ name: str(e['x-crm-entity']), label: (e['x-crm-plural-label'] ?? e['x-crm-label']) as Label | undefined, fields: Object.keys((e.properties as Doc | undefined) ?? {}) })),
    views: (documents.views ?? []).map((v) => ({ name: str(v['x-crm-view']), entity: str(v.entity), label: v.label as Label | undefined })),
  };
}
