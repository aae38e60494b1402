/**
 * The view designer's calls (docs/studio.md, "View designer"): views in the shared metadata draft
 * (/api/metadata/draft/views), the check of a view being edited (nothing saved), the draft's
 * entities and roles, publishing the draft, and the preview's records query. Analysts and admins —
 * the server refuses everyone else.
 */
import { request } from './client.js';
import type { EntityDoc } from './studioModel.js';
import type { CrmRecord, Label, SortSpec, ViewMeta } from './types.js';

/** A view document as metadata/views/ holds it: what the records list reads, plus members the designer keeps as they are. */
export type ViewDoc = ViewMeta & { $schema?: string; [key: string]: unknown };

export interface ViewIssue {
  file?: string;
  path: string;
  message: string;
  document?: string;
  kind?: string;
  field?: string;
}

export interface RoleDoc {
  'x-crm-role': string;
  label: Label;
}

const base = '/api/metadata/draft/views';
const one = (name: string) => `${base}/${encodeURIComponent(name)}`;

export const listDraftViews = (signal?: AbortSignal) => request<{ revision: number; items: { name: string; document: ViewDoc; issues: ViewIssue[] }[] }>('GET', base, { signal });
export const getDraftView = (name: string, signal?: AbortSignal) => request<{ revision: number; document: ViewDoc; issues: ViewIssue[] }>('GET', one(name), { signal });
export const saveDraftView = (name: string, revision: number, document: ViewDoc) => request<{ revision: number; issues: ViewIssue[] }>('PUT', one(name), { body: { revision, document } });
export const deleteDraftView = (name: string, revision: number) => request<{ revision: number }>('DELETE', one(name), { query: { revision } });
export const checkDraftView = (name: string, document: ViewDoc, signal?: AbortSignal) =>
  request<{ revision: number; valid: boolean; issues: ViewIssue[] }>('POST', `${one(name)}/check`, { body: { document }, signal });

/** The draft's entities and roles (what columns, filters and defaultFor may name). */
export async function draftModel(signal?: AbortSignal): Promise<{ revision: number; entities: EntityDoc[]; roles: RoleDoc[] }> {
  const draft = await request<{ revision: number; documents: { entities: EntityDoc[]; roles?: RoleDoc[] } }>('GET', '/api/metadata/draft', { signal });
  return { revision: draft.revision, entities: draft.documents.entities, roles: draft.documents.roles ?? [] };
}

export const publishDraft = (revision: number) => request<{ version: number; changed: boolean }>('POST', '/api/metadata/draft/publish', { body: { revision } });

/** The first records of a view as the published model reads them (POST /api/records/:entity/query). */
export const previewRecords = (entity: string, body: { filter?: unknown; sort: SortSpec[]; expand: string[]; limit: number }, signal?: AbortSignal) =>
  request<{ items: CrmRecord[]; nextCursor: string | null; count?: number }>('POST', `/api/records/${encodeURIComponent(entity)}/query`, { body: { ...body, count: true }, signal });
