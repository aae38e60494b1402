/**
 * The workspace's HTTP calls and their shapes (saved views, global search, notifications, roles,
 * attachments): kept in this file of their own, apart from types.ts, so the areas grow apart.
 */
import { ApiError, apiHeaders, request } from './client.js';
import type { CrmRecord, Label, Problem, SortSpec, User } from './types.js';

export type ViewMode = 'table' | 'kanban';

/** A person's own saved list view (GET/POST /api/saved-views). */
export interface SavedView {
  id: string;
  entity: string;
  name: string;
  filter: string | object | null;
  sort: SortSpec[];
  columns: string[] | null;
  /** The table is grouped by this field; null: not grouped. */
  groupBy: string | null;
  mode: ViewMode;
  createdAt: string;
  updatedAt: string;
}

export type SavedViewInput = Pick<SavedView, 'entity' | 'name' | 'filter' | 'sort' | 'columns' | 'groupBy' | 'mode'>;

export async function listSavedViews(entity: string): Promise<SavedView[]> {
  return (await request<{ items: SavedView[] }>('GET', '/api/saved-views', { query: { entity } })).items;
}
export const createSavedView = (view: SavedViewInput) => request<SavedView>('POST', '/api/saved-views', { body: view });
export const updateSavedView = (id: string, view: SavedViewInput) => request<SavedView>('PUT', `/api/saved-views/${encodeURIComponent(id)}`, { body: view });
export const deleteSavedView = (id: string) => request<void>('DELETE', `/api/saved-views/${encodeURIComponent(id)}`);

/** Global search (GET /api/search): hits grouped by entity, only records the user may read. */
export interface SearchHit {
  entity: string;
  id: string;
  title: string | null;
  matched: string[];
}
export interface SearchGroup {
  entity: string;
  label: Label;
  items: SearchHit[];
}
export const searchRecords = (q: string, signal?: AbortSignal) => request<{ q: string; groups: SearchGroup[] }>('GET', '/api/search', { query: { q }, signal });

/** One of my notifications (GET /api/notifications). */
export interface InAppNotification {
  id: string;
  template: string;
  subject: string;
  body: string;
  record: { entity: string; id: string } | null;
  createdAt: string;
  readAt: string | null;
}
export interface NotificationPage {
  items: InAppNotification[];
  unread: number;
  nextCursor: string | null;
}
export const listNotifications = (options: { unread?: boolean; limit?: number; before?: string } = {}) =>
  request<NotificationPage>('GET', '/api/notifications', { query: { unread: options.unread || undefined, limit: options.limit, before: options.before } });
export const markNotificationRead = (id: string) => request<{ id: string; readAt: string }>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);

/** What GET /api/auth/me tells about the user's place in the organisation. */
export interface Memberships {
  role: string | null;
  departments: string[];
  teams: string[];
  groups: string[];
  territories: unknown[];
}
export type Me = User & { memberships?: Memberships };

export interface RoleInfo {
  key: string;
  label: Label;
  parent?: string | null;
  default?: boolean;
}
export async function listRoles(): Promise<RoleInfo[]> {
  return (await request<{ roles: RoleInfo[] }>('GET', '/api/metadata/roles')).roles;
}

/** An attachment record (entity `attachment`) of a record. */
export interface Attachment extends CrmRecord {
  name: string;
  mimeType: string;
  size: number;
  description?: string | null;
}
const attachmentsPath = (entity: string, id: string) => `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/attachments`;
export async function listAttachments(entity: string, id: string, signal?: AbortSignal): Promise<Attachment[]> {
  return (await request<{ items: Attachment[] }>('GET', attachmentsPath(entity, id), { signal })).items;
}
export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}/content`;

/** Multipart upload (part `file`); the CSRF token is repeated as for every write. */
export async function uploadAttachment(entity: string, id: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await fetch(attachmentsPath(entity, id), { method: 'POST', body: form, credentials: 'same-origin', headers: apiHeaders('POST') });
  const payload = (await response.json().catch(() => ({ title: response.statusText }))) as Problem & Attachment;
  if (!response.ok) throw new ApiError(response.status, { status: response.status, ...payload });
  return payload;
}
